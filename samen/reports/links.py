"""The raadsbrieven of a P&C year, for the council's calendar (registered in ``ReportsConfig.ready``).

The council sits below reports, so it cannot ask for digests itself; it shows what this gives it.
"""

from typing import Any

from samen import permissions
from samen.council.links import MomentLink
from samen.reports.models import CouncilDigest
from samen.reports.services import digest_url


def digests_of_year(person: Any, collaboration: Any, year: int) -> list[MomentLink]:
    """The digests tied to a moment of ``year`` that the person may read (one query)."""
    drafts = permissions.can_view_digest_drafts(person, collaboration)
    digests = CouncilDigest.objects.for_collaboration(collaboration, drafts=drafts).filter(pc_year=year)
    return [
        MomentLink(ref=d.pc_moment, title=d.title, url=digest_url(d), status=str(d.get_status_display()))
        for d in digests.exclude(pc_moment="")
    ]

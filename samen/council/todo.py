"""What raadsgrip asks of people, and what it shows readers.

- A contact of a partner: while a document's zienswijze period runs and that partner's council has no
  adopted zienswijze yet, enter it (or adopt the draft), by the last day of the period.
- The facilitator: once the period has ended, record what the GR body did with the adopted
  zienswijzen (one item per document, not one per council).
- A reader (councillors, the griffie): the documents on which their council may give a zienswijze now.

Each answers in at most two queries, whatever the number of documents or partners.
"""

from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING
from uuid import UUID

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from samen import permissions
from samen.core import formatting
from samen.council.models import Document, Zienswijze
from samen.todo.items import ActingPartner, Kind, PublishedItem, PublishedKind, TodoItem, acting_partners, item

if TYPE_CHECKING:
    from samen.accounts.models import Person


def open_actions(person: "Person", collaboration_ids: Sequence[UUID]) -> list[TodoItem]:
    """Zienswijzen the person's councils still owe, and the GR body's reactions the facilitator still owes."""
    partners = acting_partners(person, collaboration_ids)
    facilitated = permissions.facilitated_ids(person, collaboration_ids)
    return _zienswijzen_owed(partners) + _reactions_owed(facilitated)


def _zienswijzen_owed(partners: dict[UUID, ActingPartner]) -> list[TodoItem]:
    if not partners:
        return []
    today = timezone.localdate()
    documents = list(
        Document.objects.filter(
            collaboration_id__in={p.collaboration_id for p in partners.values()},
            collaboration__workspace_active=True,
            asks_zienswijze=True,
            zienswijze_until__gte=today,
        ).values_list("pk", "title", "zienswijze_until", "collaboration_id", "collaboration__name")
    )
    if not documents:
        return []
    state = {
        (document_id, partner_id): adopted_at is not None
        for document_id, partner_id, adopted_at in Zienswijze.objects.filter(
            document_id__in=[row[0] for row in documents], partner_id__in=list(partners)
        ).values_list("document_id", "partner_id", "adopted_at")
    }
    found = []
    for document_id, title, until, collaboration_id, collaboration_name in documents:
        for partner in partners.values():
            if partner.collaboration_id != collaboration_id or state.get((document_id, partner.id)):
                continue
            if (document_id, partner.id) in state:
                text = _("Stel de zienswijze van %(partner)s op ‘%(title)s’ vast")
            else:
                text = _("Leg de zienswijze van de raad van %(partner)s op ‘%(title)s’ vast")
            url = reverse("council:document", args=[collaboration_id, document_id]) + f"#zienswijze-{partner.id}"
            found.append(
                item(
                    Kind.ZIENSWIJZE,
                    text % {"partner": partner.name, "title": title},
                    collaboration_id,
                    collaboration_name,
                    url,
                    until,
                )
            )
    return found


def _reactions_owed(facilitated: set[UUID]) -> list[TodoItem]:
    if not facilitated:
        return []
    rows = Zienswijze.objects.filter(
        document__collaboration_id__in=facilitated,
        document__collaboration__workspace_active=True,
        document__zienswijze_until__lt=timezone.localdate(),
        adopted_at__isnull=False,
        response="",
    ).values_list("document_id", "document__title", "document__collaboration_id", "document__collaboration__name")
    counts = Counter(rows)
    return [
        item(
            Kind.ZIENSWIJZE_RESPONSE,
            _("Leg vast wat het bestuur deed met %(count)s zienswijzen op ‘%(title)s’")
            % {"count": count, "title": title}
            if count > 1
            else _("Leg vast wat het bestuur deed met de zienswijze op ‘%(title)s’") % {"title": title},
            collaboration_id,
            collaboration_name,
            reverse("council:document", args=[collaboration_id, document_id]),
            None,
        )
        for (document_id, title, collaboration_id, collaboration_name), count in sorted(counts.items())
    ]


def published_items(person: "Person", collaboration_ids: Sequence[UUID], *, limit: int = 10) -> list[PublishedItem]:
    """For readers: the documents on which the councils may give a zienswijze now (one query)."""
    documents = Document.objects.filter(
        collaboration_id__in=collaboration_ids,
        collaboration__workspace_active=True,
        asks_zienswijze=True,
        zienswijze_until__gte=timezone.localdate(),
    ).order_by("zienswijze_until")
    rows = documents.values_list(
        "pk", "title", "sent_on", "zienswijze_until", "collaboration_id", "collaboration__name"
    )
    return [
        PublishedItem(
            PublishedKind.ZIENSWIJZE_PERIOD,
            _("‘%(title)s’: de raad kan een zienswijze geven tot en met %(until)s")
            % {"title": title, "until": formatting.date(until)},
            collaboration_id,
            collaboration_name,
            reverse("council:document", args=[collaboration_id, pk]),
            sent_on,
        )
        for pk, title, sent_on, until, collaboration_id, collaboration_name in rows[:limit]
    ]

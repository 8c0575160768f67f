"""The health view stays readable (and light) for a collaboration with 129 partners."""

import re

import pytest
from django.urls import reverse

from samen.collaborations.models import Collaboration, CollaborationKind, LegalForm, Partner, Role, RoleKind
from samen.interests.services import create_ambition, pledge
from tests.personas import municipality, municipality_rows, person
from tests.todo.conftest import draft_declaration, honesty_round

pytestmark = pytest.mark.django_db

MAX_HTML_BYTES = 200_000


def large_collaboration(demo, size: int) -> Collaboration:
    """A GR of ``size`` real municipalities, each with an ambtelijk contact who pledged and drafted."""
    collaboration = Collaboration.objects.create(
        name=f"Regeling van {size} gemeenten (test)",
        kind=CollaborationKind.GR,
        legal_form=LegalForm.PUBLIC_BODY,
        workspace_active=True,
    )
    Role.objects.create(person=demo.facilitator, collaboration=collaboration, kind=RoleKind.FACILITATOR)
    contacts = []
    for code in sorted(municipality_rows())[:size]:
        partner = Partner.objects.create(collaboration=collaboration, organisation=municipality(code))
        contact = person(f"beleid@{code.lower()}.example", f"Beleid {partner.organisation.name}", partner.organisation)
        Role.objects.create(person=contact, collaboration=collaboration, partner=partner, kind=RoleKind.OFFICIAL)
        contacts.append((partner, contact))
    from samen.permissions import forget_roles

    forget_roles(demo.facilitator)
    demo.collaboration = collaboration  # the helpers work on ``demo.collaboration``
    round_ = honesty_round(demo)
    ambition = create_ambition(
        collaboration=collaboration, by=demo.facilitator, title="Eén regionale vergunningverlening"
    )
    for n, (partner, contact) in enumerate(contacts):
        pledge(ambition=ambition, partner=partner, by=contact, urgency=1 + n % 5, hours_per_month=8 + n % 20)
        if n % 3:
            draft_declaration(round_, partner, contact)
    return collaboration


def test_the_health_view_of_129_partners_is_a_compact_table_under_200_kb(demo, client_for):
    collaboration = large_collaboration(demo, 129)
    url = reverse("health:health", args=[collaboration.pk])
    response = client_for(demo.facilitator).get(url)
    assert response.status_code == 200
    html = response.content
    assert len(html) < MAX_HTML_BYTES, f"{len(html)} bytes"
    text = html.decode()
    assert len(re.findall(r"<svg ", text)) == 1  # only the trend; radars come one at a time, on demand
    assert text.count('<th class="utrecht-table__header-cell" scope="row">') >= 129
    assert 'role="region"' in text
    assert "Score per partner en gebied (0–100)" in text


def test_one_partners_radar_is_shown_on_demand_and_the_table_sorts_worst_first(demo, client_for):
    collaboration = large_collaboration(demo, 26)
    chosen = Partner.objects.filter(collaboration=collaboration).order_by("organisation__name")[3]
    client = client_for(demo.facilitator)
    url = reverse("health:health", args=[collaboration.pk])
    text = client.get(url, {"radar": str(chosen.pk)}).content.decode()
    radars = re.findall(r'<svg role="img" aria-label="([^"]+)"', text)
    assert len(radars) == 2
    assert radars[0].startswith(f"Vijf gebieden voor {chosen.organisation.name}")
    by_honesty = client.get(url, {"sorteer": "eerlijk"}).content.decode()
    assert 'aria-current="true"' in by_honesty
    table = by_honesty.split('id="partnertabel-titel"', 1)[1].split("</table>", 1)[0]
    rows = table.split('scope="row">')[1:]
    honesty_column = 1  # Ambitie, Eerlijk, ...
    scores = [int(re.findall(r"<td[^>]*>(?:<span[^>]*>)?(\d+)", row)[honesty_column]) for row in rows]
    assert len(scores) == 26
    assert scores == sorted(scores)
    assert scores[0] < scores[-1]  # no declaration at all before a draft

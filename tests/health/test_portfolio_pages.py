"""The national portfolio comes in pages that keep the chosen sort and filter, without JavaScript."""

import re

import pytest
from django.urls import reverse

from samen.collaborations.models import Collaboration, CollaborationKind, Role, RoleKind
from samen.health.views import PORTFOLIO_PAGE_SIZE

pytestmark = pytest.mark.django_db

ROW_NAME = re.compile(r'scope="row"><a [^>]+>([^<]+)</a>')


@pytest.fixture
def many(demo):
    """The demo's facilitator holds a role in a page and a half of collaborations."""
    count = PORTFOLIO_PAGE_SIZE + PORTFOLIO_PAGE_SIZE // 2
    made = Collaboration.objects.bulk_create(
        [
            Collaboration(name=f"Regeling {n:03d}", kind=CollaborationKind.GR, workspace_active=True)
            for n in range(count)
        ]
    )
    Role.objects.bulk_create([Role(person=demo.facilitator, collaboration=c, kind=RoleKind.FACILITATOR) for c in made])
    return demo, count + 1  # and the demo's own collaboration


def test_the_first_page_shows_one_page_of_rows_and_links_to_the_next(many, client_for):
    demo, total = many
    text = client_for(demo.facilitator).get(reverse("health:portfolio") + "?sorteer=naam").content.decode()
    assert len(ROW_NAME.findall(text)) == PORTFOLIO_PAGE_SIZE
    assert f"{total} van {total} samenwerkingen getoond." in text
    assert f"Hieronder nummer 1 tot en met {PORTFOLIO_PAGE_SIZE}." in text
    assert 'rel="next" href="?sorteer=naam&amp;pagina=2"' in text


def test_the_next_page_keeps_the_sort_and_holds_the_rest(many, client_for):
    demo, total = many
    client = client_for(demo.facilitator)
    first = ROW_NAME.findall(client.get(reverse("health:portfolio") + "?sorteer=naam&richting=af").content.decode())
    second_page = client.get(reverse("health:portfolio") + "?sorteer=naam&richting=af&pagina=2").content.decode()
    second = ROW_NAME.findall(second_page)
    assert len(first) + len(second) == total
    assert first + second == sorted(first + second, key=str.lower, reverse=True)
    assert 'rel="prev" href="?sorteer=naam&amp;richting=af&amp;pagina=1"' in second_page


def test_a_filter_narrows_before_paging_and_a_page_past_the_end_shows_the_last(many, client_for):
    demo, _total = many
    client = client_for(demo.facilitator)
    filtered = client.get(reverse("health:portfolio") + "?q=Regeling+00").content.decode()
    assert ROW_NAME.findall(filtered) == [f"Regeling 00{n}" for n in range(10)]
    assert "utrecht-pagination" not in filtered
    beyond = client.get(reverse("health:portfolio") + "?sorteer=naam&pagina=99")
    assert beyond.status_code == 200
    assert "Pagina 2 van 2" in beyond.content.decode()

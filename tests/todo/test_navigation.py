"""No navigation link leads a persona to a page they may not see (no 404, no 403)."""

import re

import pytest
from django.urls import reverse

from tests.todo.conftest import consent_round, open_checkin, published_digest

pytestmark = pytest.mark.django_db

NAV = re.compile(r"<nav\b[^>]*>(.*?)</nav>", re.S)
HREF = re.compile(r'href="(/[^"#?]*)[^"]*"')


def nav_links(html: str) -> set[str]:
    """Every link inside a <nav> of the page (main menu, workspace tabs, sub-navigation, breadcrumbs)."""
    return {href for block in NAV.findall(html) for href in HREF.findall(block)}


@pytest.mark.parametrize(
    "persona",
    [
        "facilitator",
        "utrecht_beleidsmedewerker",
        "utrecht_wethouder",
        "zeist_beleidsmedewerker",
        "de_bilt_wethouder",
        "raadslid",
        "amersfoort_beleidsmedewerker",
    ],
)
def test_every_navigation_link_of_the_workspace_opens_for_the_persona(demo, client_for, persona):
    consent_round(demo)
    open_checkin(demo)
    published_digest(demo)
    client = client_for(demo.everyone[persona])
    # Amersfoort has no part in the demo collaboration, which is not in the register and so private:
    # it starts from its own collaboration.
    own = demo.other_collaboration if persona == "amersfoort_beleidsmedewerker" else demo.collaboration
    start = reverse("collaborations:detail", args=[own.pk])
    seen: set[str] = set()
    todo = [start, reverse("collaborations:mine")]
    depth = {start: 0, todo[1]: 0}
    broken = []
    while todo:
        url = todo.pop()
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        if response.status_code in (403, 404):
            broken.append((url, response.status_code))
            continue
        if depth[url] < 2 and response.status_code == 200 and "text/html" in response["Content-Type"]:
            for link in nav_links(response.text) - seen:
                if link.startswith(("/accounts/logout", "/i18n/", "/beheer/")):
                    continue
                depth.setdefault(link, depth[url] + 1)
                todo.append(link)
    assert not broken, broken
    assert len(seen) > 5

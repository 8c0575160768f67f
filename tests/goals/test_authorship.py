"""Co-authorship: each partner's share of the words of a goal written together."""

import pytest
from django.urls import reverse

from samen.goals import services
from samen.goals.authorship import attribute, shares
from tests.goals.conftest import draft_goal

pytestmark = pytest.mark.django_db


class Edit:
    def __init__(self, partner_id, version_id, text):
        self.partner_id, self.version_id, self.title, self.text = partner_id, version_id, "Doel", text


def test_words_kept_keep_their_author_and_new_words_go_to_the_editor():
    owners, per_version = attribute(
        [
            Edit("utrecht", 1, "een twee drie vier"),
            Edit("zeist", 1, "een twee drie vier vijf zes"),
            Edit("de_bilt", 2, "een twee DRIE vier vijf zes"),
        ]
    )
    result = {share.partner: (share.words, share.percent) for share in shares(owners, {p: p for p in owners})}
    assert result == {"utrecht": (4, 57), "zeist": (2, 29), "de_bilt": (1, 14)}  # "Doel" + 3 words for Utrecht
    assert per_version[2].added == 1
    assert per_version[2].removed == 1


def test_goal_page_shows_each_partners_share(demo, client_for):
    goal = draft_goal(demo, text="Binnen vier weken een besluit")
    services.save_draft(
        version=goal.latest_version,
        by=demo.zeist_beleidsmedewerker,
        expected_version=None,
        title="Sneller vergunnen",
        text="Binnen vier weken een besluit, ook voor ondernemers",
    )
    page = client_for(demo.de_bilt_beleidsmedewerker).get(reverse("goals:goal", args=[demo.collaboration.pk, goal.pk]))
    table = page.text.split("Aandeel van elke partner")[1].split("</table>")[0]
    assert "Utrecht" in table
    assert "Zeist" in table
    assert "70%" in table  # 7 of 10 words by Utrecht
    assert "30%" in table

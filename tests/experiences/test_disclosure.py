"""Disclosure control of check-ins: no combination of shown figures reveals a group under three respondents.

What someone sees of a closed check-in is, per shown partner, its count and averages, and for the whole
collaboration its count (and its averages from three). Sums of answers of any group that can be written
as a combination of shown groups (the total minus some shown partners, ...) can be worked out; every such
group must be empty or hold at least three respondents, and no hidden partner's own count may follow.
"""

import itertools
import re

import pytest
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from samen.api import services as api_services
from samen.experiences.results import MIN_RESPONDENTS, disclosure, results_for
from tests.api.conftest import ApiClient
from tests.experiences.conftest import answer, open_checkin
from tests.experiences.test_checkins import close, extra_contact

# A collaboration has at least two partners.
counts_per_partner = st.dictionaries(
    keys=st.sampled_from("abcdefgh"), values=st.integers(min_value=0, max_value=12), min_size=2, max_size=7
)


def derivable_groups(counts, shown_groups):
    """Every group (set of partners) whose totals follow from the shown groups' totals by adding and subtracting."""
    keys = sorted(counts)
    vectors = [tuple(1 if key in group else 0 for key in keys) for group in shown_groups]
    found = set()
    for coefficients in itertools.product((-1, 0, 1), repeat=len(vectors)):
        combined = [sum(c * v[i] for c, v in zip(coefficients, vectors, strict=True)) for i in range(len(keys))]
        if all(x in (0, 1) for x in combined):
            found.add(frozenset(key for key, x in zip(keys, combined, strict=True) if x))
    return found


@settings(max_examples=400, deadline=None)
@given(counts_per_partner)
def test_no_combination_of_shown_averages_reveals_a_group_under_three(counts):
    decided = disclosure(counts)
    shown = [frozenset({key}) for key in decided.partners]
    if decided.total:
        shown.append(frozenset(counts))
    for group in derivable_groups(counts, shown):
        answered = sum(counts[key] for key in group)
        assert answered == 0 or answered >= MIN_RESPONDENTS, (counts, decided, sorted(group))


@settings(max_examples=400, deadline=None)
@given(counts_per_partner)
def test_no_hidden_partners_count_follows_from_the_shown_counts(counts):
    decided = disclosure(counts)
    # The total count is always shown (it is shown while the check-in is open, too).
    shown = [frozenset({key}) for key in decided.partners] + [frozenset(counts)]
    for group in derivable_groups(counts, shown):
        if len(group) == 1:
            (key,) = group
            assert key in decided.partners or counts[key] == 0, (counts, decided)


@settings(max_examples=200, deadline=None)
@given(counts_per_partner)
def test_a_partner_with_three_or_more_is_hidden_only_to_protect_another(counts):
    decided = disclosure(counts)
    assert all(counts[key] >= MIN_RESPONDENTS for key in decided.partners)
    lost = [key for key in counts if counts[key] >= MIN_RESPONDENTS and key not in decided.partners]
    assert len(lost) <= 1
    if lost:
        assert 0 < sum(n for key, n in counts.items() if n < MIN_RESPONDENTS) < MIN_RESPONDENTS


def test_the_examples_of_the_issue():
    # One partner hidden with 1 respondent, beside a shown total: the smallest shown partner is hidden too.
    assert disclosure({"utrecht": 5, "zeist": 4, "de_bilt": 1}).partners == {"utrecht"}
    # Two partners below three that together reach three are hidden together: nothing else needs to go.
    assert disclosure({"utrecht": 5, "zeist": 2, "de_bilt": 1}).partners == {"utrecht"}
    assert disclosure({"utrecht": 5, "zeist": 2, "de_bilt": 1, "amersfoort": 4}).partners == {"utrecht", "amersfoort"}
    assert disclosure({"utrecht": 2, "zeist": 0}).total is False


# --- the same decision on the page, in the CSV, in the export of lists and in the API ------------------


@pytest.fixture
def closed_checkin(demo):
    """Utrecht 3 answers, Zeist 3, De Bilt 1: De Bilt is hidden, and one of the others with it."""
    checkin = open_checkin(demo)
    people = {
        demo.utrecht: [demo.utrecht_beleidsmedewerker, demo.utrecht_wethouder, extra_contact(demo, demo.utrecht, "U3")],
        demo.zeist: [demo.zeist_beleidsmedewerker, demo.zeist_wethouder, extra_contact(demo, demo.zeist, "Z3")],
        demo.de_bilt: [demo.de_bilt_beleidsmedewerker],
    }
    for partner, persons in people.items():
        for person in persons:
            answer(checkin, person, partner, trust=1 if partner == demo.de_bilt else 4)
    return close(checkin, demo)


def test_hidden_partners_show_neither_count_nor_figures_anywhere(demo, closed_checkin, client_for):
    outcome = results_for(closed_checkin)
    counts = {str(row.partner): row.respondents for row in outcome.partners}
    # Utrecht and Zeist both have 3; one of them (which, the tie-break decides) is hidden with De Bilt.
    shown, hidden = (demo.utrecht, demo.zeist) if counts["Utrecht"] else (demo.zeist, demo.utrecht)
    assert counts == {str(shown): 3, str(hidden): None, "De Bilt": None}
    assert outcome.overall.respondents == 7
    client = client_for(demo.utrecht_beleidsmedewerker)
    pk = demo.collaboration.pk
    page = client.get(reverse("experiences:checkin", args=[pk, closed_checkin.pk])).text
    rows = {
        name: re.sub(r"<[^>]+>|\s+", " ", html)
        for name, html in re.findall(r"<th[^>]*row\">([^<]+)</th>(.*?)</tr>", page, re.S)
    }
    assert "Niet getoond" in rows["De Bilt"]
    assert not re.search(r"\d", rows["De Bilt"])
    assert not re.search(r"\d", rows[str(hidden)])
    csv_text = client.get(reverse("experiences:checkin_export", args=[pk, closed_checkin.pk])).content.decode()
    by_group = {line.split(";")[0]: line.split(";")[1:] for line in csv_text.strip().splitlines()}
    assert by_group["De Bilt"][0] == ""
    assert by_group[str(hidden)][0] == ""
    assert by_group[str(shown)][0] == "3"
    listed = client.get(reverse("reports:export_list", args=[pk, "checkins", "csv"])).content.decode("utf-8-sig")
    assert "De Bilt" not in listed
    assert str(hidden) not in listed
    _token, raw = api_services.create_token(by=demo.utrecht_beleidsmedewerker, name="test", scope="lezen")
    api = ApiClient(raw)
    found = api.get(f"/samenwerkingen/{pk}/check-ins").json()["results"][0]["perDeelnemer"]
    assert {row["deelnemer"]: (row["respondenten"], row["gemiddelden"] is None) for row in found} == {
        str(shown.pk): (3, False),
        str(hidden.pk): (None, True),
        str(demo.de_bilt.pk): (None, True),
    }

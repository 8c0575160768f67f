"""Dates: every form and API field with a date accepts 1900–2100 only, with a Dutch message and no change."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from samen.audit.models import AuditEvent
from samen.core.dates import DateField, validate_sane_date
from tests.goals.conftest import draft_goal

pytestmark = pytest.mark.django_db

OUT_OF_RANGE = "Kies een datum tussen 1900 en 2100."


@pytest.mark.parametrize("value", [datetime.date(1899, 12, 31), datetime.date(2101, 1, 1), datetime.date(9999, 12, 31)])
def test_a_date_outside_1900_to_2100_is_refused_in_dutch(value):
    with pytest.raises(ValidationError, match=OUT_OF_RANGE):
        validate_sane_date(value)


@pytest.mark.parametrize("value", [datetime.date(1900, 1, 1), datetime.date(2026, 3, 3), datetime.date(2100, 12, 31)])
def test_a_date_inside_the_window_is_accepted(value):
    validate_sane_date(value)
    assert DateField().clean(value.isoformat()) == value


@pytest.mark.parametrize("typed", ["9999-12-31", "0001-01-01", "99999-01-01", "2026-02-30", "morgen"])
def test_the_form_field_refuses_nonsense_without_an_exception(typed):
    with pytest.raises(ValidationError):
        DateField().clean(typed)


def test_the_date_picker_offers_only_the_window():
    html = DateField().widget.render("d", None)
    assert 'min="1900-01-01"' in html
    assert 'max="2100-12-31"' in html


def pages(demo):
    """(page, persona, the date field) for every web form with a date."""
    goal = draft_goal(demo)
    pk = demo.collaboration.pk
    return [
        (reverse("collaborations:create"), demo.facilitator, "start_date"),
        (reverse("reports:digests", args=[pk]), demo.facilitator, "period_end"),
        (reverse("reports:plan", args=[pk]), demo.facilitator, "period_end"),
        (reverse("experiences:checkin_schedule", args=[pk]), demo.facilitator, "first_opens_on"),
        (reverse("experiences:deviation_announce", args=[pk]), demo.utrecht_beleidsmedewerker, "ends_on"),
        (reverse("goals:result_new", args=[pk, goal.pk]), demo.utrecht_beleidsmedewerker, "due_on"),
        (reverse("goals:commitment_new", args=[pk, goal.pk]), demo.utrecht_beleidsmedewerker, "due_on"),
        (reverse("goals:open_round", args=[pk, goal.pk]), demo.facilitator, "deadline"),
        (reverse("successes:record", args=[pk]), demo.utrecht_beleidsmedewerker, "date"),
        (reverse("interests:round_open", args=[pk]), demo.facilitator, "deadline"),
    ]


@pytest.mark.parametrize("typed", ["9999-12-31", "1000-01-01"])
def test_every_date_on_a_page_outside_the_window_is_refused_and_nothing_changes(demo, client_for, typed):
    for url, person, field in pages(demo):
        before = AuditEvent.objects.count()
        response = client_for(person).post(url, {field: typed, "kind": "overig"}, follow=True)
        # The planning form lives on the raadsbrieven page: its refusal is a message there, after a redirect.
        assert response.status_code == (200 if "planning" in url else 400), (url, response.status_code)
        assert OUT_OF_RANGE in response.text, url
        assert AuditEvent.objects.count() == before, url


def test_a_raadsbrief_period_ending_in_9999_is_a_dutch_message_not_a_server_error(demo, client_for):
    response = client_for(demo.facilitator).post(
        reverse("reports:digests", args=[demo.collaboration.pk]),
        {"period_start": "2026-01-01", "period_end": "9999-12-31"},
    )
    assert response.status_code == 400
    assert OUT_OF_RANGE in response.text


def test_a_checkin_series_starting_in_9999_is_a_dutch_message_not_a_server_error(demo, client_for):
    response = client_for(demo.facilitator).post(
        reverse("experiences:checkin_schedule", args=[demo.collaboration.pk]),
        {"first_opens_on": "9999-12-31", "open_days": 14, "count": 12, "interval_weeks": 26},
    )
    assert response.status_code == 400
    assert OUT_OF_RANGE in response.text


def test_the_latest_checkin_series_still_fits_in_the_calendar(demo, client_for):
    response = client_for(demo.facilitator).post(
        reverse("experiences:checkin_schedule", args=[demo.collaboration.pk]),
        {"first_opens_on": "2100-12-31", "open_days": 60, "count": 12, "interval_weeks": 26},
    )
    assert response.status_code in (200, 302)

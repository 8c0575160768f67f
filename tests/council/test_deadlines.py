"""The Wgr moments (as in force since 1 July 2022) date by date, with the Algemene termijnenwet's weekend rule."""

import datetime

from samen.council.deadlines import (
    Key,
    easter,
    extend_period_end,
    holidays,
    latest_draft_budget_sending,
    sent_late,
    wgr_moments,
    zienswijze_until,
)

D = datetime.date


def by_key(moments):
    return {moment.key: moment for moment in moments if moment.key != Key.OWN}


def test_kaderbrief_and_provisional_accounts_are_due_before_15_april():
    moments = by_key(wgr_moments(2026))
    assert moments[Key.KADERBRIEF].due == D(2026, 4, 14)
    assert moments[Key.PROVISIONAL_ACCOUNTS].due == D(2026, 4, 14)
    assert "34b" in str(moments[Key.KADERBRIEF].basis)


def test_accounts_before_15_july_and_budget_before_1_august():
    moments = by_key(wgr_moments(2026))
    assert moments[Key.ACCOUNTS].due == D(2026, 7, 14)
    assert moments[Key.BUDGET].due == D(2026, 7, 31)


def test_fixed_dates_are_not_moved_even_on_a_weekend():
    """14 April 2024 was a Sunday: "vóór 15 april" stays 14 April, the GR body can always send earlier."""
    assert D(2024, 4, 14).weekday() == 6
    assert by_key(wgr_moments(2024))[Key.KADERBRIEF].due == D(2024, 4, 14)


def test_zienswijze_period_is_twelve_weeks_from_the_date_sent():
    until, moved = zienswijze_until(D(2026, 3, 9))  # a Monday
    assert until == D(2026, 6, 1)
    assert moved is None
    assert by_key(wgr_moments(2026, draft_budget_sent_on=D(2026, 3, 9)))[Key.ZIENSWIJZEN].due == D(2026, 6, 1)


def test_zienswijze_period_ending_on_a_saturday_ends_on_monday():
    until, moved = zienswijze_until(D(2026, 3, 7))  # a Saturday + 12 weeks = Saturday 30 May 2026
    assert moved == D(2026, 5, 30)
    assert until == D(2026, 6, 1)


def test_zienswijze_period_ending_on_kings_day_ends_the_next_day():
    until, moved = zienswijze_until(D(2026, 2, 2))  # 12 weeks later: Monday 27 April 2026, Koningsdag
    assert moved == D(2026, 4, 27)
    assert until == D(2026, 4, 28)


def test_zienswijze_period_ending_on_whit_monday_skips_it():
    # Pinksteren 2026: Sunday 24 May, so tweede pinksterdag is Monday 25 May.
    until, moved = zienswijze_until(D(2026, 3, 1))  # a Sunday: ends Sunday 24 May, then Monday is a holiday
    assert moved == D(2026, 5, 24)
    assert until == D(2026, 5, 26)


def test_a_draft_budget_sent_late_gets_its_full_period_and_is_marked_late():
    latest = latest_draft_budget_sending(2026)
    assert latest == D(2026, 5, 8)
    sent = D(2026, 6, 1)
    assert sent_late(latest, sent)
    assert not sent_late(latest, D(2026, 5, 8))
    zienswijzen = by_key(wgr_moments(2026, draft_budget_sent_on=sent))[Key.ZIENSWIJZEN]
    assert zienswijzen.due == D(2026, 8, 24)  # after 1 August: the budget cannot be adopted on time
    assert zienswijzen.due > by_key(wgr_moments(2026))[Key.BUDGET].due
    assert not zienswijzen.derived


def test_without_a_sending_date_the_zienswijze_end_is_derived_from_the_latest_sending():
    zienswijzen = by_key(wgr_moments(2026))[Key.ZIENSWIJZEN]
    assert zienswijzen.derived
    assert zienswijzen.due == D(2026, 7, 31)


def test_a_regeling_adds_its_own_moments_in_date_order():
    moments = wgr_moments(2026, own=[("Voorjaarsnota AB", D(2026, 3, 1)), ("Najaarsnota AB", D(2026, 11, 15))])
    titles = [str(moment.title) for moment in moments]
    assert titles[0] == "Voorjaarsnota AB"
    assert titles[-1] == "Najaarsnota AB"
    assert [moment.due for moment in moments] == sorted(moment.due for moment in moments)
    assert str(moments[0].basis) == "de gemeenschappelijke regeling"


def test_easter_dates():
    assert easter(2024) == D(2024, 3, 31)
    assert easter(2025) == D(2025, 4, 20)
    assert easter(2026) == D(2026, 4, 5)
    assert easter(2027) == D(2027, 3, 28)


def test_holidays_of_the_algemene_termijnenwet():
    days = holidays(2026)
    assert D(2026, 4, 6) in days  # tweede paasdag
    assert D(2026, 5, 14) in days  # Hemelvaartsdag
    assert D(2026, 5, 5) in days
    assert D(2026, 12, 26) in days
    assert D(2026, 4, 3) not in days  # Goede Vrijdag is no holiday under the Atw
    # Koningsdag moves to Saturday 26 April when 27 April is a Sunday (2025).
    assert D(2025, 4, 26) in holidays(2025)
    assert D(2025, 4, 27) not in holidays(2025)


def test_extending_past_christmas_and_a_weekend():
    # 25 December 2026 is a Friday: Friday, Saturday 26 (holiday and weekend), Sunday -> Monday 28.
    assert extend_period_end(D(2026, 12, 25)) == D(2026, 12, 28)
    assert extend_period_end(D(2026, 12, 24)) == D(2026, 12, 24)

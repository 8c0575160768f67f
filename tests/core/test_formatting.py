"""Numbers, amounts, percentages and dates read as Dutch readers expect, the same on every page and export."""

import datetime
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import timezone, translation

from samen.core import formatting


@pytest.mark.parametrize(
    ("value", "decimals", "shown"),
    [
        (1250, 0, "1.250"),
        (2500000, 0, "2.500.000"),
        (999, 0, "999"),
        (Decimal("1234.56"), 1, "1.234,6"),
        (1234.56, 2, "1.234,56"),
        (Decimal("4"), 1, "4,0"),
        (0, 0, "0"),
    ],
)
def test_a_number_groups_thousands_with_a_full_stop_and_writes_decimals_after_a_comma(value, decimals, shown):
    assert formatting.number(value, decimals) == shown


@pytest.mark.parametrize(
    ("value", "decimals", "shown"),
    [
        (Decimal("2.25"), 1, "2,3"),
        (Decimal("2.35"), 1, "2,4"),
        (Decimal("2.5"), 0, "3"),
        (Decimal("3.5"), 0, "4"),
        (Decimal("-2.5"), 0, "-3"),
        (2.675, 2, "2,68"),  # read as the 2.675 people typed, not as the binary 2.67499…
        (0.1 + 0.2, 1, "0,3"),
    ],
)
def test_rounding_is_half_up_as_people_round_by_hand(value, decimals, shown):
    assert formatting.number(value, decimals) == shown


@pytest.mark.parametrize(
    ("value", "decimals", "shown"),
    [
        (-1250, 0, "-1.250"),
        (Decimal("-0.04"), 1, "0,0"),
        (-0.001, 1, "0,0"),
        (Decimal("-1234567.89"), 1, "-1.234.567,9"),
    ],
)
def test_a_negative_number_keeps_its_minus_and_a_value_that_rounds_to_zero_has_none(value, decimals, shown):
    assert formatting.number(value, decimals) == shown


def test_numbers_beyond_what_a_float_holds_keep_every_digit():
    assert formatting.number(Decimal("123456789012345678901234567890.125"), 2) == (
        "123.456.789.012.345.678.901.234.567.890,13"
    )
    assert formatting.number(10**30) == "1.000.000.000.000.000.000.000.000.000.000"


def test_int_float_and_decimal_of_the_same_value_read_the_same():
    assert formatting.number(12, 1) == formatting.number(12.0, 1) == formatting.number(Decimal("12.000"), 1) == "12,0"


@pytest.mark.parametrize(
    ("value", "shown"), [(12, "12"), (Decimal("12.00"), "12"), (12.5, "12,5"), (Decimal("12.04"), "12"), (12.96, "13")]
)
def test_trim_leaves_out_the_decimals_of_a_value_that_is_whole_after_rounding(value, shown):
    assert formatting.number(value, 1, trim=True) == shown


def test_nothing_is_shown_for_a_missing_value():
    assert formatting.number(None) == formatting.euro(None) == formatting.percent(None) == ""
    assert formatting.date(None) == formatting.date_time(None) == ""


@pytest.mark.parametrize(
    ("value", "cents", "shown"),
    [
        (1234567, False, "€ 1.234.567"),
        (Decimal("1234567.00"), False, "€ 1.234.567"),
        (Decimal("12.5"), False, "€ 12,50"),
        (Decimal("1234567"), True, "€ 1.234.567,00"),
        (Decimal("0.005"), True, "€ 0,01"),
        (Decimal("-12500"), False, "€ -12.500"),
        (Decimal("-12500.5"), True, "€ -12.500,50"),
        (Decimal("-0.001"), True, "€ 0,00"),
        (350000.0, True, "€ 350.000,00"),
    ],
)
def test_an_amount_in_euro_has_the_sign_first_and_cents_only_where_they_are_or_are_asked_for(value, cents, shown):
    assert formatting.euro(value, cents=cents) == shown


@pytest.mark.parametrize(
    ("share", "decimals", "shown"),
    [
        (0.2, 0, "20%"),
        (Decimal("0.125"), 1, "12,5%"),
        (0.12, 1, "12%"),
        (Decimal("0.125"), 0, "13%"),
        (-0.05, 0, "-5%"),
    ],
)
def test_a_share_is_a_percentage_without_a_space_before_the_sign(share, decimals, shown):
    assert formatting.percent(share, decimals) == shown


def test_a_date_is_written_out_with_the_month_in_words():
    assert formatting.date(datetime.date(2026, 12, 7)) == "7 december 2026"
    assert formatting.date(datetime.date(2026, 12, 7), weekday=True) == "maandag 7 december 2026"


def test_where_space_is_short_a_date_is_written_in_figures_with_leading_zeros():
    assert formatting.short_date(datetime.date(2026, 3, 7)) == "07-03-2026"
    assert formatting.short_date(datetime.datetime(2026, 3, 7, 23, 30, tzinfo=datetime.UTC)) == "08-03-2026"
    assert formatting.short_date(None) == ""


def test_a_moment_is_shown_on_its_day_in_samens_time_zone_not_in_utc():
    late_evening = datetime.datetime(2026, 3, 3, 23, 30, tzinfo=datetime.UTC)  # 00:30 on 4 March in Amsterdam
    assert formatting.date(late_evening) == "4 maart 2026"
    assert formatting.date_time(late_evening) == "4 maart 2026, 00:30"
    assert formatting.date_time(late_evening, weekday=True) == "woensdag 4 maart 2026, 00:30"
    assert formatting.date(timezone.now()) == formatting.date(timezone.localdate())


def test_the_english_interface_gets_english_separators_and_months():
    with translation.override("en"):
        assert formatting.number(Decimal("1234.5"), 1) == "1,234.5"
        assert formatting.euro(Decimal("-1250")) == "€ -1,250"
        assert formatting.percent(Decimal("0.125"), 1) == "12.5%"
        assert formatting.date(datetime.date(2026, 12, 7)) == "7 December 2026"


def render(source: str, **context: object) -> str:
    return Template("{% load samen %}" + source).render(Context(context))


def test_the_template_filters_format_through_the_same_functions():
    assert render("{{ v|number }}", v=1250) == "1.250"
    assert render('{{ v|number:"1" }}', v=Decimal("12.25")) == "12,3"
    assert render('{{ v|number:"-1" }} {{ w|number:"-1" }}', v=Decimal("12.0"), w=Decimal("12.5")) == "12 12,5"
    assert render("{{ v|euro }}", v=Decimal("20000.00")) == "€ 20.000"
    assert render('{{ v|euro:"cents" }}', v=Decimal("12500.5")) == "€ 12.500,50"
    assert render('{{ v|percent:"1" }}', v=Decimal("0.125")) == "12,5%"
    assert render("{{ v|nl_date }}", v=datetime.date(2026, 12, 7)) == "7 december 2026"
    assert render("{{ v|nl_datetime }}", v=datetime.datetime(2026, 12, 7, 13, 5, tzinfo=datetime.UTC)) == (
        "7 december 2026, 14:05"
    )


def test_a_missing_amount_in_a_council_table_says_so_and_text_that_is_no_number_shows_nothing():
    assert render('{{ v|euro:"cents"|default:_("ontbreekt") }}', v=None) == "ontbreekt"
    assert render("{{ v|euro }}|{{ w|number }}|{{ x|nl_date }}", v="veel", w="", x=None) == "||"

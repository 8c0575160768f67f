"""Facts in words: small numbers written out, names joined, weeks and percentages as people say them."""

import datetime
from collections.abc import Sequence

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

from samen.core import formatting

NUMBER_WORDS = (
    gettext_noop("nul"),
    gettext_noop("één"),
    gettext_noop("twee"),
    gettext_noop("drie"),
    gettext_noop("vier"),
    gettext_noop("vijf"),
    gettext_noop("zes"),
    gettext_noop("zeven"),
    gettext_noop("acht"),
    gettext_noop("negen"),
    gettext_noop("tien"),
    gettext_noop("elf"),
    gettext_noop("twaalf"),
    gettext_noop("dertien"),
    gettext_noop("veertien"),
    gettext_noop("vijftien"),
    gettext_noop("zestien"),
    gettext_noop("zeventien"),
    gettext_noop("achttien"),
    gettext_noop("negentien"),
    gettext_noop("twintig"),
)


def number_word(n: int) -> str:
    """0–20 in words ("tien"), larger numbers in digits with Dutch separators."""
    if 0 <= n < len(NUMBER_WORDS):
        return _(NUMBER_WORDS[n])
    return formatting.number(n)


def weeks_word(delta: datetime.timedelta) -> str:
    """ "tien weken", "één week"."""
    weeks = max(delta.days // 7, 0)
    return ngettext("%(n)s week", "%(n)s weken", weeks) % {"n": number_word(weeks)}


def weeks_since(then: datetime.datetime, now: datetime.datetime) -> str:
    """Whole weeks between two moments, counted in calendar days here (summer time does not cost a week)."""
    return weeks_word(timezone.localdate(now) - timezone.localdate(then))


def join_names(names: Sequence[str], limit: int = 4) -> str:
    """ "Utrecht", "Utrecht en Zeist", "Utrecht, Zeist en De Bilt"; after ``limit`` names: "en 3 andere"."""
    names = list(names)
    if not names:
        return ""
    if len(names) > limit:
        rest = len(names) - limit + 1
        shown = names[: limit - 1]
        others = ngettext("%(n)s andere", "%(n)s andere", rest) % {"n": number_word(rest)}
        return _("%(first)s en %(last)s") % {"first": ", ".join(shown), "last": others}
    if len(names) == 1:
        return names[0]
    return _("%(first)s en %(last)s") % {"first": ", ".join(names[:-1]), "last": names[-1]}


def of_count(part: int, whole: int) -> str:
    """ "twee van de drie"."""
    return _("%(part)s van de %(whole)s") % {"part": number_word(part), "whole": number_word(whole)}

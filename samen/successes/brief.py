"""The success brief: a ready Dutch text for administrators, the council and the press.

It holds PUBLIC successes only — whatever the person who makes it may see inside —, because
everything it produces (page, PDF, text) is meant to go outside. One ``Brief`` feeds the page,
the accessible PDF and the Markdown text, so the three can never differ in what they show.
"""

import datetime
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samen.collaborations.models import Collaboration
from samen.core import formatting
from samen.successes.models import Success


def _join(names: list[str]) -> str:
    """ "A, B en C"."""
    if len(names) <= 1:
        return "".join(names)
    return _("%(first)s en %(last)s") % {"first": ", ".join(names[:-1]), "last": names[-1]}


@dataclass
class Brief:
    collaboration: Collaboration
    start: datetime.date
    end: datetime.date
    successes: list[Success]
    made_on: datetime.date = field(default_factory=timezone.localdate)

    @cached_property
    def title(self) -> str:
        return _("Successen van %(collaboration)s") % {
            "collaboration": self.collaboration.short_name or self.collaboration.name
        }

    @cached_property
    def period(self) -> str:
        return _("%(start)s tot en met %(end)s") % {
            "start": formatting.date(self.start),
            "end": formatting.date(self.end),
        }

    @cached_property
    def partners(self) -> list[tuple[str, int]]:
        """Partners involved, with the number of successes each took part in; most first."""
        counts = Counter(name for success in self.successes for name in success.partner_names)
        return sorted(counts.items(), key=lambda item: (-item[1], item[0]))

    @cached_property
    def people(self) -> list[str]:
        names = (person.full_name or str(person) for success in self.successes for person in success.people.all())
        return sorted(dict.fromkeys(names))

    @cached_property
    def teams(self) -> list[str]:
        return sorted(dict.fromkeys(team for success in self.successes for team in success.team_list))

    @cached_property
    def results(self) -> list[tuple[str, str]]:
        """The goals and results behind the successes: (goal title, result indicator or "")."""
        found: dict[tuple[str, str], None] = {}
        for success in self.successes:
            if success.result is not None:
                found[(success.result.goal.title, success.result.indicator)] = None
            elif success.goal is not None:
                found[(success.goal.title, "")] = None
        return list(found)

    @cached_property
    def lead(self) -> str:
        """The opening paragraph: usable on its own as a short press text."""
        count = len(self.successes)
        if not count:
            return _(
                "In de periode van %(period)s zijn er geen openbare successen van %(collaboration)s vastgelegd."
            ) % {"period": self.period, "collaboration": self.collaboration.name}
        text = ngettext(
            "In de periode van %(period)s boekte %(collaboration)s %(count)d succes",
            "In de periode van %(period)s boekte %(collaboration)s %(count)d successen",
            count,
        ) % {"period": self.period, "collaboration": self.collaboration.name, "count": count}
        partners = [name for name, _count in self.partners]
        if partners:
            text += _(", samen met %(partners)s") % {"partners": _join(partners)}
        text += "."
        credited = len(self.people) + len(self.teams)
        if credited:
            text += " " + ngettext(
                "Eén persoon of team wordt bij naam bedankt.",
                "%(count)d mensen en teams worden bij naam bedankt.",
                credited,
            ) % {"count": credited}
        return text

    @property
    def filename_stem(self) -> str:
        name = slugify(self.collaboration.short_name or self.collaboration.name)[:60] or "samenwerking"
        return f"successenbrief-{name}-{self.start:%Y%m%d}-{self.end:%Y%m%d}"


def build_brief(collaboration: Collaboration, start: datetime.date, end: datetime.date) -> Brief:
    """Only public successes, in the period, oldest first (the order a story is told in)."""
    successes = list(
        Success.objects.filter(collaboration=collaboration)
        .public()
        .in_period(start, end)
        .select_related(
            "goal__adopted_version",
            "goal__latest_version",
            "result__goal__adopted_version",
            "result__goal__latest_version",
        )
        .prefetch_related("partners__organisation", "people")
        .order_by("date", "recorded_at", "id")
    )
    return Brief(collaboration=collaboration, start=start, end=end, successes=successes)


def brief_markdown(brief: Brief) -> str:
    return render_to_string("successes/brief.md", {"brief": brief})


def brief_pdf_html(brief: Brief) -> str:
    """The document the worker turns into an accessible PDF (PDF/UA-1: tagged, language, title, headings)."""
    return render_to_string("successes/brief_pdf.html", {"brief": brief})

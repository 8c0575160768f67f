"""Forms of Ben eerlijk. They parse input; the rules (and most Dutch messages) live in services."""

from types import SimpleNamespace
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from samen.core.forms import DateField, DateInput, Form, style_widgets
from samen.interests.catalogue import Catalogue
from samen.interests.choices import GoChoice
from samen.interests.models import Declaration, Pledge
from samen.interests.services import InterestInput, RedLineInput

NUMBER = {"invalid": _("Vul een getal in, bijvoorbeeld 12,5.")}
EXTRA_RED_LINES = 2

URGENCY_CHOICES = [
    ("1", _("1 – nauwelijks urgent")),
    ("2", _("2 – weinig urgent")),
    ("3", _("3 – urgent")),
    ("4", _("4 – erg urgent")),
    ("5", _("5 – zeer urgent")),
]
WEIGHT_CHOICES = [
    ("", _("geen belang")),
    ("1", _("1 – bijzaak")),
    ("2", _("2 – van belang")),
    ("3", _("3 – belangrijk")),
    ("4", _("4 – zeer belangrijk")),
    ("5", _("5 – doorslaggevend")),
]


def _amount(label: Any, help_text: Any = "") -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=False,
        localize=True,
        max_digits=14,
        decimal_places=2,
        help_text=help_text,
        error_messages=NUMBER,
    )


class AmbitionForm(Form):
    one_time_key = True
    title = forms.CharField(label=_("Titel"), max_length=200)
    description = forms.CharField(label=_("Omschrijving"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    horizon_year = forms.IntegerField(
        label=_("Horizon (jaar)"),
        required=False,
        help_text=_("Het jaar waarin de ambitie bereikt moet zijn."),
        error_messages={"invalid": _("Vul een jaartal in, bijvoorbeeld 2030.")},
    )
    needed_hours_per_month = _amount(
        _("Nodig: uren per maand"), _("Wat de ambitie vraagt aan capaciteit, alle partners samen.")
    )
    needed_budget_euros = _amount(_("Nodig: budget in euro"), _("Wat de ambitie vraagt aan geld, alle partners samen."))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def values(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("version", None)
        return data


class PledgeForm(Form):
    one_time_key = True
    urgency = forms.ChoiceField(
        label=_("Urgentie voor ons"),
        choices=[("", _("Kies de urgentie")), *URGENCY_CHOICES],
        error_messages={
            "required": _("Kies een urgentie van 1 (nauwelijks) tot en met 5 (zeer)."),
            "invalid_choice": _("Kies een urgentie van 1 (nauwelijks) tot en met 5 (zeer)."),
        },
    )
    hours_per_month = _amount(_("Uren per maand"))
    fte = _amount(_("Fte"), _("Vaste formatie die u inzet; 1 fte telt als 156 uur per maand."))
    budget_euros = _amount(_("Budget in euro"))
    capacity_notes = forms.CharField(
        label=_("Toelichting op de capaciteit"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Bijvoorbeeld welke mensen of welk team u inzet, en vanaf wanneer."),
    )
    basis = forms.CharField(widget=forms.HiddenInput, required=False)

    @classmethod
    def for_pledge(cls, pledge: Pledge | None, data: Any = None) -> "PledgeForm":
        initial: dict[str, Any] = {"basis": str(pledge.pk) if pledge else ""}
        if pledge is not None:
            initial.update(
                urgency=str(pledge.urgency),
                hours_per_month=pledge.hours_per_month,
                fte=pledge.fte,
                budget_euros=pledge.budget_euros,
                capacity_notes=pledge.capacity_notes,
            )
        return cls(data, initial=initial)

    def values(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["replaces"] = data.pop("basis") or None
        return data


class RoundForm(Form):
    one_time_key = True
    title = forms.CharField(label=_("Titel"), max_length=200, help_text=_("Bijvoorbeeld: Eerlijkheidsronde 2026."))
    deadline = DateField(
        label=_("Deadline"),
        widget=DateInput(),
        help_text=_("Uiterlijk op deze dag delen de partners hun verklaring."),
        error_messages={
            "required": _("Kies de datum waarop de partners hun verklaring uiterlijk delen."),
            "invalid": _("Vul een geldige datum in, bijvoorbeeld 1 maart 2026."),
        },
    )


class DeclarationForm(Form):
    """Intentions, a weight and explanation per catalogue motive, and red lines (two empty rows extra).

    Works without JavaScript: to add more red lines, save and two new empty rows appear.
    """

    intentions = forms.CharField(
        label=_("Intenties"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Wat hoopt uw organisatie uit de samenwerking te halen? In uw eigen woorden."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, catalogue: Catalogue, declaration: Declaration | None, **kwargs: Any) -> None:
        self.catalogue = catalogue
        initial: dict[str, Any] = {"version": declaration.version if declaration else 0}
        existing_lines: list[tuple[str, str]] = []
        if declaration is not None:
            initial["intentions"] = declaration.intentions
            for interest in declaration.interests.all():
                initial[f"weight_{interest.motive}"] = str(interest.weight)
                initial[f"explanation_{interest.motive}"] = interest.explanation
            existing_lines = [(r.text, r.motive) for r in declaration.red_lines.all()]
        self.line_count = len(existing_lines) + EXTRA_RED_LINES
        for number, (text, code) in enumerate(existing_lines):
            initial[f"redline_{number}_text"] = text
            initial[f"redline_{number}_motive"] = code
        kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        if self.is_bound:
            posted = {key for key in self.data if key.startswith("redline_") and key.endswith("_text")}
            self.line_count = max(self.line_count, len(posted))
        for motive in catalogue.motives.values():
            self.fields[f"weight_{motive.code}"] = forms.ChoiceField(
                label=_("Gewicht voor %(motive)s") % {"motive": motive.name},
                choices=WEIGHT_CHOICES,
                required=False,
                error_messages={
                    "invalid_choice": _("Kies bij %(motive)s een gewicht van 1 tot en met 5, of geen belang.")
                    % {"motive": motive.name}
                },
            )
            self.fields[f"explanation_{motive.code}"] = forms.CharField(
                label=_("Toelichting bij %(motive)s") % {"motive": motive.name},
                required=False,
                max_length=2000,
            )
        motive_choices = [("", _("geen motief")), *catalogue.choices()]
        for number in range(self.line_count):
            self.fields[f"redline_{number}_text"] = forms.CharField(
                label=_("Rode lijn %(number)s") % {"number": number + 1},
                required=False,
                max_length=500,
            )
            self.fields[f"redline_{number}_motive"] = forms.ChoiceField(
                label=_("Botst met motief (rode lijn %(number)s)") % {"number": number + 1},
                choices=motive_choices,
                required=False,
                error_messages={"invalid_choice": _("Kies een motief uit de catalogus van deze samenwerking.")},
            )
        new = {name: field for name, field in self.fields.items() if name not in ("intentions", "version")}
        style_widgets(cast(forms.BaseForm, SimpleNamespace(fields=new)))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for motive in self.catalogue.motives.values():
            if data.get(f"explanation_{motive.code}", "").strip() and not data.get(f"weight_{motive.code}"):
                self.add_error(
                    f"weight_{motive.code}",
                    _("Geef %(motive)s een gewicht, of maak de toelichting leeg.") % {"motive": motive.name},
                )
        return data

    def motive_rows(self) -> list[tuple[Any, forms.BoundField, forms.BoundField]]:
        return [
            (motive, self[f"weight_{motive.code}"], self[f"explanation_{motive.code}"])
            for motive in self.catalogue.motives.values()
        ]

    def red_line_rows(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [(self[f"redline_{n}_text"], self[f"redline_{n}_motive"]) for n in range(self.line_count)]

    def interests(self) -> list[InterestInput]:
        data = self.cleaned_data
        return [
            InterestInput(motive=m.code, weight=data[f"weight_{m.code}"], explanation=data[f"explanation_{m.code}"])
            for m in self.catalogue.motives.values()
            if data.get(f"weight_{m.code}")
        ]

    def red_lines(self) -> list[RedLineInput]:
        data = self.cleaned_data
        return [
            RedLineInput(text=data[f"redline_{n}_text"], motive=data[f"redline_{n}_motive"])
            for n in range(self.line_count)
            if data.get(f"redline_{n}_text", "").strip()
        ]


class GoDecisionForm(Form):
    decision = forms.ChoiceField(
        label=_("Is er voor uw organisatie bodem om samen te werken?"),
        choices=GoChoice.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies go, go met voorwaarden of no-go."),
            "invalid_choice": _("Kies go, go met voorwaarden of no-go."),
        },
    )
    reasons = forms.CharField(
        label=_("Redenen en voorwaarden"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Verplicht bij go met voorwaarden en bij no-go."),
    )


class MotiveForm(Form):
    one_time_key = True
    name = forms.CharField(label=_("Naam van het motief"), max_length=200)
    description = forms.CharField(
        label=_("Omschrijving"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Wat verstaan de partners eronder?"),
    )


class TensionForm(Form):
    one_time_key = True
    motive_a = forms.ChoiceField(label=_("Eerste motief"))
    motive_b = forms.ChoiceField(label=_("Tweede motief"))
    question = forms.CharField(
        label=_("Vraag voor het gesprek"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("De vraag die partners met deze twee belangen samen moeten beantwoorden."),
    )

    def __init__(self, *args: Any, catalogue: Catalogue, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        message = {"invalid_choice": _("Kies een motief uit de catalogus van deze samenwerking.")}
        for name in ("motive_a", "motive_b"):
            field = self.fields[name]
            assert isinstance(field, forms.ChoiceField)
            field.choices = catalogue.choices()
            field.error_messages.update(message)

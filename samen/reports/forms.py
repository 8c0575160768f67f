from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samen.core.forms import DateField, DateInput, Form
from samen.council.facts import next_pc_moment, pc_moments
from samen.reports.models import DigestMoment, MomentKind


class DigestForm(Form):
    one_time_key = True
    title = forms.CharField(
        label=_("Titel"),
        max_length=200,
        required=False,
        help_text=_("Leeg: Samen maakt een titel met de naam en de periode."),
    )
    period_start = DateField(label=_("Periode van"), widget=DateInput())
    period_end = DateField(label=_("Periode tot en met"), widget=DateInput())
    moment = forms.ModelChoiceField(
        label=_("Voor P&C-moment"),
        queryset=DigestMoment.objects.none(),
        required=False,
        empty_label=_("geen"),
    )
    pc_moment = forms.ChoiceField(
        label=_("Hoort bij moment in de P&C-planning"),
        required=False,
        help_text=_(
            "Het moment van de regeling waarvoor de raden deze raadsbrief krijgen; vooraf gekozen: het eerstvolgende."
        ),
    )

    def __init__(self, *args: Any, collaboration: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["moment"].queryset = DigestMoment.objects.for_collaboration(collaboration)  # type: ignore[attr-defined]
        set_pc_choices(self.fields["pc_moment"], collaboration)


def set_pc_choices(field: Any, collaboration: Any, current: str = "") -> None:
    """The moments of last year, this year and next year of the regeling; preset to ``current`` or the next one."""
    today = timezone.localdate()
    moments = pc_moments(collaboration, [today.year - 1, today.year, today.year + 1])
    field.choices = [("", _("geen")), *((m.value, m.label) for m in moments)]
    if current and current not in {m.value for m in moments}:
        field.choices.append((current, current))
    upcoming = next_pc_moment(collaboration, today)
    field.initial = current or (upcoming.value if upcoming else "")


class PCMomentForm(Form):
    pc_moment = forms.ChoiceField(label=_("Hoort bij moment in de P&C-planning"), required=False)

    def __init__(self, *args: Any, collaboration: Any, current: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_pc_choices(self.fields["pc_moment"], collaboration, current)


class DigestEditForm(Form):
    title = forms.CharField(label=_("Titel"), max_length=200)
    summary = forms.CharField(
        label=_("Samenvatting voor de raad"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Een paar zinnen in gewone taal: wat moet de raad vooral weten?"),
    )
    version = forms.IntegerField(widget=forms.HiddenInput())


class CycleForm(Form):
    one_time_key = True
    year = forms.IntegerField(label=_("Jaar"), min_value=2000, max_value=2100)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = timezone.localdate().year + 1


class MomentForm(Form):
    one_time_key = True
    kind = forms.ChoiceField(label=_("Moment"), choices=MomentKind.choices)
    year = forms.IntegerField(label=_("Jaar"), min_value=2000, max_value=2100)
    title = forms.CharField(label=_("Omschrijving"), max_length=200, required=False)
    due_on = DateField(label=_("Raadsbrief uiterlijk op"), widget=DateInput())
    period_start = DateField(label=_("Periode van"), widget=DateInput())
    period_end = DateField(label=_("Periode tot en met"), widget=DateInput())


class ImportForm(Form):
    one_time_key = True
    file = forms.FileField(
        label=_("Exportbestand (JSON)"), help_text=_("Een volledige export van een samenwerking uit Samen.")
    )

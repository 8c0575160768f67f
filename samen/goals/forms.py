"""Forms of the goals area. They only parse input; the services validate the rules."""

from collections.abc import Iterable
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from samen.accounts.models import Person
from samen.collaborations.models import Partner
from samen.core.forms import DateField, DateInput, Form
from samen.goals.models import AdviceKind, CommitmentStatus, DecisionKind, Outcome

TEXTAREA = {"rows": 8}


class PartnerChoiceForm(Form):
    """A form acted on behalf of a partner: the choice is hidden when the person acts for only one.

    Any current partner is accepted here, so that a wrong choice reaches the service and gets
    its clear message ("only the bestuurlijk contact of X ..."); only the person's own partners are offered.
    """

    partner = forms.ModelChoiceField(queryset=Partner.objects.none(), label=_("Namens"))

    def __init__(self, *args: Any, collaboration: Any, partners: Iterable[Partner] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        mine = list(partners)
        field: forms.ModelChoiceField[Partner] = self.fields["partner"]  # type: ignore[assignment]
        field.queryset = collaboration.current_partners()
        field.error_messages["invalid_choice"] = _("Deze organisatie is geen partner van deze samenwerking.")
        if len(mine) == 1:
            field.widget = forms.HiddenInput()
            if not self.is_bound:
                self.initial.setdefault("partner", mine[0].pk)
        else:
            field.widget.choices = [("", "---------")] + [(p.pk, str(p.organisation)) for p in mine]


class GoalForm(Form):
    one_time_key = True
    title = forms.CharField(label=_("Titel"), max_length=200)
    text = forms.CharField(
        label=_("Tekst van het doel"),
        widget=forms.Textarea(attrs=TEXTAREA),
        help_text=_("Wat willen we samen bereiken, en waaraan zien we dat het gelukt is?"),
    )


class DraftForm(GoalForm):
    one_time_key = False
    reason = forms.CharField(label=_("Reden van deze versie"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput())

    def __init__(self, *args: Any, needs_reason: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if needs_reason:
            self.fields["reason"].required = True
        else:
            del self.fields["reason"]


class AmendmentForm(GoalForm):
    reason = forms.CharField(
        label=_("Reden van het wijzigingsvoorstel"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Bijvoorbeeld: het bezwaar van een partner, of een veranderde situatie."),
    )


class BenefitForm(PartnerChoiceForm):
    one_time_key = True
    text = forms.CharField(
        label=_("Wat levert dit doel uw organisatie op?"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Concreet: voor uw inwoners, uw organisatie of uw begroting."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput(), required=False)


class RoundForm(Form):
    one_time_key = True
    deadline = DateField(
        label=_("Besluit gevraagd vóór"),
        widget=DateInput(),
        help_text=_("De bestuurlijk contactpersonen krijgen bericht, met deze datum in hun agenda."),
    )


class AdviceForm(PartnerChoiceForm):
    one_time_key = True
    kind = forms.ChoiceField(label=_("Uw advies"), choices=AdviceKind.choices, widget=forms.RadioSelect)
    text = forms.CharField(
        label=_("Toelichting"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("Verplicht als u zorgen heeft."),
    )


class DecisionForm(PartnerChoiceForm):
    one_time_key = True
    kind = forms.ChoiceField(label=_("Besluit"), choices=DecisionKind.choices, widget=forms.RadioSelect)
    text = forms.CharField(
        label=_("Toelichting, voorwaarden of reden van bezwaar"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("Verplicht bij instemming met voorwaarden en bij bezwaar."),
    )


class ResultForm(Form):
    one_time_key = True
    indicator = forms.CharField(label=_("Indicator"), max_length=300, help_text=_("Wat meten we?"))
    unit = forms.CharField(label=_("Eenheid"), max_length=50, help_text=_("Bijvoorbeeld: procent, aantal, euro."))
    baseline = forms.CharField(
        label=_("Nulmeting"),
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
        help_text=_("Een getal, bijvoorbeeld 40 of 12,5."),
    )
    baseline_on = DateField(label=_("Datum nulmeting"), widget=DateInput())
    target = forms.CharField(
        label=_("Streefwaarde"),
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
        help_text=_("Een getal, bijvoorbeeld 75 of 12,5."),
    )
    due_on = DateField(label=_("Te bereiken op"), widget=DateInput())
    owner_partner = forms.ModelChoiceField(queryset=Partner.objects.none(), label=_("Eigenaar (partner)"))
    owner_person = forms.ModelChoiceField(queryset=Person.objects.none(), label=_("Eigenaar (persoon)"))

    def __init__(self, *args: Any, partners: Any, people: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner_partner"].queryset = partners  # type: ignore[attr-defined]
        self.fields["owner_person"].queryset = people  # type: ignore[attr-defined]


class ProgressForm(Form):
    one_time_key = True
    value = forms.CharField(
        label=_("Gemeten waarde"),
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
        help_text=_("Een getal, bijvoorbeeld 52 of 12,5."),
    )
    measured_on = DateField(label=_("Peildatum"), widget=DateInput(), help_text=_("Niet in de toekomst."))
    note = forms.CharField(label=_("Toelichting"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


class CommitmentForm(PartnerChoiceForm):
    one_time_key = True
    what = forms.CharField(label=_("Wat doet uw organisatie?"), max_length=500)
    who = forms.ModelChoiceField(queryset=Person.objects.none(), label=_("Wie"))
    due_on = DateField(label=_("Uiterlijk op"), widget=DateInput())

    def __init__(self, *args: Any, people: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["who"].queryset = people  # type: ignore[attr-defined]


class CommitmentStatusForm(Form):
    status = forms.ChoiceField(label=_("Status"), choices=CommitmentStatus.choices)


class AccountabilityForm(PartnerChoiceForm):
    one_time_key = True
    question = forms.CharField(
        label=_("Uw vraag"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Open en respectvol: wat ziet u, en wat vraagt u van de ander?"),
    )


class ReplyForm(Form):
    one_time_key = True
    text = forms.CharField(label=_("Uw reactie"), widget=forms.Textarea(attrs={"rows": 4}))


class OutcomeForm(Form):
    outcome = forms.ChoiceField(label=_("Uitkomst"), choices=Outcome.choices, widget=forms.RadioSelect)
    outcome_text = forms.CharField(
        label=_("Toelichting"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Verplicht als er is bijgestuurd of als het niet is opgelost."),
    )

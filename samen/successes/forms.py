"""Forms of the successes area. They only parse input; the rules live in services.py."""

import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samen.collaborations.models import Collaboration
from samen.core.forms import DateField, DateInput, Form
from samen.successes.attachments import MAX_ATTACHMENT_BYTES
from samen.successes.prompts import goals_of, results_of
from samen.successes.services import people_in

NOT_IN_COLLABORATION = _("Deze persoon werkt niet in deze samenwerking. Kies iemand uit de lijst.")


class PersonChoiceField(forms.ModelMultipleChoiceField[Any]):
    def label_from_instance(self, obj: Any) -> str:
        organisation = getattr(obj, "organisation", None)
        return f"{obj.full_name} ({organisation.name})" if organisation else str(obj.full_name)


class PartnerChoiceField(forms.ModelMultipleChoiceField[Any]):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.organisation.name)


class SuccessForm(Form):
    one_time_key = True
    title = forms.CharField(label=_("Titel"), max_length=200)
    story = forms.CharField(
        label=_("Verhaal"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Wat is er bereikt, voor wie, en hoe? Schrijf het zo dat een inwoner het begrijpt."),
    )
    date = DateField(
        label=_("Datum"), widget=DateInput(), help_text=_("Wanneer is het succes behaald? Niet in de toekomst.")
    )
    partners = PartnerChoiceField(
        label=_("Betrokken partners"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Kies minstens één betrokken partner.")},
    )
    goal: forms.ModelChoiceField[Any] = forms.ModelChoiceField(label=_("Hoort bij doel"), queryset=None, required=False)
    result: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Hoort bij resultaat"), queryset=None, required=False
    )
    people = PersonChoiceField(
        label=_("Wie maakten het mogelijk"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": NOT_IN_COLLABORATION},
        help_text=_("Mensen die in deze samenwerking werken, bij naam."),
    )
    teams = forms.CharField(
        label=_("Teams"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Eén team per regel, bijvoorbeeld ‘Team Vergunningen Zeist’."),
    )
    attachment = forms.FileField(
        label=_("Foto of document"),
        required=False,
        help_text=_("Een afbeelding (JPEG, PNG, GIF, WebP) of een PDF van hoogstens %(mb)s MB.")
        % {"mb": MAX_ATTACHMENT_BYTES // (1024 * 1024)},
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/gif,image/webp,application/pdf"}),
    )
    is_public = forms.BooleanField(
        label=_("Openbaar: mag naar buiten (brief, raad, pers)"),
        required=False,
        help_text=_("Alleen een bestuurlijk contact van een betrokken partner kan dit aanzetten."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, collaboration: Collaboration, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: dict[str, Any] = self.fields
        fields["partners"].queryset = collaboration.current_partners()
        fields["people"].queryset = people_in(collaboration)
        fields["goal"].queryset = goals_of(collaboration)
        fields["result"].queryset = results_of(collaboration)
        fields["goal"].empty_label = _("(geen doel)")
        fields["result"].empty_label = _("(geen resultaat)")
        fields["date"].widget.attrs["max"] = timezone.localdate().isoformat()
        if editing:
            del fields["is_public"]
            fields["remove_attachment"] = forms.BooleanField(label=_("Bijlage verwijderen"), required=False)
            fields["attachment"].widget = forms.FileInput(attrs=fields["attachment"].widget.attrs)
        else:
            del fields["version"]

    def service_arguments(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("version", None)
        return data


class SpotlightForm(Form):
    one_time_key = True
    people = PersonChoiceField(
        label=_("Wie zet u in het zonnetje?"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": NOT_IN_COLLABORATION},
    )
    team = forms.CharField(
        label=_("Of een team"),
        required=False,
        max_length=200,
        help_text=_("Bijvoorbeeld ‘Team Handhaving De Bilt’."),
    )
    message = forms.CharField(
        label=_("Waarom?"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kort en concreet: wat deed deze persoon of dit team?"),
    )

    def __init__(self, *args: Any, collaboration: Collaboration, exclude: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        people = people_in(collaboration)
        if exclude is not None:
            people = people.exclude(pk=exclude.pk)
        fields: dict[str, Any] = self.fields
        fields["people"].queryset = people


class PeriodForm(Form):
    """The period of a success brief or timeline; the default is the last twelve months."""

    van = DateField(label=_("Van"), widget=DateInput(), required=False)
    tot = DateField(label=_("Tot en met"), widget=DateInput(), required=False)

    @staticmethod
    def default_period(end: datetime.date | None = None) -> tuple[datetime.date, datetime.date]:
        """Twelve whole months up to and including ``end`` (today)."""
        end = end or timezone.localdate()
        start = datetime.date(end.year - 1, end.month, 1) + datetime.timedelta(days=32)
        return start.replace(day=1), end

    def period(self) -> tuple[datetime.date, datetime.date]:
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        end = data.get("tot") or timezone.localdate()
        return data.get("van") or self.default_period(end)[0], end

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("van"), data.get("tot")
        if start and end and start > end:
            raise forms.ValidationError(_("De begindatum ligt na de einddatum. Kies een periode die klopt."))
        return data


class PartnerFilterForm(Form):
    """Parses ``?partner=``; the page offers the partners as links in its table, not as a long select."""

    partner: forms.ModelChoiceField[Any] = forms.ModelChoiceField(label=_("Partner"), queryset=None, required=False)

    def __init__(self, *args: Any, collaboration: Collaboration, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["partner"]
        field.queryset = collaboration.partners.select_related("organisation")

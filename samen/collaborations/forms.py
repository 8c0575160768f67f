import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from samen.collaborations.models import (
    Collaboration,
    CollaborationKind,
    LegalForm,
    Organisation,
    Partner,
    PolicyField,
    RoleKind,
)
from samen.core.forms import DateField, DateInput, Form

GM_CODE = re.compile(r"^GM\d{4}$", re.IGNORECASE)


class FindForm(Form):
    q = forms.CharField(label=_("Naam"), required=False, max_length=200)
    gemeente = forms.CharField(
        label=_("Gemeente of GM-code"),
        required=False,
        max_length=100,
        help_text=_("Bijvoorbeeld Utrecht of GM0344."),
    )
    rechtsvorm = forms.ChoiceField(label=_("Rechtsvorm"), required=False, choices=[("", _("Alle")), *LegalForm.choices])
    beleidsterrein = forms.ModelChoiceField(
        label=_("Beleidsterrein"),
        required=False,
        queryset=PolicyField.objects.all(),
        empty_label=_("Alle"),
        to_field_name="name",
    )

    def clean_gemeente(self) -> Organisation | None:
        value = self.cleaned_data["gemeente"].strip()
        if not value:
            return None
        municipalities = Organisation.objects.municipalities()
        if GM_CODE.match(value):
            found = municipalities.filter(code=value.upper()).first()
            if found is None:
                raise forms.ValidationError(
                    _("De GM-code %(code)s bestaat niet. Een GM-code is GM met vier cijfers, zoals GM0363."),
                    params={"code": value.upper()},
                )
            return found
        matches = list(municipalities.filter(name__iexact=value)[:1]) or list(
            municipalities.filter(name__istartswith=value)[:2]
        )
        if len(matches) != 1:
            raise forms.ValidationError(
                _("Geen gemeente gevonden met de naam %(name)s. Probeer de GM-code."), params={"name": value}
            )
        return matches[0]


class CreateCollaborationForm(Form):
    one_time_key = True
    name = forms.CharField(label=_("Naam"), max_length=500)
    kind = forms.ChoiceField(
        label=_("Soort"),
        choices=[c for c in CollaborationKind.choices if c[0] != CollaborationKind.GR],
        help_text=_("Een gemeenschappelijke regeling zoekt u op in het register."),
    )
    purpose = forms.CharField(label=_("Doel"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
    organisations = forms.ModelMultipleChoiceField(
        label=_("Partners"),
        queryset=Organisation.objects.filter(exists=True).order_by("kind", "name"),
        widget=forms.SelectMultiple(attrs={"size": 12}),
        help_text=_("Kies minstens twee organisaties. Houd Ctrl (of Cmd) ingedrukt om er meer te kiezen."),
    )
    start_date = DateField(label=_("Ingangsdatum"), required=False, widget=DateInput())


class InviteForm(Form):
    one_time_key = True
    full_name = forms.CharField(label=_("Naam"), max_length=200)
    email = forms.CharField(label=_("E-mailadres"), max_length=254)
    kind = forms.ChoiceField(label=_("Rol"), choices=RoleKind.choices)
    partner = forms.ModelChoiceField(
        label=_("Namens partner"),
        queryset=Partner.objects.none(),
        required=False,
        help_text=_("Leeg laten voor een facilitator."),
    )

    def __init__(self, *args: object, collaboration: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        partner_field = self.fields["partner"]
        assert isinstance(partner_field, forms.ModelChoiceField)
        partner_field.queryset = collaboration.current_partners()  # type: ignore[attr-defined]


def _organisation(value: str) -> Organisation:
    """An organisation by code (GM0363, PV26) or by its exact name."""
    value = value.strip()
    found = Organisation.objects.filter(code=value.upper()).first() or (
        Organisation.objects.filter(name__iexact=value).order_by("-exists", "name").first()
    )
    if found is None:
        raise forms.ValidationError(
            _("Geen organisatie gevonden met de naam of code %(value)s. Probeer de GM-code, zoals GM0363."),
            params={"value": value},
        )
    return found


class PartnerLeavesForm(Form):
    organisation = forms.ModelChoiceField(label=_("Partner"), queryset=Organisation.objects.none())
    on = forms.DateField(label=_("Uitgetreden op"), widget=DateInput())
    reason = forms.CharField(
        label=_("Reden"),
        max_length=300,
        help_text=_("Bijvoorbeeld: besluit van de raad, of een herindeling."),
    )

    def __init__(self, *args: Any, collaboration: Collaboration, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Organisation.objects.filter(
            pk__in=collaboration.partners.current().values("organisation_id")
        ).order_by("name")


class PartnerJoinsForm(Form):
    one_time_key = True
    organisation = forms.CharField(
        label=_("Organisatie"), max_length=255, help_text=_("Naam of code, bijvoorbeeld Utrecht of GM0344.")
    )
    on = forms.DateField(label=_("Toegetreden op"), widget=DateInput())
    reason = forms.CharField(label=_("Reden"), max_length=300, help_text=_("Bijvoorbeeld: besluit van de raad."))

    def clean_organisation(self) -> Organisation:
        return _organisation(self.cleaned_data["organisation"])

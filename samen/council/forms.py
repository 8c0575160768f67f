"""Forms of raadsgrip: they only parse input; the services validate and write."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from samen.core.forms import DateInput, Form
from samen.core.numbers import parse_dutch_decimal
from samen.council.models import Basis, DocumentKind, Stance


class OwnMomentForm(Form):
    one_time_key = True
    title = forms.CharField(
        label=_("Omschrijving"), max_length=200, help_text=_("Bijvoorbeeld: voorjaarsnota in het AB.")
    )
    due_on = forms.DateField(label=_("Datum"), widget=DateInput())


class DocumentForm(Form):
    one_time_key = True
    kind = forms.ChoiceField(label=_("Soort stuk"), choices=DocumentKind.choices)
    title = forms.CharField(label=_("Titel"), max_length=300)
    sent_on = forms.DateField(label=_("Verzonden op"), widget=DateInput(), help_text=_("De datum op de verzendbrief."))
    link = forms.URLField(label=_("Link"), required=False, max_length=500, assume_scheme="https")
    file = forms.FileField(
        label=_("Bestand"), required=False, help_text=_("PDF, Word, Excel of OpenDocument, hoogstens 20 MB.")
    )
    asks_zienswijze = forms.BooleanField(
        label=_("De raden kunnen een zienswijze geven"),
        required=False,
        initial=True,
        help_text=_("Uit voor een begrotingswijziging die de regeling van zienswijzen uitzondert (Wgr art. 35 lid 5)."),
    )

    def service_arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        asks = (
            data["asks_zienswijze"]
            if data["kind"] in (DocumentKind.DRAFT_BUDGET, DocumentKind.BUDGET_AMENDMENT)
            else False
        )
        return {
            "kind": data["kind"],
            "title": data["title"],
            "sent_on": data["sent_on"],
            "link": data["link"] or "",
            "upload": data["file"],
            "asks_zienswijze": asks,
        }


class ZienswijzeForm(Form):
    stance = forms.ChoiceField(label=_("Strekking"), choices=Stance.choices, widget=forms.RadioSelect)
    text = forms.CharField(
        label=_("Tekst van de zienswijze"), widget=forms.Textarea(attrs={"rows": 8}), max_length=20000
    )
    themes = forms.CharField(
        label=_("Thema's"),
        required=False,
        max_length=600,
        help_text=_("Gescheiden door komma's, bijvoorbeeld: indexatie, reserves, personeel."),
    )
    decided_on = forms.DateField(
        label=_("Datum raadsbesluit"),
        required=False,
        widget=DateInput(),
        help_text=_("Nodig om de zienswijze vast te stellen."),
    )

    def service_arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "stance": data["stance"],
            "text": data["text"],
            "themes": [t for t in data["themes"].split(",") if t.strip()],
            "decided_on": data["decided_on"],
        }


class ResponseForm(Form):
    response = forms.CharField(
        label=_("Wat is ermee gedaan"), widget=forms.Textarea(attrs={"rows": 4}), max_length=10000
    )


class DutchAmountField(forms.CharField):
    def clean(self, value: Any) -> Any:
        value = super().clean(value)
        if not value:
            return None
        try:
            return parse_dutch_decimal(value).quantize(parse_dutch_decimal("0,01"))
        except (ValueError, ArithmeticError) as exc:
            raise forms.ValidationError(_("Geef een bedrag, zoals 1.250.000,00.")) from exc


AMOUNT_LABELS = {
    "equity_start": _("Eigen vermogen 1 januari (€)"),
    "equity_end": _("Eigen vermogen 31 december (€)"),
    "debt_start": _("Vreemd vermogen 1 januari (€)"),
    "debt_end": _("Vreemd vermogen 31 december (€)"),
    "result": _("Resultaat (€)"),
    "reserves": _("Reserves 31 december (€)"),
}


class FiguresForm(Form):
    """One year's figures and, per partner, its contribution, share and votes."""

    year = forms.IntegerField(label=_("Jaar"), min_value=2000, max_value=2100)
    basis = forms.ChoiceField(label=_("Bron"), choices=Basis.choices)

    def __init__(self, *args: Any, partners: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, label in AMOUNT_LABELS.items():
            self.fields[name] = DutchAmountField(label=label, required=False, max_length=30)
        self.fields["risks"] = forms.CharField(
            label=_("Risico's"), required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
        )
        self.partners = partners
        for partner in partners:
            self.fields[f"amount_{partner.pk}"] = DutchAmountField(
                label=_("Bijdrage %(partner)s (€)") % {"partner": partner}, required=False, max_length=30
            )
            self.fields[f"share_{partner.pk}"] = forms.DecimalField(
                label=_("Aandeel %(partner)s (%%)") % {"partner": partner},
                required=False,
                min_value=0,
                max_value=100,
                decimal_places=3,
            )
            self.fields[f"votes_{partner.pk}"] = forms.IntegerField(
                label=_("Stemmen %(partner)s in het AB") % {"partner": partner},
                required=False,
                min_value=0,
                max_value=999,
            )
        from samen.core.forms import style_widgets

        style_widgets(self)

    def service_arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        values = {name: data[name] for name in AMOUNT_LABELS}
        values["risks"] = data["risks"]
        partners = {
            partner: {
                "amount": data[f"amount_{partner.pk}"],
                "share": data[f"share_{partner.pk}"],
                "votes": data[f"votes_{partner.pk}"],
            }
            for partner in self.partners
        }
        return {"year": data["year"], "basis": data["basis"], "values": values, "partners": partners}


class ImportForm(Form):
    file = forms.FileField(label=_("CSV- of XLSX-bestand"), help_text=_("In de kolomindeling van de handleiding."))

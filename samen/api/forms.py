from django import forms
from django.utils.translation import gettext_lazy as _

from samen.api.models import TokenLifetime, TokenScope
from samen.core.forms import Form


class TokenForm(Form):
    one_time_key = True
    name = forms.CharField(
        label=_("Omschrijving"),
        max_length=100,
        help_text=_("Waarvoor gebruikt u dit token? Bijvoorbeeld: dashboard griffie."),
    )
    scope = forms.ChoiceField(
        label=_("Rechten"),
        choices=TokenScope.choices,
        initial=TokenScope.READ,
        help_text=_("Geef een token alleen schrijfrechten als het systeem ook iets in Samen moet veranderen."),
    )
    lifetime = forms.TypedChoiceField(
        label=_("Geldig"),
        choices=TokenLifetime.choices,
        coerce=int,
        initial=TokenLifetime.QUARTER,
        help_text=_("Daarna werkt het token niet meer en maakt u een nieuw aan."),
    )

from django import forms
from django.utils.translation import gettext_lazy as _

from samen.core.forms import Form
from samen.webhooks.events import EVENT_TYPES


class SubscriptionForm(Form):
    one_time_key = True
    name = forms.CharField(
        label=_("Omschrijving"),
        max_length=100,
        help_text=_("Welk systeem ontvangt de gebeurtenissen? Bijvoorbeeld: raadsinformatiesysteem griffie."),
    )
    url = forms.URLField(
        label=_("Adres"),
        max_length=500,
        assume_scheme="https",
        help_text=_("Het adres waar Samen elke gebeurtenis naartoe stuurt (HTTPS)."),
    )
    event_types = forms.MultipleChoiceField(
        label=_("Soorten gebeurtenissen"),
        choices=list(EVENT_TYPES.items()),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Alleen wat partners mogen weten; nooit concepten of antwoorden op check-ins."),
    )

from typing import Any

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from samen.core.forms import Form
from samen.notifications.models import Cadence, Kind
from samen.notifications.services import DEFAULT

PREFERENCE_CHOICES = [
    (DEFAULT, _("standaard: direct als het aan mij of mijn partner gericht is, anders in het wekelijkse overzicht")),
    *Cadence.choices,
]


class PreferenceForm(Form):
    """How often one person wants e-mail about one kind; one form per kind, prefixed by the kind."""

    cadence = forms.ChoiceField(
        choices=PREFERENCE_CHOICES,
        error_messages={
            "required": _("Kies hoe vaak u hierover e-mail wilt krijgen."),
            "invalid_choice": _(
                "Onbekende keuze “%(value)s”. Kies direct, dagelijks overzicht, wekelijks overzicht, "
                "nooit of standaard."
            ),
        },
    )

    def __init__(self, *args: Any, kind: str, **kwargs: Any) -> None:
        super().__init__(*args, prefix=kind, **kwargs)
        self.kind = kind
        self.fields["cadence"].label = capfirst(Kind(kind).label)


def preference_forms(data: Any, current: dict[str, str]) -> list[PreferenceForm]:
    return [PreferenceForm(data, kind=kind, initial={"cadence": current.get(kind, DEFAULT)}) for kind in Kind.values]

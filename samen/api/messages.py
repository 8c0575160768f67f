"""The API speaks Dutch: Django REST framework's own messages, in Samen's words.

Why they appeared in English: DRF ships a Dutch catalogue, but it translates only part of its
messages ("Must be a valid UUID." and "Ensure this field has at least {min_length} elements." are
missing) and mixes languages in others ("Date heeft het verkeerde formaat"). The active language in
API requests is Dutch already. So, at the root, Samen gives DRF's fields and exceptions Dutch source
strings of its own (through gettext, so the English catalogue of ``samen/locale`` translates them back
for an English request). ``apply()`` runs once when the API app is ready.
"""

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, fields, serializers

FIELD_MESSAGES: dict[Any, dict[str, Any]] = {
    fields.Field: {"required": _("Dit veld is verplicht."), "null": _("Dit veld mag niet leeg zijn.")},
    fields.BooleanField: {"invalid": _("Geef hier true of false.")},
    fields.CharField: {"invalid": _("Geef hier tekst."), "blank": _("Dit veld mag niet leeg zijn.")},
    fields.UUIDField: {"invalid": _("Geef een geldige UUID, zoals 123e4567-e89b-12d3-a456-426614174000.")},
    fields.IntegerField: {"invalid": _("Geef hier een geheel getal.")},
    fields.BigIntegerField: {"invalid": _("Geef hier een geheel getal.")},
    fields.FloatField: {"invalid": _("Geef hier een getal."), "overflow": _("Dit getal is te groot.")},
    fields.DecimalField: {"invalid": _("Geef hier een getal.")},
    fields.DateField: {
        "invalid": _("Geef een datum als JJJJ-MM-DD, zoals 2026-03-03."),
        "datetime": _("Geef een datum zonder tijd, zoals 2026-03-03."),
    },
    fields.DateTimeField: {
        "invalid": _("Geef een datum en tijd als JJJJ-MM-DDTUU:MM, zoals 2026-03-03T09:30."),
        "date": _("Geef een datum en een tijd, zoals 2026-03-03T09:30."),
        "make_aware": _("Deze datum en tijd bestaan niet in de tijdzone {timezone}."),
        "overflow": _("Deze datum en tijd liggen buiten het bereik."),
    },
    fields.DictField: {
        "not_a_dict": _("Geef hier een JSON-object."),
        "empty": _("Dit object mag niet leeg zijn."),
    },
    fields.ListField: {
        "not_a_list": _("Geef hier een lijst (JSON-array)."),
        "min_length": _("Geef minstens {min_length} elementen."),
        "max_length": _("Geef hoogstens {max_length} elementen."),
    },
    fields.SlugField: {"invalid_unicode": _("Geef letters, cijfers, liggende streepjes of koppeltekens.")},
    serializers.ListSerializer: {
        "not_a_list": _("Geef hier een lijst (JSON-array)."),
        "min_length": _("Geef minstens {min_length} elementen."),
        "max_length": _("Geef hoogstens {max_length} elementen."),
    },
    serializers.Serializer: {"invalid": _("Geef hier een JSON-object.")},
}

EXCEPTION_DETAILS: dict[Any, Any] = {
    exceptions.ValidationError: _("De invoer is ongeldig."),
    exceptions.ParseError: _("Het verzoek kon niet worden gelezen."),
    exceptions.PermissionDenied: _("U mag dit niet doen."),
    exceptions.Throttled: _("Te veel verzoeken. Probeer het later opnieuw."),
    exceptions.MethodNotAllowed: _("De methode {method} is hier niet toegestaan."),
    exceptions.UnsupportedMediaType: _("Het mediatype {media_type} wordt niet ondersteund; stuur application/json."),
    exceptions.NotAcceptable: _("De API levert alleen JSON (Accept: application/json)."),
}


def apply() -> None:
    for cls, messages in FIELD_MESSAGES.items():
        cls.default_error_messages = {**cls.__dict__.get("default_error_messages", {}), **messages}
    for exc, detail in EXCEPTION_DETAILS.items():
        exc.default_detail = detail

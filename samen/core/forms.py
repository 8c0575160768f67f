"""Form base classes that give every widget its NL Design System class."""

from typing import Any

from django import forms
from django.utils.functional import cached_property
from django.utils.translation import gettext as _

from samen.core import idempotency
from samen.core.dates import DateField, DateInput

__all__ = [
    "DateField",
    "DateInput",
    "Form",
    "ModelForm",
    "apply_errors",
    "attempt",
    "form_status",
    "refuse",
    "style_widgets",
]

WIDGET_CLASSES: dict[type[forms.Widget], str] = {
    forms.Textarea: "utrecht-textarea utrecht-textarea--html-textarea",
    forms.Select: "utrecht-select utrecht-select--html-select",
    forms.SelectMultiple: "utrecht-select utrecht-select--html-select",
    forms.CheckboxInput: "utrecht-checkbox utrecht-checkbox--html-input",
    forms.RadioSelect: "utrecht-radio-button utrecht-radio-button--html-input",
    forms.CheckboxSelectMultiple: "utrecht-checkbox utrecht-checkbox--html-input",
    forms.ClearableFileInput: "utrecht-file-input",
    forms.FileInput: "utrecht-file-input",
}
TEXTBOX = "utrecht-textbox utrecht-textbox--html-input"


def style_widgets(form: forms.BaseForm) -> None:
    for field in form.fields.values():
        widget = field.widget
        css = next((c for t, c in WIDGET_CLASSES.items() if type(widget) is t), TEXTBOX)
        existing = widget.attrs.get("class", "")
        widget.attrs["class"] = f"{css} {existing}".strip()


class Form(forms.Form):
    """``one_time_key = True`` on a form that creates something: the shared template renders a fresh
    one-time key, so that sending it twice creates it once (``samen.core.idempotency``)."""

    template_name_div = "django/forms/div.html"
    one_time_key = False

    @cached_property
    def submission_key(self) -> str:
        return idempotency.new_key()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        style_widgets(self)


class ModelForm(forms.ModelForm[Any]):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        style_widgets(self)


def refuse(form: forms.BaseForm, refusal: Exception) -> None:
    """Put a service's refusal (PermissionDenied) on the form; the page then answers 403."""
    form.add_error(None, str(refusal) or _("Dit mag u hier niet doen."))
    form.refused = True  # type: ignore[attr-defined]


def form_status(form: forms.BaseForm) -> int:
    """The one answer to a form: 403 when the service refused, 400 for invalid input, else 200."""
    if getattr(form, "refused", False):
        return 403
    return 400 if form.errors else 200


def attempt(form: forms.BaseForm, action: Any) -> tuple[Any, int]:
    """Run a service for a form: (its result, 200), or its Dutch reason on the form and (None, 403 or 400).

    The one way a page answers a refused action: the reason on the form it was sent from.
    """
    from django.core.exceptions import PermissionDenied, ValidationError

    try:
        return action(), 200
    except PermissionDenied as refusal:
        refuse(form, refusal)
    except ValidationError as error:
        apply_errors(form, error)
    return None, form_status(form)


def apply_errors(form: forms.BaseForm, error: Exception) -> None:
    """Put a service's ValidationError onto the form (per field where it names one)."""
    from django.core.exceptions import ValidationError

    if not isinstance(error, ValidationError):
        raise error
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)

"""Form base classes that give every widget its NL Design System class."""

from typing import Any

from django import forms
from django.utils.functional import cached_property

from samen.core import idempotency
from samen.core.dates import DateField, DateInput

__all__ = ["DateField", "DateInput", "Form", "ModelForm", "apply_errors", "style_widgets"]

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


class ModelForm(forms.ModelForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        style_widgets(self)


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

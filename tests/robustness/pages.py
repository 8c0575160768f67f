"""Read the forms on a page as a browser would, and fill them in: the fuzz and double-submit tests use it."""

import datetime
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from django.utils import timezone

from samen.core.idempotency import FIELD as ONE_TIME_FIELD


@dataclass
class Control:
    name: str
    kind: str  # text, textarea, select, select-multiple, checkbox, radio, hidden, date, number, file, …
    value: str = ""
    options: list[str] = field(default_factory=list)
    checked: bool = False
    required: bool = False
    attrs: dict[str, str] = field(default_factory=dict)


@dataclass
class PageForm:
    action: str
    method: str
    controls: list[Control] = field(default_factory=list)

    @property
    def one_time_key(self) -> str | None:
        return next((c.value for c in self.controls if c.name == ONE_TIME_FIELD), None)

    def field_names(self) -> set[str]:
        return {c.name for c in self.controls}

    def filled(self, **overrides: Any) -> dict[str, Any]:
        """What a person who fills in every field sensibly sends (overrides win)."""
        data: dict[str, Any] = {}
        for control in self.controls:
            value = sensible_value(control, self.controls)
            if control.name in data:
                if control.kind == "checkbox" and value is not None:
                    data[control.name] = [*([data[control.name]] if data[control.name] else []), value]
                continue
            data[control.name] = value
        data = {k: v for k, v in data.items() if v is not None}
        data.update(overrides)
        return {k: v for k, v in data.items() if v is not None}


def sensible_value(control: Control, controls: list[Control]) -> Any:
    today = timezone.localdate()
    if control.kind in ("hidden", "submit"):
        return control.value or None
    if control.kind == "select":
        return control.value or next((o for o in control.options if o), None)
    if control.kind == "select-multiple":
        return [o for o in control.options if o][:2]
    if control.kind == "radio":
        group = [c for c in controls if c.name == control.name]
        chosen = next((c for c in group if c.checked), group[0])
        return chosen.value
    if control.kind == "checkbox":
        group = [c for c in controls if c.name == control.name]
        if control.checked or (len(group) > 1 and group[0] is control):
            return control.value or "on"
        return None
    if control.kind == "date":
        return control.value or (today + datetime.timedelta(days=30)).isoformat()
    if control.kind == "number":
        return control.value or control.attrs.get("min") or "1"
    if control.kind == "file":
        return None
    if control.kind == "email":
        return control.value or "iemand@example.org"
    if control.attrs.get("inputmode") in ("decimal", "numeric"):
        return control.value or "10"
    return control.value.strip() or "Een zin van de test, lang genoeg om te tellen."


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.forms: list[PageForm] = []
        self._select: Control | None = None
        self._textarea: Control | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.forms.append(PageForm(action=a.get("action", ""), method=a.get("method", "get").lower()))
            return
        if not self.forms:
            return
        form = self.forms[-1]
        if tag == "input" and a.get("name"):
            kind = a.get("type", "text").lower()
            form.controls.append(
                Control(a["name"], kind, a.get("value", ""), checked="checked" in a, required="required" in a, attrs=a)
            )
        elif tag == "select" and a.get("name"):
            self._select = Control(
                a["name"], "select-multiple" if "multiple" in a else "select", required="required" in a
            )
            form.controls.append(self._select)
        elif tag == "option" and self._select is not None:
            self._select.options.append(a.get("value", ""))
            if "selected" in a:
                self._select.value = a.get("value", "")
        elif tag == "textarea" and a.get("name"):
            self._textarea = Control(a["name"], "textarea", required="required" in a, attrs=a)
            form.controls.append(self._textarea)
        elif tag == "button" and a.get("name"):
            form.controls.append(Control(a["name"], "submit", a.get("value", "")))

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._textarea.value += data


def forms_on(html: str) -> list[PageForm]:
    reader = _Reader()
    reader.feed(html)
    return [form for form in reader.forms if form.method == "post"]


def errors_on(html: str) -> list[str]:
    """The error messages a page shows (field errors and alerts), as text: for readable test failures."""
    import re

    found = re.findall(
        r'class="(?:utrecht-form-field-error-message|utrecht-alert utrecht-alert--error)"[^>]*>(.*?)</div>', html, re.S
    )
    return [re.sub(r"<[^>]+>|\s+", " ", part).strip() for part in found]

from django import template
from django.utils.formats import date_format

register = template.Library()


@register.filter
def nl_date(value: object) -> str:
    """A date as people write it in Dutch: "3 maart 2026"."""
    if not value:
        return ""
    return date_format(value, "j F Y")  # type: ignore[arg-type]


@register.simple_tag
def utrecht_form(form: object) -> str:
    """Render a form from another package (allauth) with the shared field template and NL DS classes."""
    from samen.core.forms import style_widgets

    if not getattr(form, "_samen_styled", False):
        style_widgets(form)  # type: ignore[arg-type]
        form._samen_styled = True  # type: ignore[attr-defined]
    return form.render("django/forms/div.html")  # type: ignore[attr-defined, no-any-return]

from decimal import Decimal
from typing import Any

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def euro(value: Any) -> str:
    """An amount as Dutch people write it: "€ 1.234.567,00"; a missing amount says so."""
    if value is None or value == "":
        return _("ontbreekt")
    return "€ " + number_format(Decimal(value), decimal_pos=2, use_l10n=True, force_grouping=True)

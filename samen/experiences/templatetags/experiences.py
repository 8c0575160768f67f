from collections.abc import Mapping
from typing import Any

from django import template

register = template.Library()


@register.filter
def get_score(scores: Mapping[str, Any] | None, name: str) -> Any:
    """``scores|get_score:"trust"``: one average from a dict of averages."""
    return (scores or {}).get(name)

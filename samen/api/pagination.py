"""``page`` and ``pageSize`` on every list, with HAL-style ``_links`` to the first, previous, next and last page."""

from collections.abc import Callable
from typing import Any, cast

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema_serializer
from rest_framework import exceptions, serializers
from rest_framework.request import Request
from rest_framework.response import Response

from samen.api.base import QuerySerializer

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100


class PageQuery(QuerySerializer):
    page = serializers.IntegerField(
        required=False, default=1, min_value=1, max_value=1_000_000, help_text=gettext_lazy("Paginanummer, vanaf 1.")
    )
    pageSize = serializers.IntegerField(
        required=False,
        default=DEFAULT_PAGE_SIZE,
        min_value=1,
        max_value=MAX_PAGE_SIZE,
        help_text=gettext_lazy("Aantal resultaten per pagina, hoogstens 100."),
    )


@extend_schema_serializer(component_name="Link")
class Link(serializers.Serializer[Any]):
    href = serializers.URLField()


@extend_schema_serializer(component_name="PaginaLinks")
class PageLinks(serializers.Serializer[Any]):
    self = Link()
    first = Link()
    prev = Link(allow_null=True)
    next = Link(allow_null=True)
    last = Link()


def page_serializer(item: type[serializers.Serializer[Any]], name: str) -> type[serializers.Serializer[Any]]:
    """The schema of one page of ``item``s (documentation only; ``paginated`` builds the data)."""
    fields: dict[str, Any] = {
        "_links": PageLinks(),
        "page": serializers.IntegerField(),
        "pageSize": serializers.IntegerField(),
        "totalItems": serializers.IntegerField(),
        "totalPages": serializers.IntegerField(),
        "results": item(many=True),
    }
    return type(name, (serializers.Serializer,), fields)


def _link(request: Request, page: int | None) -> dict[str, str] | None:
    if page is None:
        return None
    query = request.query_params.copy()
    query["page"] = str(page)
    return {"href": request.build_absolute_uri(f"{request.path}?{query.urlencode()}")}


def paginated(
    request: Request,
    queryset: QuerySet[Any],
    serializer_class: type[serializers.Serializer[Any]],
    query: dict[str, Any],
    context: dict[str, Any] | None = None,
    prepare: Callable[[list[Any]], object] | None = None,
) -> Response:
    """One page of ``queryset``; ``prepare`` may load what the page's objects need in a few queries."""

    def represent(page: QuerySet[Any]) -> Any:
        objects = list(page)
        if prepare is not None:
            prepare(objects)
        return serializer_class(objects, many=True, context={"request": request, **(context or {})}).data

    return paginated_rows(request, queryset, query, represent)


def paginated_rows(
    request: Request,
    queryset: QuerySet[Any, Any],
    query: dict[str, Any],
    represent: Callable[[QuerySet[Any, Any]], list[Any]],
) -> Response:
    """One page of ``queryset``, its items as ``represent`` writes them from the page's (unevaluated) slice.

    For read-only lists whose items a plain function writes faster than a serializer field by field (and
    may read the page as a subquery); the documented item stays the serializer (``page_serializer``), and
    a test holds the two equal.
    """
    number, size = int(query.get("page") or 1), int(query.get("pageSize") or DEFAULT_PAGE_SIZE)
    paginator = Paginator(queryset, size)
    last = paginator.num_pages
    if number > last:
        raise exceptions.NotFound(
            _("Pagina %(page)s bestaat niet; er zijn %(pages)s pagina's.") % {"page": number, "pages": last}
        )
    page = paginator.page(number)
    results = represent(cast(QuerySet[Any, Any], page.object_list))
    data = {
        "_links": {
            "self": _link(request, number),
            "first": _link(request, 1),
            "prev": _link(request, number - 1 if number > 1 else None),
            "next": _link(request, number + 1 if number < last else None),
            "last": _link(request, last),
        },
        "page": number,
        "pageSize": size,
        "totalItems": paginator.count,
        "totalPages": last,
        "results": results,
    }
    headers = {"X-Total-Count": str(paginator.count), "X-Pagination-Page": str(number), "X-Pagination-Limit": str(size)}
    return Response(data, headers=headers)

"""Every error of the API as ``application/problem+json`` (RFC 9457) with NL API ``invalidParams``."""

import re
from collections.abc import Iterator, Mapping
from typing import Any

import structlog
from django.conf import settings
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import set_rollback

from samen.core.services import ConcurrentEditError

log = structlog.get_logger("samen.api")

PROBLEM_CONTENT_TYPE = "application/problem+json"
API_VERSION = str(settings.SPECTACULAR_SETTINGS["VERSION"])


def titles() -> dict[int, str]:
    return {
        400: _("Ongeldig verzoek"),
        401: _("Niet geauthenticeerd"),
        403: _("Geen toestemming"),
        404: _("Niet gevonden"),
        405: _("Methode niet toegestaan"),
        406: _("Niet acceptabel"),
        409: _("Conflict"),
        415: _("Mediatype niet ondersteund"),
        422: _("Verzoek niet te verwerken"),
        429: _("Te veel verzoeken"),
        500: _("Interne serverfout"),
    }


def problem_data(
    status: int, detail: str, *, instance: str = "", invalid_params: list[dict[str, str]] | None = None
) -> dict[str, Any]:
    data: dict[str, Any] = {
        "type": "about:blank",
        "title": titles().get(status, _("Fout")),
        "status": status,
        "detail": detail,
    }
    if instance:
        data["instance"] = instance
    if invalid_params is not None:
        data["invalidParams"] = invalid_params
    return data


def camel(name: str) -> str:
    """``start_date`` → ``startDate``; names that are already lowerCamelCase stay as they are."""
    head, *rest = name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def _flatten(detail: Any, prefix: str = "") -> Iterator[tuple[str, str, str]]:
    """(name, code, reason) for every message in a DRF error structure; nested names joined with dots."""
    if isinstance(detail, Mapping):
        for key, value in detail.items():
            name = "" if key in ("non_field_errors", "__all__") else str(key)
            yield from _flatten(value, f"{prefix}.{name}" if prefix and name else prefix or name)
    elif isinstance(detail, list | tuple):
        if all(not isinstance(item, Mapping | list | tuple) for item in detail):
            for item in detail:
                yield prefix, str(getattr(item, "code", "invalid") or "invalid"), str(item)
        else:
            for index, item in enumerate(detail):
                if item:
                    yield from _flatten(item, f"{prefix}.{index}" if prefix else str(index))
    else:
        yield prefix, str(getattr(detail, "code", "invalid") or "invalid"), str(detail)


def invalid_params_from(detail: Any, field_names: Mapping[str, str] | None = None) -> list[dict[str, str]]:
    field_names = field_names or {}
    params = []
    for name, code, reason in _flatten(detail):
        params.append({"name": field_names.get(name, name), "code": camel(code), "reason": reason})
    return params


def _from_django_validation_error(exc: DjangoValidationError, view: Any) -> tuple[str, list[dict[str, str]]]:
    """A service's Dutch ValidationError: per field where it names one, else by its code (``error_fields``)."""
    fields: Mapping[str, str] = getattr(view, "error_fields", {})
    params: list[dict[str, str]] = []
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            for error in errors:
                for message in error.messages:
                    params.append(
                        {
                            "name": fields.get(field, camel(field)),
                            "code": camel(error.code or "invalid"),
                            "reason": message,
                        }
                    )
    else:
        for error in exc.error_list:
            for message in error.messages:
                name = fields.get(error.code or "", "")
                params.append({"name": name, "code": camel(error.code or "invalid"), "reason": message})
    detail = " ".join(p["reason"] for p in params)
    return detail, [p for p in params if p["name"]]


def problem_response(
    status: int,
    detail: str,
    *,
    request: Any = None,
    invalid_params: list[dict[str, str]] | None = None,
    headers: dict[str, str] | None = None,
) -> Response:
    instance = request.path if request is not None else ""
    data = problem_data(status, detail, instance=instance, invalid_params=invalid_params)
    return Response(data, status=status, headers=headers, content_type=PROBLEM_CONTENT_TYPE)


def exception_handler(exc: Exception, context: Mapping[str, Any]) -> Response:
    """Replace DRF's handler for API views: every error becomes problem+json, nothing leaks as HTML."""
    request = context.get("request")
    view = context.get("view")
    headers: dict[str, str] = {}
    if isinstance(exc, Http404):
        exc = exceptions.NotFound(_("Deze resource bestaat niet, of u mag haar niet zien."))
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or _("U mag dit niet doen."))
    if isinstance(exc, ConcurrentEditError):
        set_rollback()
        return problem_response(409, " ".join(exc.messages), request=request)
    if isinstance(exc, DjangoValidationError):
        detail, params = _from_django_validation_error(exc, view)
        set_rollback()
        return problem_response(400, detail or _("De invoer is ongeldig."), request=request, invalid_params=params)
    if not isinstance(exc, exceptions.APIException):
        log.exception("api.error", error=type(exc).__name__)
        set_rollback()
        return problem_response(500, _("Er ging iets mis aan onze kant. Probeer het later opnieuw."), request=request)

    if getattr(exc, "auth_header", None):
        headers["WWW-Authenticate"] = exc.auth_header  # type: ignore[attr-defined]
    if isinstance(exc, exceptions.Throttled):
        wait = int(getattr(exc, "wait", None) or 1)
        headers["Retry-After"] = str(wait)
        detail = _("U hebt te veel verzoeken gedaan met dit token. Probeer het over %(seconds)s seconden opnieuw.") % {
            "seconds": wait
        }
        return problem_response(429, detail, request=request, headers=headers)
    if isinstance(exc, exceptions.ValidationError):
        params = invalid_params_from(exc.detail, getattr(view, "error_fields", None))
        unnamed = [p["reason"] for p in params if not p["name"]]
        detail = " ".join(unnamed) or _("Een of meer velden zijn ongeldig; zie invalidParams.")
        set_rollback()
        return problem_response(
            400, detail, request=request, invalid_params=[p for p in params if p["name"]], headers=headers
        )
    detail = exc.detail if isinstance(exc.detail, str) else " ".join(str(d) for d in _flatten_text(exc.detail))
    set_rollback()
    return problem_response(
        exc.status_code,
        str(detail),
        request=request,
        headers=headers,
        invalid_params=[] if exc.status_code == 400 else None,
    )


def _flatten_text(detail: Any) -> Iterator[str]:
    for _name, _code, reason in _flatten(detail):
        yield reason


def not_found_json(request: HttpRequest) -> JsonResponse:
    """The answer for any path under /api/ that is no resource, such as one with a trailing slash."""
    detail = _("Deze resource bestaat niet.")
    if request.path.endswith("/") and len(request.path) > 1:
        detail = _("Deze resource bestaat niet. Laat de schuine streep aan het eind weg: %(path)s") % {
            "path": re.sub(r"/+$", "", request.path)
        }
    response = JsonResponse(
        problem_data(404, detail, instance=request.path),
        status=404,
        content_type=PROBLEM_CONTENT_TYPE,
        json_dumps_params={"ensure_ascii": False},
    )
    response["API-Version"] = API_VERSION
    return response

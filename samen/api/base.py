"""What every /api/v1 view shares: token authentication, scope check, throttling, JSON only, problem+json errors."""

import hashlib
import math
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, NoReturn, cast

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import exceptions, parsers, permissions, serializers, throttling
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.utils.serializer_helpers import ReturnDict
from rest_framework.views import APIView

from samen import permissions as rules
from samen.api import problems
from samen.api.authentication import ApiTokenAuthentication
from samen.api.models import ApiToken
from samen.api.schema import ApiSchema
from samen.core import dates, idempotency

if TYPE_CHECKING:
    from samen.accounts.models import Person

DEFAULT_RATE = "600/min"


class AuthedApiRequest(Request):
    """The request an ``ApiView`` handler receives: ``IsAuthenticated`` lets only a Person through."""

    if TYPE_CHECKING:

        @property
        def user(self) -> "Person": ...

        @user.setter
        def user(self, value: "Person") -> None: ...


class TokenScope(permissions.BasePermission):
    """Reading needs any valid token; changing needs a read-write token (rule in samen.permissions)."""

    message = gettext_lazy("Dit token mag alleen lezen. Maak op de pagina API-tokens een token dat ook mag schrijven.")

    def has_permission(self, request: Request, view: Any) -> bool:
        token = request.auth
        if not isinstance(token, ApiToken):
            return False
        return rules.api_token_allows(token, write=request.method not in permissions.SAFE_METHODS)


class TokenRateThrottle(throttling.SimpleRateThrottle):
    """A fixed number of requests per token per period, counted in the shared cache."""

    scope = "api_token"

    def get_rate(self) -> str:
        return str(getattr(settings, "SAMEN_API_RATE", DEFAULT_RATE))

    def get_cache_key(self, request: Request, view: Any) -> str | None:
        token = request.auth
        if not isinstance(token, ApiToken):
            return None
        return self.cache_format % {"scope": self.scope, "ident": token.pk}

    def allow_request(self, request: Request, view: Any) -> bool:
        allowed = super().allow_request(request, view)
        limit, duration = int(getattr(self, "num_requests", 0) or 0), float(getattr(self, "duration", 0) or 0)
        if getattr(self, "key", None) and limit:
            reset = duration - (self.now - self.history[-1]) if self.history else duration
            # Read by ApiView.finalize_response for the X-Rate-Limit-* headers.
            request.rate_limit = (limit, max(limit - len(self.history), 0), math.ceil(reset))  # type: ignore[attr-defined]
        return allowed


class JSONParser(parsers.JSONParser):
    def parse(self, stream: Any, media_type: str | None = None, parser_context: Mapping[str, Any] | None = None) -> Any:
        try:
            return super().parse(stream, media_type, parser_context)
        except exceptions.ParseError as exc:
            raise exceptions.ParseError(_("De body is geen geldige JSON.")) from exc


class StrictSerializer(serializers.Serializer[Any]):
    """Input serializers reject fields they do not know, instead of silently ignoring a typo."""

    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, Mapping):
            unknown = sorted(str(key) for key in data if key not in self.fields or self.fields[key].read_only)
            if unknown:
                message = _("Onbekend veld. Toegestaan zijn: %(fields)s.") % {"fields": self._writable()}
                raise serializers.ValidationError(
                    {key: [serializers.ErrorDetail(message, code="unknown_field")] for key in unknown}
                )
        return super().to_internal_value(data)

    @property
    def errors(self) -> Any:
        found = super().errors
        key = api_settings.NON_FIELD_ERRORS_KEY
        if [getattr(error, "code", None) for error in found.get(key, [])] == ["null"]:
            # DRF's own text for a body of JSON null is English ("No data provided") and not translatable.
            return ReturnDict(
                {key: [serializers.ErrorDetail(_("Stuur een JSON-object als body."), code="null")]}, serializer=self
            )
        return found

    def _writable(self) -> str:
        return ", ".join(name for name, field in self.fields.items() if not field.read_only)


class JsonStringMixin:
    """In a JSON body a text field takes a JSON string: 12 or true is a wrong type, not a name."""

    def to_internal_value(self, data: Any) -> Any:
        if not isinstance(data, str):
            self.fail("invalid_type")  # type: ignore[attr-defined]
        return super().to_internal_value(data)  # type: ignore[misc]


class TextField(JsonStringMixin, serializers.CharField):
    default_error_messages = {"invalid_type": gettext_lazy("Geef hier tekst (een JSON-string).")}


class UUIDField(JsonStringMixin, serializers.UUIDField):
    default_error_messages = {"invalid_type": gettext_lazy("Geef hier een UUID als JSON-string.")}


class ChoiceField(JsonStringMixin, serializers.ChoiceField):
    default_error_messages = {"invalid_type": gettext_lazy("Geef hier een van de toegestane waarden als JSON-string.")}


class DateField(JsonStringMixin, serializers.DateField):
    """A date from 1900 to 2100 (the rule in samen.core.dates), written as a JSON string."""

    default_error_messages = {"invalid_type": gettext_lazy("Geef hier een datum als JSON-string, zoals 2026-03-03.")}

    def __init__(self, **kwargs: Any) -> None:
        kwargs["validators"] = [*kwargs.get("validators", ()), dates.validate_sane_date]
        super().__init__(**kwargs)


class QuerySerializer(StrictSerializer):
    """Query parameters: unknown ones are refused too, so a misspelt filter never silently returns everything."""

    def __init__(self, *args: Any, request: Request | None = None, **kwargs: Any) -> None:
        if request is not None:
            kwargs["data"] = {key: request.query_params.get(key) for key in request.query_params}
        super().__init__(*args, **kwargs)


class Replay(Exception):
    """Not an error: the first answer to this Idempotency-Key, again."""

    def __init__(self, response: HttpResponse) -> None:
        self.response = response


def claim_idempotency_key(
    request: AuthedApiRequest, covers_body: bool = True, keeps_answer: bool = True
) -> idempotency.Claim:
    """The first request with a key handles it; a repeat gets the first answer (``Replay``), nothing new.

    The same key with another body (or on another path) is a client error: 422. With ``covers_body`` off
    (an anonymous answer) only the path is fingerprinted: a hash of the body could be matched to the answer.
    """
    key = request.headers["Idempotency-Key"]
    if not idempotency.WELL_FORMED.match(key):
        raise exceptions.ValidationError(
            {"Idempotency-Key": [_("Een Idempotency-Key is 8 tot 255 tekens zonder spaties, bijvoorbeeld een UUID.")]}
        )
    try:
        fingerprint = (
            idempotency.fingerprint(request.path, _body_of(request))
            if covers_body
            else idempotency.fingerprint(request.path)
        )
    except RequestDataTooBig as exc:
        # Django reads a body for the fingerprint only up to DATA_UPLOAD_MAX_MEMORY_SIZE (a large upload).
        raise exceptions.ValidationError(
            {"Idempotency-Key": [_("Een verzoek met een Idempotency-Key mag hoogstens 5 MB zijn.")]}
        ) from exc
    claimed = idempotency.claim(request.user, idempotency.API, key, fingerprint)
    if claimed.fresh:
        return claimed
    if claimed.row.fingerprint != fingerprint:
        raise UnprocessableIdempotencyKey(
            _(
                "Deze Idempotency-Key is al gebruikt voor een ander verzoek. "
                "Gebruik voor elk nieuw verzoek een nieuwe sleutel."
            )
        )
    if claimed.in_progress:
        raise IdempotencyKeyInUse(
            _("Een verzoek met deze Idempotency-Key wordt nog verwerkt. Probeer het zo dadelijk opnieuw.")
        )
    if not keeps_answer:
        raise SecretAlreadyShown(
            _(
                "Met deze Idempotency-Key is dit al gemaakt. Wat erin geheim is, toont Samen maar één keer en "
                "bewaart het niet; vraag met een nieuwe sleutel een nieuwe aan."
            )
        )
    row = claimed.row
    replay = HttpResponse(row.body, status=row.status, content_type="application/json")
    if row.location:
        replay["Location"] = row.location
    replay["Idempotent-Replayed"] = "true"
    raise Replay(replay)


def _body_of(request: Request) -> bytes:
    """The body as sent; for multipart/form-data its fields and files' hashes, as a retry has a new boundary."""
    if not (request.content_type or "").startswith("multipart/"):
        return request.body
    parts = []
    data: Any = request.data  # a QueryDict for multipart
    for name, values in sorted(data.lists()):
        for value in values:
            if hasattr(value, "chunks"):
                digest = hashlib.sha256()
                for chunk in value.chunks():
                    digest.update(chunk)
                value.seek(0)
                value = f"sha256:{digest.hexdigest()}"
            parts.append(f"{name}={value}")
    return "\n".join(parts).encode()


class UnprocessableIdempotencyKey(exceptions.APIException):
    status_code = 422


class IdempotencyKeyInUse(exceptions.APIException):
    status_code = 409


class SecretAlreadyShown(exceptions.APIException):
    status_code = 409


class ApiView(APIView):
    authentication_classes = [ApiTokenAuthentication]
    permission_classes = [permissions.IsAuthenticated, TokenScope]
    throttle_classes = [TokenRateThrottle]
    renderer_classes = [JSONRenderer]
    parser_classes = [JSONParser]
    metadata_class = None
    schema = ApiSchema()
    # Maps a service's ValidationError field names or codes to the API's field names.
    error_fields: Mapping[str, str] = {}
    # False where the request body must leave no trace (an anonymous check-in answer), see claim_idempotency_key.
    idempotency_covers_body = True
    # False where the answer holds a secret shown once (a calendar link): the key row never stores it.
    idempotency_keeps_answer = True

    @property
    def allowed_methods(self) -> list[str]:
        # OPTIONS answers 405 (there is no metadata endpoint), so it is not advertised either.
        return [method for method in super().allowed_methods if method != "OPTIONS"]

    def get_exception_handler(self) -> Callable[[Exception, Mapping[str, Any]], Response]:
        return problems.exception_handler

    def permission_denied(self, request: Request, message: str | None = None, code: str | None = None) -> NoReturn:
        if request.authenticators and not request.successful_authenticator:
            raise exceptions.NotAuthenticated(
                _("Stuur een persoonlijk API-token mee: 'Authorization: Bearer <token>'.")
            )
        raise exceptions.PermissionDenied(detail=message, code=code)

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        if request.method == "POST" and "Idempotency-Key" in request.headers:
            # super().initial checked IsAuthenticated: the user is a Person
            request.idempotency_claim = claim_idempotency_key(  # type: ignore[attr-defined]
                cast(AuthedApiRequest, request), self.idempotency_covers_body, self.idempotency_keeps_answer
            )

    def handle_exception(self, exc: Exception) -> Any:
        if isinstance(exc, Replay):
            return exc.response
        return super().handle_exception(exc)

    def finalize_response(self, request: Request, response: Any, *args: Any, **kwargs: Any) -> Any:
        response = super().finalize_response(request, response, *args, **kwargs)
        claimed = getattr(request, "idempotency_claim", None)
        if claimed is not None:
            if 200 <= response.status_code < 300:
                kept = response.data is not None and self.idempotency_keeps_answer
                body = JSONRenderer().render(response.data).decode() if kept else ""
                idempotency.complete(
                    claimed, status=response.status_code, location=response.get("Location", ""), body=body
                )
            else:
                idempotency.release(claimed)
        response["API-Version"] = problems.API_VERSION
        rate_limit = getattr(request, "rate_limit", None)
        if rate_limit is not None:
            response["X-Rate-Limit-Limit"], response["X-Rate-Limit-Remaining"], response["X-Rate-Limit-Reset"] = (
                str(part) for part in rate_limit
            )
        return response

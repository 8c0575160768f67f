"""The conversation agenda: page, printable page, Markdown and PDF (made by the worker, system fonts, no URLs)."""

from functools import cache
from pathlib import Path
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.text import slugify

from samen import permissions
from samen.collaborations.models import Collaboration
from samen.core.documents import pdf_response
from samen.core.http import AuthedRequest
from samen.interests.overview import agenda, analyse_round
from samen.interests.views.common import page_context, round_of

AGENDA_CSS = Path(__file__).resolve().parent.parent / "static" / "interests" / "agenda.css"


def _agenda_context(request: HttpRequest, pk: Any, round_pk: Any) -> tuple[Collaboration, dict[str, Any]]:
    collaboration = permissions.get_collaboration_for(request, pk)
    honesty_round = round_of(collaboration, round_pk)
    result = analyse_round(honesty_round, collaboration)
    return collaboration, {
        "collaboration": collaboration,
        "honesty_round": honesty_round,
        "result": result,
        "sections": agenda(result),
    }


@login_required
def agenda_page(request: HttpRequest, pk: Any, round_pk: Any) -> HttpResponse:
    collaboration, context = _agenda_context(request, pk, round_pk)
    del context["collaboration"]
    return render(request, "interests/agenda.html", page_context(request, collaboration, "round", **context))


@login_required
def agenda_print(request: HttpRequest, pk: Any, round_pk: Any) -> HttpResponse:
    _collaboration, context = _agenda_context(request, pk, round_pk)
    return render(request, "interests/agenda_document.html", context)


@login_required
def agenda_markdown(request: HttpRequest, pk: Any, round_pk: Any) -> HttpResponse:
    collaboration, context = _agenda_context(request, pk, round_pk)
    response = HttpResponse(
        render_to_string("interests/agenda.md", context, request=request), content_type="text/markdown; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{_agenda_filename(collaboration, "md")}"'
    return response


@cache
def _agenda_css() -> str:
    return AGENDA_CSS.read_text(encoding="utf-8")


def agenda_html_for_pdf(context: dict[str, Any]) -> str:
    """The printable agenda with its stylesheet inline: WeasyPrint fetches nothing, fonts come from the system."""
    return render_to_string("interests/agenda_document.html", {**context, "inline_css": _agenda_css()})


@login_required
def agenda_pdf(request: AuthedRequest, pk: Any, round_pk: Any) -> HttpResponseBase:
    """The PDF is made by the task worker; until it is ready this answers with a page that says so."""
    collaboration, context = _agenda_context(request, pk, round_pk)
    html = agenda_html_for_pdf(context)
    return pdf_response(request, html, _agenda_filename(collaboration, "pdf"), collaboration=collaboration)


def _agenda_filename(collaboration: Collaboration, extension: str) -> str:
    return f"gespreksagenda-{slugify(collaboration.short_name or collaboration.name)[:60]}.{extension}"

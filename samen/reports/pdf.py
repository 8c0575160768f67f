"""Accessible PDFs (PDF/UA-1: tagged, with language and title) made by WeasyPrint — one renderer for every area.

Nothing is fetched while rendering: templates carry their own styles and no images or links to
load, and the URL fetcher refuses everything but inline data, so text typed by a user can never
make the server call out.
"""

import threading
from typing import Any

from django.template.loader import render_to_string

_fonts = threading.local()


def _font_config() -> Any:
    """Loading the system fonts is a noticeable part of a render: keep one configuration per thread."""
    from weasyprint.text.fonts import FontConfiguration

    config = getattr(_fonts, "config", None)
    if config is None:
        config = _fonts.config = FontConfiguration()
    return config


def html_to_pdf(html: str) -> bytes:
    """Render a complete HTML document (with ``lang`` and ``<title>``) to a tagged PDF/UA-1."""
    import weasyprint  # imported here: loading WeasyPrint costs start-up time every process would pay
    from weasyprint.urls import URLFetcher

    document = weasyprint.HTML(string=html, base_url=None, url_fetcher=URLFetcher(allowed_protocols=["data"]))
    return bytes(document.write_pdf(pdf_variant="pdf/ua-1", font_config=_font_config()))


def digest_pdf(context: dict[str, Any]) -> bytes:
    return html_to_pdf(render_to_string("reports/digest_pdf.html", context))

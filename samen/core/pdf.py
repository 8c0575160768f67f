"""Accessible PDFs (PDF/UA-1: tagged, with language and title) made by WeasyPrint — one renderer for every area.

Only the task worker calls this (through ``samen.core.documents``): a render takes seconds of CPU,
which a web worker must not spend.

Nothing is fetched while rendering: templates carry their own styles and no images or links to
load, and the URL fetcher refuses everything but inline data, so text typed by a user can never
make the server call out.
"""

import threading
from collections.abc import Callable
from typing import Any

_fonts = threading.local()


def _font_config() -> Any:
    """Loading the system fonts is a noticeable part of a render: keep one configuration per thread."""
    from weasyprint.text.fonts import FontConfiguration

    config = getattr(_fonts, "config", None)
    if config is None:
        config = _fonts.config = FontConfiguration()
    return config


def html_to_pdf(html: str, progress: Callable[[int], None] | None = None) -> bytes:
    """Render a complete HTML document (with ``lang`` and ``<title>``) to a tagged PDF/UA-1.

    ``progress`` hears the percentage done after each of the two steps (layout, then writing).
    """
    import weasyprint  # imported here: loading WeasyPrint costs start-up time every process would pay
    from weasyprint.urls import URLFetcher

    options = {"pdf_variant": "pdf/ua-1"}
    source = weasyprint.HTML(string=html, base_url=None, url_fetcher=URLFetcher(allowed_protocols=["data"]))
    laid_out = source.render(font_config=_font_config(), **options)
    if progress is not None:
        progress(70)
    content = bytes(laid_out.write_pdf(**options))
    if progress is not None:
        progress(100)
    return content

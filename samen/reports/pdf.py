"""The council digest as an accessible PDF (PDF/UA-1: tagged, with language and title), made by WeasyPrint.

Nothing is fetched while rendering: the template carries its own styles and no images or links
to load, and the URL fetcher refuses every request.
"""

from typing import Any

from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.urls import URLFetcher


class NoFetching(URLFetcher):
    def fetch(self, url: str, headers: Any = None) -> Any:
        raise ValueError(f"Samen fetches nothing while making a PDF: {url}")


def digest_pdf(context: dict[str, Any]) -> bytes:
    html = render_to_string("reports/digest_pdf.html", context)
    document = HTML(string=html, base_url=None, url_fetcher=NoFetching())
    return bytes(document.write_pdf(pdf_variant="pdf/ua-1"))

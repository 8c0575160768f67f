"""The BBV paragraph as tagged PDF, DOCX (for the griffie to paste into the begroting) and XLSX.

All three are made by the task worker (``samen.core.documents``), never in a web request: the PDF
from the HTML the request rendered (``paragraph_html``), DOCX and XLSX by ``build_document``.
The PDF renderer is imported here and nowhere else in this app, so a move of it is one line.
"""

import io
from collections.abc import Callable
from typing import Any

import tablib
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from samen.core import formatting
from samen.core.pdf import html_to_pdf
from samen.council.bbv import Paragraph


def _value(value: Any, is_amount: bool) -> str:
    if value in (None, ""):
        return _("ontbreekt")
    return formatting.euro(value, cents=True) if is_amount else str(value)


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def paragraph_html(paragraph: Paragraph) -> str:
    """The paragraph as a complete HTML document: the PDF's source, and what identifies its content."""
    return render_to_string("council/bbv_pdf.html", {"paragraph": paragraph})


def paragraph_pdf(paragraph: Paragraph) -> bytes:
    return html_to_pdf(paragraph_html(paragraph))


def paragraph_docx(paragraph: Paragraph) -> bytes:
    import docx  # python-docx; imported here, only the export needs it

    document = docx.Document()
    document.core_properties.title = paragraph.title
    document.core_properties.language = "nl-NL"
    document.add_heading(paragraph.title, level=1)
    document.add_paragraph(_("Opgesteld uit Samen. Een bedrag dat ‘ontbreekt’ is nog niet ingevoerd door de regeling."))
    for party in paragraph.parties:
        document.add_heading(party.name, level=2)
        table = document.add_table(rows=0, cols=2)
        table.style = "Table Grid"
        for label, value, is_amount in party.rows():
            cells = table.add_row().cells
            cells[0].text = str(label)
            cells[1].text = _value(value, is_amount)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def paragraph_dataset(paragraph: Paragraph) -> tablib.Dataset:
    from samen.council.bbv import FIELDS

    data = tablib.Dataset(title=_("Verbonden partijen")[:31], headers=[str(label) for _name, label in FIELDS])
    for party in paragraph.parties:
        data.append(
            [
                (value if value is not None else "") if not is_amount else (float(value) if value is not None else "")
                for _label, value, is_amount in party.rows()
            ]
        )
    return data


def paragraph_xlsx(paragraph: Paragraph) -> bytes:
    return bytes(paragraph_dataset(paragraph).export("xlsx"))


def build_document(document: Any, progress: Callable[[int], None]) -> bytes:
    """The worker's builder of the DOCX and XLSX (see ``samen.core.documents``)."""
    from samen.collaborations.models import Organisation
    from samen.council.bbv import paragraph

    params = document.params
    organisation = Organisation.objects.get(pk=params["organisation"])
    with translation.override(params.get("language") or "nl"):
        found = paragraph(organisation, int(params["year"]), params["basis"])
        progress(50)
        return paragraph_docx(found) if params["format"] == "docx" else paragraph_xlsx(found)

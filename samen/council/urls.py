from django.urls import path

from samen.council.views import cycle, figures

app_name = "council"

urlpatterns = [
    path("samenwerkingen/<uuid:pk>/pc-planning", cycle.cycle, name="cycle"),
    path("samenwerkingen/<uuid:pk>/pc-planning/agenda.ics", cycle.calendar_feed, name="ics"),
    path("samenwerkingen/<uuid:pk>/pc-planning/momenten", cycle.add_moment, name="add_moment"),
    path(
        "samenwerkingen/<uuid:pk>/pc-planning/momenten/<uuid:moment_pk>/verwijderen",
        cycle.remove_moment,
        name="remove_moment",
    ),
    path("samenwerkingen/<uuid:pk>/pc-stukken/nieuw", cycle.add_document, name="add_document"),
    path("samenwerkingen/<uuid:pk>/pc-stukken/<uuid:document_pk>", cycle.document, name="document"),
    path("samenwerkingen/<uuid:pk>/pc-stukken/<uuid:document_pk>/bestand", cycle.document_file, name="document_file"),
    path(
        "samenwerkingen/<uuid:pk>/pc-stukken/<uuid:document_pk>/zienswijzen/<uuid:partner_pk>",
        cycle.save_zienswijze,
        name="save_zienswijze",
    ),
    path(
        "samenwerkingen/<uuid:pk>/pc-stukken/<uuid:document_pk>/reacties/<uuid:zienswijze_pk>",
        cycle.respond,
        name="respond",
    ),
    path("samenwerkingen/<uuid:pk>/kengetallen", figures.key_figures, name="figures"),
    path("organisaties/<uuid:organisation_pk>/verbonden-partijen", figures.bbv_paragraph, name="bbv"),
    path(
        "organisaties/<uuid:organisation_pk>/verbonden-partijen.pdf",
        figures.bbv_paragraph,
        {"fmt": "pdf"},
        name="bbv_pdf",
    ),
    path(
        "organisaties/<uuid:organisation_pk>/verbonden-partijen.docx",
        figures.bbv_paragraph,
        {"fmt": "docx"},
        name="bbv_docx",
    ),
    path(
        "organisaties/<uuid:organisation_pk>/verbonden-partijen.xlsx",
        figures.bbv_paragraph,
        {"fmt": "xlsx"},
        name="bbv_xlsx",
    ),
    path("raadsgrip", figures.reader, name="reader"),
]

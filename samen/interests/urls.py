from django.urls import path

from samen.interests import views

app_name = "interests"

ROUND = "samenwerkingen/<uuid:pk>/eerlijkheidsronde/<uuid:round_pk>"
urlpatterns = [
    path("samenwerkingen/<uuid:pk>/ambities", views.ambitions, name="ambitions"),
    path("samenwerkingen/<uuid:pk>/ambities/nieuw", views.ambition_create, name="ambition_create"),
    path("samenwerkingen/<uuid:pk>/ambities/inzet.csv", views.matrix_csv, name="matrix_csv"),
    path("samenwerkingen/<uuid:pk>/ambities/<uuid:ambition_pk>", views.ambition_detail, name="ambition"),
    path("samenwerkingen/<uuid:pk>/ambities/<uuid:ambition_pk>/wijzigen", views.ambition_edit, name="ambition_edit"),
    path(
        "samenwerkingen/<uuid:pk>/ambities/<uuid:ambition_pk>/verwijderen",
        views.ambition_remove,
        name="ambition_remove",
    ),
    path(
        "samenwerkingen/<uuid:pk>/ambities/<uuid:ambition_pk>/inzet/<uuid:partner_pk>",
        views.pledge_edit,
        name="pledge",
    ),
    path("samenwerkingen/<uuid:pk>/motieven", views.catalogue, name="catalogue"),
    path("samenwerkingen/<uuid:pk>/eerlijkheidsronde", views.rounds, name="rounds"),
    path("samenwerkingen/<uuid:pk>/eerlijkheidsronde/openen", views.round_open, name="round_open"),
    path(ROUND, views.round_detail, name="round"),
    path(f"{ROUND}/sluiten", views.round_close, name="round_close"),
    path(f"{ROUND}/verklaringen/<uuid:partner_pk>", views.declaration, name="declaration"),
    path(f"{ROUND}/verklaringen/<uuid:partner_pk>/delen", views.declaration_share, name="declaration_share"),
    path(f"{ROUND}/verklaringen/<uuid:partner_pk>/terugzetten", views.declaration_reopen, name="declaration_reopen"),
    path(f"{ROUND}/besluiten/<uuid:partner_pk>", views.decision, name="decision"),
    path(f"{ROUND}/analyse", views.analysis, name="analysis"),
    path(f"{ROUND}/analyse/paren", views.pairs, name="pairs"),
    path(f"{ROUND}/agenda", views.agenda_page, name="agenda"),
    path(f"{ROUND}/agenda/afdrukken", views.agenda_print, name="agenda_print"),
    path(f"{ROUND}/agenda.md", views.agenda_markdown, name="agenda_markdown"),
    path(f"{ROUND}/agenda.pdf", views.agenda_pdf, name="agenda_pdf"),
]

from django.urls import path

from samen.successes import views

app_name = "successes"
base = "samenwerkingen/<uuid:pk>/successen"
urlpatterns = [
    path(base, views.overview, name="overview"),
    path(f"{base}/nieuw", views.record, name="record"),
    path(f"{base}/zonnetje", views.spotlights, name="spotlights"),
    path(f"{base}/vieren", views.prompts, name="prompts"),
    path(f"{base}/brief", views.brief, name="brief"),
    path(f"{base}/brief.pdf", views.brief_as_pdf, name="brief_pdf"),
    path(f"{base}/brief.md", views.brief_as_text, name="brief_text"),
    path(f"{base}/tijdlijn", views.timeline, name="timeline"),
    path(f"{base}/<uuid:success_pk>", views.detail, name="detail"),
    path(f"{base}/<uuid:success_pk>/wijzigen", views.edit, name="edit"),
    path(f"{base}/<uuid:success_pk>/openbaar", views.publish, name="publish"),
    path(f"{base}/<uuid:success_pk>/bijlage", views.attachment, name="attachment"),
]

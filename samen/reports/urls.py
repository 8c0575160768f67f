from django.urls import path

from samen.reports import views

app_name = "reports"
urlpatterns = [
    path("samenwerkingen/<uuid:pk>/raadsbrieven", views.digests, name="digests"),
    path("samenwerkingen/<uuid:pk>/raadsbrieven/planning", views.plan, name="plan"),
    path("samenwerkingen/<uuid:pk>/raadsbrieven/<uuid:digest_pk>", views.digest, name="digest"),
    path("samenwerkingen/<uuid:pk>/raadsbrieven/<uuid:digest_pk>/pdf", views.pdf, name="pdf"),
    path("samenwerkingen/<uuid:pk>/raadsbrieven/<uuid:digest_pk>/pc-moment", views.link_pc_moment, name="pc_moment"),
    path("samenwerkingen/<uuid:pk>/raadsbrieven/<uuid:digest_pk>/vernieuwen", views.refresh, name="refresh"),
    path("samenwerkingen/<uuid:pk>/raadsbrieven/<uuid:digest_pk>/aanbieden", views.submit, name="submit"),
    path("samenwerkingen/<uuid:pk>/raadsbrieven/<uuid:digest_pk>/goedkeuren", views.approve, name="approve"),
    path("samenwerkingen/<uuid:pk>/raadsbrieven/<uuid:digest_pk>/publiceren", views.publish, name="publish"),
    path("samenwerkingen/<uuid:pk>/export", views.export, name="export"),
    path("samenwerkingen/<uuid:pk>/export/samenwerking.json", views.export_all, name="export_all"),
    path("samenwerkingen/<uuid:pk>/export/<slug:name>.<slug:fmt>", views.export_list, name="export_list"),
    path("samenwerkingen/importeren", views.import_collaboration, name="import"),
]

from django.urls import path

from samen.collaborations import views

app_name = "collaborations"
urlpatterns = [
    path("samenwerkingen", views.mine, name="mine"),
    path("samenwerkingen/zoeken", views.find, name="find"),
    path("samenwerkingen/nieuw", views.create, name="create"),
    path("samenwerkingen/<uuid:pk>", views.detail, name="detail"),
    path("samenwerkingen/<uuid:pk>/starten", views.activate, name="activate"),
    path("samenwerkingen/<uuid:pk>/mensen", views.people, name="people"),
    path("samenwerkingen/<uuid:pk>/partners", views.partners, name="partners"),
    path("samenwerkingen/<uuid:pk>/rollen/<uuid:role_pk>/intrekken", views.remove_role, name="remove_role"),
    path("samenwerkingen/<uuid:pk>/uitnodigingen/<uuid:invitation_pk>/intrekken", views.revoke, name="revoke"),
    path("samenwerkingen/<uuid:pk>/auditlog", views.audit_log, name="audit"),
    path("organisaties/<uuid:pk>", views.organisation, name="organisation"),
    path("gemeenten/<str:code>", views.municipality, name="municipality"),
]

from django.urls import path

from samen.experiences import views

app_name = "experiences"
base = "samenwerkingen/<uuid:pk>"
urlpatterns = [
    path(f"{base}/afspraken", views.agreements, name="agreements"),
    path(f"{base}/afspraken/nieuw", views.agreement_import, name="agreement_import"),
    path(f"{base}/afspraken/nieuw/register", views.agreement_from_roo, name="agreement_from_roo"),
    path(f"{base}/afspraken/nieuw/bestand/<uuid:upload_pk>", views.agreement_upload, name="agreement_upload"),
    path(f"{base}/afspraken/<uuid:agreement_pk>", views.agreement_detail, name="agreement"),
    path(f"{base}/afspraken/<uuid:agreement_pk>/gegevens", views.agreement_edit, name="agreement_edit"),
    path(f"{base}/artikelen/<uuid:article_pk>", views.article_detail, name="article"),
    path(f"{base}/artikelen/<uuid:article_pk>/bewerken", views.article_edit, name="article_edit"),
    path(f"{base}/artikelen/<uuid:article_pk>/versies", views.article_versions, name="article_versions"),
    path(f"{base}/signalen", views.signals, name="signals"),
    path(f"{base}/signalen/nieuw", views.signal_create, name="signal_create"),
    path(f"{base}/signalen/<uuid:signal_pk>", views.signal_detail, name="signal"),
    path(f"{base}/signalen/<uuid:signal_pk>/reactie", views.signal_reply, name="signal_reply"),
    path(f"{base}/signalen/<uuid:signal_pk>/status", views.signal_status, name="signal_status"),
    path(f"{base}/afwijkingen", views.deviations, name="deviations"),
    path(f"{base}/afwijkingen/nieuw", views.deviation_announce, name="deviation_announce"),
    path(
        f"{base}/afwijkingen/<uuid:deviation_pk>/kennisgenomen",
        views.deviation_acknowledge,
        name="deviation_acknowledge",
    ),
    path(f"{base}/check-ins", views.checkins, name="checkins"),
    path(f"{base}/check-ins/plannen", views.checkin_schedule, name="checkin_schedule"),
    path(f"{base}/check-ins/<uuid:checkin_pk>", views.checkin_detail, name="checkin"),
    path(f"{base}/check-ins/<uuid:checkin_pk>/sluiten", views.checkin_close, name="checkin_close"),
    path(f"{base}/check-ins/<uuid:checkin_pk>/resultaten.csv", views.checkin_export, name="checkin_export"),
]

from django.urls import path

from samen.notifications import views

app_name = "notifications"
urlpatterns = [
    path("meldingen", views.overview, name="overview"),
    path("meldingen/voorkeuren", views.preferences, name="preferences"),
    path("meldingen/agenda", views.calendar_link, name="calendar_link"),
    path("meldingen/afmelden/<str:token>", views.unsubscribe, name="unsubscribe"),
    path("meldingen/verzending", views.delivery, name="delivery"),
    path("agenda/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
]

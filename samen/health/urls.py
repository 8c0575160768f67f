from django.urls import path

from samen.health import views

app_name = "health"
urlpatterns = [
    path("samenwerkingen/<uuid:pk>/gezondheid", views.health, name="health"),
    path("portfolio", views.portfolio, name="portfolio"),
    path("organisaties/<uuid:pk>/portfolio", views.organisation_portfolio, name="organisation_portfolio"),
]

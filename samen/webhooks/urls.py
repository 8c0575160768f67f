from django.urls import path

from samen.webhooks import views

app_name = "webhooks"

urlpatterns = [
    path("samenwerkingen/<uuid:pk>/webhooks", views.subscriptions, name="subscriptions"),
    path("samenwerkingen/<uuid:pk>/webhooks/<uuid:sid>", views.subscription, name="subscription"),
    path("samenwerkingen/<uuid:pk>/webhooks/<uuid:sid>/<str:action>", views.change, name="change"),
]

from django.urls import path

from samen.accounts import views

app_name = "accounts"
urlpatterns = [
    path("uitnodiging/<str:token>", views.accept_invitation, name="accept_invitation"),
    path("account", views.profile, name="profile"),
]

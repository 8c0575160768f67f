from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from samen.core import views as core_views

urlpatterns = [
    path("", core_views.home, name="home"),
    path("toegankelijkheid", core_views.accessibility, name="accessibility"),
    path("_healthz/", core_views.healthz_ready, name="healthz"),
    path("_healthz/live", core_views.healthz_live, name="healthz_live"),
    path("_healthz/ready", core_views.healthz_ready, name="healthz_ready"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("allauth.urls")),
    path("beheer/", admin.site.urls),
    path("", include("samen.accounts.urls")),
    path("", include("samen.collaborations.urls")),
    path("", include("samen.interests.urls")),
    path("", include("samen.goals.urls")),
    path("", include("samen.successes.urls")),
    path("", include("samen.experiences.urls")),
    path("", include("samen.health.urls")),
    path("", include("samen.reports.urls")),
    path("", include("samen.notifications.urls")),
    path("", include("samen.webhooks.urls")),
    path("", include("samen.council.urls")),
    path("", include("samen.api.urls")),
]

if settings.BENCH_PAGES:  # the yardstick of bench/bench_throughput.py, never in a normal installation
    urlpatterns.insert(0, path("_bench/aangemeld", core_views.signed_in, name="bench_signed_in"))

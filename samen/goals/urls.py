from django.urls import path

from samen.goals import views

app_name = "goals"
GOAL = "samenwerkingen/<uuid:pk>/doelen/<uuid:goal_pk>"
ROUND = GOAL + "/rondes/<uuid:round_pk>"
REQUEST = GOAL + "/aanspreekverzoeken/<uuid:request_pk>"
urlpatterns = [
    path("samenwerkingen/<uuid:pk>/doelen", views.overview, name="overview"),
    path("samenwerkingen/<uuid:pk>/doelen/nieuw", views.new_goal, name="new"),
    path(GOAL, views.goal, name="goal"),
    path(GOAL + "/concept", views.draft, name="draft"),
    path(GOAL + "/wijzigingsvoorstel", views.amend, name="amend"),
    path(GOAL + "/opbrengst", views.benefit, name="benefit"),
    path(GOAL + "/instemmingsronde", views.open_round, name="open_round"),
    path(ROUND + "/advies", views.advice, name="advice"),
    path(ROUND + "/besluit", views.decision, name="decision"),
    path(ROUND + "/vaststellen", views.adopt, name="adopt"),
    path(GOAL + "/resultaten/nieuw", views.new_result, name="result_new"),
    path(GOAL + "/resultaten/<uuid:result_pk>", views.result, name="result"),
    path(GOAL + "/afspraken/nieuw", views.new_commitment, name="commitment_new"),
    path(GOAL + "/afspraken/<uuid:commitment_pk>/status", views.commitment_status, name="commitment_status"),
    path(GOAL + "/aanspreken", views.new_accountability, name="accountability_new"),
    path(REQUEST, views.accountability, name="accountability"),
    path(REQUEST + "/reactie", views.accountability_reply, name="accountability_reply"),
    path(REQUEST + "/afronden", views.accountability_close, name="accountability_close"),
]

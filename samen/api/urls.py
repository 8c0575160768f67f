"""/api/v1 (Dutch plural resource names, no trailing slashes) and the interface page for API tokens.

Root urls include this module at "". Anything under /api/ that is no resource (a trailing slash,
an unknown version) gets a problem+json 404, never a redirect.
"""

from django.urls import include, path, re_path

from samen.api import (
    council,
    council_writes,
    digest_moments,
    digests,
    experiences,
    goals,
    health,
    honesty,
    interests,
    pages,
    people,
    successes,
    views,
)

app_name = "api"

v1_patterns = [
    path("samenwerkingen", views.CollaborationListView.as_view(), name="collaborations"),
    path("samenwerkingen/<uuid:id>", views.CollaborationDetailView.as_view(), name="collaboration"),
    path("samenwerkingen/<uuid:id>/activeringen", views.ActivationView.as_view(), name="activations"),
    path("samenwerkingen/<uuid:id>/deelnemers", views.PartnerListView.as_view(), name="partners"),
    path("samenwerkingen/<uuid:id>/rollen", views.RoleListView.as_view(), name="roles"),
    path("samenwerkingen/<uuid:id>/rollen/<uuid:rolId>", views.RoleDetailView.as_view(), name="role"),
    path("samenwerkingen/<uuid:id>/auditlog", views.AuditLogView.as_view(), name="audit_log"),
    path("samenwerkingen/<uuid:id>/uitnodigingen", people.InvitationsView.as_view(), name="invitations"),
    path("samenwerkingen/<uuid:id>/toetredingen", people.JoiningsView.as_view(), name="joinings"),
    path("samenwerkingen/<uuid:id>/uittredingen", people.LeavingsView.as_view(), name="leavings"),
    path(
        "samenwerkingen/<uuid:id>/uitnodigingen/<uuid:uitnodigingId>/intrekkingen",
        people.InvitationRevocationsView.as_view(),
        name="invitation_revocations",
    ),
    path("meldingsvoorkeuren", people.PreferencesView.as_view(), name="preferences"),
    path("agendalinks", people.CalendarFeedsView.as_view(), name="calendar_feeds"),
    path("organisaties", views.OrganisationListView.as_view(), name="organisations"),
    path("organisaties/<uuid:id>", views.OrganisationDetailView.as_view(), name="organisation"),
    path("beleidsterreinen", views.PolicyFieldListView.as_view(), name="policy_fields"),
    # Toon eigenaarschap (samen.goals)
    path("samenwerkingen/<uuid:id>/doelen", goals.CollaborationGoalsView.as_view(), name="goals"),
    path("doelen/<uuid:id>", goals.GoalView.as_view(), name="goal"),
    path("doelen/<uuid:id>/versies", goals.GoalVersionsView.as_view(), name="goal_versions"),
    path("doelen/<uuid:id>/versies/<uuid:versieId>", goals.DraftView.as_view(), name="goal_draft"),
    path("doelen/<uuid:id>/opbrengsten", goals.BenefitsView.as_view(), name="benefits"),
    path("doelen/<uuid:id>/instemmingsrondes", goals.RoundsView.as_view(), name="consent_rounds"),
    path("doelen/<uuid:id>/vaststellingen", goals.AdoptionsView.as_view(), name="adoptions"),
    path("doelen/<uuid:id>/instemmingen", goals.DecisionsView.as_view(), name="decisions"),
    path("doelen/<uuid:id>/adviezen", goals.AdviceView.as_view(), name="advice"),
    path("doelen/<uuid:id>/resultaten", goals.ResultsView.as_view(), name="results"),
    path("doelen/<uuid:id>/afspraken", goals.CommitmentsView.as_view(), name="commitments"),
    path("resultaten/<uuid:id>/voortgangsmeldingen", goals.ProgressView.as_view(), name="progress"),
    path("afspraken/<uuid:id>/statuswijzigingen", goals.CommitmentStatusView.as_view(), name="commitment_status"),
    path("doelen/<uuid:id>/aanspreekverzoeken", goals.AccountabilityView.as_view(), name="accountability"),
    path("aanspreekverzoeken/<uuid:id>/reacties", goals.RepliesView.as_view(), name="accountability_replies"),
    path("aanspreekverzoeken/<uuid:id>/afrondingen", goals.ClosingsView.as_view(), name="accountability_closings"),
    # Ben eerlijk (samen.interests), read only
    path("samenwerkingen/<uuid:id>/ambities", interests.AmbitionsView.as_view(), name="ambitions"),
    path("ambities/<uuid:id>", interests.AmbitionView.as_view(), name="ambition"),
    path("samenwerkingen/<uuid:id>/motieven", interests.MotivesView.as_view(), name="motives"),
    path("ambities/<uuid:id>/toezeggingen", interests.PledgesView.as_view(), name="pledges"),
    path("samenwerkingen/<uuid:id>/verklaringen", interests.DeclarationsView.as_view(), name="declarations"),
    path("samenwerkingen/<uuid:id>/eerlijkheidsrondes", honesty.RoundsView.as_view(), name="honesty_rounds"),
    path("samenwerkingen/<uuid:id>/spanningen", honesty.TensionsView.as_view(), name="tensions"),
    path("eerlijkheidsrondes/<uuid:id>/sluitingen", honesty.RoundClosingsView.as_view(), name="honesty_round_closings"),
    path(
        "eerlijkheidsrondes/<uuid:id>/verklaringen/<uuid:deelnemerId>",
        honesty.OwnDeclarationView.as_view(),
        name="own_declaration",
    ),
    path(
        "eerlijkheidsrondes/<uuid:id>/verklaringen/<uuid:deelnemerId>/delingen",
        honesty.DeclarationSharingsView.as_view(),
        name="declaration_sharings",
    ),
    path(
        "eerlijkheidsrondes/<uuid:id>/verklaringen/<uuid:deelnemerId>/terugzettingen",
        honesty.DeclarationWithdrawalsView.as_view(),
        name="declaration_withdrawals",
    ),
    path(
        "eerlijkheidsrondes/<uuid:id>/go-besluiten/<uuid:deelnemerId>",
        honesty.GoDecisionView.as_view(),
        name="go_decision",
    ),
    # Erken en vier successen (samen.successes)
    path("samenwerkingen/<uuid:id>/successen", successes.CollaborationSuccessesView.as_view(), name="successes"),
    path("samenwerkingen/<uuid:id>/vieringsvoorstellen", successes.PromptsView.as_view(), name="prompts"),
    path("successen/<uuid:id>", successes.SuccessView.as_view(), name="success"),
    path("samenwerkingen/<uuid:id>/waarderingen", successes.SpotlightsView.as_view(), name="spotlights"),
    path(
        "successen/<uuid:id>/zichtbaarheidswijzigingen", successes.VisibilityView.as_view(), name="success_visibility"
    ),
    # Health (samen.health): one indicator per principle
    path("samenwerkingen/<uuid:id>/gezondheidsindicatoren", health.HealthView.as_view(), name="health"),
    path("samenwerkingen/<uuid:id>/raadsbrieven", digests.DigestsView.as_view(), name="digests"),
    path("raadsbrieven/<uuid:id>", digests.DigestView.as_view(), name="digest"),
    path("samenwerkingen/<uuid:id>/raadsbriefmomenten", digest_moments.MomentsView.as_view(), name="digest_moments"),
    path("samenwerkingen/<uuid:id>/raadsbriefplanningen", digest_moments.CyclePlansView.as_view(), name="digest_plans"),
    path("raadsbrieven/<uuid:id>/pc-momentwijzigingen", digests.PcMomentView.as_view(), name="digest_pc_moment"),
    path("raadsbrieven/<uuid:id>/verversingen", digests.RefreshesView.as_view(), name="digest_refreshes"),
    path("raadsbrieven/<uuid:id>/aanbiedingen", digests.SubmissionsView.as_view(), name="digest_submissions"),
    path("raadsbrieven/<uuid:id>/goedkeuringen", digests.ApprovalsView.as_view(), name="digest_approvals"),
    path("raadsbrieven/<uuid:id>/publicaties", digests.PublicationsView.as_view(), name="digest_publications"),
    # Deel ervaringen (samen.experiences)
    path("samenwerkingen/<uuid:id>/overeenkomsten", experiences.AgreementImportView.as_view(), name="agreements"),
    path("overeenkomsten/<uuid:id>", experiences.AgreementView.as_view(), name="agreement"),
    path("artikelen/<uuid:id>", experiences.ArticleView.as_view(), name="article"),
    path("overeenkomsten/<uuid:id>/artikelen", experiences.ArticlesView.as_view(), name="articles"),
    path("artikelen/<uuid:id>/lezingen", experiences.ReadingsView.as_view(), name="readings"),
    path("samenwerkingen/<uuid:id>/signalen", experiences.SignalsView.as_view(), name="signals"),
    path("samenwerkingen/<uuid:id>/afwijkingen", experiences.DeviationsView.as_view(), name="deviations"),
    path("samenwerkingen/<uuid:id>/check-ins", experiences.CheckInsView.as_view(), name="checkins"),
    path("check-ins/<uuid:id>/sluitingen", experiences.CheckInClosingsView.as_view(), name="checkin_closings"),
    path("check-ins/<uuid:id>/antwoorden", experiences.CheckInAnswersView.as_view(), name="checkin_answers"),
    path("signalen/<uuid:id>/reacties", experiences.SignalRepliesView.as_view(), name="signal_replies"),
    path("signalen/<uuid:id>/statuswijzigingen", experiences.SignalStatusView.as_view(), name="signal_status"),
    path("afwijkingen/<uuid:id>/kennisnames", experiences.AcknowledgementsView.as_view(), name="acknowledgements"),
    # Raadsgrip (samen.council)
    path("samenwerkingen/<uuid:id>/pc-momenten", council.CalendarView.as_view(), name="pc_moments"),
    path("samenwerkingen/<uuid:id>/pc-stukken", council.DocumentsView.as_view(), name="pc_documents"),
    path("pc-stukken/<uuid:id>/zienswijzen", council.ZienswijzenView.as_view(), name="zienswijzen"),
    path("samenwerkingen/<uuid:id>/kengetallen", council_writes.FiguresView.as_view(), name="key_figures"),
    path(
        "samenwerkingen/<uuid:id>/kengetallenbestanden",
        council_writes.FiguresImportView.as_view(),
        name="key_figure_imports",
    ),
    path("samenwerkingen/<uuid:id>/eigen-pc-momenten", council_writes.OwnMomentsView.as_view(), name="own_moments"),
    path("eigen-pc-momenten/<uuid:id>", council_writes.OwnMomentView.as_view(), name="own_moment"),
    path("zienswijzen/<uuid:id>/reacties", council_writes.ResponsesView.as_view(), name="zienswijze_responses"),
]

urlpatterns = [
    path("api-tokens", pages.tokens, name="tokens"),
    path("api-tokens/<uuid:pk>/intrekken", pages.revoke, name="revoke_token"),
    path("api/v1", views.RootView.as_view(), name="root"),
    path("api/v1/openapi.json", views.OpenApiDocumentView.as_view(), name="openapi"),
    path("api/v1/", include(v1_patterns)),
    # [\s\S] and \Z: a path with an encoded newline (%0A) is still ours to answer, as problem+json.
    re_path(r"^api(?:/[\s\S]*)?\Z", views.not_found),
]

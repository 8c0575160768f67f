"""Everything a person can do on a page, a system can do through /api/v1.

The test walks the URL list of the web app: every view that takes a POST (a page action) must name
the API operation(s) that do the same through the same service, or stand in the short list of
deliberate exceptions with its reason. Every operation named must exist in the OpenAPI document.
"""

import inspect
from collections.abc import Iterator

from django.urls import URLPattern, URLResolver, get_resolver

from samen.api.schema import generate_document

# Page action (URL name) -> the API operations (operationId) that do the same.
PAGE_ACTIONS: dict[str, set[str]] = {
    "collaborations:create": {"samenwerkingAanmaken"},
    "collaborations:activate": {"samenwerkingActiveren"},
    "collaborations:people": {"uitnodigen", "rolToekennen"},
    "collaborations:remove_role": {"rolIntrekken"},
    "collaborations:revoke": {"uitnodigingIntrekken"},
    "collaborations:partners": {"toetredingVastleggen", "uittredingVastleggen"},
    "interests:ambition_create": {"ambitieToevoegen"},
    "interests:ambition_edit": {"ambitieWijzigen"},
    "interests:ambition_remove": {"ambitieVerwijderen"},
    "interests:pledge": {"toezeggingDoen"},
    "interests:catalogue": {"motiefToevoegen", "spanningToevoegen"},
    "interests:round_open": {"eerlijkheidsrondeOpenen"},
    "interests:round_close": {"eerlijkheidsrondeSluiten"},
    "interests:declaration": {"verklaringOpslaan"},
    "interests:declaration_share": {"verklaringDelen"},
    "interests:declaration_reopen": {"verklaringTerugzetten"},
    "interests:decision": {"goBesluitNemen"},
    "goals:new": {"doelOpstellen"},
    "goals:draft": {"conceptBewerken"},
    "goals:amend": {"wijzigingsvoorstelDoen"},
    "goals:benefit": {"opbrengstBeschrijven"},
    "goals:open_round": {"instemmingsrondeOpenen"},
    "goals:advice": {"adviesGeven"},
    "goals:decision": {"instemmingVastleggen"},
    "goals:adopt": {"doelVaststellen"},
    "goals:result_new": {"resultaatToevoegen"},
    "goals:result": {"voortgangMelden"},
    "goals:commitment_new": {"afspraakMaken"},
    "goals:commitment_status": {"afspraakstatusWijzigen"},
    "goals:accountability_new": {"aanspreekverzoekDoen"},
    "goals:accountability_reply": {"reactieGeven"},
    "goals:accountability_close": {"aanspreekverzoekAfronden"},
    "successes:record": {"succesVastleggen"},
    "successes:edit": {"succesWijzigen"},
    "successes:publish": {"succesZichtbaarheidWijzigen"},
    "successes:spotlights": {"waarderingGeven"},
    "experiences:agreement_import": {"overeenkomstInlezen"},
    "experiences:agreement_edit": {"overeenkomstWijzigen"},
    "experiences:article_edit": {"artikelWijzigen"},
    "experiences:article": {"lezingVastleggen"},
    "experiences:signal_create": {"signaalGeven"},
    "experiences:signal_reply": {"signaalReactieGeven"},
    "experiences:signal_status": {"signaalstatusWijzigen"},
    "experiences:deviation_announce": {"afwijkingAankondigen"},
    "experiences:deviation_acknowledge": {"afwijkingKennisnemen"},
    "experiences:checkin_schedule": {"checkInsPlannen"},
    "experiences:checkin": {"checkInBeantwoorden"},
    "experiences:checkin_close": {"checkInSluiten"},
    "reports:digests": {"raadsbriefOpstellen"},
    "reports:digest": {"raadsbriefWijzigen"},
    "reports:refresh": {"raadsbriefVerversen"},
    "reports:submit": {"raadsbriefAanbieden"},
    "reports:approve": {"raadsbriefGoedkeuren"},
    "reports:publish": {"raadsbriefPubliceren"},
    "notifications:preferences": {"meldingsvoorkeurenWijzigen"},
    "notifications:calendar_link": {"agendalinkMaken", "agendalinkIntrekken"},
    "council:add_document": {"pcStukVastleggen"},
    "council:save_zienswijze": {"zienswijzeSchrijven"},
    "council:add_moment": {"eigenPcMomentToevoegen"},
    "council:remove_moment": {"eigenPcMomentVerwijderen"},
    "council:respond": {"zienswijzeBeantwoorden"},
    "council:figures": {"kengetallenVastleggen", "kengetallenInlezen"},
    "reports:pc_moment": {"raadsbriefPcMomentKiezen"},
    "reports:plan": {"raadsbriefmomentPlannen", "raadsbriefmomentenPlannen"},
}

# Page actions with no API operation, on purpose.
EXCEPTIONS: dict[str, str] = {
    "accounts:accept_invitation": "a person accepts with the secret link from their own e-mail",
    "accounts:profile": "a person's own name, job title and language: no system changes them",
    "notifications:unsubscribe": "the one-click link in an e-mail (RFC 8058), for the person themselves",
    "notifications:delivery": "staff retry mails that could not be sent; an installation task, not a partner's",
    "api:tokens": "a token cannot make tokens: a person makes them, and sees each once",
    "api:revoke_token": "likewise: a person revokes their own tokens",
    "reports:import": "the complete JSON import is for the installation's beheerders (also a manage.py command)",
    "webhooks:subscriptions": "the facilitator registers a receiving system and copies its secret once",
    "webhooks:change": "pausing, resuming and removing a webhook belongs with registering it",
}


def page_views() -> Iterator[tuple[str, object]]:
    def walk(patterns: list, namespace: str) -> Iterator[tuple[str, object]]:
        for entry in patterns:
            if isinstance(entry, URLResolver):
                inner = namespace
                if entry.namespace:
                    inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
                yield from walk(entry.url_patterns, inner)
            elif isinstance(entry, URLPattern) and entry.name:
                module = getattr(entry.callback, "__module__", "")
                if (module.startswith("samen.") and not module.startswith("samen.api.")) or module == "samen.api.pages":
                    yield (f"{namespace}:{entry.name}" if namespace else entry.name), entry.callback

    yield from walk(get_resolver().url_patterns, "")


def takes_a_post(view: object) -> bool:
    """A view acts when its code reads a POST or it only allows POST (``require_POST``)."""
    function = inspect.unwrap(view)  # type: ignore[arg-type]
    lines, start = inspect.getsourcelines(function)
    with open(inspect.getsourcefile(function) or "", encoding="utf-8") as handle:
        decorators = handle.read().splitlines()[max(0, start - 6) : start]
    return "POST" in "".join(lines) or any("require_POST" in line for line in decorators)


def operation_ids() -> set[str]:
    return {
        operation["operationId"]
        for items in generate_document()["paths"].values()
        for method, operation in items.items()
        if method in {"get", "post", "put", "patch", "delete"}
    }


def test_every_page_action_has_an_api_operation_or_a_stated_exception() -> None:
    actions = {name for name, view in page_views() if takes_a_post(view)}
    missing = sorted(actions - set(PAGE_ACTIONS) - set(EXCEPTIONS))
    assert not missing, f"page actions without an API operation (add one, or an exception with its reason): {missing}"


def test_every_named_operation_exists_in_the_openapi_document() -> None:
    known = operation_ids()
    unknown = {name: ops - known for name, ops in PAGE_ACTIONS.items() if ops - known}
    assert not unknown, unknown


def test_the_lists_name_only_pages_that_exist() -> None:
    names = {name for name, _view in page_views()}
    assert not (set(PAGE_ACTIONS) | set(EXCEPTIONS)) - names


def test_the_exceptions_stay_a_short_list() -> None:
    assert len(EXCEPTIONS) <= 15

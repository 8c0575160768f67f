"""schemathesis against the running API: a seeded collaboration, a read-write token, bounded examples and time.

Zero server errors, and every answer (status, content type, headers, body) as the document promises.
"""

import datetime
import hashlib
import time
from typing import Any

import pytest
import schemathesis
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from samen.accounts.services import invite_person
from samen.api.schema import generate_document
from samen.api.services import create_token
from samen.collaborations.models import Role
from samen.council import services as council
from samen.experiences import services as experiences
from samen.goals import services as goals
from samen.interests.services import create_ambition, open_round
from samen.reports.services import create_digest
from samen.successes.services import record_success
from tests.personas import build_demo

MAX_EXAMPLES = 20
# Time per operation (about 36 operations: at most ~2 minutes in all); examples after it pass without a request,
# so a slow machine runs fewer examples of every operation rather than none of the last ones.
SECONDS_PER_OPERATION = 3.0
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]

schema = schemathesis.openapi.from_dict(generate_document())


@pytest.fixture
def seeded(live_server: Any, transactional_db: Any) -> dict[str, Any]:
    demo = build_demo()
    _token, raw = create_token(by=demo.facilitator, name="fuzzing", scope="lezen_schrijven")
    goal = goals.create_goal(
        collaboration=demo.collaboration, by=demo.utrecht_beleidsmedewerker, title="Doel", text="Samen beter."
    )
    for partner, contact in ((demo.utrecht, demo.utrecht_wethouder), (demo.zeist, demo.zeist_wethouder)):
        goals.state_benefit(goal=goal, partner=partner, by=contact, text="Het levert ons wat op.")
    goals.state_benefit(goal=goal, partner=demo.de_bilt, by=demo.de_bilt_wethouder, text="Ook voor ons.")
    goals.open_consent_round(goal=goal, by=demo.facilitator, deadline=timezone.localdate())
    result = goals.add_result(
        goal=goal,
        by=demo.facilitator,
        indicator="Doorlooptijd",
        unit="weken",
        baseline=12,
        target=8,
        due_on=timezone.localdate() + datetime.timedelta(days=300),
        owner_partner=demo.utrecht,
        owner_person=demo.utrecht_beleidsmedewerker,
    )
    commitment = goals.add_commitment(
        goal=goal,
        by=demo.utrecht_wethouder,
        partner=demo.utrecht,
        what="Werkwijze aanpassen",
        who=demo.utrecht_beleidsmedewerker,
        due_on=timezone.localdate() + datetime.timedelta(days=30),
    )
    success = record_success(
        collaboration=demo.collaboration,
        by=demo.facilitator,
        title="Succes",
        story="Gelukt.",
        date=timezone.localdate(),
        partners=[demo.utrecht],
    )
    asked = goals.raise_accountability_request(
        collaboration=demo.collaboration, by=demo.zeist_wethouder, question="Lukt het?", commitment=commitment
    )
    agreement = experiences.import_agreement(
        collaboration=demo.collaboration,
        by=demo.facilitator,
        kind="convenant",
        title="Convenant",
        token=experiences.make_import_token("Artikel 1 Kosten\nDe partners delen de kosten.\n", "auto"),
        parties=list(demo.collaboration.current_partners()),
    )
    [checkin] = experiences.schedule_checkins(
        collaboration=demo.collaboration, by=demo.facilitator, first_opens_on=timezone.localdate()
    )
    honesty_round = open_round(
        collaboration=demo.collaboration,
        by=demo.facilitator,
        title="Ronde",
        deadline=timezone.localdate() + datetime.timedelta(days=14),
    )
    digest = create_digest(
        collaboration=demo.collaboration,
        by=demo.facilitator,
        period_start=timezone.localdate() - datetime.timedelta(days=30),
        period_end=timezone.localdate(),
    )
    invitation = invite_person(
        collaboration=demo.collaboration,
        email="nieuw@zeist.example",
        full_name="Nieuw",
        kind="lezer",
        partner=demo.zeist,
        by=demo.facilitator,
    )
    ambition = create_ambition(collaboration=demo.collaboration, by=demo.facilitator, title="Ambitie")
    signal = experiences.raise_signal(
        collaboration=demo.collaboration,
        by=demo.zeist_wethouder,
        from_partner=demo.zeist,
        kind="zorg",
        subject="Zorg",
        text="Toelichting.",
        addressee="iedereen",
    )
    deviation = experiences.announce_deviation(
        collaboration=demo.collaboration,
        by=demo.zeist_wethouder,
        partner=demo.zeist,
        article=agreement.articles.get(),
        reason="Reden.",
        starts_on=timezone.localdate(),
    )
    pc_document = council.record_document(
        collaboration=demo.collaboration,
        by=demo.facilitator,
        year=timezone.localdate().year,
        kind="ontwerpbegroting",
        title="Ontwerpbegroting",
        sent_on=timezone.localdate(),
        link="https://www.example.org/ontwerpbegroting.pdf",
    )
    own_moment = council.add_own_moment(
        collaboration=demo.collaboration, by=demo.facilitator, title="Voorjaarsnota", due_on=timezone.localdate()
    )
    zienswijze = council.save_zienswijze(
        document=pc_document,
        partner=demo.zeist,
        by=demo.zeist_wethouder,
        stance="opmerkingen",
        text="Let op de kosten.",
        decided_on=timezone.localdate(),
    )
    council.adopt_zienswijze(zienswijze=zienswijze, by=demo.zeist_wethouder)
    return {
        "base_url": live_server.url + "/api/v1",
        "headers": {"Authorization": f"Bearer {raw}"},
        "ids": {
            "/organisaties/": str(demo.utrecht.organisation_id),
            "/doelen/": str(goal.pk),
            "/resultaten/": str(result.pk),
            "/afspraken/": str(commitment.pk),
            "/successen/": str(success.pk),
            "/aanspreekverzoeken/": str(asked.pk),
            "/ambities/": str(ambition.pk),
            "/signalen/": str(signal.pk),
            "/afwijkingen/": str(deviation.pk),
            "/pc-stukken/": str(pc_document.pk),
            "/eigen-pc-momenten/": str(own_moment.pk),
            "/zienswijzen/": str(zienswijze.pk),
            "/overeenkomsten/": str(agreement.pk),
            "/artikelen/": str(agreement.articles.get().pk),
            "/check-ins/": str(checkin.pk),
            "/eerlijkheidsrondes/": str(honesty_round.pk),
            "/raadsbrieven/": str(digest.pk),
            "/samenwerkingen/": str(demo.collaboration.pk),
        },
        "partner": str(demo.utrecht.pk),
        "invitation": str(invitation.pk),
        "role": str(Role.objects.filter(collaboration=demo.collaboration, kind="lezer").get().pk),
        "version": str(goal.versions.get().pk),
    }


def mostly_real(value: Any, real: str) -> str:
    """Three in four generated ids become ids that exist, so the fuzzer reaches more than 404s."""
    digest = hashlib.sha256(str(value).encode()).digest()
    return real if digest[0] % 4 else str(value)


def call(case: Any, seeded: dict[str, Any]) -> None:
    parameters = case.path_parameters or {}
    if "id" in parameters:
        real = next(value for prefix, value in seeded["ids"].items() if case.path.startswith(prefix))
        parameters["id"] = mostly_real(parameters["id"], real)
    if "rolId" in parameters:
        parameters["rolId"] = mostly_real(parameters["rolId"], seeded["role"])
    if "deelnemerId" in parameters:
        parameters["deelnemerId"] = mostly_real(parameters["deelnemerId"], seeded["partner"])
    if "uitnodigingId" in parameters:
        parameters["uitnodigingId"] = mostly_real(parameters["uitnodigingId"], seeded["invitation"])
    if "versieId" in parameters:
        parameters["versieId"] = mostly_real(parameters["versieId"], seeded["version"])
    case.call_and_validate(base_url=seeded["base_url"], headers=seeded["headers"], checks=CHECKS)


# One ordinary pytest test per operation (rather than ``schema.parametrize()``), so that pytest-xdist,
# which `make test` uses, runs every operation: it cannot tell schemathesis's own items apart.
OPERATIONS = [f"{method.upper()} {path}" for path, items in generate_document()["paths"].items() for method in items]


@pytest.mark.timeout(120)
@pytest.mark.parametrize("operation", OPERATIONS)
def test_the_api_keeps_its_promises(operation: str, seeded: dict[str, Any]) -> None:
    method, path = operation.split(" ", 1)
    api_operation = schema[path][method]
    cases = st.one_of(
        api_operation.as_strategy(GenerationMode.POSITIVE), api_operation.as_strategy(GenerationMode.NEGATIVE)
    )
    started = time.monotonic()
    calls: list[int] = []

    @settings(max_examples=MAX_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    @given(case=cases)
    def examples(case: Any) -> None:
        if time.monotonic() - started > SECONDS_PER_OPERATION and calls:
            return
        call(case, seeded)
        calls.append(1)

    examples()
    assert calls, f"no request was made for {operation}"

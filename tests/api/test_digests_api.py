"""Raadsbrieven through the API: drafted by contacts, approved per partner, published for the councils."""

import datetime

import pytest
from django.utils import timezone

from samen.audit.models import AuditEvent
from samen.council.facts import pc_moments
from samen.reports.models import CouncilDigest, DigestStatus
from tests.api.conftest import assert_problem

pytestmark = pytest.mark.django_db


def draft(demo, api_for) -> dict:
    today = timezone.localdate()
    response = api_for(demo.utrecht_beleidsmedewerker).post(
        f"/samenwerkingen/{demo.collaboration.pk}/raadsbrieven",
        {"periodeVan": (today - datetime.timedelta(days=90)).isoformat(), "periodeTotEnMet": today.isoformat()},
    )
    assert response.status_code == 201, response.content
    return response.json()


def test_from_draft_to_published_with_every_partners_approval(demo, api_for):
    digest = draft(demo, api_for)
    path = f"/raadsbrieven/{digest['id']}"
    assert api_for(demo.facilitator).post(f"{path}/aanbiedingen").json()["status"] == DigestStatus.AWAITING

    refused = api_for(demo.facilitator).post(f"{path}/publicaties")
    assert "Nog niet goedgekeurd" in assert_problem(refused, 400)["detail"]
    for wethouder, partner in (
        (demo.utrecht_wethouder, demo.utrecht),
        (demo.zeist_wethouder, demo.zeist),
        (demo.de_bilt_wethouder, demo.de_bilt),
    ):
        approved = api_for(wethouder).post(f"{path}/goedkeuringen", {"deelnemer": str(partner.pk)})
        assert approved.status_code == 200
    published = api_for(demo.facilitator).post(f"{path}/publicaties")

    assert published.json()["status"] == DigestStatus.PUBLISHED
    assert published.json()["pdf"].endswith(f"/raadsbrieven/{digest['id']}/pdf")
    assert AuditEvent.objects.filter(action="reports.digest_published").exists()
    assert api_for(demo.raadslid).get(path).status_code == 200


def test_a_reader_sees_no_draft(demo, api_for):
    digest = draft(demo, api_for)
    assert_problem(api_for(demo.raadslid).get(f"/raadsbrieven/{digest['id']}"), 404)
    listing = api_for(demo.raadslid).get(f"/samenwerkingen/{demo.collaboration.pk}/raadsbrieven").json()
    assert listing["results"] == []


def test_only_the_partners_own_wethouder_approves(demo, api_for):
    digest = draft(demo, api_for)
    api_for(demo.facilitator).post(f"/raadsbrieven/{digest['id']}/aanbiedingen")
    response = api_for(demo.zeist_wethouder).post(
        f"/raadsbrieven/{digest['id']}/goedkeuringen", {"deelnemer": str(demo.utrecht.pk)}
    )
    assert_problem(response, 403)


def test_an_edit_with_an_old_version_answers_409(demo, api_for):
    digest = draft(demo, api_for)
    path = f"/raadsbrieven/{digest['id']}"
    api = api_for(demo.zeist_beleidsmedewerker)
    first = api.client.patch(
        "/api/v1" + path,
        {"titel": "Raadsbrief voorjaar", "versie": digest["versie"]},
        content_type="application/json",
        headers=api.headers,
    )
    assert first.status_code == 200
    late = api.client.patch(
        "/api/v1" + path,
        {"titel": "Andere titel", "versie": digest["versie"]},
        content_type="application/json",
        headers=api.headers,
    )
    assert_problem(late, 409)
    assert CouncilDigest.objects.get().title == "Raadsbrief voorjaar"


def test_an_impossible_period_is_refused_in_dutch(demo, api_for):
    response = api_for(demo.utrecht_beleidsmedewerker).post(
        f"/samenwerkingen/{demo.collaboration.pk}/raadsbrieven",
        {"periodeVan": "2026-06-01", "periodeTotEnMet": "2026-01-01"},
    )
    assert_problem(response, 400)
    assert not CouncilDigest.objects.exists()


def test_a_raadsbrief_belongs_to_a_pc_moment_chosen_through_the_api(demo, api_for):
    digest = draft(demo, api_for)
    path = f"/raadsbrieven/{digest['id']}/pc-momentwijzigingen"
    year = timezone.localdate().year
    last = pc_moments(demo.collaboration, [year])[-1]  # the year's last Wgr moment, not the default one
    assert digest["pcMoment"] != last.value

    chosen = api_for(demo.utrecht_beleidsmedewerker).post(path, {"pcMoment": last.value})
    assert chosen.status_code == 200, chosen.content
    assert chosen.json()["pcMoment"] == last.value
    assert CouncilDigest.objects.get(pk=digest["id"]).pc_moment == last.ref
    assert AuditEvent.objects.filter(action="reports.digest_pc_moment_linked").exists()

    unknown = api_for(demo.utrecht_beleidsmedewerker).post(path, {"pcMoment": f"{year}:bestaat-niet"})
    assert "P&C-planning" in assert_problem(unknown, 400)["detail"] + str(unknown.json())
    assert CouncilDigest.objects.get(pk=digest["id"]).pc_moment == last.ref

    cleared = api_for(demo.utrecht_beleidsmedewerker).post(path, {"pcMoment": ""})
    assert cleared.json()["pcMoment"] == ""


def test_a_reader_cannot_choose_the_pc_moment(demo, api_for):
    digest = draft(demo, api_for)
    response = api_for(demo.raadslid).post(f"/raadsbrieven/{digest['id']}/pc-momentwijzigingen", {"pcMoment": ""})
    assert_problem(response, 404)

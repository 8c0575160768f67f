"""Every page of Deel ervaringen opens for the people who may see it, with queries that do not grow with data."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from samen.experiences import services
from samen.experiences.models import Stance
from tests.experiences.conftest import WGR_MD, answer, article, import_text, open_checkin

pytestmark = pytest.mark.django_db


def query_count(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def test_every_page_opens_for_a_contact_and_the_facilitator(demo, agreement, client_for):
    kosten = article(agreement, "2")
    signal = services.raise_signal(
        collaboration=demo.collaboration,
        by=demo.zeist_beleidsmedewerker,
        from_partner=demo.zeist,
        kind="overig",
        subject="Test",
        text="Tekst",
        addressee="iedereen",
        article=kosten,
    )
    checkin = open_checkin(demo)
    pk = demo.collaboration.pk
    urls = [
        reverse("experiences:agreements", args=[pk]),
        reverse("experiences:agreement_import", args=[pk]),
        reverse("experiences:agreement", args=[pk, agreement.pk]),
        reverse("experiences:agreement_edit", args=[pk, agreement.pk]),
        reverse("experiences:article", args=[pk, kosten.pk]),
        reverse("experiences:article_edit", args=[pk, kosten.pk]),
        reverse("experiences:article_versions", args=[pk, kosten.pk]),
        reverse("experiences:signals", args=[pk]),
        reverse("experiences:signal_create", args=[pk]),
        reverse("experiences:signal", args=[pk, signal.pk]),
        reverse("experiences:deviations", args=[pk]),
        reverse("experiences:checkins", args=[pk]),
        reverse("experiences:checkin", args=[pk, checkin.pk]),
    ]
    for person in (demo.zeist_wethouder, demo.facilitator):
        client = client_for(person)
        for url in urls:
            assert client.get(url).status_code == 200, (person, url)
    contact = client_for(demo.zeist_wethouder)
    assert contact.get(reverse("experiences:deviation_announce", args=[pk])).status_code == 200
    assert contact.get(reverse("experiences:checkin_schedule", args=[pk])).status_code == 403
    assert client_for(demo.facilitator).get(reverse("experiences:checkin_schedule", args=[pk])).status_code == 200


def test_the_tab_leads_to_deel_ervaringen(demo, client_for):
    page = client_for(demo.zeist_wethouder).get(reverse("collaborations:detail", args=[demo.collaboration.pk]))
    assert reverse("experiences:agreements", args=[demo.collaboration.pk]) in page.text
    assert "Deel ervaringen" in page.text


def test_the_agreement_page_queries_do_not_grow_with_articles(demo, client_for):
    small = import_text(demo)
    large = import_text(demo, WGR_MD.read_text(encoding="utf-8"), title="Wgr")
    for agreement in (small, large):
        for stance, partner, person in (
            (Stance.AS_WRITTEN, demo.utrecht, demo.utrecht_beleidsmedewerker),
            (Stance.DIFFERENT, demo.zeist, demo.zeist_beleidsmedewerker),
        ):
            for item in agreement.articles.all()[:2]:
                services.record_reading(article=item, partner=partner, by=person, stance=stance, text="x")
    client = client_for(demo.zeist_wethouder)
    pk = demo.collaboration.pk
    assert query_count(client, reverse("experiences:agreement", args=[pk, small.pk])) == query_count(
        client, reverse("experiences:agreement", args=[pk, large.pk])
    )
    register = client.get(reverse("experiences:agreements", args=[pk]))
    assert register.text.count("2 artikelen") == 2


def test_the_signal_list_queries_do_not_grow_with_signals(demo, agreement, client_for):
    client = client_for(demo.facilitator)
    url = reverse("experiences:signals", args=[demo.collaboration.pk])

    def add(n):
        for i in range(n):
            services.raise_signal(
                collaboration=demo.collaboration,
                by=demo.zeist_beleidsmedewerker,
                from_partner=demo.zeist,
                kind="kosten_hoger",
                subject=f"S{i}",
                text="t",
                addressee="partner",
                addressee_partner=demo.utrecht,
                article=article(agreement, "2"),
                amount="10",
            )

    add(2)
    few = query_count(client, url)
    add(20)
    assert query_count(client, url) == few


def test_the_checkin_list_queries_do_not_grow_with_checkins(demo, client_for):
    client = client_for(demo.zeist_wethouder)
    url = reverse("experiences:checkins", args=[demo.collaboration.pk])
    services.schedule_checkins(
        collaboration=demo.collaboration,
        by=demo.facilitator,
        first_opens_on=timezone.localdate(),
        count=2,
        interval_weeks=6,
    )
    few = query_count(client, url)
    services.schedule_checkins(
        collaboration=demo.collaboration,
        by=demo.facilitator,
        first_opens_on=timezone.localdate(),
        count=10,
        interval_weeks=2,
        open_days=7,
    )
    assert query_count(client, url) == few


def test_a_contact_sees_whether_they_answered(demo, client_for):
    checkin = open_checkin(demo)
    answer(checkin, demo.zeist_wethouder, demo.zeist)
    page = client_for(demo.zeist_wethouder).get(
        reverse("experiences:checkin", args=[demo.collaboration.pk, checkin.pk])
    )
    assert "U heeft deze check-in ingevuld." in page.text
    assert "Antwoorden versturen" not in page.text

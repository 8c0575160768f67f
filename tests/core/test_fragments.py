"""Cached page fragments: a change shows at once, and nobody gets a fragment made for other rights."""

import pytest
from django.db import transaction
from django.urls import reverse

from samen import permissions
from samen.collaborations.models import Organisation
from samen.collaborations.services import create_collaboration
from samen.core import fragments
from samen.core.models import ChangeStamp
from samen.goals.services.drafting import create_goal
from samen.interests.services import create_ambition, pledge


def health_url(demo) -> str:
    return reverse("health:health", args=[demo.collaboration.pk])


def test_the_stamp_moves_with_a_change_for_the_connection_that_made_it_and_for_everyone_once_it_commits(db):
    before = fragments.stamp()
    with transaction.atomic():
        fragments.changed()
        assert fragments.stamp() != before
    assert fragments.stamp() != before


def counter() -> int:
    # The row is made by a migration; a transactional test before this one may have emptied the table.
    return ChangeStamp.objects.filter(pk=ChangeStamp.ONE).values_list("n", flat=True).first() or 0


def moves(callbacks) -> int:
    before = counter()
    for callback in callbacks:
        callback()
    return counter() - before


def test_a_transaction_with_several_changes_moves_the_stamp_once(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks, transaction.atomic():
        fragments.changed()
        fragments.changed()
        fragments.changed()
    assert len(callbacks) == 3
    assert moves(callbacks) == 1
    assert "-" not in fragments.stamp()  # nothing pending any more


def test_a_change_after_a_rolled_back_savepoint_still_moves_the_stamp(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks, transaction.atomic():
        try:
            with transaction.atomic():
                fragments.changed()
                raise RuntimeError("refused")
        except RuntimeError:
            pass
        fragments.changed()
    assert len(callbacks) == 1  # the rolled-back savepoint's callback is gone
    assert moves(callbacks) == 1


def test_two_transactions_move_the_stamp_twice_even_from_an_emptied_table(db, django_capture_on_commit_callbacks):
    ChangeStamp.objects.all().delete()
    with django_capture_on_commit_callbacks() as first, transaction.atomic():
        fragments.changed()
    assert moves(first) == 1
    with django_capture_on_commit_callbacks() as second, transaction.atomic():
        fragments.changed()
    assert moves(second) == 1


def pledged(demo, partner, person, ambition) -> None:
    pledge(ambition=ambition, partner=partner, by=person, urgency=4, hours_per_month=10)


@pytest.mark.parametrize("page", ["health", "portfolio", "organisation_portfolio"])
def test_a_health_page_shows_a_pledge_right_after_the_service_call(demo, client_for, page):
    url, person, before, after = {
        "health": (
            health_url(demo),
            demo.facilitator,
            "Nog geen inzet van De Bilt en Zeist.",
            "Nog geen inzet van De Bilt.",
        ),
        "portfolio": (
            reverse("health:portfolio") + "?gebied=ambitie&status=zorg",
            demo.facilitator,
            "1 van 1 samenwerking getoond.",
            "0 van 1 samenwerkingen getoond.",
        ),
        "organisation_portfolio": (
            reverse("health:organisation_portfolio", args=[demo.utrecht.organisation_id])
            + "?gebied=ambitie&status=zorg",
            demo.utrecht_beleidsmedewerker,
            "1 van 1 samenwerking getoond.",
            "0 van 1 samenwerkingen getoond.",
        ),
    }[page]
    client = client_for(person)
    ambition = create_ambition(collaboration=demo.collaboration, by=demo.facilitator, title="Snellere vergunningen")
    pledged(demo, demo.utrecht, demo.utrecht_beleidsmedewerker, ambition)
    assert before in client.get(url).content.decode()
    assert before in client.get(url).content.decode()  # from the cache
    pledged(demo, demo.zeist, demo.zeist_beleidsmedewerker, ambition)
    if page != "health":
        pledged(demo, demo.de_bilt, demo.de_bilt_beleidsmedewerker, ambition)
    assert after in client.get(url).content.decode()


def test_the_goals_overview_shows_a_new_goal_right_after_the_service_call(demo, client_for):
    client = client_for(demo.facilitator)
    url = reverse("goals:overview", args=[demo.collaboration.pk])
    assert "Sneller vergunnen" not in client.get(url).content.decode()
    create_goal(
        collaboration=demo.collaboration,
        by=demo.utrecht_beleidsmedewerker,
        title="Sneller vergunnen",
        text="Binnen vier weken.",
    )
    assert "Sneller vergunnen" in client.get(url).content.decode()


def test_the_search_shows_a_new_collaboration_right_after_the_service_call(demo, client_for):
    client = client_for(demo.facilitator)
    url = reverse("collaborations:find") + "?q=Groene+Heuvelrug"
    assert "Niets gevonden" in client.get(url).content.decode()
    create_collaboration(
        by=demo.facilitator,
        name="Convenant Groene Heuvelrug",
        kind="convenant",
        purpose="Samen het landschap beheren.",
        organisations=[demo.utrecht.organisation, Organisation.objects.get(pk=demo.zeist.organisation_id)],
    )
    assert "Convenant Groene Heuvelrug" in client.get(url).content.decode()


def test_a_reader_never_gets_the_live_health_a_facilitator_or_contact_was_shown(demo, client_for):
    ambition = create_ambition(collaboration=demo.collaboration, by=demo.facilitator, title="Snellere vergunningen")
    pledged(demo, demo.utrecht, demo.utrecht_beleidsmedewerker, ambition)
    for person in (demo.facilitator, demo.zeist_beleidsmedewerker):
        assert "Scheurtjes" in client_for(person).get(health_url(demo)).content.decode()
    text = client_for(demo.raadslid).get(health_url(demo)).content.decode()
    assert "Scheurtjes" not in text
    assert "nog geen gezondheid gepubliceerd" in text
    portfolio = client_for(demo.raadslid).get(reverse("health:portfolio")).content.decode()
    assert "nog niets gepubliceerd" in portfolio


def test_readers_do_not_get_the_drafts_a_contact_was_shown(demo, client_for):
    create_goal(
        collaboration=demo.collaboration,
        by=demo.utrecht_beleidsmedewerker,
        title="Sneller vergunnen",
        text="Binnen vier weken.",
    )
    url = reverse("goals:overview", args=[demo.collaboration.pk])
    assert "Sneller vergunnen" in client_for(demo.zeist_beleidsmedewerker).get(url).content.decode()
    assert "Sneller vergunnen" not in client_for(demo.raadslid).get(url).content.decode()


def test_the_rights_key_tells_facilitator_partner_contacts_and_reader_apart(demo):
    keys = {
        permissions.rights_key(person, demo.collaboration.pk)
        for person in (demo.facilitator, demo.utrecht_beleidsmedewerker, demo.zeist_beleidsmedewerker, demo.raadslid)
    }
    assert len(keys) == 4


def test_a_fragment_holds_no_csrf_token_or_nonce(demo, client_for):
    from django.core.cache import cache

    client_for(demo.facilitator).get(health_url(demo))
    client_for(demo.facilitator).get(reverse("health:portfolio"))
    kept = [value for key, value in cache._cache.items() if ":fragment:" in key]  # type: ignore[attr-defined]
    assert len(kept) == 2
    for value in kept:
        assert b"csrfmiddlewaretoken" not in value
        assert b"nonce" not in value

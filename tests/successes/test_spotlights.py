"""In het zonnetje: a short recognition from one person to people or a team, on the feed; the people are told."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from samen.audit.models import AuditEvent
from samen.successes import services
from samen.successes.models import Spotlight

pytestmark = pytest.mark.django_db


def test_spotlighting_two_people_tells_both_and_shows_on_the_feed(demo, client_for, told):
    client = client_for(demo.utrecht_beleidsmedewerker)
    response = client.post(
        reverse("successes:spotlights", args=[demo.collaboration.pk]),
        {
            "people": [str(demo.zeist_beleidsmedewerker.pk), str(demo.de_bilt_beleidsmedewerker.pk)],
            "message": "Zonder jullie was het gezamenlijke loket nooit op tijd open gegaan.",
        },
    )
    assert response.status_code == 302
    spotlight = Spotlight.objects.get()
    assert spotlight.given_by == demo.utrecht_beleidsmedewerker
    assert set(spotlight.people.all()) == {demo.zeist_beleidsmedewerker, demo.de_bilt_beleidsmedewerker}
    [call] = told
    assert call["kind"] == "spotlight"
    assert call["addressed"] is True
    assert set(call["recipients"]) == {demo.zeist_beleidsmedewerker, demo.de_bilt_beleidsmedewerker}
    assert call["collaboration"] == demo.collaboration
    assert AuditEvent.objects.filter(action="success.spotlight_given").count() == 1

    feed = client_for(demo.de_bilt_wethouder).get(reverse("successes:overview", args=[demo.collaboration.pk]))
    assert (
        "In het zonnetje: Bram de Bilt, Zoë Zeist" in feed.text
        or "In het zonnetje: Zoë Zeist, Bram de Bilt" in feed.text
    )
    assert "nooit op tijd open gegaan" in feed.text


def test_a_team_can_be_put_in_the_sun(demo, told):
    spotlight = services.give_spotlight(
        collaboration=demo.collaboration,
        by=demo.zeist_wethouder,
        team="Team Handhaving De Bilt",
        message="Voor de nachtelijke controles.",
    )
    assert spotlight.recipients == ["Team Handhaving De Bilt"]
    assert told == []  # a team has no inbox


@pytest.mark.parametrize(
    ("who", "message", "expected"),
    [
        ("nobody", "Goed gedaan", "Kies minstens één persoon of vul een team in."),
        ("outsider", "Goed gedaan", "Anna Amersfoort werkt niet in deze samenwerking"),
        ("self", "Goed gedaan", "U kunt uzelf niet in het zonnetje zetten"),
        ("colleague", "   ", "Schrijf kort waarom"),
    ],
)
def test_bad_spotlights_are_refused_and_nobody_is_told(demo, told, who, message, expected):
    people = {
        "nobody": [],
        "outsider": [demo.amersfoort_beleidsmedewerker],
        "self": [demo.utrecht_beleidsmedewerker],
        "colleague": [demo.zeist_beleidsmedewerker],
    }[who]
    with pytest.raises(ValidationError) as error:
        services.give_spotlight(
            collaboration=demo.collaboration, by=demo.utrecht_beleidsmedewerker, people=people, message=message
        )
    assert expected in " ".join(error.value.messages)
    assert not Spotlight.objects.exists()
    assert told == []


def test_a_spotlight_for_an_outsider_through_the_form_gets_a_dutch_message(demo, client_for):
    response = client_for(demo.utrecht_beleidsmedewerker).post(
        reverse("successes:spotlights", args=[demo.collaboration.pk]),
        {"people": [str(demo.amersfoort_beleidsmedewerker.pk)], "message": "Dank!"},
    )
    assert response.status_code == 400
    assert "Deze persoon werkt niet in deze samenwerking" in response.text
    assert not Spotlight.objects.exists()


def test_readers_neither_give_nor_see_spotlights(demo, client_for):
    with pytest.raises(PermissionDenied):
        services.give_spotlight(
            collaboration=demo.collaboration, by=demo.raadslid, people=[demo.zeist_beleidsmedewerker], message="Top"
        )
    assert (
        client_for(demo.raadslid).get(reverse("successes:spotlights", args=[demo.collaboration.pk])).status_code == 404
    )


def test_a_double_submitted_spotlight_counts_once(demo, told):
    arguments = {
        "collaboration": demo.collaboration,
        "by": demo.utrecht_beleidsmedewerker,
        "people": [demo.zeist_beleidsmedewerker],
        "message": "Dank voor het snelle werk.",
    }
    assert services.give_spotlight(**arguments) == services.give_spotlight(**arguments)
    assert Spotlight.objects.count() == 1
    assert len(told) == 1

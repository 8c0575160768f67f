"""Nothing lost: two people editing the same draft. The second save is refused and both texts are kept."""

import threading

import pytest
from django.db import connection, connections
from django.urls import reverse

from samen.core.services import ConcurrentEditError
from samen.goals import services
from samen.goals.models import GoalEdit, GoalVersion
from tests.goals.conftest import draft_goal


@pytest.mark.django_db
def test_second_save_of_the_same_draft_is_refused_and_the_first_stays(demo):
    goal = draft_goal(demo)
    version = goal.latest_version
    opened_at = version.version
    services.save_draft(
        version=version,
        by=demo.zeist_beleidsmedewerker,
        expected_version=opened_at,
        title="Sneller vergunnen",
        text="Tekst van Zeist",
    )
    stale = GoalVersion.objects.get(pk=version.pk)
    with pytest.raises(ConcurrentEditError, match="Iemand anders heeft dit intussen opgeslagen"):
        services.save_draft(
            version=stale,
            by=demo.de_bilt_beleidsmedewerker,
            expected_version=opened_at,
            title="Sneller vergunnen",
            text="Tekst van De Bilt",
        )
    stale.refresh_from_db()
    assert stale.text == "Tekst van Zeist"
    assert GoalEdit.objects.filter(version=version).count() == 2  # the first draft and Zeist's edit


@pytest.mark.django_db
def test_the_same_text_submitted_twice_is_not_a_conflict(demo):
    goal = draft_goal(demo)
    version = goal.latest_version
    opened_at = version.version
    for _ in range(2):
        services.save_draft(
            version=GoalVersion.objects.get(pk=version.pk),
            by=demo.zeist_beleidsmedewerker,
            expected_version=opened_at,
            title="Sneller vergunnen",
            text="Tekst van Zeist",
        )
    assert GoalEdit.objects.filter(version=version).count() == 2


@pytest.mark.django_db
def test_the_page_shows_the_other_persons_text_and_the_users_own_text(demo, client_for):
    goal = draft_goal(demo)
    url = reverse("goals:draft", args=[demo.collaboration.pk, goal.pk])
    opened_at = goal.latest_version.version
    first = client_for(demo.zeist_beleidsmedewerker).post(
        url, {"title": "Sneller vergunnen", "text": "Tekst van Zeist", "version": opened_at}
    )
    assert first.status_code == 302
    second = client_for(demo.de_bilt_beleidsmedewerker).post(
        url, {"title": "Sneller vergunnen", "text": "Tekst van De Bilt", "version": opened_at}
    )
    assert second.status_code == 409
    assert "Iemand anders heeft dit intussen opgeslagen" in second.text
    theirs = second.text.split('data-testid="theirs"')[1].split('data-testid="mine"')[0]
    mine = second.text.split('data-testid="mine"')[1]
    assert "Tekst van Zeist" in theirs
    assert "Tekst van De Bilt" in mine
    assert f'name="version" value="{opened_at + 1}"' in second.text  # saving again now is a conscious merge
    assert GoalVersion.objects.get(pk=goal.latest_version.pk).text == "Tekst van Zeist"


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_saves_lose_no_update(demo):
    """Two threads save the same draft at the same moment: one wins, the other is told; nothing is overwritten."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite serialises writers, so there is no real race to show")
    goal = draft_goal(demo)
    version_id, opened_at = goal.latest_version.pk, goal.latest_version.version
    barrier = threading.Barrier(2)
    outcomes: dict[str, str] = {}

    def save(person, text):
        try:
            version = GoalVersion.objects.select_related("goal__collaboration").get(pk=version_id)
            barrier.wait(timeout=10)
            services.save_draft(
                version=version, by=person, expected_version=opened_at, title="Sneller vergunnen", text=text
            )
            outcomes[text] = "saved"
        except ConcurrentEditError:
            outcomes[text] = "refused"
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=save, args=(demo.zeist_beleidsmedewerker, "Tekst van Zeist")),
        threading.Thread(target=save, args=(demo.de_bilt_beleidsmedewerker, "Tekst van De Bilt")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes.values()) == ["refused", "saved"]
    winner = next(text for text, outcome in outcomes.items() if outcome == "saved")
    saved = GoalVersion.objects.get(pk=version_id)
    assert saved.text == winner
    assert saved.version == opened_at + 1
    assert (
        list(GoalEdit.objects.filter(version_id=version_id).order_by("saved_at").values_list("text", flat=True))[-1]
        == winner
    )

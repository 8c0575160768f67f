"""Celebration prompts: they appear when something is reached and disappear when it is celebrated."""

import datetime
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from samen.audit.models import AuditEvent
from samen.goals.models import CommitmentStatus, GoalVersion, Result, VersionStatus
from samen.goals.signals import result_target_reached
from samen.successes.models import CelebrationPrompt, PromptReason, Success
from samen.successes.prompts import refresh_prompts
from tests.successes.builders import make_commitment, make_goal, make_result, record

pytestmark = pytest.mark.django_db


def open_prompts(demo):
    return list(CelebrationPrompt.objects.open_for(demo.collaboration))


def test_a_result_that_reaches_its_target_asks_the_facilitator_and_the_owner_to_celebrate(demo, told):
    goal = make_goal(demo, adopted=False)
    result = make_result(demo, goal, current="75")
    refresh_prompts(demo.collaboration)
    assert open_prompts(demo) == []

    Result.objects.filter(pk=result.pk).update(current_value=Decimal("91"), current_on=timezone.localdate())
    created = refresh_prompts(demo.collaboration)
    assert [(p.reason, p.result_id) for p in created] == [(PromptReason.RESULT_REACHED, result.pk)]
    recipients = {person for call in told for person in call["recipients"]}
    assert recipients == {demo.facilitator, demo.zeist_beleidsmedewerker}
    assert all(call["kind"] == "celebration_prompt" for call in told)
    assert AuditEvent.objects.filter(action="success.prompt_created").count() == 1


def test_refreshing_twice_prompts_once(demo, told):
    goal = make_goal(demo)
    make_result(demo, goal, current="95")
    first = refresh_prompts(demo.collaboration)
    second = refresh_prompts(demo.collaboration)
    assert len(first) == 2  # the adopted goal and the reached result
    assert second == []
    assert CelebrationPrompt.objects.count() == 2


def test_a_goal_adopted_by_all_partners_prompts(demo):
    goal = make_goal(demo, "Eén loket voor bedrijven")
    refresh_prompts(demo.collaboration)
    [prompt] = open_prompts(demo)
    assert prompt.reason == PromptReason.GOAL_ADOPTED
    assert prompt.title == "Eén loket voor bedrijven"
    assert prompt.goal == goal


def test_a_draft_goal_does_not_prompt(demo):
    make_goal(demo, adopted=False)
    refresh_prompts(demo.collaboration)
    assert open_prompts(demo) == []


def test_a_newly_adopted_version_prompts_again_and_the_old_open_prompt_goes(demo):
    goal = make_goal(demo)
    refresh_prompts(demo.collaboration)
    [old] = open_prompts(demo)
    new_version = GoalVersion.objects.create(
        goal=goal,
        number=2,
        title="Eén loket, ook digitaal",
        text="…",
        author=demo.zeist_beleidsmedewerker,
        author_partner=demo.zeist,
        status=VersionStatus.ADOPTED,
    )
    goal.adopted_version = goal.latest_version = new_version
    goal.save()
    refresh_prompts(demo.collaboration)
    [new] = open_prompts(demo)
    assert new.pk != old.pk
    assert new.title == "Eén loket, ook digitaal"


def test_a_milestone_whose_date_passed_with_the_work_done_prompts(demo):
    goal = make_goal(demo, adopted=False)
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    make_commitment(demo, goal, status=CommitmentStatus.DONE, due_on=timezone.localdate() + datetime.timedelta(days=5))
    make_commitment(demo, goal, status=CommitmentStatus.IN_PROGRESS, due_on=yesterday)
    done = make_commitment(demo, goal, status=CommitmentStatus.DONE, due_on=yesterday)
    refresh_prompts(demo.collaboration)
    [prompt] = open_prompts(demo)
    assert prompt.reason == PromptReason.MILESTONE_DONE
    assert prompt.key == f"afspraak:{done.pk}:gehaald"


def test_the_list_shows_what_was_reached_but_not_celebrated(demo, client_for):
    goal = make_goal(demo, adopted=False)
    make_result(demo, goal, current="90")
    response = client_for(demo.utrecht_beleidsmedewerker).get(
        reverse("successes:prompts", args=[demo.collaboration.pk])
    )
    assert response.status_code == 200
    assert "Vergunningen binnen termijn" in response.text
    assert "Vier het" in response.text


def test_recording_a_success_for_the_prompt_closes_it(demo, client_for):
    goal = make_goal(demo, adopted=False)
    result = make_result(demo, goal, current="90")
    [prompt] = refresh_prompts(demo.collaboration)
    client = client_for(demo.facilitator)
    record_url = reverse("successes:record", args=[demo.collaboration.pk]) + f"?aanleiding={prompt.pk}"
    form = client.get(record_url)
    assert "Vergunningen binnen termijn" in form.text
    response = client.post(
        record_url,
        {
            "title": "90% van de vergunningen op tijd",
            "story": "Het doel is gehaald, een half jaar eerder dan gepland.",
            "date": timezone.localdate().isoformat(),
            "partners": [str(demo.zeist.pk)],
            "result": str(result.pk),
        },
    )
    assert response.status_code == 302
    prompt.refresh_from_db()
    assert not prompt.is_open
    assert prompt.success.title == "90% van de vergunningen op tijd"
    assert prompt.success.goal == goal  # taken from the result
    assert open_prompts(demo) == []
    page = client.get(reverse("successes:prompts", args=[demo.collaboration.pk]))
    assert "Vergunningen binnen termijn" not in page.text
    refresh_prompts(demo.collaboration)
    assert open_prompts(demo) == []  # celebrated stays celebrated


def test_a_success_about_the_same_result_also_closes_its_prompt(demo):
    goal = make_goal(demo, adopted=False)
    result = make_result(demo, goal, current="95")
    refresh_prompts(demo.collaboration)
    assert len(open_prompts(demo)) == 1
    record(demo, result=result)
    assert open_prompts(demo) == []


def test_a_prompt_is_celebrated_once(demo):
    goal = make_goal(demo, adopted=False)
    make_result(demo, goal, current="95")
    [prompt] = refresh_prompts(demo.collaboration)
    record(demo, prompt=prompt)
    with pytest.raises(Exception, match="al gevierd"):
        record(demo, prompt=prompt, title="Nog een keer")


def test_a_corrected_measurement_withdraws_the_open_prompt(demo):
    goal = make_goal(demo, adopted=False)
    result = make_result(demo, goal, current="95")
    refresh_prompts(demo.collaboration)
    assert len(open_prompts(demo)) == 1
    Result.objects.filter(pk=result.pk).update(current_value=Decimal("70"))
    refresh_prompts(demo.collaboration)
    assert open_prompts(demo) == []
    assert AuditEvent.objects.filter(action="success.prompt_withdrawn").count() == 1


def test_a_downward_target_is_reached_by_going_below_it(demo):
    goal = make_goal(demo, adopted=False)
    Result.objects.create(
        goal=goal,
        indicator="Doorlooptijd in dagen",
        unit="dagen",
        baseline=Decimal("56"),
        target=Decimal("28"),
        due_on=datetime.date(2027, 1, 1),
        owner_partner=demo.utrecht,
        owner_person=demo.utrecht_beleidsmedewerker,
        created_by=demo.facilitator,
        current_value=Decimal("27"),
        current_on=timezone.localdate(),
    )
    refresh_prompts(demo.collaboration)
    assert [p.title for p in open_prompts(demo)] == ["Doorlooptijd in dagen"]


def test_the_goals_signal_prompts_at_once(demo):
    goal = make_goal(demo, adopted=False)
    result = make_result(demo, goal, current="95")
    result_target_reached.send(sender=Result, result=result, progress_update=None, collaboration=demo.collaboration)
    assert len(open_prompts(demo)) == 1


def test_the_cron_command_refreshes_every_active_collaboration(demo):
    goal = make_goal(demo)
    make_result(demo, goal, current="95")
    call_command("refresh_celebration_prompts")
    assert len(open_prompts(demo)) == 2


def test_readers_do_not_get_the_prompt_list(demo, client_for):
    response = client_for(demo.raadslid).get(reverse("successes:prompts", args=[demo.collaboration.pk]))
    assert response.status_code == 404


def test_submitting_the_celebration_twice_records_one_success(demo, client_for):
    goal = make_goal(demo, adopted=False)
    make_result(demo, goal, current="95")
    [prompt] = refresh_prompts(demo.collaboration)
    client = client_for(demo.zeist_beleidsmedewerker)
    record_url = reverse("successes:record", args=[demo.collaboration.pk]) + f"?aanleiding={prompt.pk}"
    data = {
        "title": "Doel gehaald",
        "story": "Gevierd met taart.",
        "date": timezone.localdate().isoformat(),
        "partners": [str(demo.zeist.pk)],
    }
    first = client.post(record_url, data)
    second = client.post(record_url, {**data, "title": "Doel gehaald (nog eens)"}, follow=True)
    assert first["Location"] == second.redirect_chain[-1][0]
    assert "Dit is al gevierd met het succes ‘Doel gehaald’." in second.text
    assert Success.objects.count() == 1

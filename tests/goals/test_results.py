"""Results: progress with history, a status from progress against time, reached results; commitments."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.utils import timezone

from samen.goals import services
from samen.goals.models import (
    Commitment,
    CommitmentStatus,
    ProgressUpdate,
    Result,
    ResultStatus,
    result_reached,
    result_status,
)
from samen.goals.signals import result_target_reached

pytestmark = pytest.mark.django_db

START = datetime.date(2026, 1, 1)
DUE = datetime.date(2026, 12, 31)  # 364 days


def status(value, today, baseline="40", target="80"):
    return result_status(
        baseline=Decimal(baseline),
        target=Decimal(target),
        value=None if value is None else Decimal(value),
        start=START,
        due=DUE,
        today=today,
    )


def test_status_follows_progress_against_time():
    halfway = datetime.date(2026, 7, 2)  # half the time passed: 60 is half the way
    assert status("60", halfway) == ResultStatus.ON_TRACK
    assert status("58", halfway) == ResultStatus.ON_TRACK  # 45% of the way at 50% of the time: ratio 0.9
    assert status("55", halfway) == ResultStatus.AT_RISK  # ratio 0.75
    assert status("50", halfway) == ResultStatus.OFF_TRACK  # ratio 0.5


def test_nobody_is_judged_early_and_late_results_are_off_track():
    assert status(None, datetime.date(2026, 1, 20)) == ResultStatus.ON_TRACK
    assert status(None, datetime.date(2026, 6, 1)) == ResultStatus.OFF_TRACK
    assert status("79", DUE) == ResultStatus.OFF_TRACK
    assert status("80", DUE + datetime.timedelta(days=10)) == ResultStatus.ON_TRACK


def test_a_downward_target_works_the_same_way():
    halfway = datetime.date(2026, 7, 2)
    assert status("30", halfway, baseline="40", target="20") == ResultStatus.ON_TRACK
    assert status("38", halfway, baseline="40", target="20") == ResultStatus.OFF_TRACK


def make_result(goal, demo, **extra):
    values = dict(
        goal=goal,
        by=demo.utrecht_beleidsmedewerker,
        indicator="Vergunningen binnen vier weken",
        unit="procent",
        baseline="40",
        target="80",
        due_on=DUE,
        owner_partner=demo.zeist,
        owner_person=demo.zeist_beleidsmedewerker,
        baseline_on=START,
    )
    values.update(extra)
    return services.add_result(**values)


@time_machine.travel(datetime.datetime(2026, 7, 2, 12, 0, tzinfo=datetime.UTC), tick=False)
def test_progress_history_is_kept_and_the_latest_by_date_counts(goal, demo):
    result = make_result(goal, demo)
    services.record_progress(
        result=result,
        by=demo.zeist_beleidsmedewerker,
        value="61",
        measured_on=datetime.date(2026, 7, 1),
        note="Na de nieuwe werkwijze",
    )
    services.record_progress(
        result=result,
        by=demo.zeist_beleidsmedewerker,
        value="50",
        measured_on=datetime.date(2026, 4, 1),
        note="Nagekomen meting",
    )
    result.refresh_from_db()
    assert result.current_value == Decimal("61")
    assert result.status == ResultStatus.ON_TRACK
    assert ProgressUpdate.objects.filter(result=result).count() == 2


def test_a_double_submitted_measurement_is_recorded_once(goal, demo):
    result = make_result(goal, demo, baseline_on=datetime.date(2020, 1, 1), due_on=datetime.date(2099, 1, 1))
    for _ in range(2):
        services.record_progress(
            result=result, by=demo.zeist_beleidsmedewerker, value="50", measured_on=datetime.date(2025, 1, 1)
        )
    assert ProgressUpdate.objects.filter(result=result).count() == 1


def test_reaching_the_target_is_announced_once_and_found_by_successes(goal, demo, django_capture_on_commit_callbacks):
    result = make_result(goal, demo, baseline_on=datetime.date(2020, 1, 1), due_on=datetime.date(2099, 1, 1))
    heard = []
    result_target_reached.connect(
        lambda **kw: heard.append(kw["progress_update"].value), weak=False, dispatch_uid="reached"
    )
    try:
        with django_capture_on_commit_callbacks(execute=True):
            services.record_progress(
                result=result, by=demo.zeist_beleidsmedewerker, value="79", measured_on=datetime.date(2025, 1, 1)
            )
            assert not Result.objects.reached().exists()
            services.record_progress(
                result=result, by=demo.zeist_beleidsmedewerker, value="80", measured_on=datetime.date(2025, 2, 1)
            )
            services.record_progress(
                result=result, by=demo.zeist_beleidsmedewerker, value="85", measured_on=datetime.date(2025, 3, 1)
            )
    finally:
        result_target_reached.disconnect(dispatch_uid="reached")
    assert heard == [Decimal("80")]
    assert list(Result.objects.reached()) == [result]
    assert result_reached(Result.objects.get(pk=result.pk))


def test_overdue_commitments_are_detected(goal, demo):
    today = timezone.localdate()
    with time_machine.travel(datetime.datetime(2026, 3, 1, 12, tzinfo=datetime.UTC), tick=False):
        commitment = services.add_commitment(
            goal=goal,
            by=demo.zeist_beleidsmedewerker,
            partner=demo.zeist,
            what="Werkinstructie vergunningen delen",
            who=demo.zeist_beleidsmedewerker,
            due_on=datetime.date(2026, 3, 15),
        )
    with time_machine.travel(datetime.datetime(2026, 3, 16, 12, tzinfo=datetime.UTC), tick=False):
        assert commitment.is_overdue
        assert list(Commitment.objects.overdue()) == [commitment]
        services.update_commitment_status(commitment=commitment, by=demo.zeist_wethouder, status=CommitmentStatus.DONE)
        assert not Commitment.objects.overdue().exists()
        assert Commitment.objects.get(pk=commitment.pk).done_on == datetime.date(2026, 3, 16)
    assert today  # the clock is back


def test_a_partner_commits_only_for_itself(goal, demo):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied, match="namens uw eigen organisatie"):
        services.add_commitment(
            goal=goal,
            by=demo.utrecht_beleidsmedewerker,
            partner=demo.zeist,
            what="Iets",
            who=demo.zeist_beleidsmedewerker,
            due_on=datetime.date(2099, 1, 1),
        )
    assert not Commitment.objects.exists()

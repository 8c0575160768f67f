"""Listen to the goals area: the moment a goal is adopted or a result reaches its target, prompt.

The goals area sends its signals after its transaction has committed (see samen/goals/signals.py).
A failure here must never break the goals area's own request: the prompt will still appear on the
next page load or cron run, because ``refresh_prompts`` derives prompts from the data.
"""

from typing import Any

import structlog

log = structlog.get_logger("samen.successes")


def on_goals_event(sender: Any, collaboration: Any = None, **kwargs: Any) -> None:
    from django.db import transaction

    from samen.successes.prompts import refresh_prompts

    if collaboration is None:
        return
    try:
        with transaction.atomic():  # a savepoint: a failure leaves the caller's transaction usable
            refresh_prompts(collaboration)
    except Exception:  # see the module docstring: derived again on the next page load or cron run
        log.exception("successes.prompt_refresh_failed", collaboration=str(collaboration.pk))


def connect() -> None:
    from samen.goals import signals

    signals.goal_adopted.connect(on_goals_event, dispatch_uid="successes.prompts.goal_adopted")
    signals.result_target_reached.connect(on_goals_event, dispatch_uid="successes.prompts.result_target_reached")

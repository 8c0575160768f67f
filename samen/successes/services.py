"""Every state change of successes, spotlights and celebration prompts. Each writes its audit event."""

import datetime
from collections.abc import Iterable, Sequence
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from samen import permissions
from samen.accounts.models import Person
from samen.audit.services import record
from samen.collaborations import people as collaboration_people
from samen.collaborations.models import Collaboration, Partner, RoleKind
from samen.core.services import require, save_versioned
from samen.notifications.services import Kind, notify
from samen.successes.attachments import CheckedAttachment, check_attachment
from samen.successes.models import CelebrationPrompt, Spotlight, Success, teams_from_text
from samen.successes.prompts import goals_of, refresh_prompts, results_of

__all__ = [
    "give_spotlight",
    "people_in",
    "record_success",
    "refresh_prompts",
    "set_success_public",
    "update_success",
]

WORKING_KINDS = (RoleKind.FACILITATOR, RoleKind.OFFICIAL, RoleKind.EXECUTIVE)


def people_in(collaboration: Collaboration) -> "QuerySet[Person]":
    """The people who work in the collaboration (facilitator and partner contacts): who may be credited."""
    return (
        collaboration_people.people(collaboration, kinds=WORKING_KINDS)
        .select_related("organisation")
        .order_by("full_name")
    )


def absolute_url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


# --- validation shared by recording and editing ------------------------------------------


def _clean_success(
    *,
    collaboration: Collaboration,
    by: "Person",
    title: str,
    story: str,
    date: datetime.date | None,
    partners: Iterable[Partner],
    people: Iterable[Any],
    goal: Any,
    result: Any,
    attachment: Any,
) -> tuple[dict[str, Any], list[Partner], list[Any], CheckedAttachment | None]:
    """Check everything a success says; all problems at once, in Dutch, on the field they belong to."""
    errors: dict[str, list[str]] = {}
    title, story = (title or "").strip(), (story or "").strip()
    if not title:
        errors.setdefault("title", []).append(_("Geef het succes een titel."))
    if not story:
        errors.setdefault("story", []).append(_("Vertel kort wat er is bereikt."))
    if date is None:
        errors.setdefault("date", []).append(_("Vul de datum in waarop het succes is behaald."))
    elif date > timezone.localdate():
        errors.setdefault("date", []).append(_("De datum ligt in de toekomst. Leg een succes vast als het behaald is."))
    partner_list = list(dict.fromkeys(partners))
    current = set(collaboration.partners.current().values_list("pk", flat=True))
    if not partner_list:
        errors.setdefault("partners", []).append(_("Kies minstens één betrokken partner."))
    elif any(partner.pk not in current for partner in partner_list):
        errors.setdefault("partners", []).append(_("Kies alleen partners die nu aan deze samenwerking deelnemen."))
    people_list = list(dict.fromkeys(people))
    allowed = set(people_in(collaboration).filter(pk__in=[p.pk for p in people_list]).values_list("pk", flat=True))
    outsiders = [person for person in people_list if person.pk not in allowed]
    if outsiders:
        errors.setdefault("people", []).append(
            _(
                "%(names)s werkt niet in deze samenwerking. U kunt alleen mensen noemen die hier een rol hebben; "
                "noem anderen als team."
            )
            % {"names": ", ".join(str(person) for person in outsiders)}
        )
    goal = _check_goal_and_result(collaboration, goal, result, errors)
    checked = None
    if attachment:
        try:
            checked = check_attachment(attachment)
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    fields = {"title": title, "story": story, "date": date, "goal": goal, "result": result}
    return fields, partner_list, people_list, checked


def _check_goal_and_result(collaboration: Collaboration, goal: Any, result: Any, errors: dict[str, list[str]]) -> Any:
    """The goal the success counts towards: the chosen one, or else the goal of the chosen result."""
    if result is not None:
        if result.pk not in set(results_of(collaboration).filter(pk=result.pk).values_list("pk", flat=True)):
            errors.setdefault("result", []).append(_("Dit resultaat hoort niet bij deze samenwerking."))
        elif goal is None:
            goal = result.goal
        elif result.goal_id != goal.pk:
            errors.setdefault("result", []).append(_("Dit resultaat hoort niet bij het gekozen doel."))
    if goal is not None and not goals_of(collaboration).filter(pk=goal.pk).exists():
        errors.setdefault("goal", []).append(_("Dit doel hoort niet bij deze samenwerking."))
    return goal


def _store_attachment(success: Success, checked: CheckedAttachment) -> None:
    success.attachment.save(f"bijlage{checked.extension}", checked.upload, save=False)
    success.attachment_name = checked.display_name
    success.attachment_type = checked.content_type
    success.attachment_size = checked.size


def _public_refusal() -> ValidationError:
    return ValidationError(
        {
            "is_public": _(
                "Alleen een bestuurlijk contact van een betrokken partner kan een succes openbaar maken. "
                "Leg het succes intern vast; de bestuurder maakt het daarna openbaar."
            )
        },
        code="not_executive",
    )


def _summary(success: Success) -> dict[str, Any]:
    return {
        "title": success.title,
        "date": success.date,
        "partners": sorted(str(p.organisation_id) for p in success.partners.all()),
        "people": sorted(str(p.pk) for p in success.people.all()),
        "teams": success.team_list,
        "goal": success.goal_id,
        "result": success.result_id,
        "attachment": success.attachment_name,
        "is_public": success.is_public,
    }


# --- successes ----------------------------------------------------------------------------


def record_success(
    *,
    collaboration: Collaboration,
    by: "Person",
    title: str,
    story: str,
    date: datetime.date | None,
    partners: Sequence[Partner],
    people: Sequence[Any] = (),
    teams: str = "",
    goal: Any = None,
    result: Any = None,
    attachment: Any = None,
    is_public: bool = False,
    prompt: CelebrationPrompt | None = None,
) -> Success:
    """Log a success. Recording it for a prompt (or for the result or goal a prompt is about) closes that prompt."""
    require(
        permissions.can_record_success(by, collaboration),
        _("Alleen contactpersonen van de partners en de facilitator leggen successen vast."),
    )
    fields, partner_list, people_list, checked = _clean_success(
        collaboration=collaboration,
        by=by,
        title=title,
        story=story,
        date=date,
        partners=partners,
        people=people,
        goal=goal,
        result=result,
        attachment=attachment,
    )
    if is_public and not permissions.can_publish_success(by, collaboration, [p.pk for p in partner_list]):
        raise _public_refusal()
    if prompt is not None and prompt.collaboration_id != collaboration.pk:
        raise ValidationError(_("Deze aanleiding hoort niet bij deze samenwerking."))
    duplicate = Success.objects.filter(
        collaboration=collaboration,
        recorded_by=by,
        title=fields["title"],
        date=fields["date"],
        story=fields["story"],
    ).first()
    if duplicate is not None:  # a double submit: the first one counts
        return duplicate
    with transaction.atomic():
        if prompt is not None:
            prompt = CelebrationPrompt.objects.select_for_update().get(pk=prompt.pk)
            if not prompt.is_open:
                raise ValidationError(
                    _("Dit is al gevierd met het succes ‘%(title)s’.") % {"title": prompt.success}, code="celebrated"
                )
        success = Success(
            collaboration=collaboration, recorded_by=by, teams="\n".join(teams_from_text(teams)), **fields
        )
        if is_public:
            success.is_public, success.made_public_by, success.made_public_at = True, by, timezone.now()
        try:
            if checked is not None:
                _store_attachment(success, checked)
            success.save()
            success.partners.set(partner_list)
            success.people.set(people_list)
            closed = _close_prompts(success, prompt)
            record(by, "success.recorded", success, collaboration=collaboration, after=_summary(success))
            for closed_prompt in closed:
                record(
                    by,
                    "success.prompt_closed",
                    closed_prompt,
                    collaboration=collaboration,
                    after={"success": success.pk, "reason": closed_prompt.reason},
                )
            _tell_credited(success, people_list, by)
        except BaseException:
            if success.attachment:
                success.attachment.delete(save=False)
            raise
    return success


def update_success(
    *,
    success: Success,
    by: "Person",
    version: int | None,
    title: str,
    story: str,
    date: datetime.date | None,
    partners: Sequence[Partner],
    people: Sequence[Any] = (),
    teams: str = "",
    goal: Any = None,
    result: Any = None,
    attachment: Any = None,
    remove_attachment: bool = False,
) -> Success:
    """Change a success. A public success whose text changes goes back to internal unless a
    bestuurlijk contact of a partner involved makes the change: only they approve what goes outside."""
    collaboration = success.collaboration
    require(
        permissions.can_edit_success(by, success, success.partners.values_list("pk", flat=True)),
        _(
            "Alleen wie het succes vastlegde, de facilitator of een contactpersoon van een betrokken partner "
            "kan het wijzigen."
        ),
    )
    fields, partner_list, people_list, checked = _clean_success(
        collaboration=collaboration,
        by=by,
        title=title,
        story=story,
        date=date,
        partners=partners,
        people=people,
        goal=goal,
        result=result,
        attachment=attachment,
    )
    fields["teams"] = "\n".join(teams_from_text(teams))
    before = _summary(success)
    old_file = success.attachment.name if success.attachment else ""
    with transaction.atomic():
        if checked is not None:
            _store_attachment(success, checked)
            fields.update(
                attachment=success.attachment.name,
                attachment_name=success.attachment_name,
                attachment_type=success.attachment_type,
                attachment_size=success.attachment_size,
            )
        elif remove_attachment and old_file:
            fields.update(attachment="", attachment_name="", attachment_type="", attachment_size=0)
        text_changed = any(before.get(key) != fields.get(key) for key in ("title", "date")) or (
            success.story != fields["story"]
            or sorted(str(p.pk) for p in people_list) != before["people"]
            or teams_from_text(fields["teams"]) != before["teams"]
        )
        if (
            success.is_public
            and text_changed
            and not permissions.can_publish_success(by, collaboration, [p.pk for p in partner_list])
        ):
            fields.update(is_public=False, made_public_by=None, made_public_at=None)
        try:
            success = save_versioned(success, version, fields)  # type: ignore[assignment]
        except ValidationError:
            if checked is not None:
                success.attachment.storage.delete(fields["attachment"])
            raise
        success.partners.set(partner_list)
        success.people.set(people_list)
        _close_prompts(success, None)
        record(by, "success.updated", success, collaboration=collaboration, before=before, after=_summary(success))
        new_people = [person for person in people_list if str(person.pk) not in before["people"]]
        _tell_credited(success, new_people, by)
        if old_file and (checked is not None or remove_attachment):
            storage, name = success.attachment.storage, old_file
            transaction.on_commit(lambda: storage.delete(name))
    return success


def set_success_public(*, success: Success, by: "Person", public: bool) -> Success:
    """A bestuurlijk contact of a partner involved lets a success go outside, or takes it back."""
    require(permissions.can_view_success(by, success), _("U kunt dit succes niet zien."))
    partner_ids = list(success.partners.values_list("pk", flat=True))
    if not permissions.can_publish_success(by, success.collaboration, partner_ids):
        raise _public_refusal()
    if success.is_public == public:
        return success
    with transaction.atomic():
        success.is_public = public
        success.made_public_by = by if public else None
        success.made_public_at = timezone.now() if public else None
        success.save(update_fields=["is_public", "made_public_by", "made_public_at"])
        record(
            by,
            "success.made_public" if public else "success.made_internal",
            success,
            collaboration=success.collaboration,
            before={"is_public": not public},
            after={"is_public": public},
        )
    return success


def _close_prompts(success: Success, prompt: CelebrationPrompt | None) -> list[CelebrationPrompt]:
    """Close the chosen prompt, and any open prompt about the same result (or goal)."""
    open_prompts = CelebrationPrompt.objects.open().filter(collaboration=success.collaboration)
    matches = []
    if prompt is not None:
        matches.append(prompt.pk)
    if success.result_id:
        matches += open_prompts.filter(result_id=success.result_id).values_list("pk", flat=True)
    elif success.goal_id:
        matches += open_prompts.filter(goal_id=success.goal_id, result__isnull=True).values_list("pk", flat=True)
    if not matches:
        return []
    closed = list(open_prompts.filter(pk__in=matches))
    now = timezone.now()
    for item in closed:
        item.success, item.closed_at = success, now
    CelebrationPrompt.objects.bulk_update(closed, ["success", "closed_at"])
    return closed


def _tell_credited(success: Success, people: Iterable[Any], by: "Person") -> None:
    recipients = [person for person in people if person.pk != getattr(by, "pk", None)]
    if not recipients:
        return
    notify(
        kind=Kind.SPOTLIGHT,
        recipients=recipients,
        subject=_("U wordt genoemd bij een succes: %(title)s") % {"title": success.title},
        body=_("%(by)s noemt u bij het succes ‘%(title)s’ in %(collaboration)s.")
        % {"by": by, "title": success.title, "collaboration": success.collaboration},
        url=absolute_url(reverse("successes:detail", args=[success.collaboration_id, success.pk])),
        collaboration=success.collaboration,
        addressed=True,
    )


# --- spotlights ---------------------------------------------------------------------------


def give_spotlight(
    *, collaboration: Collaboration, by: "Person", people: Sequence[Any] = (), team: str = "", message: str
) -> Spotlight:
    """Put people or a team of the collaboration in the sun; the people named are told."""
    require(
        permissions.can_give_spotlight(by, collaboration),
        _("Alleen wie in deze samenwerking werkt, kan iemand in het zonnetje zetten."),
    )
    errors: dict[str, list[str]] = {}
    people_list = list(dict.fromkeys(people))
    team, message = (team or "").strip(), (message or "").strip()
    if not people_list and not team:
        errors["people"] = [_("Kies minstens één persoon of vul een team in.")]
    if any(person.pk == getattr(by, "pk", None) for person in people_list):
        errors.setdefault("people", []).append(_("U kunt uzelf niet in het zonnetje zetten; dat doen anderen."))
    allowed = set(people_in(collaboration).filter(pk__in=[p.pk for p in people_list]).values_list("pk", flat=True))
    outsiders = [person for person in people_list if person.pk not in allowed]
    if outsiders:
        errors.setdefault("people", []).append(
            _("%(names)s werkt niet in deze samenwerking. U kunt alleen mensen kiezen die hier een rol hebben.")
            % {"names": ", ".join(str(person) for person in outsiders)}
        )
    if not message:
        errors["message"] = [_("Schrijf kort waarom u deze mensen in het zonnetje zet.")]
    if errors:
        raise ValidationError(errors)
    recent = timezone.now() - datetime.timedelta(minutes=10)
    duplicate = Spotlight.objects.filter(
        collaboration=collaboration, given_by=by, message=message, team=team, created_at__gte=recent
    ).first()
    if duplicate is not None:  # a double submit
        return duplicate
    with transaction.atomic():
        spotlight = Spotlight.objects.create(collaboration=collaboration, given_by=by, team=team, message=message)
        spotlight.people.set(people_list)
        record(
            by,
            "success.spotlight_given",
            spotlight,
            collaboration=collaboration,
            after={"people": [str(p.pk) for p in people_list], "team": team, "message": message},
        )
        if people_list:
            notify(
                kind=Kind.SPOTLIGHT,
                recipients=people_list,
                subject=_("%(by)s zet u in het zonnetje") % {"by": by},
                body=message,
                url=absolute_url(reverse("successes:spotlights", args=[collaboration.pk])),
                collaboration=collaboration,
                addressed=True,
            )
    return spotlight

"""The motive and tension catalogues, extended per collaboration by its facilitator."""

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from samen import permissions
from samen.audit.services import record
from samen.collaborations.models import Collaboration
from samen.core.services import require
from samen.interests.catalogue import catalogue_for
from samen.interests.models import CustomMotive, CustomTension
from samen.interests.services.common import unknown_motive

if TYPE_CHECKING:
    from samen.accounts.models import Person


def add_motive(*, collaboration: Collaboration, by: "Person", name: str, description: str = "") -> CustomMotive:
    """A motive this collaboration's partners need that the shipped catalogue lacks."""
    require(
        permissions.can_run_honesty_round(by, collaboration),
        _("Alleen de facilitator kan de motievencatalogus aanvullen."),
    )
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError({"name": _("Geef het motief een naam.")})
    if len(name) > 120:
        raise ValidationError({"name": _("Houd de naam van het motief korter dan 120 tekens.")})
    code = slugify(name).replace("-", "_")[:60].strip("_")
    if not code or not code[0].isalpha():
        code = f"m_{code}"[:60]
    catalogue = catalogue_for(collaboration)
    if code in catalogue.motives or any(m.name.lower() == name.lower() for m in catalogue.motives.values()):
        raise ValidationError({"name": _("Het motief %(name)s staat al in de catalogus.") % {"name": name}})
    try:
        with transaction.atomic():
            motive = CustomMotive.objects.create(
                collaboration=collaboration, code=code, name=name, description=(description or "").strip(), added_by=by
            )
            record(
                by, "interests.motive_added", motive, collaboration=collaboration, after={"code": code, "name": name}
            )
    except IntegrityError:
        raise ValidationError({"name": _("Het motief %(name)s staat al in de catalogus.") % {"name": name}}) from None
    return motive


def add_tension(
    *, collaboration: Collaboration, by: "Person", motive_a: str, motive_b: str, question: str
) -> CustomTension:
    """Two motives that pull against each other in this collaboration, with the question to discuss."""
    require(
        permissions.can_run_honesty_round(by, collaboration),
        _("Alleen de facilitator kan de spanningencatalogus aanvullen."),
    )
    catalogue = catalogue_for(collaboration)
    for field, code in (("motive_a", motive_a), ("motive_b", motive_b)):
        if code not in catalogue.motives:
            raise ValidationError({field: unknown_motive(code)})
    if motive_a == motive_b:
        raise ValidationError(
            {
                "motive_b": _(
                    "Een spanning staat tussen twee verschillende motieven. Kies als tweede motief iets anders "
                    "dan %(motive)s."
                )
                % {"motive": catalogue.lower_name(motive_a)}
            }
        )
    question = (question or "").strip()
    if not question:
        raise ValidationError(
            {"question": _("Schrijf de vraag op die de partners over deze spanning moeten bespreken.")}
        )
    if catalogue.has_tension(motive_a, motive_b):
        raise ValidationError({"motive_b": _("Deze spanning staat al in de catalogus.")})
    with transaction.atomic():
        tension = CustomTension.objects.create(
            collaboration=collaboration, motive_a=motive_a, motive_b=motive_b, question=question, added_by=by
        )
        record(
            by,
            "interests.tension_added",
            tension,
            collaboration=collaboration,
            after={"motive_a": motive_a, "motive_b": motive_b, "question": question},
        )
    return tension

"""The choices of Toon eigenaarschap that the models store and other apps (the API) name: no model import."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class VersionStatus(models.TextChoices):
    DRAFT = "concept", _("concept")
    IN_CONSENT = "instemming", _("in instemmingsronde")
    ADOPTED = "vastgesteld", _("vastgesteld")
    NOT_ADOPTED = "niet_vastgesteld", _("niet vastgesteld")
    SUPERSEDED = "vervangen", _("vervangen door een nieuwere vastgestelde versie")


class GoalState(models.TextChoices):
    """Where a goal stands as a whole (derived from its versions, never stored)."""

    DRAFT = "concept", _("concept")
    IN_CONSENT = "instemming", _("instemmingsronde loopt")
    ADOPTED = "vastgesteld", _("vastgesteld")
    CHANGE_PENDING = "wijziging", _("vastgesteld, wijzigingsvoorstel in behandeling")


class RoundStatus(models.TextChoices):
    OPEN = "open", _("open")
    ADOPTED = "vastgesteld", _("gesloten: vastgesteld")
    CLOSED = "gesloten", _("gesloten: vervangen door een nieuwe versie")


class AdviceKind(models.TextChoices):
    SUPPORT = "steun", _("steun")
    CONCERNS = "zorgen", _("zorgen")


class DecisionKind(models.TextChoices):
    CONSENT = "instemming", _("instemming")
    CONDITIONAL = "voorwaarden", _("instemming met voorwaarden")
    OBJECTION = "bezwaar", _("bezwaar")
    ABSTAIN = "onthouding", _("onthouding")


class ResultStatus(models.TextChoices):
    ON_TRACK = "op_koers", _("op koers")
    AT_RISK = "risico", _("risico")
    OFF_TRACK = "uit_koers", _("uit koers")


class CommitmentStatus(models.TextChoices):
    OPEN = "open", _("nog niet begonnen")
    IN_PROGRESS = "bezig", _("bezig")
    DONE = "gedaan", _("gedaan")
    DROPPED = "vervallen", _("vervallen")


class RequestStatus(models.TextChoices):
    OPEN = "open", _("wacht op antwoord")
    ANSWERED = "beantwoord", _("beantwoord")
    CLOSED = "afgerond", _("afgerond")


class Outcome(models.TextChoices):
    KEPT = "nagekomen", _("de afspraak wordt nagekomen")
    ADJUSTED = "bijgestuurd", _("bijgestuurd: afspraak of resultaat aangepast")
    UNRESOLVED = "niet_opgelost", _("niet opgelost: naar het bestuurlijk overleg")

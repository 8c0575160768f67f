"""The choices of Deel ervaringen that the models store and other apps (the API) name: no model import."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AgreementKind(models.TextChoices):
    REGULATION = "regeling", _("de regeling zelf")
    COVENANT = "convenant", _("convenant")
    SLA = "dvo", _("dienstverleningsovereenkomst (DVO)")
    ADDENDUM = "addendum", _("addendum")


class Stance(models.TextChoices):
    AS_WRITTEN = "zoals_geschreven", _("Wij lezen dit zoals het er staat")
    OWN_READING = "eigen_invulling", _("Wij geven hier een eigen invulling aan")
    DIFFERENT = "anders", _("Wij lezen dit anders")


class CheckInStatus(models.TextChoices):
    PLANNED = "gepland", _("gepland")
    OPEN = "open", _("open")
    CLOSED = "gesloten", _("gesloten")


class SignalKind(models.TextChoices):
    COSTS_HIGHER = "kosten_hoger", _("kosten hoger dan verwacht")
    PAYING_TOO_MUCH = "te_veel_betalen", _("we betalen te veel voor afgenomen diensten")
    DELIVERY = "levering_wijkt_af", _("levering of kwaliteit wijkt af van de afspraak")
    READING = "verschil_in_lezing", _("verschil in lezing")
    CONCERN = "zorg", _("zorg over de samenwerking")
    COMPLIMENT = "compliment", _("compliment")
    OTHER = "overig", _("overig")


class Addressee(models.TextChoices):
    PARTNER = "partner", _("een partner")
    FACILITATOR = "facilitator", _("de facilitator")
    EVERYONE = "iedereen", _("iedereen in de samenwerking")


class SignalStatus(models.TextChoices):
    OPEN = "open", _("open")
    TALKING = "in_gesprek", _("in gesprek")
    CLOSED = "afgerond", _("afgerond")

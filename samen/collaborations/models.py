"""Organisations, collaborations, partners and the roles people hold in them."""

import datetime
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samen.core.models import Model, QuerySet, VersionedModel

if TYPE_CHECKING:
    from samen.accounts.models import Person


class OrganisationKind(models.TextChoices):
    MUNICIPALITY = "gemeente", _("gemeente")
    PROVINCE = "provincie", _("provincie")
    WATER_BOARD = "waterschap", _("waterschap")
    GR_BODY = "gr_orgaan", _("GR-orgaan")
    STATE = "rijk", _("rijk")
    OTHER = "overig", _("overig")


class OrganisationQuerySet(QuerySet["Organisation"]):
    def municipalities(self) -> "OrganisationQuerySet":
        return self.filter(kind=OrganisationKind.MUNICIPALITY, exists=True)


class Organisation(Model):
    name = models.CharField(_("naam"), max_length=255)
    kind = models.CharField(_("soort"), max_length=20, choices=OrganisationKind.choices)
    code = models.CharField(
        _("code"),
        max_length=20,
        unique=True,
        null=True,
        blank=True,
        help_text=_("Bijvoorbeeld GM0363 voor een gemeente of PV27 voor een provincie."),
    )
    cbs_code = models.CharField(_("CBS-code"), max_length=10, blank=True)
    oin = models.CharField(_("OIN"), max_length=20, blank=True)
    kvk = models.CharField(_("KvK-nummer"), max_length=8, blank=True)
    province_code = models.CharField(_("provinciecode"), max_length=4, blank=True)
    province_name = models.CharField(_("provincie"), max_length=100, blank=True)
    roo_id = models.CharField(_("ROO-id"), max_length=20, unique=True, null=True, blank=True)
    website = models.URLField(_("website"), blank=True)
    population = models.PositiveIntegerField(_("inwoners"), null=True, blank=True)
    exists = models.BooleanField(
        _("bestaat nog"),
        default=True,
        help_text=_("Uit: een gemeente die door herindeling is opgeheven."),
    )
    ceased_on = models.DateField(
        _("opgeheven op"), null=True, blank=True, help_text=_("De dag waarop de herindeling inging.")
    )
    successor = models.ForeignKey(
        "self",
        verbose_name=_("opgegaan in"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="predecessors",
    )

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        ordering = ["name"]
        indexes = [models.Index(fields=["kind", "name"])]

    def __str__(self) -> str:
        return self.name


class CollaborationKind(models.TextChoices):
    GR = "gr", _("gemeenschappelijke regeling")
    COVENANT = "convenant", _("convenant")
    SLA = "dvo", _("dienstverleningsovereenkomst (DVO)")
    INFORMAL = "informeel", _("informele samenwerking")


class LegalForm(models.TextChoices):
    PUBLIC_BODY = "openbaar_lichaam", _("openbaar lichaam")
    OPERATIONS = "bedrijfsvoeringsorganisatie", _("bedrijfsvoeringsorganisatie")
    JOINT_BODY = "gemeenschappelijk_orgaan", _("gemeenschappelijk orgaan")
    PLAIN = "regeling_zonder_meer", _("regeling zonder meer")


class Phase(models.TextChoices):
    EXPLORING = "verkenning", _("verkenning")
    BUILDING = "opbouw", _("opbouw")
    RUNNING = "uitvoering", _("uitvoering")
    EVALUATING = "evaluatie", _("evaluatie")
    ENDED = "beeindigd", _("beëindigd")


class PolicyField(Model):
    name = models.CharField(_("naam"), max_length=200, unique=True)

    class Meta:
        verbose_name = _("beleidsterrein")
        verbose_name_plural = _("beleidsterreinen")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class CollaborationQuerySet(QuerySet["Collaboration"]):
    def with_partner_count(self) -> "CollaborationQuerySet":
        """Current partners per collaboration, as a correlated subquery (a GROUP BY join is 20x slower here)."""
        current = (
            Partner.objects.current()
            .filter(collaboration=OuterRef("pk"))
            .order_by()
            .values("collaboration")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return self.annotate(partner_count=Coalesce(Subquery(current), 0))

    def visible_to(self, person: "Person") -> "CollaborationQuerySet":
        """Register collaborations, and others only where ``person`` has a role (permissions.can_view_collaboration)."""
        from samen import permissions

        if permissions.sees_every_collaboration(person):
            return self
        return self.filter(Q(roo_id__gt="") | Q(pk__in=Role.objects.filter(person=person).values("collaboration_id")))

    def mine(self, person: "Person") -> "CollaborationQuerySet":
        """Active workspaces in which ``person`` holds any role."""
        return (
            self.filter(workspace_active=True, pk__in=Role.objects.filter(person=person).values("collaboration_id"))
            .with_partner_count()
            .select_related("body")
            .order_by("name")
        )

    def of_organisation(self, organisation: Organisation) -> "CollaborationQuerySet":
        """Every collaboration ``organisation`` currently takes part in (a council's overview)."""
        return (
            self.filter(pk__in=Partner.objects.current().filter(organisation=organisation).values("collaboration_id"))
            .with_partner_count()
            .select_related("body")
            .order_by("name")
        )

    def search(
        self,
        *,
        text: str = "",
        organisation: Organisation | None = None,
        legal_form: str = "",
        policy_field: PolicyField | None = None,
    ) -> "CollaborationQuerySet":
        """The register search: every filter optional, results by name."""
        qs = self
        if text:
            qs = qs.filter(Q(name__icontains=text) | Q(short_name__icontains=text))
        if organisation is not None:
            # A subquery, not a join: the partner count annotated later must count every partner.
            qs = qs.filter(
                pk__in=Partner.objects.current().filter(organisation=organisation).values("collaboration_id")
            )
        if legal_form:
            qs = qs.filter(legal_form=legal_form)
        if policy_field is not None:
            qs = qs.filter(policy_fields=policy_field)
        return qs.order_by("name", "id")


class Collaboration(VersionedModel):
    name = models.CharField(_("naam"), max_length=500)
    short_name = models.CharField(_("citeertitel"), max_length=500, blank=True)
    kind = models.CharField(_("soort"), max_length=20, choices=CollaborationKind.choices)
    legal_form = models.CharField(_("rechtsvorm"), max_length=40, choices=LegalForm.choices, blank=True)
    purpose = models.TextField(_("doel"), blank=True)
    policy_fields = models.ManyToManyField(PolicyField, verbose_name=_("beleidsterreinen"), blank=True)
    phase = models.CharField(_("fase"), max_length=20, choices=Phase.choices, default=Phase.RUNNING)
    start_date = models.DateField(_("ingangsdatum"), null=True, blank=True)
    end_date = models.DateField(_("einddatum"), null=True, blank=True)
    body = models.ForeignKey(
        Organisation,
        verbose_name=_("samenwerkingsorgaan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="bodies_of",
    )
    roo_id = models.CharField(_("ROO-id"), max_length=20, unique=True, null=True, blank=True)
    cvdr_ids = models.JSONField(_("CVDR-ids"), default=list, blank=True)
    legal_bases = models.CharField(_("wettelijke grondslagen"), max_length=500, blank=True)
    register_url = models.URLField(_("registervermelding"), max_length=500, blank=True)
    workspace_active = models.BooleanField(
        _("werkplaats actief"),
        default=False,
        help_text=_("Aan: de partners werken in Samen aan deze samenwerking."),
    )

    objects = CollaborationQuerySet.as_manager()

    class Meta:
        verbose_name = _("samenwerking")
        verbose_name_plural = _("samenwerkingen")
        ordering = ["name"]
        indexes = [models.Index(fields=["name"]), models.Index(fields=["legal_form"])]

    def __str__(self) -> str:
        return self.name

    @property
    def in_register(self) -> bool:
        return bool(self.roo_id)

    def current_partners(self) -> "PartnerQuerySet":
        return self.partners.current().select_related("organisation").order_by("organisation__name")

    def former_partners(self) -> "PartnerQuerySet":
        return self.partners.former().select_related("organisation")


class PartnerQuerySet(QuerySet["Partner"]):
    def current(self, on: datetime.date | None = None) -> "PartnerQuerySet":
        on = on or timezone.localdate()
        return self.filter(Q(left_on__isnull=True) | Q(left_on__gt=on))

    def former(self, on: datetime.date | None = None) -> "PartnerQuerySet":
        """Partners that have left, most recent first: their history stays readable."""
        on = on or timezone.localdate()
        return self.filter(left_on__lte=on).order_by("-left_on", "organisation__name")


class Partner(Model):
    """An organisation taking part in a collaboration."""

    collaboration = models.ForeignKey(
        Collaboration, verbose_name=_("samenwerking"), on_delete=models.CASCADE, related_name="partners"
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisatie"), on_delete=models.PROTECT, related_name="partnerships"
    )
    joined_on = models.DateField(_("toegetreden op"), null=True, blank=True)
    left_on = models.DateField(_("uitgetreden op"), null=True, blank=True)
    left_reason = models.CharField(_("reden van uittreden"), max_length=300, blank=True)
    in_register = models.BooleanField(
        _("uit het register"),
        default=False,
        help_text=_("Aan: het register noemt deze deelnemer; verdwijnt hij daaruit, dan treedt hij uit."),
    )
    governing_bodies = models.CharField(_("bestuursorganen"), max_length=500, blank=True)

    objects = PartnerQuerySet.as_manager()

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["collaboration", "organisation"], name="partner_once_per_collaboration")
        ]

    def __str__(self) -> str:
        return str(self.organisation)

    @property
    def is_current(self) -> bool:
        return self.left_on is None or self.left_on > timezone.localdate()


class RoleKind(models.TextChoices):
    FACILITATOR = "facilitator", _("facilitator")
    OFFICIAL = "ambtelijk", _("ambtelijk contact")
    EXECUTIVE = "bestuurlijk", _("bestuurlijk contact")
    READER = "lezer", _("lezer")


class RoleQuerySet(QuerySet["Role"]):
    def for_person(self, person: "Person") -> "RoleQuerySet":
        return self.filter(person=person)


class Role(Model):
    """A person acting in a collaboration, on behalf of a partner, in one role.

    A facilitator acts for the collaboration as a whole and has no partner;
    every other role belongs to exactly one partner organisation.
    """

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("persoon"), on_delete=models.CASCADE, related_name="roles"
    )
    collaboration = models.ForeignKey(
        Collaboration, verbose_name=_("samenwerking"), on_delete=models.CASCADE, related_name="roles"
    )
    partner = models.ForeignKey(
        Partner,
        verbose_name=_("namens partner"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="roles",
    )
    kind = models.CharField(_("rol"), max_length=20, choices=RoleKind.choices)
    created_at = models.DateTimeField(_("aangemaakt op"), default=timezone.now)

    objects = RoleQuerySet.as_manager()

    class Meta:
        verbose_name = _("rol")
        verbose_name_plural = _("rollen")
        constraints = [
            models.UniqueConstraint(fields=["person", "collaboration", "partner", "kind"], name="role_once"),
            models.UniqueConstraint(
                fields=["person", "collaboration", "kind"],
                condition=Q(partner__isnull=True),
                name="facilitator_once",
            ),
            models.CheckConstraint(
                condition=Q(kind="facilitator", partner__isnull=True)
                | (~Q(kind="facilitator") & Q(partner__isnull=False)),
                name="role_partner_matches_kind",
            ),
        ]
        indexes = [
            models.Index(fields=["person", "collaboration"]),
            models.Index(fields=["collaboration", "kind", "person"]),
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.get_kind_display()}"

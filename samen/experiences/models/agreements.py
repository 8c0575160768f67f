"""The agreements register: agreements split into chapters and articles, versions, readings."""

from django.conf import settings
from django.db import models
from django.db.models import BooleanField, Count, Exists, ExpressionWrapper, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samen.collaborations.models import Collaboration, CollaborationKind, Partner
from samen.core.models import Model, QuerySet, VersionedModel
from samen.experiences import splitter
from samen.experiences.choices import AgreementKind, Stance


def default_kind_for(collaboration: Collaboration) -> str:
    """The agreement a collaboration of this kind usually starts from."""
    kinds: dict[str, str] = {CollaborationKind.GR: AgreementKind.REGULATION, CollaborationKind.SLA: AgreementKind.SLA}
    return kinds.get(collaboration.kind, AgreementKind.COVENANT)


class SourceFormat(models.TextChoices):
    TEXT = splitter.FORMAT_TEXT, _("platte tekst")
    MARKDOWN = splitter.FORMAT_MARKDOWN, _("Markdown")
    HTML = splitter.FORMAT_HTML, _("HTML")
    ROO = splitter.FORMAT_ROO, _("landelijk register (ROO)")
    DOCX = splitter.FORMAT_DOCX, _("Word-document")
    PDF = splitter.FORMAT_PDF, _("PDF")


class AgreementQuerySet(QuerySet["Agreement"]):
    def register_for(self, collaboration: Collaboration) -> "AgreementQuerySet":
        """The agreements page: each with its article count and articles read differently."""
        flagged = Article.objects.filter(agreement=OuterRef("pk")).flagged()
        flagged_count = flagged.order_by().values("agreement").annotate(n=Count("pk")).values("n")
        return (
            self.filter(collaboration=collaboration)
            .annotate(
                article_count=Count("articles", distinct=True),
                flagged_count=Coalesce(Subquery(flagged_count, output_field=IntegerField()), Value(0)),
            )
            .prefetch_related("parties__organisation")
            .order_by("kind", "-effective_from", "title")
        )


class Agreement(VersionedModel):
    """A regeling, convenant, DVO or addendum of a collaboration, with its parties and dates."""

    collaboration = models.ForeignKey(
        Collaboration, verbose_name=_("samenwerking"), on_delete=models.CASCADE, related_name="agreements"
    )
    kind = models.CharField(_("soort"), max_length=20, choices=AgreementKind.choices)
    title = models.CharField(_("titel"), max_length=500)
    signed_on = models.DateField(_("vastgesteld of ondertekend op"), null=True, blank=True)
    effective_from = models.DateField(_("geldt vanaf"), null=True, blank=True)
    effective_until = models.DateField(
        _("geldt tot"), null=True, blank=True, help_text=_("Leeg: voor onbepaalde tijd.")
    )
    parties = models.ManyToManyField(
        Partner,
        verbose_name=_("partijen"),
        related_name="agreements",
        blank=True,
        help_text=_("De partners die deze afspraak aangaan."),
    )
    amends = models.ForeignKey(
        "self",
        verbose_name=_("vult aan of wijzigt"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="addenda",
    )
    preamble = models.TextField(_("aanhef"), blank=True)
    explanation = models.TextField(
        _("algemene toelichting"), blank=True, help_text=_("De toelichting die bij geen enkel artikel hoort.")
    )
    closing = models.TextField(_("ondertekening"), blank=True)
    series = models.JSONField(
        _("reeksen artikelen"),
        default=list,
        blank=True,
        help_text=_("De titel van elke reeks artikelen, zoals een besluit en de regeling die het vaststelt."),
    )
    source_format = models.CharField(_("bron"), max_length=20, choices=SourceFormat.choices)
    source_name = models.CharField(_("bestandsnaam"), max_length=255, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ingevoerd door"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("ingevoerd op"), default=timezone.now)

    objects = AgreementQuerySet.as_manager()

    class Meta:
        verbose_name = _("afspraak")
        verbose_name_plural = _("afspraken")
        ordering = ["kind", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(effective_until__isnull=True)
                | Q(effective_from__isnull=True)
                | Q(effective_until__gte=models.F("effective_from")),
                name="agreement_dates_in_order",
            )
        ]

    def __str__(self) -> str:
        return self.title


class Chapter(Model):
    """A hoofdstuk, afdeling, paragraaf or bijlage of an agreement (nested through ``parent``)."""

    agreement = models.ForeignKey(
        Agreement, verbose_name=_("afspraak"), on_delete=models.CASCADE, related_name="chapters"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("onderdeel van"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
    )
    position = models.PositiveIntegerField(_("volgorde"))
    kind = models.CharField(_("soort"), max_length=20)
    number = models.CharField(_("nummer"), max_length=20, blank=True)
    title = models.CharField(_("titel"), max_length=500, blank=True)
    level = models.PositiveSmallIntegerField(_("niveau"), default=1)
    text = models.TextField(_("tekst"), blank=True, help_text=_("Tekst die niet bij een artikel hoort."))

    class Meta:
        verbose_name = _("hoofdstuk")
        verbose_name_plural = _("hoofdstukken")
        ordering = ["agreement", "position"]
        constraints = [models.UniqueConstraint(fields=["agreement", "position"], name="chapter_position_once")]

    def __str__(self) -> str:
        if self.kind == "regeling":  # the heading of a series: the regeling a besluit sets
            return self.title
        label = "§" if self.kind == "§" else self.kind.capitalize()
        return " ".join(part for part in (label, self.number, self.title) if part)


class ArticleQuerySet(QuerySet["Article"]):
    def of_collaboration(self, collaboration: Collaboration) -> "ArticleQuerySet":
        return self.filter(agreement__collaboration=collaboration)

    def with_reading_flags(self) -> "ArticleQuerySet":
        """``read_differently``: a partner marked "wij lezen dit anders"; ``stances_differ``: the
        partners' answers differ (with three stances and "anders" already flagged, that is: one reads
        it as written and another gives it its own interpretation)."""
        readings = Interpretation.objects.filter(article=OuterRef("pk"))
        return self.annotate(
            read_differently=Exists(readings.filter(stance=Stance.DIFFERENT)),
            stances_differ=ExpressionWrapper(
                Q(Exists(readings.filter(stance=Stance.AS_WRITTEN)))
                & Q(Exists(readings.filter(stance=Stance.OWN_READING))),
                output_field=BooleanField(),
            ),
        )

    def flagged(self) -> "ArticleQuerySet":
        """Articles with a difference in reading, to discuss together."""
        return self.with_reading_flags().filter(Q(read_differently=True) | Q(stances_differ=True))

    def with_reading_counts(self) -> "ArticleQuerySet":
        """Per article: how many partners recorded a reading, and the difference-in-reading flags."""
        readings = Interpretation.objects.filter(article=OuterRef("pk")).order_by().values("article")
        return self.with_reading_flags().annotate(
            reading_count=Coalesce(
                Subquery(readings.annotate(n=Count("pk")).values("n"), output_field=IntegerField()), Value(0)
            ),
        )


class Article(VersionedModel):
    """One article of an agreement. ``text`` is the source of truth; ``members`` is split from it."""

    agreement = models.ForeignKey(
        Agreement, verbose_name=_("afspraak"), on_delete=models.CASCADE, related_name="articles"
    )
    chapter = models.ForeignKey(
        Chapter,
        verbose_name=_("hoofdstuk"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles",
    )
    position = models.PositiveIntegerField(_("volgorde"))
    series = models.PositiveSmallIntegerField(
        _("reeks"), default=1, help_text=_("1 voor de eerste reeks artikelen, 2 voor de volgende, enzovoort.")
    )
    number = models.CharField(_("artikelnummer"), max_length=20, blank=True)
    title = models.CharField(_("titel"), max_length=500, blank=True)
    lapsed = models.BooleanField(_("vervallen"), default=False)
    text = models.TextField(_("tekst"))
    explanation = models.TextField(_("toelichting"), blank=True, help_text=_("De toelichting op dit artikel."))
    members = models.JSONField(
        _("leden en onderdelen"),
        default=list,
        blank=True,
        help_text=_("De leden (1., 2., …) en onderdelen (a., b., …), afgeleid uit de tekst."),
    )
    updated_at = models.DateTimeField(_("laatst gewijzigd op"), default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("laatst gewijzigd door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        verbose_name = _("artikel")
        verbose_name_plural = _("artikelen")
        ordering = ["agreement", "position"]
        constraints = [models.UniqueConstraint(fields=["agreement", "position"], name="article_position_once")]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """ "Artikel 5 Bevoegdheden", or "Artikel zonder nummer" for ROO excerpts without one."""
        head = _("Artikel %(number)s") % {"number": self.number} if self.number else _("Artikel zonder nummer")
        if self.lapsed:
            return f"{head} ({_('vervallen')})"
        return f"{head} {self.title}".strip()

    @property
    def member_list(self) -> list[splitter.Member]:
        return splitter.members_from_dicts(self.members)

    @property
    def is_read_differently(self) -> bool:
        """Set by ``with_reading_flags``: a partner reads it differently or the partners' answers differ."""
        return bool(getattr(self, "read_differently", False) or getattr(self, "stances_differ", False))


class ArticleVersion(Model):
    """Every saved state of an article, the imported text being version 1."""

    article = models.ForeignKey(Article, verbose_name=_("artikel"), on_delete=models.CASCADE, related_name="versions")
    version = models.PositiveIntegerField(_("versie"))
    number = models.CharField(_("artikelnummer"), max_length=20, blank=True)
    title = models.CharField(_("titel"), max_length=500, blank=True)
    text = models.TextField(_("tekst"))
    note = models.CharField(_("toelichting op de wijziging"), max_length=500, blank=True)
    saved_at = models.DateTimeField(_("opgeslagen op"), default=timezone.now)
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("opgeslagen door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("artikelversie")
        verbose_name_plural = _("artikelversies")
        ordering = ["article", "-version"]
        constraints = [models.UniqueConstraint(fields=["article", "version"], name="article_version_once")]

    def __str__(self) -> str:
        return f"{self.article} v{self.version}"


class Interpretation(VersionedModel):
    """How one partner reads one article (one reading per partner, edited in place)."""

    article = models.ForeignKey(
        Article, verbose_name=_("artikel"), on_delete=models.CASCADE, related_name="interpretations"
    )
    partner = models.ForeignKey(
        Partner, verbose_name=_("partner"), on_delete=models.CASCADE, related_name="interpretations"
    )
    stance = models.CharField(_("hoe lezen wij dit artikel?"), max_length=20, choices=Stance.choices)
    text = models.TextField(_("onze lezing"), help_text=_("Wat betekent dit artikel voor ons in de praktijk?"))
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("geschreven door"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("bijgewerkt op"), default=timezone.now)

    class Meta:
        verbose_name = _("lezing")
        verbose_name_plural = _("lezingen")
        ordering = ["partner__organisation__name"]
        constraints = [models.UniqueConstraint(fields=["article", "partner"], name="one_reading_per_partner")]

    def __str__(self) -> str:
        return f"{self.partner} – {self.article}"

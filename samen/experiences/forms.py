"""Forms of Deel ervaringen. They parse input; the services decide and explain what is not allowed."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from samen.collaborations.models import Collaboration, Partner
from samen.core.forms import DateField, DateInput
from samen.core.forms import Form as BaseForm
from samen.experiences import splitter
from samen.experiences.models import (
    Addressee,
    AgreementKind,
    Article,
    SignalKind,
    SignalStatus,
    Stance,
)


class Form(BaseForm):
    """Errors on hidden fields are shown at the top."""

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name, field in self.fields.items():
            if field.widget.is_hidden and name in self.errors:
                for error in self.errors[name]:
                    if error not in self.non_field_errors():
                        self.add_error(None, error)
        return data


SCORE_CHOICES = [
    (1, _("1 – slecht")),
    (2, _("2")),
    (3, _("3")),
    (4, _("4")),
    (5, _("5 – uitstekend")),
]
SCORE_ERROR = _("Kies een score van 1 tot en met 5.")
SELECT_CLASS = "utrecht-select utrecht-select--html-select"


class VersionField(forms.IntegerField):
    widget = forms.HiddenInput

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(required=False, min_value=1, **kwargs)


def _partner_field(partners: list[Partner], label: Any) -> forms.ModelChoiceField[Partner]:
    field = forms.ModelChoiceField(
        queryset=Partner.objects.filter(pk__in=[p.pk for p in partners]).select_related("organisation"),
        label=label,
        empty_label=None,
        error_messages={"invalid_choice": _("U handelt niet namens deze partner.")},
    )
    if len(partners) == 1:
        field.widget = forms.HiddenInput()
        field.initial = partners[0].pk
    else:
        field.widget.attrs["class"] = SELECT_CLASS
    return field


def article_choices(collaboration: Collaboration) -> list[tuple[str, str]]:
    rows = (
        Article.objects.of_collaboration(collaboration)
        .order_by("agreement__title", "position")
        .values_list("pk", "number", "title", "agreement__title")
    )
    choices = []
    for pk, number, title, agreement in rows:
        head = _("Artikel %(number)s") % {"number": number} if number else _("Artikel zonder nummer")
        choices.append((str(pk), f"{agreement} – {head} {title}".strip()))
    return choices


class _ArticleChoice(forms.ChoiceField):
    def __init__(self, collaboration: Collaboration, *, required: bool, label: Any) -> None:
        empty: list[tuple[str, Any]] = [("", _("(geen artikel)") if not required else _("Kies een artikel"))]
        super().__init__(
            choices=empty + article_choices(collaboration),
            required=required,
            label=label,
            error_messages={"invalid_choice": _("Dit artikel hoort niet bij deze samenwerking.")},
        )
        self.widget.attrs["class"] = SELECT_CLASS


def resolve_article(collaboration: Collaboration, value: str) -> Article | None:
    if not value:
        return None
    return Article.objects.of_collaboration(collaboration).select_related("agreement").filter(pk=value).first()


# --- agreements -------------------------------------------------------------------------------


class AgreementDetailsForm(Form):
    kind = forms.ChoiceField(label=_("Soort afspraak"), choices=AgreementKind.choices)
    title = forms.CharField(label=_("Titel"), max_length=500, required=False)
    signed_on = DateField(label=_("Vastgesteld of ondertekend op"), required=False, widget=DateInput())
    effective_from = DateField(label=_("Geldt vanaf"), required=False, widget=DateInput())
    effective_until = DateField(
        label=_("Geldt tot"), required=False, widget=DateInput(), help_text=_("Leeg: voor onbepaalde tijd.")
    )
    parties = forms.ModelMultipleChoiceField(
        label=_("Partijen"),
        queryset=Partner.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("De partners die deze afspraak aangaan."),
        error_messages={"invalid_choice": _("Kies alleen partners van deze samenwerking.")},
    )
    version = VersionField()

    def __init__(self, *args: Any, collaboration: Collaboration, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["parties"].queryset = collaboration.current_partners()  # type: ignore[attr-defined]


class AgreementSourceForm(Form):
    text = forms.CharField(
        label=_("Tekst van de afspraak"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("Plak platte tekst, Markdown of HTML. Elk artikel begint met een kop als ‘Artikel 1’."),
    )
    upload = forms.FileField(
        label=_("Of kies een bestand"),
        required=False,
        help_text=_(
            "Platte tekst (.txt), Markdown (.md), HTML (.html), Word (.docx) of PDF met tekst, hoogstens 2 MB."
        ),
    )
    format = forms.ChoiceField(
        label=_("Opmaak van de tekst"),
        choices=[
            (splitter.FORMAT_AUTO, _("Zelf herkennen")),
            (splitter.FORMAT_TEXT, _("Platte tekst")),
            (splitter.FORMAT_MARKDOWN, _("Markdown")),
            (splitter.FORMAT_HTML, _("HTML")),
        ],
        initial=splitter.FORMAT_AUTO,
        required=False,
        error_messages={"invalid_choice": _("Kies een opmaak uit de lijst, of ‘Zelf herkennen’.")},
    )

    def clean_format(self) -> str:
        return self.cleaned_data.get("format") or splitter.FORMAT_AUTO

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if "format" in self.errors:
            return data
        fmt = data.get("format") or splitter.FORMAT_AUTO
        upload = data.get("upload")
        if upload is not None:
            if upload.size > splitter.MAX_UPLOAD_BYTES:
                raise ValidationError(
                    {"upload": _("Het bestand is te groot. Het maximum is 2 MB; splits de tekst in delen.")}
                )
            content = upload.read()
            if splitter.needs_extraction(content, upload.name or ""):
                # PDF and Word: the task worker reads them (samen.experiences.services.uploads).
                data["upload_content"], data["source_name"] = content, upload.name or ""
                return data
            try:
                text, detected = splitter.decode_upload(content, upload.name or "")
            except splitter.SplitError as error:
                raise ValidationError({"upload": error.messages}) from error
            keep = fmt == splitter.FORMAT_AUTO or detected in {splitter.FORMAT_DOCX, splitter.FORMAT_PDF}
            data["source_text"], data["source_name"] = text, upload.name or ""
            data["source_format"] = detected if keep else fmt
        elif (data.get("text") or "").strip():
            data["source_text"], data["source_format"], data["source_name"] = data["text"], fmt, ""
        else:
            raise ValidationError(
                {"text": _("De tekst is leeg. Plak de tekst van de afspraak of kies een bestand.")}, code="empty"
            )
        return data


class TokenForm(Form):
    """The preview's hidden text; its one-time key makes a repeated ‘opslaan’ save one agreement."""

    one_time_key = True
    token = forms.CharField(
        widget=forms.HiddenInput,
        error_messages={"required": _("De voorvertoning ontbreekt. Plak of upload de tekst opnieuw.")},
    )


class ArticleForm(Form):
    number = forms.CharField(label=_("Artikelnummer"), max_length=20, required=False)
    title = forms.CharField(label=_("Titel"), max_length=500, required=False)
    text = forms.CharField(
        label=_("Tekst"),
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_("Zet elk lid (1., 2., …) en onderdeel (a., b., …) op een eigen regel."),
        error_messages={"required": _("Een artikel heeft tekst nodig.")},
    )
    note = forms.CharField(
        label=_("Wat is er veranderd?"),
        max_length=500,
        required=False,
        help_text=_("Komt in de versiegeschiedenis, bijvoorbeeld ‘Wijziging na besluit AB 12 maart’."),
    )
    version = VersionField()


class ReadingForm(Form):
    one_time_key = True
    partner = forms.ModelChoiceField(queryset=Partner.objects.none(), label=_("Namens"))
    stance = forms.ChoiceField(
        label=_("Hoe leest uw organisatie dit artikel?"),
        choices=Stance.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies hoe uw organisatie dit artikel leest.")},
    )
    text = forms.CharField(
        label=_("Onze lezing"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Wat betekent dit artikel voor uw organisatie in de praktijk?"),
        error_messages={"required": _("Beschrijf in een paar zinnen hoe uw organisatie dit artikel leest.")},
    )
    version = VersionField()

    def __init__(self, *args: Any, partners: list[Partner], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["partner"] = _partner_field(partners, _("Namens"))


# --- signals ----------------------------------------------------------------------------------


class SignalForm(Form):
    one_time_key = True
    from_partner = forms.ChoiceField(label=_("Namens"))
    kind = forms.ChoiceField(label=_("Soort signaal"), choices=[("", _("Kies een soort")), *SignalKind.choices])
    subject = forms.CharField(label=_("Onderwerp"), max_length=200)
    text = forms.CharField(
        label=_("Toelichting"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Wat merkt u, sinds wanneer, en wat zou helpen?"),
    )
    addressee = forms.ChoiceField(label=_("Aan"), choices=Addressee.choices, widget=forms.RadioSelect)
    addressee_partner = forms.ModelChoiceField(
        label=_("Aan welke partner"),
        queryset=Partner.objects.none(),
        required=False,
        help_text=_("Alleen als het signaal aan een partner gericht is."),
        error_messages={"invalid_choice": _("Deze organisatie is geen partner van deze samenwerking.")},
    )
    amount = forms.CharField(
        label=_("Bedrag in euro"),
        required=False,
        max_length=30,
        help_text=_("Bijvoorbeeld 12.500,00, als het signaal over geld gaat."),
    )

    def __init__(self, *args: Any, collaboration: Collaboration, senders: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["from_partner"].choices = senders  # type: ignore[attr-defined]
        if len(senders) == 1:
            self.fields["from_partner"].widget = forms.HiddenInput()
            self.fields["from_partner"].initial = senders[0][0]
        self.fields["addressee_partner"].queryset = collaboration.current_partners()  # type: ignore[attr-defined]
        self.fields["article"] = _ArticleChoice(collaboration, required=False, label=_("Over artikel"))
        self.order_fields(["from_partner", "kind", "subject", "text", "addressee", "addressee_partner", "article"])


class ReplyForm(Form):
    one_time_key = True
    text = forms.CharField(
        label=_("Uw reactie"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Schrijf een reactie.")},
    )


class SignalStatusForm(Form):
    status = forms.ChoiceField(label=_("Nieuwe status"), choices=SignalStatus.choices)
    outcome = forms.CharField(
        label=_("Uitkomst"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Nodig bij afronden: wat is afgesproken?"),
    )
    version = VersionField()


# --- deviations -------------------------------------------------------------------------------


class DeviationForm(Form):
    one_time_key = True
    reason = forms.CharField(
        label=_("Waarom wijkt uw organisatie af?"),
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Leg uit waarom uw organisatie afwijkt; dat voorkomt scheurtjes.")},
    )
    starts_on = DateField(
        label=_("Vanaf"),
        widget=DateInput(),
        error_messages={"required": _("Vul in vanaf wanneer uw organisatie afwijkt.")},
    )
    ends_on = DateField(
        label=_("Tot en met"), required=False, widget=DateInput(), help_text=_("Leeg: tot nader bericht.")
    )

    def __init__(self, *args: Any, collaboration: Collaboration, partners: list[Partner], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["partner"] = _partner_field(partners, _("Organisatie die afwijkt"))
        self.fields["article"] = _ArticleChoice(collaboration, required=True, label=_("Van welk artikel?"))
        self.order_fields(["partner", "article", "reason", "starts_on", "ends_on"])


class AcknowledgeForm(Form):
    one_time_key = True
    comment = forms.CharField(label=_("Opmerking"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, partners: list[Partner], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["partner"] = _partner_field(partners, _("Namens"))


# --- check-ins --------------------------------------------------------------------------------


class ScheduleForm(Form):
    one_time_key = True
    title = forms.CharField(
        label=_("Naam"), required=False, max_length=150, help_text=_("Leeg: ‘Check-in’ met de datum.")
    )
    first_opens_on = DateField(label=_("Gaat open op"), widget=DateInput())
    open_days = forms.IntegerField(label=_("Aantal dagen open"), initial=14, min_value=1, max_value=60)
    count = forms.IntegerField(
        label=_("Aantal check-ins"),
        initial=1,
        min_value=1,
        max_value=12,
        help_text=_("Meer dan één: een reeks met vaste tussenpozen."),
    )
    interval_weeks = forms.IntegerField(
        label=_("Om de hoeveel weken"),
        initial=6,
        min_value=1,
        max_value=26,
        help_text=_("Bijvoorbeeld elke zes weken."),
    )


def _score_field(label: Any) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=SCORE_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": SCORE_ERROR, "invalid_choice": SCORE_ERROR},
    )


class AnswerForm(Form):
    """The two tracks: content (progress, what goes well, what sticks) and the relationship.

    Its one-time key row (``samen.core.idempotency``) holds the person, the path and the page it led to,
    never a fingerprint of the answer: nothing stored links a person to what they answered."""

    one_time_key = True

    progress = _score_field(_("Voortgang op onze doelen"))
    going_well = forms.CharField(
        label=_("Wat gaat goed?"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    sticking = forms.CharField(
        label=_("Wat schuurt of blijft haken?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    trust = _score_field(_("Vertrouwen in elkaar"))
    openness = _score_field(_("Openheid over belangen en bedoelingen"))
    fair_share = _score_field(_("Eerlijke verdeling van kosten en inzet"))
    heard = _score_field(_("Ik voel me gehoord"))
    ownership = _score_field(_("Gedeeld eigenaarschap"))
    relationship_comment = forms.CharField(
        label=_("Opmerking over de samenwerkingsrelatie"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    CONTENT = ("progress", "going_well", "sticking")
    RELATIONSHIP = ("trust", "openness", "fair_share", "heard", "ownership", "relationship_comment")

    def __init__(self, *args: Any, partners: list[Partner], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["partner"] = _partner_field(partners, _("Ik antwoord namens"))

    def content_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.CONTENT]

    def relationship_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.RELATIONSHIP]

"""The motive and tension catalogues: Dutch data files, extended per collaboration by the facilitator."""

import pytest
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.urls import reverse

from samen.audit.models import AuditEvent
from samen.interests.catalogue import base_catalogue, catalogue_for, load_motives, load_tensions
from samen.interests.models import CustomMotive, CustomTension
from samen.interests.services import add_motive, add_tension


def test_the_shipped_catalogue_starts_with_the_motives_municipalities_commonly_name():
    motives = base_catalogue().motives
    for code in (
        "kostenbesparing",
        "kwaliteit_dienstverlening",
        "continuiteit",
        "bestuurskracht",
        "zeggenschap",
        "slagvaardigheid",
        "nabijheid",
        "innovatie",
        "werkgelegenheid",
        "duurzaamheid",
    ):
        assert code in motives
    assert motives["kwaliteit_dienstverlening"].name == "Kwaliteit van dienstverlening"


def test_the_shipped_tensions_include_the_classic_pairs_each_with_a_question():
    catalogue = base_catalogue()
    for pair in (
        ("kostenbesparing", "kwaliteit_dienstverlening"),
        ("zeggenschap", "slagvaardigheid"),
        ("nabijheid", "schaalvoordeel"),
    ):
        assert catalogue.has_tension(*pair)
    assert all(rule.question.endswith("?") for rule in catalogue.tensions)


def test_a_tension_file_with_a_motive_against_itself_is_refused(tmp_path):
    path = tmp_path / "spanningen.yaml"
    path.write_text("- tussen: [zeggenschap, zeggenschap]\n  vraag: Waarom?\n", encoding="utf-8")

    with pytest.raises(ImproperlyConfigured, match="tussen zeggenschap en zichzelf"):
        load_tensions(path)


def test_a_tension_file_naming_an_unknown_motive_is_refused(tmp_path):
    path = tmp_path / "spanningen.yaml"
    path.write_text("- tussen: [zeggenschap, vliegveld]\n  vraag: Waarom?\n", encoding="utf-8")

    with pytest.raises(ImproperlyConfigured, match="vliegveld, dat niet in de catalogus staat"):
        load_tensions(path)


def test_a_motive_file_with_a_code_twice_is_refused(tmp_path):
    path = tmp_path / "motieven.yaml"
    path.write_text("- {code: innovatie, naam: Innovatie}\n- {code: innovatie, naam: Vernieuwing}\n", encoding="utf-8")

    with pytest.raises(ImproperlyConfigured, match="twee keer"):
        load_motives(path)


@pytest.mark.django_db
def test_the_facilitator_extends_the_catalogue_for_one_collaboration_only(demo):
    motive = add_motive(
        collaboration=demo.collaboration,
        by=demo.facilitator,
        name="Eigen sportpark",
        description="Elke kern houdt zijn sportvoorzieningen.",
    )
    add_tension(
        collaboration=demo.collaboration,
        by=demo.facilitator,
        motive_a=motive.code,
        motive_b="kostenbesparing",
        question="Houden we elk sportpark open?",
    )

    assert catalogue_for(demo.collaboration).motives["eigen_sportpark"].custom
    assert catalogue_for(demo.collaboration).has_tension("kostenbesparing", "eigen_sportpark")
    assert "eigen_sportpark" not in catalogue_for(demo.other_collaboration).motives
    assert list(AuditEvent.objects.filter(action__startswith="interests.").values_list("action", flat=True)) == [
        "interests.tension_added",
        "interests.motive_added",
    ]


@pytest.mark.django_db
def test_a_tension_between_a_motive_and_itself_is_refused_and_nothing_changes(demo):
    with pytest.raises(ValidationError) as refused:
        add_tension(
            collaboration=demo.collaboration,
            by=demo.facilitator,
            motive_a="zeggenschap",
            motive_b="zeggenschap",
            question="Waarom?",
        )

    assert refused.value.message_dict["motive_b"] == [
        "Een spanning staat tussen twee verschillende motieven. Kies als tweede motief iets anders dan zeggenschap."
    ]
    assert not CustomTension.objects.exists()
    assert not AuditEvent.objects.exists()


@pytest.mark.django_db
def test_a_tension_with_a_motive_outside_the_catalogue_is_refused(demo):
    with pytest.raises(ValidationError) as refused:
        add_tension(
            collaboration=demo.collaboration,
            by=demo.facilitator,
            motive_a="vliegveld",
            motive_b="zeggenschap",
            question="Waarom?",
        )

    assert refused.value.message_dict["motive_a"] == [
        "Het motief vliegveld staat niet in de catalogus van deze samenwerking."
    ]
    assert not CustomTension.objects.exists()


@pytest.mark.django_db
def test_a_tension_already_in_the_catalogue_is_not_added_twice(demo):
    with pytest.raises(ValidationError, match="staat al in de catalogus"):
        add_tension(
            collaboration=demo.collaboration,
            by=demo.facilitator,
            motive_a="kwaliteit_dienstverlening",
            motive_b="kostenbesparing",
            question="Nog een keer?",
        )


@pytest.mark.django_db
def test_a_motive_with_a_name_already_in_the_catalogue_is_refused(demo):
    with pytest.raises(ValidationError) as refused:
        add_motive(collaboration=demo.collaboration, by=demo.facilitator, name="innovatie")

    assert refused.value.message_dict["name"] == ["Het motief innovatie staat al in de catalogus."]
    assert not CustomMotive.objects.exists()


@pytest.mark.django_db
def test_only_the_facilitator_extends_the_catalogue(demo):
    with pytest.raises(PermissionDenied, match="Alleen de facilitator kan de motievencatalogus aanvullen"):
        add_motive(collaboration=demo.collaboration, by=demo.utrecht_wethouder, name="Eigen sportpark")

    assert not CustomMotive.objects.exists()


@pytest.mark.django_db
def test_the_catalogue_page_shows_the_self_tension_message_and_adds_nothing(demo, client_for):
    url = reverse("interests:catalogue", args=[demo.collaboration.pk])
    response = client_for(demo.facilitator).post(
        url,
        {
            "form": "spanning",
            "spanning-motive_a": "nabijheid",
            "spanning-motive_b": "nabijheid",
            "spanning-question": "Waarom?",
        },
    )

    assert response.status_code == 400
    assert "Kies als tweede motief iets anders dan nabijheid voor inwoners." in response.text
    assert not CustomTension.objects.exists()


@pytest.mark.django_db
def test_the_catalogue_page_adds_a_motive(demo, client_for):
    url = reverse("interests:catalogue", args=[demo.collaboration.pk])
    response = client_for(demo.facilitator).post(
        url, {"form": "motief", "motief-name": "Regionale woningbouw"}, follow=True
    )

    assert "Het motief Regionale woningbouw is toegevoegd." in response.text
    assert CustomMotive.objects.get().code == "regionale_woningbouw"

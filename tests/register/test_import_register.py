"""The national GR register import: counts, facts, idempotency, bad input and the cleaning report."""

import datetime
from collections import Counter
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from samen.audit.models import AuditEvent
from samen.collaborations import register
from samen.collaborations.models import (
    Collaboration,
    CollaborationKind,
    LegalForm,
    Organisation,
    OrganisationKind,
    Partner,
)
from samen.collaborations.register import import_register
from samen.settings import DATA_DIR
from tests.register.conftest import read_rows, rewrite, snapshot

pytestmark = pytest.mark.django_db

VRU = "28426877"  # Gemeenschappelijke regeling Veiligheidsregio Utrecht
VRBZO = "30450913"  # its name in ROO starts with two zero-width spaces
UTRECHT_OMGEVINGSDIENST = {"28059612", "29479827", "30432201"}


def current_participant_rows() -> Counter[str]:
    """Per current regeling, how many participant rows the register file has."""
    current = {r["roo_id"] for r in read_rows(DATA_DIR / register.REGELINGEN) if r["actueel"] == "ja"}
    return Counter(
        r["regeling_roo_id"] for r in read_rows(DATA_DIR / register.PARTICIPANTS) if r["regeling_roo_id"] in current
    )


def successors_added() -> Counter[str]:
    """Per current regeling, the successors of merged participants that the register does not list itself."""
    successor = {r["gm_code"]: r["opgegaan_in_gm_code"] for r in read_rows(DATA_DIR / register.MERGERS)}
    current = {r["roo_id"] for r in read_rows(DATA_DIR / register.REGELINGEN) if r["actueel"] == "ja"}
    codes: dict[str, set[str]] = {}
    for row in read_rows(DATA_DIR / register.PARTICIPANTS):
        if row["regeling_roo_id"] in current:
            codes.setdefault(row["regeling_roo_id"], set()).add(row["deelnemer_tooi_code"].upper())
    return Counter(
        rid for rid, listed in codes.items() for new in {successor[c] for c in listed if c in successor} - listed
    )


def test_import_loads_all_municipalities_and_current_regelingen_with_their_participants() -> None:
    out = StringIO()
    call_command("import_register", stdout=out)

    assert Organisation.objects.filter(kind=OrganisationKind.MUNICIPALITY, exists=True).count() == 342
    assert Organisation.objects.filter(kind=OrganisationKind.PROVINCE).count() == 12
    assert Organisation.objects.filter(kind=OrganisationKind.WATER_BOARD, exists=True).count() == 21
    assert Organisation.objects.filter(kind=OrganisationKind.STATE).count() == 2
    assert Collaboration.objects.filter(kind=CollaborationKind.GR).count() == 451
    expected = current_participant_rows()
    assert len(expected) == 451
    assert sum(expected.values()) == 3551
    # Every register row is a partner; 16 rows of merged municipalities have left, and in 6 regelingen
    # their successor was not listed yet, so it joined on the day of the merger (data/README.md).
    assert Partner.objects.count() == 3551 + 6
    assert Partner.objects.current().count() == 3551 + 6 - 16
    from_register = Partner.objects.exclude(left_reason="").exclude(left_on__isnull=True).count()
    assert from_register == 16
    per_collaboration = Counter(Partner.objects.values_list("collaboration__roo_id", flat=True))
    assert per_collaboration == expected + successors_added()
    assert sum(successors_added().values()) == 6
    assert "451 actuele regelingen" in out.getvalue()


def test_a_collaboration_carries_the_register_facts() -> None:
    import_register()

    vru = Collaboration.objects.select_related("body").get(roo_id=VRU)
    assert vru.name == "Gemeenschappelijke regeling Veiligheidsregio Utrecht"
    assert vru.short_name == "Gemeenschappelijke regeling VRU"
    assert vru.legal_form == LegalForm.PUBLIC_BODY
    assert vru.start_date == datetime.date(2019, 1, 1)
    assert vru.purpose.startswith("De regeling wordt getroffen ter behartiging")
    assert vru.cvdr_ids == ["CVDR617323/1", "CVDR617598/1"]
    assert "Wet veiligheidsregio’s" in vru.legal_bases
    assert vru.register_url.startswith("https://organisaties.overheid.nl/28426877/")
    assert set(vru.policy_fields.values_list("name", flat=True)) >= {"openbare orde en veiligheid", "veiligheid"}
    assert not vru.workspace_active
    assert vru.body is not None
    assert (vru.body.name, vru.body.kind, vru.body.code) == ("Veiligheidsregio Utrecht", "gr_orgaan", "SO0588")
    assert vru.body.oin == "00000001811197955000"
    zeist = vru.partners.get(organisation__code="GM0355")
    assert zeist.joined_on is not None
    assert zeist.governing_bodies
    utrecht = Organisation.objects.get(code="GM0344")
    assert (utrecht.name, utrecht.province_code, utrecht.province_name) == ("Utrecht", "PV26", "Utrecht")
    assert all((utrecht.oin, utrecht.kvk, utrecht.population, utrecht.roo_id))


def test_the_second_run_changes_nothing_and_says_so() -> None:
    call_command("import_register", stdout=StringIO())
    before = snapshot()

    out = StringIO()
    call_command("import_register", stdout=out)

    assert snapshot() == before
    assert "Niets gewijzigd" in out.getvalue()
    report = import_register()
    assert not report.changed
    assert all(t.created == t.updated == t.removed == 0 for t in report.tallies.values())
    assert report.tallies["partners"].unchanged == 3557
    assert report.tallies["collaborations"].unchanged == 451


def test_a_second_run_restores_only_what_differs_from_the_register() -> None:
    import_register()
    vru = Collaboration.objects.get(roo_id=VRU)
    Organisation.objects.filter(code="GM0355").update(name="Zeist (verkeerd)")
    Collaboration.objects.filter(pk=vru.pk).update(legal_form=LegalForm.PLAIN)
    Partner.objects.filter(collaboration=vru, organisation__code="GM0310").update(joined_on=None, governing_bodies="")
    vru.policy_fields.clear()

    report = import_register()

    assert report.tallies["organisations"].updated == 1
    assert report.tallies["collaborations"].updated == 1
    assert report.tallies["partners"].updated == 1
    assert report.tallies["policy_field_links"].created == 4
    assert Organisation.objects.get(code="GM0355").name == "Zeist"
    vru.refresh_from_db()
    assert vru.legal_form == LegalForm.PUBLIC_BODY
    assert vru.version == 2  # an open form on the old facts now gets the concurrent-edit message
    assert vru.partners.get(organisation__code="GM0310").joined_on is not None


def test_the_import_writes_one_audit_event_with_the_counts() -> None:
    import_register()
    import_register()

    events = AuditEvent.objects.filter(action="register.imported")
    assert events.count() == 1
    event = events.get()
    assert event.actor is None
    assert event.after["counts"]["collaborations"]["created"] == 451
    assert event.after["counts"]["partners"]["created"] == 3557
    assert event.after["invisible_chars_removed"] == 4


def test_a_missing_column_stops_the_import_and_names_the_file(data_copy: Path) -> None:
    def drop_column(header: list[str], rows: list[list[str]]) -> None:
        index = header.index("toetredings_datum")
        for row in [header, *rows]:
            del row[index]

    rewrite(data_copy / register.PARTICIPANTS, drop_column)

    with pytest.raises(CommandError) as error:
        call_command("import_register", data_dir=str(data_copy), stdout=StringIO())

    assert error.value.returncode == 1  # manage.py exits with this code and prints the message
    assert "roo/gr_deelnemers.csv" in str(error.value)
    assert "de kolom ‘toetredings_datum’ ontbreekt" in str(error.value)
    assert "Er is niets gewijzigd" in str(error.value)
    assert not Organisation.objects.exists()
    assert not Collaboration.objects.exists()


@pytest.mark.parametrize(
    ("file", "column", "value", "problem"),
    [
        (register.REGELINGEN, "datum_inwerkingtreding", "2019-02-30", "‘2019-02-30’ in kolom ‘datum_inwerkingtreding’"),
        (register.PARTICIPANTS, "deelnemer_roo_id", "", "kolom ‘deelnemer_roo_id’ is leeg"),
        (register.REGELINGEN, "samenwerkingsvorm", "Stichting", "onbekende samenwerkingsvorm ‘Stichting’"),
    ],
)  # fmt: skip
def test_a_broken_row_stops_the_import_names_the_row_and_leaves_the_database_as_it_was(
    data_copy: Path, file: str, column: str, value: str, problem: str
) -> None:
    import_register()
    before = snapshot()
    broken: dict[str, int] = {}

    def break_vru_row(header: list[str], rows: list[list[str]]) -> None:
        key = header.index("roo_id" if file == register.REGELINGEN else "regeling_roo_id")
        index = next(i for i, row in enumerate(rows) if row[key] == VRU)
        rows[index][header.index(column)] = value
        broken["line"] = index + 2  # the header is line 1

    rewrite(data_copy / file, break_vru_row)

    with pytest.raises(CommandError) as error:
        call_command("import_register", data_dir=str(data_copy), stdout=StringIO())

    assert f"{file}, regel {broken['line']}: {problem}" in str(error.value)
    assert snapshot() == before


def test_a_failure_while_writing_leaves_nothing_behind(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args: object, **kwargs: object) -> None:
        raise RuntimeError("audit log unavailable")

    monkeypatch.setattr(register.sync, "record", fail)

    with pytest.raises(RuntimeError):
        import_register()

    assert not Organisation.objects.exists()
    assert not Partner.objects.exists()


def test_the_report_counts_what_it_cleaned_and_skipped() -> None:
    out = StringIO()
    call_command("import_register", stdout=out)
    report = import_register()

    # three zero-width spaces in the VRBZO name, one soft hyphen in a purpose
    assert report.invisible_chars == 4
    assert len(report.invisible_fields) == 2
    names = {c.roo_id: c.name for c in Collaboration.objects.filter(roo_id__in=UTRECHT_OMGEVINGSDIENST)}
    assert report.duplicate_bodies == [("omgevingsdienst", sorted(names.items()))]
    assert report.former_municipality_rows == 16
    assert "Brielle" in report.former_municipalities
    assert len(report.former_municipalities) == 9
    by_kind = report.participants_by_kind
    assert by_kind[OrganisationKind.PROVINCE] == (84, 12)
    assert by_kind[OrganisationKind.STATE] == (12, 2)
    assert by_kind[OrganisationKind.GR_BODY] == (9, 9)
    assert by_kind[OrganisationKind.WATER_BOARD] == (83, 23)
    assert by_kind[OrganisationKind.OTHER][0] == 166
    assert sum(rows for rows, _orgs in by_kind.values()) == 3551
    assert report.former_other == ["Groot Salland", "Reest en Wieden"]
    assert report.skipped_regelingen == 735
    assert [rid for rid, _theirs, _ours in report.body_names_differ] == ["28266696", "28442460"]
    text = out.getvalue()
    assert "4 onzichtbare tekens" in text
    assert "3 actuele regelingen voor één omgevingsdienst" in text
    assert "16 deelnemersregels van 9 opgeheven gemeenten" in text
    assert "Niet-gemeentelijke deelnemers" in text


def test_participants_that_no_longer_exist_or_are_foreign_are_kept_and_marked() -> None:
    import_register()

    brielle = Organisation.objects.get(code="GM0501")
    assert (brielle.name, brielle.kind, brielle.exists) == ("Brielle", OrganisationKind.MUNICIPALITY, False)
    assert brielle.partnerships.exists()
    groot_salland = Organisation.objects.get(roo_id="21135")
    assert (groot_salland.kind, groot_salland.exists) == (OrganisationKind.WATER_BOARD, False)
    kleve = Organisation.objects.get(name="Kreis Kleve")
    assert (kleve.kind, kleve.code, kleve.exists) == (OrganisationKind.OTHER, None, True)
    assert Organisation.objects.municipalities().count() == 342
    fryslan = Collaboration.objects.select_related("body").get(roo_id="28442403")
    assert fryslan.body is not None
    assert fryslan.body.name == "Veiligheidsregio Fryslân"  # not "Flevoland" as the body file says


def test_zero_width_characters_are_removed() -> None:
    import_register()

    vrbzo = Collaboration.objects.get(roo_id=VRBZO)
    assert vrbzo.name == "Gemeenschappelijke Regeling VRBZO 2024"
    assert not Collaboration.objects.filter(name__contains="\u200b").exists()
    assert not Collaboration.objects.filter(purpose__contains="\u00ad").exists()
    assert Collaboration.objects.filter(name__icontains="VRBZO").count() == 1


def test_stray_quotes_and_zero_width_characters_in_a_legal_form_are_cleaned(data_copy: Path) -> None:
    def dirty_legal_form(header: list[str], rows: list[list[str]]) -> None:
        row = next(row for row in rows if row[header.index("roo_id")] == VRU)
        row[header.index("samenwerkingsvorm")] = '"Openbaar\u200b lichaam"'

    rewrite(data_copy / register.REGELINGEN, dirty_legal_form)

    report = import_register(data_copy)

    assert Collaboration.objects.get(roo_id=VRU).legal_form == LegalForm.PUBLIC_BODY
    assert report.legal_form_quotes == 2
    assert report.invisible_chars == 5

"""The register and partners over time: merged municipalities, and municipalities that enter or leave a regeling.

Changes to the partners of a regeling Samen already holds go through ``partner_joins`` / ``partner_leaves``,
so each one is in the audit log of its collaboration.
"""

import csv
import datetime
from pathlib import Path

import pytest
from django.utils import timezone

from samen.audit.models import AuditEvent
from samen.collaborations import register
from samen.collaborations.models import Collaboration, Organisation, OrganisationKind, Partner
from samen.collaborations.register import import_register
from samen.collaborations.services import partner_joins
from samen.settings import DATA_DIR
from tests.register.conftest import read_rows, rewrite

pytestmark = pytest.mark.django_db

VRU = "28426877"  # Gemeenschappelijke regeling Veiligheidsregio Utrecht
EUREGIO_RIJN_WAAL = "28146753"  # still lists Boxmeer, Cuijk, Grave, Mill en Sint Hubert and Sint Anthonis
MERGERS = {
    "GM0756": ("GM1982", datetime.date(2022, 1, 1)),  # Boxmeer → Land van Cuijk
    "GM1684": ("GM1982", datetime.date(2022, 1, 1)),  # Cuijk
    "GM0786": ("GM1982", datetime.date(2022, 1, 1)),  # Grave
    "GM0815": ("GM1982", datetime.date(2022, 1, 1)),  # Mill en Sint Hubert
    "GM1702": ("GM1982", datetime.date(2022, 1, 1)),  # Sint Anthonis
    "GM1685": ("GM1991", datetime.date(2022, 1, 1)),  # Landerd → Maashorst
    "GM0501": ("GM1992", datetime.date(2023, 1, 1)),  # Brielle → Voorne aan Zee
    "GM0530": ("GM1992", datetime.date(2023, 1, 1)),  # Hellevoetsluis
    "GM0614": ("GM1992", datetime.date(2023, 1, 1)),  # Westvoorne
}


def partner_events(action: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=action).select_related("collaboration"))


def test_samen_counts_the_342_current_municipalities_of_gemeenten_2025() -> None:
    import_register()

    codes = {row["gm_code"] for row in read_rows(DATA_DIR / register.MUNICIPALITIES)}
    assert len(codes) == 342
    assert set(Organisation.objects.municipalities().values_list("code", flat=True)) == codes
    assert Organisation.objects.filter(kind=OrganisationKind.MUNICIPALITY).count() == 342 + 9


def test_the_nine_merged_municipalities_are_marked_with_their_successor_and_date() -> None:
    import_register()

    merged = Organisation.objects.filter(successor__isnull=False).select_related("successor")
    assert {o.code: (o.successor.code, o.ceased_on) for o in merged} == MERGERS
    assert not any(o.exists for o in merged)
    boxmeer = Organisation.objects.get(code="GM0756")
    assert (boxmeer.name, boxmeer.successor.name) == ("Boxmeer", "Land van Cuijk")
    assert set(Organisation.objects.get(code="GM1982").predecessors.values_list("name", flat=True)) == {
        "Boxmeer",
        "Cuijk",
        "Grave",
        "Mill en Sint Hubert",
        "Sint Anthonis",
    }


def test_a_merged_participant_left_on_the_day_of_the_merger_and_its_successor_took_its_place() -> None:
    import_register()

    euregio = Collaboration.objects.get(roo_id=EUREGIO_RIJN_WAAL)
    boxmeer = euregio.partners.get(organisation__code="GM0756")
    assert (boxmeer.left_on, boxmeer.left_reason) == (
        datetime.date(2022, 1, 1),
        "Herindeling: opgegaan in Land van Cuijk",
    )
    assert boxmeer in euregio.former_partners()
    land_van_cuijk = euregio.partners.get(organisation__code="GM1982")
    assert land_van_cuijk.is_current
    assert land_van_cuijk.joined_on == datetime.date(2022, 1, 1)
    current_codes = set(euregio.current_partners().values_list("organisation__code", flat=True))
    assert not current_codes & set(MERGERS)


def test_a_second_run_makes_no_events_at_all() -> None:
    import_register()
    before = AuditEvent.objects.count()

    report = import_register()

    assert not report.changed
    assert AuditEvent.objects.count() == before


def test_a_database_imported_before_the_merger_table_gets_the_mergers_through_the_services() -> None:
    import_register()
    # As the import left it before: merged municipalities as current partners, no successor in their place.
    Partner.objects.filter(left_reason__startswith="Herindeling").update(left_on=None, left_reason="")
    euregio = Collaboration.objects.get(roo_id=EUREGIO_RIJN_WAAL)
    euregio.partners.filter(organisation__code="GM1982").delete()
    Organisation.objects.filter(code__in=MERGERS).update(successor=None, ceased_on=None)

    report = import_register()

    left = partner_events("partner.left")
    assert len(left) == 16
    assert all(event.actor is None and event.actor_name == "Samen" for event in left)
    assert {event.after["left_on"] for event in left} == {"2022-01-01", "2023-01-01"}
    [joined] = partner_events("partner.joined")
    assert joined.collaboration == euregio
    assert joined.after == {
        "organisation": "Land van Cuijk",
        "joined_on": "2022-01-01",
        "reason": joined.after["reason"],
    }
    assert "opvolger van" in joined.after["reason"]
    assert report.tallies["partners"].removed == 16
    assert report.tallies["partners"].created == 1
    assert report.tallies["organisations"].updated == 9


def _participants_without(path: Path, regeling: str, code: str) -> None:
    rewrite(
        path / register.PARTICIPANTS,
        lambda header, rows: rows.__setitem__(
            slice(None),
            [
                row
                for row in rows
                if not (
                    row[header.index("regeling_roo_id")] == regeling
                    and row[header.index("deelnemer_tooi_code")] == code
                )
            ],
        ),
    )


def test_a_municipality_that_disappears_from_a_regeling_leaves_it_in_the_audit_log(data_copy: Path) -> None:
    import_register(data_copy)
    _participants_without(data_copy, VRU, "gm0355")  # Zeist

    report = import_register(data_copy)

    vru = Collaboration.objects.get(roo_id=VRU)
    zeist = vru.partners.get(organisation__code="GM0355")
    assert zeist.left_on == timezone.localdate()
    assert zeist.left_reason.startswith("Staat niet meer in het register")
    [event] = partner_events("partner.left")
    assert (event.collaboration, event.object_id) == (vru, str(zeist.pk))
    assert report.partners_left == ["Zeist (Gemeenschappelijke regeling VRU)"]
    assert "Partners toegetreden: 0; uitgetreden: Zeist" in "\n".join(report.lines())

    import_register(data_copy)
    assert len(partner_events("partner.left")) == 1  # not twice


def test_a_partner_recorded_by_hand_stays_when_the_register_does_not_list_it(data_copy: Path) -> None:
    import_register(data_copy)
    vru = Collaboration.objects.get(roo_id=VRU)
    ede = Organisation.objects.get(code="GM0228")
    partner_joins(collaboration=vru, organisation=ede, on=timezone.localdate(), by=None, reason="Convenant")

    import_register(data_copy)

    assert vru.partners.get(organisation=ede).is_current
    assert len(partner_events("partner.left")) == 0


def test_a_municipality_that_appears_in_a_regeling_joins_it_in_the_audit_log(data_copy: Path) -> None:
    import_register(data_copy)
    with open(data_copy / register.PARTICIPANTS, encoding="utf-8", newline="") as handle:
        amersfoort = next(
            r for r in csv.DictReader(handle) if r["regeling_roo_id"] == VRU and r["deelnemer_tooi_code"] == "gm0307"
        )
    euregio_name = Collaboration.objects.get(roo_id=EUREGIO_RIJN_WAAL).name

    def add_amersfoort(header: list[str], rows: list[list[str]]) -> None:
        row = {**amersfoort, "regeling_roo_id": EUREGIO_RIJN_WAAL, "regeling_naam": euregio_name}
        row["toetredings_datum"] = "2025-07-01"
        rows.append([row[column] for column in header])

    rewrite(data_copy / register.PARTICIPANTS, add_amersfoort)

    import_register(data_copy)

    euregio = Collaboration.objects.get(roo_id=EUREGIO_RIJN_WAAL)
    partner = euregio.partners.get(organisation__code="GM0307")
    assert (partner.is_current, partner.joined_on, partner.in_register) == (True, datetime.date(2025, 7, 1), True)
    assert partner.governing_bodies == "College van burgemeester en wethouders"
    [event] = partner_events("partner.joined")
    assert (event.collaboration, event.after["reason"]) == (euregio, "Nieuw in het register")


def test_a_merged_municipality_missing_from_the_merger_table_is_reported(data_copy: Path) -> None:
    rewrite(
        data_copy / register.MERGERS,
        lambda header, rows: rows.__setitem__(slice(None), [r for r in rows if r[0] != "GM0756"]),
    )

    report = import_register(data_copy)

    boxmeer = Organisation.objects.get(code="GM0756")
    assert (boxmeer.exists, boxmeer.successor, boxmeer.ceased_on) == (False, None, None)
    assert report.former_without_successor == ["Boxmeer"]
    assert "Opgeheven gemeenten die niet in gemeentelijke_herindelingen.csv staan" in "\n".join(report.lines())


def test_a_merger_whose_successor_is_no_current_municipality_stops_the_import(data_copy: Path) -> None:
    rewrite(data_copy / register.MERGERS, lambda header, rows: rows[0].__setitem__(2, "GM9999"))

    with pytest.raises(register.RegisterError) as stopped:
        import_register(data_copy)

    assert "gemeentelijke_herindelingen.csv, regel 2: opvolger GM9999 staat niet in gemeenten_2025.csv" in str(
        stopped.value
    )
    assert not Organisation.objects.exists()

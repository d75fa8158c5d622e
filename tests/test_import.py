"""`sendsite import services`: spreadsheets become service files that build; bad rows are named
by row and column; nothing is overwritten unless asked; services.csv imports back unchanged."""

from __future__ import annotations

import csv
import datetime as dt
import io
import shutil
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from sendsite import model
from sendsite.cli import main
from sendsite.publish.pipeline import load_site
from tests.conftest import BUILD_DATE, Run, TinySite

REPO = Path(__file__).resolve().parent.parent
HEADER = [
    "id",
    "name",
    "organisation",
    "summary",
    "categories",
    "needs",
    "min_age",
    "max_age",
    "areas",
    "last_reviewed",
    "cost",
    "self_referral",
    "referral_how",
    "opening_hours",
    "contact_1_name",
    "contact_1_email",
    "location_1_name",
    "location_1_latitude",
    "description",
]
GOOD = {
    "id": "speech-drop-in",
    "name": "Speech drop-in",
    "organisation": "testshire-council",
    "summary": "A weekly drop-in with a speech and language therapist.",
    "categories": "health",
    "needs": "autism; hearing",
    "min_age": "2",
    "max_age": "11",
    "areas": "north",
    "last_reviewed": "2026-10-01",
    "cost": "free",
    "self_referral": "yes",
    "referral_how": "Just come along.",
    "opening_hours": "Tuesday 10:00-12:00; Thursday 13:00-15:00",
    "contact_1_name": "Therapy team",
    "contact_1_email": "therapy@example.org",
    "location_1_name": "Family hub",
    "location_1_latitude": "51.5",
    "description": "Bring your child to **talk** with a therapist.\n\nNo appointment needed.",
}


def write_csv(path: Path, rows: list[dict[str, str]], header: list[str] = HEADER) -> Path:
    buffer = io.StringIO()
    writer = csv.DictWriter(
        buffer, fieldnames=header, lineterminator="\r\n", restval="", extrasaction="ignore"
    )
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def run_import(site: TinySite, *args: str) -> Run:
    site.capsys.readouterr()
    code = main(["import", "services", *args])
    captured = site.capsys.readouterr()
    return Run(code, captured.out, captured.err)


def test_good_rows_become_files_that_build(site: TinySite, tmp_path: Path) -> None:
    second = {**GOOD, "id": "", "name": "Sign club", "opening_hours": "Saturdays, term time only"}
    table = write_csv(tmp_path / "services.csv", [GOOD, second])
    run = run_import(site, str(table), str(site.root))
    assert run.code == 0, run.err
    assert "Imported 2 services" in run.out
    assert (site.root / "content/services/sign-club.md").is_file()  # id made from the name
    assert site.build().code == 0
    service = {s.id: s for s in load_site(site.root, dt.date.fromisoformat(BUILD_DATE)).services}[
        "speech-drop-in"
    ]
    assert service.name == "Speech drop-in"
    assert [t.id for t in service.needs] == ["autism", "hearing"]
    assert (service.ages.min, service.ages.max) == (2, 11)
    assert service.last_reviewed == dt.date(2026, 10, 1)
    assert service.referral == model.Referral(True, "Just come along.")
    assert [(h.days, h.opens, h.closes) for h in service.opening_hours] == [
        ("Tuesday", "10:00", "12:00"),
        ("Thursday", "13:00", "15:00"),
    ]
    assert service.contacts == [model.Contact("Therapy team", None, None, "therapy@example.org")]
    assert service.locations[0].latitude == 51.5
    soup = site.page("/services/speech-drop-in/")
    assert soup.find("strong", string="talk") is not None


def test_each_bad_row_is_reported_once_with_its_row_and_column(
    site: TinySite, tmp_path: Path
) -> None:
    rows = [
        GOOD,  # row 2
        {**GOOD, "id": "bad-age", "min_age": "ten"},  # row 3
        {**GOOD, "id": "bad-taxonomy", "categories": "sport"},  # row 4
        {**GOOD, "id": "bad-date", "last_reviewed": "01/10/2026"},  # row 5
        {**GOOD, "id": "two-mistakes", "self_referral": "maybe", "contact_1_email": "nobody"},
        {**GOOD, "id": "no-summary", "summary": ""},  # row 7
        {**GOOD, "id": "unknown-org", "organisation": "testshire-counsil"},  # row 8
        {**GOOD, "id": "too-old", "max_age": "30"},  # row 9
    ]
    table = write_csv(tmp_path / "services.csv", rows)
    run = run_import(site, str(table), str(site.root))
    assert run.code == 1
    lines = run.error_lines
    assert [line.split(": ", 1)[0] for line in lines] == [f"{table}:{n}" for n in range(3, 10)]
    by_row = {int(line.split(": ", 1)[0].rsplit(":", 1)[1]): line for line in lines}
    assert "Column 'min_age': 'ten' is not a whole number" in by_row[3]
    assert "Column 'categories': 'sport' is not one of the categories" in by_row[4]
    assert "Column 'last_reviewed'" in by_row[5]
    assert "Column 'self_referral'" in by_row[6] and "column 'contact_1_email'" in by_row[6]
    assert "Column 'summary'" in by_row[7]
    assert "Column 'organisation'" in by_row[8] and "testshire-council" in by_row[8]
    assert "Column 'max_age'" in by_row[9]
    assert "nothing was imported" in run.err
    # All or nothing: the good row was not written either.
    assert not (site.root / "content/services/speech-drop-in.md").exists()


def test_existing_files_are_never_overwritten_unless_asked(site: TinySite, tmp_path: Path) -> None:
    original = (site.root / "content/services/portage.md").read_text(encoding="utf-8")
    table = write_csv(tmp_path / "services.csv", [{**GOOD, "id": "portage", "name": "New portage"}])
    run = run_import(site, str(table), str(site.root))
    assert run.code == 1
    assert run.error_lines == [
        f"{table}:2: Column 'id': content/services/portage.md already exists. Give the row another "
        "id, or run the import again with --overwrite to replace the file."
    ]
    assert (site.root / "content/services/portage.md").read_text(encoding="utf-8") == original
    run = run_import(site, str(table), str(site.root), "--overwrite")
    assert run.code == 0, run.err
    assert "0 new, 1 replaced" in run.out
    assert "name: New portage" in (site.root / "content/services/portage.md").read_text(
        encoding="utf-8"
    )
    assert site.build().code == 0


def test_duplicate_ids_in_one_file_are_refused(site: TinySite, tmp_path: Path) -> None:
    table = write_csv(tmp_path / "services.csv", [GOOD, GOOD])
    run = run_import(site, str(table), str(site.root))
    assert run.code == 1
    assert run.error_lines[0].startswith(f"{table}:3: Column 'id': the id 'speech-drop-in'")


def test_unknown_and_missing_columns_are_named(site: TinySite, tmp_path: Path) -> None:
    header = [c for c in HEADER if c != "areas"] + ["organization"]
    table = write_csv(tmp_path / "services.csv", [GOOD], header)
    run = run_import(site, str(table), str(site.root))
    assert run.code == 1
    assert any(
        "no column called 'organization'" in e and "organisation" in e for e in run.error_lines
    )
    assert any("areas is missing" in e for e in run.error_lines)
    assert all(e.startswith(f"{table}:1: ") for e in run.error_lines)


def test_misuse_exits_2(site: TinySite, tmp_path: Path) -> None:
    assert run_import(site, str(tmp_path / "missing.csv"), str(site.root)).code == 2
    other = tmp_path / "services.ods"
    other.write_text("x", encoding="utf-8")
    assert run_import(site, str(other), str(site.root)).code == 2


def test_xlsx_workbooks_import_too(site: TinySite, tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(HEADER)
    values: list[Any] = [GOOD[c] for c in HEADER]
    values[HEADER.index("min_age")] = 2  # numbers and dates as a spreadsheet stores them
    values[HEADER.index("max_age")] = 11.0
    values[HEADER.index("last_reviewed")] = dt.datetime(2026, 10, 1)
    values[HEADER.index("location_1_latitude")] = 51.5
    sheet.append(values)
    workbook.save(tmp_path / "services.xlsx")
    run = run_import(site, str(tmp_path / "services.xlsx"), str(site.root))
    assert run.code == 0, run.err
    text = (site.root / "content/services/speech-drop-in.md").read_text(encoding="utf-8")
    assert "last_reviewed: 2026-10-01" in text and "max: 11" in text
    assert site.build().code == 0


def _comparable(service: model.Service) -> dict[str, Any]:
    fields = dict(vars(service))
    for derived in ("organisation", "categories", "needs", "areas", "origin", "lines"):
        fields.pop(derived)
    fields["organisation"] = service.organisation.id
    for key in ("categories", "needs", "areas"):
        fields[key] = [t.id for t in getattr(service, key)]
    return fields


def test_services_csv_imports_back_to_the_same_services(tmp_path: Path) -> None:
    """Round trip on the Dorset example: build, import data/services.csv into an empty
    services folder, and get every service back field for field."""
    out = tmp_path / "out"
    assert main(["build", str(REPO), "-o", str(out), "--date", BUILD_DATE]) == 0
    copy = tmp_path / "copy"
    shutil.copytree(REPO / "content", copy / "content")
    shutil.copy(REPO / "site.yaml", copy / "site.yaml")
    shutil.rmtree(copy / "content" / "services")
    # The journeys point to services by id: without the services the site before the import
    # is not a valid one, and the import checks the site it imports into.
    shutil.rmtree(copy / "content" / "journeys")
    assert main(["import", "services", str(out / "data" / "services.csv"), str(copy)]) == 0
    date = dt.date.fromisoformat(BUILD_DATE)
    before = [_comparable(s) for s in load_site(REPO, date).services]
    after = [_comparable(s) for s in load_site(copy, date).services]
    assert len(after) == len(before) > 30
    assert after == before

"""`sendsite import services`: a spreadsheet of services becomes service files in content/services/.

Every row is checked before anything is written: first the shape of each cell (numbers, dates,
yes/no), then the whole service by the same validator a build uses, so a file that is written
also builds. A bad row is reported once, as `FILE:ROW: column 'NAME': what is wrong. Fix.`,
with ROW the spreadsheet's row number (the header is row 1). If any row is bad, nothing is
written. An existing service file is never replaced unless the caller asks for it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from sendsite import model
from sendsite.errors import ContentError, ContentErrors, ErrorLog, Origin
from sendsite.model import servicetable
from sendsite.model.validate import validate_service
from sendsite.publish.pipeline import load_site
from sendsite.source.fields import ID_PATTERN
from sendsite.source.loader import Item
from sendsite.source.sourcefile import SourceFile
from sendsite.source.wholefile import replace_whole
from sendsite.source.wording import did_you_mean
from sendsite.source.yamldoc import YamlList, YamlMap, parse_yaml
from sendsite.text import slugify

SPREADSHEET_TYPES = (".csv", ".xlsx")
_SERVICE_EXTENSIONS = (".md", ".yaml", ".yml")


@dataclass
class ImportResult:
    created: list[Path] = field(default_factory=list)
    replaced: list[Path] = field(default_factory=list)


@dataclass
class _Row:
    number: int
    cells: dict[str, str]


def import_services(
    table: Path, site_dir: Path, build_date: dt.date, *, overwrite: bool = False
) -> ImportResult:
    """Check every row of `table`, then write one file a service; raises ContentErrors."""
    site = load_site(site_dir, build_date)
    shown = str(table)
    rows = read_table(table, shown)
    services_dir = site_dir / "content" / "services"
    organisations = {o.id: o for o in site.organisations}
    errors: list[ContentError] = []
    planned: dict[str, tuple[Path, str]] = {}
    for row in rows:
        problems, service_id, text = _check_row(row, site.taxonomy, organisations)
        if service_id is not None and not problems:
            existing = _existing_file(services_dir, service_id)
            if service_id in planned:
                problems.append(
                    servicetable.Problem(
                        "id",
                        f"the id '{service_id}' is also used by an earlier row",
                        "Give each service its own id.",
                    )
                )
            elif existing is not None and not overwrite:
                problems.append(
                    servicetable.Problem(
                        "id",
                        f"content/services/{existing.name} already exists",
                        "Give the row another id, or run the import again with --overwrite "
                        "to replace the file.",
                    )
                )
        if problems:
            errors.append(_row_error(shown, row.number, problems))
        elif service_id is not None:
            planned[service_id] = (services_dir / f"{service_id}.md", text)
    if errors:
        raise ContentErrors(errors)
    result = ImportResult()
    services_dir.mkdir(parents=True, exist_ok=True)
    for service_id, (target, text) in planned.items():
        existing = _existing_file(services_dir, service_id)
        if existing is not None and existing != target:
            existing.unlink()  # services/ID.yaml replaced by services/ID.md: one file per id
        (result.replaced if existing is not None else result.created).append(target)
        replace_whole(target, text.encode("utf-8"))
    return result


# --- reading the spreadsheet ----------------------------------------------------------------


def read_table(table: Path, shown: str) -> list[_Row]:
    """The data rows of a CSV or XLSX file (header on row 1), with unknown columns refused."""
    if table.suffix.lower() == ".xlsx":
        grid = _xlsx_grid(table, shown)
    else:
        grid = list(csv.reader(io.StringIO(_csv_text(table, shown), newline="")))
    if not grid or not any(cell.strip() for cell in grid[0]):
        raise ContentError(
            Origin(shown, 1),
            "the first row is empty",
            "Put the column names (id, name, organisation, ...) in the first row.",
        )
    header = [cell.strip().lower() for cell in grid[0]]
    _check_header(header, shown)
    rows = []
    for index, values in enumerate(grid[1:], start=2):
        if not any(v.strip() for v in values):
            continue  # blank lines between rows are harmless
        cells = {
            name: values[i] if i < len(values) else "" for i, name in enumerate(header) if name
        }
        rows.append(_Row(index, cells))
    return rows


def _csv_text(table: Path, shown: str) -> str:
    raw = table.read_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Excel's "CSV (Comma delimited)" saves in the Windows code page, not UTF-8.
        try:
            return raw.decode("cp1252")
        except UnicodeDecodeError:
            raise ContentError(
                Origin(shown),
                "this file is not text in UTF-8",
                "Save it from the spreadsheet as 'CSV UTF-8'.",
            ) from None


def _xlsx_grid(table: Path, shown: str) -> list[list[str]]:
    import zipfile

    from openpyxl import load_workbook

    try:
        workbook = load_workbook(table, read_only=True, data_only=True)
    except (zipfile.BadZipFile, OSError, KeyError, ValueError):
        raise ContentError(
            Origin(shown),
            "this file cannot be read as an Excel workbook",
            "Save it from the spreadsheet as an .xlsx workbook, or as CSV UTF-8.",
        ) from None
    try:
        sheet = workbook.worksheets[0]
        return [[_cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _check_header(header: list[str], shown: str) -> None:
    log = ErrorLog()
    seen: set[str] = set()
    for name in header:
        if not name:
            continue
        if name in seen:
            log.add(
                Origin(shown, 1),
                f"the column '{name}' appears twice",
                "Keep one column of each name.",
            )
        seen.add(name)
        if not servicetable.is_known_column(name):
            log.add(
                Origin(shown, 1),
                f"there is no column called '{name}' in the services layout",
                did_you_mean(name, servicetable.known_columns(), "columns")
                or "Remove the column, or rename it to one listed on the site's open data page.",
            )
    missing = [c for c in servicetable.REQUIRED if c not in seen]
    if missing:
        log.add(
            Origin(shown, 1),
            f"the column{'s' if len(missing) > 1 else ''} {', '.join(missing)} "
            f"{'are' if len(missing) > 1 else 'is'} missing",
            "Add them to the first row; every service needs them.",
        )
    log.raise_if_any()


# --- checking a row ---------------------------------------------------------------------------


def _check_row(
    row: _Row, taxonomy: model.Taxonomy, organisations: dict[str, model.Organisation]
) -> tuple[list[servicetable.Problem], str | None, str]:
    parsed = servicetable.parse_row(row.cells)
    problems = parsed.problems
    service_id = parsed.id or (slugify(row.cells.get("name", "")) or None)
    if parsed.id is not None and not ID_PATTERN.match(parsed.id):
        problems.append(
            servicetable.Problem(
                "id",
                f"'{parsed.id}' is not a valid id",
                f"Use lowercase letters, digits and hyphens, such as '{slugify(parsed.id)}'.",
            )
        )
        service_id = None
    text = service_file_text(parsed.front_matter, parsed.body)
    # The same checks as a build, on exactly the text that would be written. Cells already
    # found wrong were left out of it, so each mistake is reported once.
    data = parse_yaml(front_matter_yaml(parsed.front_matter), "row", first_line=2)
    log = ErrorLog()
    source = SourceFile("row", data, parsed.body, 0)
    validate_service(Item("services", service_id or "row", source), organisations, taxonomy, log)
    already = {p.column for p in problems}
    for error in log.errors:
        if "is missing the required field" in error.message:
            continue  # an empty or wrong required cell, reported above
        column = _column_at(data, error.line or 0, parsed)
        if column not in already:
            problems.append(servicetable.Problem(column, error.message, error.hint))
    return problems, service_id, text


def _column_at(data: Any, line: int, parsed: servicetable.ParsedRow) -> str:
    """The spreadsheet column that produced the front-matter field on `line`."""
    if not isinstance(data, YamlMap) or not data:
        return "name"
    key = _key_at(data, line)
    value = data.get(key)
    if key == "ages" and isinstance(value, YamlMap):
        return {"min": "min_age", "max": "max_age"}.get(_key_at(value, line), "min_age")
    if key == "referral" and isinstance(value, YamlMap):
        return {"self_referral": "self_referral", "how": "referral_how"}.get(
            _key_at(value, line), "self_referral"
        )
    if key in ("contacts", "locations") and isinstance(value, YamlList):
        numbers = parsed.contact_numbers if key == "contacts" else parsed.location_numbers
        prefix = "contact" if key == "contacts" else "location"
        index = max((i for i in range(len(value)) if value.line_of(i) <= line), default=0)
        entry = value[index] if index < len(value) else None
        part = _key_at(entry, line) if isinstance(entry, YamlMap) and entry else "name"
        number = numbers[index] if index < len(numbers) else index + 1
        return f"{prefix}_{number}_{part}"
    return key


def _key_at(mapping: YamlMap, line: int) -> str:
    keys = [k for k in mapping if mapping.line_of(k) <= line]
    if not keys:
        return next(iter(mapping))
    return max(keys, key=mapping.line_of)


def _row_error(shown: str, number: int, problems: list[servicetable.Problem]) -> ContentError:
    """One message for a row, naming each bad column."""
    if len(problems) == 1:
        problem = problems[0]
        return ContentError(
            Origin(shown, number), f"column '{problem.column}': {problem.message}", problem.hint
        )
    message = "; ".join(f"column '{p.column}': {p.message}" for p in problems)
    hints = list(dict.fromkeys(p.hint for p in problems if p.hint))
    return ContentError(Origin(shown, number), message, " ".join(_sentence(h) for h in hints))


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "?", "!")) else text + "."


def _existing_file(services_dir: Path, service_id: str) -> Path | None:
    for extension in _SERVICE_EXTENSIONS:
        candidate = services_dir / f"{service_id}{extension}"
        if candidate.exists():
            return candidate
    return None


# --- writing ----------------------------------------------------------------------------------


class _ServiceDumper(yaml.SafeDumper):
    """YAML as an author would write it: Markdown with line breaks as a block, nothing else clever."""


def _represent_text(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    style = "|" if "\n" in text else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_ServiceDumper.add_representer(str, _represent_text)


def front_matter_yaml(front_matter: dict[str, Any]) -> str:
    text: str = yaml.dump(
        front_matter,
        Dumper=_ServiceDumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=100,
    )
    return text


def service_file_text(front_matter: dict[str, Any], body: str) -> str:
    front = front_matter_yaml(front_matter)
    body = body.strip()
    return f"---\n{front}---\n{body}\n" if body else f"---\n{front}---\n"

"""Reading an Open Referral (HSDS) package into raw tables, never crashing.

A package is a folder or a zip with ``datapackage.json`` and CSV files (HSDS
1.x and 3.0), or an HSDS 3.0 JSON file (one object, a list, an API page with
``contents``, or an object of table name -> list). Everything is turned into
plain rows of canonical tables (``organization``, ``service``, ``location``
...), each row remembering its file and line. What cannot be read is noted
for the import report; only a package with nothing readable raises
:class:`~sociale_kaart.DataError`.
"""

from __future__ import annotations

import csv
import io as _io
import json
import os
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from sociale_kaart.core.errors import DataError, Problem
from sociale_kaart.core.tables import physical_lines, restore_formula
from sociale_kaart.io.limits import DEFAULT_LIMITS, Limits, check_file_size, check_zip

__all__ = ["Note", "Package", "RawRow", "RawTable", "load_package"]

# canonical table name -> names it goes by in HSDS 1.x, 2.x and 3.0 packages
_ALIASES: dict[str, tuple[str, ...]] = {
    "organization": ("organizations", "organisation", "organisations"),
    "service": ("services",),
    "location": ("locations",),
    "service_at_location": (
        "services_at_location",
        "service_at_locations",
        "services_at_locations",
    ),
    "eligibility": ("eligibilities",),
    "language": ("languages",),
    "service_area": ("service_areas",),
    "cost_option": ("cost_options",),
    "schedule": ("schedules", "regular_schedule", "regular_schedules"),
    "taxonomy_term": ("taxonomy_terms",),
    "taxonomy": ("taxonomies",),
    "service_taxonomy": ("services_taxonomy", "service_taxonomies", "services_taxonomies"),
    "attribute": ("attributes",),
    "address": ("addresses", "physical_address", "physical_addresses"),
    "phone": ("phones",),
    "metadata": ("metadatas",),
    "service_capacity": ("service_capacities", "capacities", "capacity"),
}
#: Known HSDS tables that sociale_kaart does not use, with the reason.
_IGNORED: dict[str, str] = {
    "contact": "contacts are named people: not imported, to keep personal data out",
    "contacts": "contacts are named people: not imported, to keep personal data out",
    "program": "programs are not mapped",
    "programs": "programs are not mapped",
    "funding": "funding is not mapped",
    "holiday_schedule": "holiday schedules are not mapped",
    "holiday_schedules": "holiday schedules are not mapped",
    "postal_address": "postal addresses are not places: not mapped",
    "postal_addresses": "postal addresses are not places: not mapped",
    "accessibility": "accessibility is not mapped",
    "accessibility_for_disabilities": "accessibility is not mapped",
    "payment_accepted": "payments accepted are not mapped",
    "payments_accepted": "payments accepted are not mapped",
    "meta_table_description": "not mapped",
    "meta_table_descriptions": "not mapped",
    "organization_identifier": "organisation identifiers are not mapped",
    "organization_identifiers": "organisation identifiers are not mapped",
    "url": "extra URLs are not mapped",
    "urls": "extra URLs are not mapped",
    "unit": "not mapped",
    "units": "not mapped",
    "required_document": "required documents are kept as text only",
    "required_documents": "required documents are kept as text only",
}
_CANONICAL: dict[str, str] = {}
for _name, _aliases in _ALIASES.items():
    _CANONICAL[_name] = _name
    for _alias in _aliases:
        _CANONICAL[_alias] = _name

_NULLS = frozenset({"null", "NULL", "Null"})


@dataclass
class Note:
    """One line of the import report."""

    file: str | None
    row: int | None
    id: str | None
    column: str | None
    value: Any
    action: str
    reason: str


@dataclass
class RawRow:
    """One record as read: values by lower-case column, and where it came from."""

    values: dict[str, Any]
    line: int | None = None
    where: str | None = None  # JSON path

    def get(self, column: str) -> Any:
        return self.values.get(column)


@dataclass
class RawTable:
    """All rows of one canonical table."""

    name: str
    label: str
    columns: list[str] = field(default_factory=list)
    rows: list[RawRow] = field(default_factory=list)


@dataclass
class Package:
    """A package read into raw tables."""

    tables: dict[str, RawTable]
    version: str
    source: str
    notes: list[Note]


def canonical_table(name: str) -> str | None:
    """The canonical table name of a resource or file stem, or None."""
    token = re.sub(r"[\s\-]+", "_", name.strip().lower())
    token = re.sub(r"\.(csv|json)$", "", token)  # the tabular.json form: "organizations.csv"
    return _CANONICAL.get(token)


# --------------------------------------------------------------------------- sources


#: What a broken or hostile zip raises from the standard library.
_ZIP_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    OSError,
    EOFError,
    ValueError,
    NotImplementedError,  # an unknown compression method
    RuntimeError,  # an encrypted member
)


class _Source:
    """Files of a package: a folder or a zip."""

    def __init__(self, path: Path, limits: Limits = DEFAULT_LIMITS) -> None:
        self.path = path
        self.limits = limits
        self._zip: zipfile.ZipFile | None = None
        self._base = ""
        if path.is_dir():
            self._names = sorted(
                str(p.relative_to(path)).replace(os.sep, "/")
                for p in path.rglob("*")
                if p.is_file() and len(p.relative_to(path).parts) <= 3
            )
        else:
            try:
                check_file_size(path, self.limits, label=path.name)
                self._zip = zipfile.ZipFile(path)
                try:
                    check_zip(self._zip, self.limits, label=path.name, source=str(path))
                except DataError:
                    self._zip.close()
                    raise
                self._names = sorted(
                    n for n in self._zip.namelist() if not n.endswith("/") and "__MACOSX" not in n
                )
            except _ZIP_ERRORS as err:
                raise DataError(
                    [
                        Problem(
                            path.name,
                            None,
                            None,
                            None,
                            f"cannot open this package ({err}): give a folder or a .zip with "
                            "datapackage.json and CSV files, or an HSDS JSON file",
                        )
                    ],
                    source=str(path),
                ) from None
        # the package root: where datapackage.json is, else where the CSVs are
        candidates = [n for n in self._names if PurePosixPath(n).name == "datapackage.json"]
        if not candidates:
            candidates = [n for n in self._names if n.lower().endswith(".csv")]
        if candidates:
            parent = str(PurePosixPath(min(candidates, key=lambda n: n.count("/"))).parent)
            self._base = "" if parent == "." else parent + "/"

    def files(self, *, nested: bool = False) -> list[str]:
        """Names relative to the package root: its own level, or (nested) every level."""
        out = []
        for name in self._names:
            if name.startswith(self._base):
                rel = name[len(self._base) :]
                if nested or "/" not in rel:
                    out.append(rel)
        return out

    def find(self, rel: str, name: str | None) -> str | None:
        """Where a resource is when it is not at its path: the same file name in a folder
        (``data/organizations.csv``), else a CSV file named after the resource."""
        wanted = [PurePosixPath(rel).name.lower()]
        if name:
            wanted.append(f"{name.lower()}.csv")
        for target in wanted:
            hits = [f for f in self.files(nested=True) if PurePosixPath(f).name.lower() == target]
            if hits:
                return min(hits, key=lambda f: (f.count("/"), f))
        return None

    def read(self, rel: str) -> bytes | None:
        if rel.startswith("/") or ".." in PurePosixPath(rel).parts:
            return None
        full = self._base + rel
        if self._zip is not None:
            try:
                return self._zip.read(full)
            except KeyError:
                return None
            except _ZIP_ERRORS as err:
                raise DataError(
                    [
                        Problem(
                            f"{self.path.name} [{full}]",
                            None,
                            None,
                            None,
                            f"cannot unpack this file of the zip ({err.__class__.__name__}: "
                            f"{str(err)[:120]}): make the zip again",
                        )
                    ],
                    source=str(self.path),
                ) from None
        file = self.path / full
        if not file.is_file():
            return None
        check_file_size(file, self.limits, label=rel)
        return file.read_bytes()

    def close(self) -> None:
        if self._zip is not None:
            self._zip.close()


# --------------------------------------------------------------------------- CSV


def decode_text(data: bytes) -> tuple[str, str | None]:
    """Decode a CSV file's bytes; the second value is a notice when it was not UTF-8.

    UTF-16 (with a byte order mark) and UTF-8 (with or without one) are read
    silently; anything else is read as Windows-1252 (what Dutch Excel's
    "CSV (puntkomma gescheiden)" writes), or Latin-1 as a last resort, and the
    notice says so. Shared by :func:`sociale_kaart.read_csv` and
    :func:`sociale_kaart.read_hsds`.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), None
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        try:
            text = data.decode("cp1252")
            encoding = "Windows-1252"
        except UnicodeDecodeError:
            text = data.decode("latin-1")
            encoding = "Latin-1"
        return text, (
            f"the file is not UTF-8 (first bad byte on line {line}): read as {encoding}; "
            "check accented letters, and export as UTF-8 next time"
        )


def _decode(data: bytes, label: str, notes: list[Note]) -> str:
    text, notice = decode_text(data)
    if notice is not None:
        line = int(notice.split("line ", 1)[1].split(")", 1)[0])
        notes.append(Note(label, line, None, None, None, "read", notice))
    return text


def _cell(value: str) -> str | None:
    value = value.strip()
    if not value or value in _NULLS:
        return None
    return restore_formula(value)  # undo write_hsds' guard against formula injection


def read_csv_table(
    data: bytes, name: str, label: str, notes: list[Note], *, delimiter: str | None = None
) -> RawTable:
    """Read one CSV file leniently; problems go to ``notes``."""
    table = RawTable(name, label)
    text = _decode(data, label, notes)
    if "\x00" in text:
        text = text.replace("\x00", "")
        notes.append(Note(label, None, None, None, None, "read", "NUL bytes were removed"))
    if not text.strip():
        notes.append(Note(label, None, None, None, None, "ignored file", "the file is empty"))
        return table
    first = text.lstrip("\ufeff").split("\n", 1)[0]
    if delimiter is None or len(delimiter) != 1:
        counts = {d: first.count(d) for d in (",", ";", "\t")}
        delimiter = max(counts, key=lambda d: counts[d]) if any(counts.values()) else ","
    # csv.field_size_limit is left alone (it is process-wide): its default, 131,072
    # characters, is above the readers' max_cell_chars; a longer field is a csv.Error here
    reader = csv.reader(_io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header_cells = next(reader)
    except (csv.Error, StopIteration) as err:
        notes.append(
            Note(label, 1, None, None, None, "ignored file", f"no readable header line ({err})")
        )
        return table
    header = [re.sub(r"\s+", "_", c.strip().lstrip("\ufeff").lower()) for c in header_cells]
    for position, column in enumerate(header):
        if column and header.index(column) != position:
            notes.append(
                Note(
                    label,
                    1,
                    None,
                    column,
                    None,
                    "ignored column",
                    f"column {column!r} appears twice: the second one is ignored",
                )
            )
            header[position] = ""
    table.columns = [c for c in header if c]
    line = physical_lines(header_cells)
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as err:
            notes.append(
                Note(
                    label,
                    line + 1,
                    None,
                    None,
                    None,
                    "dropped rest of file",
                    f"not valid CSV from here on ({err}): the rest of the file is not read",
                )
            )
            break
        start = line + 1
        line += physical_lines(cells)
        if not any(c.strip() for c in cells):
            continue
        if len(cells) > len(header) and any(c.strip() for c in cells[len(header) :]):
            notes.append(
                Note(
                    label,
                    start,
                    _cell(cells[header.index("id")]) if "id" in header else None,
                    None,
                    None,
                    "dropped row",
                    f"the row has {len(cells)} values but the header has {len(header)} "
                    "columns: a value probably contains the delimiter without quotes",
                )
            )
            continue
        values = {
            column: _cell(value) for column, value in zip(header, cells, strict=False) if column
        }
        for column in table.columns:
            values.setdefault(column, None)
        table.rows.append(RawRow(values, start))
    return table


# --------------------------------------------------------------------------- JSON

# nested key -> (table, how it links): "child_fk" sets <parent>_id on the child,
# "parent_fk" sets <key>_id on the parent.
_ONE: dict[str, str] = {
    "organization": "organization",
    "location": "location",
    "taxonomy_term": "taxonomy_term",
    "service": "service",
}
_MANY: dict[str, str] = {
    "services": "service",
    "service_at_locations": "service_at_location",
    "locations": "location",
    "phones": "phone",
    "schedules": "schedule",
    "regular_schedules": "schedule",
    "service_areas": "service_area",
    "languages": "language",
    "cost_options": "cost_option",
    "attributes": "attribute",
    "addresses": "address",
    "physical_addresses": "address",
    "eligibility": "eligibility",
    "eligibilities": "eligibility",
    "metadata": "metadata",
    "capacities": "service_capacity",
    "taxonomy_terms": "taxonomy_term",
    "contacts": "contact",
}


def _guess_type(item: dict[str, Any]) -> str | None:
    keys = set(item)
    if keys & {"service_at_locations", "eligibility_description", "cost_options", "assured_date"}:
        return "service"
    if isinstance(item.get("organization"), dict) or (
        "organization_id" in keys and "status" in keys
    ):
        return "service"
    if isinstance(item.get("location"), dict) and isinstance(item.get("service"), dict):
        return "service_at_location"
    if keys & {"services", "website", "organization_identifiers", "year_incorporated"}:
        return "organization"
    if keys & {"location_type", "latitude", "longitude", "addresses"}:
        return "location"
    if "term_uri" in keys or ("code" in keys and "taxonomy" in keys):
        return "taxonomy_term"
    if "status" in keys:
        return "service"
    return None


class _JsonFlattener:
    def __init__(self, label: str, notes: list[Note]) -> None:
        self.label = label
        self.notes = notes
        self.tables: dict[str, RawTable] = {}

    def add(self, table: str, item: dict[str, Any], where: str, links: dict[str, Any]) -> None:
        values: dict[str, Any] = {}
        for key, value in item.items():
            column = str(key).strip().lower()
            if isinstance(value, (dict, list)):
                continue
            if isinstance(value, str):
                value = _cell(value)
            values[column] = value
        for key, value in links.items():
            if values.get(key) in (None, ""):
                values[key] = value
        raw = self.tables.setdefault(table, RawTable(table, self.label))
        raw.rows.append(RawRow(values, None, where))
        for column in values:
            if column not in raw.columns:
                raw.columns.append(column)
        own_id = values.get("id")
        for key, value in item.items():
            column = str(key).strip().lower()
            if isinstance(value, dict) and column in _ONE:
                child_table = _ONE[column]
                child_id = value.get("id")
                link = f"{child_table}_id"
                if child_id is not None and values.get(link) is None:
                    values[link] = child_id
                    if link not in raw.columns:
                        raw.columns.append(link)
                self.add(child_table, value, f"{where}.{key}", {})
            elif isinstance(value, list) and column in _MANY:
                child_table = _MANY[column]
                child_links: dict[str, Any] = {}
                if own_id is not None:
                    if child_table == "attribute":
                        child_links = {"link_id": own_id, "link_entity": table}
                    elif child_table == "metadata":
                        child_links = {"resource_id": own_id, "resource_type": table}
                    else:
                        child_links = {f"{table}_id": own_id}
                for position, child in enumerate(value):
                    if isinstance(child, dict):
                        self.add(child_table, child, f"{where}.{key}[{position}]", child_links)

    def top(self, data: Any, where: str) -> None:
        if isinstance(data, list):
            for position, item in enumerate(data):
                self.top(item, f"{where}[{position}]")
            return
        if not isinstance(data, dict):
            self.notes.append(
                Note(self.label, None, None, None, None, "dropped row", f"{where} is not an object")
            )
            return
        if isinstance(data.get("contents"), list):  # an API page
            self.top(data["contents"], f"{where}.contents")
            return
        tables = {k: v for k, v in data.items() if isinstance(v, list) and canonical_table(str(k))}
        if tables and not _guess_type(data):
            for key, items in tables.items():
                table = canonical_table(str(key)) or str(key)
                for position, item in enumerate(items):
                    if isinstance(item, dict):
                        self.add(table, item, f"{where}.{key}[{position}]", {})
            for key, items in data.items():
                if key in tables or not isinstance(items, list):
                    continue
                token = re.sub(r"\.(csv|json)$", "", str(key).strip().lower())
                reason = _IGNORED.get(token, "not an HSDS table that sociale_kaart maps")
                self.notes.append(
                    Note(self.label, None, None, str(key), None, "ignored table", reason)
                )
            return
        kind = _guess_type(data)
        if kind is None:
            self.notes.append(
                Note(
                    self.label,
                    None,
                    str(data.get("id")) if data.get("id") is not None else None,
                    None,
                    None,
                    "dropped row",
                    f"{where or 'the top object'} is not an HSDS service, organization or "
                    "location object",
                )
            )
            return
        self.add(kind, data, where, {})


def read_json_package(data: bytes, label: str, notes: list[Note]) -> dict[str, RawTable]:
    """Flatten HSDS 3.0 JSON into raw tables."""
    try:
        parsed = json.loads(_decode(data, label, notes))
    except json.JSONDecodeError as err:
        raise DataError(
            [Problem(label, err.lineno, None, None, f"not valid JSON: {err.msg}")]
        ) from None
    except (RecursionError, ValueError) as err:  # deep nesting; a 5000-digit number
        raise DataError(
            [Problem(label, None, None, None, f"not valid JSON: {str(err)[:200]}")]
        ) from None
    flattener = _JsonFlattener(label, notes)
    try:
        flattener.top(parsed, "")
    except RecursionError:
        raise DataError(
            [
                Problem(
                    label,
                    None,
                    None,
                    None,
                    "the JSON nests too deeply for an HSDS package: check the file",
                )
            ]
        ) from None
    return flattener.tables


# --------------------------------------------------------------------------- package


def _merge(tables: dict[str, RawTable], new: RawTable) -> None:
    old = tables.get(new.name)
    if old is None:
        tables[new.name] = new
        return
    old.rows.extend(new.rows)
    for column in new.columns:
        if column not in old.columns:
            old.columns.append(column)
    if new.label not in old.label.split(" + "):
        old.label = f"{old.label} + {new.label}"


def _resource_list(meta: Any) -> Iterator[tuple[str | None, str, str | None]]:
    """(name, path, delimiter) of each resource of a datapackage.json."""
    resources = meta.get("resources") if isinstance(meta, dict) else None
    if not isinstance(resources, list):
        return
    for resource in resources:
        if not isinstance(resource, dict):
            continue
        paths = resource.get("path")
        if isinstance(paths, str):
            paths = [paths]
        if not isinstance(paths, list):
            continue
        dialect = resource.get("dialect")
        delimiter = dialect.get("delimiter") if isinstance(dialect, dict) else None
        name = resource.get("name")
        for path in paths:
            if isinstance(path, str):
                yield (
                    str(name) if name is not None else None,
                    path,
                    delimiter if isinstance(delimiter, str) else None,
                )


def _version(tables: dict[str, RawTable], meta: Any, is_json: bool) -> str:
    if is_json:
        return "3.0"
    markers = {"taxonomy_term", "attribute", "cost_option", "service_capacity"}
    if markers & set(tables):
        return "3.0"
    service = tables.get("service")
    if service and {"assured_date", "last_modified", "eligibility_description"} & set(
        service.columns
    ):
        return "3.0"
    location = tables.get("location")
    if location and "location_type" in location.columns:
        return "3.0"
    return "1.x"


def load_package(path: str | os.PathLike[str], *, limits: Limits = DEFAULT_LIMITS) -> Package:
    """Read a package (folder, zip or JSON file) into raw tables, within ``limits``."""
    file = Path(path)
    if not file.exists():
        raise FileNotFoundError(
            f"no such file or folder: {file}; give an HSDS package folder, .zip or .json file"
        )
    notes: list[Note] = []
    tables: dict[str, RawTable] = {}
    meta: Any = None
    is_json = False
    if file.is_file() and file.suffix.lower() == ".json" and file.name != "datapackage.json":
        is_json = True
        check_file_size(file, limits, label=file.name)
        for table in read_json_package(file.read_bytes(), file.name, notes).values():
            _merge(tables, table)
    else:
        if file.is_file() and file.name == "datapackage.json":
            file = file.parent
        source = _Source(file, limits)
        try:
            meta_bytes = source.read("datapackage.json")
            seen: set[str] = set()
            if meta_bytes is not None:
                try:
                    meta = json.loads(meta_bytes.decode("utf-8-sig", errors="replace"))
                except (json.JSONDecodeError, RecursionError, ValueError) as err:
                    notes.append(
                        Note(
                            "datapackage.json",
                            getattr(err, "lineno", None),
                            None,
                            None,
                            None,
                            "read",
                            f"not valid JSON ({getattr(err, 'msg', err)}): "
                            "CSV files are read by their names",
                        )
                    )
                for name, rel, delimiter in _resource_list(meta):
                    _read_resource(source, name, rel, delimiter, tables, notes, seen)
            for rel in source.files():
                if rel in seen:
                    continue
                suffix = PurePosixPath(rel).suffix.lower()
                if suffix == ".csv":
                    _read_resource(source, None, rel, None, tables, notes, seen)
                elif suffix == ".json" and rel != "datapackage.json" and meta is None:
                    data = source.read(rel)
                    if data is not None:
                        is_json = True
                        for table in read_json_package(data, rel, notes).values():
                            _merge(tables, table)
            for rel in source.files(nested=True):  # CSV files in folders (data/...)
                if "/" not in rel or rel in seen or not rel.lower().endswith(".csv"):
                    continue
                table_name = canonical_table(PurePosixPath(rel).stem)
                if table_name is not None and table_name not in tables:
                    notes.append(
                        Note(rel, None, None, None, None, "read", "read from a folder of the "
                             "package: datapackage.json does not list it")
                    )  # fmt: skip
                    _read_resource(source, None, rel, None, tables, notes, seen)
        finally:
            source.close()
    if not any(
        t.rows for t in tables.values() if t.name in ("organization", "service", "location")
    ):
        found = ", ".join(sorted(tables)) or "no tables"
        raise DataError(
            [
                Problem(
                    file.name,
                    None,
                    None,
                    None,
                    f"no organizations, services or locations could be read ({found}): "
                    "give an HSDS package (datapackage.json with organizations.csv, "
                    "services.csv, locations.csv ...) or an HSDS 3.0 JSON file",
                ),
                *(
                    Problem(n.file, n.row, n.column, n.value, f"{n.action}: {n.reason}")
                    for n in notes
                ),
            ],
            source=str(file),
        )
    version = _version(tables, meta, is_json)
    # 1.x calls its taxonomy terms "taxonomy"; in 3.0 "taxonomy" lists the taxonomies.
    if "taxonomy" in tables:
        if "taxonomy_term" not in tables:
            tables["taxonomy_term"] = tables.pop("taxonomy")
            tables["taxonomy_term"].name = "taxonomy_term"
        else:
            tables.pop("taxonomy")
    return Package(tables, version, str(file), notes)


def _read_resource(
    source: _Source,
    name: str | None,
    rel: str,
    delimiter: str | None,
    tables: dict[str, RawTable],
    notes: list[Note],
    seen: set[str],
) -> None:
    stem = PurePosixPath(rel).stem
    if re.match(r"^[a-z][a-z0-9+.\-]*://", rel, re.I):
        notes.append(
            Note(rel, None, None, None, None, "ignored file", "remote data is not fetched")
        )
        return
    seen.add(rel)
    table = canonical_table(name or "") or canonical_table(stem)
    if table is None:
        token = (name or stem).strip().lower()
        reason = _IGNORED.get(token, "not an HSDS table that sociale_kaart maps")
        notes.append(Note(rel, None, None, None, None, "ignored table", reason))
        return
    data = source.read(rel)
    if data is None:
        found = source.find(rel, name)
        if found is None or found in seen:
            notes.append(
                Note(
                    rel,
                    None,
                    None,
                    None,
                    None,
                    "missing table",
                    "datapackage.json lists this file but it is not in the package"
                    + (f" (nor is {name}.csv)" if name and f"{name}.csv" != rel else ""),
                )
            )
            return
        notes.append(
            Note(
                found,
                None,
                None,
                None,
                None,
                "read",
                f"datapackage.json lists resource {name or rel!r} at {rel!r}: read from "
                f"{found!r}, the file of that name in the package",
            )
        )
        seen.add(found)
        rel = found
        data = source.read(rel)
        assert data is not None
    if not rel.lower().endswith(".csv"):
        notes.append(Note(rel, None, None, None, None, "ignored table", "only CSV files are read"))
        return
    _merge(tables, read_csv_table(data, table, rel, notes, delimiter=delimiter))

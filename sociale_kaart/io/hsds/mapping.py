"""Mapping raw HSDS tables to sociale_kaart records, with a row-by-row report.

The steps: index the link tables by service (languages, areas, schedules,
costs, eligibility, taxonomy), turn every organisation, location and
service into a record of the matching model, check each record with that
model (dropping what is unsound and saying so), and hand the sound records
to the one builder.
"""

from __future__ import annotations

import datetime as _dt
import math
import re
from collections import defaultdict
from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError

from sociale_kaart.core.records import Initiative, Organisation, Place, _Record
from sociale_kaart.io.hsds.airs import airs_code, airs_code_themes
from sociale_kaart.io.hsds.read import Note, Package, RawRow, RawTable
from sociale_kaart.io.hsds.text import (
    BROAD_CATEGORIES,
    TaxonomyMatcher,
    clean_text,
    fee_amount,
    list_item,
    normalise_term,
    read_eligibility,
    read_languages,
    target_population,
)

__all__ = ["EMPTY", "NODE_ID", "PLACEHOLDER", "SK_TAXONOMY", "Mapper", "parse_time"]

#: The taxonomy name under which write_hsds stores fields HSDS has no column for.
SK_TAXONOMY = "sociale_kaart"

#: The sociale_kaart attribute that holds a record's node id in the map it came from.
NODE_ID = "node_id"
#: The sociale_kaart attribute of an organization that write_hsds made up for HSDS's sake.
PLACEHOLDER = "placeholder"
#: The sociale_kaart attribute naming required HSDS fields that were filled with the name.
EMPTY = "empty"
_COMMON_FIELDS = frozenset({NODE_ID, EMPTY, "extra"})
#: The key under which _attributes keeps a record's Target Populations readings.
POPULATION = "population"

#: Fields that may travel as ``sociale_kaart`` attributes, per HSDS entity.
ATTRIBUTE_FIELDS: dict[str, frozenset[str]] = {
    "service": _COMMON_FIELDS
    | frozenset(
        {
            "capacity",
            "theme",
            "level",
            "neighbourhood",
            "requires",
            "excludes",
            "grants",
            "genders",
            "contact",
            "lat",
            "lon",
        }
    ),
    "organization": _COMMON_FIELDS
    | frozenset(
        {
            PLACEHOLDER,
            "theme",
            "level",
            "neighbourhood",
            "serves",
            "min_age",
            "max_age",
            "language",
            "requires",
            "excludes",
            "grants",
            "genders",
            "capacity",
            "cost_eur",
            "schedule",
            "type",
            "contact",
            "lat",
            "lon",
            "last_verified",
        }
    ),
    "location": _COMMON_FIELDS | frozenset({"type", "neighbourhood"}),
}
_LIST_ATTRIBUTES = {
    "theme": "themes",
    "serves": "serves",
    "language": "languages",
    "requires": "requires",
    "excludes": "excludes",
    "grants": "grants",
    "genders": "genders",
}

_DAYS = {
    "1": "Mon", "2": "Tue", "3": "Wed", "4": "Thu", "5": "Fri", "6": "Sat", "7": "Sun",
    "mo": "Mon", "tu": "Tue", "we": "Wed", "th": "Thu", "fr": "Fri", "sa": "Sat", "su": "Sun",
    "monday": "Mon", "tuesday": "Tue", "wednesday": "Wed", "thursday": "Thu",
    "friday": "Fri", "saturday": "Sat", "sunday": "Sun",
    "mon": "Mon", "tue": "Tue", "tues": "Tue", "wed": "Wed", "thu": "Thu", "thur": "Thu",
    "thurs": "Thu", "fri": "Fri", "sat": "Sat", "sun": "Sun",
}  # fmt: skip
_DATE_RE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")
_EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_URL_RE = re.compile(r"^(https?://|www\.)\S+$", re.I)


def clean_id(value: Any) -> str | None:
    """An id as text: empty -> None, ``12.0`` -> ``"12"``, list separators replaced."""
    if value is None:
        return None
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float):
        if math.isnan(value):
            return None
        if value.is_integer():
            value = int(value)
    text = str(value).strip()
    if not text:
        return None
    return re.sub(r"[;|]", "_", text)


def _date(value: Any) -> _dt.date | None:
    if value is None:
        return None
    match = _DATE_RE.match(str(value))
    if not match:
        return None
    try:
        return _dt.date(*(int(g) for g in match.groups()))
    except ValueError:
        return None


def _number(value: Any) -> float | None:
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        number = float(value)
    else:
        text = str(value).strip().replace(",", ".")
        try:
            number = float(text)
        except ValueError:
            return None
    return number if math.isfinite(number) else None


def _whole(value: Any) -> int | None:
    number = _number(value)
    if number is None or not number.is_integer():
        return None
    return int(number)


_TIME_RE = re.compile(
    r"^\s*(\d{1,2})(?:[:.h](\d{2}))?(?::(\d{2}))?\s*(a\.?\s?m\.?|p\.?\s?m\.?)?\s*$", re.I
)


def parse_time(value: Any) -> str | None:
    """A clock time as ``HH:MM``: ``"5:00pm"`` -> ``"17:00"``; None if not a time.

    Reads 24-hour times (``"17:00"``, ``"17:00:00"``, ``"9.30"``) and 12-hour
    times with am/pm (``"9:30 AM"``, ``"5pm"``, ``"12:15 a.m."``). A bare
    hour without am/pm, or an hour or minute out of range, is not a time.

    Examples
    --------
    >>> from sociale_kaart.io.hsds.mapping import parse_time
    >>> parse_time("5:00pm"), parse_time("9:30 AM"), parse_time("12am"), parse_time("17:00:00")
    ('17:00', '09:30', '00:00', '17:00')
    >>> parse_time("13pm") is None, parse_time("noon") is None, parse_time("9") is None
    (True, True, True)
    """
    if value is None:
        return None
    if isinstance(value, _dt.time):
        return f"{value.hour:02d}:{value.minute:02d}"
    match = _TIME_RE.match(str(value))
    if not match:
        return None
    hour, minute, suffix = int(match.group(1)), int(match.group(2) or 0), match.group(4)
    if suffix is None and match.group(2) is None:
        return None
    if minute > 59:
        return None
    if suffix:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if suffix.lower().startswith("p") else 0)
    elif hour > 24 or (hour == 24 and minute):
        return None
    return f"{hour:02d}:{minute:02d}"


#: HSDS address columns -> the place's extra fields that keep them for the round trip.
ADDRESS_PARTS: dict[str, str] = {
    "address_1": "x_address_1",
    "address_2": "x_address_2",
    "city": "x_address_city",
    "region": "x_address_region",
    "state_province": "x_address_state_province",
    "postal_code": "x_address_postal_code",
    "country": "x_address_country",
}


def _address_text(row: RawRow) -> str:
    parts = [
        clean_text(row.get("address_1")),
        " ".join(p for p in (clean_text(row.get("postal_code")), clean_text(row.get("city"))) if p),
    ]
    return ", ".join(p.replace("\n", " ") for p in parts if p)


def _first(row: RawRow, *columns: str) -> Any:
    for column in columns:
        value = row.get(column)
        if value is not None and value != "":
            return value
    return None


def _contact(email: Any, url: Any, phone: Any) -> str | None:
    for value in (email, url, phone):
        text = clean_text(value)
        if text:
            return text.replace("\n", " ")
    return None


class Mapper:
    """One import: the package, the options, and the report being written."""

    def __init__(
        self,
        package: Package,
        *,
        matcher: TaxonomyMatcher,
        vocabulary: Mapping[str, Any],
        themes_from_text: bool,
        level: str | None,
        id_prefix: str,
        include_inactive: bool,
    ) -> None:
        self.pkg = package
        self.matcher = matcher
        self.context = {"themes": vocabulary, "list_sep": ";"}
        self.themes_from_text = themes_from_text
        self.level = level
        self.id_prefix = id_prefix
        self.include_inactive = include_inactive
        self.notes: list[Note] = list(package.notes)
        self.place_coords: dict[str, tuple[Any, Any]] = {}
        # outputs: table -> list of (values, label, line, where)
        self.records: dict[str, list[tuple[dict[str, Any], str, int | None, str | None]]] = {
            "organisations": [],
            "initiatives": [],
            "places": [],
            "relations": [],
        }

    # ------------------------------------------------------------------ report

    def note(
        self,
        table: RawTable | str | None,
        row: RawRow | None,
        action: str,
        reason: str,
        *,
        column: str | None = None,
        value: Any = None,
        row_id: str | None = None,
    ) -> None:
        label = table.label if isinstance(table, RawTable) else table
        if row is not None and row.where:
            reason = f"{row.where}: {reason}"
        if row_id is None and row is not None:
            row_id = clean_id(row.get("id"))
        self.notes.append(
            Note(label, row.line if row else None, row_id, column, value, action, reason)
        )

    # ------------------------------------------------------------------ indexing

    def table(self, name: str) -> RawTable:
        return self.pkg.tables.get(name) or RawTable(name, f"{name} (absent)")

    def unique(self, name: str, what: str) -> dict[str, RawRow]:
        """Rows of an entity table by id; rows without or with a reused id are reported."""
        table = self.table(name)
        out: dict[str, RawRow] = {}
        if table.rows and "id" not in table.columns:
            self.note(table, None, "dropped rows", f"the {what} table has no 'id' column: add one")
        for row in table.rows:
            row_id = clean_id(row.get("id"))
            if row_id is None:
                self.note(table, row, "dropped row", f"the {what} has no id", column="id")
                continue
            if row_id != str(row.get("id")).strip() and not isinstance(row.get("id"), float):
                self.note(
                    table,
                    row,
                    "changed id",
                    f"the id {row.get('id')!r} holds a list separator (';' or '|'): "
                    f"read as {row_id!r}",
                    column="id",
                    value=row.get("id"),
                )
            previous = out.get(row_id)
            if previous is None:
                out[row_id] = row
                continue
            if previous.values == row.values:
                if row.where is None:  # nested JSON repeats objects on purpose
                    self.note(
                        table,
                        row,
                        "dropped row",
                        f"duplicate of line {previous.line}: the same {what} twice",
                        column="id",
                        value=row_id,
                    )
                continue
            if row.where is not None and previous.where is not None:
                # nested JSON repeats an object, sometimes with more or fewer fields: one record
                clash = {
                    k
                    for k, v in row.values.items()
                    if v not in (None, "") and previous.values.get(k) not in (None, "", v)
                }
                if not clash:
                    for key, value in row.values.items():
                        if previous.values.get(key) in (None, ""):
                            previous.values[key] = value
                    continue
            where = f"line {previous.line}" if previous.line else previous.where
            self.note(
                table,
                row,
                "dropped row",
                f"id {row_id!r} is already used by another {what} ({where}): the first one is kept",
                column="id",
                value=row_id,
            )
        return out

    def by_service(
        self,
        name: str,
        services: Mapping[str, RawRow],
        sal_service: Mapping[str, str],
    ) -> dict[str, list[tuple[RawTable, RawRow]]]:
        """Rows of a link table grouped by service id; dangling rows are reported."""
        table = self.table(name)
        out: dict[str, list[tuple[RawTable, RawRow]]] = defaultdict(list)
        for row in table.rows:
            service_id = clean_id(row.get("service_id"))
            if service_id is None:
                sal = clean_id(row.get("service_at_location_id"))
                if sal is not None:
                    service_id = sal_service.get(sal)
            if service_id is None:
                owner = next(
                    (
                        o
                        for o in ("location", "phone", "contact", "organization")
                        if clean_id(row.get(f"{o}_id")) is not None
                    ),
                    None,
                )
                if owner is not None:
                    self.note(
                        table,
                        row,
                        "ignored row",
                        f"this {name.replace('_', ' ')} belongs to a {owner}, not a service: "
                        + (
                            "places have no such field"
                            if owner == "location"
                            else f"the {owner}'s {name.replace('_', ' ')} is not mapped"
                        ),
                    )
                else:
                    self.note(
                        table,
                        row,
                        "dropped row",
                        f"this {name.replace('_', ' ')} names no service",
                        column="service_id",
                    )
                continue
            if service_id not in services:
                self.note(
                    table,
                    row,
                    "dropped row",
                    f"service {service_id!r} is not in the services table (dangling key)",
                    column="service_id",
                    value=service_id,
                )
                continue
            row_id = clean_id(row.get("id"))
            if (
                row.where is not None
                and row_id is not None
                and any(clean_id(r.get("id")) == row_id for _, r in out[service_id])
            ):
                continue  # nested JSON repeats the same object under the service
            out[service_id].append((table, row))
        return out

    # ------------------------------------------------------------------ checking

    def checked(
        self,
        model: type[_Record],
        values: dict[str, Any],
        table: RawTable,
        row: RawRow,
        what: str,
    ) -> dict[str, Any] | None:
        """Validate a record with its model; drop unsound values, or the row."""
        values = dict(values)
        for _ in range(8):
            try:
                model.model_validate(values, context=self.context)
                return values
            except ValidationError as error:
                drop: dict[str, str] = {}
                for item in error.errors(include_url=False):
                    loc = item.get("loc", ())
                    column = str(loc[0]) if loc else None
                    message = str(item.get("msg", "invalid")).removeprefix("Value error, ")
                    if column is None and "min_age" in message:
                        drop.setdefault("min_age", message)
                        drop.setdefault("max_age", message)
                    elif column in ("lat", "lon"):
                        drop.setdefault("lat", message)
                        drop.setdefault("lon", message)
                    elif column is None or column == "id" or column not in values:
                        self.note(
                            table,
                            row,
                            "dropped row",
                            f"the {what} is not sound: {message}",
                            column=column,
                        )
                        return None
                    else:
                        drop.setdefault(column, message)
                if "lat" in drop:
                    pair = (values.get("lat"), values.get("lon"))
                    self.note(
                        table,
                        row,
                        "dropped value",
                        f"coordinates not set: {drop.pop('lat')}",
                        column="lat, lon",
                        value=f"{pair[0]}, {pair[1]}",
                    )
                    drop.pop("lon", None)
                    values["lat"] = values["lon"] = None
                for column, message in drop.items():
                    value = values.get(column)
                    if isinstance(value, list) and len(value) > 1:
                        values[column] = self._good_items(model, values, column)
                    else:
                        values[column] = [] if isinstance(value, list) else None
                    if value is not None and value != []:
                        self.note(
                            table,
                            row,
                            "dropped value",
                            f"{column} not set: {message}",
                            column=column,
                            value=value
                            if not isinstance(value, list)
                            else ";".join(map(str, value)),
                        )
        self.note(table, row, "dropped row", f"the {what} could not be made sound")
        return None

    def _good_items(self, model: type[_Record], values: dict[str, Any], column: str) -> list[Any]:
        keep = []
        for item in values[column]:
            try:
                model.model_validate({"id": "x", column: [item]}, context=self.context)
            except ValidationError:
                continue
            keep.append(item)
        return keep

    # ------------------------------------------------------------------ run

    def run(self) -> None:
        orgs = self.unique("organization", "organization")
        services = self.unique("service", "service")
        locations = self.unique("location", "location")
        attributes = self._attributes(orgs, services, locations)
        node_ids = self._node_ids(orgs, services, locations, attributes)
        self._index_phones(orgs, services, locations)
        metadata_dates = self._metadata_dates()

        # places
        places: dict[str, str] = {}
        loc_table = self.table("location")
        addresses = self._addresses(locations)
        for raw_id, row in locations.items():
            if str(row.get("location_type") or "").strip().lower() == "virtual":
                self.note(
                    loc_table, row, "dropped row", "a virtual location is not a place people visit"
                )
                continue
            sk = attributes["location"].get(raw_id, {})
            address = addresses.get(raw_id, {})
            name = clean_text(_first(row, "name", "alternate_name")) or address.get("x_address")
            values: dict[str, Any] = {
                "id": node_ids["location"][raw_id],
                "name": name.replace("\n", " ") if name else None,
                "description": clean_text(row.get("description")),
                "lat": _number(row.get("latitude")),
                "lon": _number(row.get("longitude")),
                "type": sk.get("type"),
                "neighbourhood": sk.get("neighbourhood"),
            }
            extra: dict[str, str | None] = {
                **address,
                "x_alternate_name": clean_text(row.get("alternate_name")),
                "x_transportation": clean_text(row.get("transportation")),
                "x_url": clean_text(row.get("url")),
            }
            self._add_extra(values, extra, raw_id, sk)
            checked = self.checked(Place, values, loc_table, row, "location")
            if checked is not None:
                places[raw_id] = checked["id"]
                self.records["places"].append((checked, loc_table.label, row.line, row.where))

        # organisations
        org_ids: dict[str, str] = {}
        org_table = self.table("organization")
        for raw_id, row in orgs.items():
            sk = attributes["organization"].get(raw_id, {})
            if sk.get(PLACEHOLDER):
                self.note(
                    org_table,
                    row,
                    "ignored row",
                    "a placeholder organization that write_hsds added because HSDS needs one "
                    "for every service: not imported",
                )
                continue
            values = {
                "id": node_ids["organization"][raw_id],
                "name": _one_line(clean_text(_first(row, "name", "alternate_name"))),
                "description": clean_text(row.get("description")),
                "contact": sk.get("contact")
                or _contact(row.get("email"), _first(row, "website", "url"), None)
                or self._phone_for("organization", raw_id),
                "last_verified": sk.get("last_verified") or metadata_dates.get(raw_id),
                "level": sk.get("level") or self.level,
            }
            keys = ("neighbourhood", "type", "min_age", "max_age", "capacity", "cost_eur")
            for key in (*keys, "lat", "lon"):
                if key in sk:
                    values[key] = sk[key]
            if "schedule" in sk:
                values["schedule"] = sk["schedule"]
            for key, field in _LIST_ATTRIBUTES.items():
                if key in sk:
                    values[field] = sk[key]
            self._population(values, sk, org_table, row, "organization")
            extra = {
                "x_alternate_name": clean_text(row.get("alternate_name")),
                "x_url": clean_text(_first(row, "website", "url")),
            }
            self._add_extra(values, extra, raw_id, sk)
            checked = self.checked(Organisation, values, org_table, row, "organization")
            if checked is not None:
                org_ids[raw_id] = checked["id"]
                self.records["organisations"].append(
                    (checked, org_table.label, row.line, row.where)
                )

        # organisations located at places
        for raw_id, row in locations.items():
            org = clean_id(row.get("organization_id"))
            if org is None or raw_id not in places:
                continue
            if org not in org_ids:
                self.note(
                    loc_table,
                    row,
                    "dropped link",
                    f"organization {org!r} is not in the organizations table: the location "
                    "is imported without its organization",
                    column="organization_id",
                    value=org,
                )
                continue
            self._relation(org_ids[org], places[raw_id], loc_table, row)

        self.place_coords = {
            values["id"]: (values.get("lat"), values.get("lon"))
            for values, *_ in self.records["places"]
            if values.get("lat") is not None and values.get("lon") is not None
        }
        self._services(services, org_ids, places, locations, node_ids, metadata_dates, attributes)
        self._report_unused_phones()

    # ------------------------------------------------------------------ phones

    def _index_phones(
        self,
        orgs: Mapping[str, RawRow],
        services: Mapping[str, RawRow],
        locations: Mapping[str, RawRow],
    ) -> None:
        """Phones by (entity, id): the contact of last resort of services and organisations."""
        self._phones: dict[tuple[str, str], list[RawRow]] = defaultdict(list)
        self._phones_used: set[int] = set()
        self._phone_why: dict[int, str] = {}
        sal_service = {
            clean_id(r.get("id")): clean_id(r.get("service_id"))
            for r in self.table("service_at_location").rows
        }
        table = self.table("phone")
        for row in table.rows:
            links = dict(row.values)
            if links.get("service_id") in (None, "") and links.get("service_at_location_id"):
                links["service_id"] = sal_service.get(clean_id(links["service_at_location_id"]))
            number = clean_text(row.get("number"))
            if not number:
                self._phone_why[id(row)] = "the phone row has no number"
                continue
            for entity, rows in (("service", services), ("organization", orgs)):
                owner = clean_id(links.get(f"{entity}_id"))
                if owner is not None and owner in rows:
                    self._phones[(entity, owner)].append(row)
                    break
            else:
                if clean_id(row.get("contact_id")) is not None:
                    why = "a phone number of a contact (a named person): not imported"
                elif clean_id(row.get("location_id")) is not None:
                    why = "a phone number of a location: places have no contact field"
                elif clean_id(row.get("service_at_location_id")) is not None:
                    why = "a phone number of a service at a location: not mapped"
                else:
                    why = "the phone number names no known service or organization"
                self._phone_why[id(row)] = why

    def _phone_for(self, entity: str, raw_id: str) -> str | None:
        for row in self._phones.get((entity, raw_id), []):
            number = clean_text(row.get("number"))
            if number:
                self._phones_used.add(id(row))
                extension = clean_text(row.get("extension"))
                return number.replace("\n", " ") + (f" ext. {extension}" if extension else "")
        return None

    def _report_unused_phones(self) -> None:
        table = self.table("phone")
        for row in table.rows:
            if id(row) in self._phones_used:
                continue
            why = self._phone_why.get(
                id(row),
                "the map keeps one contact per offer, and this one already has an email, "
                "website or other phone number",
            )
            self.note(table, row, "dropped value", why, column="number", value=row.get("number"))

    def _node_ids(
        self,
        orgs: Mapping[str, RawRow],
        services: Mapping[str, RawRow],
        locations: Mapping[str, RawRow],
        attributes: Mapping[str, Mapping[str, Mapping[str, Any]]],
    ) -> dict[str, dict[str, str]]:
        """Node ids: ``<prefix><table>:<HSDS id>``, or the map's own id that write_hsds kept.

        Namespacing by table means that a number used as the id of an
        organization, a service and a location gives three distinct nodes,
        without renaming anything; the HSDS id stays in ``x_hsds_id``.
        """
        tables = {"organization": orgs, "service": services, "location": locations}
        out: dict[str, dict[str, str]] = {}
        taken: set[str] = set()
        for table, rows in tables.items():
            out[table] = {raw_id: f"{self.id_prefix}{table}:{raw_id}" for raw_id in rows}
            taken.update(out[table].values())
        for table, rows in tables.items():
            for raw_id, row in rows.items():
                own = clean_id(attributes[table].get(raw_id, {}).get(NODE_ID))
                if own is None:
                    continue
                node = f"{self.id_prefix}{own}"
                if node in taken and node != out[table][raw_id]:
                    self.note(
                        self.table(table),
                        row,
                        "changed id",
                        f"the node id {own!r} kept by sociale_kaart is used twice: node id "
                        f"{out[table][raw_id]!r}",
                        column="id",
                        value=own,
                    )
                    continue
                taken.discard(out[table][raw_id])
                taken.add(node)
                out[table][raw_id] = node
        return out

    def _add_extra(
        self,
        values: dict[str, Any],
        extra: Mapping[str, str | None],
        raw_id: str,
        sk: Mapping[str, Any],
    ) -> None:
        """Extra fields: the HSDS id, the given ones, then those written by write_hsds."""
        values["x_hsds_id"] = raw_id
        for key, value in extra.items():
            if value:
                values[key] = value
        for key, value in (sk.get("extra") or {}).items():
            if key.startswith("x_") and value not in (None, ""):
                values[key] = value
        for field in sk.get(EMPTY, []):
            if field in ("description", "name"):
                values[field] = None
            elif field.startswith("x_"):  # written by write_hsds for HSDS's sake only
                values.pop(field, None)

    def _relation(self, source: str, target: str, table: RawTable, row: RawRow) -> None:
        self.records["relations"].append(
            (
                {"source": source, "target": target, "relation": "located_at"},
                table.label,
                row.line,
                row.where,
            )
        )

    def _metadata_dates(self) -> dict[str, _dt.date]:
        out: dict[str, _dt.date] = {}
        for row in self.table("metadata").rows:
            resource = clean_id(row.get("resource_id"))
            day = _date(row.get("last_action_date"))
            if resource is not None and day is not None and day > out.get(resource, _dt.date.min):
                out[resource] = day
        return out

    def _addresses(self, locations: Mapping[str, RawRow]) -> dict[str, dict[str, str]]:
        """Per location: its address as ``x_address`` text and ``x_address_*`` parts."""
        out: dict[str, dict[str, str]] = {}
        postal: dict[str, str] = {}
        table = self.table("address")
        for row in table.rows:
            location = clean_id(row.get("location_id"))
            if location is None or location not in locations:
                self.note(
                    table,
                    row,
                    "dropped row",
                    f"location {location!r} is not in the locations table (dangling key)",
                    column="location_id",
                    value=location,
                )
                continue
            kind = str(row.get("address_type") or "physical").strip().lower()
            if kind not in ("physical", ""):
                text = _address_text(row)
                if kind == "postal" and text:
                    postal.setdefault(location, text)
                    self.note(
                        table,
                        row,
                        "kept as text",
                        "a postal address is not where people go: kept as the place's "
                        "x_postal_address",
                        column="address_type",
                        value=text,
                    )
                else:
                    self.note(
                        table,
                        row,
                        "dropped row",
                        f"address type {kind!r} is not a physical or postal address",
                        column="address_type",
                        value=row.get("address_type"),
                    )
                continue
            text = _address_text(row)
            if text and location not in out:
                if clean_text(row.get("attention")):
                    self.note(
                        table,
                        row,
                        "dropped value",
                        "the attention line names a person: not imported, to keep personal "
                        "data out",
                        column="attention",
                    )
                fields = {"x_address": text}
                for column, key in ADDRESS_PARTS.items():
                    value = clean_text(row.get(column))
                    if value:
                        fields[key] = value.replace("\n", " ")
                out[location] = fields
            elif text:
                self.note(
                    table,
                    row,
                    "dropped row",
                    "the location already has a physical address: the first one is kept",
                    column="location_id",
                    value=location,
                )
        for location, text in postal.items():
            out.setdefault(location, {})["x_postal_address"] = text
        return out

    # ------------------------------------------------------------------ taxonomy

    def _attributes(
        self,
        orgs: Mapping[str, RawRow],
        services: Mapping[str, RawRow],
        locations: Mapping[str, RawRow],
    ) -> dict[str, dict[str, dict[str, Any]]]:
        """Themes per service (in ``theme``) and sociale_kaart fields per entity."""
        terms_table = self.table("taxonomy_term")
        terms: dict[str, RawRow] = {}
        for row in terms_table.rows:
            term_id = clean_id(row.get("id"))
            if term_id is None:
                self.note(terms_table, row, "dropped row", "the taxonomy term has no id")
            elif term_id in terms:
                first = terms[term_id]
                if first.values != row.values or row.where is None:
                    where = f"line {first.line}" if first.line else first.where
                    self.note(
                        terms_table,
                        row,
                        "dropped row",
                        f"taxonomy term id {term_id!r} is already used ({where}): "
                        "the first one is kept",
                        column="id",
                        value=term_id,
                    )
            else:
                terms[term_id] = row
        out: dict[str, dict[str, dict[str, Any]]] = {
            "service": {},
            "organization": {},
            "location": {},
        }
        entities = {"service": services, "organization": orgs, "location": locations}
        reported: set[str] = set()
        links: list[tuple[str, str, str, RawTable, RawRow]] = []  # entity, id, term, where

        table = self.table("attribute")
        for row in table.rows:
            link_id = clean_id(row.get("link_id"))
            term_id = clean_id(row.get("taxonomy_term_id"))
            entity = str(row.get("link_entity") or "").strip().lower() or None
            if entity is not None:
                entity = {"services": "service", "organizations": "organization"}.get(
                    entity, entity
                )
            if entity is None:
                entity = next((e for e, rows in entities.items() if link_id in rows), None)
            if entity not in entities:
                self.note(table, row, "ignored row", f"attributes of {entity!r} are not mapped")
                continue
            if link_id is None or link_id not in entities[entity]:
                self.note(
                    table,
                    row,
                    "dropped row",
                    f"{entity} {link_id!r} is not in the {entity} table (dangling key)",
                    column="link_id",
                    value=link_id,
                )
                continue
            if term_id is None:
                self.note(table, row, "dropped row", "the attribute names no taxonomy term")
                continue
            links.append((entity, link_id, term_id, table, row))
        table = self.table("service_taxonomy")
        for row in table.rows:
            service_id = clean_id(row.get("service_id"))
            term_id = clean_id(row.get("taxonomy_id") or row.get("taxonomy_term_id"))
            if service_id is None or service_id not in services:
                self.note(
                    table,
                    row,
                    "dropped row",
                    f"service {service_id!r} is not in the services table (dangling key)",
                    column="service_id",
                    value=service_id,
                )
                continue
            if term_id is None:
                self.note(table, row, "dropped row", "the row names no taxonomy term")
                continue
            links.append(("service", service_id, term_id, table, row))
        service_table = self.table("service")
        for service_id, row in services.items():
            for term_id in re.split(r"\s*[,;|]\s*", str(row.get("taxonomy_ids") or "")):
                if term_id:
                    links.append(("service", service_id, term_id, service_table, row))

        for entity, link_id, term_id, table, row in links:
            term = terms.get(term_id)
            if term is None:
                self.note(
                    table,
                    row,
                    "dropped link",
                    f"taxonomy term {term_id!r} is not in the taxonomy table (dangling key)",
                    value=term_id,
                )
                continue
            fields = out[entity].setdefault(link_id, {})
            code = str(term.get("code") or "")
            taxonomy = str(term.get("taxonomy") or term.get("vocabulary") or "")
            if taxonomy.strip().lower() == SK_TAXONOMY:
                key, colon, value = code.partition(":")
                stored = row.get("value") if table.name == "attribute" else None
                if key == "extra" and value:  # extra:x_field, the value in the attribute
                    if stored not in (None, ""):
                        fields.setdefault("extra", {})[value] = str(stored)
                    continue
                if not colon:  # a field term: the value is in the attribute
                    value = "" if stored is None else str(stored)
                if key in ATTRIBUTE_FIELDS.get(entity, frozenset()) and value != "":
                    if key in _LIST_ATTRIBUTES or key in ("theme", EMPTY):
                        fields.setdefault(key, []).append(value)
                    else:
                        fields.setdefault(key, value)
                    continue
            if entity != "service" and entity != "organization":
                continue
            if self._target_population(term, terms):
                term_name = clean_text(term.get("name")) or term_id
                population = target_population(term_name)
                if population is not None:
                    fields.setdefault(POPULATION, []).append((term_name, population))
                if term_id in reported:
                    continue
                reported.add(term_id)
                if population is None:
                    self.note(
                        terms_table,
                        term,
                        "ignored term",
                        f"taxonomy term {term_name!r} is a Target Populations term: it says "
                        "whom the service is for, not what it is about, so it gives no theme; "
                        "it names no age group or gender, so it gives no eligibility rule",
                        column="name",
                        value=term.get("name"),
                        row_id=term_id,
                    )
                else:
                    self.note(
                        terms_table,
                        term,
                        "read",
                        f"taxonomy term {term_name!r} is a Target Populations term: read as "
                        f"{_population_text(population)} (the Target Populations table), "
                        "not as a theme",
                        column="name",
                        value=term.get("name"),
                        row_id=term_id,
                    )
                continue
            themes = self._term_themes(term, terms)
            by_code = self._code_themes(term, term_id)
            if by_code is not None:
                prefix, code_themes = by_code
                if themes is None:
                    themes = list(code_themes)
                    if term_id not in reported:
                        reported.add(term_id)
                        self.note(
                            terms_table,
                            term,
                            "read",
                            f"taxonomy term {clean_text(term.get('name')) or term_id!r} has no "
                            f"theme word: its AIRS code is under {prefix!r}, which gives "
                            f"{', '.join(code_themes) or 'no theme'} (AIRS_CODE_THEMES)",
                            column="code",
                            value=term.get("code") or term_id,
                            row_id=term_id,
                        )
                elif "-" in prefix:  # a specific branch adds its themes to the name's
                    themes = list(dict.fromkeys([*themes, *code_themes]))
            if themes is None:
                if term_id not in reported:
                    reported.add(term_id)
                    self.note(
                        terms_table,
                        term,
                        "unmapped term",
                        f"taxonomy term {clean_text(term.get('name')) or term_id!r} has no theme "
                        "in the taxonomy map: add it to taxonomy_map to use it",
                        column="name",
                        value=term.get("name"),
                        row_id=term_id,
                    )
                continue
            bucket = fields.setdefault("theme", [])
            bucket.extend(t for t in themes if t not in bucket)
        return out

    def _population(
        self,
        values: dict[str, Any],
        sk: Mapping[str, Any],
        table: RawTable,
        row: RawRow,
        what: str,
    ) -> None:
        """Ages and genders from the record's Target Populations terms.

        They fill what the record does not say itself. Where the record's
        own ages or genders (the age columns, the eligibility text, the
        fields write_hsds kept) say otherwise, the record's own, explicit
        value is kept and the report says so.
        """
        readings: list[tuple[str, Population]] = list(sk.get(POPULATION, []))
        if not readings:
            return
        names = ", ".join(repr(n) for n in dict.fromkeys(n for n, _ in readings))
        min_age, max_age, genders = population_union([p for _, p in readings])
        own_ages = (values.get("min_age"), values.get("max_age"))
        if min_age is not None or max_age is not None:
            if own_ages == (None, None):
                values["min_age"], values["max_age"] = min_age, max_age
            elif own_ages != (min_age, max_age):
                self.note(
                    table,
                    row,
                    "kept",
                    f"the Target Populations term(s) {names} say {_ages_text(min_age, max_age)}, "
                    f"the {what}'s own age fields or eligibility text say "
                    f"{_ages_text(*own_ages)}: the {what}'s own, explicit ages are kept",
                    column="min_age, max_age",
                    value=f"{own_ages[0] if own_ages[0] is not None else ''}-"
                    f"{own_ages[1] if own_ages[1] is not None else ''}",
                )
        if genders:
            own = list(values.get("genders") or [])
            if not own:
                values["genders"] = list(genders)
            elif sorted(own) != sorted(genders):
                self.note(
                    table,
                    row,
                    "kept",
                    f"the Target Populations term(s) {names} say genders {', '.join(genders)}, "
                    f"the {what}'s own eligibility says {', '.join(own)}: the {what}'s own "
                    "genders are kept",
                    column="genders",
                    value=";".join(own),
                )

    def _target_population(self, term: RawRow, terms: Mapping[str, RawRow]) -> bool:
        """Whether the term is "Target Populations" or under it."""
        seen: set[int] = set()
        current: RawRow | None = term
        while current is not None and id(current) not in seen:
            seen.add(id(current))
            for column in ("name", "parent_name", "taxonomy"):
                text = clean_text(current.get(column))
                if text and normalise_term(text) == "target populations":
                    return True
            parent = clean_id(current.get("parent_id"))
            current = terms.get(parent) if parent is not None else None
        return False

    def _code_themes(self, term: RawRow, term_id: str) -> tuple[str, tuple[str, ...]] | None:
        """The themes of the term's AIRS code, if it has one.

        The code is the term's ``code``, else its id when that is a full AIRS code with
        digits ("BD-1800.2000", as many 211 exports use): a bare letter as an id ("B",
        "L") is more likely a short id of another kind than a service area.
        """
        code = airs_code(clean_text(term.get("code")))
        if code is None:
            by_id = airs_code(term_id)
            code = by_id if by_id is not None and "-" in by_id else None
        return airs_code_themes(code) if code else None

    def _term_themes(self, term: RawRow, terms: Mapping[str, RawRow]) -> list[str] | None:
        """The term's own themes, else those of its parents.

        A top-level parent that is a broad category (:data:`BROAD_CATEGORIES`,
        or one whose name maps to more than one theme) hands nothing down:
        "Income Support and Employment" does not make every child about both.
        Terms under "Target Populations" are people, not themes: known, no theme.
        """
        seen: set[int] = set()
        current: RawRow | None = term
        first = True
        while current is not None and id(current) not in seen:
            seen.add(id(current))
            name = clean_text(current.get("name"))
            parent = clean_id(current.get("parent_id"))
            parent_name = clean_text(current.get("parent_name"))
            top = parent is None and not parent_name
            if name and normalise_term(name) == "target populations":
                return []
            if not first and top and (name and normalise_term(name) in BROAD_CATEGORIES):
                return None
            found = self.matcher.themes(name, clean_text(current.get("code")))
            if found is not None:
                if not first and top and len(found) > 1:
                    return None
                return found
            if parent is None and parent_name:
                if normalise_term(parent_name) == "target populations":
                    return []
                if normalise_term(parent_name) in BROAD_CATEGORIES:
                    return None
                found = self.matcher.themes(parent_name)
                if found is not None and len(found) <= 1:
                    return found
                return None
            current = terms.get(parent) if parent is not None else None
            first = False
        return None

    # ------------------------------------------------------------------ services

    def _services(
        self,
        services: Mapping[str, RawRow],
        org_ids: Mapping[str, str],
        places: Mapping[str, str],
        locations: Mapping[str, RawRow],
        node_ids: Mapping[str, Mapping[str, str]],
        metadata_dates: Mapping[str, _dt.date],
        attributes: Mapping[str, Mapping[str, Mapping[str, Any]]],
    ) -> None:
        place_coords = self.place_coords
        sal_table = self.table("service_at_location")
        sal_service: dict[str, str] = {}
        service_places: dict[str, list[tuple[str, RawRow]]] = defaultdict(list)
        for row in sal_table.rows:
            service_id = clean_id(row.get("service_id"))
            location_id = clean_id(row.get("location_id"))
            sal_id = clean_id(row.get("id"))
            bad = None
            if service_id is None or service_id not in services:
                bad = ("service_id", service_id, "service")
            elif location_id is None or location_id not in locations:
                bad = ("location_id", location_id, "location")
            if bad is not None:
                self.note(
                    sal_table,
                    row,
                    "dropped row",
                    f"{bad[2]} {bad[1]!r} is not in the {bad[2]}s table (dangling key)",
                    column=bad[0],
                    value=bad[1],
                )
                continue
            assert service_id is not None and location_id is not None
            if sal_id is not None:
                sal_service[sal_id] = service_id
            if location_id not in places:
                continue  # its own row is reported (virtual or unsound)
            if all(p != places[location_id] for p, _ in service_places[service_id]):
                service_places[service_id].append((places[location_id], row))

        groups: dict[str, dict[str, list[tuple[RawTable, RawRow]]]] = {
            name: self.by_service(name, services, sal_service)
            for name in ("language", "service_area", "cost_option", "schedule", "eligibility")
        }
        groups["service_capacity"] = self.by_service("service_capacity", services, sal_service)
        table = self.table("service")
        for raw_id, row in services.items():
            status = str(row.get("status") or "").strip().lower()
            if status in ("inactive", "defunct") and not self.include_inactive:
                self.note(
                    table, row, "dropped row", f"the service is {status} (include_inactive=False)"
                )
                continue
            values = self._service_values(
                raw_id, row, table, groups, attributes["service"].get(raw_id, {})
            )
            values["id"] = node_ids["service"][raw_id]
            values["last_verified"] = (
                _date(row.get("assured_date"))
                or _date(row.get("last_modified"))
                or metadata_dates.get(raw_id)
            )
            org = clean_id(row.get("organization_id"))
            if org is None:
                self.note(
                    table,
                    row,
                    "kept",
                    "the service names no organization: imported without one",
                    column="organization_id",
                )
            elif org not in org_ids:
                self.note(
                    table,
                    row,
                    "kept",
                    f"organization {org!r} is not in the organizations table (dangling key): "
                    "the service is imported without an organization",
                    column="organization_id",
                    value=org,
                )
            else:
                values["organisation"] = org_ids[org]
            at = service_places.get(raw_id, [])
            if at:
                values["place"] = at[0][0]
            sk = attributes["service"].get(raw_id, {})
            if "lat" in sk and "lon" in sk:
                values["lat"], values["lon"] = sk["lat"], sk["lon"]
            elif at:
                coords = place_coords.get(at[0][0])
                if coords is not None:
                    values["lat"], values["lon"] = coords
            checked = self.checked(Initiative, values, table, row, "service")
            if checked is None:
                continue
            self.records["initiatives"].append((checked, table.label, row.line, row.where))
            for place, sal_row in at[1:]:
                self._relation(checked["id"], place, sal_table, sal_row)

    def _service_values(
        self,
        raw_id: str,
        row: RawRow,
        table: RawTable,
        groups: Mapping[str, Mapping[str, list[tuple[RawTable, RawRow]]]],
        sk: Mapping[str, Any],
    ) -> dict[str, Any]:
        name = _one_line(clean_text(_first(row, "name", "alternate_name")))
        description = clean_text(row.get("description"))
        values: dict[str, Any] = {
            "name": name,
            "description": description,
            "level": sk.get("level") or self.level,
            "neighbourhood": sk.get("neighbourhood"),
            "contact": sk.get("contact")
            or _contact(row.get("email"), _first(row, "url", "website"), None)
            or self._phone_for("service", raw_id),
        }
        for key in ("requires", "excludes", "grants", "genders"):
            if key in sk:
                values[key] = sk[key]
        themes = list(sk.get("theme", []))
        if not themes and self.themes_from_text:
            themes = self.matcher.service_themes(name, description)
        values["themes"] = themes
        extra: dict[str, str | None] = {
            "x_alternate_name": clean_text(row.get("alternate_name")),
            "x_status": clean_text(row.get("status")),
            "x_url": clean_text(_first(row, "url", "website")),
        }

        # languages
        languages: list[str] = []
        for ltable, lrow in groups["language"].get(raw_id, []):
            code = clean_text(lrow.get("code"))
            text = code or clean_text(_first(lrow, "name", "language"))
            spoken = read_languages(text)
            if not spoken.codes and code and lrow.get("name"):
                spoken = read_languages(clean_text(lrow.get("name")))
            codes, unknown = spoken.codes, spoken.unknown
            for item, guess, why in spoken.guessed:
                self.note(
                    ltable,
                    lrow,
                    "changed value",
                    f"language {item!r} is read as {guess!r} ({why})",
                    column="language",
                    value=item,
                )
            for item in unknown:
                self.note(
                    ltable,
                    lrow,
                    "dropped value",
                    f"language {item!r} has no ISO 639-1 code: not mapped",
                    column="language",
                    value=item,
                )
            languages.extend(c for c in codes if c not in languages)
        values["languages"] = languages

        # areas
        serves: list[str] = []
        for _, arow in groups["service_area"].get(raw_id, []):
            area = clean_text(_first(arow, "name", "service_area"))
            if area:
                item = list_item(area.replace("\n", " "))
                if item not in serves:
                    serves.append(item)
        values["serves"] = serves

        # ages: numbers first, then text
        min_age = _whole(row.get("minimum_age"))
        max_age = _whole(row.get("maximum_age"))
        texts: list[tuple[str, RawTable, RawRow]] = []
        text = clean_text(row.get("eligibility_description"))
        if text:
            texts.append((text, table, row))
        for etable, erow in groups["eligibility"].get(raw_id, []):
            min_age = min_age if min_age is not None else _whole(erow.get("minimum_age"))
            max_age = max_age if max_age is not None else _whole(erow.get("maximum_age"))
            text = clean_text(_first(erow, "eligibility", "description"))
            if text:
                texts.append((text, etable, erow))
        numeric = min_age is not None or max_age is not None
        genders: list[str] = list(sk.get("genders", []))
        areas: list[str] = []
        for text, etable, erow in texts:
            reading = read_eligibility(text)
            if not numeric:
                min_age = min_age if min_age is not None else reading.min_age
                max_age = max_age if max_age is not None else reading.max_age
            if "genders" not in sk:
                genders.extend(g for g in reading.genders if g not in genders)
            if reading.area:
                areas.append(reading.area)
                self.note(
                    etable,
                    erow,
                    "kept as text",
                    f"the residence condition {reading.area!r} is kept as a service-area note "
                    "(extra x_area_note), not as an area the offer serves",
                    column="eligibility",
                    value=text,
                    row_id=raw_id,
                )
            if reading.problem:
                self.note(
                    etable,
                    erow,
                    "kept as text",
                    reading.problem,
                    column="eligibility",
                    value=text,
                    row_id=raw_id,
                )
        values["min_age"], values["max_age"] = min_age, max_age
        if genders:
            values["genders"] = genders
        self._population(values, sk, table, row, "service")
        if areas:
            extra["x_area_note"] = " / ".join(dict.fromkeys(areas))
        if texts:
            extra["x_eligibility"] = " / ".join(t.replace("\n", " ") for t, _, _ in texts)

        # cost
        amounts: list[float] = []
        for ctable, crow in groups["cost_option"].get(raw_id, []):
            amount = _number(crow.get("amount"))
            currency = str(crow.get("currency") or "EUR").strip().upper()
            if amount is None:
                if crow.get("amount") is not None:
                    self.note(
                        ctable,
                        crow,
                        "dropped value",
                        "the amount is not a number",
                        column="amount",
                        value=crow.get("amount"),
                    )
                continue
            if currency not in ("EUR", "€"):
                self.note(
                    ctable,
                    crow,
                    "dropped value",
                    f"amount in {currency} is not converted to euro: cost_eur not set",
                    column="currency",
                    value=currency,
                )
                continue
            amounts.append(amount)
        fees = clean_text(_first(row, "fees_description", "fees"))
        if amounts:
            values["cost_eur"] = min(amounts)
        elif fees:
            amount, problem = fee_amount(fees)
            values["cost_eur"] = amount
            if problem:
                self.note(table, row, "kept as text", problem, column="fees", value=fees)
        if fees:
            extra["x_fees"] = fees.replace("\n", " ")

        # capacity
        capacity_rows = groups["service_capacity"].get(raw_id, [])
        if "capacity" in sk:
            values["capacity"] = sk["capacity"]
        elif len(capacity_rows) == 1:
            values["capacity"] = _whole(capacity_rows[0][1].get("available"))
        elif len(capacity_rows) > 1:
            ctable, crow = capacity_rows[1]
            self.note(
                ctable,
                crow,
                "dropped value",
                "the service has several capacities (units): capacity not set",
                column="available",
            )

        # schedule
        values["schedule"] = _schedule(groups["schedule"].get(raw_id, []), self.note)
        self._add_extra(values, extra, raw_id, sk)
        return values


def _one_line(text: str | None) -> str | None:
    return text.replace("\n", " ") if text else text


Population = tuple[int | None, int | None, tuple[str, ...]]


def _ages_text(min_age: int | None, max_age: int | None) -> str:
    if min_age is not None and max_age is not None:
        return f"ages {min_age}-{max_age}"
    if min_age is not None:
        return f"ages {min_age} and over"
    if max_age is not None:
        return f"ages up to {max_age}"
    return "no ages"


def _population_text(population: Population) -> str:
    min_age, max_age, genders = population
    parts = [] if min_age is None and max_age is None else [_ages_text(min_age, max_age)]
    if genders:
        parts.append("genders " + ", ".join(genders))
    return " and ".join(parts)


def population_union(readings: list[Population]) -> Population:
    """What several Target Populations terms of one record say together.

    Each term is a group the record serves, so the ages are the span of the
    terms that name ages ("Children" and "Adults" give no age limit) and the
    genders those of the terms that name one; both genders is no restriction.
    """
    aged = [(lo, hi) for lo, hi, _ in readings if lo is not None or hi is not None]
    min_age = max_age = None
    if aged:
        lows, highs = [lo for lo, _ in aged], [hi for _, hi in aged]
        min_age = None if None in lows else min(lo for lo in lows if lo is not None)
        max_age = None if None in highs else max(hi for hi in highs if hi is not None)
        if min_age == 0 and max_age is None:
            min_age = None
    genders = sorted({g for _, _, gs in readings for g in gs})
    if {"female", "male"} <= set(genders):
        genders = []
    return min_age, max_age, tuple(genders)


_WEEK = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def _days_of(token: str) -> list[str | None]:
    """The days of a token: ``"MO"``, ``"Monday"``, ``"1"``, or a range ``"Mon-Fri"``."""
    parts = token.split("-")
    found = [_DAYS.get(re.sub(r"^[+-]?\d+(?=[a-z]{2}$)", "", p.lower().rstrip("."))) for p in parts]
    if len(parts) == 1:
        return found
    if len(parts) != 2 or None in found:
        return [None]
    start, end = _WEEK.index(str(found[0])), _WEEK.index(str(found[1]))
    if end < start:
        end += 7
    return [_WEEK[i % 7] for i in range(start, end + 1)]


def _schedule(rows: list[tuple[RawTable, RawRow]], notes: Any) -> str | None:
    """Opening times as text, days with the same hours together: 'Mon, Tue 09:00-17:00'.

    ``notes`` is the mapper's ``note`` method: every row whose times or days
    cannot be read is reported, and its ``original_text`` (when there is one)
    is kept instead.
    """
    hours: dict[str, list[str]] = {}
    free: list[str] = []
    for table, row in rows:
        raw_open, raw_close = row.get("opens_at"), row.get("closes_at")
        opens, closes = parse_time(raw_open), parse_time(raw_close)
        original = clean_text(row.get("original_text"))
        days_text = str(row.get("byday") or row.get("weekday") or "")
        days = []
        spaced = re.sub(r"\s*(?:-|–|\bto\b|\bthrough\b|\bthru\b)\s*", "-", days_text.strip())
        tokens = [t for t in re.split(r"\s*[,;\s]\s*", spaced) if t and t.lower() != "and"]
        bad_days = []
        for token in tokens:
            for day in _days_of(token):
                if day is None:
                    bad_days.append(token)
                    break
                if day not in days:
                    days.append(day)
        problems = []
        for raw, parsed, what in ((raw_open, opens, "opens_at"), (raw_close, closes, "closes_at")):
            if raw not in (None, "") and parsed is None:
                problems.append(f"{what} {str(raw)!r} is not a clock time")
        if bad_days:
            problems.append(f"{', '.join(map(repr, bad_days))} is not a day")
        if opens and closes and closes < opens and closes != "00:00":
            problems.append(f"it closes ({closes}) before it opens ({opens})")
        if problems:
            reason = "; ".join(problems)
            value = f"{raw_open or ''}-{raw_close or ''} {days_text}".strip(" -")
            if original:
                notes(
                    table,
                    row,
                    "kept as text",
                    f"the schedule cannot be read ({reason}): its original_text is used",
                    column="opens_at, closes_at",
                    value=value,
                )
                free.append(original.replace("\n", " "))
            else:
                notes(
                    table,
                    row,
                    "dropped value",
                    f"the schedule cannot be read ({reason}) and has no original_text: not set",
                    column="opens_at, closes_at",
                    value=value,
                )
            description = clean_text(row.get("description"))
            if description:
                free.append(description.replace("\n", " "))
            continue
        span = f"{opens}-{closes}" if opens and closes else (opens or "")
        if closes and not opens:
            span = f"-{closes}"
        freq = str(row.get("freq") or "").strip().lower()
        if freq == "monthly":
            span = f"monthly {span}".strip()
        description = clean_text(row.get("description"))
        if days or span:
            hours.setdefault(span, [])
            for day in days:
                if day not in hours[span]:
                    hours[span].append(day)
        elif original and not description:
            free.append(original.replace("\n", " "))
        if description:
            free.append(description.replace("\n", " "))
    parts = [f"{', '.join(days)} {span}".strip() for span, days in hours.items()]
    parts.extend(free)
    text = "; ".join(p for p in parts if p)
    return text or None

"""Writing organisations, initiatives and places as an HSDS 3.0 tabular package.

Initiatives become services, organisations organizations, places locations.
What HSDS has a column for goes in that column; the rest (themes, level,
status rules, an organisation's offer fields) travels as ``attribute`` rows
pointing at ``taxonomy_term`` rows of the ``sociale_kaart`` taxonomy, with
codes such as ``theme:finances`` or ``requires:meedoen_pass``. Other HSDS
tools show them as ordinary taxonomy terms; :func:`~sociale_kaart.read_hsds`
reads them back. Residents and professionals are never written.
"""

from __future__ import annotations

import csv
import datetime as _dt
import json
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import networkx as nx

from sociale_kaart.core.records import Initiative, Organisation, Place
from sociale_kaart.core.tables import neutralise_formula
from sociale_kaart.core.themes import theme_label
from sociale_kaart.io.hsds.mapping import ATTRIBUTE_FIELDS, SK_TAXONOMY

__all__ = ["HSDS_FIELDS", "write_package"]

#: The map fields write_hsds can write, per node kind.
HSDS_FIELDS: dict[str, frozenset[str]] = {
    "initiative": frozenset(Initiative.model_fields) - {"id", "extra"},
    "organisation": frozenset(Organisation.model_fields) - {"id", "extra"},
    "place": frozenset(Place.model_fields) - {"id", "extra"},
}

_COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    "organization": (
        ("id", "string"),
        ("name", "string"),
        ("description", "string"),
        ("email", "string"),
        ("website", "string"),
    ),
    "service": (
        ("id", "string"),
        ("organization_id", "string"),
        ("name", "string"),
        ("description", "string"),
        ("url", "string"),
        ("email", "string"),
        ("status", "string"),
        ("fees_description", "string"),
        ("minimum_age", "number"),
        ("maximum_age", "number"),
        ("assured_date", "date"),
    ),
    "location": (
        ("id", "string"),
        ("location_type", "string"),
        ("organization_id", "string"),
        ("name", "string"),
        ("description", "string"),
        ("latitude", "number"),
        ("longitude", "number"),
    ),
    "service_at_location": (("id", "string"), ("service_id", "string"), ("location_id", "string")),
    "language": (("id", "string"), ("service_id", "string"), ("code", "string")),
    "service_area": (("id", "string"), ("service_id", "string"), ("name", "string")),
    "cost_option": (
        ("id", "string"),
        ("service_id", "string"),
        ("currency", "string"),
        ("amount", "number"),
    ),
    "schedule": (("id", "string"), ("service_id", "string"), ("description", "string")),
    "service_capacity": (
        ("id", "string"),
        ("service_id", "string"),
        ("unit_id", "string"),
        ("available", "number"),
        ("updated", "string"),
    ),
    "unit": (("id", "string"), ("name", "string")),
    "taxonomy": (("id", "string"), ("name", "string"), ("description", "string")),
    "taxonomy_term": (
        ("id", "string"),
        ("code", "string"),
        ("name", "string"),
        ("description", "string"),
        ("taxonomy", "string"),
        ("taxonomy_id", "string"),
    ),
    "attribute": (
        ("id", "string"),
        ("link_id", "string"),
        ("link_type", "string"),
        ("link_entity", "string"),
        ("taxonomy_term_id", "string"),
    ),
}
_FOREIGN: dict[str, tuple[tuple[str, str], ...]] = {
    "service": (("organization_id", "organization"),),
    "location": (("organization_id", "organization"),),
    "service_at_location": (("service_id", "service"), ("location_id", "location")),
    "language": (("service_id", "service"),),
    "service_area": (("service_id", "service"),),
    "cost_option": (("service_id", "service"),),
    "schedule": (("service_id", "service"),),
    "service_capacity": (("service_id", "service"), ("unit_id", "unit")),
    "taxonomy_term": (("taxonomy_id", "taxonomy"),),
    "attribute": (("taxonomy_term_id", "taxonomy_term"),),
}
_EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_URL_RE = re.compile(r"^(https?://|www\.)\S+$", re.I)
_ATTR_NAME = {"theme": "themes", "language": "languages"}


class _Writer:
    def __init__(self, G: nx.MultiDiGraph, fields: Mapping[str, frozenset[str]]) -> None:
        self.G = G
        self.fields = fields
        self.rows: dict[str, list[dict[str, Any]]] = {name: [] for name in _COLUMNS}
        self.terms: dict[str, dict[str, Any]] = {}
        self.vocabulary = G.graph.get("themes") or {}

    def _attr(self, entity: str, link_id: str, key: str, value: Any) -> None:
        text = value.isoformat() if isinstance(value, _dt.date) else str(value)
        code = f"{key}:{text}"
        term_id = f"sk:{code}"
        if term_id not in self.terms:
            name = text
            if key == "theme":
                name = theme_label(text, self.vocabulary)
            self.terms[term_id] = {
                "id": term_id,
                "code": code,
                "name": name,
                "description": f"sociale_kaart {key}",
                "taxonomy": SK_TAXONOMY,
                "taxonomy_id": SK_TAXONOMY,
            }
        self.rows["attribute"].append(
            {
                "id": f"a{len(self.rows['attribute']) + 1}",
                "link_id": link_id,
                "link_type": key,
                "link_entity": entity,
                "taxonomy_term_id": term_id,
            }
        )

    def _attrs(self, entity: str, node: str, attrs: Mapping[str, Any], keys: Iterable[str]) -> None:
        for key in keys:
            field = _ATTR_NAME.get(key, key)
            if field not in self.fields_of(attrs):
                continue
            value = attrs.get(field)
            if value is None or value == [] or value == "":
                continue
            for item in value if isinstance(value, list) else [value]:
                self._attr(entity, node, key, item)

    def fields_of(self, attrs: Mapping[str, Any]) -> frozenset[str]:
        return self.fields.get(str(attrs.get("kind")), frozenset())

    @staticmethod
    def _contact(contact: Any) -> tuple[str | None, str | None, str | None]:
        """(email, url, other) from a contact text."""
        if not contact:
            return None, None, None
        text = str(contact).strip()
        if _EMAIL_RE.match(text):
            return text, None, None
        if _URL_RE.match(text):
            return None, text, None
        return None, None, text

    def run(self) -> None:
        G = self.G
        org_of_place: dict[str, str] = {}
        places_of: dict[str, list[str]] = {}
        for u, v, key in sorted(G.edges(keys=True)):
            if key != "located_at":
                continue
            kind = G.nodes[u].get("kind")
            if kind == "organisation":
                org_of_place.setdefault(v, u)
            elif kind == "initiative":
                places_of.setdefault(u, []).append(v)
        for node, attrs in sorted(G.nodes(data=True), key=lambda item: str(item[0])):
            kind = attrs.get("kind")
            if kind == "organisation":
                self._organisation(node, attrs)
            elif kind == "initiative":
                self._service(node, attrs, places_of.get(node, []))
            elif kind == "place":
                self._location(node, attrs, org_of_place.get(node))
        self.rows["taxonomy_term"] = sorted(self.terms.values(), key=lambda r: r["id"])
        if self.terms:
            self.rows["taxonomy"].append(
                {
                    "id": SK_TAXONOMY,
                    "name": SK_TAXONOMY,
                    "description": "Fields of a sociale_kaart map that HSDS has no column for, "
                    "as 'field:value' codes.",
                }
            )

    def _get(self, attrs: Mapping[str, Any], field: str) -> Any:
        return attrs.get(field) if field in self.fields_of(attrs) else None

    def _organisation(self, node: str, attrs: Mapping[str, Any]) -> None:
        email, url, other = self._contact(self._get(attrs, "contact"))
        self.rows["organization"].append(
            {
                "id": node,
                "name": attrs.get("name") or "",
                "description": self._get(attrs, "description"),
                "email": email,
                "website": url,
            }
        )
        if other:
            self._attr("organization", node, "contact", other)
        keys = sorted(ATTRIBUTE_FIELDS["organization"] - {"contact"})
        self._attrs("organization", node, attrs, keys)

    def _service(self, node: str, attrs: Mapping[str, Any], places: list[str]) -> None:
        get = self._get
        email, url, other = self._contact(get(attrs, "contact"))
        cost = get(attrs, "cost_eur")
        self.rows["service"].append(
            {
                "id": node,
                "organization_id": attrs.get("organisation"),
                "name": attrs.get("name") or "",
                "description": get(attrs, "description"),
                "url": url,
                "email": email,
                "status": "active",
                "fees_description": None,
                "minimum_age": get(attrs, "min_age"),
                "maximum_age": get(attrs, "max_age"),
                "assured_date": get(attrs, "last_verified"),
            }
        )
        if other:
            self._attr("service", node, "contact", other)
        self._attrs(
            "service",
            node,
            attrs,
            (
                "theme",
                "level",
                "neighbourhood",
                "requires",
                "excludes",
                "grants",
                "genders",
                "lat",
                "lon",
            ),
        )
        if "place" in self.fields_of(attrs):
            for place in places:
                self.rows["service_at_location"].append(
                    {"id": f"{node}@{place}", "service_id": node, "location_id": place}
                )
        for position, code in enumerate(get(attrs, "languages") or [], start=1):
            self.rows["language"].append({"id": f"{node}:lang{position}", "service_id": node,
                                          "code": code})  # fmt: skip
        for position, area in enumerate(get(attrs, "serves") or [], start=1):
            self.rows["service_area"].append(
                {"id": f"{node}:area{position}", "service_id": node, "name": area}
            )
        if cost is not None:
            self.rows["cost_option"].append(
                {"id": f"{node}:cost", "service_id": node, "currency": "EUR", "amount": cost}
            )
        schedule = get(attrs, "schedule")
        if schedule:
            self.rows["schedule"].append(
                {"id": f"{node}:schedule", "service_id": node, "description": schedule}
            )
        capacity = get(attrs, "capacity")
        if capacity is not None:
            if not self.rows["unit"]:
                self.rows["unit"].append({"id": "place", "name": "Place"})
            self.rows["service_capacity"].append(
                {
                    "id": f"{node}:capacity",
                    "service_id": node,
                    "unit_id": "place",
                    "available": capacity,
                    "updated": self.G.graph.get("loaded_at"),
                }
            )

    def _location(self, node: str, attrs: Mapping[str, Any], org: str | None) -> None:
        self.rows["location"].append(
            {
                "id": node,
                "location_type": "physical",
                "organization_id": org,
                "name": attrs.get("name"),
                "description": self._get(attrs, "description"),
                "latitude": self._get(attrs, "lat"),
                "longitude": self._get(attrs, "lon"),
            }
        )
        self._attrs("location", node, attrs, ("type", "neighbourhood"))


#: The tables write_hsds writes (the files of an HSDS package, without .csv).
TABLES: tuple[str, ...] = tuple(_COLUMNS)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (int, float)):
        return str(value)
    return neutralise_formula(str(value))  # for others' spreadsheets: never a formula


def write_package(
    G: nx.MultiDiGraph, folder: Path, fields: Mapping[str, frozenset[str]], *, title: str | None
) -> Path:
    """Write the package; return the path of its datapackage.json."""
    writer = _Writer(G, fields)
    writer.run()
    folder.mkdir(parents=True, exist_ok=True)
    resources = []
    for name, columns in _COLUMNS.items():
        rows = writer.rows[name]
        target = folder / f"{name}.csv"
        if not rows and name not in ("organization", "service", "location"):
            if target.exists():
                target.unlink()
            continue
        with target.open("w", encoding="utf-8", newline="") as handle:
            out = csv.writer(handle, lineterminator="\n")
            out.writerow([c for c, _ in columns])
            for row in rows:
                out.writerow([_cell(row.get(c)) for c, _ in columns])
        schema: dict[str, Any] = {
            "fields": [{"name": c, "type": t} for c, t in columns],
            "primaryKey": "id",
        }
        foreign = [
            {"fields": column, "reference": {"resource": ref, "fields": "id"}}
            for column, ref in _FOREIGN.get(name, ())
        ]
        if foreign:
            schema["foreignKeys"] = foreign
        resources.append(
            {
                "name": name,
                "path": f"{name}.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": schema,
            }
        )
    name = re.sub(r"[^a-z0-9._-]+", "-", str(title or G.graph.get("name") or "map").lower())
    meta = {
        "name": name.strip("-") or "map",
        "title": f"{title or G.graph.get('name') or 'Social map'} (HSDS 3.0)",
        "profile": "tabular-data-package",
        "description": "Organisations, services and locations of a sociale_kaart map, as an "
        "Open Referral HSDS 3.0 tabular package. No personal data of residents.",
        "created": _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds"),
        "resources": resources,
    }
    path = folder / "datapackage.json"
    path.write_text(json.dumps(meta, indent=1, ensure_ascii=False), encoding="utf-8")
    return path

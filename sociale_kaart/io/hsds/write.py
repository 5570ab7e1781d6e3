"""Writing organisations, initiatives and places as an HSDS 3.0 tabular package.

Initiatives become services, organisations organizations, places locations,
in the official file names (``services.csv``, ``organizations.csv`` ...)
with every column of the official HSDS 3.0 data package. Ids are UUIDs: a
source id that is a UUID is kept, any other is turned into a UUID5 of its
table and id, so that exporting the same map twice gives the same ids.

What HSDS has a column for goes in that column. The rest travels as
``attribute`` rows of the ``sociale_kaart`` taxonomy: categories (themes,
level, status rules) as taxonomy terms with codes such as ``theme:finances``,
values (the map's node id, coordinates, capacity, free-text contact, extra
fields) as one term per field (``lat``, ``node_id``, ``extra:x_address``)
with the value in the attribute's ``value``. Other HSDS tools show them as
ordinary attributes; :func:`~sociale_kaart.read_hsds` reads them back.
Residents and professionals are never written.

The field names and types follow the HSDS 3.0 data package of the Open
Referral specification (CC-BY-SA-4.0), "Human Services Data Specification:
an Open Referral resource".
"""

from __future__ import annotations

import csv
import datetime as _dt
import json
import re
import uuid
import warnings
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import networkx as nx

from sociale_kaart.core.records import Initiative, Organisation, Place
from sociale_kaart.core.tables import neutralise_formula
from sociale_kaart.core.themes import theme_label
from sociale_kaart.io.hsds.mapping import (
    ADDRESS_PARTS,
    ATTRIBUTE_FIELDS,
    EMPTY,
    NODE_ID,
    PLACEHOLDER,
    SK_TAXONOMY,
)

__all__ = ["HSDS_FIELDS", "HSDS_NAMESPACE", "hsds_uuid", "write_package"]

#: The map fields write_hsds can write, per node kind.
HSDS_FIELDS: dict[str, frozenset[str]] = {
    "initiative": frozenset(Initiative.model_fields) - {"id", "extra"},
    "organisation": frozenset(Organisation.model_fields) - {"id", "extra"},
    "place": frozenset(Place.model_fields) - {"id", "extra"},
}

#: The namespace of the UUID5 ids that write_hsds derives from source ids.
HSDS_NAMESPACE = uuid.UUID("6f1c7a52-3c1e-5b7e-9d2a-50c1a1e4a000")

# resource -> (file, "column type[:format][!]" ...), as in the official HSDS 3.0 package
_SPEC: dict[str, tuple[str, str]] = {
    "organization": ("organizations.csv", "id string:uuid! name string! alternate_name string description string! email string:email website string:uri tax_status string tax_id string year_incorporated number legal_status string logo string uri string:uri parent_organization_id string:uuid"),  # noqa: E501
    "service": ("services.csv", "id string:uuid! organization_id string:uuid! program_id string:uuid name string! alternate_name string description string url string:uri email string:email status string! interpretation_services string application_process string fees_description string wait_time string fees string accreditations string eligibility_description string minimum_age number maximum_age number assured_date date assurer_email string:email licenses string alert string last_modified datetime"),  # noqa: E501
    "location": ("locations.csv", "id string:uuid! location_type string! url string:uri organization_id string:uuid name string alternate_name string description string transportation string latitude number longitude number external_identifier string external_identifier_type string"),  # noqa: E501
    "service_at_location": ("service_at_location.csv", "id string:uuid! service_id string:uuid! location_id string:uuid! description string"),  # noqa: E501
    "address": ("addresses.csv", "id string:uuid! location_id string:uuid attention string address_1 string! address_2 string city string! region string state_province string! postal_code string! country string! address_type string!"),  # noqa: E501
    "phone": ("phones.csv", "id string:uuid! location_id string:uuid service_id string:uuid organization_id string:uuid contact_id string:uuid service_at_location_id string:uuid number string! extension number type string description string"),  # noqa: E501
    "schedule": ("schedules.csv", "id string:uuid! service_id string:uuid location_id string:uuid service_at_location_id string:uuid valid_from date valid_to date dtstart date timezone number until date count number wkst string freq string interval number byday string byweekno string bymonthday string byyearday string description string opens_at time closes_at time schedule_link string:uri attending_type string notes string"),  # noqa: E501
    "service_area": ("service_areas.csv", "id string:uuid! service_id string:uuid name string description string extent string extent_type string uri string"),  # noqa: E501
    "language": ("languages.csv", "id string:uuid! service_id string:uuid location_id string:uuid phone_id string:uuid name string code string note string"),  # noqa: E501
    "cost_option": ("cost_options.csv", "id string:uuid! service_id string:uuid! valid_from date valid_to date option string currency string amount number amount_description string"),  # noqa: E501
    "taxonomy": ("taxonomies.csv", "id string:uuid! name string! description string! uri string:uri version string"),  # noqa: E501
    "taxonomy_term": ("taxonomy_terms.csv", "id string:uuid! code string name string! description string! parent_id string:uuid taxonomy string language string taxonomy_id string:uuid term_uri string:uri"),  # noqa: E501
    "attribute": ("attributes.csv", "id string:uuid! link_id string:uuid! taxonomy_term_id string:uuid! link_type string link_entity string! value string"),  # noqa: E501
}  # fmt: skip
_ENUMS: dict[tuple[str, str], list[str]] = {
    ("service", "status"): ["active", "inactive", "defunct", "temporarily closed"],
    ("location", "location_type"): ["physical", "postal", "virtual"],
    ("address", "address_type"): ["physical", "postal", "virtual"],
    ("schedule", "freq"): ["WEEKLY", "MONTHLY"],
}
_FOREIGN: dict[str, tuple[tuple[str, str], ...]] = {
    "service": (("organization_id", "organization"),),
    "location": (("organization_id", "organization"),),
    "service_at_location": (("service_id", "service"), ("location_id", "location")),
    "address": (("location_id", "location"),),
    "phone": (("service_id", "service"), ("organization_id", "organization")),
    "schedule": (("service_id", "service"),),
    "service_area": (("service_id", "service"),),
    "language": (("service_id", "service"),),
    "cost_option": (("service_id", "service"),),
    "taxonomy_term": (("taxonomy_id", "taxonomy"),),
    "attribute": (("taxonomy_term_id", "taxonomy_term"),),
}
#: The HSDS version written into datapackage.json.
HSDS_VERSION = "3.0.0"

_EMAIL_RE = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")
_URL_RE = re.compile(r"^(https?://)?(www\.)?[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+(:\d+)?([/?#]\S*)?$")
_PHONE_RE = re.compile(r"^\+?[\d\s().\-/]{5,}(\s*(ext\.?|x)\s*\d+)?$", re.I)
_DAY_CODES = {"Mon": "MO", "Tue": "TU", "Wed": "WE", "Thu": "TH", "Fri": "FR", "Sat": "SA",
              "Sun": "SU"}  # fmt: skip
_SCHEDULE_PART_RE = re.compile(
    r"^(?P<days>(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)(?:, (?:Mon|Tue|Wed|Thu|Fri|Sat|Sun))*)"
    r"(?: (?P<monthly>monthly))?"
    r"(?: (?P<opens>\d{2}:\d{2})?(?:-(?P<closes>\d{2}:\d{2}))?)?$"
)
_ATTR_NAME = {"theme": "themes", "language": "languages"}
# fields of the sociale_kaart taxonomy that are values (attribute.value), not categories
_VALUE_KEYS = frozenset(
    {
        NODE_ID,
        PLACEHOLDER,
        EMPTY,
        "contact",
        "lat",
        "lon",
        "capacity",
        "cost_eur",
        "min_age",
        "max_age",
        "schedule",
        "serves",
        "last_verified",
    }
)
# extra fields that go into an HSDS column, per entity
_EXTRA_IN_COLUMNS: dict[str, frozenset[str]] = {
    "service": frozenset({"x_status", "x_alternate_name", "x_url", "x_eligibility", "x_fees"}),
    "organization": frozenset({"x_alternate_name", "x_url"}),
    "location": frozenset({"x_alternate_name", "x_url", "x_transportation"}),
}


def _is_uuid(text: str) -> bool:
    try:
        return str(uuid.UUID(text)) == text.lower() and len(text) == 36
    except ValueError:
        return False


def hsds_uuid(table: str, source_id: object) -> str:
    """The HSDS id write_hsds gives a record: the id itself if a UUID, else a UUID5.

    The UUID5 is derived from the table and the id in :data:`HSDS_NAMESPACE`,
    so the same map always gets the same ids, and an organisation and a
    service with the same source id get different ones.

    Examples
    --------
    >>> from sociale_kaart.io.hsds.write import hsds_uuid
    >>> hsds_uuid("service", "s1") == hsds_uuid("service", "s1") != hsds_uuid("organization", "s1")
    True
    >>> hsds_uuid("service", "D9D5E0F5-D3CE-4F73-9A2F-4DD0ECC6C610")
    'd9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610'
    """
    text = str(source_id)
    if _is_uuid(text.lower()):
        return text.lower()
    return str(uuid.uuid5(HSDS_NAMESPACE, f"{table}:{text}"))


def normalise_url(text: object) -> str | None:
    """A web address as an absolute ``http(s)`` URI, or None if it is not one.

    Examples
    --------
    >>> from sociale_kaart.io.hsds.write import normalise_url
    >>> normalise_url("www.voedselbank.example"), normalise_url("https://x.example/a?b=1")
    ('https://www.voedselbank.example', 'https://x.example/a?b=1')
    >>> normalise_url("ask at the desk") is None
    True
    """
    value = str(text or "").strip()
    if not value or not _URL_RE.match(value):
        return None
    if not re.match(r"^https?://", value, re.I):
        value = "https://" + value
    return value


def _columns(table: str) -> list[str]:
    return [item.split(" ")[0] for item in _SPEC[table][1].split(" ")[::2]]


def _schema(table: str) -> dict[str, Any]:
    tokens = _SPEC[table][1].split(" ")
    fields = []
    for name, kind in zip(tokens[::2], tokens[1::2], strict=True):
        required = kind.endswith("!")
        kind = kind.rstrip("!")
        type_, _, format_ = kind.partition(":")
        field: dict[str, Any] = {"name": name, "type": type_}
        if format_:
            field["format"] = format_
        constraints: dict[str, Any] = {}
        if required:
            constraints["required"] = True
        if (table, name) in _ENUMS:
            constraints["enum"] = _ENUMS[(table, name)]
        if name == "id":
            constraints["unique"] = True
        if constraints:
            field["constraints"] = constraints
        fields.append(field)
    schema: dict[str, Any] = {"fields": fields, "primaryKey": "id"}
    foreign = [
        {"fields": column, "reference": {"resource": ref, "fields": "id"}}
        for column, ref in _FOREIGN.get(table, ())
    ]
    if foreign:
        schema["foreignKeys"] = foreign
    return schema


class _Writer:
    def __init__(self, G: nx.MultiDiGraph, fields: Mapping[str, frozenset[str]]) -> None:
        self.G = G
        self.fields = fields
        self.rows: dict[str, list[dict[str, Any]]] = {name: [] for name in _SPEC}
        self.terms: dict[str, dict[str, Any]] = {}
        self.vocabulary = G.graph.get("themes") or {}
        self.ids: dict[tuple[str, str], str] = {}  # (table, node) -> HSDS id
        self.used: set[str] = set()
        self.problems: list[str] = []
        self.attr_count: dict[tuple[str, str], int] = {}
        self.placeholders: set[str] = set()
        self.taxonomy_id = hsds_uuid("taxonomy", SK_TAXONOMY)

    # ------------------------------------------------------------------ ids

    def id_of(self, table: str, node: str, attrs: Mapping[str, Any]) -> str:
        key = (table, node)
        if key not in self.ids:
            source = (attrs.get("extra") or {}).get("x_hsds_id") or node
            new = hsds_uuid(table, source)
            if new in self.used:  # two nodes from one source id (e.g. after a merge)
                new = hsds_uuid(table, f"node:{node}")
            self.used.add(new)
            self.ids[key] = new
        return self.ids[key]

    def child_id(self, table: str, parent: str, position: int | str) -> str:
        return hsds_uuid(table, f"{parent}:{position}")

    # ------------------------------------------------------------------ attributes

    def _term(self, key: str, text: str | None) -> str:
        code = key if text is None else f"{key}:{text}"
        if code not in self.terms:
            if key == "theme" and text is not None:
                name = theme_label(text, self.vocabulary)
            else:
                name = text if text is not None else key
            self.terms[code] = {
                "id": hsds_uuid("taxonomy_term", f"{SK_TAXONOMY}:{code}"),
                "code": code,
                "name": name,
                "description": f"sociale_kaart {key}"
                + ("" if text is None else f": {text}")
                + (" (the value is in the attribute)" if text is None else ""),
                "taxonomy": SK_TAXONOMY,
                "taxonomy_id": self.taxonomy_id,
            }
        return str(self.terms[code]["id"])

    def attr(self, entity: str, link_id: str, key: str, value: Any) -> None:
        """One attribute row: a category term, or a field term with the value."""
        text = value.isoformat() if isinstance(value, _dt.date) else _cell(value)
        if key in _VALUE_KEYS or key.startswith("extra:"):
            term, stored = self._term(key, None), text
        else:
            term, stored = self._term(key, text), None
        count = self.attr_count[(link_id, key)] = self.attr_count.get((link_id, key), 0) + 1
        self.rows["attribute"].append(
            {
                "id": hsds_uuid("attribute", f"{link_id}:{key}:{count}"),
                "link_id": link_id,
                "taxonomy_term_id": term,
                "link_type": key,
                "link_entity": entity,
                "value": stored,
            }
        )

    def attrs(
        self, entity: str, link_id: str, attrs: Mapping[str, Any], keys: Iterable[str]
    ) -> None:
        for key in keys:
            field = _ATTR_NAME.get(key, key)
            if field not in self.fields_of(attrs):
                continue
            value = attrs.get(field)
            if value is None or value == [] or value == "":
                continue
            for item in value if isinstance(value, list) else [value]:
                self.attr(entity, link_id, key, item)

    def extras(
        self, entity: str, link_id: str, attrs: Mapping[str, Any], written: Iterable[str]
    ) -> None:
        """Extra (``x_``) fields no HSDS column holds, as ``extra:`` attribute values."""
        skip = set(written)
        for key, value in sorted((attrs.get("extra") or {}).items()):
            if key in skip or value in (None, ""):
                continue
            self.attr(entity, link_id, f"extra:{key}", value)

    def fields_of(self, attrs: Mapping[str, Any]) -> frozenset[str]:
        return self.fields.get(str(attrs.get("kind")), frozenset())

    def _get(self, attrs: Mapping[str, Any], field: str) -> Any:
        return attrs.get(field) if field in self.fields_of(attrs) else None

    def contact(
        self, table: str, link_id: str, node: str, contact: Any
    ) -> tuple[str | None, str | None]:
        """(email, url) from a contact text; a phone number goes to phones.csv, text to an
        attribute."""
        if not contact:
            return None, None
        text = str(contact).strip()
        if _EMAIL_RE.match(text):
            return text, None
        url = normalise_url(text)
        if url is not None and not _PHONE_RE.match(text):
            return None, url
        if _PHONE_RE.match(text):
            self.rows["phone"].append(
                {
                    "id": self.child_id("phone", link_id, "contact"),
                    f"{table}_id": link_id,
                    "number": text,
                    "description": "sociale_kaart contact",
                }
            )
            return None, None
        self.attr(table, link_id, "contact", text)
        return None, None

    # ------------------------------------------------------------------ entities

    def run(self) -> None:
        G = self.G
        org_of_place: dict[str, str] = {}
        places_of: dict[str, list[str]] = {}
        for u, v, key in sorted(G.edges(keys=True), key=lambda e: (str(e[0]), str(e[1]), e[2])):
            if key != "located_at":
                continue
            kind = G.nodes[u].get("kind")
            if kind == "organisation":
                org_of_place.setdefault(v, u)
            elif kind == "initiative":
                places_of.setdefault(u, []).append(v)
        nodes = sorted(G.nodes(data=True), key=lambda item: str(item[0]))
        for node, attrs in nodes:
            kind = attrs.get("kind")
            if kind == "organisation":
                self._organisation(node, attrs)
        for node, attrs in nodes:
            kind = attrs.get("kind")
            if kind == "initiative":
                self._service(node, attrs, places_of.get(node, []))
            elif kind == "place":
                self._location(node, attrs, org_of_place.get(node))
        self.rows["taxonomy_term"] = sorted(self.terms.values(), key=lambda r: r["code"])
        if self.terms:
            self.rows["taxonomy"].append(
                {
                    "id": self.taxonomy_id,
                    "name": SK_TAXONOMY,
                    "description": "Fields of a sociale_kaart map that HSDS has no column for: "
                    "categories as 'field:value' codes, values in the attribute's value.",
                }
            )

    def _text_or_name(self, table: str, link_id: str, attrs: Mapping[str, Any], field: str) -> str:
        """A required text: the field, or the name (marked, so read_hsds leaves it empty)."""
        value = self._get(attrs, field)
        if value:
            return str(value)
        self.attr(table, link_id, EMPTY, field)
        return str(attrs.get("name") or "")

    def _organisation(self, node: str, attrs: Mapping[str, Any]) -> None:
        link = self.id_of("organization", node, attrs)
        extra = attrs.get("extra") or {}
        email, url = self.contact("organization", link, node, self._get(attrs, "contact"))
        website = url or self._url(extra.get("x_url"), node)
        self.rows["organization"].append(
            {
                "id": link,
                "name": attrs.get("name") or str(node),
                "alternate_name": extra.get("x_alternate_name"),
                "description": self._text_or_name("organization", link, attrs, "description"),
                "email": email,
                "website": website,
            }
        )
        self.attr("organization", link, NODE_ID, node)
        if extra.get("x_url") and (website is None or website != normalise_url(extra["x_url"])):
            self.attr("organization", link, "extra:x_url", extra["x_url"])
        keys = sorted(ATTRIBUTE_FIELDS["organization"] - {"contact"})
        self.attrs("organization", link, attrs, keys)
        self.extras("organization", link, attrs, {"x_hsds_id"} | _EXTRA_IN_COLUMNS["organization"])
        self._source_id("organization", link, node, attrs)

    def _source_id(self, table: str, link: str, node: str, attrs: Mapping[str, Any]) -> None:
        """Keep the source's HSDS id; a map without one gets none back from read_hsds."""
        source = (attrs.get("extra") or {}).get("x_hsds_id")
        if not source:
            self.attr(table, link, EMPTY, "x_hsds_id")
        elif source.lower() != link:
            self.attr(table, link, "extra:x_hsds_id", source)

    def _url(self, value: Any, node: str) -> str | None:
        if not value:
            return None
        url = normalise_url(value)
        if url is None:
            self.problems.append(
                f"{node}: {value!r} is not a web address: kept as a sociale_kaart attribute"
            )
        return url

    def _placeholder_org(self, node: str, attrs: Mapping[str, Any]) -> str:
        """HSDS needs an organization for every service: one marked as a placeholder."""
        link = hsds_uuid("organization", f"placeholder-of:{node}")
        if link not in self.placeholders:
            self.placeholders.add(link)
            self.rows["organization"].append(
                {
                    "id": link,
                    "name": attrs.get("name") or str(node),
                    "description": "A placeholder: HSDS needs an organization for every "
                    "service, and this one has none in the map.",
                }
            )
            self.attr("organization", link, PLACEHOLDER, "true")
        return link

    def _service(self, node: str, attrs: Mapping[str, Any], places: list[str]) -> None:
        get = self._get
        link = self.id_of("service", node, attrs)
        extra = attrs.get("extra") or {}
        org = attrs.get("organisation")
        if org is not None and org in self.G and self.G.nodes[org].get("kind") == "organisation":
            org_id = self.id_of("organization", org, self.G.nodes[org])
        else:
            org_id = self._placeholder_org(node, attrs)
        email, url = self.contact("service", link, node, get(attrs, "contact"))
        if not extra.get("x_status"):
            self.attr("service", link, EMPTY, "x_status")
        status = str(extra.get("x_status") or "active").strip().lower()
        if status not in _ENUMS[("service", "status")]:
            self.problems.append(
                f"{node}: status {extra.get('x_status')!r} is not an HSDS status: written as "
                "'active', the original kept as a sociale_kaart attribute"
            )
            self.attr("service", link, "extra:x_status", extra.get("x_status"))
            status = "active"
        page = url or self._url(extra.get("x_url"), node)
        if extra.get("x_url") and (page is None or page != normalise_url(extra["x_url"])):
            self.attr("service", link, "extra:x_url", extra["x_url"])
        self.rows["service"].append(
            {
                "id": link,
                "organization_id": org_id,
                "name": attrs.get("name") or str(node),
                "alternate_name": extra.get("x_alternate_name"),
                "description": get(attrs, "description"),
                "url": page,
                "email": email,
                "status": status,
                "fees_description": extra.get("x_fees"),
                "eligibility_description": extra.get("x_eligibility"),
                "minimum_age": get(attrs, "min_age"),
                "maximum_age": get(attrs, "max_age"),
                "assured_date": get(attrs, "last_verified"),
            }
        )
        self.attr("service", link, NODE_ID, node)
        self.attrs(
            "service",
            link,
            attrs,
            ("theme", "level", "neighbourhood", "requires", "excludes", "grants", "genders"),
        )
        self.attrs("service", link, attrs, ("capacity",))
        located = "place" in self.fields_of(attrs)
        place_coords = None
        if located and places:
            first = self.G.nodes[places[0]]
            place_coords = (first.get("lat"), first.get("lon"))
        coords = (get(attrs, "lat"), get(attrs, "lon"))
        if coords[0] is not None and coords[1] is not None and coords != place_coords:
            self.attr("service", link, "lat", coords[0])
            self.attr("service", link, "lon", coords[1])
        self.extras("service", link, attrs, {"x_hsds_id"} | _EXTRA_IN_COLUMNS["service"])
        self._source_id("service", link, node, attrs)
        if located:
            for place in places:
                location = self.id_of("location", place, self.G.nodes[place])
                self.rows["service_at_location"].append(
                    {
                        "id": hsds_uuid("service_at_location", f"{link}@{location}"),
                        "service_id": link,
                        "location_id": location,
                    }
                )
        for position, code in enumerate(get(attrs, "languages") or [], start=1):
            self.rows["language"].append(
                {"id": self.child_id("language", link, position), "service_id": link,
                 "code": code}
            )  # fmt: skip
        for position, area in enumerate(get(attrs, "serves") or [], start=1):
            self.rows["service_area"].append(
                {"id": self.child_id("service_area", link, position), "service_id": link,
                 "name": area}
            )  # fmt: skip
        cost = get(attrs, "cost_eur")
        if cost is not None:
            self.rows["cost_option"].append(
                {"id": self.child_id("cost_option", link, 1), "service_id": link,
                 "currency": "EUR", "amount": cost}
            )  # fmt: skip
        schedule = get(attrs, "schedule")
        if schedule:
            self._schedule(link, str(schedule))

    def _schedule(self, link: str, text: str) -> None:
        """Structured rows for 'Mon, Tue 09:00-17:00' parts, a description for the rest."""
        for position, part in enumerate(text.split("; "), start=1):
            row: dict[str, Any] = {"id": self.child_id("schedule", link, position),
                                   "service_id": link}  # fmt: skip
            match = _SCHEDULE_PART_RE.match(part)
            if match and (match.group("opens") or match.group("closes")):
                row["byday"] = ",".join(_DAY_CODES[d] for d in match.group("days").split(", "))
                row["freq"] = "MONTHLY" if match.group("monthly") else "WEEKLY"
                for column, group in (("opens_at", "opens"), ("closes_at", "closes")):
                    if match.group(group):
                        row[column] = f"{match.group(group)}:00"
            else:
                row["description"] = part
            self.rows["schedule"].append(row)

    def _location(self, node: str, attrs: Mapping[str, Any], org: str | None) -> None:
        link = self.id_of("location", node, attrs)
        extra = attrs.get("extra") or {}
        page = self._url(extra.get("x_url"), node)
        if extra.get("x_url") and page is None:
            self.attr("location", link, "extra:x_url", extra["x_url"])
        org_id = self.id_of("organization", org, self.G.nodes[org]) if org is not None else None
        self.rows["location"].append(
            {
                "id": link,
                "location_type": "physical",
                "url": page,
                "organization_id": org_id,
                "name": attrs.get("name"),
                "alternate_name": extra.get("x_alternate_name"),
                "description": self._get(attrs, "description"),
                "transportation": extra.get("x_transportation"),
                "latitude": self._get(attrs, "lat"),
                "longitude": self._get(attrs, "lon"),
            }
        )
        self.attr("location", link, NODE_ID, node)
        self.attrs("location", link, attrs, ("type", "neighbourhood"))
        written = {"x_hsds_id"} | _EXTRA_IN_COLUMNS["location"]
        parts = {column: extra.get(key) for column, key in ADDRESS_PARTS.items()}
        required = ("address_1", "city", "state_province", "postal_code", "country")
        if all(parts.get(column) for column in required):
            self.rows["address"].append(
                {
                    "id": self.child_id("address", link, "physical"),
                    "location_id": link,
                    **parts,
                    "address_type": "physical",
                }
            )
            written |= set(ADDRESS_PARTS.values())
            rebuilt = ", ".join(
                p
                for p in (
                    parts["address_1"],
                    " ".join(p for p in (parts["postal_code"], parts["city"]) if p),
                )
                if p
            )
            if extra.get("x_address") == rebuilt:
                written.add("x_address")
        self.extras("location", link, attrs, written)
        self._source_id("location", link, node, attrs)


#: The files write_hsds writes (the tables of an HSDS package), without ``.csv``.
TABLES: tuple[str, ...] = tuple(file.removesuffix(".csv") for file, _ in _SPEC.values())


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
    for name, (file_name, _) in _SPEC.items():
        rows = writer.rows[name]
        target = folder / file_name
        if not rows and name not in ("organization", "service", "location"):
            if target.exists():
                target.unlink()
            continue
        columns = _columns(name)
        with target.open("w", encoding="utf-8", newline="") as handle:
            out = csv.writer(handle, lineterminator="\n")
            out.writerow(columns)
            for row in rows:
                out.writerow([_cell(row.get(c)) for c in columns])
        resources.append(
            {
                "name": name,
                "path": file_name,
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": _schema(name),
            }
        )
    name = re.sub(r"[^a-z0-9._-]+", "-", str(title or G.graph.get("name") or "map").lower())
    meta = {
        "name": name.strip("-") or "map",
        "title": f"{title or G.graph.get('name') or 'Social map'} (HSDS 3.0)",
        "profile": "tabular-data-package",
        "version": HSDS_VERSION,
        "description": "Organisations, services and locations of a sociale_kaart map, as an "
        "Open Referral HSDS 3.0 tabular package. No personal data of residents.",
        "created": _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds"),
        "resources": resources,
    }
    path = folder / "datapackage.json"
    path.write_text(json.dumps(meta, indent=1, ensure_ascii=False), encoding="utf-8")
    if writer.problems:
        shown = "; ".join(writer.problems[:20])
        more = f" (and {len(writer.problems) - 20} more)" if len(writer.problems) > 20 else ""
        warnings.warn(
            f"write_hsds changed {len(writer.problems)} value(s) to fit HSDS: {shown}{more}",
            UserWarning,
            stacklevel=3,
        )
    return path

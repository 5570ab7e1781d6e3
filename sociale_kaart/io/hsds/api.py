"""Open Referral: read and write Human Services Data Specification (HSDS) packages.

Municipalities, 211 services and social-map websites keep their directories
of organisations and services in HSDS. :func:`read_hsds` turns such a
directory into a social map (organisations, initiatives, places), and
:func:`write_hsds` writes a map's offers and places back as an HSDS 3.0
package. See :doc:`/open-referral` for the mapping tables.

Real directories are messy. The reader imports what is sound, cleans text
(HTML tags, entities), reads ages from free text where the pattern is
clear, and reports everything else row by row in ``G.graph["import_report"]``.
Only a package that cannot be read at all raises :class:`~sociale_kaart.DataError`.

References
----------
Open Referral (2023). *Human Services Data Specification 3.0*.
https://docs.openreferral.org/en/latest/
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import networkx as nx
import pandas as pd

from sociale_kaart.core.builder import Row, Table, build_graph, gc_paused, table_columns
from sociale_kaart.core.checks import require_map
from sociale_kaart.core.errors import DataError, Problem
from sociale_kaart.core.records import LEVELS
from sociale_kaart.core.themes import default_vocabulary, resolve_theme
from sociale_kaart.io.atomic import atomic_folder, written_path
from sociale_kaart.io.hsds.mapping import Mapper
from sociale_kaart.io.hsds.read import Note, Package, load_package
from sociale_kaart.io.hsds.text import DEFAULT_TAXONOMY_MAP, TaxonomyMatcher
from sociale_kaart.io.hsds.write import HSDS_FIELDS, write_package
from sociale_kaart.io.hsds.write import TABLES as HSDS_TABLES
from sociale_kaart.io.limits import DEFAULT_LIMITS, Limits

__all__ = ["DEFAULT_TAXONOMY_MAP", "REPORT_COLUMNS", "read_hsds", "write_hsds"]

PathLike = str | os.PathLike[str]
TaxonomyMap = Mapping[str, str | Sequence[str] | None] | pd.DataFrame | PathLike

#: Columns of the import report in ``G.graph["import_report"]``.
REPORT_COLUMNS: tuple[str, ...] = ("file", "row", "id", "column", "value", "action", "reason")

_MAX_BUILD_ATTEMPTS = 5


def _taxonomy_map(taxonomy_map: TaxonomyMap | None) -> dict[str, list[str]]:
    """Check a user's taxonomy map and return term -> theme codes."""
    if taxonomy_map is None:
        raw: Mapping[str, Any] = DEFAULT_TAXONOMY_MAP
    elif isinstance(taxonomy_map, (str, os.PathLike, pd.DataFrame)):
        frame = (
            taxonomy_map
            if isinstance(taxonomy_map, pd.DataFrame)
            else pd.read_csv(taxonomy_map, dtype=str, keep_default_na=False)
        )
        columns = [str(c).strip().lower() for c in frame.columns]
        if "term" not in columns or "theme" not in columns:
            raise ValueError(
                "taxonomy_map as a table needs the columns 'term' and 'theme' (theme codes "
                f"separated by ';', empty for 'no theme'); it has {columns}"
            )
        frame = frame.set_axis(columns, axis=1)
        raw = {
            str(t): (str(v) if isinstance(v, str) else "")
            for t, v in zip(frame["term"], frame["theme"], strict=True)
        }
    elif isinstance(taxonomy_map, Mapping):
        raw = taxonomy_map
    else:
        raise TypeError(
            "taxonomy_map must be a mapping of term -> theme code(s), a DataFrame or a CSV "
            f"path with columns 'term' and 'theme', not {type(taxonomy_map).__name__}"
        )
    vocabulary = default_vocabulary()
    out: dict[str, list[str]] = {}
    for term, value in raw.items():
        if value is None or value == "":
            items: list[str] = []
        elif isinstance(value, str):
            items = [v.strip() for v in value.split(";") if v.strip()]
        else:
            items = [str(v) for v in value]
        codes = []
        for item in items:
            code = resolve_theme(item, vocabulary)
            if code is None:
                raise ValueError(
                    f"taxonomy_map maps {term!r} to {item!r}, which is not a theme code; "
                    f"use one of {', '.join(vocabulary)}"
                )
            codes.append(code)
        out[str(term)] = codes
    return out


def _report_frame(notes: Iterable[Note]) -> pd.DataFrame:
    records = [
        {
            "file": n.file,
            "row": n.row,
            "id": n.id,
            "column": n.column,
            "value": None if n.value is None else str(n.value),
            "action": n.action,
            "reason": n.reason,
        }
        for n in notes
    ]
    frame = pd.DataFrame.from_records(records, columns=list(REPORT_COLUMNS))
    frame["row"] = frame["row"].astype("Int64")
    frame = frame.sort_values(["file", "row"], kind="stable", na_position="last")
    return frame.reset_index(drop=True)


def read_hsds(
    path: PathLike,
    *,
    taxonomy_map: TaxonomyMap | None = None,
    themes_from_text: bool = False,
    level: str | None = None,
    id_prefix: str = "",
    include_inactive: bool = True,
    name: str | None = None,
    limits: Limits | None = None,
) -> nx.MultiDiGraph:
    """Read an Open Referral (HSDS 1.x or 3.0) package as a social map.

    Organizations become organisation nodes, services initiative nodes (run
    by their organisation), locations place nodes with ``located_at``
    edges. Eligibility, ages, languages, service areas, fees, schedules,
    capacity, taxonomy terms and the assured (or last-modified) date fill the
    offers' fields; see :doc:`/open-referral` for every mapping.

    Parameters
    ----------
    path : str or path-like
        A folder or ``.zip`` with ``datapackage.json`` and CSV files (a
        folder of HSDS CSV files without ``datapackage.json`` also works), or
        an HSDS 3.0 JSON file: a service or organization object, a list of
        them, an API page with ``contents``, or an object of table -> list.
    taxonomy_map : mapping, DataFrame or path, optional
        Taxonomy term (name or code) -> theme code(s); a value of ``None``
        or ``""`` marks a known term without a theme. A table needs the
        columns ``term`` and ``theme``. Replaces
        :data:`DEFAULT_TAXONOMY_MAP` (extend it with
        ``{**sk.DEFAULT_TAXONOMY_MAP, ...}``).
    themes_from_text : bool, optional
        Default False. Give services without mapped taxonomy terms the themes whose
        taxonomy-map keys occur in their name or description. A heuristic:
        check the result.
    level : {"informal", "general", "specialised", "insured"}, optional
        The level of every imported offer; HSDS does not record it.
    id_prefix : str, default ""
        Put before every node id, e.g. ``"hsds:"`` gives ``"hsds:service:12"``,
        to keep a directory apart from a team's own ids.
    include_inactive : bool, optional
        Default True. Import services whose status is ``inactive`` or ``defunct`` (the
        status is kept in ``extra["x_status"]``). With False they are left
        out and reported.
    name : str, optional
        The map's name; the package's folder or file name by default.
    limits : sociale_kaart.io.limits.Limits, optional
        The bounds on the input (see :class:`~sociale_kaart.io.limits.Limits`
        and :doc:`/security`); the defaults when not given.

    Returns
    -------
    networkx.MultiDiGraph
        A valid map. ``G.graph["import_report"]`` is a DataFrame with one
        row per thing that was not imported as given: columns ``file``,
        ``row`` (the CSV line, the header being line 1), ``id``, ``column``,
        ``value``, ``action`` (``dropped row``, ``dropped value``,
        ``dropped link``, ``kept``, ``kept as text``, ``unmapped term``,
        ``changed id``, ``ignored table`` ...) and ``reason``.
        ``G.graph["hsds_version"]`` is ``"1.x"`` or ``"3.0"``.

    Raises
    ------
    DataError
        If no organization, service or location can be read from the
        package, or none of them is sound. Its ``errors`` hold the report.
    FileNotFoundError
        If ``path`` does not exist.
    ValueError
        If ``taxonomy_map`` names an unknown theme, or ``level`` is not a level.

    See Also
    --------
    write_hsds, merge, DEFAULT_TAXONOMY_MAP

    Notes
    -----
    Contacts (named people) are never imported. Node ids are namespaced by
    table, ``"<id_prefix><table>:<HSDS id>"`` (``"service:12"``,
    ``"organization:12"``, ``"location:12"``), so one number used as the id
    of an organisation, a service and a location gives three nodes without
    renaming anything; the HSDS id is kept in ``extra["x_hsds_id"]``. A
    package written by :func:`write_hsds` gives its map's own node ids back
    (kept in a ``sociale_kaart`` attribute), with ``id_prefix``. Times
    with am/pm are read (``5:00pm`` is 17:00); a schedule whose times or
    days cannot be read uses its ``original_text`` or is reported. The 1.x ``weekday`` counts from
    1 = Monday. A free-text fee is read only when it is one euro amount or
    says "free"; structured ``cost_option`` rows in other currencies are not
    converted.

    References
    ----------
    Open Referral (2023). *Human Services Data Specification 3.0*.
    https://docs.openreferral.org/en/latest/

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import sociale_kaart as sk
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "organizations.csv").write_text(
    ...     "id,name,description\\no1,Voedselbank Rivierstad,Food parcels\\n")
    >>> _ = (folder / "services.csv").write_text(
    ...     "id,organization_id,name,description,status\\n"
    ...     "s1,o1,Uitgiftepunt,<p>Parcels every <b>Friday</b> &amp; Monday</p>,active\\n"
    ...     "s2,o9,Budget coaching,For adults 18+ in the county,active\\n")
    >>> _ = (folder / "eligibility.csv").write_text(
    ...     "id,service_id,eligibility\\ne1,s2,adults 18+ in the county\\n")
    >>> G = sk.read_hsds(folder)
    >>> sorted(G)
    ['organization:o1', 'service:s1', 'service:s2']
    >>> G.nodes["service:s1"]["description"], G.nodes["service:s1"]["organisation"]
    ('Parcels every Friday & Monday', 'organization:o1')
    >>> G.nodes["service:s2"]["min_age"], G.nodes["service:s2"]["extra"]["x_hsds_id"]
    (18, 's2')
    >>> for r in G.graph["import_report"].itertuples():
    ...     print(f"{r.file}, row {r.row}, {r.action}: {r.reason}")
    eligibility.csv, row 2, kept as text: the rest of 'adults 18+ in the county' (area, ...
    services.csv, row 3, kept: organization 'o9' is not in the organizations table ...
    """
    if level is not None and level not in LEVELS:
        raise ValueError(f"level must be one of {', '.join(LEVELS)} or None, not {level!r}")
    if not isinstance(id_prefix, str):
        raise TypeError(f"id_prefix must be text, not {type(id_prefix).__name__}")
    matcher = TaxonomyMatcher(_taxonomy_map(taxonomy_map))
    with gc_paused():  # many small dicts, no cycles: see _builder.gc_paused
        package = load_package(path, limits=DEFAULT_LIMITS if limits is None else limits)
        mapper = _mapper(package, matcher, themes_from_text, level, id_prefix, include_inactive)
    source = str(path)
    graph_name = name or Path(path).stem or "hsds"
    records = mapper.records
    for _ in range(_MAX_BUILD_ATTEMPTS):
        tables = _tables(records)
        if not any(tables[t].rows for t in ("organisations", "initiatives", "places")):
            raise DataError(
                [
                    Problem(
                        Path(path).name,
                        None,
                        None,
                        None,
                        "nothing in this package could be imported: see the problems below",
                    ),
                    *(Problem(n.file, n.row, n.column, n.value, n.reason) for n in mapper.notes),
                ],
                source=source,
            )
        try:
            G = build_graph(tables, name=graph_name, source=source)
        except DataError as err:  # a safety net: the mapper should have caught it
            records = _drop_rejected(records, err.errors, mapper.notes)
            continue
        G.graph["import_report"] = _report_frame(mapper.notes)
        G.graph["hsds_version"] = package.version
        return G
    raise DataError(  # pragma: no cover - only if the builder keeps rejecting rows
        [Problem(n.file, n.row, n.column, n.value, n.reason) for n in mapper.notes],
        source=source,
    )


def _mapper(
    package: Package,
    matcher: TaxonomyMatcher,
    themes_from_text: bool,
    level: str | None,
    id_prefix: str,
    include_inactive: bool,
) -> Mapper:
    mapper = Mapper(
        package,
        matcher=matcher,
        vocabulary=default_vocabulary(),
        themes_from_text=themes_from_text,
        level=level,
        id_prefix=id_prefix,
        include_inactive=include_inactive,
    )
    mapper.run()
    return mapper


def _where(label: str, line: int | None, where: str | None) -> str:
    return f"{label} {where}" if where else f"{label}, row {line}"


def _tables(
    records: Mapping[str, list[tuple[dict[str, Any], str, int | None, str | None]]],
) -> dict[str, Table]:
    tables = {}
    for table_name, items in records.items():
        columns = list(table_columns(table_name))
        extra = sorted({k for values, *_ in items for k in values if k not in columns})
        rows = [
            Row(values, line, where=_where(label, line, where))
            for values, label, line, where in items
        ]
        tables[table_name] = Table(table_name, table_name, columns + extra, rows)
    return tables


def _drop_rejected(
    records: Mapping[str, list[tuple[dict[str, Any], str, int | None, str | None]]],
    problems: Sequence[Problem],
    notes: list[Note],
) -> dict[str, list[tuple[dict[str, Any], str, int | None, str | None]]]:
    bad = {p.file for p in problems}
    out: dict[str, list[tuple[dict[str, Any], str, int | None, str | None]]] = {}
    for table_name, items in records.items():
        keep = []
        for item in items:
            values, label, line, where = item
            here = _where(label, line, where)
            if here in bad:
                reasons = "; ".join(p.message for p in problems if p.file == here)
                notes.append(
                    Note(label, line, values.get("id"), None, None, "dropped row", reasons)
                )
            else:
                keep.append(item)
        out[table_name] = keep
    return out


def write_hsds(
    G: nx.MultiDiGraph,
    path: PathLike,
    *,
    fields: Iterable[str] | None = None,
    title: str | None = None,
) -> Path:
    """Write the map's organisations, initiatives and places as an HSDS 3.0 package.

    Initiatives become services (with ``organization_id`` from their
    organisation), organisations organizations, places locations, and
    ``located_at`` edges of initiatives ``service_at_location`` rows, in the
    official HSDS 3.0 file names (``services.csv``, ``organizations.csv``
    ...) with every official column, so that the package validates against
    the official HSDS 3.0 data package. Ids are UUIDs: an HSDS id that is a
    UUID is kept, any other id becomes a UUID5 of its table and id
    (``sociale_kaart.io.hsds.write.hsds_uuid``), so the same map always
    gives the same package. Status (``inactive`` ...), alternate names,
    eligibility and fee texts, addresses and schedules (structured where
    they are ``"Mon, Tue 09:00-17:00"``) go to their HSDS columns and
    tables; web addresses are normalised (``www.x.org`` ->
    ``https://www.x.org``). Themes, level and status rules become
    ``attribute`` rows with ``sociale_kaart`` taxonomy terms; values HSDS has
    no column for (the node id, coordinates, capacity, a contact that is no
    email, web address or phone number, extra fields) become ``attribute``
    rows with the value in ``value``. :func:`read_hsds` reads all of it
    back, with the map's own node ids. Residents and professionals are
    never written.

    HSDS needs an organization for every service: an initiative without
    one gets a placeholder organization, marked as such, which
    :func:`read_hsds` leaves out again. A required organization
    description that the map lacks is filled with the name, and marked so.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A social map.
    path : str or path-like
        The folder to write: created if missing, with its parents; its HSDS
        files are replaced, other files are kept.
    fields : iterable of str, optional
        The offer and place fields to write (a whitelist; ``id``, ``name``
        and ``organisation`` are always written). All fields by default:
        offers and places hold no personal data.
    title : str, optional
        The package title; the map's name by default.

    Returns
    -------
    pathlib.Path
        The folder written (folder formats return the folder; the metadata
        is its ``datapackage.json``). The write is atomic: an interrupted
        write leaves the old package intact.

    Raises
    ------
    ValueError
        If ``fields`` names a field no offer or place has.

    Warns
    -----
    UserWarning
        Naming every value that had to change to fit HSDS: a web address
        that is not one (kept as a ``sociale_kaart`` attribute instead), a
        status that HSDS does not know (written as ``active``).

    See Also
    --------
    read_hsds

    Examples
    --------
    >>> import tempfile
    >>> import sociale_kaart as sk
    >>> G = sk.load_sample()
    >>> folder = sk.write_hsds(G, tempfile.mkdtemp())
    >>> H = sk.read_hsds(folder)
    >>> sorted(H.nodes["i_zwemmen"]["requires"]), H.nodes["i_zwemmen"]["organisation"]
    (['meedoen_pass'], 'o_zwembad')
    >>> any(H.nodes[n]["kind"] == "resident" for n in H)
    False
    """
    require_map(G)
    known = set().union(*HSDS_FIELDS.values())
    if fields is None:
        chosen = dict(HSDS_FIELDS)
    else:
        if isinstance(fields, str):
            raise TypeError("fields must be a list of field names, not one string")
        wanted = set(fields)
        unknown = sorted(wanted - known)
        if unknown:
            raise ValueError(
                f"fields has {unknown}, which no offer or place has; known: {sorted(known)}"
            )
        chosen = {kind: frozenset(f & wanted | {"name"}) for kind, f in HSDS_FIELDS.items()}
    with atomic_folder(path, owns=_owned_hsds) as tmp:
        write_package(G, tmp, chosen, title=title)
    return written_path(path)


def _owned_hsds(name: str) -> bool:
    """The entries of a folder that write_hsds replaces: its HSDS tables and metadata."""
    return name == "datapackage.json" or (
        name.endswith(".csv") and name[: -len(".csv")] in HSDS_TABLES
    )

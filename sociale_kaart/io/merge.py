"""Merge a directory (e.g. an HSDS import) into a team's own map, never overwriting.

A team's map and a service directory overlap: the library, the food bank and
the community centre are in both, under other ids and with slightly other
names. :func:`merge` adds the directory's offers and places to the team's
map, keeps the team's record wherever both describe the same thing, and
reports every match, likely duplicate and renamed id.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Callable, Mapping
from typing import Any

import networkx as nx
import pandas as pd

from sociale_kaart.core.builder import build_graph
from sociale_kaart.core.checks import require_map
from sociale_kaart.core.errors import DataError
from sociale_kaart.core.tables import node_link_tables
from sociale_kaart.core.vocabulary import OFFER_KINDS

__all__ = ["MERGE_REPORT_COLUMNS", "merge"]

#: Columns of ``G.graph["merge_report"]``.
MERGE_REPORT_COLUMNS: tuple[str, ...] = (
    "directory_id",
    "team_id",
    "kind",
    "status",
    "similarity",
    "reason",
)

Matcher = Callable[[Mapping[str, Any], Mapping[str, Any]], bool]

_SIMILAR = 0.85
_WORDS_RE = re.compile(r"[^a-z0-9]+")
_POSTCODE_RE = re.compile(r"(\d{4})\s*([A-Za-z]{2})?")


def _norm_name(text: Any) -> str:
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", str(text).lower())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _WORDS_RE.sub(" ", plain).strip()


def _postcode(G: nx.MultiDiGraph, node: Any) -> str | None:
    """A node's postcode: an ``x_postcode`` value, a postcode in ``x_address``, or its place's."""
    attrs = G.nodes[node]
    extra = attrs.get("extra") or {}
    for text in (extra.get("x_postcode"), extra.get("x_address")):
        if text:
            match = _POSTCODE_RE.search(str(text))
            if match:
                digits, letters = match.groups()
                return f"{digits}{(letters or '').upper()}"
    place = attrs.get("place")
    if place is not None and place in G and place != node:
        return _postcode(G, place)
    return None


def _family(kind: Any) -> str:
    return "offer" if kind in OFFER_KINDS else str(kind)


def merge(
    G_team: nx.MultiDiGraph,
    G_directory: nx.MultiDiGraph,
    *,
    on: str | Matcher = "name+postcode",
    id_prefix: str = "dir:",
) -> nx.MultiDiGraph:
    """Add a directory's offers and places to a team's map, never overwriting.

    Each directory node is compared with the team's nodes of the same family
    (offers: initiatives and organisations; places; other kinds by id only):

    - **matched**: the same thing by ``on``. The team's record is kept
      unchanged; the directory's edges are moved to it (e.g. a directory
      service run by a matched organisation is run by the team's one).
    - **possible duplicate**: not matched, but the names are alike
      (similarity at least 0.85) or equal with a postcode on one side only.
      Added, and reported for a person to decide.
    - **added**: new. If its id is already used in the team's map it gets
      ``id_prefix`` (status ``added, id changed``).

    Parameters
    ----------
    G_team : networkx.MultiDiGraph
        The team's map. It is not changed.
    G_directory : networkx.MultiDiGraph
        The directory, e.g. from :func:`read_hsds`. It is not changed.
    on : {"name+postcode", "name", "id"} or callable, default "name+postcode"
        How to decide two records are the same. ``"name+postcode"``: the
        same name (case, accents and punctuation ignored) and the same
        postcode, where both have one (from ``x_postcode``, a postcode in
        ``x_address``, or the offer's place). ``"name"``: the same name.
        ``"id"``: the same id and family. A callable gets the two nodes'
        attribute dicts (team, directory) and returns True for the same.
    id_prefix : str, default "dir:"
        Put before a directory id that the team's map already uses for
        something else.

    Returns
    -------
    networkx.MultiDiGraph
        A new, validated map (built through the same builder as every
        reader). ``G.graph["merge_report"]`` is a DataFrame with one row per
        directory node: ``directory_id``, ``team_id`` (the id it has, or the
        team node it matched or resembles), ``kind``, ``status``,
        ``similarity`` (of the names, 0-1) and ``reason``.

    Raises
    ------
    ValueError
        If ``on`` is not one of the names or a callable.
    DataError
        If the merged map is not valid (e.g. a theme code the team's
        vocabulary lacks), with every problem.

    See Also
    --------
    read_hsds

    Notes
    -----
    The name similarity is difflib's ratio :math:`2M / T` on normalised
    names (*M* matching characters, *T* characters in both). Themes of the
    two vocabularies are joined; the team's labels win.

    Examples
    --------
    >>> import pandas as pd
    >>> import sociale_kaart as sk
    >>> team = sk.load_sample()
    >>> directory = sk.from_frames(organisations=pd.DataFrame({
    ...     "id": ["d1", "d2", "d3"],
    ...     "name": ["Stichting Bibliotheek Rivierstad", "Stichting Biblioteek Rivierstad",
    ...              "Voedselbank Zuid"]}))
    >>> M = sk.merge(team, directory, on="name")
    >>> M.graph["merge_report"][["directory_id", "team_id", "status"]]
      directory_id        team_id              status
    0           d1  o_bibliotheek             matched
    1           d2  o_bibliotheek  possible duplicate
    2           d3             d3               added
    >>> "d1" in M, "d2" in M, M.nodes["o_bibliotheek"] == team.nodes["o_bibliotheek"]
    (False, True, True)
    """
    require_map(G_team, parameter="G_team")
    require_map(G_directory, parameter="G_directory")
    if isinstance(on, str):
        if on not in ("name+postcode", "name", "id"):
            raise ValueError(f"on must be 'name+postcode', 'name', 'id' or a callable, not {on!r}")
    elif not callable(on):
        raise ValueError(f"on must be 'name+postcode', 'name', 'id' or a callable, not {on!r}")

    team_by_name: dict[tuple[str, str], list[Any]] = {}
    team_names: dict[str, list[tuple[str, Any]]] = {}
    for node, attrs in G_team.nodes(data=True):
        family = _family(attrs.get("kind"))
        name = _norm_name(attrs.get("name"))
        if name:
            team_by_name.setdefault((family, name), []).append(node)
            team_names.setdefault(family, []).append((name, node))

    mapping: dict[Any, Any] = {}  # directory id -> id in the merged map
    report: list[dict[str, Any]] = []
    used = set(G_team.nodes)
    for node, attrs in sorted(G_directory.nodes(data=True), key=lambda item: str(item[0])):
        kind = attrs.get("kind")
        family = _family(kind)
        name = _norm_name(attrs.get("name"))
        match, similar, score, why = None, None, 0.0, ""
        if callable(on):
            for other, other_attrs in G_team.nodes(data=True):
                if _family(other_attrs.get("kind")) == family and on(other_attrs, attrs):
                    match, score, why = other, 1.0, "the matcher says they are the same"
                    break
        elif on == "id" or family not in ("offer", "place"):
            if node in G_team and _family(G_team.nodes[node].get("kind")) == family:
                match, score, why = node, 1.0, "the same id"
        else:
            candidates = team_by_name.get((family, name), []) if name else []
            for other in candidates:
                if on == "name":
                    match, score, why = other, 1.0, "the same name"
                    break
                mine, theirs = _postcode(G_directory, node), _postcode(G_team, other)
                if mine and theirs:
                    if mine == theirs:
                        match, score, why = other, 1.0, "the same name and postcode"
                        break
                    continue
                similar, score = other, 1.0
                why = "the same name, but a postcode is missing on one side"
        if match is None and similar is None and name and family in ("offer", "place"):
            best, best_score = None, 0.0
            for other_name, other in team_names.get(family, []):
                ratio = difflib.SequenceMatcher(None, name, other_name).ratio()
                if ratio > best_score:
                    best, best_score = other, ratio
            if best is not None and best_score >= _SIMILAR:
                similar, score = best, best_score
                why = f"a similar name ({G_team.nodes[best].get('name')!r})"
        if match is not None:
            mapping[node] = match
            report.append(
                {
                    "directory_id": node,
                    "team_id": match,
                    "kind": kind,
                    "status": "matched",
                    "similarity": round(score, 3),
                    "reason": f"{why}: the team's record is kept",
                }
            )
            continue
        new_id = node
        status = "added"
        reason = "new"
        if node in used:
            new_id = f"{id_prefix}{node}"
            while new_id in used:
                new_id = f"{id_prefix}{new_id}"
            status = "added, id changed"
            reason = f"the id {node!r} is used in the team's map for something else"
        used.add(new_id)
        mapping[node] = new_id
        if similar is not None:
            status = "possible duplicate"
            reason = f"added as {new_id!r}; {why}: check and merge by hand"
        report.append(
            {
                "directory_id": node,
                "team_id": new_id if similar is None else similar,
                "kind": kind,
                "status": status,
                "similarity": round(score, 3) if similar is not None else None,
                "reason": reason,
            }
        )

    nodes: list[tuple[Any, dict[str, Any]]] = [(n, dict(a)) for n, a in G_team.nodes(data=True)]
    matched = {d for d, t in mapping.items() if t in G_team}
    for node, attrs in G_directory.nodes(data=True):
        if node in matched:
            continue
        values = dict(attrs)
        for ref in ("organisation", "place"):
            if values.get(ref) is not None:
                values[ref] = mapping.get(values[ref], values[ref])
        nodes.append((mapping[node], values))
    edges: list[tuple[Any, Any, Any, dict[str, Any]]] = [
        (u, v, k, dict(a)) for u, v, k, a in G_team.edges(keys=True, data=True)
    ]
    seen = {(u, v, k) for u, v, k, _ in edges}
    for u, v, k, attrs in G_directory.edges(keys=True, data=True):
        if attrs.get("implied"):
            continue
        triple = (mapping[u], mapping[v], k)
        if triple in seen or triple[0] == triple[1]:
            continue
        seen.add(triple)
        edges.append((*triple, dict(attrs)))
    themes = dict(G_directory.graph.get("themes") or {})
    themes.update(G_team.graph.get("themes") or {})
    tables, problems = node_link_tables(nodes, edges, themes, label="merged map")
    if problems:
        raise DataError(problems, source="merge")
    name = G_team.graph.get("name")
    merged = build_graph(tables, name=name, source="merge")
    frame = pd.DataFrame.from_records(report, columns=list(MERGE_REPORT_COLUMNS))
    frame["similarity"] = frame["similarity"].astype("Float64")
    merged.graph["merge_report"] = frame
    return merged

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

__all__ = ["DUPLICATE_COLUMNS", "MERGE_REPORT_COLUMNS", "find_duplicates", "merge"]

#: Columns of ``G.graph["merge_report"]``.
MERGE_REPORT_COLUMNS: tuple[str, ...] = (
    "directory_id",
    "team_id",
    "kind",
    "status",
    "similarity",
    "reason",
)

#: Columns of :func:`find_duplicates` (indexed by ``node``).
DUPLICATE_COLUMNS: tuple[str, ...] = ("duplicate_of", "kind", "similarity", "reason")

Matcher = Callable[[Mapping[str, Any], Mapping[str, Any]], bool]

_SIMILAR = 0.85
_WORDS_RE = re.compile(r"[^a-z0-9]+")
_POSTCODE_RES = (
    re.compile(r"\b(\d{4})\s?([A-Za-z]{2})\b"),  # Dutch: 3311 AB
    re.compile(r"\b(\d{5})(?:-\d{4})?\b()"),  # US ZIP: 10001, 10001-1234
    re.compile(r"\b(\d{4})\b()"),  # Dutch digits only, Belgian, ...
)


def _norm_name(text: Any) -> str:
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", str(text).lower())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _WORDS_RE.sub(" ", plain).strip()


def _postcode_in(text: Any) -> str | None:
    for pattern in _POSTCODE_RES:
        match = pattern.search(str(text))
        if match:
            digits, letters = match.groups()
            return f"{digits}{(letters or '').upper()}"
    return None


def _postcode(G: nx.MultiDiGraph, node: Any, _seen: frozenset[Any] = frozenset()) -> str | None:
    """A node's postcode: ``x_postcode``, ``x_address_postal_code``, a postcode in
    ``x_address``, else its place's; an organisation borrows that of its location."""
    attrs = G.nodes[node]
    extra = attrs.get("extra") or {}
    for key in ("x_postcode", "x_address_postal_code", "x_address"):
        if extra.get(key):
            found = _postcode_in(extra[key])
            if found:
                return found
    seen = _seen | {node}
    places = []
    place = attrs.get("place")
    if place is not None and place in G:
        places.append(place)
    if attrs.get("kind") == "organisation":
        places.extend(
            sorted(
                (v for _, v, k in G.out_edges(node, keys=True) if k == "located_at"),
                key=str,
            )
        )
    for place in places:
        if place not in seen:
            found = _postcode(G, place, seen)
            if found:
                return found
    return None


def _family(kind: Any) -> str:
    return "offer" if kind in OFFER_KINDS else str(kind)


_BRANCH = "the same name at another postcode (another branch?)"


def _by_name_and_postcode(
    G_team: nx.MultiDiGraph, G_directory: nx.MultiDiGraph, node: Any, candidates: list[Any]
) -> tuple[Any, Any, float, str]:
    """(match, similar, score, why) among team records with the same name."""
    mine = _postcode(G_directory, node)
    kind = G_directory.nodes[node].get("kind")
    theirs = {other: _postcode(G_team, other) for other in candidates}
    if mine is not None:
        same = [o for o in candidates if theirs[o] == mine]
        if same:
            other = node if node in same else same[0]
            return other, None, 1.0, "the same name and postcode"
        missing = [o for o in candidates if theirs[o] is None]
        if missing:
            return None, missing[0], 1.0, "the same name, but a postcode is missing on one side"
        return None, candidates[0], 1.0, _BRANCH
    bare = [o for o in candidates if theirs[o] is None and G_team.nodes[o].get("kind") == kind]
    if node in bare or len(bare) == 1:
        other = node if node in bare else bare[0]
        return other, None, 1.0, "the same name and kind, and neither has a postcode"
    if bare:
        return None, bare[0], 1.0, "several team records have this name and no postcode"
    return None, candidates[0], 1.0, "the same name, but a postcode is missing on one side"


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
        postcode (from ``x_postcode``, ``x_address_postal_code``, a
        postcode in ``x_address``, or the offer's place; an organisation
        borrows the postcode of its location); when neither has a postcode,
        the same name and kind (one such team record, or the one with the
        same id). ``"name"``: the same name. ``"id"``: the same id and
        family. A callable gets the two nodes' attribute dicts (team,
        directory) and returns True for the same.
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
            if on == "name" and candidates:
                other = node if node in candidates else candidates[0]
                match, score, why = other, 1.0, "the same name"
            elif candidates:
                match, similar, score, why = _by_name_and_postcode(
                    G_team, G_directory, node, candidates
                )
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


_STOPWORDS = frozenset({"de", "het", "the", "stichting", "a", "an", "of", "van", "foundation"})


def _contact_key(attrs: Mapping[str, Any]) -> str | None:
    contact = str(attrs.get("contact") or "").strip().lower()
    return contact or None


def find_duplicates(G: nx.MultiDiGraph, *, similarity: float = _SIMILAR) -> pd.DataFrame:
    """Likely duplicates inside one map or directory, with the reasons.

    Offers (initiatives and organisations) and places are compared within
    their family. A pair is reported when the names are the same (case,
    accents and punctuation ignored) or alike (difflib ratio at least
    ``similarity``, for names that share their first word), and

    - both have the same postcode (see :func:`merge`: ``x_postcode``,
      ``x_address_postal_code``, ``x_address``, the offer's place, an
      organisation's location), or
    - neither has a postcode and they are of the same kind, or
    - the names are the same and one side lacks a postcode.

    The same name with two different postcodes is two branches, not a
    duplicate. A shared contact (email, website or phone) is added to the
    reason. ``G`` is not changed; nothing is merged: a person decides.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A map, e.g. a directory from :func:`read_hsds`.
    similarity : float, default 0.85
        The least name similarity (0-1) for names that are alike but not
        the same.

    Returns
    -------
    pandas.DataFrame
        One row per pair, indexed by ``node`` (the later id of the two, in
        sorted order), with the columns ``duplicate_of`` (the earlier id),
        ``kind``, ``similarity`` (of the names, 0-1) and ``reason``. Empty
        when there are none.

    Raises
    ------
    ValueError
        If ``similarity`` is not between 0 and 1.

    See Also
    --------
    merge

    Notes
    -----
    The name similarity is difflib's ratio :math:`2M / T` on normalised
    names (*M* matching characters, *T* characters in both), as in
    :func:`merge`. Alike names are compared only within blocks of the same
    first word, and names whose numbers differ ("Service 12", "Service 13") are not
    alike, so a directory of thousands of records takes seconds.

    Examples
    --------
    >>> import pandas as pd
    >>> import sociale_kaart as sk
    >>> G = sk.from_frames(organisations=pd.DataFrame({
    ...     "id": ["a", "b", "c", "d"],
    ...     "name": ["Voedselbank Zuid", "VOEDSELBANK ZUID", "Voedselbank Zuidd", "Buurthuis"],
    ...     "x_postcode": ["3311 AB", "3311AB", "3311 AB", ""]}))
    >>> sk.find_duplicates(G)[["duplicate_of", "similarity", "reason"]]
         duplicate_of  similarity                                       reason
    node
    b               a         1.0          the same name and the same postcode
    c               a        0.97  a similar name (0.97) and the same postcode
    c               b        0.97  a similar name (0.97) and the same postcode
    """
    require_map(G)
    if not 0.0 <= float(similarity) <= 1.0:
        raise ValueError(f"similarity must be between 0 and 1, not {similarity!r}")
    records: list[tuple[str, str, Any, str | None, Any]] = []
    for node, attrs in G.nodes(data=True):
        family = _family(attrs.get("kind"))
        name = _norm_name(attrs.get("name"))
        if name and family in ("offer", "place"):
            records.append((family, name, node, _postcode(G, node), attrs.get("kind")))
    records.sort(key=lambda r: (r[0], r[1], str(r[2])))
    blocks: dict[tuple[str, str], list[tuple[str, str, Any, str | None, Any]]] = {}
    for record in records:
        words = [w for w in record[1].split() if w not in _STOPWORDS] or record[1].split()
        blocks.setdefault((record[0], words[0]), []).append(record)
    rows: list[dict[str, Any]] = []
    for block in blocks.values():
        for i, (_, name_a, a, pc_a, kind_a) in enumerate(block):
            digits_a = re.findall(r"\d+", name_a)
            for _, name_b, b, pc_b, kind_b in block[i + 1 :]:
                same = name_a == name_b
                if not same:
                    if digits_a != re.findall(r"\d+", name_b):
                        continue  # "Service 12" and "Service 13" are two things
                    matcher = difflib.SequenceMatcher(None, name_a, name_b)
                    if (
                        matcher.real_quick_ratio() < similarity
                        or matcher.quick_ratio() < similarity
                    ):
                        continue
                score = 1.0 if same else matcher.ratio()
                if score < similarity:
                    continue
                what = "the same name" if same else f"a similar name ({score:.2f})"
                if pc_a is not None and pc_a == pc_b:
                    why = f"{what} and the same postcode"
                elif pc_a is None and pc_b is None and kind_a == kind_b:
                    why = f"{what} and kind, and neither has a postcode"
                elif same and (pc_a is None) != (pc_b is None):
                    why = f"{what}, and a postcode on one side only"
                else:
                    continue
                contact = _contact_key(G.nodes[a])
                if contact is not None and contact == _contact_key(G.nodes[b]):
                    why += f"; the same contact ({G.nodes[a].get('contact')})"
                first, second = sorted((a, b), key=str)
                rows.append(
                    {
                        "node": second,
                        "duplicate_of": first,
                        "kind": G.nodes[second].get("kind"),
                        "similarity": round(score, 3),
                        "reason": why,
                    }
                )
    frame = pd.DataFrame.from_records(rows, columns=["node", *DUPLICATE_COLUMNS])
    frame["similarity"] = frame["similarity"].astype("Float64")
    frame = frame.sort_values(["node", "duplicate_of"], key=lambda c: c.astype(str))
    return frame.set_index("node")

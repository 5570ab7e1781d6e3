"""Argument checks shared by every public function: is it a map, does the attribute exist.

Each check raises one clear error that says what to do, so that a wrong
argument never turns into a silent empty result:

- :func:`require_map` raises :class:`~sociale_kaart.core.errors.NotAMapError`
  when a function that needs a social map gets some other graph;
- :func:`check_node_attribute` raises :class:`ValueError`, with a "did you
  mean" hint, when a parameter names a node attribute that no node has and
  that is no field of the map's records either (a typo);
  :func:`check_edge_attribute` does the same for an edge attribute
  (``weight``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import networkx as nx

from sociale_kaart.core.errors import NotAMapError
from sociale_kaart.core.records import MODELS, Relation
from sociale_kaart.core.themes import nearest_code

__all__ = [
    "MAP_CHECKED",
    "check_edge_attribute",
    "check_node_attribute",
    "chosen_codes",
    "node_attributes",
    "record_fields",
    "require_map",
]

#: Dutch names a user may type for a field, for the "did you mean" hint.
_DUTCH = {
    "buurt": "neighbourhood",
    "wijk": "neighbourhood",
    "buurten": "neighbourhoods",
    "organisatie": "organisation",
    "soort": "kind",
    "rol": "role",
    "niveau": "level",
    "naam": "name",
}

#: The key under which a graph's ``__networkx_cache__`` remembers that it passed.
MAP_CHECKED = "sociale_kaart.map_checked"

#: What the error says to do instead.
BUILD_HINT = (
    "build a map with sk.from_frames(...) or sk.read_csv(...) (or another sk.read_* "
    "function); see docs/data-format"
)


def require_map(G: Any, *, parameter: str = "G") -> None:
    """Raise :class:`NotAMapError` unless ``G`` is a social map.

    A social map is a :class:`networkx.MultiDiGraph` whose every node has a
    ``kind``. An empty ``MultiDiGraph`` is an (empty) map. The check only
    looks at the structure; :func:`sociale_kaart.validate` checks the values.

    A graph that passed is remembered in its ``__networkx_cache__`` (under
    :data:`MAP_CHECKED`), which networkx empties whenever a node or edge is
    added or removed, so that the check costs nothing on the next call. It
    follows the index's rule for in-place edits: after ``del G.nodes[n]["kind"]``
    call :func:`sociale_kaart.clear_cache`, which forgets it with the index.

    Parameters
    ----------
    G : object
        The object a public function received as its map.
    parameter : str, default "G"
        The parameter's name, used in the message.

    Raises
    ------
    NotAMapError
        If ``G`` is not a ``MultiDiGraph``, or one of its nodes has no
        ``kind``. The message names the way to build a map.

    Examples
    --------
    >>> import networkx as nx
    >>> import sociale_kaart as sk
    >>> from sociale_kaart.core.checks import require_map
    >>> require_map(sk.load_sample())  # a map: nothing happens
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("a")
    >>> require_map(G)
    Traceback (most recent call last):
    ...
    sociale_kaart.core.errors.NotAMapError: G is not a social map: none of its 1 node has a 'kind'; build a map with sk.from_frames(...) or sk.read_csv(...) (or another sk.read_* function); see docs/data-format
    """  # noqa: E501
    if not isinstance(G, nx.MultiDiGraph):
        what = type(G).__name__
        article = "an" if what[:1].lower() in "aeiou" else "a"
        raise NotAMapError(
            f"{parameter} is not a social map: it is {article} {what}, not a "
            f"networkx.MultiDiGraph; {BUILD_HINT}"
        )
    cache = getattr(G, "__networkx_cache__", None)
    if isinstance(cache, dict) and cache.get(MAP_CHECKED) is True:
        return
    missing = [node for node, kind in G.nodes(data="kind") if kind is None]
    if not missing:
        if isinstance(cache, dict):
            cache[MAP_CHECKED] = True
        return
    n = G.number_of_nodes()
    if len(missing) == n:
        which = f"none of its {n} node{'s' if n != 1 else ''} has a 'kind'"
    else:
        which = f"{len(missing)} of its {n} nodes, such as {missing[0]!r}, have no 'kind'"
    raise NotAMapError(f"{parameter} is not a social map: {which}; {BUILD_HINT}")


def node_attributes(G: nx.Graph) -> set[str]:
    """The node attribute names that at least one node of ``G`` gives a value (not None).

    Examples
    --------
    >>> import sociale_kaart as sk
    >>> from sociale_kaart.core.checks import node_attributes
    >>> {"kind", "neighbourhood", "organisation"} <= node_attributes(sk.load_sample())
    True
    """
    names: set[str] = set()
    for _, attrs in G.nodes(data=True):
        names.update(key for key, value in attrs.items() if value is not None)
    return names


def record_fields() -> set[str]:
    """The node fields of a map: ``kind`` and the fields of every record model.

    ``id`` (the node itself) and ``extra`` (the dictionary of unknown
    columns) are left out.

    Examples
    --------
    >>> from sociale_kaart.core.checks import record_fields
    >>> {"kind", "neighbourhood", "organisation", "role", "level"} <= record_fields()
    True
    """
    fields = {field for model in MODELS.values() for field in model.model_fields}
    return (fields | {"kind"}) - {"id", "extra"}


def check_node_attribute(G: nx.Graph, name: Any, *, parameter: str) -> None:
    """Raise :class:`ValueError` when ``name`` is a string that names no node attribute.

    Parameters that name a node attribute (``by``, ``color_by``, ...) call
    this, so that a typo raises instead of giving an all-zero table. A name
    passes when at least one node of ``G`` has a value for it, or when it is
    a field of the record models (:func:`record_fields`: a map may leave a
    field empty everywhere, and then no node has a group). Anything that is
    not a string (a callable, a mapping, a Series, ``None``) passes: the
    caller checks those itself.

    Parameters
    ----------
    G : networkx.Graph
        The map.
    name : object
        The value the caller passed.
    parameter : str
        The parameter's name, used in the message.

    Raises
    ------
    ValueError
        If ``name`` is a string, no node has a value for it and it is no
        record field; the message gives the closest name ("did you mean
        ...?") or lists the names there are.

    Examples
    --------
    >>> import sociale_kaart as sk
    >>> from sociale_kaart.core.checks import check_node_attribute
    >>> G = sk.load_sample()
    >>> check_node_attribute(G, "neighbourhood", parameter="by")  # it exists
    >>> check_node_attribute(G, "neighborhood", parameter="by")
    Traceback (most recent call last):
    ...
    ValueError: by='neighborhood' names no node attribute of the map; did you mean 'neighbourhood'?
    """
    if not isinstance(name, str) or name in record_fields():
        return  # a record field is known without a walk over every node
    known = record_fields() | node_attributes(G)
    if name in known:
        return
    hint = _DUTCH.get(name.strip().lower()) or nearest_code(name, sorted(known))
    if hint is not None:
        tip = f"did you mean {hint!r}?"
    else:
        tip = "use one of " + ", ".join(repr(k) for k in sorted(known))
    raise ValueError(f"{parameter}={name!r} names no node attribute of the map; {tip}")


def check_edge_attribute(G: nx.Graph, name: Any, *, parameter: str) -> None:
    """Raise :class:`ValueError` when ``name`` is a string that names no edge attribute.

    The edge twin of :func:`check_node_attribute`, for ``weight=``: a tie
    without the attribute counts as strength 1, so a misspelt name would
    silently give the unweighted answer. A name passes when at least one
    edge has a value for it, or when it is a field of
    :class:`~sociale_kaart.core.records.Relation` (``trust``, ``intensity``,
    ``hours_per_month``, ``since``). ``None`` and non-strings pass (the
    caller checks their type).

    Raises
    ------
    ValueError
        If ``name`` names no edge attribute; with a "did you mean" hint.

    Examples
    --------
    >>> import sociale_kaart as sk
    >>> from sociale_kaart.core.checks import check_edge_attribute
    >>> G = sk.load_sample()
    >>> check_edge_attribute(G, "trust", parameter="weight")
    >>> check_edge_attribute(G, "trsut", parameter="weight")
    Traceback (most recent call last):
    ...
    ValueError: weight='trsut' names no edge attribute of the map; did you mean 'trust'?
    """
    if not isinstance(name, str):
        return
    known = set(Relation.model_fields) - {"source", "target", "relation", "extra"}
    if name in known:
        return
    for _, _, attrs in G.edges(data=True):
        known.update(key for key, value in attrs.items() if value is not None)
        if name in known:
            return
    hint = nearest_code(name, sorted(known))
    tip = f"did you mean {hint!r}?" if hint else "use one of " + ", ".join(map(repr, sorted(known)))
    raise ValueError(f"{parameter}={name!r} names no edge attribute of the map; {tip}")


def chosen_codes(
    value: str | Iterable[str] | None, allowed: Sequence[str], *, parameter: str, what: str
) -> list[str]:
    """The codes a ``kinds=``-style argument asks for, in the order of ``allowed``.

    None means all of them; one code may be given as a string. An unknown
    code raises ValueError naming ``parameter``, the codes and the choices.

    Examples
    --------
    >>> chosen_codes(["b", "a"], ("a", "b", "c"), parameter="kinds", what="type")
    ['a', 'b']
    >>> chosen_codes("x", ("a", "b"), parameter="kinds", what="type")
    Traceback (most recent call last):
    ...
    ValueError: kinds: unknown type 'x'; choose from a, b
    """
    if value is None:
        return list(allowed)
    wanted = [value] if isinstance(value, str) else list(value)
    unknown = [k for k in wanted if k not in allowed]
    if unknown:
        raise ValueError(
            f"{parameter}: unknown {what} {', '.join(map(repr, unknown))}; "
            f"choose from {', '.join(allowed)}"
        )
    return [k for k in allowed if k in wanted]

"""Privacy by design: field whitelists, pseudonyms, and a disclosure check.

Three tools for maps that leave the team:

- :func:`~sociale_kaart.export_fields` turns a ``fields=`` argument into the whitelist every
  export uses. By default it leaves out the sensitive resident fields of
  :data:`~sociale_kaart.core.records.SENSITIVE_FIELDS` (names, birth year, needs,
  statuses, coordinates, postcode) and custom ``x_`` columns.
- :func:`~sociale_kaart.pseudonymise` replaces resident (and optionally professional) ids
  and names with keyed-hash pseudonyms, and coarsens where they live.
- :func:`~sociale_kaart.check_disclosure` finds residents who are unique, or in groups
  smaller than *k*, on a few quasi-identifiers (k-anonymity).

Counts published for others are suppressed below ``min_cell`` with the one
helper :func:`sociale_kaart.privacy.suppression.suppress_small`.

References
----------
Sweeney, L. (2002). k-anonymity: a model for protecting privacy.
*International Journal of Uncertainty, Fuzziness and Knowledge-Based Systems*,
10(5), 557-570. https://doi.org/10.1142/S0218488502001648

Krawczyk, H., Bellare, M., & Canetti, R. (1997). *HMAC: Keyed-hashing for
message authentication* (RFC 2104). https://doi.org/10.17487/RFC2104
"""

from __future__ import annotations

import hashlib
import hmac
import math
import warnings
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Literal

import networkx as nx
import pandas as pd

from sociale_kaart.core.builder import gc_paused
from sociale_kaart.core.checks import require_map
from sociale_kaart.core.records import KINDS, MODELS, SENSITIVE_FIELDS

__all__ = [
    "DEFAULT_QUASI_IDENTIFIERS",
    "check_disclosure",
    "export_fields",
    "pseudonym",
    "pseudonymise",
]

#: The quasi-identifiers :func:`~sociale_kaart.check_disclosure` looks at by default.
#: Gender is among them: it is a sensitive field, and it splits small groups further.
DEFAULT_QUASI_IDENTIFIERS: tuple[str, ...] = (
    "neighbourhood",
    "birth_year_band",
    "gender",
    "languages",
    "degree_band",
)

_MIN_KEY_BYTES = 16
_DIGEST_CHARS = 20  # 80 bits: collisions are negligible for any neighbourhood
_PREFIX = {"resident": "r-", "professional": "p-"}
_METRES_PER_DEGREE = 111_320.0
_DEGREE_BANDS: tuple[tuple[int, int, str], ...] = (
    (0, 0, "0"),
    (1, 2, "1-2"),
    (3, 5, "3-5"),
    (6, 10, "6-10"),
    (11, 20, "11-20"),
)


# --------------------------------------------------------------------------- whitelist


def _model_fields(kind: str) -> tuple[str, ...]:
    return tuple(f for f in MODELS[kind].model_fields if f not in ("id", "extra"))


def export_fields(
    fields: Iterable[str] | Mapping[str, Iterable[str]] | None = None,
) -> dict[str, tuple[str, ...]]:
    """The node attributes an export may write, per kind: the ``fields=`` whitelist.

    Parameters
    ----------
    fields : iterable of str or mapping, optional
        ``None`` (the default): every field except the sensitive ones of
        :data:`~sociale_kaart.core.records.SENSITIVE_FIELDS` and custom columns.
        A list of names: those fields, for every kind that has them (a
        sensitive field is written only when named here). A mapping
        ``{kind: [names]}``: per kind; kinds left out get the default.
        Name ``"extra"`` to include all custom ``x_`` columns, or one by its
        name (``"x_note"``).

    Returns
    -------
    dict of str to tuple of str
        Kind -> field names, in the models' order. ``kind`` and the id are
        always written and not listed.

    Raises
    ------
    ValueError
        If a name is not a field of any kind (the message lists them), or a
        mapping key is not a kind.
    TypeError
        If ``fields`` is a single string.

    See Also
    --------
    sociale_kaart.core.records.SENSITIVE_FIELDS, write_graphml, write_datapackage

    Examples
    --------
    >>> import sociale_kaart as sk
    >>> default = sk.export_fields()
    >>> "name" in default["resident"], "name" in default["initiative"]
    (False, True)
    >>> sk.export_fields(["neighbourhood", "birth_year"])["resident"]
    ('neighbourhood', 'birth_year')
    """
    if fields is None:
        return {
            k: tuple(f for f in _model_fields(k) if f not in SENSITIVE_FIELDS[k]) for k in KINDS
        }
    if isinstance(fields, str):
        raise TypeError(
            f"fields must be a list of field names, not the single string {fields!r}: "
            f"write fields=[{fields!r}]"
        )
    known = {f for k in KINDS for f in _model_fields(k)}
    if isinstance(fields, Mapping):
        out = export_fields(None)
        for kind, names in fields.items():
            if kind not in KINDS:
                raise ValueError(f"fields has the key {kind!r}, which is not a kind: {KINDS}")
            out[kind] = _chosen(kind, names, known)
        return out
    names = list(fields)
    return {kind: _chosen(kind, names, known) for kind in KINDS}


def _chosen(kind: str, names: Iterable[str], known: set[str]) -> tuple[str, ...]:
    if isinstance(names, str):
        raise TypeError(f"the fields of {kind!r} must be a list of names, not a string")
    wanted = list(names)
    for name in wanted:
        if name not in known and name != "extra" and not str(name).startswith("x_"):
            raise ValueError(
                f"fields names {name!r}, which is not a field; known fields: {sorted(known)}"
            )
    own = _model_fields(kind)
    out = [f for f in own if f in wanted]
    out += [f for f in wanted if f == "extra" or str(f).startswith("x_")]
    return tuple(dict.fromkeys(out))


# --------------------------------------------------------------------------- pseudonyms


#: Keys printed in documentation and tutorials (the library's own old examples among
#: them): anyone can try them, so they are refused.
_EXAMPLE_KEYS = frozenset(
    {
        "a long and secret key",
        "correct horse battery staple",
        "demo key - make a real one with secrets.token_hex(32)",
        "my secret key",
        "secret key",
        "changeme",
        "password",
    }
)
#: The least estimated entropy of a key, in bits.
_MIN_KEY_BITS = 40.0
_HOW = "make one with secrets.token_hex(32) and keep it apart from the data"


def _estimated_bits(data: bytes) -> float:
    """A key's entropy, estimated from its symbols (a repeated pattern counts once)."""
    for period in range(1, len(data) // 2 + 1):
        if len(data) % period == 0 and data == data[:period] * (len(data) // period):
            data = data[:period]
            break
    counts: dict[int, int] = {}
    for byte in data:
        counts[byte] = counts.get(byte, 0) + 1
    n = len(data)
    return -sum(c * math.log2(c / n) for c in counts.values())


def _key_bytes(key: str | bytes) -> bytes:
    if isinstance(key, str):
        data = key.encode("utf-8")
    elif isinstance(key, (bytes, bytearray)):
        data = bytes(key)
    else:
        raise TypeError(f"key must be text or bytes, not {type(key).__name__}")
    if len(data) < _MIN_KEY_BYTES:
        raise ValueError(f"key must be at least {_MIN_KEY_BYTES} bytes, not {len(data)}: {_HOW}")
    if data.decode("utf-8", "replace").strip().lower() in _EXAMPLE_KEYS:
        raise ValueError(f"this key is printed in documentation, so it is not secret: {_HOW}")
    bits = _estimated_bits(data)
    if bits < _MIN_KEY_BITS:
        raise ValueError(
            f"this key is too easy to guess (about {bits:.0f} bits, at least "
            f"{_MIN_KEY_BITS:.0f} needed; a repeated letter or pattern is weak): {_HOW}"
        )
    return data


def pseudonym(node_id: str, *, key: str | bytes, kind: str = "resident") -> str:
    """The keyed-hash pseudonym of one id, as :func:`pseudonymise` gives it.

    The team can use it, with the key, to find a person in an export.

    Parameters
    ----------
    node_id : str
        The original id.
    key : str or bytes
        The secret key: at least 16 bytes, not easy to guess, not an example
        key from documentation.
    kind : {"resident", "professional"}
        The prefix (``r-`` or ``p-``) and the hash domain.

    Returns
    -------
    str
        ``"r-"`` or ``"p-"`` and 20 hexadecimal characters of
        HMAC-SHA256(key, kind + NUL + id).

    Examples
    --------
    >>> import secrets
    >>> from sociale_kaart import pseudonym
    >>> key = secrets.token_hex(32)  # keep it apart from the data
    >>> pseudonym("r_samira", key=key) == pseudonym("r_samira", key=key)
    True
    >>> pseudonym("r_samira", key=key)[:2]
    'r-'
    """
    if kind not in _PREFIX:
        raise ValueError(f"kind must be 'resident' or 'professional', not {kind!r}")
    message = f"{kind}\x00{node_id}".encode()
    digest = hmac.new(_key_bytes(key), message, hashlib.sha256).hexdigest()
    return _PREFIX[kind] + digest[:_DIGEST_CHARS]


def _snap(lat: float, lon: float, metres: float) -> tuple[float, float]:
    step_lat = metres / _METRES_PER_DEGREE
    cell_lat = (math.floor(lat / step_lat) + 0.5) * step_lat
    cos = max(math.cos(math.radians(cell_lat)), 1e-6)
    step_lon = metres / (_METRES_PER_DEGREE * cos)
    cell_lon = (math.floor(lon / step_lon) + 0.5) * step_lon
    return round(max(-90.0, min(90.0, cell_lat)), 6), round(max(-180.0, min(180.0, cell_lon)), 6)


def pseudonymise(
    G: nx.MultiDiGraph,
    *,
    key: str | bytes,
    professionals: bool = False,
    coordinates: Literal["grid", "neighbourhood", "drop"] = "grid",
    grid_m: float = 500.0,
    birth_year_band: int | None = None,
) -> nx.MultiDiGraph:
    """A copy of the map with keyed-hash pseudonyms for residents (and professionals).

    Every resident id becomes ``r-`` and 20 hexadecimal characters of
    HMAC-SHA256 with the secret key; the name becomes that pseudonym too.
    The same key gives the same pseudonyms in every export, so a researcher
    can link two exports; without the key they cannot be traced back or
    linked to other data. Where residents live is coarsened: coordinates to
    a grid cell or the neighbourhood's centre, postcodes to their four
    digits. Custom ``x_`` values of pseudonymised people, and of the ties
    they take part in, are dropped. Pseudonymised nodes come after the
    others, sorted by pseudonym, and ties are sorted too, so the order of
    rows in an export says nothing about the original ids.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A social map. It is not changed.
    key : str or bytes
        The secret key, at least 16 bytes. It is never stored in the graph;
        keep it apart from the data (a password manager, not the export
        folder). Make one with ``secrets.token_hex(32)``.
    professionals : bool, optional
        Default False. Pseudonymise professionals' ids and names too (prefix ``p-``).
    coordinates : {"grid", "neighbourhood", "drop"}, default "grid"
        ``"grid"``: the centre of the ``grid_m`` x ``grid_m`` metre cell;
        ``"neighbourhood"``: the mean position of the neighbourhood's
        residents (None without a neighbourhood); ``"drop"``: None.
    grid_m : float, default 500
        The grid cell size in metres.
    birth_year_band : int, optional
        Round birth years down to a multiple of this (e.g. 5: 1987 -> 1985).

    Returns
    -------
    networkx.MultiDiGraph
        The pseudonymised copy. ``G.graph["pseudonymised"]`` records the
        method and options (never the key); ``source`` is cleared.

    Raises
    ------
    ValueError
        If the key is shorter than 16 bytes, too easy to guess (a repeated
        letter or pattern, under about 40 bits), an example key from
        documentation, or an option is out of range.
    TypeError
        If the key is not text or bytes.

    See Also
    --------
    pseudonym, check_disclosure, export_fields

    Notes
    -----
    The referral journal (``G.graph["referrals"]`` and ``["contacts"]``) is
    left out of the copy, with a warning: its dates and chains could single
    people out even under pseudonyms.

    Pseudonymised data is still personal data under the GDPR (recital 26):
    whoever holds the key can re-identify people. A grid cell is
    ``grid_m / 111320`` degrees of latitude high and
    ``grid_m / (111320 cos(latitude))`` degrees of longitude wide.

    References
    ----------
    Krawczyk, H., Bellare, M., & Canetti, R. (1997). *HMAC: Keyed-hashing
    for message authentication* (RFC 2104). https://doi.org/10.17487/RFC2104

    Examples
    --------
    >>> import secrets
    >>> import sociale_kaart as sk
    >>> G = sk.load_sample()
    >>> key = secrets.token_hex(32)  # keep it apart from the data
    >>> import warnings
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")  # the sample's journal is left out, and said so
    ...     P = sk.pseudonymise(G, key=key)
    >>> new = sk.pseudonym("r_samira", key=key)
    >>> P.nodes[new]["name"] == new, P.nodes[new]["postcode"]
    (True, '3311')
    >>> "r_samira" in P, P.number_of_edges() == G.number_of_edges()
    (False, True)
    """
    require_map(G)
    secret = _key_bytes(key)
    if coordinates not in ("grid", "neighbourhood", "drop"):
        raise ValueError(
            f"coordinates must be 'grid', 'neighbourhood' or 'drop', not {coordinates!r}"
        )
    if isinstance(grid_m, bool) or not isinstance(grid_m, (int, float)) or not grid_m > 0:
        raise ValueError(f"grid_m must be a positive number of metres, not {grid_m!r}")
    if birth_year_band is not None and (
        isinstance(birth_year_band, bool) or not isinstance(birth_year_band, int)
    ):
        raise TypeError(f"birth_year_band must be a whole number, not {birth_year_band!r}")
    if birth_year_band is not None and birth_year_band < 1:
        raise ValueError(f"birth_year_band must be at least 1, not {birth_year_band}")
    kinds = {"resident"} | ({"professional"} if professionals else set())

    centres: dict[str, tuple[float, float]] = {}
    if coordinates == "neighbourhood":
        sums: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
        for _, attrs in G.nodes(data=True):
            if attrs.get("kind") != "resident":
                continue
            hood, lat, lon = attrs.get("neighbourhood"), attrs.get("lat"), attrs.get("lon")
            if hood and lat is not None and lon is not None:
                acc = sums[hood]
                acc[0] += lat
                acc[1] += lon
                acc[2] += 1
        centres = {h: (round(a[0] / a[2], 6), round(a[1] / a[2], 6)) for h, a in sums.items()}

    mapping: dict[Any, str] = {}
    for node, attrs in G.nodes(data=True):
        kind = attrs.get("kind")
        if kind in kinds:
            mapping[node] = pseudonym(str(node), key=secret, kind=kind)
    if len(set(mapping.values())) != len(mapping):  # pragma: no cover - 2**-80 odds
        raise RuntimeError("two ids got the same pseudonym: use another key")

    left_out = [t for t in ("referrals", "contacts") if G.graph.get(t) is not None]
    if left_out:  # never a silent drop (the journal holds residents' histories)
        warnings.warn(
            f"pseudonymise: the referral journal ({' and '.join(left_out)}) is left out of the "
            "pseudonymised copy; it holds residents' histories and dates that could identify them",
            UserWarning,
            stacklevel=2,
        )
    with gc_paused():  # many small dicts, no cycles
        return _relabelled(G, mapping, kinds, coordinates, grid_m, centres, birth_year_band)


def _relabelled(
    G: nx.MultiDiGraph,
    mapping: Mapping[Any, str],
    kinds: set[str],
    coordinates: str,
    grid_m: float,
    centres: Mapping[str, tuple[float, float]],
    birth_year_band: int | None,
) -> nx.MultiDiGraph:
    P = nx.MultiDiGraph()
    P.graph.update(
        name=G.graph.get("name"),
        source=None,
        loaded_at=G.graph.get("loaded_at"),
        themes=G.graph.get("themes"),
        pseudonymised={
            "method": "HMAC-SHA256",
            "kinds": sorted(kinds),
            "coordinates": coordinates,
            "grid_m": float(grid_m) if coordinates == "grid" else None,
            "birth_year_band": birth_year_band,
        },
    )
    for node, attrs in G.nodes(data=True):
        if node not in mapping:
            P.add_node(node, **attrs)
    # in pseudonym order: the original order (r001, r002 ...) would give the ids away
    for node in sorted(mapping, key=mapping.__getitem__):
        new = dict(G.nodes[node])
        new_id = mapping[node]
        new["name"] = new_id
        new.pop("extra", None)  # custom columns may name them; absent is unset
        if new.get("kind") == "resident":
            _coarsen(new, coordinates, grid_m, centres, birth_year_band)
        P.add_node(new_id, **new)
    edges = []
    for u, v, k, attrs in G.edges(keys=True, data=True):
        new = dict(attrs)
        if u in mapping or v in mapping:
            new.pop("extra", None)  # notes on a person's ties may name them
        edges.append(
            (
                str(mapping.get(u, u)),
                str(mapping.get(v, v)),
                k,
                mapping.get(u, u),
                mapping.get(v, v),
                new,
            )
        )
    for *_, k, u, v, attrs in sorted(edges, key=lambda e: (e[0], e[1], str(e[2]))):
        P.add_edge(u, v, key=k, **attrs)
    return P


def _coarsen(
    attrs: dict[str, Any],
    coordinates: str,
    grid_m: float,
    centres: Mapping[str, tuple[float, float]],
    band: int | None,
) -> None:
    lat, lon = attrs.get("lat"), attrs.get("lon")
    if coordinates == "drop" or lat is None or lon is None:
        centre = None
    elif coordinates == "grid":
        centre = _snap(float(lat), float(lon), float(grid_m))
    else:
        centre = centres.get(attrs.get("neighbourhood") or "")
    if centre:
        attrs["lat"], attrs["lon"] = centre
    else:  # unset, as the builder leaves an unknown place
        attrs.pop("lat", None)
        attrs.pop("lon", None)
    postcode = attrs.get("postcode")
    if postcode:
        attrs["postcode"] = str(postcode)[:4]
    year = attrs.get("birth_year")
    if band is not None and year is not None:
        attrs["birth_year"] = int(year) // band * band


# --------------------------------------------------------------------------- disclosure


def _whole(value: Any) -> int | None:
    """A whole number from a cell (int, float or text such as "1980"), or None."""
    if value is None or value is pd.NA or isinstance(value, bool):
        return None
    try:
        number = float(str(value).strip().replace(",", "."))
    except ValueError:
        return None
    return int(number) if math.isfinite(number) else None


def _band(year: Any, width: int) -> str:
    whole = _whole(year)
    if whole is None:
        return "unknown"
    start = whole // width * width
    return f"{start}-{start + width - 1}"


def _degree_band(degree: Any) -> str:
    value = _whole(degree)
    if value is None:
        return "unknown"
    for low, high, label in _DEGREE_BANDS:
        if low <= value <= high:
            return label
    return f"{_DEGREE_BANDS[-1][1] + 1}+"


def _list_key(value: Any) -> str:
    if value is None or value is pd.NA:
        return ""
    if isinstance(value, float) and math.isnan(value):
        return ""
    if isinstance(value, str):
        items = [v.strip() for v in value.replace("|", ";").split(";")]
    elif isinstance(value, Mapping):
        items = [str(k) for k in value]
    elif hasattr(value, "tolist") or isinstance(value, (list, tuple, set, frozenset)):
        items = [str(v) for v in (value.tolist() if hasattr(value, "tolist") else value)]
    else:
        items = [str(value)]
    return ";".join(sorted(i for i in items if i))


def _resident_frame(G: nx.MultiDiGraph) -> pd.DataFrame:
    records = []
    for node, attrs in G.nodes(data=True):
        if attrs.get("kind") != "resident":
            continue
        neighbours = set(G.predecessors(node)) | set(G.successors(node))
        neighbours.discard(node)
        record = {k: v for k, v in attrs.items() if k != "extra"}
        record.update(attrs.get("extra") or {})
        record["id"] = node
        record["degree"] = len(neighbours)
        records.append(record)
    if not records:
        return pd.DataFrame(
            columns=["neighbourhood", "birth_year", "gender", "languages", "degree"]
        )
    return pd.DataFrame.from_records(records).set_index("id")


def check_disclosure(
    G_or_frame: nx.MultiDiGraph | pd.DataFrame,
    *,
    k: int = 5,
    quasi_identifiers: Sequence[str] = DEFAULT_QUASI_IDENTIFIERS,
    band_years: int = 10,
) -> pd.DataFrame:
    """Residents who are unique, or in a group smaller than ``k``, on quasi-identifiers.

    A quasi-identifier is something that is not a name but, combined with
    others, points to one person: the neighbourhood, a birth-year band, the
    languages spoken, the number of ties. A resident who is the only
    Arabic-speaking person over 80 in a buurt is identifiable without a
    name. Share such records only after coarsening or suppressing them.

    Parameters
    ----------
    G_or_frame : networkx.MultiDiGraph or pandas.DataFrame
        A map, or a table of residents (e.g. an export's node table; rows
        with a ``kind`` other than ``resident`` are ignored), indexed by id
        or with an ``id`` column.
    k : int, default 5
        The smallest safe group size (at least 2).
    quasi_identifiers : sequence of str
        Columns or attributes to combine. ``birth_year_band`` is made from
        ``birth_year`` (bands of ``band_years``), ``degree_band`` from the
        number of distinct neighbours in the map (or a ``degree`` column):
        0, 1-2, 3-5, 6-10, 11-20, 21+. List values (languages) count as the
        sorted set. Missing values form their own group ("unknown" or "").
        By default
        :data:`~sociale_kaart.privacy.pseudonyms.DEFAULT_QUASI_IDENTIFIERS`:
        neighbourhood, birth-year band, gender, languages and degree band. Birth years
        given as text count when they are numbers, else as "unknown".
    band_years : int, default 10
        The width of a birth-year band.

    Returns
    -------
    pandas.DataFrame
        One row per resident at risk, indexed by id, sorted by group size
        then id: the quasi-identifier values, ``group_size`` (how many
        residents share them) and ``unique`` (group size 1). Empty when no
        one is at risk, or when there are no residents.

    Raises
    ------
    ValueError
        If ``k`` is below 2, ``quasi_identifiers`` is empty, or a frame
        lacks a quasi-identifier column.
    TypeError
        If the input is neither a graph nor a DataFrame.

    See Also
    --------
    pseudonymise, sociale_kaart.privacy.suppression.suppress_small

    Notes
    -----
    A record is *k*-anonymous when at least *k* records share its values of
    every quasi-identifier (Sweeney 2002). The check reports the group size
    :math:`|\\{j : q(j) = q(i)\\}|` of every resident *i* whose group is
    smaller than *k*.

    References
    ----------
    Sweeney, L. (2002). k-anonymity: a model for protecting privacy.
    *International Journal of Uncertainty, Fuzziness and Knowledge-Based
    Systems*, 10(5), 557-570. https://doi.org/10.1142/S0218488502001648

    Examples
    --------
    >>> import sociale_kaart as sk
    >>> G = sk.load_sample()
    >>> risk = sk.check_disclosure(G, quasi_identifiers=["neighbourhood",
    ...     "birth_year_band", "languages"])
    >>> risk.loc[["r_oudste"]]
             neighbourhood birth_year_band languages  group_size  unique
    id
    r_oudste     Oude Dorp       1930-1939        ar           1    True
    """
    if isinstance(k, bool) or not isinstance(k, int) or k < 2:
        raise ValueError(f"k must be a whole number of at least 2, not {k!r}")
    if isinstance(quasi_identifiers, str):
        raise TypeError("quasi_identifiers must be a list of names, not one string")
    qis = list(quasi_identifiers)
    if not qis:
        raise ValueError("quasi_identifiers is empty: name at least one, e.g. 'neighbourhood'")
    if isinstance(band_years, bool) or not isinstance(band_years, int) or band_years < 1:
        raise ValueError(f"band_years must be a whole number of at least 1, not {band_years!r}")
    if isinstance(G_or_frame, nx.Graph):
        require_map(G_or_frame, parameter="G_or_frame")
        frame = _resident_frame(G_or_frame)
    elif isinstance(G_or_frame, pd.DataFrame):
        frame = G_or_frame
        if "kind" in frame.columns:
            frame = frame[frame["kind"] == "resident"]
        if "id" in frame.columns:
            frame = frame.set_index("id")
    else:
        raise TypeError(
            f"check_disclosure takes a social map or a DataFrame, not {type(G_or_frame).__name__}"
        )
    columns: dict[str, pd.Series] = {}
    for qi in qis:
        if qi in frame.columns:
            series = frame[qi]
            if (
                series.map(lambda v: isinstance(v, (list, tuple, set, dict))).any()
                or qi == "languages"
            ):
                series = series.map(_list_key)
            columns[qi] = series.map(lambda v: "" if v is None or v is pd.NA else v).fillna("")
        elif qi == "birth_year_band" and "birth_year" in frame.columns:
            columns[qi] = frame["birth_year"].map(lambda y: _band(y, band_years))
        elif qi == "degree_band" and "degree" in frame.columns:
            columns[qi] = frame["degree"].map(_degree_band)
        else:
            raise ValueError(
                f"quasi-identifier {qi!r} is not a column of the residents "
                f"({', '.join(map(str, frame.columns))}); give existing columns, or "
                "'birth_year_band' / 'degree_band' with a birth_year / degree column"
            )
    out = pd.DataFrame(columns, index=frame.index)
    out.index.name = "id"
    if out.empty:
        return out.assign(group_size=pd.Series(dtype="int64"), unique=pd.Series(dtype=bool))
    sizes = out.groupby(qis, dropna=False, sort=False)[qis[0]].transform("size")
    out["group_size"] = sizes.astype("int64")
    out["unique"] = out["group_size"] == 1
    out = out[out["group_size"] < k]
    out = out.assign(_order=out.index.map(str))
    return out.sort_values(["group_size", "_order"], kind="stable").drop(columns="_order")

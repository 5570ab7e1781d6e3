"""The ``lookups`` facet of the compiled index: what every gap detector reads.

The gap detectors ask the same questions many times (who supports this
resident, which offers does this professional know, may this resident use
that offer). :class:`GapIndex` answers them from plain dicts and sets built
in one pass over the graph, and caches eligibility by a resident's
*signature* and an offer's *restriction key* so that maps of 100,000
residents stay fast. Nothing here mutates the graph.

The gap functions get their index from the map's compiled index
(:meth:`~sociale_kaart.index.compiled.MapIndex.lookups`), which builds the
look-ups once per map and gives each ``today`` its own eligibility answers
(:meth:`GapIndex.for_day`).
"""

from __future__ import annotations

import copy
import datetime as _dt
import weakref
from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd

from sociale_kaart.core.eligibility import BLOCKING_RULES, RULE_FIELDS, evaluate
from sociale_kaart.core.vocabulary import OFFER_KINDS
from sociale_kaart.index.compiled import get_index
from sociale_kaart.index.edges import EdgeTable

#: Relations through which a person knows an offer.
AWARE_RELATIONS = frozenset({"knows_of", "refers", "participates", "volunteers", "works_for"})
#: Relations between two people (taken in both directions).
PEOPLE_RELATIONS = frozenset({"knows", "supports"})

Sig = tuple[Any, ...]
Key = tuple[Any, ...]


def need_weight(score: int | None) -> int:
    """ZRM weight of a need: ``6 - score`` (1 acute -> 5), unscored -> 3."""
    return 3 if score is None else 6 - int(score)


# The fields that the blocking rules read, from the rules' own declaration. The
# area rule is left out: it is checked apart (GapIndex.serves), which lets
# offers whose only restriction is the area skip eligibility entirely.
_KEY_RULES = tuple(rule for rule in BLOCKING_RULES if rule != "area")
_KEY_FIELDS = tuple(name for rule in _KEY_RULES for name in RULE_FIELDS[rule][0])
_SIG_FIELDS = tuple(dict.fromkeys(name for rule in _KEY_RULES for name in RULE_FIELDS[rule][1]))
# For each rule, where its fields sit in a key and in a signature (after the area).
_RULE_SLOTS = tuple(
    (
        tuple(_KEY_FIELDS.index(name) for name in RULE_FIELDS[rule][0]),
        tuple(_SIG_FIELDS.index(name) for name in RULE_FIELDS[rule][1]),
    )
    for rule in _KEY_RULES
)


def _hashable(value: Any) -> Any:
    return tuple(sorted(value)) if isinstance(value, (list, tuple)) else value


def _is_set(value: Any) -> bool:
    return value is not None and value != ()


def signature(attrs: Mapping[str, Any]) -> Sig:
    """The resident fields that eligibility reads: the neighbourhood, then the rest."""
    return (attrs.get("neighbourhood"), *(_hashable(attrs.get(name)) for name in _SIG_FIELDS))


def restriction_key(attrs: Mapping[str, Any]) -> Key | None:
    """The offer fields besides ``serves`` that can make a resident ineligible.

    Only the blocking rules (:data:`~sociale_kaart.core.eligibility.BLOCKING_RULES`)
    can say ``"no"``; the area rule is checked apart (:meth:`GapIndex.serves`),
    so an offer whose key is ``None`` is open to every resident of the
    neighbourhoods it serves.
    """
    values = {name: _hashable(attrs.get(name)) for name in _KEY_FIELDS}
    if "language" in (attrs.get("themes") or ()):
        values["languages"] = ()  # the language rule does not apply to language offers
    key = tuple(values[name] for name in _KEY_FIELDS)
    return key if any(_is_set(value) for value in key) else None


def _resident_fields_read(key: Key) -> tuple[tuple[int, str], ...]:
    """(position in a signature, field name) of what the rules this offer sets read."""
    positions = {
        1 + i
        for key_slots, sig_slots in _RULE_SLOTS
        if any(_is_set(key[j]) for j in key_slots)
        for i in sig_slots
    }
    return tuple((i, _SIG_FIELDS[i - 1]) for i in sorted(positions))


def _offer_from_key(key: Key) -> dict[str, Any]:
    return {
        name: list(value) if isinstance(value, tuple) else value
        for name, value in zip(_KEY_FIELDS, key, strict=True)
    }


class GapIndex:
    """Adjacency and attribute look-ups of a map, built once.

    One built directly holds its graph (:attr:`G`); the one in a map's
    compiled index holds it weakly, so that the index kept with a graph does
    not keep the graph alive.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The map.
    today : datetime.date
        The day eligibility (ages) is judged on.

    Examples
    --------
    >>> import datetime as dt
    >>> import sociale_kaart as sk
    >>> from sociale_kaart.index.lookups import GapIndex
    >>> G = sk.load_sample()
    >>> ix = GapIndex(G, today=dt.date(2026, 11, 21))
    >>> sorted(ix.supporters["r_henk"])
    ['p_maatschappelijk1', 'p_sportcoach']
    >>> ix.G is G
    True
    """

    _people: dict[Hashable, set[Hashable]] | None
    _ids: np.ndarray

    def __init__(self, G: nx.MultiDiGraph, *, today: _dt.date) -> None:
        self._graph = weakref.ref(G)
        self._keep: nx.MultiDiGraph | None = G
        self.today = today
        self.kind: dict[Hashable, str] = {}
        self.by_kind: dict[str, list[Hashable]] = {}
        for node, attrs in G.nodes(data=True):
            kind = str(attrs.get("kind"))
            self.kind[node] = kind
            self.by_kind.setdefault(kind, []).append(node)
        # A plain dict of the nodes' attribute dicts (not copies): much faster than G.nodes[n].
        self.attrs: dict[Hashable, dict[str, Any]] = dict(G.nodes(data=True))
        self._link(get_index(G).edges())
        self.offers: list[Hashable] = sorted(
            (n for k in OFFER_KINDS for n in self.by_kind.get(k, [])), key=str
        )
        self.offers_by_theme: dict[str, list[Hashable]] = defaultdict(list)
        self._theme_all: dict[str, list[Hashable]] = defaultdict(list)
        self._theme_nb: dict[tuple[str, str], list[Hashable]] = defaultdict(list)
        self.key: dict[Hashable, Key | None] = {}
        #: Offers open to every resident (no restriction, no ``serves``).
        self.open_all: set[Hashable] = set()
        #: Offers whose only restriction is ``serves``: offer -> the neighbourhoods.
        self.serves_only: dict[Hashable, frozenset[str]] = {}
        #: Offer -> its restriction key and served areas: offers with the same rule
        #: give every resident the same answer in :meth:`eligible`.
        self.rule: dict[Hashable, tuple[Key | None, frozenset[str] | None]] = {}
        for offer in self.offers:
            attrs = self.attrs[offer]
            self.key[offer] = restriction_key(attrs)
            served = frozenset(attrs["serves"]) if attrs.get("serves") else None
            self.rule[offer] = (self.key[offer], served)
            if self.key[offer] is None:
                if served is not None:
                    self.serves_only[offer] = served
                else:
                    self.open_all.add(offer)
            for theme in attrs.get("themes") or ():
                self.offers_by_theme[theme].append(offer)
                if attrs.get("serves"):
                    for nb in attrs["serves"]:
                        self._theme_nb[(theme, nb)].append(offer)
                else:
                    self._theme_all[theme].append(offer)
        #: Offers above the voorliggend veld: municipal maatwerk (``specialised``) and
        #: care covered by health insurance (``insured``).
        self.specialised: set[Hashable] = {
            o for o in self.offers if self.attrs[o].get("level") in ("specialised", "insured")
        }
        #: Offers with room (capacity unknown or above 0).
        self.room: set[Hashable] = {
            o
            for o in self.offers
            if (self.attrs[o].get("capacity") is None or self.attrs[o]["capacity"] > 0)
        }
        # Plain dicts from here on: the index is shared between calls, and a
        # look-up of a missing key must not add it.
        for name in (
            "resident_friends",
            "professional_ties",
            "aware",
            "knowers",
            "caseload",
            "supporters",
            "staff",
            "employers",
            "visitors",
            "located",
            "places_of",
            "offers_by_theme",
            "_theme_all",
            "_theme_nb",
        ):
            setattr(self, name, dict(getattr(self, name)))
        self._sig: dict[Hashable, Sig] = {}
        self._eligible: dict[tuple[tuple[Any, ...], Key], bool] = {}
        #: A resident's position in :meth:`residents`, for the eligibility masks.
        self.position: dict[Hashable, int] = {r: i for i, r in enumerate(self.residents())}
        # Per restriction key, whether each resident (by position) may use an offer
        # with that key, ages judged on ``today`` (built on first use, per day).
        self._masks: dict[Key, np.ndarray] = {}
        # Per tuple of signature positions: each resident's projection code, and
        # the distinct projections (day-independent, shared between days).
        self._signatures: list[list[Any]] | None = None
        self._projections: dict[tuple[int, ...], tuple[np.ndarray, list[tuple[Any, ...]]]] = {}
        #: Results the detectors derive from this index on its day, kept so that
        #: find_gaps and coverage on the same map and day compute them once
        #: (read only; cleared with the index).
        self.memo: dict[Hashable, Any] = {}
        self._reads: dict[Key, tuple[tuple[int, str], ...]] = {}
        self._free: dict[Hashable, frozenset[str]] = {}
        self._restricted: dict[Hashable, list[tuple[Hashable, frozenset[str]]]] = {}

    @property
    def G(self) -> nx.MultiDiGraph:
        """The map this index was built from."""
        G = self._graph()
        if G is None:
            raise RuntimeError("the map of this GapIndex no longer exists")
        return G

    @property
    def people(self) -> dict[Hashable, set[Hashable]]:
        """Node -> the nodes it has a ``knows`` or ``supports`` tie with, either way.

        Made on first use (only the resident-by-resident search
        :meth:`reachable_needs` reads it; :meth:`reached_needs` reads the
        tie arrays).
        """
        found = self._people
        if found is None:
            found = self._people = _sets(self._ids, *self._people_pairs)
        return found

    def release(self) -> None:
        """Hold the graph weakly from now on (the compiled index does this)."""
        self._keep = None

    def for_day(self, today: _dt.date) -> GapIndex:
        """This index with eligibility judged on another day.

        The look-ups are shared (nothing is rebuilt); only the cached
        eligibility answers, which depend on ages, start afresh.

        Examples
        --------
        >>> import datetime as dt
        >>> import sociale_kaart as sk
        >>> from sociale_kaart.index.lookups import GapIndex
        >>> ix = GapIndex(sk.load_sample(), today=dt.date(2026, 11, 21))
        >>> later = ix.for_day(dt.date(2030, 1, 1))
        >>> later.today, later.supporters is ix.supporters
        (datetime.date(2030, 1, 1), True)
        """
        other = copy.copy(self)
        other.today = today
        other._eligible = {}
        other._masks = {}
        other.memo = {}
        return other

    def _split_aware(self, person: Hashable) -> tuple[frozenset[str], list[Any]]:
        """Themes of the open-to-all offers a person knows, and the other offers."""
        free = self._free.get(person)
        if free is None:
            themes: set[str] = set()
            rest = []
            for offer in self.aware.get(person, ()):
                if self.kind[offer] not in OFFER_KINDS:
                    continue
                offer_themes = frozenset(self.attrs[offer].get("themes") or ())
                if offer in self.open_all:
                    themes |= offer_themes
                elif offer_themes:
                    rest.append((offer, offer_themes))
            free = self._free[person] = frozenset(themes)
            self._restricted[person] = rest
        return free, self._restricted[person]

    # ----------------------------------------------------------------- helpers

    def residents(self) -> list[Hashable]:
        return self.by_kind.get("resident", [])

    def professionals(self) -> list[Hashable]:
        return self.by_kind.get("professional", [])

    def _link(self, table: EdgeTable) -> None:
        """The look-ups of the ties, from the map's edge table (numpy over its arrays).

        Each dict of sets holds what one pass over ``G.edges(keys=True)`` would
        add, in the same order (keys by first appearance, members by edge):
        ``knows`` and ``supports`` join people both ways, and the edge's key
        names its relation.
        """
        nodes = table.nodes
        kinds = np.array([self.kind[v] for v in nodes], dtype=object)
        resident = np.asarray(kinds == "resident", dtype=bool)
        professional = np.asarray(kinds == "professional", dtype=bool)
        rel_code, rel_names = pd.factorize(pd.Series(table.keys, dtype=object))
        rel_code = np.asarray(rel_code)

        def rel(*names: str) -> np.ndarray:
            wanted = [i for i, name in enumerate(rel_names) if name in names]
            return np.isin(rel_code, wanted)

        u, v = table.src, table.dst
        ru, rv, pu, pv = resident[u], resident[v], professional[u], professional[v]
        knows, supports = rel("knows"), rel("supports")
        personal = knows | supports
        aware = rel(*AWARE_RELATIONS)
        works_for = rel("works_for")
        located = rel("located_at")

        def both_ways(mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
            a, b = u[mask], v[mask]
            return np.column_stack([a, b]).ravel(), np.column_stack([b, a]).ravel()

        #: Node ids by code (the edge table's order, which is the graph's) and back.
        self.nodes: list[Hashable] = nodes
        self.code: dict[Hashable, int] = {node: i for i, node in enumerate(nodes)}
        # The tie arrays behind :meth:`reached_needs` (codes of self.nodes).
        self._people_pairs = both_ways(personal)
        self._aware_pairs = (u[aware], v[aware])
        self._people: dict[Hashable, set[Hashable]] | None = None  # made on first use
        self._ids = np.empty(len(nodes), dtype=object)  # the ids as an array, for fast picks
        for i, node in enumerate(nodes):
            self._ids[i] = node
        ids = self._ids
        self.resident_friends = _sets(ids, *both_ways(personal & ru & rv))
        to_pro = personal & ((ru & pv) | (pu & rv))
        self.professional_ties = _sets(ids, np.where(ru, u, v)[to_pro], np.where(ru, v, u)[to_pro])
        self.aware = _sets(ids, u[aware], v[aware])
        self.knowers = _sets(ids, v[aware & pu], u[aware & pu])
        self.caseload = _sets(ids, u[supports], v[supports])
        self.supporters = _sets(ids, v[supports], u[supports])
        self.staff = _sets(ids, v[works_for], u[works_for])
        self.employers = _sets(ids, u[works_for], v[works_for])
        visits = rel("visits")
        self.visitors = _sets(ids, v[visits], u[visits])
        self.located = _sets(ids, v[located], u[located])
        self.places_of = _sets(ids, u[located], v[located])
        meets = rel("meets")
        grouping = (knows & pu & ~rv) | rel("refers", "partners") | meets
        #: Ties between non-residents that join groups (knows, meets, partners, refers).
        self.group_ties: list[tuple[Hashable, Hashable]] = [
            (nodes[a], nodes[b])
            for a, b in zip(u[grouping].tolist(), v[grouping].tolist(), strict=True)
        ]
        data = table.data
        self.meetings: list[tuple[Hashable, Hashable, float | None]] = []
        for e in np.flatnonzero(meets).tolist():
            hours = data[e].get("hours_per_month")
            self.meetings.append(
                (nodes[u[e]], nodes[v[e]], None if hours is None else float(hours))
            )

    def nodes_of(self, kind: str) -> list[Hashable]:
        return self.by_kind.get(kind, [])

    def needs(self, resident: Hashable) -> Mapping[str, int | None]:
        needs: Mapping[str, int | None] = self.attrs[resident].get("needs") or {}
        return needs

    def signature(self, resident: Hashable) -> Sig:
        sig = self._sig.get(resident)
        if sig is None:
            sig = self._sig[resident] = signature(self.attrs[resident])
        return sig

    def _signature_columns(self) -> list[list[Any]]:
        """The residents' signatures by field: column ``i`` holds slot ``i`` of
        :meth:`signature` for every resident, in the order of :meth:`residents` (made once).
        """
        found = self._signatures
        if found is None:
            records = [self.attrs[r] for r in self.residents()]
            found = [[record.get("neighbourhood") for record in records]]
            for name in _SIG_FIELDS:
                found.append([_hashable(record.get(name)) for record in records])
            self._signatures = found
        return found

    def eligible(self, resident: Hashable, offer: Hashable) -> bool:
        """Whether the rules do not say ``"no"`` (``"yes"`` or ``"unknown"``)."""
        if offer in self.open_all:
            return True
        if not self.serves(offer, self.attrs[resident].get("neighbourhood")):
            return False
        key = self.key[offer]
        if key is None:
            return True
        position = self.position.get(resident)
        if position is None:  # not a resident: judge the record itself
            return self._eligible_projection(self.signature(resident), key)
        return bool(self.mask(key)[position])

    def any_eligible(self, offer: Hashable, residents: Iterable[Hashable]) -> bool:
        """Whether :meth:`eligible` holds for one of ``residents``: the rule read once.

        Examples
        --------
        >>> import datetime as dt
        >>> import sociale_kaart as sk
        >>> from sociale_kaart.index.lookups import GapIndex
        >>> ix = GapIndex(sk.load_sample(), today=dt.date(2026, 11, 21))
        >>> people = ix.residents()[:3]
        >>> all(
        ...     ix.any_eligible(o, people) == any(ix.eligible(r, o) for r in people)
        ...     for o in ix.offers
        ... )
        True
        """
        if offer in self.open_all:
            return any(True for _ in residents)
        key, serves = self.rule[offer]
        allowed = None if key is None else self.mask(key)
        attrs, position = self.attrs, self.position
        for resident in residents:
            if serves is not None:
                area = attrs[resident].get("neighbourhood")
                if area is not None and area not in serves:
                    continue
            if key is None or allowed is None:
                return True
            at = position.get(resident)
            if at is None:  # not a resident: judge the record itself
                if self._eligible_projection(self.signature(resident), key):
                    return True
            elif allowed[at]:
                return True
        return False

    def eligible_sig(self, sig: Sig, offer: Hashable) -> bool:
        """Like :meth:`eligible`, for a resident signature (area included)."""
        if not self.serves(offer, sig[0]):
            return False
        key = self.key[offer]
        if key is None:
            return True
        return self._eligible_projection(sig, key)

    def _eligible_projection(self, sig: Sig, key: Key) -> bool:
        # Only the resident fields of the rules this offer sets go into the cache
        # key (an age limit reads the birth year, a language list the languages),
        # so residents share cached answers widely.
        reads = self._reads_of(key)
        return self._answer(tuple(sig[i] for i, _ in reads), key, reads)

    def _reads_of(self, key: Key) -> tuple[tuple[int, str], ...]:
        reads = self._reads.get(key)
        if reads is None:
            reads = self._reads[key] = _resident_fields_read(key)
        return reads

    def _answer(
        self, projection: tuple[Any, ...], key: Key, reads: tuple[tuple[int, str], ...]
    ) -> bool:
        cached = self._eligible.get((projection, key))
        if cached is None:
            resident = {
                name: list(value) if isinstance(value, tuple) else value
                for (_, name), value in zip(reads, projection, strict=True)
            }
            outcome, _, _ = evaluate(resident, _offer_from_key(key), today=self.today)
            cached = self._eligible[(projection, key)] = outcome != "no"
        return cached

    def mask(self, key: Key) -> np.ndarray:
        """Which residents (by :attr:`position`) the rules of ``key`` leave eligible.

        The area rule is not part of it (see :meth:`serves`). Built once per
        key and day, from one answer per distinct projection of the residents'
        signatures onto the fields the key's rules read: the same answers as
        :meth:`eligible_sig`, as a boolean array.

        Examples
        --------
        >>> import datetime as dt
        >>> import sociale_kaart as sk
        >>> from sociale_kaart.index.lookups import GapIndex
        >>> ix = GapIndex(sk.load_sample(), today=dt.date(2026, 11, 21))
        >>> offer = next(o for o in ix.offers if ix.key[o] and not ix.attrs[o].get("serves"))
        >>> allowed = ix.mask(ix.key[offer])
        >>> allowed.shape == (len(ix.residents()),)
        True
        >>> all(bool(allowed[ix.position[r]]) == ix.eligible(r, offer) for r in ix.residents())
        True
        """
        found = self._masks.get(key)
        if found is None:
            reads = self._reads_of(key)
            slots = tuple(i for i, _ in reads)
            projected = self._projections.get(slots)
            if projected is None:
                codes: dict[Any, int] = {}
                values: Iterable[Any]
                columns = self._signature_columns()
                if len(slots) == 1:  # a value for one slot, else a tuple
                    values = columns[slots[0]]
                elif slots:
                    values = zip(*(columns[i] for i in slots), strict=True)
                else:
                    values = iter([()] * len(self.position))
                add = codes.setdefault
                per_resident = [add(value, len(codes)) for value in values]
                if len(slots) == 1:
                    codes = {(value,): code for value, code in codes.items()}
                projected = self._projections[slots] = (
                    np.array(per_resident, dtype=np.int64),
                    list(codes),
                )
            code_of, distinct = projected
            answers = np.array([self._answer(p, key, reads) for p in distinct], dtype=bool)
            allowed = answers[code_of] if len(code_of) else np.zeros(0, dtype=bool)
            found = self._masks[key] = allowed
        return found

    def serves(self, offer: Hashable, neighbourhood: str | None) -> bool:
        """Whether the offer is open to the neighbourhood (unknown counts as open)."""
        serves = self.attrs[offer].get("serves") or ()
        return not serves or neighbourhood is None or neighbourhood in serves

    def offers_for(self, theme: str, neighbourhood: str | None) -> list[Hashable]:
        """The offers on ``theme`` open to ``neighbourhood`` (in no particular order)."""
        if neighbourhood is None:
            return self.offers_by_theme.get(theme, [])
        return self._theme_all.get(theme, []) + self._theme_nb.get((theme, neighbourhood), [])

    def level(self, offer: Hashable) -> str | None:
        level: str | None = self.attrs[offer].get("level")
        return level

    def has_room(self, offer: Hashable) -> bool:
        capacity = self.attrs[offer].get("capacity")
        return capacity is None or capacity > 0

    def name(self, node: Hashable) -> str:
        name = self.attrs[node].get("name")
        return str(name) if name else str(node)

    def team_of(self, professional: Hashable) -> str | None:
        team: str | None = self.attrs[professional].get("team")
        return team or None

    def works_in(self, professional: Hashable, neighbourhood: str | None) -> bool:
        nbs = self.attrs[professional].get("neighbourhoods") or ()
        return not nbs or neighbourhood is None or neighbourhood in nbs

    def rule_patterns(self) -> RulePatterns:
        """Every resident's answer to every offer rule, as one small table (per day).

        Residents with the same neighbourhood and the same answers to the
        restriction keys (:meth:`mask`) give the same answer to every rule of
        :attr:`rule`; such a group is a *pattern*. The table has one row per
        pattern and one column per rule, and says what :meth:`eligible` says
        for a resident of that pattern and an offer with that rule.

        Examples
        --------
        >>> import datetime as dt
        >>> import sociale_kaart as sk
        >>> from sociale_kaart.index.lookups import GapIndex
        >>> ix = GapIndex(sk.load_sample(), today=dt.date(2026, 11, 21))
        >>> pat = ix.rule_patterns()
        >>> all(
        ...     bool(pat.table[pat.of_resident[ix.position[r]], pat.rule_id[ix.rule[o]]])
        ...     == ix.eligible(r, o)
        ...     for r in ix.residents()
        ...     for o in ix.offers
        ... )
        True
        """
        found = self.memo.get("rule_patterns")
        if isinstance(found, RulePatterns):
            return found
        rule_id: dict[tuple[Key | None, frozenset[str] | None], int] = {}
        for offer in self.offers:
            rule_id.setdefault(self.rule[offer], len(rule_id))
        rules = list(rule_id)
        key_id: dict[Key | None, int] = {None: 0}
        for key, _ in rules:
            key_id.setdefault(key, len(key_id))
        keys = [key for key in key_id if key is not None]
        n = len(self.position)
        nb_codes: dict[str | None, int] = {}
        nb_of = [
            nb_codes.setdefault(self.attrs[r].get("neighbourhood"), len(nb_codes))
            for r in self.residents()
        ]
        nb_names = list(nb_codes)
        columns = [np.array(nb_of, dtype=np.int64).reshape(n, 1)]
        columns += [self.mask(key).astype(np.int64).reshape(n, 1) for key in keys]
        every = np.hstack(columns)
        if len(keys) < 40:  # one int per resident (neighbourhood, then a bit per key): fast
            packed = every[:, 0] << len(keys)
            for i in range(len(keys)):
                packed |= every[:, 1 + i] << (len(keys) - 1 - i)
            _, first, of_resident = np.unique(packed, return_index=True, return_inverse=True)
            rows = every[first]
        else:
            rows, of_resident = np.unique(every, axis=0, return_inverse=True)
        rows = rows.reshape(-1, 1 + len(keys))
        key_ok = np.ones((len(rows), len(key_id)), dtype=bool)
        key_ok[:, 1:] = rows[:, 1:].astype(bool)
        nb_rows = [nb_names[code] for code in rows[:, 0].tolist()]
        area_ok = np.ones((len(rows), len(rules)), dtype=bool)
        for j, (_, served) in enumerate(rules):
            if served is not None:
                area_ok[:, j] = [nb is None or nb in served for nb in nb_rows]
        key_of_rule = np.array([key_id[key] for key, _ in rules], dtype=np.int64)
        table = key_ok[:, key_of_rule] & area_ok
        found = self.memo["rule_patterns"] = RulePatterns(
            of_resident=np.asarray(of_resident, dtype=np.int64).reshape(n),
            rule_id=rule_id,
            table=table,
            rule_bits=[
                int.from_bytes(np.packbits(row, bitorder="little").tobytes(), "little")
                for row in table
            ],
            neighbourhood=nb_rows,
            key_id=key_id,
            key_ok=key_ok,
        )
        return found

    def reached_needs(self, *, max_hops: int) -> tuple[list[str], np.ndarray]:
        """Every resident's reachable themes at once: what :meth:`reachable_needs` finds.

        Returns the themes of the offers and a boolean array with a row per
        resident (by :attr:`position`) and a column per theme: whether a
        person within ``max_hops - 1`` steps over ``knows``/``supports`` ties
        (the resident included) knows an offer on the theme that the rules do
        not close to the resident. The same answers as
        :meth:`reachable_needs`, computed in bulk, one neighbourhood at a
        time: only offers open to the neighbourhood count, each node near
        its residents gets a bit set of the (theme, restriction key) pairs of
        the offers it knows, the sets are OR-ed along the people ties
        ``max_hops - 1`` times (a breadth-first search from all the
        neighbourhood's residents together, over CSR arrays), and each
        resident keeps the keys its pattern (:meth:`rule_patterns`) passes.

        Examples
        --------
        >>> import datetime as dt
        >>> import sociale_kaart as sk
        >>> from sociale_kaart.index.lookups import GapIndex
        >>> ix = GapIndex(sk.load_sample(), today=dt.date(2026, 11, 21))
        >>> themes, reached = ix.reached_needs(max_hops=3)
        >>> all(
        ...     {th for th, hit in zip(themes, reached[ix.position[r]]) if hit}
        ...     == set(ix.reachable_needs(r, max_hops=3, themes=themes))
        ...     for r in ix.residents()
        ... )
        True
        """
        pat = self.rule_patterns()
        themes = list(self.offers_by_theme)
        theme_at = {theme: i for i, theme in enumerate(themes)}
        n_keys = len(pat.key_id)
        n_columns = len(themes) * n_keys  # column of (theme, key): theme * n_keys + key
        words = max(1, -(-n_columns // 64))
        # One row per (awareness tie, theme of its offer): who, which offer, which column.
        offer_at = {offer: i for i, offer in enumerate(self.offers)}
        per_offer: list[tuple[int, int, int]] = []
        for offer in self.offers:
            key = pat.key_id[self.rule[offer][0]]
            for theme in dict.fromkeys(self.attrs[offer].get("themes") or ()):
                per_offer.append(
                    (self.code[offer], offer_at[offer], theme_at[theme] * n_keys + key)
                )
        table = np.array(per_offer, dtype=np.int64).reshape(-1, 3)
        holder, row = _expand(*self._aware_pairs, table[:, 0])
        offer_of, column_of = table[row, 1], table[row, 2]
        rule_of_offer = np.array([pat.rule_id[self.rule[o]] for o in self.offers], dtype=np.int64)
        indptr, indices = _csr(*self._people_pairs, len(self.nodes))
        # Per pattern, the columns whose key it passes; per theme, its columns.
        flags = np.zeros((len(pat.key_ok), n_columns), dtype=bool)
        for i in range(len(themes)):
            flags[:, i * n_keys : (i + 1) * n_keys] = pat.key_ok
        usable = _pack(flags, words)
        on_theme = _pack(
            np.arange(n_columns)[None, :] // n_keys == np.arange(len(themes))[:, None], words
        )
        codes = np.array([self.code[r] for r in self.residents()], dtype=np.int64)
        nb_of_pattern = pat.neighbourhood
        pattern_nb: dict[str | None, list[int]] = defaultdict(list)
        for i, nb in enumerate(nb_of_pattern):
            pattern_nb[nb].append(i)
        reached = np.zeros((len(codes), len(themes)), dtype=bool)
        bits = np.zeros((len(self.nodes), words), dtype=np.uint64)
        bit = np.left_shift(np.uint64(1), (column_of & 63).astype(np.uint64))
        word = column_of >> 6
        for patterns in pattern_nb.values():
            here = np.flatnonzero(np.isin(pat.of_resident, patterns))
            # The rules open to the neighbourhood: those the area lets in (the area
            # answer is the same for every pattern of one neighbourhood).
            area_open = pat.area_ok(patterns[0])
            levels = _balls(indptr, indices, codes[here], max(0, max_hops - 1))
            ball = levels[0]
            in_ball = np.zeros(len(self.nodes), dtype=bool)
            in_ball[ball] = True
            take = in_ball[holder] & area_open[rule_of_offer[offer_of]]
            bits[ball] = 0
            np.bitwise_or.at(bits, (holder[take], word[take]), bit[take])
            for level in levels[1:]:
                _spread_into(bits, indptr, indices, level)
            hits = bits[codes[here]] & usable[pat.of_resident[here]]
            for i in range(len(themes)):
                reached[here, i] = (hits & on_theme[i]).any(axis=1)
        return themes, reached

    # ----------------------------------------------------------------- reach

    def reachable_needs(
        self,
        resident: Hashable,
        *,
        max_hops: int,
        themes: Iterable[str] | None = None,
        which: bool = False,
    ) -> dict[str, Hashable]:
        """For each need theme with a path, an eligible offer within ``max_hops``.

        A path runs from the resident through people (``knows`` and
        ``supports`` ties, either direction) to a person who knows the offer
        (``knows_of``, ``refers``, ``works_for``, ``participates`` or
        ``volunteers``); the last step is that tie to the offer, so people
        within ``max_hops - 1`` steps count. The offer must have the theme,
        and the resident must not be ineligible for it. Breadth-first, so
        the offer found is a nearest one. With ``which=False`` the values
        are the people who know an offer (cheaper); with ``which=True`` the
        offers themselves.
        """
        wanted = set(self.needs(resident) if themes is None else themes)
        found: dict[str, Hashable] = {}
        if not wanted:
            return found
        people = self.people
        free_of, rest_of = self._free, self._restricted
        frontier = [resident]
        seen = {resident}
        depth = 0
        while frontier and wanted:
            for person in frontier:
                free = free_of.get(person)
                if free is None:
                    free, rest = self._split_aware(person)
                else:
                    rest = rest_of[person]
                if not free.isdisjoint(wanted):
                    hit = wanted & free
                    for theme in hit:
                        found[theme] = self._first_open(person, theme) if which else person
                    wanted -= hit
                for offer, offer_themes in rest:
                    if not wanted:
                        break
                    if offer_themes.isdisjoint(wanted):
                        continue
                    if self.eligible(resident, offer):
                        hit = wanted & offer_themes
                        for theme in hit:
                            found[theme] = offer if which else person
                        wanted -= hit
                if not wanted:
                    return found
            depth += 1
            if depth >= max_hops:
                break
            nxt = []
            for person in frontier:
                for other in people.get(person, ()):
                    if other not in seen:
                        seen.add(other)
                        nxt.append(other)
            frontier = nxt
        return found

    def _first_open(self, person: Hashable, theme: str) -> Hashable:
        """The first (by id) open-to-all offer on ``theme`` the person knows."""
        best: Hashable = None
        for offer in self.aware.get(person, ()):
            if (
                offer in self.open_all
                and theme in (self.attrs[offer].get("themes") or ())
                and (best is None or str(offer) < str(best))
            ):
                best = offer
        return best


@dataclass(frozen=True)
class RulePatterns:
    """The residents' answers to the offer rules (:meth:`GapIndex.rule_patterns`).

    ``table[of_resident[position], rule_id[rule]]`` is what
    :meth:`GapIndex.eligible` says for the resident at ``position`` and an
    offer whose :attr:`GapIndex.rule` is ``rule``. ``key_ok[pattern,
    key_id[key]]`` is the answer of the restriction key alone (column 0: no
    key, always True), and ``neighbourhood[pattern]`` the pattern's area.
    ``rule_bits[pattern]`` holds a pattern's row of ``table`` as an int (bit
    ``rule_id[rule]`` set where the rule lets the pattern in), for fast
    unions in plain Python.
    """

    of_resident: np.ndarray
    rule_id: dict[tuple[Key | None, frozenset[str] | None], int]
    table: np.ndarray
    rule_bits: list[int]
    neighbourhood: list[str | None]
    key_id: dict[Key | None, int]
    key_ok: np.ndarray

    def area_ok(self, pattern: int) -> np.ndarray:
        """Per rule, whether its ``serves`` lets in the pattern's neighbourhood."""
        answers = np.ones(len(self.rule_id), dtype=bool)
        nb = self.neighbourhood[pattern]
        if nb is not None:
            for (_, served), j in self.rule_id.items():
                if served is not None and nb not in served:
                    answers[j] = False
        return answers


def _pack(flags: np.ndarray, words: int) -> np.ndarray:
    """Boolean rows as bit sets: column ``c`` is bit ``c % 64`` of word ``c // 64``."""
    rows, n = flags.shape
    padded = np.zeros((rows, words * 64), dtype=np.uint64)
    padded[:, :n] = flags
    bits = np.left_shift(np.uint64(1), np.arange(64, dtype=np.uint64))
    packed: np.ndarray = (padded.reshape(rows, words, 64) * bits).sum(axis=2, dtype=np.uint64)
    return packed


def _expand(left: np.ndarray, right: np.ndarray, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Join pairs ``(left[j], right[j])`` with the rows ``i`` where ``keys[i] == right[j]``.

    Returns ``left`` and the row ``i`` of every match (pairs whose right
    side has no row add nothing).
    """
    order = np.argsort(keys, kind="stable")
    low = np.searchsorted(keys[order], right, side="left")
    count = np.searchsorted(keys[order], right, side="right") - low
    start = np.repeat(low - (np.cumsum(count) - count), count)
    rows = order[start + np.arange(int(count.sum()))]
    return np.repeat(left, count), rows


def _csr(a: np.ndarray, b: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """The pairs ``a[i] -> b[i]`` as CSR arrays over ``n`` nodes (indptr, indices)."""
    order = np.argsort(a, kind="stable")
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(a, minlength=n), out=indptr[1:])
    return indptr, b[order]


def _gather(
    indptr: np.ndarray, indices: np.ndarray, nodes: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The neighbours of ``nodes``: those with any, the start of each one's run, and all of them."""
    count = indptr[nodes + 1] - indptr[nodes]
    nodes, count = nodes[count > 0], count[count > 0]
    starts = np.cumsum(count) - count
    offsets = np.repeat(indptr[nodes] - starts, count) + np.arange(int(count.sum()))
    return nodes, starts, indices[offsets]


def _balls(
    indptr: np.ndarray, indices: np.ndarray, centres: np.ndarray, steps: int
) -> list[np.ndarray]:
    """The nodes within ``steps``, ``steps - 1``, ..., 0 steps of ``centres`` (widest first)."""
    levels = [np.unique(centres)]
    for _ in range(steps):
        _, _, near = _gather(indptr, indices, levels[0])
        levels.insert(0, np.union1d(levels[0], near))
    return levels


def _spread_into(
    bits: np.ndarray, indptr: np.ndarray, indices: np.ndarray, nodes: np.ndarray
) -> None:
    """OR into each of ``nodes`` the bit sets of its neighbours (read before any is changed)."""
    nodes, starts, near = _gather(indptr, indices, nodes)
    if len(nodes):
        bits[nodes] |= np.bitwise_or.reduceat(bits[near], starts, axis=0)


def _sets(ids: np.ndarray, keys: np.ndarray, members: np.ndarray) -> dict[Hashable, set[Hashable]]:
    """``{ids[k]: {ids[m], ...}}`` of the pairs (k, m), keys in order of first appearance.

    ``ids`` is the object array of the node ids (by code).
    """
    if len(keys) == 0:
        return {}
    order = np.argsort(keys, kind="stable")  # stable: each key's members stay in pair order
    grouped = keys[order]
    starts = np.flatnonzero(np.r_[True, grouped[1:] != grouped[:-1]])
    ends = np.r_[starts[1:], len(grouped)]
    member_ids = ids[members[order]].tolist()
    first = np.argsort(order[starts], kind="stable")  # groups by their earliest pair
    return {
        ids[k]: set(member_ids[a:b])
        for k, a, b in zip(
            grouped[starts[first]].tolist(),
            starts[first].tolist(),
            ends[first].tolist(),
            strict=True,
        )
    }

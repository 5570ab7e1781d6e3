"""The gap detectors behind :mod:`sociale_kaart.gaps.api` (all but coverage).

Each detector reads a :class:`~sociale_kaart.index.lookups.GapIndex` and returns
:class:`~sociale_kaart.gaps.common.Gap` records; :mod:`sociale_kaart.gaps.api`
turns them into frames. The severity formulas are documented in
:mod:`sociale_kaart.gaps.api` and ``docs/gaps.md``; keep the three in step.
"""

from __future__ import annotations

import datetime as _dt
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sociale_kaart.core.formatting import format_date, format_number
from sociale_kaart.core.vocabulary import OFFER_KINDS
from sociale_kaart.core.wording import place_type_label
from sociale_kaart.gaps.common import (
    GAP_TYPES,
    MAX_LISTED,
    Gap,
    Options,
    Writer,
    ids,
    need_cells,
    neighbourhoods,
    sat,
    t,
)
from sociale_kaart.gaps.coverage import coverage_gaps
from sociale_kaart.gaps.journal import JOURNAL_DETECTORS
from sociale_kaart.index.lookups import GapIndex, need_weight

# ------------------------------------------------------------------------- single knowers


def teams(ix: GapIndex) -> dict[str, list[Hashable]]:
    out: dict[str, list[Hashable]] = defaultdict(list)
    for p in ix.professionals():
        team = ix.team_of(p)
        if team:
            out[team].append(p)
    if not out and ix.professionals():
        out[""] = list(ix.professionals())
    return dict(out)


class _Demand:
    """How many needs on an offer's themes, of residents who may use it (cached).

    A resident with two of the offer's themes counts twice: the count is of
    needs, which keeps it a sum of per-cell counts (fast on large maps).
    """

    def __init__(self, ix: GapIndex) -> None:
        self.ix = ix
        self.cells = need_cells(ix)
        self.nbs = neighbourhoods(ix)
        self.theme_total: Counter[str] = Counter()
        for (_, theme), members in self.cells.items():
            self.theme_total[theme] += len(members)
        self._cache: dict[tuple[Any, ...], int] = {}
        self._at: dict[tuple[str | None, str], list[int]] = {}

    def _positions(self, nb: str | None, theme: str, members: Iterable[Hashable]) -> list[int]:
        """The positions of a cell's residents (read once per cell)."""
        found = self._at.get((nb, theme))
        if found is None:
            position = self.ix.position
            found = self._at[(nb, theme)] = [position[r] for r in members]
        return found

    def count(self, offer: Hashable) -> int:
        ix = self.ix
        themes = tuple(sorted(ix.attrs[offer].get("themes") or ()))
        serves = tuple(ix.attrs[offer].get("serves") or ())
        key = ix.key[offer]
        if key is None and not serves:
            return sum(self.theme_total[theme] for theme in themes)
        total = 0
        for nb in [*serves, None] if serves else self.nbs:
            for theme in themes:
                cell_key = (nb, theme, key)
                cached = self._cache.get(cell_key)
                if cached is None:
                    members = self.cells.get((nb, theme), ())
                    if key is None:
                        cached = len(members)
                    else:  # the cell's residents share its neighbourhood: the area rule holds
                        cached = int(ix.mask(key)[self._positions(nb, theme, members)].sum())
                    self._cache[cell_key] = cached
                total += cached
        return total


def _area(ix: GapIndex, offer: Hashable) -> list[str] | None:
    """Where an offer works: its neighbourhood and those it serves; None: everywhere."""
    nb = ix.attrs[offer].get("neighbourhood")
    serves = list(ix.attrs[offer].get("serves") or [])
    if nb is not None and nb not in serves:
        serves.append(nb)
    return serves or None


def single_knower_gaps(ix: GapIndex, opts: Options) -> list[Gap]:
    w = Writer(ix, opts)
    demand = _Demand(ix)
    members_of = teams(ix)
    team_of = {p: team for team, members in members_of.items() for p in members}
    # team -> the neighbourhoods its members work in (None: a member works everywhere)
    team_nbs: dict[str, set[str] | None] = {}
    for team, members in members_of.items():
        nbs: set[str] | None = set()
        for p in members:
            mine = ix.attrs[p].get("neighbourhoods") or ()
            if not mine:
                nbs = None
                break
            assert nbs is not None
            nbs.update(mine)
        team_nbs[team] = nbs
    everywhere = sorted(team for team, nbs in team_nbs.items() if nbs is None)
    teams_by_nb: dict[str, set[str]] = defaultdict(set)
    for team, nbs in team_nbs.items():
        for nb in nbs or ():
            teams_by_nb[nb].add(team)
    all_teams = sorted(members_of)
    out = []
    for offer in ix.offers:
        area = _area(ix, offer)
        themes = ix.attrs[offer].get("themes") or []
        if area is None:
            relevant = all_teams
        else:
            local = set(everywhere).union(*(teams_by_nb.get(nb, ()) for nb in area))
            relevant = sorted(local)
        for team in relevant:
            knowers = sorted(
                (
                    p
                    for p in ix.knowers.get(offer, ())
                    if team_of.get(p) == team
                    and (area is None or any(ix.works_in(p, nb) for nb in area))
                ),
                key=str,
            )
            if len(knowers) > 1:
                continue
            n = demand.count(offer)
            base = 1.0 if not knowers else 0.7
            severity = base * (0.2 + 0.8 * sat(n, 10))
            team_text = t(w.lang, "team", name=team) if team else t(w.lang, "the_team")
            values = {
                "team": team_text,
                "offer": ix.name(offer),
                "level": w.level(ix.level(offer)),
                "themes": w.themes(themes),
                "n": w.n(n),
                "knower": w.person(knowers[0]) if knowers else "",
            }
            which = "one" if knowers else "none"
            out.append(
                Gap(
                    "single_knower",
                    severity,
                    ix.attrs[offer].get("neighbourhood"),
                    themes[0] if len(themes) == 1 else None,
                    ids([offer, *knowers]),
                    t(w.lang, f"sk_{which}", **values),
                    t(w.lang, f"sk_s_{which}", **values),
                    ("single_knower", team, offer),
                )
            )
    return out


# ------------------------------------------------------------------------- knowledge


def _offers_by_theme(
    ix: GapIndex, people: Iterable[Hashable]
) -> dict[str, dict[Hashable, set[Hashable]]]:
    """Theme -> offer -> the people (of ``people``) who know it."""
    out: dict[str, dict[Hashable, set[Hashable]]] = defaultdict(dict)
    for p in people:
        for o in ix.aware.get(p, ()):
            if ix.kind[o] in OFFER_KINDS:
                for theme in ix.attrs[o].get("themes") or ():
                    out[theme].setdefault(o, set()).add(p)
    return out


class _TeamTheme:
    """The offers a group of professionals knows on one theme, grouped by their rule.

    Offers with the same rule (:attr:`GapIndex.rule`) give every resident the
    same answer, so eligibility is read once per rule, for all the needy at
    once, from the resident patterns of :meth:`GapIndex.rule_patterns`: a
    group is bit ``rule_id[rule]`` of a Python int.
    """

    def __init__(self, ix: GapIndex, offers: dict[Hashable, set[Hashable]]) -> None:
        self.knowers = offers
        self.all = set(offers)
        self.open = self.all & ix.open_all
        by_rule: dict[tuple[Any, ...], list[Hashable]] = defaultdict(list)
        for o in offers:
            by_rule[ix.rule[o]].append(o)
        rule_id = ix.rule_patterns().rule_id
        #: Rule bit -> the group's offers, and the bits of all groups.
        self.groups = {1 << rule_id[rule]: frozenset(group) for rule, group in by_rule.items()}
        self.bits = sum(self.groups)
        self._by_ok: dict[int, list[Hashable]] = {}
        self._first = {
            bit: group[0] for bit, group in zip(self.groups, by_rule.values(), strict=True)
        }

    def answers(
        self, ix: GapIndex, needy: list[Hashable], pattern_of: dict[Hashable, int]
    ) -> list[int]:
        """Per resident of ``needy``, the bits of the rules that let the resident in."""
        bits = ix.rule_patterns().rule_bits
        out = []
        for r in needy:
            pattern = pattern_of.get(r)
            if pattern is None:  # not a resident: judge the record itself
                out.append(sum(b for b, o in self._first.items() if ix.eligible(r, o)))
            else:
                out.append(bits[pattern])
        return out

    def usable(
        self,
        ix: GapIndex,
        own: set[Hashable],
        needy: list[Hashable],
        pattern_of: dict[Hashable, int],
    ) -> tuple[list[Hashable], bool, int]:
        """Offers not in ``own`` that one of ``needy`` may use, sorted by id.

        Also whether one of the group's open-to-all offers is not in ``own``,
        and how many of ``needy`` may use one of the offers found.
        ``pattern_of`` gives a resident's pattern (:meth:`GapIndex.rule_patterns`).
        """
        rows = self.answers(ix, needy, pattern_of)
        ok = 0
        for row in rows:
            ok |= row
        found = [o for o in self._allowed(ok) if o not in own]
        any_open = not self.open.issubset(own)
        if any_open:
            reached = len(needy)
        else:  # the groups that add an offer answer for their offers
            used = sum(bit for bit, group in self.groups.items() if bit & ok and not group <= own)
            reached = sum(1 for row in rows if row & used)
        return found, any_open, reached

    def _allowed(self, ok: int) -> list[Hashable]:
        """The offers of the groups whose bit is in ``ok``, sorted by id (cached per ``ok``)."""
        ok &= self.bits
        found = self._by_ok.get(ok)
        if found is None:
            chosen = [group for bit, group in self.groups.items() if bit & ok]
            found = self._by_ok[ok] = sorted(frozenset().union(*chosen), key=str)
        return found


class _Known:
    """Theme -> :class:`_TeamTheme` of a group's offers, each made on first use."""

    def __init__(self, ix: GapIndex, offers: dict[str, dict[Hashable, set[Hashable]]]) -> None:
        self.ix = ix
        self.offers = offers
        self.made: dict[str, _TeamTheme] = {}

    def get(self, theme: str) -> _TeamTheme | None:
        found = self.made.get(theme)
        if found is None:
            offers = self.offers.get(theme)
            if offers is None:
                return None
            found = self.made[theme] = _TeamTheme(self.ix, offers)
        return found


def knowledge_gaps(ix: GapIndex, opts: Options) -> list[Gap]:
    w = Writer(ix, opts)
    team_members = teams(ix)
    team_known = {
        team: _Known(ix, _offers_by_theme(ix, members)) for team, members in team_members.items()
    }
    # Professionals without a team: what the staff of their organisations know
    # (made once per set of organisations).
    org_known: dict[frozenset[Hashable], _Known] = {}
    pattern_of = dict(zip(ix.residents(), ix.rule_patterns().of_resident.tolist(), strict=True))
    out = []
    for p in sorted(ix.professionals(), key=str):
        clients = ix.caseload.get(p)
        if not clients:
            continue
        my_team = ix.team_of(p) or ("" if "" in team_members else None)
        if my_team is not None:
            known = team_known[my_team]
        else:
            orgs = frozenset(ix.employers.get(p, ()))
            found = org_known.get(orgs)
            if found is None:
                staff = {q for org in orgs for q in ix.staff.get(org, ())}
                found = org_known[orgs] = _Known(ix, _offers_by_theme(ix, staff))
            known = found
        own = {o for o in ix.aware.get(p, ()) if ix.kind[o] in OFFER_KINDS}
        by_theme: dict[str, list[Hashable]] = defaultdict(list)
        for r in clients:
            for theme in ix.needs(r):
                by_theme[theme].append(r)
        for theme, needy in sorted(by_theme.items()):
            group = known.get(theme)
            if group is None:
                continue
            missing, _, reached = group.usable(ix, own, needy, pattern_of)
            if not missing:
                continue
            knows_any = not own.isdisjoint(group.all)
            severity = reached / len(clients) * (0.8 if knows_any else 1.0)
            who = sorted({q for o in missing[:MAX_LISTED] for q in group.knowers[o]}, key=str)
            values = {
                "n": w.n(reached),
                "caseload": w.n(len(clients)),
                "prof": w.person(p),
                "prof_name": str(ix.attrs[p].get("name") or p),
                "theme": w.theme(theme),
                "offers": w.offers(missing),
                "colleagues": w.people(who),
            }
            out.append(
                Gap(
                    "knowledge",
                    severity,
                    None,
                    theme,
                    ids([p, *missing]),
                    t(w.lang, "kn_some" if knows_any else "kn_none", **values),
                    t(w.lang, "kn_s", **values),
                    ("knowledge", p, theme),
                )
            )
    return out


# ------------------------------------------------------------------------- isolation


@dataclass
class Isolated:
    resident: Hashable
    no_informal: bool
    no_professional: bool
    unreached: list[str]
    severity: float


def isolated_residents(ix: GapIndex, opts: Options) -> list[Isolated]:
    out = []
    # Every resident's reachable themes in one bulk search (the same answers as
    # ix.reachable_needs, resident by resident).
    themes, reached = ix.reached_needs(max_hops=opts.max_hops)
    theme_at = {theme: i for i, theme in enumerate(themes)}
    friends, professionals = ix.resident_friends, ix.professional_ties
    rows = reached.tolist()  # plain lists: faster to index one by one
    for r, row in zip(ix.residents(), rows, strict=True):
        no_informal = not friends.get(r)
        needs = ix.needs(r)
        unreached: list[str] = []
        if needs:
            unreached = sorted(
                (th for th in needs if th not in theme_at or not row[theme_at[th]]),
                key=lambda th: (-need_weight(needs[th]), th),
            )
        if not no_informal and not unreached:
            continue
        no_professional = not professionals.get(r)
        weight = need_weight(needs[unreached[0]]) / 5 if unreached else 0.0
        severity = 0.5 * no_informal + 0.2 * (no_informal and no_professional) + 0.3 * weight
        out.append(Isolated(r, no_informal, no_professional, unreached, severity))
    return out


def isolation_gaps(ix: GapIndex, opts: Options) -> list[Gap]:
    w = Writer(ix, opts)
    people = isolated_residents(ix, opts)
    if opts.aggregate_only:
        return _isolation_aggregate(ix, opts, w, people)
    out = []
    for item in people:
        r = item.resident
        values = {
            "r": str(r),
            "hops": opts.max_hops,
            "themes": w.themes(item.unreached),
            "pros": w.people(ix.professional_ties.get(r, ())),
        }
        if item.no_informal:
            which = "alone" if item.no_professional else "prof_only"
            text = t(w.lang, f"iso_{which}", **values)
            if item.unreached:
                text += t(w.lang, "iso_and_no_path", **values)
            suggestion = t(w.lang, f"iso_s_{which}", **values)
        else:
            text = t(w.lang, "iso_no_path", **values)
            suggestion = t(w.lang, "iso_s_no_path", **values)
        out.append(
            Gap(
                "isolation",
                item.severity,
                ix.attrs[r].get("neighbourhood"),
                item.unreached[0] if item.unreached else None,
                [str(r)],
                text,
                suggestion,
                ("isolation", r),
            )
        )
    return out


def _isolation_aggregate(
    ix: GapIndex, opts: Options, w: Writer, people: list[Isolated]
) -> list[Gap]:
    groups: dict[tuple[str | None, str], list[float]] = defaultdict(list)
    for item in people:
        nb = ix.attrs[item.resident].get("neighbourhood")
        if item.no_informal:
            groups[(nb, "informal")].append(item.severity)
        if item.unreached:
            groups[(nb, "path")].append(item.severity)
    out = []
    for (nb, which), severities in sorted(groups.items(), key=lambda kv: (str(kv[0]), kv[1])):
        values = {"n": w.n(len(severities)), "nb": w.nb(nb), "hops": opts.max_hops}
        out.append(
            Gap(
                "isolation",
                round(sum(severities) / len(severities), 1),
                nb,
                None,
                [],
                t(w.lang, f"iso_agg_{which}", **values),
                t(w.lang, f"iso_agg_s_{which}", **values),
                ("isolation", nb, which),
            )
        )
    return out


# ------------------------------------------------------------------------- places, groups


def unreached_place_gaps(ix: GapIndex, opts: Options) -> list[Gap]:
    w = Writer(ix, opts)
    out = []
    for place in sorted(ix.nodes_of("place"), key=str):
        visitors = ix.visitors.get(place, set())
        residents = [v for v in visitors if ix.kind[v] == "resident"]
        if not residents:
            continue
        if any(ix.kind[v] == "professional" for v in visitors):
            continue
        offers = sorted(ix.located.get(place, ()), key=str)
        if any(ix.knowers.get(o) for o in offers):
            continue
        with_need = sum(1 for r in residents if ix.needs(r))
        severity = sat(with_need, 5) if with_need else 0.5 * sat(len(residents), 5)
        kind = ix.attrs[place].get("type")
        values = {
            "n": w.n(len(residents)),
            "m": w.n(with_need),
            "place": ix.name(place),
            "type": f" ({place_type_label(kind, w.lang)})" if kind else "",
        }
        out.append(
            Gap(
                "unreached_place",
                severity,
                ix.attrs[place].get("neighbourhood"),
                None,
                ids([place, *offers]),
                t(w.lang, "pl", **values),
                t(w.lang, "pl_s", **values),
                ("unreached_place", place),
            )
        )
    out.extend(_unreached_groups(ix, opts, w))
    return out


def _unreached_groups(ix: GapIndex, opts: Options, w: Writer) -> list[Gap]:
    seen: set[Hashable] = set()
    out = []
    friends = ix.resident_friends
    for start in ix.residents():
        if start in seen or not friends.get(start):
            continue
        seen.add(start)
        group, stack = [start], [start]
        while stack:
            for other in friends.get(stack.pop(), ()):
                if other not in seen:
                    seen.add(other)
                    group.append(other)
                    stack.append(other)
        if len(group) < opts.min_group:
            continue
        if any(ix.professional_ties.get(r) for r in group):
            continue
        with_need = sum(1 for r in group if ix.needs(r))
        nb = Counter(ix.attrs[r].get("neighbourhood") for r in group).most_common(1)[0][0]
        values = {"n": w.n(len(group)), "m": w.n(with_need)}
        members = sorted(group, key=str)
        out.append(
            Gap(
                "unreached_place",
                0.5 * sat(with_need, 5),
                nb,
                None,
                [] if opts.aggregate_only else ids(members),
                t(w.lang, "grp", **values),
                t(w.lang, "grp_s", **values),
                ("unreached_group", members[0]),
            )
        )
    return out


# ------------------------------------------------------------------------- structural holes


def structural_hole_gaps(ix: GapIndex, opts: Options) -> list[Gap]:
    w = Writer(ix, opts)
    out = []

    def orgs_of(node: Hashable) -> set[Hashable]:
        if ix.kind[node] == "organisation":
            return {node}
        if ix.kind[node] == "professional":
            return set(ix.employers.get(node, ()))
        return set()

    def teams_of(node: Hashable) -> set[Hashable]:
        team = ix.team_of(node) if ix.kind[node] == "professional" else None
        return {team} if team else set()

    for grouping, group_of in (("organisation", orgs_of), ("team", teams_of)):
        ties: set[frozenset[Hashable]] = set()
        for u, v in ix.group_ties:
            for a in group_of(u):
                for b in group_of(v):
                    if a != b:
                        ties.add(frozenset((a, b)))
        shared: Counter[frozenset[Hashable]] = Counter()
        supporters = ix.supporters
        for r in ix.residents():
            found = supporters.get(r)
            if not found or (len(found) < 2 and grouping == "team"):  # one team at most
                continue
            mine = {g for p in found for g in group_of(p)}
            if len(mine) < 2:
                continue
            groups = sorted(mine, key=str)
            for i, a in enumerate(groups):
                for b in groups[i + 1 :]:
                    shared[frozenset((a, b))] += 1
        for pair, n in shared.items():
            if n < opts.min_shared or pair in ties:
                continue
            a, b = sorted(pair, key=str)
            if grouping == "organisation":
                names = {"a": ix.name(a), "b": ix.name(b)}
                nodes = ids([a, b])
            else:
                names = {"a": t(w.lang, "team", name=a), "b": t(w.lang, "team", name=b)}
                nodes = ids(sorted((p for p in ix.professionals() if teams_of(p) & pair), key=str))
            values = {**names, "n": w.n(n)}
            out.append(
                Gap(
                    "structural_hole",
                    sat(n, 5),
                    None,
                    None,
                    nodes,
                    t(w.lang, "sh_case", **values),
                    t(w.lang, "sh_s_case", **values),
                    ("structural_hole", grouping, a, b),
                )
            )
        if grouping == "organisation":
            out.extend(_theme_holes(ix, w, ties))
    return out


def _theme_holes(ix: GapIndex, w: Writer, ties: set[frozenset[Hashable]]) -> list[Gap]:
    # Only organisations based in the same neighbourhood (or both without one) are
    # compared: that keeps the pairs local, and the work linear in the map's size.
    by_home: dict[str | None, list[Hashable]] = defaultdict(list)
    for org in sorted(ix.nodes_of("organisation"), key=str):
        by_home[ix.attrs[org].get("neighbourhood")].append(org)
    out = []
    for orgs in by_home.values():
        themes = {o: set(ix.attrs[o].get("themes") or ()) for o in orgs}
        for i, a in enumerate(orgs):
            if len(themes[a]) < 2:
                continue
            for b in orgs[i + 1 :]:
                shared_themes = themes[a] & themes[b]
                if len(shared_themes) < 2 or frozenset((a, b)) in ties:
                    continue
                if not _same_area(ix, a, b):
                    continue
                values = {
                    "a": ix.name(a),
                    "b": ix.name(b),
                    "themes": w.themes(sorted(shared_themes)),
                }
                out.append(
                    Gap(
                        "structural_hole",
                        0.3 * sat(len(shared_themes), 1),
                        ix.attrs[a].get("neighbourhood"),
                        None,
                        ids([a, b]),
                        t(w.lang, "sh_themes", **values),
                        t(w.lang, "sh_s_themes", **values),
                        ("structural_hole", "themes", a, b),
                    )
                )
    return out


def _same_area(ix: GapIndex, a: Hashable, b: Hashable) -> bool:
    """Whether two offers serve a neighbourhood in common (empty ``serves``: all)."""
    sa, sb = ix.attrs[a].get("serves") or [], ix.attrs[b].get("serves") or []
    return not sa or not sb or bool(set(sa) & set(sb))


# ------------------------------------------------------------------------- meetings


def meeting_rows(ix: GapIndex, opts: Options) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for u, v, hours in ix.meetings:
        for p, other in ((u, v), (v, u)):
            if ix.kind[p] != "professional":
                continue
            clients = ix.caseload.get(p, set())
            if ix.kind[other] == "professional":
                theirs = ix.caseload.get(other, set())
                org_themes: set[str] = set()
            else:
                theirs = {r for s in ix.staff.get(other, ()) for r in ix.caseload.get(s, ())}
                org_themes = set(ix.attrs[other].get("themes") or ())
            shared = len(clients & theirs)
            client_themes = {th for r in clients for th in ix.needs(r)}
            theme_clients = sum(1 for r in clients if org_themes.intersection(ix.needs(r)))
            resident_share = shared / len(clients) if clients else 0.0
            theme_share = theme_clients / len(clients) if clients else 0.0
            relevance = max(resident_share, theme_share)
            h = hours or 0.0
            rows.append(
                {
                    "professional": str(p),
                    "other": str(other),
                    "other_kind": ix.kind[other],
                    "hours_per_month": hours,
                    "caseload": len(clients),
                    "shared_residents": shared,
                    "common_themes": sorted(client_themes & (org_themes or _themes_of(ix, theirs))),
                    "resident_share": resident_share,
                    "theme_share": theme_share,
                    "relevance": relevance,
                    "flagged": bool(h >= opts.min_hours and relevance < opts.min_relevance),
                }
            )
    rows.sort(key=lambda row: (row["professional"], -(row["hours_per_month"] or 0), row["other"]))
    return rows


def _themes_of(ix: GapIndex, residents: Iterable[Hashable]) -> set[str]:
    return {th for r in residents for th in ix.needs(r)}


def meeting_gaps(ix: GapIndex, opts: Options) -> list[Gap]:
    w = Writer(ix, opts)
    by_prof: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in meeting_rows(ix, opts):
        by_prof[row["professional"]].append(row)
    out = []
    for p, rows in sorted(by_prof.items()):
        flagged = [row for row in rows if row["flagged"]]
        if not flagged:
            continue
        hours = sum(row["hours_per_month"] or 0.0 for row in rows)
        lost = sum(row["hours_per_month"] or 0.0 for row in flagged)
        items = [
            t(
                w.lang,
                "ml_item",
                other=ix.name(row["other"]) if row["other"] in ix.G else row["other"],
                hours=_fmt_hours(row["hours_per_month"], w.lang),
                share=round(100 * row["relevance"]),
            )
            for row in flagged
        ]
        values = {
            "prof": w.person(p),
            "hours": _fmt_hours(hours, w.lang),
            "flagged": _fmt_hours(lost, w.lang),
            "items": "; ".join(items),
        }
        text = t(w.lang, "ml", **values)
        if not rows[0]["caseload"]:
            text += t(w.lang, "ml_no_caseload", **values)
        out.append(
            Gap(
                "meeting_load",
                sat(lost, 10),
                None,
                None,
                [p, *[row["other"] for row in flagged]],
                text,
                t(w.lang, "ml_s", **values),
                ("meeting_load", p),
            )
        )
    return out


@lru_cache(maxsize=4096)
def _fmt_hours(hours: float | None, language: str) -> str:
    """Hours a month in the language's number format (cached: babel is slow)."""
    if hours is None:
        return "?"
    return format_number(hours, language, decimals=0 if float(hours).is_integer() else 1)


# ------------------------------------------------------------------------- stale records


def months_between(earlier: _dt.date, later: _dt.date) -> int:
    """Whole months from ``earlier`` to ``later``."""
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    if later.day < earlier.day:
        months -= 1
    return months


def stale_rows(ix: GapIndex, opts: Options) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for offer in ix.offers:
        verified = ix.attrs[offer].get("last_verified")
        months: int | None = None
        reason: str | None = "missing"
        if verified is not None:
            months = months_between(verified, opts.today)
            reason = "old" if months > opts.stale_months else None
        rows.append(
            {
                "offer": str(offer),
                "kind": ix.kind[offer],
                "name": ix.attrs[offer].get("name"),
                "last_verified": verified,
                "age_months": months,
                "stale": reason is not None,
                "reason": reason,
            }
        )
    return rows


def stale_gaps(ix: GapIndex, opts: Options) -> list[Gap]:
    w = Writer(ix, opts)
    out = []
    for row in stale_rows(ix, opts):
        if not row["stale"]:
            continue
        offer = row["offer"]
        name = ix.name(offer)
        if row["reason"] == "missing":
            severity = 0.4
            text = t(w.lang, "st_missing", offer=name)
        else:
            over = row["age_months"] - opts.stale_months
            severity = 0.25 + 0.25 * min(1.0, over / opts.stale_months)
            text = t(
                w.lang,
                "st_old",
                offer=name,
                date=format_date(row["last_verified"], w.lang),
                months=row["age_months"],
                limit=opts.stale_months,
            )
        themes = ix.attrs[offer].get("themes") or []
        out.append(
            Gap(
                "stale_record",
                severity,
                ix.attrs[offer].get("neighbourhood"),
                themes[0] if len(themes) == 1 else None,
                [offer],
                text,
                t(w.lang, "st_s", offer=name),
                ("stale_record", offer),
            )
        )
    return out


DETECTORS = {
    "coverage": coverage_gaps,
    "single_knower": single_knower_gaps,
    "knowledge": knowledge_gaps,
    "isolation": isolation_gaps,
    "unreached_place": unreached_place_gaps,
    "structural_hole": structural_hole_gaps,
    "meeting_load": meeting_gaps,
    "stale_record": stale_gaps,
    **JOURNAL_DETECTORS,
}


def detect(ix: GapIndex, kinds: Iterable[str], opts: Options) -> list[Gap]:
    """Every gap of the given types, sorted by severity, then a fixed tiebreak."""
    out: list[Gap] = []
    for kind in kinds:
        out.extend(DETECTORS[kind](ix, opts))
    if opts.aggregate_only:
        residents = {str(r) for r in ix.residents()}
        for gap in out:
            gap.nodes = [n for n in gap.nodes if n not in residents]
            gap.severity = round(gap.severity, 1)
    order = {kind: i for i, kind in enumerate(GAP_TYPES)}
    for gap in out:
        gap.severity = round(min(1.0, max(0.0, gap.severity)), 3)
    out.sort(
        key=lambda g: (
            -g.severity,
            order[g.gap_type],
            g.neighbourhood is None,
            g.neighbourhood or "",
            g.theme or "",
            g.nodes,
            g.explanation,
        )
    )
    return out

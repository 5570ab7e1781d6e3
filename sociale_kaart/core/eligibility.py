"""Eligibility: may this resident use this offer, and why (not)?

The rules are declarative: each is a named check of one resident field
against one offer field, listed in :data:`~sociale_kaart.core.eligibility.RULES`
with its description, and each gives ``"yes"``, ``"no"`` or ``"unknown"``
with a reason in plain language. Missing resident data gives ``"unknown"`` with the question to
ask, never a silent yes or no. The overall answer is ``"no"`` if any rule
says no, else ``"unknown"`` if any rule is unknown, else ``"yes"``.

Rules, in order:

``age``
    The resident's age (this year minus ``birth_year``; the birthday may not
    have passed, so the age is one of two values) against ``min_age`` and
    ``max_age``. Both possible ages inside: yes; both outside: no; one of
    each: unknown ("born before or after ...?").
``gender``
    The resident's ``gender`` against the offer's ``genders`` (empty means
    everyone): a women's swimming club is for ``female`` residents. An
    unrecorded gender is unknown, with the question to ask.
``area``
    The resident's ``neighbourhood`` against the offer's ``serves`` (empty
    means every neighbourhood).
``language``
    The resident's ``languages`` against the offer's ``languages`` (empty
    means no requirement). Offers with the theme ``language`` are for people
    learning a language, so the rule does not apply to them.
``requires``
    Every status tag in ``requires`` must be among the resident's
    ``statuses``. When the resident has no statuses recorded, it is unknown.
    When another offer on the map *grants* the missing status, the reason
    says where to get it (a referral chain).
``excludes``
    No status tag in ``excludes`` may be among the resident's ``statuses``;
    with no statuses recorded, it is unknown.
``cost``
    Free offers (or no known cost) pass. A cost is covered by a status in
    :data:`~sociale_kaart.core.eligibility.COST_COVERING_STATUSES` (e.g.
    ``meedoen_pass``); otherwise it is
    unknown whether the resident can pay, and the reason says where on the
    map such a pass can be obtained.
``capacity``
    Never makes a resident ineligible: a full offer (``capacity`` 0) has a
    waiting list. The result's ``room`` says whether there is room
    (``None``: no known limit).

A suggestion from these rules supports a professional's judgement; it does
not replace it. The rules know only what the map records.
"""

from __future__ import annotations

import calendar
import datetime as _dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

import networkx as nx
import pandas as pd

from sociale_kaart.core.checks import require_map
from sociale_kaart.core.errors import NodeNotFoundError
from sociale_kaart.core.strings import check_language, join_words, text
from sociale_kaart.core.vocabulary import OFFER_KINDS
from sociale_kaart.core.wording import status_label, status_labels

__all__ = [
    "BLOCKING_RULES",
    "COST_COVERING_STATUSES",
    "RULES",
    "RULE_FIELDS",
    "Eligibility",
    "RuleResult",
    "check_eligibility",
    "eligibility_table",
    "evaluate",
    "grant_sources",
    "has_condition",
    "resident_fields_read",
]

Outcome = Literal["yes", "no", "unknown"]

#: Status tags that cover an offer's cost, with the highest cost they cover
#: (``None``: any cost). The Meedoenregeling (participation scheme) pass pays
#: for sport, culture and courses for residents on a low income.
COST_COVERING_STATUSES: dict[str, float | None] = {
    "meedoen_pass": None,
    "stadspas": None,
    "u_pas": None,
}


@dataclass(frozen=True)
class RuleResult:
    """The outcome of one rule for one resident and one offer."""

    rule: str
    outcome: Outcome
    reason: str
    question: str | None = None


@dataclass(frozen=True)
class Eligibility:
    """Whether a resident may use an offer, with every rule's reason.

    Attributes
    ----------
    resident, offer : str
        The node ids.
    eligible : {"yes", "no", "unknown"}
        The overall answer.
    room : bool or None
        Whether the offer has places open (``None``: no known limit).
    rules : tuple of RuleResult
        One result per rule, in the order of :data:`~sociale_kaart.core.eligibility.RULES`.
    """

    resident: str
    offer: str
    eligible: Outcome
    room: bool | None
    rules: tuple[RuleResult, ...] = field(default_factory=tuple)

    @property
    def reasons(self) -> list[str]:
        """Every rule's reason, in rule order."""
        return [r.reason for r in self.rules]

    @property
    def blocking(self) -> list[str]:
        """The reasons of the rules that said no."""
        return [r.reason for r in self.rules if r.outcome == "no"]

    @property
    def questions(self) -> list[str]:
        """What to ask the resident to settle the unknown rules."""
        return [r.question for r in self.rules if r.outcome == "unknown" and r.question]

    def to_frame(self) -> pd.DataFrame:
        """One row per rule: ``outcome``, ``reason``, ``question``, indexed by rule."""
        return pd.DataFrame(
            [(r.rule, r.outcome, r.reason, r.question) for r in self.rules],
            columns=["rule", "outcome", "reason", "question"],
        ).set_index("rule")


# ----------------------------------------------------------------------------- texts
# The sentences live in sociale_kaart.core.strings, under ``eligibility.*``.


def _t(language: str, key: str, **values: Any) -> str:
    return text(f"eligibility.{key}", language, **values)


# ----------------------------------------------------------------------------- rules

Attrs = Mapping[str, Any]
_Check = Callable[[Attrs, Attrs, "_Context"], RuleResult]


@dataclass(frozen=True)
class _Context:
    today: _dt.date
    language: str
    grants: Mapping[str, list[str]]  # status tag -> names of offers that grant it


def _age_range(offer: Attrs, language: str) -> str | None:
    lo, hi = offer.get("min_age"), offer.get("max_age")
    if lo is None and hi is None:
        return None
    if lo is not None and hi is not None:
        return f"{lo}-{hi}"
    if lo is not None:
        return f"{lo}+"
    return _t(language, "age_at_most", hi=hi)


def _rule_age(resident: Attrs, offer: Attrs, ctx: _Context) -> RuleResult:
    lang = ctx.language
    span = _age_range(offer, lang)
    if span is None:
        return RuleResult("age", "yes", _t(lang, "age_none"))
    born = resident.get("birth_year")
    if born is None:
        return RuleResult(
            "age", "unknown", _t(lang, "age_missing", range=span), _t(lang, "age_missing_q")
        )
    lo = offer.get("min_age")
    hi = offer.get("max_age")
    ages = (ctx.today.year - born - 1, ctx.today.year - born)

    def inside(age: int) -> bool:
        return (lo is None or age >= lo) and (hi is None or age <= hi)

    fits = [inside(a) for a in ages]
    if all(fits):
        return RuleResult("age", "yes", _t(lang, "age_ok", age=ages[1], range=span))
    if not any(fits):
        return RuleResult("age", "no", _t(lang, "age_out", age=ages[1], range=span))
    # The birthday decides: the boundary age is reached on the birthday this year.
    # Born on today's date in ``born``: the birthday this year decides which.
    day = ctx.today.day
    if (ctx.today.month, day) == (2, 29) and not calendar.isleap(born):
        day = 28
    date = _dt.date(born, ctx.today.month, day).isoformat()
    return RuleResult(
        "age",
        "unknown",
        _t(lang, "age_edge", a=ages[0], b=ages[1], range=span),
        _t(lang, "age_edge_q", date=date),
    )


def _rule_gender(resident: Attrs, offer: Attrs, ctx: _Context) -> RuleResult:
    lang = ctx.language
    allowed = list(offer.get("genders") or [])
    if not allowed:
        return RuleResult("gender", "yes", _t(lang, "gender_all"))
    text = join_words([_t(lang, f"g_{g}") for g in allowed], lang)
    gender = resident.get("gender")
    if gender is None:
        return RuleResult(
            "gender",
            "unknown",
            _t(lang, "gender_missing", genders=text),
            _t(lang, "gender_missing_q", genders=text),
        )
    if gender in allowed:
        return RuleResult("gender", "yes", _t(lang, "gender_ok", genders=text))
    return RuleResult("gender", "no", _t(lang, "gender_out", genders=text))


def _rule_area(resident: Attrs, offer: Attrs, ctx: _Context) -> RuleResult:
    lang = ctx.language
    serves = list(offer.get("serves") or [])
    if not serves:
        return RuleResult("area", "yes", _t(lang, "area_all"))
    nb = resident.get("neighbourhood")
    text = join_words(serves, lang)
    if nb is None:
        return RuleResult(
            "area", "unknown", _t(lang, "area_missing", serves=text), _t(lang, "area_missing_q")
        )
    if nb in serves:
        return RuleResult("area", "yes", _t(lang, "area_ok", nb=nb))
    return RuleResult("area", "no", _t(lang, "area_out", serves=text, nb=nb))


def _rule_language(resident: Attrs, offer: Attrs, ctx: _Context) -> RuleResult:
    lang = ctx.language
    wanted = list(offer.get("languages") or [])
    if not wanted:
        return RuleResult("language", "yes", _t(lang, "lang_none"))
    if "language" in (offer.get("themes") or []):
        return RuleResult("language", "yes", _t(lang, "lang_learning"))
    spoken = list(resident.get("languages") or [])
    text = join_words(wanted, lang)
    if not spoken:
        return RuleResult(
            "language",
            "unknown",
            _t(lang, "lang_missing", offer=text),
            _t(lang, "lang_missing_q", offer=text),
        )
    common = [x for x in wanted if x in spoken]
    if common:
        return RuleResult("language", "yes", _t(lang, "lang_ok", common=join_words(common, lang)))
    return RuleResult(
        "language", "no", _t(lang, "lang_out", offer=text, resident=join_words(spoken, lang))
    )


def _rule_requires(resident: Attrs, offer: Attrs, ctx: _Context) -> RuleResult:
    lang = ctx.language
    required = list(offer.get("requires") or [])
    if not required:
        return RuleResult("requires", "yes", _t(lang, "req_none"))
    statuses = set(resident.get("statuses") or [])
    missing = [tag for tag in required if tag not in statuses]
    if not missing:
        return RuleResult("requires", "yes", _t(lang, "req_ok", tags=status_labels(required, lang)))
    tags = status_labels(missing, lang)
    if not statuses:
        return RuleResult(
            "requires",
            "unknown",
            _t(lang, "req_missing", tags=tags),
            _t(lang, "req_missing_q", tags=tags),
        )
    where = [
        _t(
            lang,
            "req_grant_where",
            tag=status_label(tag, lang),
            offers=join_words(ctx.grants[tag], lang),
        )
        for tag in missing
        if ctx.grants.get(tag)
    ]
    if where:
        text = _t(lang, "req_out_grant", tags=tags, where="; ".join(where))
        return RuleResult("requires", "no", text)
    return RuleResult("requires", "no", _t(lang, "req_out", tags=tags))


def _rule_excludes(resident: Attrs, offer: Attrs, ctx: _Context) -> RuleResult:
    lang = ctx.language
    excluded = list(offer.get("excludes") or [])
    if not excluded:
        return RuleResult("excludes", "yes", _t(lang, "exc_none"))
    statuses = set(resident.get("statuses") or [])
    tags = status_labels(excluded, lang)
    hit = [tag for tag in excluded if tag in statuses]
    if hit:
        return RuleResult("excludes", "no", _t(lang, "exc_out", tags=status_labels(hit, lang)))
    if not statuses:
        return RuleResult(
            "excludes",
            "unknown",
            _t(lang, "exc_missing", tags=tags),
            _t(lang, "exc_missing_q", tags=tags),
        )
    return RuleResult("excludes", "yes", _t(lang, "exc_ok", tags=tags))


def _rule_cost(resident: Attrs, offer: Attrs, ctx: _Context) -> RuleResult:
    lang = ctx.language
    cost = offer.get("cost_eur")
    if cost is None:
        return RuleResult("cost", "yes", _t(lang, "cost_unknown_price"))
    if cost == 0:
        return RuleResult("cost", "yes", _t(lang, "cost_free"))
    for tag in resident.get("statuses") or []:
        if tag in COST_COVERING_STATUSES:
            limit = COST_COVERING_STATUSES[tag]
            if limit is None or cost <= limit:
                return RuleResult(
                    "cost", "yes", _t(lang, "cost_covered", cost=cost, tag=status_label(tag, lang))
                )
    passes = status_labels(sorted(COST_COVERING_STATUSES), lang)
    reason = _t(lang, "cost_maybe", cost=cost)
    where = [
        _t(
            lang,
            "req_grant_where",
            tag=status_label(tag, lang),
            offers=join_words(ctx.grants[tag], lang),
        )
        for tag in sorted(COST_COVERING_STATUSES)
        if ctx.grants.get(tag)
    ]
    if where:
        reason += f" ({'; '.join(where)})"
    return RuleResult("cost", "unknown", reason, _t(lang, "cost_maybe_q", cost=cost, passes=passes))


def _rule_capacity(resident: Attrs, offer: Attrs, ctx: _Context) -> RuleResult:
    lang = ctx.language
    capacity = offer.get("capacity")
    if capacity is None:
        return RuleResult("capacity", "yes", _t(lang, "cap_none"))
    if capacity == 0:
        return RuleResult("capacity", "yes", _t(lang, "cap_full"))
    return RuleResult("capacity", "yes", _t(lang, "cap_room", n=capacity))


#: The rules, in order: name -> (what it checks, the check).
RULES: dict[str, tuple[str, _Check]] = {
    "age": ("birth_year against min_age and max_age", _rule_age),
    "gender": ("gender against the offer's genders (empty: everyone)", _rule_gender),
    "area": ("neighbourhood against serves (empty: all)", _rule_area),
    "language": ("languages against the offer's languages", _rule_language),
    "requires": ("statuses must include every tag in requires", _rule_requires),
    "excludes": ("statuses must include no tag in excludes", _rule_excludes),
    "cost": ("cost_eur against passes that cover it", _rule_cost),
    "capacity": ("capacity: room, or a waiting list (never blocks)", _rule_capacity),
}


#: What each rule reads: (offer fields, resident fields). Code that caches or
#: explains eligibility derives its field lists from here.
RULE_FIELDS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "age": (("min_age", "max_age"), ("birth_year",)),
    "gender": (("genders",), ("gender",)),
    "area": (("serves",), ("neighbourhood",)),
    "language": (("languages",), ("languages",)),
    "requires": (("requires",), ("statuses",)),
    "excludes": (("excludes",), ("statuses",)),
    "cost": (("cost_eur",), ("statuses",)),
    "capacity": (("capacity",), ()),
}

#: The rules that can say "no" (cost and capacity never block).
BLOCKING_RULES: tuple[str, ...] = ("age", "gender", "area", "language", "requires", "excludes")


def has_condition(rule: str, offer: Attrs) -> bool:
    """Whether ``offer`` sets a condition for ``rule`` (a free offer sets no cost condition).

    Examples
    --------
    >>> from sociale_kaart.core.eligibility import has_condition
    >>> has_condition("age", {"min_age": 65}), has_condition("cost", {"cost_eur": 0})
    (True, False)
    """
    values = [offer.get(name) for name in RULE_FIELDS[rule][0]]
    if rule == "cost":
        return bool(values[0])
    return any(value is not None and value != [] and value != () for value in values)


def _offer_field_set(value: Any) -> bool:
    """Whether an offer field may make its rule read the resident (unset: None or empty)."""
    if value is None:
        return False
    return not (isinstance(value, (list, tuple, str, set, frozenset)) and len(value) == 0)


def resident_fields_read(offer: Attrs) -> tuple[str, ...]:
    """The resident fields that :func:`evaluate` reads for ``offer``, in :data:`RULE_FIELDS` order.

    A rule reads the resident only when the offer sets one of its fields
    (:data:`RULE_FIELDS`); a rule whose offer fields are all empty answers
    the same for everyone. Two residents who agree on these fields get the
    same answer from :func:`evaluate` for this offer (given the same
    ``today``, ``language`` and ``grants``), so code that checks many pairs
    can compute it once per distinct projection. The test is cautious: a
    field counts as set unless it is missing, ``None`` or empty (a free
    offer's ``cost_eur`` of 0 still counts), so the projection may hold a
    field the rule turns out not to need, never the other way round.

    Examples
    --------
    >>> from sociale_kaart.core.eligibility import resident_fields_read
    >>> resident_fields_read({"min_age": 65, "serves": ["Havenkwartier"]})
    ('birth_year', 'neighbourhood')
    >>> resident_fields_read({"name": "Open inloop"})
    ()
    """
    out: list[str] = []
    for offer_fields, resident_fields in RULE_FIELDS.values():
        if any(_offer_field_set(offer.get(name)) for name in offer_fields):
            out.extend(f for f in resident_fields if f not in out)
    return tuple(out)


def grant_sources(G: nx.MultiDiGraph) -> dict[str, list[str]]:
    """Where each status is obtained: tag -> the names of the offers that grant it.

    The ``grants`` of :func:`evaluate`, which names them in a reason (a pass
    that would pay for an offer can be obtained at the listed offers).

    Examples
    --------
    >>> import sociale_kaart as sk
    >>> from sociale_kaart.core.eligibility import grant_sources
    >>> grant_sources(sk.load_sample())["meedoen_pass"]
    ['Informatiepunt Rivierwijk']
    """
    out: dict[str, list[str]] = {}
    for node, attrs in G.nodes(data=True):
        if attrs.get("kind") in OFFER_KINDS:
            for tag in attrs.get("grants") or []:
                out.setdefault(tag, []).append(str(attrs.get("name") or node))
    return out


def evaluate(
    resident: Attrs,
    offer: Attrs,
    *,
    today: _dt.date | None = None,
    language: str = "en",
    grants: Mapping[str, list[str]] | None = None,
) -> tuple[Outcome, bool | None, tuple[RuleResult, ...]]:
    """Apply every rule to a resident's and an offer's attribute dicts.

    The fast core of :func:`~sociale_kaart.check_eligibility`, for code that checks many
    pairs (it needs no graph). Returns ``(eligible, room, rule results)``.

    Examples
    --------
    >>> from sociale_kaart.core.eligibility import evaluate
    >>> eligible, room, rules = evaluate({"birth_year": 1950}, {"min_age": 65, "capacity": 0})
    >>> eligible, room
    ('yes', False)
    """
    check_language(language)
    ctx = _Context(today or _dt.date.today(), language, grants or {})
    results = tuple(check(resident, offer, ctx) for _, check in RULES.values())
    outcomes = {r.outcome for r in results}
    eligible: Outcome = "no" if "no" in outcomes else "unknown" if "unknown" in outcomes else "yes"
    capacity = offer.get("capacity")
    room = None if capacity is None else capacity > 0
    return eligible, room, results


def _node(G: nx.MultiDiGraph, node: str, kinds: frozenset[str], what: str) -> Attrs:
    if node not in G:
        raise NodeNotFoundError(f"{what} {node!r} is not on the map")
    attrs: Attrs = G.nodes[node]
    if attrs.get("kind") not in kinds:
        raise ValueError(
            f"{node!r} is a {attrs.get('kind')}, not a {' or '.join(sorted(kinds))}: "
            f"give the id of a {what}"
        )
    return attrs


def check_eligibility(
    G: nx.MultiDiGraph,
    resident: str,
    offer: str,
    *,
    today: _dt.date | None = None,
    language: str = "en",
) -> Eligibility:
    """Check whether a resident may use an offer, with every rule's reason.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A social map.
    resident : str
        The id of a resident.
    offer : str
        The id of an initiative or organisation.
    today : datetime.date, optional
        The day to compute ages on; today by default.
    language : {"en", "nl"}
        The language of the reasons and questions.

    Returns
    -------
    ~sociale_kaart.core.eligibility.Eligibility
        ``eligible`` is ``"yes"``, ``"no"`` or ``"unknown"``; ``reasons``
        lists every rule's reason, ``blocking`` the reasons that said no,
        ``questions`` what to ask to settle the unknowns; ``room`` whether
        places are open.

    Raises
    ------
    NodeNotFoundError
        If either id is not on the map.
    ValueError
        If ``resident`` is not a resident or ``offer`` not an offer.

    See Also
    --------
    eligibility_table : every offer for one resident.

    Notes
    -----
    The rules are listed in :data:`~sociale_kaart.core.eligibility.RULES` and
    described in the module documentation. An offer is closed (``"no"``) when
    any rule says no; it is ``"unknown"`` when a rule lacks the resident data
    it needs.

    Examples
    --------
    The language course is closed to a resident with an EU passport; the
    language buddies are open:

    >>> import sociale_kaart as sk
    >>> G = sk.load_sample()
    >>> course = sk.check_eligibility(G, "r_samira", "i_taalschool")
    >>> course.eligible, course.blocking
    ('no', ['closed to residents with EU citizenship'])
    >>> sk.check_eligibility(G, "r_samira", "i_taalmaatjes").eligible
    'yes'
    """
    require_map(G)
    r = _node(G, resident, frozenset({"resident"}), "resident")
    o = _node(G, offer, OFFER_KINDS, "offer (initiative or organisation)")
    grants = grant_sources(G)
    eligible, room, results = evaluate(r, o, today=today, language=language, grants=grants)
    return Eligibility(resident, offer, eligible, room, results)


def eligibility_table(
    G: nx.MultiDiGraph,
    resident: str,
    *,
    theme: str | None = None,
    today: _dt.date | None = None,
    language: str = "en",
) -> pd.DataFrame:
    """Check one resident against every offer on the map (or every offer of a theme).

    Returns
    -------
    pandas.DataFrame
        Indexed by offer id (sorted), with columns ``kind``, ``name``,
        ``level``, ``eligible``, ``room``, one column per rule with its
        outcome, ``reasons`` (list of the reasons of rules that did not say
        yes, or all reasons when eligible) and ``questions`` (list).

    Examples
    --------
    >>> import sociale_kaart as sk
    >>> table = sk.eligibility_table(sk.load_sample(), "r_samira", theme="language")
    >>> table.loc[["i_taalmaatjes", "i_taalschool"], ["eligible", "excludes"]]
                  eligible excludes
    offer
    i_taalmaatjes      yes      yes
    i_taalschool        no       no
    """
    require_map(G)
    r = _node(G, resident, frozenset({"resident"}), "resident")
    grants = grant_sources(G)
    rows = []
    for node, attrs in sorted(G.nodes(data=True), key=lambda item: str(item[0])):
        if attrs.get("kind") not in OFFER_KINDS:
            continue
        if theme is not None and theme not in (attrs.get("themes") or []):
            continue
        eligible, room, results = evaluate(r, attrs, today=today, language=language, grants=grants)
        not_yes = [x.reason for x in results if x.outcome != "yes"]
        row: dict[str, Any] = {
            "offer": node,
            "kind": attrs.get("kind"),
            "name": attrs.get("name"),
            "level": attrs.get("level"),
            "eligible": eligible,
            "room": room,
        }
        row.update({x.rule: x.outcome for x in results})
        row["reasons"] = not_yes or [x.reason for x in results]
        row["questions"] = [x.question for x in results if x.outcome == "unknown" and x.question]
        rows.append(row)
    columns = ["offer", "kind", "name", "level", "eligible", "room", *RULES, "reasons", "questions"]
    return pd.DataFrame(rows, columns=columns).set_index("offer")

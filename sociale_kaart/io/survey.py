"""Read a roster network survey (PARTNER-style) into a social map.

A roster survey lists the members of a network and asks every member, about
every other: do you know them, do you work together, how much do you trust
them, how much value do they bring. The PARTNER tool's validated scales
(Varda et al. 2008) rate trust on three items and value on three, each 1-4.

Layouts
-------
**Long**: one row per respondent and partner. Columns (English or Dutch):

=====================  =========================================  ===========
column                 also accepted                               values
=====================  =========================================  ===========
``respondent``         ``respondent_id``, ``van``, ``invuller``    member id
``partner``            ``partner_id``, ``naar``, ``over``          member id
``knows``              ``kent``                                    yes/no
``works_with``         ``werkt_samen``                             yes/no
``intensity``          ``intensiteit``                             see below
``trust_reliable``     ``betrouwbaar``                             1-4
``trust_mission``      ``steunt_missie``                           1-4
``trust_open``         ``open_voor_discussie``                     1-4
``value_power``        ``macht_invloed``                           1-4
``value_involvement``  ``betrokkenheid``                           1-4
``value_resources``    ``middelen``                                1-4
=====================  =========================================  ===========

**Wide**: one row per respondent, a ``respondent`` column and one column
``ITEM:PARTNER`` per item and partner (``trust_reliable:m02``, ``kent:m02``).

Intensity is ``awareness``, ``cooperation``, ``coordination`` or
``integration`` (Dutch: ``bewust``, ``samenwerking``, ``afstemming``,
``integratie``). Yes/no is ``yes``/``no``, ``ja``/``nee`` or ``1``/``0``.

A respondent's row becomes a ``knows`` tie from respondent to partner when
``knows`` is yes (or, without a ``knows`` column, when any item is given),
with ``trust`` the mean of the three trust items and ``value`` the mean of
the three value items that were answered.

The **roster** (a CSV or Excel file, or a DataFrame) lists the members: ``id``
(or ``code``), and optionally ``name``/``naam``, ``team``, ``role``/``functie``,
``organisation``/``organisatie`` (kept as ``x_organisation``: a survey names
organisations, it does not link them), ``background``/``achtergrond`` (kept as
``x_background``) and custom ``x_`` columns. Every member becomes a
professional node.

References
----------
Varda, D. M., Chandra, A., Stern, S. A., & Lurie, N. (2008). Core dimensions
of connectivity in public health collaboratives. *Journal of Public Health
Management and Practice*, 14(5), E1-E7. doi:10.1097/01.PHH.0000333889.60517.46

Huisman, M. (2009). Imputation of missing network data: some simple
procedures. *Journal of Social Structure*, 10(1).
"""

from __future__ import annotations

import datetime as _dt
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd

from sociale_kaart.core.builder import Row, Table, build_graph
from sociale_kaart.core.errors import DataError, Problem
from sociale_kaart.core.themes import nearest_code
from sociale_kaart.core.vocabulary import INTENSITIES

__all__ = ["MISSING_STRATEGIES", "SURVEY_COLUMNS", "read_survey"]

PathLike = str | os.PathLike[str]

#: How ties of non-respondents are handled (see :func:`read_survey`).
MISSING_STRATEGIES: tuple[str, ...] = ("symmetrise", "leave", "reciprocity")

TRUST_ITEMS: tuple[str, ...] = ("trust_reliable", "trust_mission", "trust_open")
VALUE_ITEMS: tuple[str, ...] = ("value_power", "value_involvement", "value_resources")
ITEMS: tuple[str, ...] = (*TRUST_ITEMS, *VALUE_ITEMS)

#: Survey column -> the names accepted for it (English and Dutch).
SURVEY_COLUMNS: dict[str, tuple[str, ...]] = {
    "respondent": ("respondent", "respondent_id", "from", "van", "invuller"),
    "partner": ("partner", "partner_id", "to", "naar", "over"),
    "knows": ("knows", "kent", "bekend"),
    "works_with": ("works_with", "werkt_samen"),
    "intensity": ("intensity", "intensiteit"),
    "trust_reliable": ("trust_reliable", "reliable", "betrouwbaar", "betrouwbaarheid"),
    "trust_mission": ("trust_mission", "supports_mission", "steunt_missie", "missie"),
    "trust_open": ("trust_open", "open_to_discussion", "open_voor_discussie", "openheid"),
    "value_power": ("value_power", "power_influence", "macht_invloed", "invloed"),
    "value_involvement": ("value_involvement", "involvement", "betrokkenheid"),
    "value_resources": ("value_resources", "resource_contribution", "middelen"),
}
_ROSTER_COLUMNS: dict[str, tuple[str, ...]] = {
    "id": ("id", "code", "member", "lid"),
    "name": ("name", "naam"),
    "team": ("team",),
    "role": ("role", "functie", "rol"),
    "x_organisation": ("organisation", "organisatie", "x_organisation"),
    "x_background": ("background", "achtergrond", "x_background"),
    "neighbourhoods": ("neighbourhoods", "wijken"),
}
_INTENSITY_NL = {
    "bewust": "awareness",
    "bewustzijn": "awareness",
    "samenwerking": "cooperation",
    "afstemming": "coordination",
    "coordinatie": "coordination",
    "coördinatie": "coordination",
    "integratie": "integration",
}
_YES = {"1", "1.0", "yes", "y", "ja", "j", "true", "waar"}
_NO = {"0", "0.0", "no", "n", "nee", "false", "onwaar"}


def _token(text: Any) -> str:
    return str(text).strip().lower().replace(" ", "_").replace("-", "_")


def _aliases(table: Mapping[str, tuple[str, ...]]) -> dict[str, str]:
    return {alias: column for column, names in table.items() for alias in names}


def _read_frame(source: PathLike | pd.DataFrame, what: str) -> tuple[pd.DataFrame, str]:
    if isinstance(source, pd.DataFrame):
        return source.astype(object).where(source.notna(), ""), what
    path = Path(source)
    if not path.exists():
        raise FileNotFoundError(f"the {what} file {str(path)!r} does not exist")
    if path.suffix.lower() in (".xlsx", ".xlsm", ".xls"):
        frame = pd.read_excel(path, dtype=str, keep_default_na=False)
    else:
        frame = pd.read_csv(
            path, dtype=str, keep_default_na=False, sep=None, engine="python", encoding="utf-8-sig"
        )
    return frame, path.name


def _rename(
    frame: pd.DataFrame, table: Mapping[str, tuple[str, ...]], label: str, problems: list[Problem]
) -> dict[str, str]:
    """Original column -> canonical name; unknown columns are problems."""
    aliases = _aliases(table)
    out: dict[str, str] = {}
    for column in frame.columns:
        token = _token(column)
        if token in aliases:
            out[str(column)] = aliases[token]
        elif token.startswith("x_"):
            out[str(column)] = token
        else:
            hint = nearest_code(token, sorted(aliases))
            tip = f"did you mean {hint!r}? " if hint else ""
            problems.append(
                Problem(
                    label,
                    1,
                    str(column),
                    None,
                    f"unknown column {column!r}: {tip}Use one of {', '.join(table)} "
                    "(or a Dutch name), or start custom columns with 'x_'",
                )
            )
    return out


def _roster_table(
    roster: PathLike | pd.DataFrame, problems: list[Problem]
) -> tuple[Table, list[str]]:
    frame, label = _read_frame(roster, "roster")
    names = _rename(frame, _ROSTER_COLUMNS, label, problems)
    if "id" not in names.values():
        problems.append(
            Problem(label, 1, "id", None, "the roster has no 'id' column: add one, one id a member")
        )
    columns = list(dict.fromkeys(names.values()))
    table = Table("professionals", label, columns)
    ids: list[str] = []
    for line, record in enumerate(frame.to_dict("records"), start=2):
        values = {names[str(k)]: v for k, v in record.items() if str(k) in names}
        table.rows.append(Row(values, line))
        if values.get("id") not in (None, ""):
            ids.append(str(values["id"]).strip())
    return table, ids


def _long_rows(
    frame: pd.DataFrame, label: str, problems: list[Problem]
) -> tuple[str, list[tuple[int, dict[str, Any], dict[str, str]]]]:
    """The survey as (line, values, column names as written) per respondent-partner pair."""
    wide = [c for c in frame.columns if ":" in str(c)]
    if wide:
        respondent_col = None
        for column in frame.columns:
            if ":" not in str(column) and _aliases(SURVEY_COLUMNS).get(_token(column)) == (
                "respondent"
            ):
                respondent_col = column
            elif ":" not in str(column):
                problems.append(
                    Problem(
                        label,
                        1,
                        str(column),
                        None,
                        "a wide survey has a 'respondent' column and columns ITEM:PARTNER "
                        "(e.g. 'trust_reliable:m02'); rename or drop this column",
                    )
                )
        if respondent_col is None:
            problems.append(
                Problem(label, 1, "respondent", None, "add a 'respondent' column (or 'invuller')")
            )
            return "wide", []
        aliases = _aliases(SURVEY_COLUMNS)
        split: dict[str, tuple[str, str]] = {}
        for column in wide:
            item, _, partner = str(column).partition(":")
            canonical = aliases.get(_token(item))
            if canonical is None or canonical in ("respondent", "partner") or not partner.strip():
                hint = nearest_code(_token(item), sorted(aliases))
                tip = f" Did you mean {hint!r}?" if hint else ""
                problems.append(
                    Problem(
                        label,
                        1,
                        str(column),
                        None,
                        f"column {column!r} is not ITEM:PARTNER with a known item.{tip}",
                    )
                )
                continue
            split[str(column)] = (canonical, partner.strip())
        rows: list[tuple[int, dict[str, Any], dict[str, str]]] = []
        for line, record in enumerate(frame.to_dict("records"), start=2):
            respondent = record[respondent_col]
            pairs: dict[str, dict[str, Any]] = {}
            written: dict[str, dict[str, str]] = {}
            for column, (item, partner) in split.items():
                pairs.setdefault(partner, {"respondent": respondent, "partner": partner})
                written.setdefault(
                    partner, {"respondent": str(respondent_col), "partner": str(column)}
                )
                pairs[partner][item] = record[column]
                written[partner][item] = column
            for partner, values in pairs.items():
                rows.append((line, values, written[partner]))
        return "wide", rows
    names = _rename(frame, SURVEY_COLUMNS, label, problems)
    for needed in ("respondent", "partner"):
        if needed not in names.values():
            problems.append(
                Problem(
                    label,
                    1,
                    needed,
                    None,
                    f"the survey has no {needed!r} column: a long survey has one row per "
                    "respondent and partner (or use the wide layout, ITEM:PARTNER columns)",
                )
            )
    inverse = {v: k for k, v in names.items()}
    rows = []
    for line, record in enumerate(frame.to_dict("records"), start=2):
        values = {names[str(k)]: v for k, v in record.items() if str(k) in names}
        rows.append((line, values, inverse))
    return "long", rows


def _blank(value: Any) -> bool:
    return (
        value is None or (isinstance(value, float) and np.isnan(value)) or str(value).strip() == ""
    )


def _parse_answer(
    line: int, values: dict[str, Any], written: Mapping[str, str], label: str, out: list[Problem]
) -> dict[str, Any] | None:
    """One respondent-partner answer, checked; None when there is no tie."""

    def bad(column: str, message: str) -> None:
        out.append(Problem(label, line, written.get(column, column), values.get(column), message))

    answer: dict[str, Any] = {}
    ok = True
    for item in ITEMS:
        raw = values.get(item)
        if _blank(raw):
            continue
        text = str(raw).strip().replace(",", ".")
        try:
            number = float(text)
        except ValueError:
            number = float("nan")
        if not number.is_integer() or not 1 <= number <= 4:
            bad(
                item,
                f"{item} must be a whole number 1-4 (PARTNER scale); leave it empty if unknown",
            )
            ok = False
            continue
        answer[item] = int(number)
    flags: dict[str, bool | None] = {}
    for flag in ("knows", "works_with"):
        raw = values.get(flag)
        if _blank(raw):
            flags[flag] = None
            continue
        text = str(raw).strip().lower()
        if text in _YES:
            flags[flag] = True
        elif text in _NO:
            flags[flag] = False
        else:
            bad(flag, f"{flag} must be yes or no (ja/nee, 1/0)")
            ok = False
    raw = values.get("intensity")
    if not _blank(raw):
        text = _token(raw)
        text = _INTENSITY_NL.get(text, text)
        if text not in INTENSITIES:
            bad(
                "intensity",
                "intensity must be awareness, cooperation, coordination or integration "
                "(bewust, samenwerking, afstemming, integratie)",
            )
            ok = False
        else:
            answer["intensity"] = text
    if not ok:
        return None
    rated = bool(answer)
    knows = flags["knows"]
    if knows is False and (rated or flags["works_with"]):
        bad("knows", "knows is no but the partner is rated: correct knows, or clear the ratings")
        return None
    if knows is False or (knows is None and not rated and not flags["works_with"]):
        return None
    if flags["works_with"] is not None:
        answer["works_with"] = flags["works_with"]
    for score, items in (("trust", TRUST_ITEMS), ("value", VALUE_ITEMS)):
        given = [answer[i] for i in items if i in answer]
        if given:
            answer[score] = sum(given) / len(given)
    return answer


def _impute(
    ties: dict[tuple[str, str], dict[str, Any]],
    members: list[str],
    respondents: set[str],
    missing: str,
    seed: int | None,
) -> tuple[dict[tuple[str, str], dict[str, Any]], list[dict[str, Any]]]:
    """The ties of non-respondents, by the chosen strategy, and a report row per tie made."""
    out: dict[tuple[str, str], dict[str, Any]] = {}
    report: list[dict[str, Any]] = []
    silent = [m for m in members if m not in respondents]
    if missing == "leave" or not silent:
        return out, report
    if missing == "symmetrise":
        for (i, j), answer in ties.items():
            if j in respondents or (j, i) in ties:
                continue
            out[(j, i)] = {**answer, "x_imputed": "symmetrised"}
            report.append(
                {"id": j, "action": "imputed tie", "reason": f"copied from {i}'s answer about {j}"}
            )
        return out, report
    # reciprocity (Huisman 2009): a tie j -> i of a non-respondent j is drawn with the observed
    # probability of a tie given the reverse tie (present or absent) among respondents.
    resp = sorted(respondents)
    recip = absent = with_reverse = without_reverse = 0
    for a in resp:
        for b in resp:
            if a == b:
                continue
            if (b, a) in ties:
                with_reverse += 1
                recip += (a, b) in ties
            else:
                without_reverse += 1
                absent += (a, b) in ties
    p_with = recip / with_reverse if with_reverse else 0.0
    p_without = absent / without_reverse if without_reverse else 0.0
    items = {item: [t[item] for t in ties.values() if item in t] for item in ITEMS}
    typical = {item: int(np.median(v)) if v else None for item, v in items.items()}
    rng = np.random.default_rng(seed)
    for j in silent:
        for i in resp:
            reverse = ties.get((i, j))
            p = p_with if reverse is not None else p_without
            if rng.random() >= p:
                continue
            if reverse is not None:
                answer = {**reverse}
                why = f"drawn with P(tie | reverse tie) = {p:.2f}; scores copied from {i}'s answer"
            else:
                answer = {k: v for k, v in typical.items() if v is not None}
                for score, group in (("trust", TRUST_ITEMS), ("value", VALUE_ITEMS)):
                    given = [answer[g] for g in group if g in answer]
                    if given:
                        answer[score] = sum(given) / len(given)
                why = f"drawn with P(tie | no reverse tie) = {p:.2f}; scores: the median answers"
            answer["x_imputed"] = "reciprocity"
            out[(j, i)] = answer
            report.append({"id": j, "action": "imputed tie", "reason": why})
    return out, report


def read_survey(
    path: PathLike | pd.DataFrame,
    *,
    roster: PathLike | pd.DataFrame | None = None,
    missing: str = "symmetrise",
    wave: _dt.date | str | None = None,
    seed: int | None = None,
    name: str | None = None,
) -> nx.MultiDiGraph:
    """Read a roster network survey into a map of its members and their rated ties.

    Parameters
    ----------
    path : str, path-like or pandas.DataFrame
        The answers, a CSV (``,`` or ``;``) or Excel file in the long or wide
        layout (see ``sociale_kaart.io.survey``), or a DataFrame.
    roster : str, path-like or pandas.DataFrame, optional
        The members with their attributes. Without it the members are every
        respondent and partner named, with no attributes.
    missing : {"symmetrise", "leave", "reciprocity"}, default "symmetrise"
        What to do with members who did not answer (Huisman 2009):
        ``"symmetrise"`` (*reconstruction*) gives a non-respondent ``j`` the
        tie ``j -> i`` with ``i``'s scores wherever ``i`` rated ``j``;
        ``"leave"`` leaves their ties missing (QAP then asks for
        ``nodes=`` the respondents); ``"reciprocity"`` draws each tie
        ``j -> i`` with the observed probability of a tie given the reverse
        tie, present or absent, among respondents (scores copied from the
        reverse tie, or the median answers), seeded by ``seed``.
    wave : datetime.date or str, optional
        The date of the survey wave (``YYYY-MM-DD``), kept in the report. It
        dates the map: every tie gets it as ``since`` and ``G.graph["as_of"]``
        is set, so two waves can go to ``sk.diff`` and ``sk.timeline``.
    seed : int, optional
        Seed of ``missing="reciprocity"``.
    name : str, optional
        Stored in ``G.graph["name"]``.

    Returns
    -------
    networkx.MultiDiGraph
        A professional node per member and a ``knows`` tie from respondent to
        partner per tie reported, with ``trust``, ``value``, the six items,
        ``works_with`` and ``intensity`` where answered; imputed ties carry
        ``extra["x_imputed"]``. ``G.graph["survey"]`` holds ``layout``,
        ``missing``, ``wave``, ``members``, ``respondents``,
        ``non_respondents`` and ``response_rate``;
        ``G.graph["import_report"]`` a DataFrame (``file``, ``row``, ``id``,
        ``column``, ``value``, ``action``, ``reason``) with a row per
        imputed tie.

    Raises
    ------
    DataError
        Every problem with its file, row, column and fix: unknown columns,
        ratings outside 1-4, partners not on the roster, a member rating
        themself, the same pair answered twice, rated partners marked as
        not known.
    FileNotFoundError
        If a file does not exist.
    ValueError
        If ``missing`` is not one of ``MISSING_STRATEGIES``.

    Examples
    --------
    >>> import sociale_kaart as sk
    >>> from sociale_kaart.datasets import sample_path
    >>> folder = sample_path("dordrecht_survey")
    >>> G = sk.read_survey(folder / "wave1.csv", roster=folder / "roster.csv")
    >>> G.graph["survey"]["response_rate"] < 1
    True
    >>> tie = next(iter(G.edges(data=True)))[2]
    >>> sorted(k for k in tie if k.startswith("trust"))
    ['trust', 'trust_mission', 'trust_open', 'trust_reliable']
    """
    if missing not in MISSING_STRATEGIES:
        raise ValueError(
            f"missing={missing!r} is not a strategy: use one of {', '.join(MISSING_STRATEGIES)}"
        )
    if isinstance(wave, str):
        try:
            wave = _dt.date.fromisoformat(wave)
        except ValueError:
            raise ValueError(f"wave={wave!r} is not a date: write YYYY-MM-DD") from None
    problems: list[Problem] = []
    frame, label = _read_frame(path, "survey")
    table: Table | None = None
    members: list[str] = []
    if roster is not None:
        table, members = _roster_table(roster, problems)
    layout, rows = _long_rows(frame, label, problems)
    member_set = set(members)
    ties: dict[tuple[str, str], dict[str, Any]] = {}
    lines: dict[tuple[str, str], int] = {}
    respondents: list[str] = []
    named: list[str] = []
    for line, values, written in rows:
        ends: list[str | None] = []
        for end in ("respondent", "partner"):
            raw = values.get(end)
            if _blank(raw):
                problems.append(
                    Problem(label, line, written.get(end, end), None, f"the {end} is empty")
                )
                ends.append(None)
                continue
            member = str(raw).strip()
            if table is not None and member not in member_set:
                hint = nearest_code(member, members)
                tip = f" Did you mean {hint!r}?" if hint else ""
                problems.append(
                    Problem(
                        label,
                        line,
                        written.get(end, end),
                        member,
                        f"{member!r} is not on the roster: add them or correct the id.{tip}",
                    )
                )
                ends.append(None)
                continue
            ends.append(member)
        i, j = ends
        if i is None or j is None:
            continue
        respondents.append(i)
        named.extend((i, j))
        if i == j:
            continue  # a roster row about oneself is skipped, as the survey does not ask it
        if (i, j) in lines:
            problems.append(
                Problem(
                    label,
                    line,
                    written.get("partner", "partner"),
                    j,
                    f"{i} answered about {j} already (row {lines[(i, j)]}): keep one row",
                )
            )
            continue
        lines[(i, j)] = line
        answer = _parse_answer(line, values, written, label, problems)
        if answer is not None:
            ties[(i, j)] = answer
    if problems:
        raise DataError(problems, source=label)
    if table is None:
        members = list(dict.fromkeys(named))
        table = Table("professionals", "roster", ["id"], [Row({"id": m}, None) for m in members])
    responded = set(respondents)
    # a wave date dates the map for the change-over-time work: ties seen then
    # get it as ``since``, the map as its ``as_of`` (issue 15)
    dated = {} if wave is None else {"since": wave.isoformat()}
    imputed, report = _impute(ties, members, responded, missing, seed)
    relation_rows = [
        Row(
            {"source": i, "target": j, "relation": "knows", **answer, **dated},
            lines.get((i, j)),
        )
        for (i, j), answer in {**ties, **imputed}.items()
    ]
    columns = sorted({c for row in relation_rows for c in row.values})
    relations = Table("relations", label, columns or ["source", "target", "relation"])
    relations.rows = relation_rows
    silent = [m for m in members if m not in responded]
    survey = {
        "layout": layout,
        "missing": missing,
        "wave": wave,
        "members": list(members),
        "respondents": [m for m in members if m in responded],
        "non_respondents": silent,
        "response_rate": (len(members) - len(silent)) / len(members) if members else 0.0,
    }
    report_frame = pd.DataFrame(
        [{"file": label, "row": None, "column": None, "value": None, **r} for r in report],
        columns=["file", "row", "id", "column", "value", "action", "reason"],
    )
    return build_graph(
        {"professionals": table, "relations": relations},
        name=name,
        source=label,
        extra_graph={
            "survey": survey,
            "import_report": report_frame,
            **({} if wave is None else {"as_of": wave.isoformat()}),
        },
    )

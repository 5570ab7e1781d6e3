"""The referral journal and contact moments: validated tables kept in the map.

A *referral* is a sequence of status events, close to the FHIR Task state
machine (HL7 FHIR R4, Task.status): ``proposed -> requested ->
accepted | rejected -> started -> completed``, and ``cancelled`` from any
open state. Each row of the journal is one event of one referral. The
journal and the contact moments add no ties to the map; they live in
``G.graph["referrals"]`` and ``G.graph["contacts"]``.

Every problem is collected and raised together as one
:class:`~sociale_kaart.core.errors.DataError`, with file, row and column.
"""

from __future__ import annotations

import datetime as _dt
import re
import warnings
from collections.abc import Iterator, Mapping
from typing import Any

import numpy as np
import pandas as pd

from sociale_kaart.core.dates import day_first_dates
from sociale_kaart.core.errors import DataError, Problem
from sociale_kaart.core.vocabulary import CONTACT_KINDS, PERSON_KINDS

__all__ = [
    "CONTACT_COLUMNS",
    "REFERRAL_COLUMNS",
    "STARTED",
    "STATUSES",
    "SUMMARY_COLUMNS",
    "TRANSITIONS",
    "referral_rows",
    "referral_summary",
    "validate_contacts",
    "validate_referrals",
]

#: Statuses of a referral step, in the order of the state machine.
STATUSES: tuple[str, ...] = (
    "proposed",
    "requested",
    "accepted",
    "rejected",
    "started",
    "completed",
    "cancelled",
)

_OPEN = frozenset({"proposed", "requested", "accepted", "started"})

#: Allowed status changes: status -> statuses that may follow it.
TRANSITIONS: dict[str, frozenset[str]] = {
    "proposed": frozenset({"requested", "accepted", "rejected", "cancelled"}),
    "requested": frozenset({"accepted", "rejected", "cancelled"}),
    "accepted": frozenset({"started", "cancelled"}),
    "rejected": frozenset(),
    "started": frozenset({"completed", "cancelled"}),
    "completed": frozenset(),
    "cancelled": frozenset(),
}

#: Columns of ``referrals.csv``; the first six are required.
REFERRAL_COLUMNS: tuple[str, ...] = (
    "referral",
    "date",
    "status",
    "resident",
    "referrer",
    "target",
    "parent",
    "theme",
    "companion",
    "reason",
)

#: Columns of ``contacts.csv``; the first four are required.
CONTACT_COLUMNS: tuple[str, ...] = (
    "contact",
    "date",
    "resident",
    "professional",
    "referral",
    "kind",
    "place",
    "participants",
)

_FILE_R = "referrals.csv"
_FILE_C = "contacts.csv"
_TRUE = {"1", "true", "yes", "ja", "waar"}
_FALSE = {"", "0", "false", "no", "nee", "onwaar"}


_DATE_HINT = "write the date as YYYY-MM-DD, or day first as d-m-yyyy with the year in full"


def _blank(value: Any) -> bool:
    return (
        value is None or (isinstance(value, float) and pd.isna(value)) or str(value).strip() == ""
    )


def _as_date(value: Any) -> _dt.date | None:
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    try:
        return _dt.date.fromisoformat(str(value).strip())
    except ValueError:
        return None


def _day_first(frame: pd.DataFrame, file: str, problems: list[Problem]) -> None:
    """Read ``d-m-yyyy`` dates in the ``date`` column (Dutch Excel), in place, and say so."""
    records = [{"date": value} for value in frame["date"]]
    result = day_first_dates(records, ["date"])
    problems.extend(Problem(file, None, c, v, message) for c, v, message in result.problems())
    notice = result.notice(file)
    if notice is not None:
        frame["date"] = [record["date"] for record in records]
        warnings.warn(notice, UserWarning, stacklevel=4)


def _records(frame: pd.DataFrame) -> Iterator[dict[str, Any]]:
    """The rows as plain dicts: ``to_dict("records")`` without its per-cell boxing (3x faster)."""
    columns = [str(c) for c in frame.columns]
    cells = []
    for column in frame.columns:
        values = frame[column].tolist()
        if isinstance(frame[column].dtype, pd.api.extensions.ExtensionDtype):
            values = [None if value is pd.NA else value for value in values]  # as to_dict does
        cells.append(values)
    for row in zip(*cells, strict=True):
        yield dict(zip(columns, row, strict=True))


def _kinds(G: Any) -> Mapping[str, str]:
    return {node: data.get("kind", "") for node, data in G.nodes(data=True)}


def validate_referrals(G: Any, table: pd.DataFrame, *, file: str = _FILE_R) -> pd.DataFrame:
    """Check a referral journal against the map and return it as a clean table.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The social map whose ids the journal names.
    table : pandas.DataFrame
        One row per status event, with the columns of :data:`REFERRAL_COLUMNS`.
    file : str, optional
        The file name used in problem messages.

    Returns
    -------
    pandas.DataFrame
        The journal, with dates as :class:`datetime.date`, ``companion`` as bool.

    Raises
    ------
    DataError
        Listing every unknown id, impossible status change, date out of
        order, missing parent and parent cycle, each with its row.

    References
    ----------
    HL7 FHIR R4, resource Task, element ``status`` (the task state machine).

    Examples
    --------
    >>> import networkx as nx, pandas as pd
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("r1", kind="resident"); G.add_node("p1", kind="professional")
    >>> G.add_node("i1", kind="initiative")
    >>> t = pd.DataFrame({"referral": ["a", "a"], "date": ["2026-01-05", "2026-01-06"],
    ...                   "status": ["proposed", "started"], "resident": ["r1", "r1"],
    ...                   "referrer": ["p1", "p1"], "target": ["i1", "i1"]})
    >>> try:
    ...     validate_referrals(G, t)
    ... except DataError as err:
    ...     print(err.errors[0].message[:45])
    status 'started' cannot follow 'proposed' in
    """
    problems: list[Problem] = []
    kinds = _kinds(G)
    frame = table.copy()
    for column in REFERRAL_COLUMNS:
        if column not in frame.columns:
            if column in REFERRAL_COLUMNS[:6]:
                problems.append(
                    Problem(
                        file, None, column, None, f"required column {column!r} is missing; add it"
                    )
                )
            frame[column] = None
    if problems:
        raise DataError(problems, source=file)
    _day_first(frame, file, problems)
    dates: list[_dt.date | None] = []
    companions: list[bool] = []
    companion_ids: list[str | None] = []
    last: dict[str, tuple[str, _dt.date | None]] = {}
    first_row: dict[str, dict[Any, Any]] = {}
    parents: dict[str, str] = {}
    first_line: dict[str, int] = {}
    for i, row in enumerate(_records(frame)):
        line = i + 2
        ref = "" if _blank(row["referral"]) else str(row["referral"]).strip()
        if not ref:
            problems.append(
                Problem(file, line, "referral", row["referral"], "give the referral an id")
            )
        date = _as_date(row["date"])
        if date is None:
            problems.append(Problem(file, line, "date", row["date"], _DATE_HINT))
        dates.append(date)
        status = str(row["status"]).strip() if not _blank(row["status"]) else ""
        if status not in STATUSES:
            problems.append(
                Problem(
                    file,
                    line,
                    "status",
                    row["status"],
                    f"status must be one of {', '.join(STATUSES)}",
                )
            )
        for column, allowed in (
            ("resident", {"resident"}),
            ("referrer", {"professional", "organisation", "initiative"}),
            ("target", {"professional", "organisation", "initiative"}),
        ):
            value = row[column]
            if _blank(value):
                problems.append(Problem(file, line, column, value, f"fill in the {column} id"))
            elif str(value) not in kinds:
                problems.append(
                    Problem(
                        file,
                        line,
                        column,
                        value,
                        f"{column} {value!r} is not on the map; add it or fix the id",
                    )
                )
            elif kinds[str(value)] not in allowed:
                problems.append(
                    Problem(
                        file,
                        line,
                        column,
                        value,
                        f"{column} must be a {' or '.join(sorted(allowed))}, "
                        f"not a {kinds[str(value)]}",
                    )
                )
        raw = row["companion"]
        comp = "" if _blank(raw) else str(raw).strip()
        who = None
        if isinstance(raw, bool):
            came = raw
        elif comp.lower() in _TRUE | _FALSE:
            came = comp.lower() in _TRUE
        elif kinds.get(comp) in PERSON_KINDS:
            came, who = True, comp  # who came along (issue 13)
        else:
            came = False
            problems.append(
                Problem(
                    file,
                    line,
                    "companion",
                    raw,
                    "write yes or no, or the id of the resident or professional who came along",
                )
            )
        companions.append(came)
        companion_ids.append(who)
        if not ref:
            continue
        if ref in first_row:
            for column in ("resident", "referrer", "target"):
                if str(row[column]) != str(first_row[ref][column]):
                    problems.append(
                        Problem(
                            file,
                            line,
                            column,
                            row[column],
                            f"referral {ref!r} changes its {column}; "
                            f"one referral keeps one {column}",
                        )
                    )
        else:
            first_row[ref] = row
            first_line[ref] = line
            if not _blank(row["parent"]):
                parents[ref] = str(row["parent"]).strip()
        if status in STATUSES:
            if ref not in last:
                if status != "proposed" and status != "requested":
                    problems.append(
                        Problem(
                            file,
                            line,
                            "status",
                            status,
                            f"referral {ref!r} must begin as proposed or requested, not {status}",
                        )
                    )
            else:
                previous, previous_date = last[ref]
                if status not in TRANSITIONS[previous]:
                    allowed_next = ", ".join(sorted(TRANSITIONS[previous])) or "none (closed)"
                    problems.append(
                        Problem(
                            file,
                            line,
                            "status",
                            status,
                            f"status {status!r} cannot follow {previous!r} in referral {ref!r}; "
                            f"allowed next: {allowed_next}",
                        )
                    )
                if date is not None and previous_date is not None and date < previous_date:
                    problems.append(
                        Problem(
                            file,
                            line,
                            "date",
                            row["date"],
                            f"date is before the previous step of referral {ref!r} "
                            f"({previous_date}); "
                            "put the steps in order",
                        )
                    )
            last[ref] = (status, date)
    for ref, parent in parents.items():
        if parent not in first_row:
            problems.append(
                Problem(
                    file,
                    first_line[ref],
                    "parent",
                    parent,
                    f"parent referral {parent!r} is not in the journal; "
                    "fix the id or leave it empty",
                )
            )
    for start in sorted(parents):
        seen = [start]
        node = parents.get(start)
        while node is not None and node in first_row:
            if node == start:
                if start == min(seen):  # report each cycle once
                    problems.append(
                        Problem(
                            file,
                            first_line[start],
                            "parent",
                            parents[start],
                            f"referrals {' -> '.join(seen)} -> {start} form a cycle; break it",
                        )
                    )
                break
            if node in seen:
                break
            seen.append(node)
            node = parents.get(node)
    if problems:
        raise DataError(problems, source=file)
    frame["date"] = dates
    frame["companion"] = companions
    frame["companion_id"] = companion_ids
    return frame[[*REFERRAL_COLUMNS, "companion_id"]].reset_index(drop=True)


def referral_rows(table: pd.DataFrame) -> pd.DataFrame:
    """A validated journal back in its input form (:data:`REFERRAL_COLUMNS`), for writers.

    ``companion`` holds the id of who came along where the journal names one,
    else the yes/no flag, so that reading the rows again gives the same journal.

    Examples
    --------
    >>> import pandas as pd
    >>> journal = pd.DataFrame({c: [None] for c in REFERRAL_COLUMNS})
    >>> journal = journal.assign(companion=[True], companion_id=["r_buur"])
    >>> referral_rows(journal)["companion"].tolist()
    ['r_buur']
    """
    out = table[list(REFERRAL_COLUMNS)].copy()
    if "companion_id" in table.columns:
        ids = table["companion_id"].tolist()
        out["companion"] = [
            who if isinstance(who, str) and who else came
            for who, came in zip(ids, out["companion"].tolist(), strict=True)
        ]
    return out


def validate_contacts(
    G: Any, table: pd.DataFrame, *, referrals: pd.DataFrame | None = None, file: str = _FILE_C
) -> pd.DataFrame:
    """Check contact moments against the map (and journal) and return a clean table.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The social map whose ids the contacts name.
    table : pandas.DataFrame
        One row per contact moment, columns of :data:`CONTACT_COLUMNS`:
        ``contact`` and ``date`` always; ``resident`` and ``professional``
        (one of each, for a visit or a walk-in), or ``participants`` (residents
        and professionals, ``;`` or ``|`` between ids, for an activity), or
        both; ``kind`` (one of :data:`~sociale_kaart.core.vocabulary.CONTACT_KINDS`),
        ``place`` (a place on the map) and ``referral`` are optional.
    referrals : pandas.DataFrame, optional
        A validated journal; ``referral`` ids must then be in it.
    file : str, optional
        The file name used in problem messages.

    Returns
    -------
    pandas.DataFrame
        The contacts, dates as :class:`datetime.date`, ``participants`` as lists.

    Raises
    ------
    DataError
        Listing every unknown id and bad date, each with its row.

    Examples
    --------
    >>> import networkx as nx, pandas as pd
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("r1", kind="resident"); G.add_node("p1", kind="professional")
    >>> t = pd.DataFrame({"contact": ["c1"], "date": ["2026-02-01"],
    ...                   "resident": ["r1"], "professional": ["p1"]})
    >>> validate_contacts(G, t)["date"].iloc[0]
    datetime.date(2026, 2, 1)
    """
    problems: list[Problem] = []
    kinds = _kinds(G)
    frame = table.copy()
    for column in CONTACT_COLUMNS:
        if column not in frame.columns:
            if column in CONTACT_COLUMNS[:2]:
                problems.append(
                    Problem(
                        file, None, column, None, f"required column {column!r} is missing; add it"
                    )
                )
            frame[column] = None
    if problems:
        raise DataError(problems, source=file)
    _day_first(frame, file, problems)
    known = set() if referrals is None else set(referrals["referral"].astype(str))
    dates: list[_dt.date | None] = []
    groups: list[list[str]] = []
    for i, row in enumerate(_records(frame)):
        line = i + 2
        date = _as_date(row["date"])
        if date is None:
            problems.append(Problem(file, line, "date", row["date"], _DATE_HINT))
        dates.append(date)
        raw = "" if _blank(row["participants"]) else row["participants"]
        items = raw if isinstance(raw, list) else re.split(r"[;|]", str(raw))
        participants = [str(item).strip() for item in items if str(item).strip()]
        groups.append(participants)
        for who in participants:
            if kinds.get(who) not in PERSON_KINDS:
                problems.append(
                    Problem(
                        file,
                        line,
                        "participants",
                        who,
                        f"participant {who!r} is not a resident or professional on the map; "
                        "fix the id",
                    )
                )
        if not participants and (_blank(row["resident"]) or _blank(row["professional"])):
            problems.append(
                Problem(
                    file,
                    line,
                    "resident" if _blank(row["resident"]) else "professional",
                    None,
                    "name the resident and the professional of this contact, or its participants",
                )
            )
        kind_value = "" if _blank(row["kind"]) else str(row["kind"]).strip()
        if kind_value and kind_value not in CONTACT_KINDS:
            problems.append(
                Problem(
                    file,
                    line,
                    "kind",
                    row["kind"],
                    f"write one of {', '.join(CONTACT_KINDS)}, or leave it empty",
                )
            )
        place = row["place"]
        if not _blank(place) and kinds.get(str(place)) != "place":
            problems.append(
                Problem(file, line, "place", place, f"place {place!r} is not a place on the map")
            )
        for column, kind in (("resident", "resident"), ("professional", "professional")):
            value = row[column]
            if _blank(value):
                continue
            if kinds.get(str(value)) != kind:
                problems.append(
                    Problem(
                        file,
                        line,
                        column,
                        value,
                        f"{column} {value!r} is not a {kind} on the map; fix the id",
                    )
                )
        if (
            referrals is not None
            and not _blank(row["referral"])
            and str(row["referral"]) not in known
        ):
            problems.append(
                Problem(
                    file,
                    line,
                    "referral",
                    row["referral"],
                    "this referral is not in the journal; fix the id or leave it empty",
                )
            )
    if problems:
        raise DataError(problems, source=file)
    frame["date"] = dates
    frame["participants"] = groups
    for column in ("kind", "place"):  # the same values whichever reader gave them
        frame[column] = pd.Series(
            [None if _blank(v) else str(v).strip() for v in frame[column].tolist()],
            index=frame.index,
            dtype=object,
        )
    return frame[list(CONTACT_COLUMNS)].reset_index(drop=True)


#: Statuses that count a referral as started.
STARTED: frozenset[str] = frozenset({"started", "completed"})

#: Columns of :func:`referral_summary`, after the ``referral`` index.
SUMMARY_COLUMNS: tuple[str, ...] = (
    *REFERRAL_COLUMNS[3:9],  # resident, referrer, target, parent, theme, companion
    "first",
    "last",
    "status",
    "started",
    "rejected",
    "days_to_start",
    "reason",
)


def referral_summary(table: pd.DataFrame) -> pd.DataFrame:
    """One row per referral of a validated journal: who, where, how it ended.

    The identity fields (``resident``, ``referrer``, ``target``, ``parent``,
    ``theme``, ``companion``) come from the referral's first step, where the
    journal records them. ``status`` is the last status; ``started`` is True
    when the referral reached ``started`` or ``completed``; ``days_to_start``
    counts from the first step to the first start (missing when it never
    started); ``reason`` is the reason given on the last step that gave one.

    Parameters
    ----------
    table : pandas.DataFrame
        A journal validated by :func:`validate_referrals` (steps in order).

    Returns
    -------
    pandas.DataFrame
        Indexed by ``referral``, columns :data:`SUMMARY_COLUMNS`.

    Examples
    --------
    >>> import networkx as nx, pandas as pd
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("r1", kind="resident"); G.add_node("p1", kind="professional")
    >>> G.add_node("i1", kind="initiative")
    >>> t = pd.DataFrame({"referral": ["a", "a", "a"],
    ...                   "date": ["2026-01-05", "2026-01-06", "2026-01-12"],
    ...                   "status": ["proposed", "accepted", "started"], "resident": ["r1"] * 3,
    ...                   "referrer": ["p1"] * 3, "target": ["i1"] * 3})
    >>> row = referral_summary(validate_referrals(G, t)).loc["a"]
    >>> bool(row["started"]), int(row["days_to_start"])
    (True, 7)
    """
    if table.empty:
        empty = pd.DataFrame(columns=list(SUMMARY_COLUMNS))
        return empty.rename_axis("referral")
    frame = table.copy()
    # days as whole numbers: pandas reduces them in C, dates only in Python
    day = np.fromiter((d.toordinal() for d in frame["date"]), dtype=np.int64, count=len(frame))
    frame["_day"] = day
    frame["_start"] = np.where(frame["status"].isin(STARTED).to_numpy(), day, np.nan)
    frame["_reason"] = frame["reason"].astype(object).where(~frame["reason"].map(_blank))
    grouped = frame.groupby("referral", sort=False)
    out = grouped.agg(
        resident=("resident", "first"),
        referrer=("referrer", "first"),
        target=("target", "first"),
        first=("_day", "min"),
        last=("_day", "max"),
        status=("status", "last"),
        start=("_start", "min"),
        reason=("_reason", "last"),
    )
    firsts = frame.drop_duplicates("referral").set_index("referral")
    for column in ("parent", "theme"):
        values = firsts[column].astype(object)
        out[column] = values.where(~values.map(_blank), None)
    out["companion"] = firsts["companion"].astype(bool)
    rejected = frame["status"].eq("rejected").groupby(frame["referral"], sort=False).any()
    out["rejected"] = rejected.astype(bool)
    out["started"] = out["start"].notna()
    out["days_to_start"] = (out["start"] - out["first"]).round().astype("Int64")
    for column in ("first", "last"):
        out[column] = [_dt.date.fromordinal(int(d)) for d in out[column]]
    reasons = out["reason"].astype(object)
    out["reason"] = reasons.where(reasons.notna(), None)
    return out[list(SUMMARY_COLUMNS)]

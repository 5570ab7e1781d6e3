"""The referral journal in the file formats: ``referrals.csv`` and ``contacts.csv``.

Both tables are optional. They are validated against the map by
:mod:`sociale_kaart.core.journal` after the map itself is built, and kept in
``G.graph["referrals"]`` and ``G.graph["contacts"]``; they add no ties. The
journal holds residents' data: the team's own storage (CSV folder, JSON)
writes it, public exports do not.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import networkx as nx
import pandas as pd

from sociale_kaart.core.errors import DataError, Problem
from sociale_kaart.core.journal import (
    CONTACT_COLUMNS,
    REFERRAL_COLUMNS,
    referral_rows,
    validate_contacts,
    validate_referrals,
)

__all__ = [
    "JOURNAL_COLUMNS",
    "JOURNAL_TABLES",
    "attach_journal",
    "journal_frames",
    "read_journal_csv",
]

#: The optional journal tables, in the order they are validated.
JOURNAL_TABLES: tuple[str, ...] = ("referrals", "contacts")

#: The columns of each journal table, in their documented order.
JOURNAL_COLUMNS: dict[str, tuple[str, ...]] = {
    "referrals": REFERRAL_COLUMNS,
    "contacts": CONTACT_COLUMNS,
}


def read_journal_csv(file: Path) -> pd.DataFrame:
    """Read one journal CSV (``,`` or ``;``, UTF-8 with or without BOM) as text."""
    with file.open(encoding="utf-8-sig", newline="") as handle:
        header = handle.readline()
    sep = ";" if header.count(";") > header.count(",") else ","
    frame = pd.read_csv(file, sep=sep, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    frame.columns = [str(c).strip().lower() for c in frame.columns]
    return frame


def attach_journal(
    G: nx.MultiDiGraph,
    frames: dict[str, pd.DataFrame],
    *,
    source: str,
    labels: Mapping[str, str] | None = None,
) -> nx.MultiDiGraph:
    """Validate the journal tables against ``G`` and keep them in ``G.graph`` (in place).

    All problems of both tables are raised together as one DataError. Contacts
    are checked against the journal in the same input, if there is one.
    ``labels`` names where each table came from in the problems (a workbook's
    ``"kaart.xlsx [referrals]"``); ``referrals.csv`` and ``contacts.csv`` by default.
    """
    problems: list[Problem] = []
    where = {"referrals": "referrals.csv", "contacts": "contacts.csv", **(labels or {})}
    referrals = None
    if "referrals" in frames:
        try:
            referrals = validate_referrals(G, frames["referrals"], file=where["referrals"])
        except DataError as err:
            problems.extend(err.errors)
    contacts = None
    if "contacts" in frames:
        try:
            contacts = validate_contacts(
                G, frames["contacts"], referrals=referrals, file=where["contacts"]
            )
        except DataError as err:
            problems.extend(err.errors)
    if problems:
        raise DataError(problems, source=source)
    if referrals is not None:
        G.graph["referrals"] = referrals
    if contacts is not None:
        G.graph["contacts"] = contacts
    return G


def _cell(value: Any) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return ";".join(str(item) for item in value)  # ids hold no ';' (docs/data-format.md)
    return str(value)


def journal_frames(G: nx.MultiDiGraph) -> dict[str, pd.DataFrame]:
    """The journal tables of ``G`` as text tables, ready for a writer (empty dict if none)."""
    out: dict[str, pd.DataFrame] = {}
    for name in JOURNAL_TABLES:
        table = G.graph.get(name)
        if table is None:
            continue
        if name == "referrals":
            table = referral_rows(table)  # the companion's id, where the journal names one
        columns = list(JOURNAL_COLUMNS[name])
        out[name] = pd.DataFrame(
            {c: [_cell(v) for v in table[c]] for c in columns}, columns=columns
        )
    return out

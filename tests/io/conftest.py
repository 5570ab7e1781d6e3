"""Every table built in these tests goes through the columnar checks and pydantic alone,
and every CSV file is read both column-wise and row by row."""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

import pytest

from sociale_kaart.core.columnar import pydantic_only
from sociale_kaart.core.errors import Problem
from sociale_kaart.io import formats
from tests.core.columnar_compare import install

_read_csv_table = formats._read_csv_table


def _both_readers(path: Path, name: str, problems: list[Problem], *args: Any) -> Any:
    """:func:`formats._read_csv_table` both ways, compared; the column-wise table."""
    before = len(problems)
    table = _read_csv_table(path, name, problems, *args)
    old_problems: list[Problem] = []
    with warnings.catch_warnings(), pydantic_only():
        warnings.simplefilter("ignore")
        try:
            old = _read_csv_table(path, name, old_problems, *args)
        except Exception as err:  # over a limit: both raise the same
            raise AssertionError(f"only the row-by-row reader raised {err!r}") from err
    assert (table is None) == (old is None)
    assert problems[before:] == old_problems
    if table is not None and old is not None:
        assert (table.columns, table.list_sep) == (old.columns, old.list_sep)
        assert [(r.line, r.values) for r in table.all_rows()] == [
            (r.line, r.values) for r in old.all_rows()
        ]
    return table


@pytest.fixture(autouse=True)
def _columnar_and_pydantic_agree(monkeypatch: pytest.MonkeyPatch) -> None:
    install(monkeypatch)
    monkeypatch.setattr(formats, "_read_csv_table", _both_readers)

"""Run the columnar checks and the pydantic-only path side by side, and compare exactly.

Used by the ``conftest.py`` of tests/core and tests/io: every table any of
their tests builds (the whole bad-input corpus: hand-written cases, the fuzz
targets, the Dutch files, the integrity cases) goes through both paths, and
the per-record results must agree to the type: the same dicts, or the same
pydantic errors.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from sociale_kaart.core import builder
from sociale_kaart.core.columnar import (
    Checked,
    check_columns,
    check_records,
    pydantic_only,
    sparse_record,
)


def same(a: Any, b: Any) -> bool:
    """Equal values of equal types, all the way down (3 is not 3.0, True is not 1)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float) and a != a:
        return b != b
    return bool(a == b)


def error_lines(error: ValidationError) -> list[tuple[Any, ...]]:
    """What the builder reads of a pydantic error: place, kind, message and input."""
    return [
        (item["loc"], item["type"], item["msg"], repr(item.get("input")))
        for item in error.errors(include_url=False)
    ]


def compare(
    fast: Sequence[dict[str, Any] | ValidationError],
    slow: Sequence[dict[str, Any] | ValidationError],
) -> None:
    """Assert that two results of :func:`check_records` are the same, record by record."""
    assert len(fast) == len(slow)
    for i, (a, b) in enumerate(zip(fast, slow, strict=True)):
        if isinstance(b, ValidationError):
            assert isinstance(a, ValidationError), (
                f"record {i}: columnar accepted {a}, pydantic: {b}"
            )
            assert error_lines(a) == error_lines(b), f"record {i}"
        else:
            assert not isinstance(a, ValidationError), f"record {i}: columnar rejected: {a}"
            assert same(a, b), f"record {i}: columnar {a!r}\n pydantic {b!r}"
        if not isinstance(a, ValidationError):
            for key, value in a.items():
                if isinstance(value, (list, dict)):
                    assert value is not b[key]  # type: ignore[index]


def both_paths(
    records: Sequence[Mapping[str, Any]],
    columns: Sequence[str],
    model: type[BaseModel],
    context: Mapping[str, Any],
) -> list[dict[str, Any] | ValidationError]:
    """:func:`check_records` on both paths, compared; the columnar result."""
    fast = check_records(records, columns, model, context)
    with pydantic_only():
        slow = check_records(records, columns, model, context)
    compare(fast, slow)
    return fast


def both_column_paths(
    data: Mapping[str, Sequence[Any]] | None,
    columns: Sequence[str],
    model: type[BaseModel],
    context: Mapping[str, Any],
    record: Callable[[int], Mapping[str, Any]],
    n: int,
    *,
    ordered: bool,
) -> Checked:
    """:func:`check_columns` on both paths, compared record by record; the columnar result."""
    fast = check_columns(data, columns, model, context, record, n, ordered=ordered)
    with pydantic_only():
        slow = check_columns(data, columns, model, context, record, n, ordered=ordered)
    assert not slow.values and sorted(slow.whole) == list(range(n))
    compare(fast.records(), slow.records())
    for drop, add in ((("id",), {"kind": "k"}), (("source", "target"), {"implied": False})):
        dense = fast.records(drop, add)
        compare(dense, slow.records(drop, add))
        # the builder's sparse records: on both paths, the dense ones without unset fields
        sparse = fast.records(drop, add, sparse=True)
        compare(sparse, slow.records(drop, add, sparse=True))
        # (both made from one Checked: they share the lists, which compare() forbids)
        for a, b in zip(sparse, dense, strict=True):
            assert same(a, b) if isinstance(b, ValidationError) else same(a, sparse_record(b))
    for name in fast.names:
        pairs = zip(fast.column(name), slow.column(name), strict=True)
        assert all(same(a, b) for a, b in pairs), name
    return fast


def install(monkeypatch: pytest.MonkeyPatch) -> Callable[..., Any]:
    """Make the builder check every table on both paths."""
    monkeypatch.setattr(builder, "check_columns", both_column_paths)
    return both_column_paths

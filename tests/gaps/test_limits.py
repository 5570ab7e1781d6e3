"""find_gaps(top=, per_type=): fewer rows, the most severe ones, in the same order."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

import sociale_kaart as sk

DAY = dt.date(2026, 11, 21)


@pytest.fixture(scope="module")
def every_gap() -> pd.DataFrame:
    return sk.find_gaps(sk.load_sample(), today=DAY)


def test_no_limit_by_default(every_gap: pd.DataFrame) -> None:
    # The sample has gaps of several types, some with many rows.
    counts = every_gap["gap_type"].value_counts()
    assert len(counts) >= 5 and counts.max() > 3
    assert every_gap["severity"].is_monotonic_decreasing


@pytest.mark.parametrize("top", [0, 1, 5, 20])
def test_top_keeps_the_most_severe(every_gap: pd.DataFrame, top: int) -> None:
    found = sk.find_gaps(sk.load_sample(), today=DAY, top=top)
    assert len(found) == top
    pd.testing.assert_frame_equal(found, every_gap.head(top).reset_index(drop=True))


def test_top_beyond_the_count_gives_everything(every_gap: pd.DataFrame) -> None:
    found = sk.find_gaps(sk.load_sample(), today=DAY, top=len(every_gap) + 10)
    pd.testing.assert_frame_equal(found, every_gap)


@pytest.mark.parametrize("per_type", [0, 1, 2, 3])
def test_per_type_keeps_the_most_severe_of_each_type(
    every_gap: pd.DataFrame, per_type: int
) -> None:
    found = sk.find_gaps(sk.load_sample(), today=DAY, per_type=per_type)
    counts = every_gap["gap_type"].value_counts()
    assert len(found) == sum(min(per_type, n) for n in counts)
    assert (found["gap_type"].value_counts() <= per_type).all()
    expected = every_gap.groupby("gap_type", sort=False).head(per_type).reset_index(drop=True)
    pd.testing.assert_frame_equal(found, expected)
    # Within each type the kept rows are that type's highest severities.
    for gap_type, rows in found.groupby("gap_type"):
        of_type = every_gap.loc[every_gap["gap_type"] == gap_type, "severity"]
        highest = of_type.sort_values(ascending=False).head(len(rows))
        assert rows["severity"].tolist() == highest.tolist()


def test_per_type_then_top(every_gap: pd.DataFrame) -> None:
    found = sk.find_gaps(sk.load_sample(), today=DAY, top=4, per_type=1)
    expected = every_gap.groupby("gap_type", sort=False).head(1).head(4).reset_index(drop=True)
    pd.testing.assert_frame_equal(found, expected)
    assert found["gap_type"].is_unique and found["severity"].is_monotonic_decreasing


def test_limits_work_with_kinds_and_the_aggregate_view() -> None:
    found = sk.find_gaps(sk.load_sample(), today=DAY, kinds="knowledge", top=3)
    assert len(found) == 3 and set(found["gap_type"]) == {"knowledge"}
    shared = sk.find_gaps(sk.load_sample(), today=DAY, aggregate_only=True, per_type=1)
    assert shared["gap_type"].is_unique


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"top": -1}, ValueError),
        ({"per_type": -2}, ValueError),
        ({"top": 2.5}, TypeError),
        ({"top": True}, TypeError),
        ({"per_type": "3"}, TypeError),
    ],
)
def test_bad_limits(kwargs: dict[str, object], error: type[Exception]) -> None:
    with pytest.raises(error, match=next(iter(kwargs))):
        sk.find_gaps(sk.load_sample(), today=DAY, **kwargs)  # type: ignore[arg-type]

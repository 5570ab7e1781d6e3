"""The synthetic referral journal and its planted companion effect (issue 13)."""

from __future__ import annotations

import math

import pytest

import sociale_kaart as sk
from sociale_kaart.core.journal import referral_summary
from sociale_kaart.datasets import (
    JOURNAL_COMPANION_SHARE,
    JOURNAL_OPEN_SHARE,
    JOURNAL_START_WITH,
    JOURNAL_START_WITHOUT,
)


def _within(observed: float, p: float, n: int, z: float = 4.0) -> bool:
    """``observed`` is within ``z`` binomial standard errors of ``p``."""
    return abs(observed - p) <= z * math.sqrt(p * (1 - p) / n)


def test_the_journal_leaves_the_map_as_it_was() -> None:
    plain = sk.datasets.synthetic(300, seed=4)
    with_journal = sk.datasets.synthetic(300, seed=4, journal=200)
    assert sorted(plain.edges(keys=True)) == sorted(with_journal.edges(keys=True))
    assert dict(plain.nodes(data="kind")) == dict(with_journal.nodes(data="kind"))
    assert "referrals" not in plain.graph
    assert sk.journal(with_journal)["referral"].nunique() == 200


def test_the_journal_is_seeded() -> None:
    a = sk.journal(sk.datasets.synthetic(300, seed=4, journal=100))
    b = sk.journal(sk.datasets.synthetic(300, seed=4, journal=100))
    c = sk.journal(sk.datasets.synthetic(300, seed=5, journal=100))
    assert a.equals(b) and not a.equals(c)


def test_the_planted_rates_come_back() -> None:
    n = 6_000
    summary = referral_summary(sk.journal(sk.datasets.synthetic(500, seed=2, journal=n)))
    assert len(summary) == n
    share = summary["companion"].mean()
    assert _within(share, JOURNAL_COMPANION_SHARE, n)
    with_c, without = summary[summary["companion"]], summary[~summary["companion"]]
    assert _within(with_c["started"].mean(), JOURNAL_START_WITH, len(with_c))
    assert _within(without["started"].mean(), JOURNAL_START_WITHOUT, len(without))
    not_started = summary[~summary["started"]]
    open_loops = (not_started["status"] == "proposed").mean()
    assert _within(open_loops, JOURNAL_OPEN_SHARE, len(not_started))
    # only the documented ends
    assert set(summary["status"]) == {"proposed", "rejected", "cancelled", "started", "completed"}


@pytest.mark.parametrize("bad", [-1, True, 2.5])
def test_the_journal_size_is_checked(bad: object) -> None:
    with pytest.raises(ValueError, match="journal must be a whole number"):
        sk.datasets.synthetic(10, journal=bad)  # type: ignore[arg-type]

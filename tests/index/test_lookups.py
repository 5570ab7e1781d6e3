"""The eligibility look-ups of the gap index against the rules themselves.

``GapIndex.eligible`` answers from per-key masks over the residents (issue 16,
item 6: eligibility per offer and neighbourhood in one pass); every answer must
be the one :func:`sociale_kaart.core.eligibility.evaluate` gives for the pair.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

import sociale_kaart as sk
from sociale_kaart.core.eligibility import evaluate
from sociale_kaart.index.lookups import GapIndex
from sociale_kaart.testing import maps

DAYS = (dt.date(2026, 11, 21), dt.date(2040, 6, 1))
_SYNTHETIC = GapIndex(sk.datasets.synthetic(300, seed=4), today=DAYS[0])


def _check_every_pair(G: object, today: dt.date) -> int:
    ix = GapIndex(G, today=today)  # type: ignore[arg-type]
    checked = 0
    for r in ix.residents():
        for o in ix.offers:
            expected = evaluate(ix.attrs[r], ix.attrs[o], today=today)[0] != "no"
            assert ix.eligible(r, o) is expected, (r, o, today)
            assert ix.eligible_sig(ix.signature(r), o) is expected, (r, o, today)
            checked += 1
    return checked


def test_every_pair_of_the_sample_on_two_days() -> None:
    G = sk.load_sample()
    for today in DAYS:
        assert _check_every_pair(G, today) > 1000


@settings(max_examples=60, deadline=None)
@given(maps(max_nodes=14, max_relations=10))
def test_every_pair_of_random_maps(G: object) -> None:
    for today in DAYS:
        _check_every_pair(G, today)


def test_masks_are_per_day_and_agree_with_single_answers() -> None:
    G = sk.datasets.synthetic(300, seed=3)
    early = GapIndex(G, today=DAYS[0])
    late = early.for_day(DAYS[1])
    restricted = [o for o in early.offers if early.key[o] is not None]
    assert restricted
    differ = 0
    for o in restricted:
        key = early.key[o]
        m_early, m_late = early.mask(key), late.mask(key)
        assert m_early.shape == (len(early.residents()),)
        for r, i in early.position.items():
            assert bool(m_early[i]) is early._eligible_projection(early.signature(r), key)
            assert bool(m_late[i]) is late._eligible_projection(late.signature(r), key)
        differ += int(np.count_nonzero(m_early != m_late))
    # Fourteen years later, age limits judge some residents differently.
    assert differ > 0


def _any_by_evaluate(ix: GapIndex, offer: object, people: list[object]) -> bool:
    return any(evaluate(ix.attrs[p], ix.attrs[offer], today=ix.today)[0] != "no" for p in people)


@settings(max_examples=40, deadline=None, derandomize=True)
@given(st.data())
def test_any_eligible_is_any_of_the_single_answers(data: st.DataObject) -> None:
    """Residents of a caseload, with a professional among them (judged on the record)."""
    ix = _SYNTHETIC
    pool = [*ix.residents()[:120], *ix.professionals()[:3]]
    people = data.draw(st.lists(st.sampled_from(pool), max_size=8, unique=True))
    for o in ix.offers:
        assert ix.any_eligible(o, people) is _any_by_evaluate(ix, o, people), (o, people)


@settings(max_examples=40, deadline=None)
@given(maps(max_nodes=14, max_relations=10))
def test_any_eligible_on_random_maps(G: object) -> None:
    ix = GapIndex(G, today=DAYS[0])  # type: ignore[arg-type]
    residents = ix.residents()
    for o in ix.offers:
        for people in (residents, residents[:1], residents[1:3], []):
            assert ix.any_eligible(o, people) is _any_by_evaluate(ix, o, people)

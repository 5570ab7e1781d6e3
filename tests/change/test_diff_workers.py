"""``diff(workers=2)``: the second map analysed in a forked process, same answer."""

from __future__ import annotations

import datetime as dt
import importlib
import multiprocessing
import random
from typing import Any

import networkx as nx
import pandas as pd
import pytest

import sociale_kaart as sk

diff_module = importlib.import_module("sociale_kaart.change.diff")
TODAY = dt.date(2026, 11, 21)


def _changed(G: nx.MultiDiGraph, seed: int = 2) -> nx.MultiDiGraph:
    """A copy with some ties removed and some trust changed."""
    rng = random.Random(seed)
    H = G.copy()
    edges = sorted(
        (e for e in H.edges(keys=True, data=True) if not e[3].get("implied")),
        key=lambda e: (str(e[0]), str(e[1]), str(e[2])),
    )
    for u, v, k, attrs in rng.sample(edges, len(edges) // 10):
        if rng.random() < 0.5:
            H.remove_edge(u, v, key=k)
        else:
            attrs["trust"] = 1 + (attrs.get("trust") or 1) % 4
    return H


def _assert_same(a: sk.Diff, b: sk.Diff) -> None:
    for name, table in a.tables().items():
        pd.testing.assert_frame_equal(table, b.tables()[name], obj=name)
    assert (a.before, a.after) == (b.before, b.after)


def test_two_workers_give_the_same_diff_on_the_history_sample() -> None:
    H = sk.load_sample("rivierwijk_history")
    A, B = sk.snapshot(H, on="2026-11-01"), sk.snapshot(H, on="2026-11-11")
    one = sk.diff(A, B, language="nl")
    two = sk.diff(A, B, language="nl", workers=2)
    _assert_same(one, two)
    assert not two.gaps.empty and not two.ties.empty


def test_two_workers_give_the_same_diff_on_a_sampled_map() -> None:
    G = sk.datasets.synthetic(6_000, seed=4)  # above EXACT_LIMIT: sampled betweenness
    B = _changed(G)
    one = sk.diff(G, B, today=TODAY)
    sk.clear_cache()
    two = sk.diff(G, B, today=TODAY, workers=2)
    _assert_same(one, two)
    assert len(two.measures) > 100


def test_an_error_in_the_child_is_raised_here(monkeypatch: pytest.MonkeyPatch) -> None:
    G = sk.load_sample()
    B = _changed(G)
    side = diff_module._side

    def failing(H: nx.MultiDiGraph, *args: Any, **kwargs: Any) -> Any:
        if H is B:
            raise ValueError("the second map is broken in a planned way")
        return side(H, *args, **kwargs)

    monkeypatch.setattr(diff_module, "_side", failing)
    with pytest.raises(ValueError, match="planned way"):
        sk.diff(G, B, workers=2)


class _Unpicklable(ValueError):
    def __reduce__(self) -> Any:
        raise TypeError("this error cannot be pickled")


@pytest.mark.parametrize(
    "step, error, expected, match",
    [
        # After the measures were sent ahead.
        ("find_gaps", ValueError, ValueError, "^the second map fails in find_gaps"),
        # After the gaps were sent ahead; an error that cannot be pickled arrives as its text.
        ("network_scores", _Unpicklable, RuntimeError, "^_Unpicklable: the second map fails"),
    ],
)
def test_an_error_after_results_were_sent_ahead_is_raised_here(
    step: str,
    error: type[Exception],
    expected: type[Exception],
    match: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    G = sk.load_sample()
    B = _changed(G)
    analysis = getattr(diff_module, step)

    def failing(H: nx.MultiDiGraph, **kwargs: Any) -> Any:
        if H is B:
            raise error(f"the second map fails in {step} in a planned way")
        return analysis(H, **kwargs)

    monkeypatch.setattr(diff_module, step, failing)
    with pytest.raises(expected, match=match):
        sk.diff(G, B, workers=2)


def test_with_two_workers_the_child_compares_the_measures_this_process_sent() -> None:
    G = sk.load_sample()
    B = _changed(G)
    day = dt.date(2026, 11, 21)
    both = diff_module._sides(G, B, (day, day), "en", None, 0, 2)
    assert both.measures is not None and both.records is not None and both.ties is not None
    assert both.second.measures.empty  # not sent twice
    one = diff_module._sides(G, B, (day, day), "en", None, 0, 1)
    expected = diff_module._measures(one.first.measures, one.second.measures, "en")
    pd.testing.assert_frame_equal(both.measures, expected)


def test_with_two_workers_this_process_compares_the_gaps_the_child_sent() -> None:
    G = sk.load_sample()
    B = _changed(G)
    day = dt.date(2026, 11, 21)
    both = diff_module._sides(G, B, (day, day), "nl", None, 0, 2)
    assert both.gaps is not None and not both.gaps.empty
    assert both.second.gaps.empty  # sent ahead, not twice
    one = diff_module._sides(G, B, (day, day), "nl", None, 0, 1)
    expected = diff_module._gaps(one.first.gaps, one.second.gaps, "nl")
    pd.testing.assert_frame_equal(both.gaps, expected)


@pytest.mark.parametrize("step", ["_records", "_measures"])
def test_an_error_after_the_gaps_were_sent_is_raised_here(
    step: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    G = sk.load_sample()
    B = _changed(G)

    def failing(*args: Any, **kwargs: Any) -> Any:
        raise KeyError(f"{step} fails in a planned way")

    monkeypatch.setattr(diff_module, step, failing)  # the child compares these
    with pytest.raises(KeyError, match="fails in a planned way"):
        sk.diff(G, B, workers=2)
    assert multiprocessing.active_children() == []


def test_an_error_here_after_the_measures_were_sent_stops_the_child(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    G = sk.load_sample()
    B = _changed(G)
    analysis = diff_module.find_gaps

    def failing(H: nx.MultiDiGraph, **kwargs: Any) -> Any:
        if H is G:  # this process's map, after its measures went to the child
            raise ValueError("the first map fails in a planned way")
        return analysis(H, **kwargs)

    monkeypatch.setattr(diff_module, "find_gaps", failing)
    with pytest.raises(ValueError, match="first map fails"):
        sk.diff(G, B, workers=2)
    assert multiprocessing.active_children() == []


def test_the_ties_fail_here_with_two_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    G = sk.load_sample()
    B = _changed(G)

    def failing(*args: Any, **kwargs: Any) -> Any:
        raise KeyError("the ties fail in a planned way")

    monkeypatch.setattr(diff_module, "_ties", failing)  # this process compares the ties
    with pytest.raises(KeyError, match="ties fail"):
        sk.diff(G, B, workers=2)
    assert multiprocessing.active_children() == []


@pytest.mark.parametrize("name", [None, "rivierwijk_history"])
def test_the_ties_table_is_the_set_difference_of_the_edge_lists(name: str | None) -> None:
    """_ties walks both maps' successor dicts; a plain reference from G.edges agrees."""
    G = sk.load_sample(name)
    G.add_edge(("tuple", 1), ("tuple", 2), key="knows", relation="knows")  # tuple ids
    B = _changed(G)
    B.add_edge(("tuple", 2), ("tuple", 1), key="knows", relation="knows", trust=3)
    B.remove_edge(("tuple", 1), ("tuple", 2), key="knows")
    ea = {(u, v, k): d for u, v, k, d in G.edges(keys=True, data=True)}
    eb = {(u, v, k): d for u, v, k, d in B.edges(keys=True, data=True)}
    expected = (
        [(*e, "removed", None) for e in ea if e not in eb]
        + [
            (*e, "changed", f)
            for e, d in ea.items()
            if e in eb
            for f in sorted(set(d) | set(eb[e]))
            if d.get(f) != eb[e].get(f)
        ]
        + [(*e, "added", None) for e in eb if e not in ea]
    )
    got = diff_module._ties(G, B, "en")
    columns = ["source", "target", "relation", "change", "field"]
    table = got[columns].astype(object)
    rows = list(table.where(table.notna(), None).itertuples(index=False, name=None))
    assert sorted(rows, key=repr) == sorted(expected, key=repr)
    assert any(r[3] == "changed" for r in rows) and any(r[3] == "removed" for r in rows)
    assert (("tuple", 2), ("tuple", 1), "knows", "added", None) in rows
    # Removed and changed ties in the first map's edge order, then the added ones.
    order = [
        e
        for e in ea
        if (*e, "removed", None) in rows or any(r[:3] == e and r[3] == "changed" for r in rows)
    ]
    seen = list(dict.fromkeys(r[:3] for r in rows if r[3] != "added"))
    assert seen == order


def test_warnings_of_the_child_reach_the_caller() -> None:
    G = sk.load_sample()
    directory = G.subgraph([n for n, k in G.nodes(data="kind") if k != "resident"]).copy()
    with pytest.warns(UserWarning, match="no residents") as caught:
        sk.diff(directory, directory, workers=2)
    # One from each map: this process's and the child's.
    assert sum("no residents" in str(w.message) for w in caught) >= 2


@pytest.mark.parametrize("workers", [0, 3, True, 1.5, "2"])
def test_workers_is_one_or_two(workers: Any) -> None:
    G = sk.load_sample()
    with pytest.raises(ValueError, match="workers must be 1 or 2"):
        sk.diff(G, G, workers=workers)


def test_dutch_explanations_write_a_decimal_comma() -> None:
    G = sk.datasets.synthetic(300, seed=5)
    B = _changed(G)
    nl = sk.diff(G, B, language="nl").measures
    en = sk.diff(G, B, language="en").measures
    fractional = en[(en["before"] % 1 != 0) & en["before"].notna()]
    assert not fractional.empty
    node, measure = fractional.index[0], fractional["measure"].iloc[0]
    row_en = en[(en.index == node) & (en["measure"] == measure)].iloc[0]
    row_nl = nl[(nl.index == node) & (nl["kind"] == row_en["kind"])]
    shown = f"{row_en['before']:.3g}"
    assert "." in shown and shown in row_en["explanation"]
    assert any(shown.replace(".", ",") in e for e in row_nl["explanation"])
    assert not any(shown in e for e in row_nl["explanation"])


def test_dates_in_explanations_are_written_in_words() -> None:
    """A changed date reads as the team says it (14 maart 2026), not as 2026-03-14."""
    G = sk.load_sample()
    B = G.copy()
    B.nodes["i_naaiclub"]["last_verified"] = dt.date(2026, 11, 30)
    for language, words in (("nl", "30 november 2026"), ("en", "30 November 2026")):
        records = sk.diff(G, B, language=language).records
        row = records[records.index == "i_naaiclub"]
        assert len(row) == 1
        text = row["explanation"].iloc[0]
        assert words in text and "4 " in text and "2026-" not in text


@pytest.mark.parametrize("workers", [1, 2])
def test_diff_leaves_the_garbage_collector_as_it_found_it(
    workers: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """diff pauses the cyclic collector while it runs, and restores it, also after an error."""
    import gc

    G = sk.load_sample()
    assert gc.isenabled()
    seen: list[bool] = []
    real = diff_module.find_gaps

    def spy(*args: Any, **kwargs: Any) -> pd.DataFrame:
        seen.append(gc.isenabled())
        return real(*args, **kwargs)

    monkeypatch.setattr(diff_module, "find_gaps", spy)
    sk.diff(G, _changed(G), today=TODAY, workers=workers)
    assert seen and not any(seen)  # paused while the maps were analysed
    assert gc.isenabled()
    gc.disable()
    try:
        sk.diff(G, G, today=TODAY, workers=workers)
        assert not gc.isenabled()  # a caller's own pause stays
    finally:
        gc.enable()

    def broken(*args: Any, **kwargs: Any) -> pd.DataFrame:
        raise RuntimeError("broken on purpose")

    monkeypatch.setattr(diff_module, "find_gaps", broken)
    with pytest.raises(RuntimeError, match="on purpose"):
        sk.diff(G, G, today=TODAY, workers=workers)
    assert gc.isenabled()


def test_show_pairs_adds_digits_until_a_pair_reads_apart() -> None:
    """Pairs equal at three digits get 4, 6, then 10; a pair equal even then keeps three."""
    before = [0.1234, 0.12345, 0.5, float("nan"), 1 / 3, 2.0]
    after = [0.1235, 0.12346, 0.5, 0.25, 1 / 3 + 1e-15, 3.0]
    shown_b, shown_a = diff_module._show_pairs(before, after, "nl")
    assert shown_b == ["0,1234", "0,12345", "0,5", "(leeg)", "0,333", "2"]
    assert shown_a == ["0,1235", "0,12346", "0,5", "0,25", "0,333", "3"]
    for b, a, sb, sa in zip(before, after, shown_b, shown_a, strict=True):
        assert diff_module._show_pair(b, a, "nl") == (sb, sa)


@pytest.mark.parametrize(
    "ids_a, ids_b",
    [
        (["a", "b", "c"], ["b", "c", "d", "e"]),  # strings, as read from files
        ([1, ("t", 2), "c"], ["c", 1, ("t", 3)]),  # ids of other types, tuples too
    ],
)
def test_measures_cover_nodes_of_either_map_in_first_map_order(
    ids_a: list[Any], ids_b: list[Any]
) -> None:
    def frame(ids: list[Any], offset: float) -> pd.DataFrame:
        n = len(ids)
        index = pd.Index(ids, dtype=object) if not all(isinstance(i, str) for i in ids) else None
        out = pd.DataFrame(
            {
                "kind": ["resident"] * n,
                "name": [f"N{i}" for i in range(n)],
                "degree": [float(i) + offset for i in range(n)],
                "betweenness": [0.5] * n,
                "brokerage": [1.0] * n,
            },
            index=pd.Index(ids) if index is None else index,
        )
        return out

    m = diff_module._measures(frame(ids_a, 0.0), frame(ids_b, 100.0), "en")
    fresh = [i for i in ids_b if i not in ids_a]
    gone = [i for i in ids_a if i not in ids_b]
    # Every node of either map changed its degree (by 100 or more, or on one side only).
    degree = m[m["measure"] == "degree"]
    assert degree.index.tolist() == [*ids_a, *fresh]
    assert degree.loc[degree["before"].isna()].index.tolist() == fresh
    assert degree.loc[degree["after"].isna()].index.tolist() == gone
    # Constant measures change only for the nodes on one map.
    assert sorted(map(str, m[m["measure"] == "betweenness"].index)) == sorted(
        map(str, [*fresh, *gone])
    )


@pytest.mark.parametrize(
    ("name", "samples"),
    [("sample", None), ("sample", 40), ("synthetic", None), ("synthetic", 64)],
)
def test_the_measures_are_those_of_centrality_and_brokerage(name: str, samples: int | None) -> None:
    """diff's measure frame skips the frames, ranks and roles, and samples betweenness
    in one igraph call; its numbers are still centrality's and brokerage's."""
    G = sk.load_sample() if name == "sample" else sk.datasets.synthetic(6_000, seed=4)
    B = _changed(G)  # a changed map too: not only one cached view
    for H in (G, B):
        got = diff_module._measure_frame(H, samples, 3)
        cent = sk.centrality(H, measures=("degree", "betweenness"), samples=samples, seed=3)
        brok = sk.brokerage(H, by="kind")
        assert got.index.tolist() == list(H)
        assert got["kind"].tolist() == [a.get("kind") for _, a in H.nodes(data=True)]
        assert got["name"].tolist() == [a.get("name") for _, a in H.nodes(data=True)]
        pd.testing.assert_series_equal(
            got["degree"], cent["degree"].astype(float), check_names=False, check_index=False
        )
        pd.testing.assert_series_equal(
            got["betweenness"],
            cent["betweenness"].astype(float),
            check_names=False,
            check_index=False,
            rtol=1e-9,
            atol=1e-15,
        )
        assert got["brokerage"].tolist() == brok["total"].astype(float).tolist()
        assert got["brokerage"].sum() > 0 and got["betweenness"].max() > 0

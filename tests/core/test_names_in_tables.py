"""One rule for names in analysis tables, and people by name in team text (issue 14).

Analysis tables: ``name`` holds the names of professionals, offers,
organisations and places, and is missing (``pd.NA``) for residents, whose
name appears in no cell at all. Team-facing text names everyone.
"""

from __future__ import annotations

import datetime as _dt
import inspect
import re
import warnings
from collections.abc import Iterator
from typing import Any

import matplotlib
import networkx as nx
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import sociale_kaart as sk
from sociale_kaart.core.naming import name_in_text, table_names, team_labels

matplotlib.use("Agg")

TODAY = _dt.date(2026, 11, 21)

#: Public analysis functions that need more than ``G``, with the arguments to try.
CALLS: dict[str, tuple[Any, ...]] = {
    "suggest_referrals": ("r_samira",),
    "network_activation": ("r_henk",),
    "eligibility_table": ("r_samira",),
}
#: Public functions whose frames are not analyses (storage formats of the whole map), or
#: that need a model to fit (``mrqap``: its terms are tested in tests/analysis).
NOT_ANALYSES = {"export_tables", "shard_tables", "to_frames", "mrqap"}
#: Pictures and writers return no frames.
NOT_FRAMES = ("plot_", "write_", "interactive", "report")


@pytest.fixture(scope="module")
def G() -> nx.MultiDiGraph:
    return sk.load_sample()


def _frames(value: Any) -> Iterator[pd.DataFrame]:
    if isinstance(value, pd.DataFrame):
        yield value
    elif isinstance(value, pd.Series):
        yield value.to_frame()
    elif isinstance(value, tuple) or hasattr(value, "__dict__"):
        for part in value if isinstance(value, tuple) else vars(value).values():
            if isinstance(part, (pd.DataFrame, pd.Series)):
                yield from _frames(part)


def _analysis_frames(G: nx.MultiDiGraph) -> Iterator[tuple[str, pd.DataFrame]]:
    """Every public function taking the map first and returning frames, on the sample."""
    for fname in sorted(sk.__all__):
        func = getattr(sk, fname)
        if fname in NOT_ANALYSES or fname.startswith(NOT_FRAMES) or not inspect.isfunction(func):
            continue
        params = list(inspect.signature(func).parameters.values())
        if not params or params[0].name != "G":
            continue
        needed = [
            p
            for p in params[1:]
            if p.default is p.empty and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
        ]
        if needed and fname not in CALLS:
            continue
        if any(p.kind == p.KEYWORD_ONLY and p.default is p.empty for p in params):
            continue
        kwargs = {"today": TODAY} if "today" in inspect.signature(func).parameters else {}
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            out = func(G, *CALLS.get(fname, ()), **kwargs)
        for frame in _frames(out):
            yield fname, frame


def test_no_analysis_table_holds_a_residents_name(G: nx.MultiDiGraph) -> None:
    residents = {
        str(a["name"]) for _, a in G.nodes(data=True) if a["kind"] == "resident" and a.get("name")
    }
    pattern = re.compile("|".join(re.escape(n) for n in sorted(residents, key=len, reverse=True)))
    seen: set[str] = set()
    named: set[str] = set()
    for fname, frame in _analysis_frames(G):
        seen.add(fname)
        cells = [str(v) for column in frame.columns for v in frame[column]]
        cells += [str(v) for v in frame.index]
        hits = sorted({m.group(0) for c in cells for m in pattern.finditer(c)})
        assert hits == [], f"{fname} shows residents' names: {hits[:3]}"
        if "name" in frame.columns and "kind" in frame.columns:
            named.add(fname)
            is_resident = frame["kind"] == "resident"
            assert frame.loc[is_resident, "name"].isna().all(), fname
            others = frame.loc[~is_resident]
            expected = [G.nodes[n].get("name") for n in others.index]
            assert list(others["name"]) == expected, fname  # non-residents keep their names
    # the walk reached the functions the rule is about (it cannot pass by walking nothing)
    assert {"centrality", "brokerage", "communities", "structural_holes"} <= named
    assert {"two_mode_centrality", "suggest_referrals", "find_gaps", "network_activation"} <= seen


def test_table_names_by_hand(G: nx.MultiDiGraph) -> None:
    H = G.copy()
    H.nodes["i_naaiclub"]["name"] = None
    got = table_names(H, ["p_schuld", "r_samira", "i_naaiclub", "o_bibliotheek", "nobody"])
    assert got[0] == "Ruud Kramer" and got[3] == G.nodes["o_bibliotheek"]["name"]
    assert all(v is pd.NA for v in (got[1], got[2], got[4]))


def test_suggest_referrals_names_every_node_column_by_the_rule(G: nx.MultiDiGraph) -> None:
    found = sk.suggest_referrals(G, "r_samira", include_ineligible=True, today=TODAY)
    assert "via_name" in found.columns
    rows = found.set_index("target")
    assert rows.at["i_taalmaatjes", "target_name"] == "Taalmaatjes Rivierwijk"
    assert rows.at["i_taalmaatjes", "via_name"] == "Esther Mulder"  # p_legal, by name
    assert rows.at["r_spil", "via"] == "r_189"  # a resident target via a resident
    assert rows.at["r_spil", "target_name"] is pd.NA
    assert rows.at["r_spil", "via_name"] is pd.NA


def test_centrality_names_professionals_not_residents(G: nx.MultiDiGraph) -> None:
    frame = sk.centrality(G)
    assert frame.at["p_schuld", "name"] == "Ruud Kramer"
    assert frame.at["i_naaiclub", "name"] == G.nodes["i_naaiclub"]["name"]
    assert frame.at["r_samira", "name"] is pd.NA


def test_team_labels_name_residents_with_the_id_only_for_a_shared_name(
    G: nx.MultiDiGraph,
) -> None:
    assert team_labels(G, ["r_samira"]) == {"r_samira": "Samira Benhaddou"}
    H = G.copy()
    H.nodes["r_henk"]["name"] = "Samira Benhaddou"
    labels = team_labels(H, ["r_samira", "r_henk", "p_schuld"], language="nl")
    assert labels == {
        "r_samira": "Samira Benhaddou (r_samira)",
        "r_henk": "Samira Benhaddou (r_henk)",
        "p_schuld": "Ruud Kramer (schuldhulpverlener)",
    }
    H.nodes["r_henk"]["name"] = None
    assert team_labels(H, ["r_henk"]) == {"r_henk": "r_henk"}  # no name: the id


def test_name_in_text_replaces_whole_ids_only() -> None:
    labels = {"r_1": "Anna", "r_12": "Bram"}
    assert name_in_text("r_1 and r_12, not r_123 or xr_1.", labels, ["r_1", "r_12"]) == (
        "Anna and Bram, not r_123 or xr_1."
    )
    assert name_in_text("r_1 asked", labels, ["r_12"]) == "r_1 asked"  # only the given nodes


_ID = st.from_regex(r"r_[a-z0-9]{1,4}", fullmatch=True)


@settings(max_examples=60, deadline=None, derandomize=True)
@given(
    ids=st.lists(_ID, min_size=1, max_size=5, unique=True), glue=st.sampled_from([" ", ", ", "→"])
)
def test_name_in_text_leaves_no_given_id_behind(ids: list[str], glue: str) -> None:
    labels = {n: f"Name {i}" for i, n in enumerate(ids)}
    out = name_in_text(glue.join(ids), labels, ids)
    assert out == glue.join(labels[n] for n in ids)


def test_a_frame_without_residents_names_labels_them_by_id_and_says_so(
    G: nx.MultiDiGraph,
) -> None:
    import matplotlib.pyplot as plt

    frame = sk.centrality(G)
    top = frame[frame["kind"] == "resident"].sort_values("betweenness").index[-1]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ax = sk.plot_centrality(frame)  # by id, as always: no warning
    assert str(top) in [t.get_text() for t in ax.get_yticklabels()]
    with pytest.warns(UserWarning, match="labelled by id"):
        ax = sk.plot_centrality(frame, show=["name"])
    assert str(top) in [t.get_text() for t in ax.get_yticklabels()]
    filled = frame.assign(name=[G.nodes[n].get("name") for n in frame.index])
    ax = sk.plot_centrality(filled, show=["name"])
    assert G.nodes[top]["name"] in [t.get_text() for t in ax.get_yticklabels()]
    plt.close("all")

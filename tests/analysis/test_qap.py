"""QAP and MRQAP tests: hand cases, a naive cross-check, and R sna::netlm (stored and live)."""

from __future__ import annotations

import json
import shutil
import subprocess

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import sociale_kaart as sk
from sociale_kaart.analysis.qap import _cells, _permutations
from tests._paths import DATA

REFERENCE = DATA / "qap_netlm_sna.json"
REFERENCE_GRAPH = DATA / "qap_netlm_sna_graph.json"  # mode="graph": undirected


def small_map(n=12, seed=0):
    """Professionals in teams with a background, and directed knows ties rated for trust."""
    rng = np.random.default_rng(seed)
    team = rng.integers(0, 3, n)
    bg = rng.integers(0, 2, n)
    prof = pd.DataFrame(
        {
            "id": [f"p{i}" for i in range(n)],
            "team": [f"t{t}" for t in team],
            "hours_per_week": rng.integers(8, 37, n).astype(float),
            "x_background": np.where(bg, "welfare", "care"),
        }
    )
    rows = []
    for i in range(n):
        for j in range(n):
            if i != j and rng.random() < 0.5:
                trust = 1 + (team[i] == team[j]) + rng.integers(0, 3)
                rows.append((f"p{i}", f"p{j}", "knows", int(min(trust, 4))))
    rel = pd.DataFrame(rows, columns=["source", "target", "relation", "trust"])
    return sk.from_frames(professionals=prof, relations=rel)


def naive_mrqap(y, xs, reps, seed, directed=True):
    """Dekker's DSP written plainly: lstsq on every permuted design (the same permutations)."""
    n = y.shape[0]
    rows, cols = _cells(n, directed)
    ones = np.ones((n, n))
    mats = [ones, *xs]
    X = np.column_stack([m[rows, cols] for m in mats])
    yv = y[rows, cols]

    def tval(design):
        coef, *_ = np.linalg.lstsq(design, yv, rcond=None)
        resid = yv - design @ coef
        df = len(yv) - design.shape[1]
        cov = np.linalg.inv(design.T @ design) * (resid @ resid) / df
        return coef / np.sqrt(np.diag(cov)), coef

    t_obs, coef = tval(X)
    rng = np.random.default_rng(seed)
    perms = _permutations(rng, n, reps)  # one relabelling per draw, shared by all terms
    dist = np.empty((reps, X.shape[1]))
    for k in range(X.shape[1]):
        others = [m for m in range(X.shape[1]) if m != k]
        e = X[:, k] - X[:, others] @ np.linalg.lstsq(X[:, others], X[:, k], rcond=None)[0]
        E = np.zeros((n, n))
        E[rows, cols] = e
        if not directed:
            E[cols, rows] = e
        for r, perm in enumerate(perms):
            Ep = E[np.ix_(perm, perm)]
            design = np.column_stack([X[:, others], Ep[rows, cols]])
            dist[r, k] = tval(design)[0][-1]
    return coef, t_obs, dist


# --------------------------------------------------------------------------- terms


def test_term_matrices_by_hand():
    G = small_map(5)
    nodes = ["p0", "p1", "p2"]
    teams = [G.nodes[v]["team"] for v in nodes]
    same = sk.qap_matrix(G, "same:team", nodes=nodes).to_numpy()
    for i in range(3):
        for j in range(3):
            assert same[i, j] == (i != j and teams[i] == teams[j])
    hours = [G.nodes[v]["hours_per_week"] for v in nodes]
    diff = sk.qap_matrix(G, "diff:hours_per_week", nodes=nodes).to_numpy()
    assert diff[0, 1] == abs(hours[0] - hours[1]) and diff[1, 1] == 0
    trust = sk.qap_matrix(G, "trust").to_numpy()
    order = list(G)
    for u, v, data in G.edges(data=True):
        assert trust[order.index(u), order.index(v)] == data["trust"]
    assert trust.sum() == sum(d["trust"] for *_, d in G.edges(data=True))
    knows = sk.qap_matrix(G, "rel:knows").to_numpy()
    assert (knows == knows.T).all()  # knows is a symmetric relation
    assert (sk.qap_matrix(G, "rel:knows:trust").to_numpy() == trust).all()


def test_geo_term_is_haversine():
    G = sk.load_sample()
    nodes = [v for v, d in G.nodes(data=True) if d.get("lat") is not None][:4]
    D = sk.qap_matrix(G, "geo", nodes=nodes).to_numpy()
    a, b = G.nodes[nodes[0]], G.nodes[nodes[1]]
    from sociale_kaart.core.geo import haversine_km

    assert D[0, 1] == pytest.approx(haversine_km(a["lat"], a["lon"], b["lat"], b["lon"]))


@pytest.mark.parametrize(
    ("spec", "match"),
    [
        ("same:nothing", "have no 'nothing'"),
        ("rel:friends", "not a relation"),
        ("bogus:team", "not understood"),
        ("diff:team", "not numeric"),
        (("m", np.zeros((2, 2))), "must be"),
    ],
)
def test_bad_terms_say_what_to_do(spec, match):
    with pytest.raises(ValueError, match=match):
        sk.qap_matrix(small_map(6), spec)


def test_unknown_node_and_bad_reps():
    G = small_map(6)
    with pytest.raises(sk.NodeNotFoundError):
        sk.qap_matrix(G, "trust", nodes=["p0", "p1", "nobody"])
    with pytest.raises(ValueError, match="reps"):
        sk.mrqap(G, "trust", ["same:team"], reps=0)
    with pytest.raises(ValueError, match="collinear"):
        sk.mrqap(G, "trust", ["same:team", ("again", sk.qap_matrix(G, "same:team").to_numpy())])


# --------------------------------------------------------------------------- MRQAP


def test_mrqap_equals_naive_implementation():
    G = small_map(10, seed=3)
    y = sk.qap_matrix(G, "trust").to_numpy()
    xs = [sk.qap_matrix(G, s).to_numpy() for s in ("same:team", "diff:hours_per_week")]
    table = sk.mrqap(G, "trust", ["same:team", "diff:hours_per_week"], reps=60, seed=7)
    coef, t_obs, dist = naive_mrqap(y, xs, 60, 7)
    np.testing.assert_allclose(table["coefficient"], coef, rtol=0, atol=1e-10)
    np.testing.assert_allclose(table["t"], t_obs, rtol=1e-9)
    np.testing.assert_allclose(table["perm_mean"], dist.mean(axis=0), rtol=1e-8, atol=1e-10)
    np.testing.assert_allclose(table["perm_max"], dist.max(axis=0), rtol=1e-8, atol=1e-10)
    expected_two = (np.abs(dist) >= np.abs(t_obs) - 1e-9 * np.maximum(1, np.abs(t_obs))).mean(0)
    np.testing.assert_allclose(table["p_two_sided"], expected_two)


def test_mrqap_undirected_equals_naive_implementation():
    G = small_map(11, seed=4)
    y = sk.qap_matrix(G, "rel:knows").to_numpy()
    xs = [sk.qap_matrix(G, s).to_numpy() for s in ("same:team", "diff:hours_per_week")]
    terms = ["same:team", "diff:hours_per_week"]
    table = sk.mrqap(G, "rel:knows", terms, reps=80, seed=5, directed=False)
    coef, t_obs, dist = naive_mrqap(y, xs, 80, 5, directed=False)
    np.testing.assert_allclose(table["coefficient"], coef, rtol=0, atol=1e-10)
    np.testing.assert_allclose(table["t"], t_obs, rtol=1e-9)
    np.testing.assert_allclose(table["perm_mean"], dist.mean(axis=0), rtol=1e-8, atol=1e-10)
    np.testing.assert_allclose(table["perm_min"], dist.min(axis=0), rtol=1e-8, atol=1e-10)


def test_mrqap_sparse_and_dense_terms_agree(monkeypatch):
    """A sparse term (small teams) and a dense one (hours) take different paths: same numbers."""
    from sociale_kaart.analysis import qap

    G = small_map(12, seed=6)
    terms = ["same:team", "diff:hours_per_week"]
    a = sk.mrqap(G, "trust", terms, reps=40, seed=2)
    monkeypatch.setattr(qap, "_SPARSE_SHARE", 2.0)  # every matrix read sparsely
    b = sk.mrqap(G, "trust", terms, reps=40, seed=2)
    monkeypatch.setattr(qap, "_SPARSE_SHARE", -1.0)  # every matrix relabelled densely
    c = sk.mrqap(G, "trust", terms, reps=40, seed=2)
    pd.testing.assert_frame_equal(a, b, rtol=1e-10)
    pd.testing.assert_frame_equal(a, c, rtol=1e-10)


def test_mrqap_coefficients_equal_ols():
    G = small_map(9, seed=5)
    table = sk.mrqap(G, "trust", ["same:team"], reps=10, seed=0)
    n = 9
    rows, cols = _cells(n, True)
    y = sk.qap_matrix(G, "trust").to_numpy()[rows, cols]
    x = sk.qap_matrix(G, "same:team").to_numpy()[rows, cols]
    # simple regression by hand: slope = cov / var
    slope = ((x - x.mean()) * (y - y.mean())).sum() / ((x - x.mean()) ** 2).sum()
    assert table.loc["same:team", "coefficient"] == pytest.approx(slope, abs=1e-12)
    assert table.loc["intercept", "coefficient"] == pytest.approx(
        y.mean() - slope * x.mean(), abs=1e-12
    )
    r = np.corrcoef(x, y)[0, 1]
    assert table.attrs["r_squared"] == pytest.approx(r**2)


def test_mrqap_is_seeded_and_does_not_mutate():
    G = small_map(8)
    before = sk.testing.graphs_equal if hasattr(sk, "testing") else None
    edges = list(G.edges(keys=True, data=True))
    a = sk.mrqap(G, "trust", ["same:team"], reps=50, seed=11)
    b = sk.mrqap(G, "trust", ["same:team"], reps=50, seed=11)
    pd.testing.assert_frame_equal(a, b)
    assert list(G.edges(keys=True, data=True)) == edges
    del before


def test_undirected_needs_symmetric_terms():
    G = small_map(8)
    with pytest.raises(ValueError, match="not symmetric"):
        sk.mrqap(G, "trust", ["same:team"], reps=5, directed=False)
    table = sk.mrqap(G, "rel:knows", ["same:team"], reps=20, seed=1, directed=False)
    assert table.attrs["n_dyads"] == 8 * 7 // 2


@settings(max_examples=15, deadline=None)
@given(st.integers(0, 10_000))
def test_p_values_are_shares(seed):
    G = small_map(7, seed=seed % 50)
    table = sk.mrqap(G, "trust", ["same:team"], reps=40, seed=seed)
    for col in ("p_lower", "p_upper", "p_two_sided"):
        assert ((table[col] >= 0) & (table[col] <= 1)).all()
        assert ((table[col] * 40) % 1 == 0).all()
    assert (table["p_lower"] + table["p_upper"] >= 1 - 1e-12).all()


# --------------------------------------------------------------------------- QAP test


def test_qap_test_statistic_is_graph_correlation():
    G = small_map(10, seed=2)
    rows, cols = _cells(10, True)
    y = sk.qap_matrix(G, "trust").to_numpy()[rows, cols]
    x = sk.qap_matrix(G, "same:team").to_numpy()[rows, cols]
    t = sk.qap_test(G, "trust", "same:team", reps=100, seed=0)
    assert t.loc["same:team", "statistic"] == pytest.approx(np.corrcoef(x, y)[0, 1])
    # the same permutations applied by hand
    perms = _permutations(np.random.default_rng(0), 10, 100)
    X = sk.qap_matrix(G, "same:team").to_numpy()
    dist = [np.corrcoef(X[np.ix_(p, p)][rows, cols], y)[0, 1] for p in perms]
    assert t.loc["same:team", "perm_mean"] == pytest.approx(np.mean(dist))
    observed = t.loc["same:team", "statistic"]
    assert t.loc["same:team", "p_upper"] == np.mean(np.array(dist) >= observed - 1e-9)
    assert np.mean(np.array(dist) >= observed - 1e-9) > np.mean(np.array(dist) >= observed)


def test_qap_test_finds_no_effect_in_noise():
    rng = np.random.default_rng(4)
    G = small_map(15, seed=1)
    noise = rng.random((15, 15))
    t = sk.qap_test(G, "trust", ("noise", noise), reps=300, seed=2)
    assert t.loc["noise", "p_two_sided"] > 0.01


# --------------------------------------------------------------------------- R sna::netlm


def _sna_available():
    if shutil.which("Rscript") is None:
        return False
    result = subprocess.run(
        ["Rscript", "-e", "suppressMessages(library(sna))"], capture_output=True, check=False
    )
    return result.returncode == 0


R_NETLM = r"""
suppressMessages(library(sna))
args <- commandArgs(trailingOnly = TRUE)
read_mat <- function(f) as.matrix(read.csv(f, header = FALSE))
y <- read_mat(args[1]); x1 <- read_mat(args[2]); x2 <- read_mat(args[3])
reps <- as.integer(args[4])
set.seed(as.integer(args[5]))
fit <- netlm(y, list(x1, x2), nullhyp = "qapspp", reps = reps)
out <- rbind(fit$coefficients, fit$tstat, fit$pleeq, fit$pgreq, fit$pgreqabs)
writeLines(apply(out, 1, function(r) paste(sprintf("%.17g", r), collapse = ",")), args[6])
cat(as.character(packageVersion("sna")), file = args[7])
"""


def _reference_inputs():
    G = small_map(20, seed=9)
    terms = ["same:team", "diff:hours_per_week"]
    y = sk.qap_matrix(G, "trust").to_numpy()
    xs = [sk.qap_matrix(G, s).to_numpy() for s in terms]
    return G, terms, y, xs


def _mc_bound(p1, p2, reps1, reps2):
    """Four standard errors of the difference of two Monte Carlo p-values, plus one step."""
    p = (p1 * reps1 + p2 * reps2) / (reps1 + reps2)
    return 4 * np.sqrt(max(p * (1 - p), 1e-4) * (1 / reps1 + 1 / reps2)) + 1 / min(reps1, reps2)


def _compare(table, coef, tstat, pleeq, pgreq, pgreqabs, reps_r):
    np.testing.assert_allclose(table["coefficient"].to_numpy(), coef, rtol=0, atol=1e-10)
    np.testing.assert_allclose(table["t"].to_numpy(), tstat, rtol=1e-9)
    reps = int(table["reps"].iloc[0])
    for ours, theirs in (
        (table["p_lower"], pleeq),
        (table["p_upper"], pgreq),
        (table["p_two_sided"], pgreqabs),
    ):
        for a, b in zip(ours.to_numpy(), theirs, strict=True):
            assert abs(a - b) <= _mc_bound(a, b, reps, reps_r), (a, b)


def _stored(path, y, xs):
    """The stored sna::netlm result; fails unless its inputs are ``y`` and ``xs``."""
    ref = json.loads(path.read_text())
    np.testing.assert_array_equal(y, np.array(ref["y"]))  # the inputs are the stored ones
    for x, stored in zip(xs, ref["x"], strict=True):
        np.testing.assert_array_equal(x, np.array(stored))
    keys = ("coefficients", "tstat", "pleeq", "pgreq", "pgreqabs", "reps")
    return ref, [ref[k] for k in keys]


def test_netlm_stored_reference():
    """sna::netlm(nullhyp="qapspp") output, computed once with R and stored with its inputs."""
    G, terms, y, xs = _reference_inputs()
    _, expected = _stored(REFERENCE, y, xs)
    _compare(sk.mrqap(G, "trust", terms, reps=2000, seed=3), *expected)


def test_netlm_stored_reference_undirected():
    """sna::netlm(mode="graph") output for the pair-mean relation, stored with its inputs."""
    G, terms, y, xs = _reference_inputs()
    y = (y + y.T) / 2
    ref, expected = _stored(REFERENCE_GRAPH, y, xs)
    named = list(zip(terms, xs, strict=True))
    _compare(sk.mrqap(G, ("trust_pair", y), named, reps=2000, seed=3, directed=False), *expected)
    # each pair once: t-values differ from the directed fit on the same numbers
    directed = sk.mrqap(G, ("trust_pair", y), named, reps=10, seed=3)
    assert not np.allclose(directed["t"].to_numpy(), ref["tstat"])


def _netlm(tmp_path, y, xs, *, graph):
    """Run sna::netlm on y ~ xs with 1,000 permutations (seed 1); its five result rows."""
    files = []
    for name, m in (("y", y), ("x1", xs[0]), ("x2", xs[1])):
        path = tmp_path / f"{name}.csv"
        np.savetxt(path, m, delimiter=",", fmt="%.17g")
        files.append(str(path))
    script = tmp_path / "netlm.R"
    mode = 'mode = "graph", ' if graph else ""
    script.write_text(R_NETLM.replace('nullhyp = "qapspp"', mode + 'nullhyp = "qapspp"'))
    out, version = tmp_path / "out.csv", tmp_path / "version.txt"
    subprocess.run(
        ["Rscript", str(script), *files, "1000", "1", str(out), str(version)],
        capture_output=True,
        check=True,
    )
    return np.loadtxt(out, delimiter=",")


@pytest.mark.skipif(not _sna_available(), reason="needs Rscript with the sna package")
def test_netlm_live(tmp_path):
    G, terms, y, xs = _reference_inputs()
    res = _netlm(tmp_path, y, xs, graph=False)
    table = sk.mrqap(G, "trust", terms, reps=2000, seed=3)
    _compare(table, res[0], res[1], res[2], res[3], res[4], 1000)


@pytest.mark.skipif(not _sna_available(), reason="needs Rscript with the sna package")
def test_netlm_live_undirected(tmp_path):
    """Undirected QAP: sna::netlm(mode="graph") uses each pair once, as directed=False does."""
    G, _terms, y, xs = _reference_inputs()
    y = (y + y.T) / 2  # a symmetric relation: mean trust of the pair
    res = _netlm(tmp_path, y, xs, graph=True)
    table = sk.mrqap(
        G,
        ("trust_pair", y),
        [("same:team", xs[0]), ("diff:hours_per_week", xs[1])],
        reps=2000,
        seed=3,
        directed=False,
    )
    _compare(table, res[0], res[1], res[2], res[3], res[4], 1000)

"""QAP inference on a social map: the QAP test and MRQAP regression with Dekker's semi-partialling.

Ties between the same people are not independent observations, so ordinary
regression on dyads overstates significance. The quadratic assignment
procedure (QAP) keeps the network's structure and compares the observed
statistic with its distribution under random relabellings of the nodes
(Krackhardt 1987, 1988). For several predictors at once, MRQAP with
*double semi-partialling* (Dekker, Krackhardt & Snijders 2007) permutes the
part of each predictor that the others do not explain; it is robust to
collinear predictors and skewed data.

Terms
-----
Each dyadic variable (``y`` and every ``x``) is a *term*: an ``n x n``
matrix over the chosen nodes, built from the map by a spec string:

``"tie:ATTR"`` or plainly ``"ATTR"``
    The edge attribute ``ATTR`` on any tie from row to column (``trust``,
    ``value``, ``hours_per_month``); 0 where there is none. Two ties with
    different values between the same ordered pair are an error.
``"rel:RELATION"``
    1 where a ``RELATION`` tie runs from row to column, else 0. A symmetric
    relation (``knows``, ``partners``, ``meets``) counts both ways.
``"rel:RELATION:ATTR"``
    The ``ATTR`` of the ``RELATION`` tie from row to column (0 where none);
    never mirrored, since a rating belongs to the one who gave it.
``"same:ATTR"``
    1 where both nodes have the same value of the node attribute ``ATTR``
    (a field such as ``team`` or ``organisation``, or a custom ``x_``
    column), else 0.
``"diff:ATTR"``
    ``|a_i - a_j|`` of a numeric node attribute.
``"geo"``
    The great-circle distance in km between the nodes' ``lat``/``lon``.
``(label, matrix)``
    Any ``n x n`` array (in the order of ``nodes``), under that label.

A node that lacks the attribute a term needs is an error that names it.
The diagonal (a node with itself) is never used.

References
----------
Krackhardt, D. (1988). Predicting with networks: nonparametric multiple
regression analysis of dyadic data. *Social Networks*, 10(4), 359-381.
doi:10.1016/0378-8733(88)90004-4

Dekker, D., Krackhardt, D., & Snijders, T. A. B. (2007). Sensitivity of
MRQAP tests to collinearity and autocorrelation conditions.
*Psychometrika*, 72(4), 563-581. doi:10.1007/s11336-007-9016-1

Butts, C. T. (2008). Social network analysis with sna. *Journal of
Statistical Software*, 24(6). doi:10.18637/jss.v024.i06 (``netlm``,
``qaptest``)
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from typing import Any, cast

import networkx as nx
import numpy as np
import pandas as pd

from sociale_kaart.core.errors import NodeNotFoundError
from sociale_kaart.core.geo import haversine_km
from sociale_kaart.core.vocabulary import RELATIONS, SYMMETRIC_RELATIONS

__all__ = ["mrqap", "qap_matrix", "qap_test"]

Term = str | tuple[str, Any]

#: Columns of the permutation-distribution summary in every QAP table.
DIST_COLUMNS: tuple[str, ...] = (
    "perm_mean",
    "perm_sd",
    "perm_min",
    "perm_q025",
    "perm_median",
    "perm_q975",
    "perm_max",
)
_BATCH = 250  # permutations drawn at a time
_RANK_TOL = 1e-7  # the tolerance of R's qr(), used by sna::netlm
_TIE_TOL = 1e-9  # relative: a permuted statistic this close to the observed one ties with it


# --------------------------------------------------------------------------- terms


def _nodes(G: nx.Graph, nodes: Iterable[Hashable] | None) -> list[Hashable]:
    if nodes is None:
        out = list(G)
    else:
        if isinstance(nodes, str):
            raise TypeError(f"nodes must be a list of node ids, not the string {nodes!r}")
        out = list(nodes)
        for v in out:
            if v not in G:
                raise NodeNotFoundError(f"node {v!r} in nodes= is not on the map")
        if len(set(out)) != len(out):
            raise ValueError("nodes= lists a node twice: give each node once")
    if len(out) < 3:
        raise ValueError(f"QAP needs at least 3 nodes, got {len(out)}: pass more nodes")
    return out


def _node_value(attrs: dict[str, Any], name: str) -> Any:
    if name in attrs:
        return attrs[name]
    extra = attrs.get("extra") or {}
    return extra.get(name)


def _node_values(G: nx.Graph, nodes: Sequence[Hashable], name: str, spec: str) -> list[Any]:
    values = [_node_value(G.nodes[v], name) for v in nodes]
    missing = [v for v, value in zip(nodes, values, strict=True) if value in (None, "")]
    if missing:
        shown = ", ".join(repr(v) for v in missing[:5])
        more = f" and {len(missing) - 5} more" if len(missing) > 5 else ""
        raise ValueError(
            f"term {spec!r}: {len(missing)} node(s) have no {name!r} ({shown}{more}): "
            "fill it in, or pass nodes= without them"
        )
    bad = [v for v, value in zip(nodes, values, strict=True) if isinstance(value, (list, dict))]
    if bad:
        raise ValueError(
            f"term {spec!r}: {name!r} of {bad[0]!r} is a list, not one value: "
            "use an attribute with one value per node"
        )
    return values


def _survey_rows(G: nx.Graph, nodes: Sequence[Hashable]) -> np.ndarray | None:
    """Rows of non-respondents whose answers were left missing (see read_survey)."""
    survey = G.graph.get("survey")
    if not isinstance(survey, dict) or survey.get("missing") != "leave":
        return None
    respondents = set(survey.get("respondents") or ())
    rows = np.array([v not in respondents for v in nodes], dtype=bool)
    return rows if rows.any() else None


def _tie_matrix(
    G: nx.Graph,
    nodes: Sequence[Hashable],
    index: dict[Hashable, int],
    relation: str | None,
    attr: str | None,
    spec: str,
) -> np.ndarray:
    n = len(nodes)
    out = np.zeros((n, n))
    seen = np.zeros((n, n), dtype=bool)
    mirror = attr is None and relation in SYMMETRIC_RELATIONS
    for u, v, key, data in G.edges(keys=True, data=True):
        i, j = index.get(u), index.get(v)
        if i is None or j is None or i == j:
            continue
        rel = data.get("relation", key)
        if relation is not None and rel != relation:
            continue
        if attr is None:
            out[i, j] = 1.0
            if mirror:
                out[j, i] = 1.0
            continue
        value = data.get(attr)
        if value is None:
            continue
        if isinstance(value, bool):
            value = float(value)
        if not isinstance(value, (int, float, np.number)):
            raise ValueError(
                f"term {spec!r}: the tie {u!r} -> {v!r} has {attr}={value!r}, not a number"
            )
        if seen[i, j] and out[i, j] != float(value):
            raise ValueError(
                f"term {spec!r}: two ties from {u!r} to {v!r} carry different {attr!r} "
                f"({out[i, j]:g} and {float(value):g}): name the relation, "
                f"e.g. 'rel:knows:{attr}'"
            )
        out[i, j] = float(value)
        seen[i, j] = True
    rows = _survey_rows(G, nodes)
    if rows is not None:
        out[rows, :] = np.nan
    return out


def qap_matrix(G: nx.Graph, spec: Term, *, nodes: Iterable[Hashable] | None = None) -> pd.DataFrame:
    """The ``n x n`` dyadic matrix of one QAP term, labelled by node id.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A social map.
    spec : str or tuple
        A term spec (see ``sociale_kaart.analysis.qap``): ``"trust"``,
        ``"tie:value"``, ``"rel:knows"``, ``"rel:knows:trust"``,
        ``"same:team"``, ``"diff:hours_per_week"``, ``"geo"``, or a
        ``(label, matrix)`` pair.
    nodes : iterable, optional
        The nodes, in order; default every node of ``G``.

    Returns
    -------
    pandas.DataFrame
        Rows and columns indexed by node id (``id``). The diagonal is 0 and
        is never used. Rows of survey non-respondents whose answers were
        left missing (``read_survey(..., missing="leave")``) are NaN in tie
        terms.

    Raises
    ------
    ValueError
        If the spec is not understood, a node lacks the attribute, or a
        value is not a number.
    NodeNotFoundError
        If ``nodes`` names a node that is not on the map.

    Examples
    --------
    >>> import sociale_kaart as sk
    >>> G = sk.datasets.load_survey(wave=1)
    >>> [G.nodes[v]["team"] for v in ["m01", "m02", "m07"]]
    ['Noord', 'Noord', 'Oost']
    >>> sk.qap_matrix(G, "same:team", nodes=["m01", "m02", "m07"]).to_numpy().tolist()
    [[0.0, 1.0, 0.0], [1.0, 0.0, 0.0], [0.0, 0.0, 0.0]]
    """
    order = _nodes(G, nodes)
    matrix, _ = _build(G, spec, order)
    return pd.DataFrame(
        matrix,
        index=pd.Index(order, name="id", dtype=object),
        columns=pd.Index(order, name="id", dtype=object),
    )


def _build(G: nx.Graph, spec: Term, nodes: Sequence[Hashable]) -> tuple[np.ndarray, str]:
    n = len(nodes)
    if isinstance(spec, tuple):
        if len(spec) != 2 or not isinstance(spec[0], str):
            raise ValueError("a matrix term is a pair (label, matrix): e.g. ('distance', D)")
        label, raw = spec
        matrix = np.asarray(raw, dtype=float)
        if matrix.shape != (n, n):
            raise ValueError(
                f"term {label!r} is a {matrix.shape} matrix; it must be {n} x {n}, "
                "one row and column per node in nodes="
            )
        matrix = matrix.copy()
        np.fill_diagonal(matrix, 0.0)
        return matrix, label
    if not isinstance(spec, str) or not spec.strip():
        raise ValueError(f"a term is a spec string or a (label, matrix) pair, not {spec!r}")
    spec = spec.strip()
    index = {v: i for i, v in enumerate(nodes)}
    head, _, rest = spec.partition(":")
    if spec == "geo":
        lat = np.asarray(_node_values(G, nodes, "lat", spec), dtype=float)
        lon = np.asarray(_node_values(G, nodes, "lon", spec), dtype=float)
        matrix = haversine_km(lat[:, None], lon[:, None], lat[None, :], lon[None, :])
    elif head == "same" and rest:
        values = _node_values(G, nodes, rest, spec)
        codes = pd.factorize(pd.Series(values, dtype=object))[0]
        matrix = (codes[:, None] == codes[None, :]).astype(float)
    elif head == "diff" and rest:
        values = _node_values(G, nodes, rest, spec)
        try:
            numbers = np.asarray([float(x) for x in values])
        except (TypeError, ValueError):
            raise ValueError(
                f"term {spec!r}: {rest!r} is not numeric; use 'same:{rest}' for groups"
            ) from None
        matrix = np.abs(numbers[:, None] - numbers[None, :])
    elif head == "rel" and rest:
        relation, _, attr = rest.partition(":")
        if relation not in RELATIONS:
            raise ValueError(
                f"term {spec!r}: {relation!r} is not a relation; known: {', '.join(RELATIONS)}"
            )
        matrix = _tie_matrix(G, nodes, index, relation, attr or None, spec)
    elif head == "tie" and rest:
        matrix = _tie_matrix(G, nodes, index, None, rest, spec)
    elif ":" not in spec:
        matrix = _tie_matrix(G, nodes, index, None, spec, spec)
    else:
        raise ValueError(
            f"term {spec!r} is not understood: write 'ATTR', 'tie:ATTR', 'rel:RELATION', "
            "'rel:RELATION:ATTR', 'same:ATTR', 'diff:ATTR' or 'geo'"
        )
    np.fill_diagonal(matrix, 0.0)
    return matrix, spec


def _cells(n: int, directed: bool) -> tuple[np.ndarray, np.ndarray]:
    """Row and column of every dyad used, in R's column-major order."""
    cols, rows = np.divmod(np.arange(n * n), n)
    keep = rows != cols if directed else rows < cols
    return rows[keep], cols[keep]


def _matrices(
    G: nx.Graph,
    terms: Sequence[Term],
    nodes: Iterable[Hashable] | None,
    directed: bool,
) -> tuple[list[Hashable], list[np.ndarray], list[str]]:
    order = _nodes(G, nodes)
    mats, labels = [], []
    for spec in terms:
        matrix, label = _build(G, spec, order)
        if np.isnan(matrix).any():
            raise ValueError(
                f"term {label!r} has missing dyads (survey non-respondents left missing): "
                "pass nodes=G.graph['survey']['respondents'], or read the survey with "
                "missing='symmetrise' or missing='reciprocity'"
            )
        if not directed and not np.allclose(matrix, matrix.T):
            raise ValueError(
                f"term {label!r} is not symmetric, so directed=False would drop half of it: "
                "use directed=True"
            )
        mats.append(matrix)
        labels.append(label)
    if len(set(labels)) != len(labels):
        raise ValueError(f"a term is given twice: {labels}")
    return order, mats, labels


def _permutations(rng: np.random.Generator, n: int, count: int) -> np.ndarray:
    return np.argsort(rng.random((count, n)), axis=1)


def _permuted_products(
    matrix: np.ndarray, A: np.ndarray, perms: np.ndarray, out: np.ndarray
) -> None:
    """``out[b] = A @ vec(M[p, p])`` for each permutation ``p = perms[b]``.

    ``A`` holds one flattened ``n x n`` matrix per row, zero on the diagonal
    (and below it for undirected terms), so the product runs over exactly the
    dyads used. Relabelling is two ``take`` calls into reused buffers: no
    index arithmetic and no allocation per permutation.
    """
    rows = np.empty_like(matrix)
    both = np.empty_like(matrix)
    flat = both.reshape(-1)
    for b, perm in enumerate(perms):
        np.take(matrix, perm, axis=0, out=rows)
        np.take(rows, perm, axis=1, out=both)
        # einsum, not BLAS: a threaded dot on a busy machine is many times slower
        np.einsum("ij,j->i", A, flat, out=out[b])


def _summary(dist: np.ndarray) -> dict[str, float]:
    """The permutation distribution's moments and quantiles, over its finite values.

    A degenerate relabelling (a permuted term that the others explain fully,
    possible only in tiny networks) gives no statistic and is left out here.
    """
    finite = dist[np.isfinite(dist)]
    if finite.size == 0:
        return dict.fromkeys(DIST_COLUMNS, float("nan"))
    q = np.quantile(finite, [0.025, 0.5, 0.975])
    return {
        "perm_mean": float(finite.mean()),
        "perm_sd": float(finite.std(ddof=1)) if finite.size > 1 else float("nan"),
        "perm_min": float(finite.min()),
        "perm_q025": float(q[0]),
        "perm_median": float(q[1]),
        "perm_q975": float(q[2]),
        "perm_max": float(finite.max()),
    }


def _p_values(dist: np.ndarray, observed: float) -> dict[str, float]:
    """Shares of permutations at least as extreme, ties within rounding counted as equal."""
    eps = _TIE_TOL * max(1.0, abs(observed))
    return {
        "p_lower": float(np.mean(dist <= observed + eps)),
        "p_upper": float(np.mean(dist >= observed - eps)),
        "p_two_sided": float(np.mean(np.abs(dist) >= abs(observed) - eps)),
    }


def _check_reps(reps: int) -> None:
    if isinstance(reps, bool) or not isinstance(reps, (int, np.integer)) or reps < 1:
        raise ValueError(f"reps must be a whole number of permutations >= 1, got {reps!r}")


# --------------------------------------------------------------------------- QAP test


def qap_test(
    G: nx.Graph,
    y: Term,
    x: Term,
    *,
    reps: int = 1000,
    seed: int | None = None,
    nodes: Iterable[Hashable] | None = None,
    directed: bool = True,
) -> pd.DataFrame:
    """The QAP test of the correlation between two dyadic variables.

    The statistic is the graph correlation (Pearson's r over all dyads,
    R ``sna::gcor``). Its null distribution comes from relabelling the
    nodes of ``x`` at random ``reps`` times, as ``sna::qaptest`` does.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A social map.
    y, x : str or tuple
        Term specs (see ``sociale_kaart.analysis.qap``), e.g.
        ``"trust"`` and ``"same:x_background"``.
    reps : int, default 1000
        Number of permutations.
    seed : int, optional
        Seed of the permutations; the same seed gives the same table.
    nodes : iterable, optional
        The nodes, in order; default every node of ``G``.
    directed : bool, default True
        Use both dyads ``(i, j)`` and ``(j, i)``; with ``False`` each
        unordered pair once (the terms must then be symmetric).

    Returns
    -------
    pandas.DataFrame
        One row indexed by ``term`` (the label of ``x``): ``y``,
        ``statistic`` (the correlation), ``p_lower`` (share of permutations
        with a statistic <= the observed), ``p_upper`` (>=), ``p_two_sided``
        (absolute value >=), ``reps``, and the permutation distribution's
        ``perm_mean``, ``perm_sd``, ``perm_min``, ``perm_q025``,
        ``perm_median``, ``perm_q975``, ``perm_max``.

    Raises
    ------
    ValueError
        If a term cannot be built, is constant, or ``reps`` is not >= 1.

    See Also
    --------
    mrqap, qap_matrix

    Notes
    -----
    The p-values are the shares of permutations at least as extreme, as
    ``sna::qaptest`` reports them (the observed labelling is not counted);
    a permuted statistic within a relative ``1e-9`` of the observed one
    (a relabelling of nodes with equal data, up to rounding) counts as
    equal.
    With ``reps`` permutations their Monte Carlo standard error is at most
    ``0.5 / sqrt(reps)``.

    References
    ----------
    Krackhardt, D. (1987). QAP partialling as a test of spuriousness.
    *Social Networks*, 9(2), 171-186. doi:10.1016/0378-8733(87)90012-8

    Examples
    --------
    >>> import sociale_kaart as sk
    >>> G = sk.datasets.load_survey(wave=1)
    >>> t = sk.qap_test(G, "trust", "same:team", reps=200, seed=1)
    >>> bool(t.loc["same:team", "statistic"] > 0), bool(t.loc["same:team", "p_upper"] < 0.05)
    (True, True)
    """
    _check_reps(reps)
    order, (ym, xm), (ylabel, xlabel) = _matrices(G, [y, x], nodes, directed)
    n = len(order)
    rows, cols = _cells(n, directed)
    yv = ym[rows, cols]
    xv = xm[rows, cols]
    for label, vec in ((ylabel, yv), (xlabel, xv)):
        if np.ptp(vec) == 0:
            raise ValueError(f"term {label!r} is constant over the dyads: it cannot be correlated")
    yc = yv - yv.mean()
    xc = xv - xv.mean()
    scale = np.sqrt(yc @ yc)
    observed = float((xc @ yc) / (np.sqrt(xc @ xc) * scale))
    rng = np.random.default_rng(seed)
    # sum_ij Y[i,j] X[p_i,p_j] over the dyads, and the permutation-invariant moments of x
    A = _dyad_weights(ym - yv.mean(), n, directed)[None, :]
    sums = np.empty((reps, 1))
    for start in range(0, reps, _BATCH):
        count = min(_BATCH, reps - start)
        _permuted_products(xm, A, _permutations(rng, n, count), sums[start : start + count])
    dist = sums[:, 0] / (np.sqrt(xc @ xc) * scale)
    row = {
        "y": ylabel,
        "statistic": observed,
        **_p_values(dist, observed),
        "reps": int(reps),
        **_summary(dist),
    }
    return pd.DataFrame([row], index=pd.Index([xlabel], name="term"))


# --------------------------------------------------------------------------- MRQAP


def _dyad_weights(matrix: np.ndarray, n: int, directed: bool) -> np.ndarray:
    """The matrix flattened, zero off the dyads used (the diagonal; below it if undirected)."""
    mask = ~np.eye(n, dtype=bool) if directed else np.triu(np.ones((n, n), dtype=bool), 1)
    return np.where(mask, matrix, 0.0).reshape(-1)


_SPARSE_SHARE = 0.3  # a dyad matrix with at most this share of nonzero cells is used sparsely


def _relabelled_products(
    resid: np.ndarray,
    weights: Sequence[np.ndarray],
    n: int,
    rng: np.random.Generator,
    reps: int,
) -> np.ndarray:
    """``out[b, k, j] = <W_j, P_b R_k P_b'>`` for ``reps`` random relabellings ``P_b``.

    ``resid`` holds the flattened residual matrices ``R_k`` (one per row) and
    ``weights`` the flattened dyad matrices ``W_j``. Every relabelling is
    shared by all ``k``, so each is applied once per ``W_j`` rather than once
    per ``R_k``: ``<W, P R P'> = <P' W P, R>``.
    A sparse ``W_j`` (a tie attribute, small groups) is read at its nonzero
    cells only; a dense one is relabelled by fancy indexing and multiplied
    with all ``R_k`` at once.
    """
    p = resid.shape[0]
    out = np.empty((reps, p, len(weights)))
    dense = [j for j, w in enumerate(weights) if np.count_nonzero(w) > _SPARSE_SHARE * w.size]
    sparse = []
    for j, w in enumerate(weights):
        if j not in dense:
            cells = np.flatnonzero(w)
            sparse.append((j, cells // n, cells % n, w[cells]))
    squares = [weights[j].reshape(n, n) for j in dense]
    columns = np.ascontiguousarray(resid.T)  # (n * n, p): a cell's residuals side by side
    # fancy indexing returns the relabelled matrix in column-major order, so it is
    # multiplied with the transposed residuals: no copy of the n x n matrix per draw
    transposed = np.ascontiguousarray(resid.reshape(p, n, n).transpose(0, 2, 1)).reshape(p, -1)
    for start in range(0, reps, _BATCH):
        perms = _permutations(rng, n, min(_BATCH, reps - start))
        for b, perm in enumerate(perms, start):
            if dense:
                inverse = np.argsort(perm)
                for j, w in zip(dense, squares, strict=True):
                    out[b, :, j] = transposed @ w[inverse][:, inverse].T.reshape(-1)
            for j, i_cells, j_cells, values in sparse:
                out[b, :, j] = values @ columns[perm[i_cells] * n + perm[j_cells]]
    return out


def _fit(X: np.ndarray, y: np.ndarray, labels: Sequence[str]) -> dict[str, Any]:
    """OLS by QR, with R's rank check: coefficients, t-values, residual SS."""
    q, r = np.linalg.qr(X)
    d = np.abs(np.diag(r))
    norms = np.linalg.norm(X, axis=0)
    weak = [labels[k] for k in range(X.shape[1]) if norms[k] == 0 or d[k] < _RANK_TOL * norms[k]]
    if weak:
        raise ValueError(
            f"the terms {weak} are constant or a combination of the other terms "
            "(collinear): drop them or the term they repeat"
        )
    coef = np.linalg.solve(r, q.T @ y)
    resid = y - X @ coef
    df = X.shape[0] - X.shape[1]
    if df <= 0:
        raise ValueError("more terms than dyads: use fewer terms or more nodes")
    ssr = float(resid @ resid)
    rinv = np.linalg.inv(r)
    var = np.einsum("ij,ij->i", rinv, rinv) * ssr / df
    se = np.sqrt(var)
    with np.errstate(divide="ignore", invalid="ignore"):
        t = np.where(se > 0, coef / np.where(se > 0, se, 1.0), np.nan)
    return {"coef": coef, "se": se, "t": t, "ssr": ssr, "df": df, "resid": resid}


def mrqap(
    G: nx.Graph,
    y: Term = "trust",
    x: Sequence[Term] | Term = (),
    *,
    reps: int = 1000,
    seed: int | None = None,
    nodes: Iterable[Hashable] | None = None,
    intercept: bool = True,
    directed: bool = True,
    statistic: str = "t",
) -> pd.DataFrame:
    """Multiple regression QAP with Dekker's double semi-partialling.

    Fits ``y`` on the terms ``x`` by ordinary least squares over all dyads,
    then tests each coefficient by permutation: the term is regressed on
    all the others, its residual matrix is relabelled at random, and the
    model refitted with the relabelled residual in its place. The share of
    permuted statistics at least as extreme as the observed is the p-value.
    This is ``sna::netlm(..., nullhyp="qapspp")`` of R.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A social map.
    y : str or tuple, default "trust"
        The dependent term (see ``sociale_kaart.analysis.qap``).
    x : sequence of str or tuple
        The predictor terms, e.g. ``["same:team", "same:x_background"]``.
    reps : int, default 1000
        Permutations per term.
    seed : int, optional
        Seed of the permutations; the same seed gives the same table.
    nodes : iterable, optional
        The nodes, in order; default every node of ``G``.
    intercept : bool, default True
        Add a constant term, ``intercept``. Like ``sna::netlm`` it is tested
        by permutation as well.
    directed : bool, default True
        Use both dyads ``(i, j)`` and ``(j, i)``; with ``False`` each
        unordered pair once (the terms must then be symmetric).
    statistic : {"t", "beta"}, default "t"
        The permuted statistic: the t-value (sna's default, and the one
        Dekker et al. recommend) or the coefficient.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``term`` (``intercept`` first, then the ``x`` labels):
        ``coefficient``, ``std_error``, ``t``, ``p_lower`` (``Pr(<=b)`` in
        sna), ``p_upper`` (``Pr(>=b)``), ``p_two_sided`` (``Pr(>=|b|)``),
        ``reps``, and the summary of the permutation distribution of the
        statistic: ``perm_mean``, ``perm_sd``, ``perm_min``, ``perm_q025``,
        ``perm_median``, ``perm_q975``, ``perm_max``. ``attrs`` holds
        ``y``, ``n_nodes``, ``n_dyads``, ``r_squared``, ``adj_r_squared``,
        ``statistic``, ``seed`` and ``method``.

    Raises
    ------
    ValueError
        If a term cannot be built, terms are collinear, ``x`` is empty or
        ``reps`` is not >= 1.

    See Also
    --------
    qap_test, qap_matrix

    Notes
    -----
    With :math:`X_{-k}` the other terms, :math:`e_k` the residual of term
    :math:`k` on them and :math:`P` a random permutation matrix, each
    permutation fits :math:`y \\sim X_{-k} + P e_k P^\\top` and keeps the
    statistic of the last column. By the Frisch-Waugh-Lovell theorem the
    fit needs only the products of :math:`P e_k P^\\top` with
    :math:`X_{-k}` and :math:`y` over the dyads. Each random relabelling is
    shared by all terms (each term's distribution is still a permutation
    distribution): it is applied once to every term matrix, densely or at
    its nonzero cells, and multiplied with all residuals at once. The
    p-values count the permutations as ``sna`` does (the
    observed labelling is not counted, and statistics within a relative
    ``1e-9`` of the observed count as ties); their Monte Carlo standard error is
    at most ``0.5 / sqrt(reps)``. QAP controls for the dependence of dyads
    that share a node; it does not control for omitted terms, for
    reciprocity or transitivity as such, or for how the nodes were
    sampled (see ``docs/research.md``).

    References
    ----------
    Dekker, D., Krackhardt, D., & Snijders, T. A. B. (2007). Sensitivity of
    MRQAP tests to collinearity and autocorrelation conditions.
    *Psychometrika*, 72(4), 563-581. doi:10.1007/s11336-007-9016-1

    Butts, C. T. (2023). *sna: Tools for Social Network Analysis*, R
    package, function ``netlm``.

    Examples
    --------
    >>> import sociale_kaart as sk
    >>> G = sk.datasets.load_survey(wave=1)
    >>> table = sk.mrqap(G, "trust", ["same:team", "same:x_background"], reps=200, seed=1)
    >>> list(table.index)
    ['intercept', 'same:team', 'same:x_background']
    >>> bool(table.loc["same:team", "coefficient"] > 0)
    True
    """
    _check_reps(reps)
    if statistic not in ("t", "beta"):
        raise ValueError(f"statistic must be 't' or 'beta', got {statistic!r}")
    terms: list[Term]
    if isinstance(x, str) or (isinstance(x, tuple) and len(x) == 2 and isinstance(x[0], str)):
        terms = [cast(Term, x)]  # one term given on its own
    else:
        terms = list(cast(Sequence[Term], x))
    if not terms:
        raise ValueError("x is empty: give at least one predictor term, e.g. x=['same:team']")
    order, mats, labels = _matrices(G, [y, *terms], nodes, directed)
    if "intercept" in labels:
        raise ValueError(
            "'intercept' is reserved for the constant term: label the matrix otherwise"
        )
    n = len(order)
    rows, cols = _cells(n, directed)
    yv = mats[0][rows, cols]
    xmats = mats[1:]
    xlabels = labels[1:]
    if intercept:
        ones = np.ones((n, n))
        np.fill_diagonal(ones, 0.0)
        xmats = [ones, *xmats]
        xlabels = ["intercept", *xlabels]
    X = np.column_stack([m[rows, cols] for m in xmats])
    full = _fit(X, yv, xlabels)
    if full["ssr"] <= 1e-24 * max(1.0, float(yv @ yv)) and statistic == "t":
        raise ValueError(
            "the terms fit y exactly (no residual variation), so t-values are undefined: "
            "use more nodes, or statistic='beta'"
        )
    observed = full["t"] if statistic == "t" else full["coef"]
    p = X.shape[1]
    df = len(yv) - p
    rng = np.random.default_rng(seed)
    # per term k: the residual of k on the other terms, and the fixed parts of its fit
    resid = np.zeros((p, n * n))
    fixed: list[tuple[list[int], np.ndarray, np.ndarray, float, float]] = []
    for k in range(p):
        others = [j for j in range(p) if j != k]
        Xo = X[:, others]
        if others:
            resid_k = X[:, k] - Xo @ np.linalg.lstsq(Xo, X[:, k], rcond=None)[0]
            gram = Xo.T @ Xo
            xty = Xo.T @ yv
            ssr0 = float(yv @ yv - xty @ np.linalg.solve(gram, xty))
        else:
            resid_k = X[:, k].copy()
            gram, xty, ssr0 = np.zeros((0, 0)), np.zeros(0), float(yv @ yv)
        rmat = resid[k].reshape(n, n)
        rmat[rows, cols] = resid_k
        if not directed:
            rmat[cols, rows] = resid_k
        # a relabelling maps the dyads onto themselves, so r'r does not change
        fixed.append((others, gram, xty, ssr0, float(resid_k @ resid_k)))
    # the matrices a relabelled residual is multiplied with: the terms and y (the constant
    # term's product is sum(r) for every relabelling, so it is left out)
    targets = [j for j in range(p) if not (intercept and j == 0)]
    weights = [_dyad_weights(m, n, directed) for m in [*(xmats[j] for j in targets), mats[0]]]
    products = _relabelled_products(resid, weights, n, rng, reps)  # (reps, p, targets + y)
    dist = np.empty((reps, p))
    for k, (others, gram, xty, ssr0, rr) in enumerate(fixed):
        total = float(resid[k].sum()) / (1 if directed else 2)
        xo_r = (
            np.column_stack(
                [
                    products[:, k, targets.index(j)] if j in targets else np.full(reps, total)
                    for j in others
                ]
            )
            if others
            else np.zeros((reps, 0))
        )
        y_r = products[:, k, -1]
        if others:
            b = np.linalg.solve(gram, xo_r.T)  # (p-1, reps)
            rt_rt = rr - np.einsum("ij,ji->i", xo_r, b)
            rt_y = y_r - b.T @ xty
        else:
            rt_rt, rt_y = np.full(reps, rr), y_r
        with np.errstate(divide="ignore", invalid="ignore"):
            beta = rt_y / rt_rt
            if statistic == "beta":
                stat = beta
            else:
                ssr = np.maximum(ssr0 - rt_y * beta, 0.0)
                stat = beta / np.sqrt(ssr / df / rt_rt)
        dist[:, k] = stat
    tss = float(((yv - yv.mean()) ** 2).sum()) if intercept else float(yv @ yv)
    r2 = 1.0 - full["ssr"] / tss if tss > 0 else float("nan")
    records = []
    for k, label in enumerate(xlabels):
        d = dist[:, k]
        obs = float(observed[k])
        records.append(
            {
                "term": label,
                "coefficient": float(full["coef"][k]),
                "std_error": float(full["se"][k]),
                "t": float(full["t"][k]),
                **_p_values(d, obs),
                "reps": int(reps),
                **_summary(d),
            }
        )
    table = pd.DataFrame.from_records(records, index="term")
    table.attrs.update(
        y=labels[0],
        n_nodes=n,
        n_dyads=len(yv),
        r_squared=r2,
        adj_r_squared=1.0 - (1.0 - r2) * (len(yv) - (1 if intercept else 0)) / df,
        statistic=statistic,
        seed=seed,
        method="MRQAP, double semi-partialling (Dekker et al. 2007)",
    )
    return table

"""The public API speaks one vocabulary, and every function that takes a map checks it first.

These tests walk the whole public surface (``sociale_kaart.__all__``), so a new
function that forgets a convention fails here without a test of its own.
"""

from __future__ import annotations

import argparse
import inspect
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

import sociale_kaart as sk
from sociale_kaart.cli.main import _parser

#: The names that the convention replaced, and the one that replaced them.
RETIRED = {
    "k": "top",
    "need": "theme",
    "partition": "by",
    "max_months": "stale_months",
    "stale_days": "stale_months",
}

#: Where a retired name still means something else on purpose.
ALLOWED = {("check_disclosure", "k")}  # k-anonymity: the standard name of the privacy measure

#: Public callables that take a graph but are not about one map: clearing the
#: cache works for any graph (or for all of them).
#: timeline takes a series of (date, map) pairs, not one map.
NOT_MAP_FUNCTIONS = {"clear_cache", "timeline"}


def _public_functions() -> dict[str, Callable[..., Any]]:
    out: dict[str, Callable[..., Any]] = {}
    for name in sk.__all__:
        obj = getattr(sk, name)
        if inspect.isfunction(obj):
            out[name] = obj
    for name in sk.datasets.__all__:
        obj = getattr(sk.datasets, name)
        if inspect.isfunction(obj):
            out.setdefault(name, obj)
    return out


def _takes_a_map_first(func: Callable[..., Any]) -> bool:
    params = list(inspect.signature(func).parameters.values())
    return bool(params) and "MultiDiGraph" in str(params[0].annotation)


PUBLIC = _public_functions()
MAP_FUNCTIONS = sorted(
    name for name, f in PUBLIC.items() if _takes_a_map_first(f) and name not in NOT_MAP_FUNCTIONS
)


def test_the_walk_sees_the_public_surface() -> None:
    # If the annotation test broke, the loops below would pass on nothing.
    assert len(PUBLIC) >= 55
    assert len(MAP_FUNCTIONS) >= 45
    for name in ("summary", "find_gaps", "suggest_referrals", "report", "write_csv", "merge"):
        assert name in MAP_FUNCTIONS
    for name in ("check_disclosure", "plot_coverage"):  # they take a map or a frame
        assert name in MAP_FUNCTIONS


@pytest.mark.parametrize("name", sorted(PUBLIC))
def test_no_retired_parameter_names(name: str) -> None:
    for param in inspect.signature(PUBLIC[name]).parameters:
        if param in RETIRED and (name, param) not in ALLOWED:
            pytest.fail(f"{name}({param}=...) should be {RETIRED[param]}=")


@pytest.mark.parametrize("name", sorted(PUBLIC))
def test_one_default_language(name: str) -> None:
    param = inspect.signature(PUBLIC[name]).parameters.get("language")
    if param is not None:
        assert param.default == "en", f"{name}(language={param.default!r}) should default to 'en'"


def test_the_concepts_have_their_names() -> None:
    def params(name: str) -> set[str]:
        return set(inspect.signature(PUBLIC[name]).parameters)

    assert {"top", "theme"} <= params("suggest_referrals")
    assert {"top", "per_type", "stale_months"} <= params("find_gaps")
    assert "by" in params("brokerage") and "by" in params("network_stats")
    assert "stale_months" in params("stale_records") and "stale_months" in params("report")
    for name in ("plot_centrality", "plot_brokerage", "report"):
        assert "top" in params(name)
    assert "k" in params("check_disclosure")  # k-anonymity, not a count


def _subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def test_the_cli_defaults_to_english_and_says_theme() -> None:
    commands = _subparsers(_parser())
    with_lang = 0
    for name, sub in commands.items():
        for action in sub._actions:
            if "--lang" in action.option_strings:
                with_lang += 1
                assert action.default == "en", f"sociale-kaart {name} --lang defaults to nl"
            assert "--need" not in action.option_strings, f"sociale-kaart {name} --need"
    assert with_lang >= 3
    assert any("--theme" in a.option_strings for a in commands["refer"]._actions)


# ----------------------------------------------------------------------------- not a map


def _kindless() -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    G.add_node("a")
    return G


def _half_kind() -> nx.MultiDiGraph:
    G = sk.load_sample()
    G.add_node("stray")  # one node without a kind makes it no map
    return G


def _call(name: str, graph: Any, tmp_path: Path) -> None:
    func = PUBLIC[name]
    params = list(inspect.signature(func).parameters.values())
    args: list[Any] = [graph]
    kwargs: dict[str, Any] = {}
    for param in params[1:]:
        if param.default is not inspect.Parameter.empty or param.kind == param.VAR_KEYWORD:
            continue
        if param.name in ("path", "folder"):
            value: Any = tmp_path / "out" / "file"
        elif param.name == "G_directory":
            value = sk.load_sample()
        elif param.name == "key":
            value = "a key of sixteen bytes or more"
        else:
            value = "r_henk"
        if param.kind == param.KEYWORD_ONLY:
            kwargs[param.name] = value
        else:
            args.append(value)
    func(*args, **kwargs)


@pytest.mark.parametrize("name", MAP_FUNCTIONS)
@pytest.mark.parametrize(
    "graph",
    [nx.karate_club_graph(), _kindless(), _half_kind(), nx.MultiDiGraph(nx.karate_club_graph())],
    ids=["karate", "kindless-node", "one-stray-node", "karate-as-multidigraph"],
)
def test_every_map_function_says_not_a_map(name: str, graph: Any, tmp_path: Path) -> None:
    with pytest.raises(sk.NotAMapError) as caught:
        _call(name, graph, tmp_path)
    message = str(caught.value)
    assert "not a social map" in message
    assert "sk.from_frames(...)" in message and "sk.read_csv(...)" in message
    assert "docs/data-format" in message
    assert not (tmp_path / "out").exists()  # checked before anything was written


def test_not_a_map_is_a_type_error_that_names_the_problem() -> None:
    assert issubclass(sk.NotAMapError, TypeError)
    with pytest.raises(TypeError, match=r"it is a Graph, not a networkx.MultiDiGraph"):
        sk.summary(nx.karate_club_graph())
    with pytest.raises(sk.NotAMapError, match="none of its 34 nodes has a 'kind'"):
        sk.summary(nx.MultiDiGraph(nx.karate_club_graph()))
    with pytest.raises(sk.NotAMapError, match=r"1 of its 295 nodes, such as 'stray'"):
        sk.centrality(_half_kind())
    with pytest.raises(sk.NotAMapError, match="G_directory is not a social map"):
        sk.merge(sk.load_sample(), nx.karate_club_graph())
    with pytest.raises(sk.NotAMapError, match="it is a DataFrame"):
        sk.summary(sk.to_frames(sk.load_sample())["residents"])


def test_an_empty_multidigraph_is_an_empty_map() -> None:
    assert sk.find_gaps(nx.MultiDiGraph()).empty
    assert sk.brokerage(nx.MultiDiGraph()).empty


# ----------------------------------------------------------------------------- node not found


def test_node_not_found_is_also_networkx_node_not_found(sample: nx.MultiDiGraph) -> None:
    assert issubclass(sk.NodeNotFoundError, nx.NodeNotFound)
    assert issubclass(sk.NodeNotFoundError, KeyError)
    with pytest.raises(nx.NodeNotFound) as caught:
        sk.check_eligibility(sample, "r_nobody", "i_taalmaatjes")
    assert str(caught.value) == "resident 'r_nobody' is not on the map"
    with pytest.raises(nx.NodeNotFound):
        sk.suggest_referrals(sample, "r_nobody")
    with pytest.raises(KeyError):
        sk.plot_ego(sample, "r_nobody")

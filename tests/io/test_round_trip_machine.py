"""A hypothesis state machine over the lossless formats (issue 10, acceptance).

The machine grows a map with arbitrary Unicode text (control characters,
every line and paragraph separator, the OOXML escape, quotes, delimiters),
and at any step writes it in one of the team's lossless formats and reads it
back: the round trip must be exact, or the writer must refuse with a clear
error. Each write replaces the previous copy in place, so the machine also
exercises the atomic overwrite.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

import networkx as nx
import pandas as pd
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine, initialize, invariant, rule

import sociale_kaart as sk

#: Any text a user can type or paste, surrogates and NUL aside (no format holds them).
TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    max_size=12,
) | st.sampled_from(
    ["Bench\rpl_fake", "a\r\nb", "\u2028", "x\u2029y", "_x000D_", "=1+1", "-3", '"', "\x85\x1c"]
)
IDS = TEXT.map(str.strip).filter(lambda t: t and ";" not in t and "|" not in t)

FORMATS = {
    "csv": (lambda G, p: sk.write_csv(G, p / "csv"), sk.read_csv),
    "csv;": (lambda G, p: sk.write_csv(G, p / "csv2", delimiter=";"), sk.read_csv),
    "excel": (lambda G, p: sk.write_excel(G, p / "map.xlsx"), sk.read_excel),
    "json": (lambda G, p: sk.write_json(G, p / "map.json"), sk.read_json),
    "frames": (None, None),
}


def _text(value: str) -> str | None:
    return value.strip() or None


class RoundTrips(RuleBasedStateMachine):
    """Grow a map; write and read it back in any lossless format, at any step."""

    places = Bundle("places")

    def __init__(self) -> None:
        super().__init__()
        self.base = Path(tempfile.mkdtemp())
        self.records: dict[str, list[dict[str, Any]]] = {
            "places": [],
            "initiatives": [],
            "residents": [],
            "relations": [],
        }
        self.ids: set[str] = set()
        self.G: nx.MultiDiGraph | None = None

    def teardown(self) -> None:
        shutil.rmtree(self.base, ignore_errors=True)

    def _new_id(self, wanted: str, prefix: str) -> str:
        node = wanted if wanted not in self.ids else f"{prefix}{len(self.ids)}"
        self.ids.add(node)
        return node

    def _build(self) -> None:
        frames = {k: pd.DataFrame(v) for k, v in self.records.items() if v}
        self.G = sk.from_frames(**frames, name="machine")

    @initialize(target=places, node=IDS, name=TEXT)
    def first_place(self, node: str, name: str) -> str:
        node = self._new_id(node, "pl")
        self.records["places"].append({"id": node, "name": name, "x_note": name})
        self._build()
        return node

    @rule(target=places, node=IDS, name=TEXT, description=TEXT, hood=TEXT)
    def add_place(self, node: str, name: str, description: str, hood: str) -> str:
        node = self._new_id(node, "pl")
        self.records["places"].append(
            {"id": node, "name": name, "description": description, "neighbourhood": hood}
        )
        self._build()
        return node

    @rule(
        place=places,
        node=IDS,
        name=TEXT,
        schedule=TEXT,
        cost=st.none() | st.floats(0, 1000) | st.integers(0, 1000),
        capacity=st.none() | st.integers(0, 10_000),
    )
    def add_initiative(
        self, place: str, node: str, name: str, schedule: str, cost: Any, capacity: Any
    ) -> None:
        node = self._new_id(node, "i")
        self.records["initiatives"].append(
            {
                "id": node,
                "name": name,
                "themes": "loneliness",
                "place": place,
                "schedule": schedule,
                "cost_eur": cost,
                "capacity": capacity,
            }
        )
        self._build()

    @rule(place=places, node=IDS, name=TEXT, note=TEXT)
    def add_resident(self, place: str, node: str, name: str, note: str) -> None:
        node = self._new_id(node, "r")
        self.records["residents"].append({"id": node, "name": name, "x_note": note})
        self.records["relations"].append(
            {"source": node, "target": place, "relation": "visits", "x_why": note}
        )
        self._build()

    @rule(fmt=st.sampled_from(sorted(FORMATS)))
    def round_trip(self, fmt: str) -> None:
        assert self.G is not None
        write, read = FORMATS[fmt]
        if write is None:
            H = sk.from_frames(**sk.to_frames(self.G))
            assert H.graph["name"] == self.G.graph["name"]
        else:
            try:
                path = write(self.G, self.base)
            except ValueError as err:  # a refusal must say what to do
                assert "\n" not in str(err).splitlines()[0]
                return
            H = read(path)
        assert sorted(H.nodes) == sorted(self.G.nodes)
        for node, attrs in self.G.nodes(data=True):
            assert H.nodes[node] == attrs, (fmt, node)
        assert sorted(map(repr, H.edges(keys=True, data=True))) == sorted(
            map(repr, self.G.edges(keys=True, data=True))
        )

    @invariant()
    def no_debris(self) -> None:
        """Overwrites leave no temporary file or folder beside the target."""
        assert not [p for p in self.base.iterdir() if p.name.endswith(".tmp")]


RoundTrips.TestCase.settings = settings(
    max_examples=15,
    stateful_step_count=8,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
test_round_trips_state_machine = RoundTrips.TestCase

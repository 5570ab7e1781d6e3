"""Read a page's map data as the script does: the nodes' and edges' columns back into records."""

from __future__ import annotations

import json
import re
from typing import Any

_BLOCK = r'<script type="application/json" id="[^"]+">(.*?)</script>'


def _records(table: dict[str, Any], prefix: str | None) -> list[dict[str, Any]]:
    n = table["n"]
    columns = {}
    for key, column in table["columns"].items():
        if isinstance(column, dict):  # shared values: each once, and a position per record
            assert set(column) == {"values", "at"} and len(column["at"]) == n
            assert len({json.dumps(v) for v in column["values"]}) == len(column["values"])
            column = [column["values"][i] for i in column["at"]]
        assert len(column) == n
        columns[key] = column
    out = []
    for i in range(n):
        item = {key: column[i] for key, column in columns.items()}
        if prefix is not None:
            assert "id" not in item
            item["id"] = f"{prefix}{i}"
        out.append(item)
    return out


def decoded(block: str) -> dict[str, Any]:
    """One JSON block of a page with ``nodes`` and ``edges`` as lists of dicts (as sk-map.js)."""
    data = dict(json.loads(block))
    data["nodes"] = _records(data["nodes"], None)
    data["edges"] = _records(data["edges"], "e")
    return data


def map_blocks(page: str) -> list[dict[str, Any]]:
    """Every map's data on a page, decoded."""
    return [decoded(b) for b in re.findall(_BLOCK, page, re.S)]

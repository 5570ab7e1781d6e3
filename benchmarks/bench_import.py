"""Import time (issue 16, item 7): ``import sociale_kaart`` in a fresh interpreter.

``run(G, n_residents)`` is called by ``benchmarks/run.py`` for every map size; the
import does not depend on it, so it is timed once per run (at the first size).
Each figure is the best of five child processes (so that nothing is cached in
this one), timed inside the child. The comparison is ``import networkx``, the
least any networkx user pays; the second row is the first real use
(``sk.load_sample()``), which loads networkx, pandas and pydantic. Run this file
directly to time it alone::

    python benchmarks/bench_import.py
"""

from __future__ import annotations

import subprocess
import sys
from typing import Any

Row = dict[str, Any]
_DONE: list[bool] = []


def child_seconds(statement: str, *, repeat: int = 5) -> float:
    """Best time of ``statement`` over ``repeat`` fresh interpreters, timed inside each."""
    code = f"import time\nt = time.perf_counter()\n{statement}\nprint(time.perf_counter() - t)\n"
    best = float("inf")
    for _ in range(repeat):
        done = subprocess.run(
            [sys.executable, "-c", code], check=True, capture_output=True, text=True
        )
        best = min(best, float(done.stdout.split()[-1]))
    return best


def run(G: Any, n_residents: int) -> list[Row]:
    if _DONE:
        return []
    _DONE.append(True)
    return [
        {
            "operation": "import sociale_kaart (fresh interpreter)",
            "sociale_kaart_s": child_seconds("import sociale_kaart"),
            "networkx_s": child_seconds("import networkx"),
            "note": "lazy (PEP 562); networkx: `import networkx`; best of 5 children",
        },
        {
            "operation": "import sociale_kaart and load the sample",
            "sociale_kaart_s": child_seconds("import sociale_kaart as sk\nsk.load_sample()"),
            "networkx_s": None,
            "note": "the first real use loads networkx, pandas and pydantic",
        },
    ]


if __name__ == "__main__":
    for row in run(None, 0):
        print(row)

"""Precision and recall of the theme mapper on hand-labelled real service names (issue 11).

The label set is still small (see tests/data/theme_labels/SOURCE.md); this test only measures
and prints, it asserts no floor yet.
"""

from __future__ import annotations

import csv
from pathlib import Path

from sociale_kaart.io.hsds.text import DEFAULT_TAXONOMY_MAP, TaxonomyMatcher

LABELS = Path(__file__).parent.parent / "data" / "theme_labels" / "labels.csv"


def _counts() -> tuple[int, int, int]:
    matcher = TaxonomyMatcher(DEFAULT_TAXONOMY_MAP)
    tp = fp = fn = 0
    with LABELS.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            expected = set() if row["expected"] == "none" else set(row["expected"].split(";"))
            got = set(matcher.themes_in_text([row["text"]]))
            tp += len(expected & got)
            fp += len(got - expected)
            fn += len(expected - got)
    return tp, fp, fn


def test_label_file_is_well_formed() -> None:
    with LABELS.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows and all(r["text"] and r["expected"] for r in rows)


def test_report_precision_recall() -> None:
    tp, fp, fn = _counts()
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    print(f"theme labels: tp={tp} fp={fp} fn={fn} precision={precision:.2f} recall={recall:.2f}")
    assert tp + fn > 0

"""The coverage heatmap reads in the page's language: its columns in the order of their labels.

Issue 14 ("Real Dutch, and real English"): the columns followed the English theme
codes, so a Dutch reader met *Financiën, Taal, Eenzaamheid, Beweging*, an order
that is alphabetical in no language on the page.
"""

from __future__ import annotations

from collections.abc import Iterator

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import sociale_kaart as sk
from sociale_kaart.core.themes import DEFAULT_THEMES, theme_label
from sociale_kaart.core.wording import label_sort_key

#: code -> demand in the one neighbourhood; the gap is on finances
DEMAND = {"finances": 4.0, "language": 3.0, "loneliness": 2.0, "exercise": 1.0}


@pytest.fixture(autouse=True)
def _close() -> Iterator[None]:
    yield
    plt.close("all")


def _frame(codes: list[str]) -> pd.DataFrame:
    idx = pd.MultiIndex.from_tuples([("Noord", c) for c in codes], names=["neighbourhood", "theme"])
    return pd.DataFrame(
        {
            "demand": [DEMAND.get(c, 1.0) for c in codes],
            "supply": [0 if c == "finances" else 1 for c in codes],
            "gap": [c == "finances" for c in codes],
        },
        index=idx,
    )


@pytest.mark.parametrize(
    ("language", "labels"),
    [
        ("nl", ["Beweging", "Eenzaamheid", "Financiën", "Taal"]),
        ("en", ["Exercise", "Finances", "Language", "Loneliness"]),
    ],
)
def test_heatmap_columns_follow_the_labels_of_the_page_language(
    language: str, labels: list[str]
) -> None:
    ax = sk.plot_coverage(_frame(list(DEMAND)), language=language)
    assert [t.get_text() for t in ax.get_xticklabels()] == labels
    # the cells moved with their column: the values, the cell texts and the gap outline
    row = list(ax.get_images()[0].get_array()[0])
    codes = {"nl": ["exercise", "loneliness", "finances", "language"]}.get(
        language, ["exercise", "finances", "language", "loneliness"]
    )
    assert row == [DEMAND[c] for c in codes]
    column = codes.index("finances")
    (outline,) = ax.patches
    assert outline.get_gid() == "gap:Noord:finances" and outline.get_x() == column - 0.5
    cell = next(t for t in ax.texts if t.get_gid() == "cell:Noord:finances")
    assert cell.get_position() == (column, 0) and cell.get_text() == "4/0"


@settings(max_examples=8, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(sorted(DEFAULT_THEMES)), min_size=1, max_size=8, unique=True))
def test_any_set_of_themes_is_drawn_in_label_order(codes: list[str]) -> None:
    for language in ("nl", "en"):
        ax = sk.plot_coverage(_frame(codes), language=language, annotate=False)
        shown = [t.get_text() for t in ax.get_xticklabels()]
        assert shown == sorted(shown, key=label_sort_key)
        assert sorted(shown) == sorted(
            theme_label(c, DEFAULT_THEMES, language=language) for c in codes
        )
        plt.close("all")


def test_label_sort_key_ignores_case_and_accents() -> None:
    words = ["taal", "Financiën", "financien", "Eenzaamheid", "één", "Beweging"]
    ordered = sorted(words, key=label_sort_key)
    assert ordered == ["Beweging", "één", "Eenzaamheid", "Financiën", "financien", "taal"]
    assert np.all([label_sort_key(w) == label_sort_key(w.upper()) for w in words])

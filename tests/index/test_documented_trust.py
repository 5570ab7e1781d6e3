"""The trust assumed for a tie without one is a documented choice: pin it in code, output, docs."""

from __future__ import annotations

import pandas as pd

import sociale_kaart as sk
from tests._paths import ROOT

#: As docs/referrals.md states it: a tie without a recorded trust counts as trust 2.
DOCUMENTED_DEFAULT_TRUST = 2


def _score(trust: int | None) -> float:
    """The referral score of the one offer r1 reaches through neighbour r2."""
    G = sk.from_frames(
        residents=pd.DataFrame(
            {"id": ["r1", "r2"], "neighbourhood": ["Noord", "Noord"], "needs": ["finances", ""]}
        ),
        initiatives=pd.DataFrame(
            {
                "id": ["i1"],
                "themes": ["finances"],
                "level": ["informal"],
                "neighbourhood": ["Noord"],
            }
        ),
        relations=pd.DataFrame(
            {
                "source": ["r1", "r2"],
                "target": ["r2", "i1"],
                "relation": ["knows", "participates"],
                "trust": [trust, trust],
            }
        ),
    )
    found = sk.suggest_referrals(G, "r1")
    assert found["path"].tolist() == [["r1", "r2", "i1"]]
    return float(found["score"].iloc[0])


def test_default_trust_in_code_is_the_documented_one() -> None:
    from sociale_kaart.index.moves import DEFAULT_TRUST

    assert DEFAULT_TRUST == DOCUMENTED_DEFAULT_TRUST


def test_a_tie_without_trust_ranks_as_the_documented_default() -> None:
    missing = _score(None)
    assert missing == _score(DOCUMENTED_DEFAULT_TRUST)
    assert missing not in {_score(t) for t in (1, 3, 4) if t != DOCUMENTED_DEFAULT_TRUST}


def test_the_docs_state_the_same_default_trust() -> None:
    text = " ".join((ROOT / "docs" / "referrals.md").read_text(encoding="utf-8").split())
    sentence = f"a tie without a recorded trust counts as trust {DOCUMENTED_DEFAULT_TRUST}"
    assert sentence in text, f"docs/referrals.md should say: {sentence}"

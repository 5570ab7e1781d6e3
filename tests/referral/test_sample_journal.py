"""The scenes of the sample journal (issue 13), read from sk.load_sample()."""

from __future__ import annotations

import sociale_kaart as sk


def test_sample_henk_four_steps_on_one_day_end_started_at_the_pool() -> None:
    chains = sk.referral_chains(sk.load_sample())
    henk = chains[chains["root"] == "henk-1"].sort_values("depth")
    assert list(henk["depth"]) == [0, 1, 2, 3]
    assert set(henk["first"]) == set(henk["last"]) and len(set(henk["first"])) == 1
    last = henk.iloc[-1]
    assert (last["target"], last["status"]) == ("i_zwemmen", "started")


def test_sample_samira_course_refused_for_eligibility_then_language_buddy_started() -> None:
    G = sk.load_sample()
    steps = sk.journal(G)
    refused = steps[(steps["referral"] == "samira-1") & (steps["status"] == "rejected")]
    assert list(refused["reason"]) == ["eligibility: eu_citizen"]
    chains = sk.referral_chains(G)
    assert chains.loc["samira-2", "parent"] == "samira-1"
    assert (chains.loc["samira-2", "target"], chains.loc["samira-2", "status"]) == (
        "i_taalmaatjes",
        "started",
    )


def test_sample_stip_refers_to_the_buurtteam_and_back() -> None:
    chains = sk.referral_chains(sk.load_sample())
    there, back = chains.loc["stip-1"], chains.loc["stip-2"]
    assert (there["referrer"], there["target"]) == (back["target"], back["referrer"])
    assert there["referrer"] == "o_infopunt" and back["parent"] == "stip-1"


def test_sample_planted_companion_effect_is_visible_in_the_outcomes() -> None:
    out = sk.referral_outcomes(sk.load_sample(), by="companion")
    assert out.loc[True, "start_rate"] > out.loc[False, "start_rate"] + 0.15


def test_sample_journal_adds_no_ties() -> None:
    G = sk.load_sample()
    assert not any(d.get("relation") == "referral" for _, _, d in G.edges(data=True))
    assert len(sk.journal(G)) == 834

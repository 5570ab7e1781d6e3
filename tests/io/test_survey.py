"""Survey import: layouts, each non-respondent strategy, scores, and row-level errors."""

from __future__ import annotations

import pandas as pd
import pytest

import sociale_kaart as sk
from sociale_kaart.datasets import sample_path

ROSTER = pd.DataFrame(
    {
        "id": ["a", "b", "c", "d"],
        "naam": ["Ann", "Bas", "Cor", "Dewi"],
        "team": ["t1", "t1", "t2", "t2"],
        "achtergrond": ["welfare", "care", "welfare", "care"],
    }
)


def answers(rows):
    columns = [
        "respondent",
        "partner",
        "knows",
        "works_with",
        "trust_reliable",
        "trust_mission",
        "trust_open",
        "value_power",
        "value_involvement",
        "value_resources",
    ]
    return pd.DataFrame(rows, columns=columns)


# a, b and c answer; d does not. a -> d and b -> d exist, c does not know d.
SURVEY = answers(
    [
        ("a", "b", "yes", "yes", 4, 3, 2, 1, 2, 3),
        ("a", "c", "no", "", "", "", "", "", "", ""),
        ("a", "d", "yes", "no", 2, 2, 2, 3, 3, 3),
        ("b", "a", "yes", "yes", 3, 3, 3, 4, 4, 4),
        ("b", "d", "yes", "yes", 1, 2, 3, 2, 2, 2),
        ("c", "d", "no", "", "", "", "", "", "", ""),
    ]
)


def test_scores_are_means_of_the_items():
    G = sk.read_survey(SURVEY, roster=ROSTER, missing="leave")
    tie = G.edges["a", "b", "knows"]
    assert tie["trust"] == pytest.approx(3.0) and tie["value"] == pytest.approx(2.0)
    assert (tie["trust_reliable"], tie["trust_mission"], tie["trust_open"]) == (4, 3, 2)
    assert tie["works_with"] is True
    assert G.edges["b", "d", "knows"]["trust"] == 2
    assert not G.has_edge("a", "c")  # not known: no tie
    assert G.nodes["a"]["kind"] == "professional" and G.nodes["a"]["name"] == "Ann"
    assert G.nodes["a"]["extra"]["x_background"] == "welfare"


def test_leave_missing():
    G = sk.read_survey(SURVEY, roster=ROSTER, missing="leave")
    survey = G.graph["survey"]
    assert survey["respondents"] == ["a", "b", "c"]
    assert survey["non_respondents"] == ["d"]
    assert survey["response_rate"] == 0.75
    assert survey["missing"] == "leave"
    assert G.out_degree("d") == 0
    assert G.graph["import_report"].empty
    # QAP will not silently treat the unknown answers of d as "no tie"
    with pytest.raises(ValueError, match="missing dyads"):
        sk.mrqap(G, "trust", ["same:team"], reps=5)
    table = sk.mrqap(G, "trust", ["same:x_background"], reps=5, nodes=survey["respondents"])
    assert table.attrs["n_nodes"] == 3


def test_symmetrise_copies_the_other_side():
    G = sk.read_survey(SURVEY, roster=ROSTER, missing="symmetrise")
    assert G.graph["survey"]["missing"] == "symmetrise"
    assert sorted(G.successors("d")) == ["a", "b"]
    assert G.edges["d", "a", "knows"]["trust"] == G.edges["a", "d", "knows"]["trust"]
    assert G.edges["d", "b", "knows"]["value_power"] == 2
    assert G.edges["d", "a", "knows"]["extra"] == {"x_imputed": "symmetrised"}
    report = G.graph["import_report"]
    assert list(report["action"]) == ["imputed tie", "imputed tie"]
    assert set(report["id"]) == {"d"}
    # answers of respondents are untouched
    assert G.edges["a", "b", "knows"].get("extra") in (None, {})


def test_reciprocity_draws_with_the_observed_rates():
    # among respondents: a-b reciprocated (both ways); a->c, c->a, b->c, c->b absent.
    # P(tie | reverse tie) = 2/2 = 1, P(tie | no reverse) = 0/4 = 0: the draw is certain.
    G = sk.read_survey(SURVEY, roster=ROSTER, missing="reciprocity", seed=1)
    assert sorted(G.successors("d")) == ["a", "b"]
    assert G.edges["d", "b", "knows"]["extra"] == {"x_imputed": "reciprocity"}
    assert "P(tie | reverse tie) = 1.00" in G.graph["import_report"]["reason"].iloc[0]
    again = sk.read_survey(SURVEY, roster=ROSTER, missing="reciprocity", seed=1)
    assert sorted(again.edges()) == sorted(G.edges())


def test_reciprocity_with_no_reciprocation_imputes_nothing():
    one_way = SURVEY[~((SURVEY.respondent == "b") & (SURVEY.partner == "a"))]
    G = sk.read_survey(one_way, roster=ROSTER, missing="reciprocity", seed=3)
    assert G.out_degree("d") == 0


def test_wide_layout_equals_long(tmp_path):
    long = SURVEY
    wide = {}
    for row in long.itertuples(index=False):
        record = wide.setdefault(row.respondent, {"respondent": row.respondent})
        for column in long.columns[2:]:
            record[f"{column}:{row.partner}"] = getattr(row, column)
    path = tmp_path / "wide.csv"
    pd.DataFrame(list(wide.values())).to_csv(path, index=False, sep=";")
    G = sk.read_survey(path, roster=ROSTER, missing="leave")
    H = sk.read_survey(long, roster=ROSTER, missing="leave")
    assert G.graph["survey"]["layout"] == "wide"
    assert sorted(G.edges(data="trust")) == sorted(H.edges(data="trust"))


def test_dutch_columns_and_excel(tmp_path):
    dutch = SURVEY.rename(
        columns={
            "respondent": "invuller",
            "partner": "over",
            "knows": "kent",
            "works_with": "werkt_samen",
            "trust_reliable": "betrouwbaar",
            "trust_mission": "steunt_missie",
            "trust_open": "open_voor_discussie",
            "value_power": "macht_invloed",
            "value_involvement": "betrokkenheid",
            "value_resources": "middelen",
        }
    ).replace({"yes": "ja", "no": "nee"})
    path = tmp_path / "enquete.xlsx"
    dutch.to_excel(path, index=False)
    G = sk.read_survey(path, roster=ROSTER)
    assert G.edges["a", "b", "knows"]["trust"] == 3


def test_without_roster_members_are_those_named():
    G = sk.read_survey(SURVEY, missing="leave")
    assert sorted(G) == ["a", "b", "c", "d"]
    assert G.graph["survey"]["response_rate"] == 0.75


def test_row_level_errors_name_file_row_column_and_fix(tmp_path):
    bad = answers(
        [
            ("a", "b", "yes", "yes", 5, 3, 2, 1, 2, 3),
            ("a", "x", "yes", "yes", 1, 1, 1, 1, 1, 1),
            ("b", "a", "no", "", 3, "", "", "", "", ""),
            ("b", "a", "yes", "", 3, "", "", "", "", ""),
            ("c", "d", "maybe", "", "", "", "", "", "", ""),
        ]
    )
    path = tmp_path / "answers.csv"
    bad.to_csv(path, index=False)
    with pytest.raises(sk.DataError) as info:
        sk.read_survey(path, roster=ROSTER)
    found = {(p.file, p.row, p.column) for p in info.value.errors}
    assert ("answers.csv", 2, "trust_reliable") in found
    assert ("answers.csv", 3, "partner") in found
    assert ("answers.csv", 4, "knows") in found
    assert ("answers.csv", 5, "partner") in found  # answered twice
    assert ("answers.csv", 6, "knows") in found
    text = str(info.value)
    assert "1-4" in text and "not on the roster" in text and "keep one row" in text


def test_unknown_column_and_strategy():
    with pytest.raises(sk.DataError, match="unknown column 'trust_reliabel'"):
        sk.read_survey(SURVEY.rename(columns={"trust_reliable": "trust_reliabel"}), roster=ROSTER)
    with pytest.raises(ValueError, match="not a strategy"):
        sk.read_survey(SURVEY, roster=ROSTER, missing="drop")
    with pytest.raises(FileNotFoundError):
        sk.read_survey("no/such/file.csv")


def test_sample_waves():
    folder = sample_path("dordrecht_survey")
    G1 = sk.datasets.load_survey(wave=1)
    assert G1.graph["survey"]["wave"].isoformat() == "2025-10-01"
    assert G1.graph["survey"]["non_respondents"] == ["m05", "m17"]
    assert G1.number_of_nodes() == len(pd.read_csv(folder / "roster.csv"))
    with pytest.raises(ValueError, match="wave"):
        sk.datasets.load_survey(wave=3)


def test_wave_date_dates_the_map_for_diff():
    """Issue 15: a wave date makes the survey a dated map that sk.diff accepts."""
    from sociale_kaart.change import as_of
    from sociale_kaart.datasets import SURVEY_WAVES, load_survey

    before, after = load_survey(1), load_survey(2)
    assert as_of(before) == pd.Timestamp(SURVEY_WAVES[1]).date()
    assert as_of(after) == pd.Timestamp(SURVEY_WAVES[2]).date()
    for G, wave in ((before, 1), (after, 2)):
        days = {d.get("since") for _, _, d in G.edges(data=True)}
        assert {str(day)[:10] for day in days} == {str(SURVEY_WAVES[wave])[:10]}
    with pytest.warns(UserWarning, match="no residents"):  # a survey map holds professionals
        changes = sk.diff(before, after)
    assert changes is not None
    undated = sk.read_survey(sample_path("dordrecht_survey") / "wave1.csv")
    assert as_of(undated) is None
    assert all(d.get("since") is None for _, _, d in undated.edges(data=True))

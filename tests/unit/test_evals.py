"""The eval suite: its LLM path runs end to end on the loopback server, the --check logic
catches regressions in the right direction, and the metrics count what they say."""

from __future__ import annotations

import json
import sys

import pytest
from paths import ROOT

sys.path.insert(0, str(ROOT))  # evals/ is a top-level folder, not part of the package

from evals import scoreboard  # noqa: E402
from evals.drafting_suite import measure_guide  # noqa: E402
from guideagent.schemas import (  # noqa: E402
    Code,
    Critique,
    Finding,
    Guide,
    Objective,
    Probe,
    Question,
    Section,
    SectionKind,
    Study,
)

DATASETS = ROOT / "evals" / "datasets"
SMALL_STUDY = DATASETS / "studies" / "budget-app-pocketwise"
SMALL_BRIEF = DATASETS / "briefs" / "pet-insurance-claims.json"


# -- drafting metrics on a guide made by hand --------------------------------------------------
def _guide() -> Guide:
    def q(qid: str, text: str, objectives: list[str], probes: int = 0) -> Question:
        return Question(
            id=qid,
            text=text,
            objective_ids=objectives,
            minutes=5,
            probes=[Probe(text="Can you give me a specific example?")] * probes,
        )

    return Guide(
        sections=[
            Section(
                id="s1",
                title="Warm-up",
                kind=SectionKind.warm_up,
                questions=[q("q1", "Tell me a bit about your role.", [])],
            ),
            Section(
                id="s2",
                title="Claims",
                questions=[
                    q("q2", "Tell me about the last time you filed a claim.", ["o1"], probes=2),
                    q("q3", "Tell me about the last time you filed a claim", ["o1"], probes=1),
                    q("q4", "Do you like the app?", ["o2"]),
                    q(
                        "q5",
                        "Tell me a bit about your role and how it has changed over the years.",
                        [],
                    ),
                ],
            ),
            Section(
                id="s3",
                title="Wrap-up",
                kind=SectionKind.wrap_up,
                questions=[q("q6", "What else should I have asked?", [])],
            ),
        ]
    )


def test_drafting_metrics_count_what_a_reader_would_count():
    study = Study(
        objectives=[
            Objective(id="o1", text="How claims go"),
            Objective(id="o2", text="What they think of the app"),
        ],
        session_minutes=60,
    )
    critique = Critique(findings=[Finding.make(Code.closed, "Yes/no.", question_id="q4")])
    m = measure_guide(_guide(), critique, study)
    assert (
        m["duplicate_questions"] == 1
    )  # q2/q3 differ by a full stop; q1 inside q5 is no duplicate
    assert m["main_questions"] == 4 and m["questions"] == 6
    assert m["open_share"] == pytest.approx(3 / 4)  # q4 is closed
    assert m["objectives_covered"] == pytest.approx(1 / 2)  # o1 has two questions, o2 only one
    assert m["warm_up"] == 1.0 and m["wrap_up"] == 1.0
    assert m["probes_per_question"] == pytest.approx(3 / 4)
    assert m["minutes_ratio"] == pytest.approx(30 / 60) and m["fits"] == 1.0
    assert m["error_findings"] == 1


# -- the --check logic -------------------------------------------------------------------------
BASE = {
    "sizes": {"briefs": 10},
    "metrics": {
        "critique.f1.closed": 0.80,
        "critique.false_positive_rate": 0.10,
        "synthesis.dropped_quotes": 0.0,
        "drafting.minutes_ratio": 0.95,
    },
}


def _with(**changes: float) -> dict:
    metrics = dict(BASE["metrics"])
    metrics.update({k.replace("__", "."): v for k, v in changes.items()})
    return {"sizes": BASE["sizes"], "metrics": metrics}


def test_check_passes_on_equal_and_small_changes():
    assert scoreboard.regressions(_with(), BASE, 0.02) == []
    assert scoreboard.regressions(_with(critique__f1__closed=0.79), BASE, 0.02) == []
    assert (
        scoreboard.regressions(_with(critique__false_positive_rate=0.05), BASE, 0.02) == []
    )  # lower is better


def test_check_fails_on_regressions_in_either_direction():
    [drop] = scoreboard.regressions(_with(critique__f1__closed=0.70), BASE, 0.02)
    assert drop.startswith("critique.f1.closed: 0.800 -> 0.700")
    [rise] = scoreboard.regressions(_with(critique__false_positive_rate=0.20), BASE, 0.02)
    assert rise.startswith("critique.false_positive_rate: 0.100 -> 0.200")
    assert scoreboard.regressions(_with(synthesis__dropped_quotes=1.0), BASE, 0.02)
    assert (
        scoreboard.regressions(_with(critique__f1__closed=0.70), BASE, 0.2) == []
    )  # within a loose tolerance


def test_check_ignores_descriptive_and_judge_rows_but_not_missing_metrics():
    assert scoreboard.regressions(_with(drafting__minutes_ratio=3.0), BASE, 0.02) == []
    judged = {**BASE, "metrics": {**BASE["metrics"], "judge.guide.overall": 5.0}}
    assert scoreboard.regressions(_with(), judged, 0.02) == []
    current = _with()
    del current["metrics"]["critique.f1.closed"]
    assert scoreboard.regressions(current, BASE, 0.02) == [
        "critique.f1.closed: 0.800 -> missing from this run"
    ]


def test_save_then_check_against_a_temporary_baseline(tmp_path, monkeypatch, capsys):
    board = {
        "engine": "offline",
        "model": "m",
        "note": "offline engine",
        "tokens": 0,
        "seconds": 1.0,
        "suites": {},
        **_with(),
    }
    monkeypatch.setattr(scoreboard, "run_suites", lambda *a, **k: json.loads(json.dumps(board)))
    baseline = tmp_path / "base.json"
    assert scoreboard.main(["--save", "--baseline", str(baseline)]) == 0
    assert json.loads(baseline.read_text())["metrics"] == board["metrics"]
    assert "| critique.f1.closed | higher | 0.800 |" in baseline.with_suffix(".md").read_text()
    assert scoreboard.main(["--check", "--baseline", str(baseline)]) == 0

    doctored = json.loads(baseline.read_text())
    doctored["metrics"]["critique.f1.closed"] = 0.95  # the baseline claims we used to be better
    baseline.write_text(json.dumps(doctored))
    monkeypatch.setenv(scoreboard.BASELINE_ENV, str(baseline))  # the env var picks it too
    assert scoreboard.main(["--check"]) == 1
    assert "critique.f1.closed: 0.950 -> 0.800" in capsys.readouterr().err


def test_check_without_a_baseline_says_how_to_make_one(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(
        scoreboard,
        "run_suites",
        lambda *a, **k: {
            "engine": "offline",
            "model": "m",
            "note": "n",
            "tokens": 0,
            "seconds": 0,
            "suites": {},
            **_with(),
        },
    )
    assert scoreboard.main(["--check", "--baseline", str(tmp_path / "none.json")]) == 2
    assert "--save" in capsys.readouterr().err


# -- the LLM path of every suite, end to end on the loopback server ------------------------------
def test_every_suite_runs_on_the_llm_path_against_the_loopback(tmp_path, capsys):
    questions = tmp_path / "questions.jsonl"
    lines = (DATASETS / "questions.jsonl").read_text(encoding="utf-8").splitlines()[:12]
    questions.write_text("\n".join(lines) + "\n")
    out = tmp_path / "board.json"
    argv = ["--engine", "llm", "--questions", str(questions), "--studies", str(SMALL_STUDY)]
    assert scoreboard.main([*argv, "--briefs", str(SMALL_BRIEF), "--json", str(out)]) == 0

    printed = capsys.readouterr().out
    assert "plumbing, not quality" in printed
    board = json.loads(out.read_text())
    assert board["engine"] == "llm" and "plumbing" in board["note"]
    assert board["sizes"] == {"critique questions": 12, "studies": 1, "transcripts": 5, "briefs": 1}
    assert (
        board["tokens"] > 0 and board["suites"]["synthesis"]["calls"] >= 6
    )  # 5 interviews + themes
    for key in (
        "critique.f1.closed",
        "critique.false_positive_rate",
        "synthesis.theme_recall",
        "drafting.open_share",
    ):
        assert key in board["metrics"], key
    # Quotes the loopback copies from the prompt's transcript lines survive grounding.
    assert board["metrics"]["synthesis.grounding_rate"] == 1.0
    assert board["metrics"]["synthesis.dropped_quotes"] == 0
    # The judge scores beside the metrics, on the 1-5 scale, for guides and syntheses.
    assert 1 <= board["metrics"]["judge.guide.open_ended_questions"] <= 5
    assert 1 <= board["metrics"]["judge.synthesis.honest_counts"] <= 5


# -- the judge -------------------------------------------------------------------------------
def test_judge_asks_for_reasons_before_scores_and_its_prompts_render():
    from evals.judge import GuideVerdict, Score, SynthesisVerdict, synthesis_variables
    from guideagent.prompts import render
    from guideagent.schemas.synthesis import Quote, Synthesis, Theme

    assert list(Score.model_fields) == ["reasoning", "score"]
    assert len(GuideVerdict.model_fields) == 5 and len(SynthesisVerdict.model_fields) == 4
    study = Study.model_validate_json(SMALL_BRIEF.read_text())
    guide_prompt = render("judge_guide", guide=_guide(), study=study).user
    assert "[q4] Do you like the app?" in guide_prompt and "(serves o2)" in guide_prompt
    quote = Quote(
        transcript_id="P1", utterance_id="u3", participant_id="P1", text="I gave up on the form"
    )
    theme = Theme(
        id="t1", label="The claim form is long", participant_ids=["P1", "P2"], quotes=[quote]
    )
    synthesis = Synthesis(participant_ids=["P1", "P2", "P3"], themes=[theme], dropped_quotes=2)
    user = render("judge_synthesis", **synthesis_variables(synthesis, study)).user
    assert "(2 of 3 participants" in user and '- P1: "I gave up on the form"' in user
    assert "could not be found in the transcripts: 2" in user


# -- the README's worked example, so the numbers in it stay true ----------------------------------
def test_readme_worked_example():
    from evals.scoring import GoldTheme, PredictedTheme, grounding_rate, score_themes, theme_score

    gold = [
        GoldTheme(
            "G1",
            [
                "I always open my actual bank app afterwards just to be sure",
                "the pending stuff shows up twice",
                "I treat the balance as more of a rough guess now",
            ],
            frozenset({"P1", "P3", "P4"}),
        ),
        GoldTheme(
            "G2",
            [
                "It thinks Costco is always groceries",
                "I spend a good twenty minutes on Sunday dragging stuff into the right buckets",
            ],
            frozenset({"P2", "P4"}),
        ),
    ]
    predicted = [
        PredictedTheme(
            "A",
            [
                "Honestly, I always open my actual bank app afterwards just to be sure.",
                "I treat the balance as more of a rough guess",
            ],
            frozenset({"P1", "P3"}),
        ),
        PredictedTheme(
            "B",
            ["I spend twenty minutes on Sunday dragging stuff into the right buckets"],
            frozenset({"P2", "P4", "P5"}),
        ),
        PredictedTheme("C", ["the pending stuff keeps showing up twice"], frozenset({"P5"})),
    ]
    assert [[theme_score(p.quotes, g.evidence) for g in gold] for p in predicted] == [
        [2, 0],
        [0, 1],
        [0, 0],
    ]
    scores = score_themes(predicted, gold)
    assert scores.matches == [("A", "G1", 2), ("B", "G2", 1)]
    assert (
        scores.theme_recall,
        round(scores.theme_precision, 3),
        round(scores.attribution_f1, 3),
    ) == (1.0, 0.667, 0.8)
    turns = {
        "P1": [
            "Honestly, I always open my actual bank app afterwards just to be sure. Every time."
        ],
        "P3": ["I treat the balance as more of a rough guess, really."],
        "P2": ["I spend twenty minutes on Sunday dragging stuff into the right buckets."],
        "P5": ["The pending stuff shows up twice."],
    }
    quotes = [
        ("P1", predicted[0].quotes[0]),
        ("P3", predicted[0].quotes[1]),
        ("P2", predicted[1].quotes[0]),
        ("P5", predicted[2].quotes[0]),
    ]
    assert grounding_rate(quotes, turns) == 0.75


# -- the bench's generated transcripts -----------------------------------------------------------
def test_bench_transcripts_are_deterministic_renamed_recombinations():
    from evals.bench import make_transcript, study_pools

    pools = study_pools()
    first, again = make_transcript(4, pools), make_transcript(4, pools)
    assert first.model_dump() == again.model_dump()
    assert first.id == "G005" and first.source.count("+") == 1
    assert [u.id for u in first.utterances] == [
        f"u{i}" for i in range(1, len(first.utterances) + 1)
    ]
    assert set(first.participant_speakers()) <= {"Alex", "Sam", "Jordan", "Robin", "Kim", "Noa"}
    assert make_transcript(5, pools).model_dump()["utterances"] != first.model_dump()["utterances"]

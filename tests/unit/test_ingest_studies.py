"""Real transcript sets load with the right speakers and roles: the eval studies in this
repo, and the public interview transcripts under /work/shared/realdata when present."""

from __future__ import annotations

from pathlib import Path

import pytest
from paths import REALDATA, ROOT

from guideagent.ingest.transcripts import load_folder
from guideagent.schemas.transcript import Role

STUDY_FOLDERS = sorted((ROOT / "evals" / "datasets" / "studies").glob("*/transcripts"))


def roles_by_speaker(transcript) -> dict[str, Role]:
    return {u.speaker: u.role for u in transcript.utterances}


@pytest.mark.skipif(not STUDY_FOLDERS, reason="no eval studies written yet")
@pytest.mark.parametrize("folder", STUDY_FOLDERS, ids=lambda f: f.parent.name)
def test_every_eval_study_transcript_loads_with_both_roles(folder):
    result = load_folder(folder)
    assert [str(p) for p in result.problems] == []
    assert result.transcripts
    for transcript in result.transcripts:
        roles = set(roles_by_speaker(transcript).values())
        assert roles == {Role.interviewer, Role.participant}, transcript.id


@pytest.mark.skipif(not REALDATA.is_dir(), reason="shared real transcripts not available")
def test_real_transcript_sets_import_with_the_right_roles():
    mlss = load_folder(REALDATA / "mlss-quality-interviews" / "transcripts")
    assert len(mlss.transcripts) == 36 and not mlss.problems
    for t in mlss.transcripts:
        for speaker, role in roles_by_speaker(t).items():
            expected = Role.interviewer if "interviewer" in speaker.lower() else Role.participant
            assert role == expected, (t.id, speaker)

    pdpilot = load_folder(REALDATA / "pdpilot-user-study" / "results" / "transcripts")
    assert [t.id for t in pdpilot.transcripts] == [f"P{n}" for n in range(1, 8)]
    for t in pdpilot.transcripts:
        assert roles_by_speaker(t) == {"Dan": Role.interviewer, "Participant": Role.participant}

    fossrit = sorted((REALDATA / "fossrit-mismatches-pypi").glob("*-full.md"))
    result = load_folder_subset(fossrit)
    assert len(result) == 16
    for t in result:
        roles = roles_by_speaker(t)
        assert roles.pop("MEL") == Role.interviewer, t.id
        interviewee = t.id.split("-")[0].upper()
        assert roles.pop(interviewee) == Role.participant, t.id
        # the co-researchers who look in (MIRABAI, Amanda) are observers, never participants
        assert all(role == Role.observer for role in roles.values()), (t.id, roles)
        assert t.participant_ids() == [t.id]


def load_folder_subset(paths: list[Path]):
    from guideagent.ingest.transcripts import load_transcript

    return [load_transcript(p) for p in paths]


@pytest.mark.skipif(not REALDATA.is_dir(), reason="shared real transcripts not available")
def test_real_notes_and_numbered_turns_are_accounted_for():
    """Issue 16's acceptance data: the VA notes (bold/italic, plain, labelled with '???'),
    PDPilot's numbered turns, and FOSSRIT's sessions named after their participant."""
    from guideagent.ingest.guide import load_guide

    va = REALDATA / "va-facility-locator-discovery-2019"
    guide = load_guide(va / "conversation-guide.md")
    result = load_folder(va, guide=guide)
    notes = [t for t in result.transcripts if t.id.startswith("participant-")]
    assert [t.id for t in notes] == [f"participant-{n}-notes" for n in (1, 2, 4, 5, 6, 7)]
    for t in notes:
        roles = roles_by_speaker(t)
        assert roles.get("Participant") == Role.participant, t.id
        assert Role.interviewer in roles.values(), t.id
        participant_turns = [u for u in t.utterances if u.role == Role.participant]
        assert len(participant_turns) >= 10, t.id
        assert not any("thank you so much again" in u.text for u in participant_turns), t.id
    p6 = next(t for t in notes if t.id == "participant-6-notes")
    assert roles_by_speaker(p6)["???"] == Role.unknown

    pdpilot = load_folder(REALDATA / "pdpilot-user-study" / "results" / "transcripts")
    assert not pdpilot.skipped
    for t in pdpilot.transcripts:
        assert t.utterances[0].id == "u2", t.id  # line 1 is the title "Interview"
        source = Path(t.source).read_text(encoding="utf-8")
        for u in t.utterances[:5]:
            assert f"\n{u.id[1:]}" in source and u.speaker in source, (t.id, u.id)

    fossrit = load_folder_subset(sorted((REALDATA / "fossrit-mismatches-pypi").glob("*-full.md")))
    for t in fossrit:
        name = t.id.split("-")[0].upper()
        assert roles_by_speaker(t)[name] == Role.participant
        assert not any(f"'{name}'" in w for w in t.warnings), t.id  # the file name says who

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
        assert all(role == Role.interviewer for role in roles.values()), (t.id, roles)
        assert t.participant_ids() == [t.id]


def load_folder_subset(paths: list[Path]):
    from guideagent.ingest.transcripts import load_transcript

    return [load_transcript(p) for p in paths]

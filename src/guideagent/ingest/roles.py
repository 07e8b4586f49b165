"""Who is the interviewer: role words in the speaker label first, then behaviour.

Explicit words win ("Interviewer", "Moderator", "Q", "Dan (interviewer)", "interviewee");
failing those, the interviewer is the speaker who asks the most questions in the
fewest words. A `roles` mapping from the caller overrides both. Every guess that could
be wrong is reported, because a wrong role silently turns the interviewer's words into
"participant quotes".
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from statistics import mean

from guideagent.ingest.speakers import speaker_key
from guideagent.ingest.turns import Turn
from guideagent.schemas.transcript import Role

_INTERVIEWER_WORDS = {"interviewer", "moderator", "facilitator", "researcher", "host"}
_PARTICIPANT_WORDS = {"interviewee", "participant", "respondent", "customer"}
_WHOLE_LABEL = {
    "q": Role.interviewer,
    "question": Role.interviewer,
    "a": Role.participant,
    "answer": Role.participant,
}
_PARTICIPANT_CODE = re.compile(r"p\d+")
_CLOSE_CALL = 0.1
_SIDE_MAX_TURNS = 5
_SIDE_MAX_SHARE = 0.03


def explicit_role(label: str) -> Role | None:
    """The role a label names outright, or None when it is just a name."""
    key = speaker_key(label)
    if key in _WHOLE_LABEL:
        return _WHOLE_LABEL[key]
    if _PARTICIPANT_CODE.fullmatch(key):
        return Role.participant
    words = set(re.findall(r"[a-z]+", label.casefold()))
    if words & _INTERVIEWER_WORDS:
        return Role.interviewer
    if words & _PARTICIPANT_WORDS:
        return Role.participant
    return None


def assign_roles(turns: list[Turn], overrides: Mapping[str, Role] | None = None) -> list[str]:
    """Set `role` on every turn; return warnings about guesses the user should check."""
    speakers = list(dict.fromkeys(t.speaker for t in turns))
    known: dict[str, Role] = {}
    for turn in turns:
        if turn.role is not None:
            known.setdefault(turn.speaker, turn.role)
    warnings = _apply_overrides(speakers, known, overrides or {})
    unknown = [s for s in speakers if s not in known]
    if unknown:
        warnings += _guess(turns, speakers, known, unknown)
        warnings += _side_speakers(turns, known, unknown)
    elif Role.interviewer not in known.values():
        warnings.append("no interviewer found: every speaker is labelled a participant")
    for turn in turns:
        turn.role = known[turn.speaker]
    return warnings


def _apply_overrides(
    speakers: list[str], known: dict[str, Role], overrides: Mapping[str, Role]
) -> list[str]:
    by_key = {speaker_key(s): s for s in speakers}
    warnings = []
    for name, role in overrides.items():
        speaker = by_key.get(speaker_key(name))
        if speaker is None:
            warnings.append(
                f"roles: no speaker called '{name}' in this transcript "
                f"(speakers: {', '.join(speakers)})"
            )
        else:
            known[speaker] = Role(role)
    return warnings


def _guess(
    turns: list[Turn], speakers: list[str], known: dict[str, Role], unknown: list[str]
) -> list[str]:
    """Everyone unlabelled is a participant, except the likeliest interviewer when none is known."""
    for speaker in unknown:
        known[speaker] = Role.participant
    if Role.interviewer in known.values():
        return []
    if len(speakers) == 1:
        return [f"only one speaker ('{speakers[0]}'): read as a participant, no interviewer turns"]
    stats = {s: _question_share_and_length(turns, s) for s in unknown}
    longest = max(length for _, length in stats.values()) or 1.0

    def score(speaker: str) -> float:
        share, length = stats[speaker]
        return share - 0.25 * length / longest

    ranked = sorted(unknown, key=score, reverse=True)
    interviewer = ranked[0]
    known[interviewer] = Role.interviewer
    if stats[interviewer][0] == 0:
        return [
            f"no speaker asks questions: guessed '{interviewer}' as the interviewer "
            "(shortest turns); pass roles to correct this"
        ]
    if len(ranked) > 1 and score(interviewer) - score(ranked[1]) < _CLOSE_CALL:
        return [
            f"'{interviewer}' and '{ranked[1]}' ask questions about as often: guessed "
            f"'{interviewer}' as the interviewer; pass roles to correct this"
        ]
    return []


def _side_speakers(turns: list[Turn], known: dict[str, Role], unknown: list[str]) -> list[str]:
    """An unlabelled speaker with a few short lines beside a real participant (a captioner,
    a note-taker, a colleague looking in) goes on the interviewer side, so the session is not
    counted as a paired interview with a participant who said three words."""
    words = {s: sum(len(t.text.split()) for t in turns if t.speaker == s) for s in known}
    n_turns = {s: sum(1 for t in turns if t.speaker == s) for s in known}
    total = sum(words.values()) or 1
    biggest = max((words[s] for s, role in known.items() if role == Role.participant), default=0)
    warnings = []
    for speaker in unknown:
        if known[speaker] != Role.participant or words[speaker] == biggest:
            continue
        share = words[speaker] / total
        if n_turns[speaker] <= _SIDE_MAX_TURNS and share < _SIDE_MAX_SHARE:
            known[speaker] = Role.interviewer
            warnings.append(
                f"'{speaker}' says little ({n_turns[speaker]} turns, {share:.0%} of the words): "
                "counted with the interviewer, not as a participant; pass roles to change this"
            )
    return warnings


def _question_share_and_length(turns: list[Turn], speaker: str) -> tuple[float, float]:
    """Share of the speaker's turns that end on a question, and their mean length in words."""
    own = [t.text for t in turns if t.speaker == speaker]
    share = sum(1 for text in own if text.rstrip().endswith("?")) / len(own)
    return share, mean(len(text.split()) for text in own)

"""Who is who: role words in the speaker label first, then the file's name, then behaviour.

Explicit words win ("Interviewer", "Moderator", "Q", "Dan (interviewer)", "interviewee",
"Observer", "Note-taker"); an unknown label ("???", "Unknown") stays a speaker of its own
with the role `unknown`, never merged into anyone. A label that is the file's participant
("TERRI" in terri-1-full.md, "P3" in participant-3.md) is that participant. Failing those,
the interviewer is the speaker who asks the most questions in the fewest words; generic
labels ("Speaker 2") beside named speakers are kept apart as unknown. A `roles` mapping
from the caller (study.toml's [roles]) overrides all of it. Every guess that could
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
_OBSERVER_WORDS = {"observer", "notetaker", "note-taker", "scribe", "notes", "stakeholder"}
_UNKNOWN = re.compile(
    r"\?+|(?:unknown|unidentified|unnamed)(?:\s+(?:speaker|voice|person))?(?:\s*\d+)?"
    r"|speaker\s*\?+|inaudible|crosstalk",
    re.IGNORECASE,
)
_GENERIC = re.compile(r"speaker\s*\d+|spk_?\d+|guest(?:\s*\d+)?", re.IGNORECASE)
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


def is_unknown_speaker(label: str) -> bool:
    """A label that says nobody knows who spoke ("???", "Unknown", "Unknown speaker 2")."""
    return bool(_UNKNOWN.fullmatch(label.strip().strip("*_").strip()))


def is_generic_speaker(label: str) -> bool:
    """A diarisation label with no name in it ("Speaker 2")."""
    return bool(_GENERIC.fullmatch(label.strip()))


def explicit_role(label: str) -> Role | None:
    """The role a label names outright, or None when it is just a name."""
    if is_unknown_speaker(label):
        return Role.unknown
    key = speaker_key(label)
    if key in _WHOLE_LABEL:
        return _WHOLE_LABEL[key]
    if _PARTICIPANT_CODE.fullmatch(key):
        return Role.participant
    words = set(re.findall(r"[a-z]+(?:-[a-z]+)?", label.casefold()))
    if words & _OBSERVER_WORDS or "note taker" in label.casefold():
        return Role.observer
    if words & _INTERVIEWER_WORDS:
        return Role.interviewer
    if words & _PARTICIPANT_WORDS:
        return Role.participant
    return None


def assign_roles(
    turns: list[Turn], overrides: Mapping[str, Role] | None = None, *, file_id: str = ""
) -> list[str]:
    """Set `role` on every turn; return warnings about guesses the user should check.

    `file_id` (the file's stem) names the participant when a speaker's label is in it.
    """
    speakers = list(dict.fromkeys(t.speaker for t in turns))
    known: dict[str, Role] = {}
    for turn in turns:
        if turn.role is not None:
            known.setdefault(turn.speaker, turn.role)
    named = _named_in_file(speakers, known, file_id)
    for speaker in named:
        known[speaker] = Role.participant
    warnings = _apply_overrides(speakers, known, overrides or {})
    warnings += _generic_beside_names(speakers, known)
    unknown_roles = [s for s in speakers if known.get(s) == Role.unknown]
    if unknown_roles:
        n = sum(1 for t in turns if t.speaker in unknown_roles)
        warnings.append(
            f"unknown speaker {', '.join(repr(s) for s in unknown_roles)} ({n} turn(s)): kept "
            "apart and not used as evidence; set [roles] in study.toml if you know who it was"
        )
    unknown = [s for s in speakers if s not in known]
    if unknown:
        warnings += _guess(turns, speakers, known, unknown)
        warnings += _side_speakers(turns, known, unknown)
    elif Role.interviewer not in known.values() and Role.participant in known.values():
        warnings.append("no interviewer found: every speaker is labelled a participant")
    for turn in turns:
        turn.role = known[turn.speaker]
    return warnings


def _file_tokens(file_id: str) -> set[str]:
    tokens = set(re.findall(r"[a-z]+|\d+", file_id.casefold()))
    numbers = re.findall(r"(?:p|participant|interviewee|respondent|user)[-_ ]?(\d+)", file_id, re.I)
    return tokens | {f"p{n}" for n in numbers}


def _named_in_file(speakers: list[str], known: dict[str, Role], file_id: str) -> list[str]:
    """Speakers whose label is the file's participant: "TERRI" in terri-2.md, "P3" in P3.txt.

    Only when exactly one speaker matches and nothing already says who they are."""
    if not file_id:
        return []
    tokens = _file_tokens(file_id)
    named = [
        s
        for s in speakers
        if s not in known
        and (speaker_key(s) in tokens or s.split()[0].casefold() in tokens)
        and len(speaker_key(s)) >= 2
    ]
    return named if len(named) == 1 else []


def _generic_beside_names(speakers: list[str], known: dict[str, Role]) -> list[str]:
    """ "Speaker 2" beside a named participant: nobody knows who that is, so it is kept apart.

    Beside a named interviewer only (Otter names the account holder, not the guest) it is
    most likely the participant, and behaviour decides, with a warning."""
    generic = [s for s in speakers if s not in known and is_generic_speaker(s)]
    if not generic:
        return []
    named = [s for s in speakers if not is_generic_speaker(s) and s not in known]
    has_participant = any(
        role == Role.participant and not is_generic_speaker(s) for s, role in known.items()
    )
    if has_participant or len(named) >= 2:
        for speaker in generic:
            known[speaker] = Role.unknown
        return []
    return [
        f"{', '.join(repr(s) for s in generic)} has no name: the role was guessed from who "
        "asks the questions; set [roles] in study.toml to correct it"
    ]


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
            "(shortest turns); set [roles] in study.toml to correct this"
        ]
    if len(ranked) > 1 and score(interviewer) - score(ranked[1]) < _CLOSE_CALL:
        return [
            f"'{interviewer}' and '{ranked[1]}' ask questions about as often: guessed "
            f"'{interviewer}' as the interviewer; set [roles] in study.toml to correct this"
        ]
    return []


def _side_speakers(turns: list[Turn], known: dict[str, Role], unknown: list[str]) -> list[str]:
    """An unlabelled speaker with a few short lines beside a real participant (a captioner,
    a note-taker, a colleague looking in) is an observer, so the session is not counted as
    a paired interview with a participant who said three words."""
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
            known[speaker] = Role.observer
            warnings.append(
                f"'{speaker}' says little ({n_turns[speaker]} turns, {share:.0%} of the words): "
                "read as an observer, not a participant; set [roles] in study.toml to change this"
            )
    return warnings


def _question_share_and_length(turns: list[Turn], speaker: str) -> tuple[float, float]:
    """Share of the speaker's turns that end on a question, and their mean length in words."""
    own = [t.text for t in turns if t.speaker == speaker]
    share = sum(1 for text in own if text.rstrip().endswith("?")) / len(own)
    return share, mean(len(text.split()) for text in own)

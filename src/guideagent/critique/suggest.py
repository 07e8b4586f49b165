"""What makes a suggested rewrite fit to offer: grammar checks, polishing and fallbacks.

The rules critic (rules.py) tries rewrite candidates in order and offers the first one
that is well formed here *and* that the critic itself finds nothing wrong with. This
module holds the parts that need no critic:

- `polish`: one sentence shape for every candidate (capitals, end marks, tenses that
  agree inside a past story, names and acronyms in their case);
- `well_formed`: cheap grammar checks that catch the ways a template can break ("the
  last time you used how…", "…and would you share them.", a dangling "it");
- `neutral_wording`: the question with the words that lead taken out ("our amazing new
  feature", "the hassle of…", "surely");
- `templates`: neutral requests built from the question's own topic ("Tell me about the
  last time you <verb phrase>.", "Walk me through how you <verb phrase>."), the fallback
  when the checks' own rewrites do not pass.

Longer than 400 lines because polishing, the grammar checks and the templates are one
pipeline that every offered rewrite passes through; split, one grammar would be spread
over several files.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from guideagent.critique import rewrite as rw
from guideagent.critique.lexicon import (
    AUX,
    COMPARATIVE,
    EMOTIVE,
    INTRANSITIVE,
    LOADED,
    QUALITIES,
    STRONG_FEELING_VERBS,
    WH,
    words,
)
from guideagent.critique.text import Parsed
from guideagent.language.inflection import (
    base_of_gerund,
    base_of_third,
    gerund,
    is_irregular,
    is_irregular_participle,
    past,
    third_person,
)
from guideagent.language.sentences import split_sentences
from guideagent.language.tokens import terms
from guideagent.language.verbs import VERBS

# -- polish ----------------------------------------------------------------------------------

_IMPERATIVE = re.compile(
    r"^(?:tell|walk|talk|describe|show|take|run|give|share|explain|paint|think|go)\b"
)
_STORY = re.compile(
    r"^(?:tell me about (?:the last time|a time|the time|when|what happened)|tell me what happened"
    r"|walk me through what happened)\b",
    re.I,
)
_CLAUSE_VERB = re.compile(
    r"\b(when|before|after|while|once|whenever|until|since|because|as soon as)\s+(you|they|we|he|she|it)\s+([a-z]+)\b"
)
# Verbs common in questions about someone or something else ("Did the refund arrive…?").
_MORE_VERBS = words(
    """
    arrive happen break fail crash change turn hand unlock lock load connect reply refund
    charge bill notify alert remind accept reject deliver collect respond answer pick
    text email message update open close fix help
    """
)
_KNOWN_BASE = VERBS | INTRANSITIVE | _MORE_VERBS


def _past_clause(m: re.Match[str]) -> str:
    """Inside a past story, "before you write code" -> "before you wrote code"."""
    joint, subject, verb = m.groups()
    if verb in ("are", "am", "'re"):
        return f"{joint} {subject} were"
    if verb == "is":
        return f"{joint} {subject} was"
    if verb in ("have", "has"):
        return f"{joint} {subject} had"
    if verb in ("do", "does"):
        return f"{joint} {subject} did"
    base = base_of_third(verb) if subject in ("he", "she", "it") else verb
    if _is_verb(base) and base not in AUX:
        return f"{joint} {subject} {past(base)}"
    return m.group(0)


@lru_cache(maxsize=4096)
def polish(text: str, original: str) -> str:
    """Capitals, single spaces, "." after a request and "?" after a question, tenses that
    agree within a story, and names and acronyms in the case the question gave them."""
    text = re.sub(r"\s+", " ", text.replace("\x00", " ")).strip(" ,;")
    out = []
    for part in split_sentences(text):
        body = re.sub(r"\s+([.?!,;:])", r"\1", part).strip(" ,;").rstrip("?.! ")
        if not body:
            continue
        low = body.lower()
        if _STORY.match(low):
            body = _CLAUSE_VERB.sub(_past_clause, body)
        first = low.split(" ", 1)[0]
        asks = part.rstrip().endswith("?") or first in AUX or first in WH
        end = "." if _IMPERATIVE.match(low) else ("?" if asks else ".")
        out.append(body[:1].upper() + body[1:] + end)
    return rw.restore_case(" ".join(out), original)


# -- grammar checks --------------------------------------------------------------------------

_DANGLING = words(
    """
    and or but the a an of your our my their his her its than if whether because very
    for to into about with
    """
)
_DETERMINERS = words("the a an our your my his her their this that these those some any every")
_TEMPLATE = re.compile(
    r"^(?:(?:tell\s+me\s+(?:about\s+)?|walk\s+me\s+through\s+)?(?:what\s+happened\s+)?(?:the\s+last\s+time|a\s+time\s+when|when)"
    r"|tell\s+me\s+(?:about\s+)?what\s+happened|walk\s+me\s+through(?:\s+how)?)\s*"
)
_FUNCTION = words(
    """
    and or but the a an of to for with from by in on at into than versus vs is are was
    were has have had do does did will would can could should
    """
)
_BROKEN = re.compile(
    # a verb slot taken by a clause or a second "you": "the last time you used how the app…"
    r"\b(?:time|when)\s+you\s+(?:used|dealt\s+with|went\s+through|took\s+part\s+in)\s+(?:how|what|why|when|where|whether|you)\b"
    # a question tacked onto a request: "Tell me about … and would you share them."
    r"|^(?:tell|walk|talk|describe|show)\b[^.?!]*\b(?:and|or|,)\s+(?:do|does|did|is|are|was|were|would|will|can|could|have|has|should)\s+(?:you|they|it|we)\b"
    # a modal or auxiliary where the story needs a past verb: "the last time you would…"
    r"|\b(?:last\s+time|a\s+time\s+when)\s+you\s+(?:would|will|could|can|should|might|must|do|does|is|are|am|'d|'ll)\b"
    # "used" before a bare gerund
    r"|\bused\s+(?!(?:something|anything|nothing|everything|during)\b)[a-z]+ing\b(?!\s+(?:app|tool|feature|service|site))"
    # "something like one", "the new one": nothing for "one" to stand for
    r"|\blike\s+(?:one|it|that|them|this)$|\b(?:the|a)\s+(?:(?:new|old|other|same|first|last)\s+)?one$"
    # "the the", a determiner with no noun ("the and the step"), a leftover marker
    r"|\b(?!that\b)(\w+)\s+\1\b|\x00|\s[,.?!]|,,"
    rf"|\b(?:the|a|an|our|your|their|my)\s+(?:{'|'.join(sorted(_FUNCTION))})\b"
)
_OPEN_STARTS = frozenset(
    [
        "tell",
        "walk",
        "talk",
        "describe",
        "show",
        "take",
        "run",
        "give",
        "share",
        "explain",
        "what",
        "what's",
        "how",
        "why",
        "when",
        "where",
        "who",
        "which",
        "in",
        "can",
        "could",
        "would",
        "paint",
        "think",
    ]
)


_PRONOUN = re.compile(
    r"\b(?:they|them|their)\b|\b(?:those|these|it|one|that|this|there)(?:\s+(?:in|out|up|on|off|back|again))?$"
)


_ANY_PRONOUN = re.compile(r"\b(?:they|them|their|those|these|it|one)\b")


def dangling(sentence: str, anywhere: bool = False) -> bool:
    """A pronoun with nothing before it to refer to: "How have they changed things for
    you?" once the premise naming "they" is cut; "…the last time you got on with it".
    `anywhere` looks for an object pronoun in any position, not only at the end."""
    body = _TEMPLATE.sub("", sentence.lower().rstrip("?.! "))
    m = (_ANY_PRONOUN if anywhere else _PRONOUN).search(body)
    if not m:
        return False
    before = re.findall(r"[a-z0-9'-]+", body[: m.start()])
    return not any(
        w in _DETERMINERS
        or (w.endswith("s") and len(w) > 3 and w not in AUX and w not in ("this", "does"))
        for w in before
    )


def well_formed(text: str, original: str = "") -> bool:
    """Cheap checks that a candidate reads as English a PM can use as it stands. A pronoun
    with nothing to refer to is allowed only when the original question leaned on the same
    context ("Do you like it?" -> "…the last time you used it")."""
    if not text or not text[:1].isupper() or text[-1:] not in ".?":
        return False
    for i, s in enumerate(split_sentences(text)):
        if not s[:1].isupper() or s[-1:] not in ".?":
            return False
        body = s.rstrip(".?").strip()
        low = body.lower()
        said = terms(low)
        if len(said) < (4 if i == 0 else 2) or said[-1] in _DANGLING:
            return False
        if i == 0 and said[0] not in _OPEN_STARTS and said[0] not in AUX:
            # "As a busy parent, how do you cope…?": the question starts after the comma
            after = re.findall(r"[a-z0-9'-]+", low.split(",", 1)[1]) if "," in low else []
            if not after or (after[0] not in _OPEN_STARTS and after[0] not in AUX):
                return False
        if _BROKEN.search(low):
            return False
        if i == 0 and dangling(low) and not dangling(original, anywhere=True):
            return False
        if s.endswith("?") and _IMPERATIVE.match(low) and said[0] not in ("what", "how"):
            return False
    return True


# -- de-leading ------------------------------------------------------------------------------

_INTENSIFIER = r"(?:so|such|really|very|truly|absolutely|incredibly|super|pretty|quite)"
_LOADED_WORD = re.compile(
    rf"(?:\b{_INTENSIFIER}\s+)?\b(?:{'|'.join(sorted((re.escape(w) for w in LOADED), key=len, reverse=True))})\b"
    rf"(?:,?\s+(?:and\s+)?(?:{'|'.join(sorted(EMOTIVE | LOADED, key=len, reverse=True))})\b)?\s*"
    # only before the noun it describes: "our amazing new feature", not "is it so confusing?"
    rf"(?=[a-z0-9])(?!(?:{'|'.join(sorted(_FUNCTION))})\b)",
)
_GIVEN_OF = re.compile(
    r"\b(?:the|all\s+the)\s+(?:(?:constant|endless|daily|whole|usual)\s+)?"
    r"(?:hassle|stress|pain|headache|nightmare|chore|faff|drudgery|misery|ordeal)\s+of\s+"
)
_STRUGGLES = re.compile(
    r"\byour\s+(?:(?:constant|endless|daily|many)\s+)?(?:struggles?|frustrations?|headaches?|problems)\s+(?:with|of|around)\s+"
)
_PRESUME = re.compile(
    r"\b(?:surely|obviously|clearly|of course|naturally|presumably|undoubtedly|finally|notoriously)\b,?\s*"
)


def neutral_wording(text: str) -> str | None:
    """The question without its loaded words: "our amazing new radio feature" -> "our new
    radio feature", "the hassle of returning parcels" -> "returning parcels", "your
    struggles with the website" -> "your experience with the website". None when nothing
    changed."""
    out = _LOADED_WORD.sub("", text)
    out = _GIVEN_OF.sub("", out)
    out = _STRUGGLES.sub("your experience with ", out)
    out = _PRESUME.sub("", out)
    out = re.sub(r"\s+", " ", out).strip()
    return out if out and out != text else None


# -- topic templates -------------------------------------------------------------------------

_ADV = r"(?:(?:usually|normally|typically|generally|currently|still|ever|really|actually|also|often|always|sometimes|regularly|personally|rather|last|first)\s+)*"
_SUBJ = r"(?:(?:the|your|our|their|his|her|my|a|an|this|that|most|some|any)\s+(?:[\w'&-]+\s+){0,2}?[\w'&-]+|they|people|anyone|someone|everyone|it)"
_PREFIX = re.compile(
    r"^(?:on\s+a\s+scale\s+(?:of|from)\s+\w+\s+to\s+\w+,?\s*|in\s+an?\s+(?:ideal|perfect|dream)\s+world,?\s*"
    r"|if\s+[^,]+,\s*|honestly,?\s*|realistically,?\s*|be\s+honest,?\s*)"
)
_NOT_SUBJECT_END = words(
    """
    and or of in on at to for with from by about as than able new used old good bad
    """
)
_PARTICIPLE_END = re.compile(r"^[a-z'-]+(?:ed|en)$")


def _participle(word: str) -> bool:
    return bool(_PARTICIPLE_END.match(word)) or is_irregular_participle(word)


def _agree(verb: str, subject: str) -> str:
    """The present verb that agrees with the subject: "the app" checks, "your kids" check."""
    head = subject.split()[-1]
    plural = subject in ("they", "people") or (
        head.endswith("s") and not head.endswith(("ss", "'s"))
    )
    return verb if plural else third_person(verb)


def _is_verb(word: str) -> bool:
    return word in _KNOWN_BASE or is_irregular(word)


def _subject_verb(text: str) -> tuple[str, str, str] | None:
    """ "your students hand in homework online" -> ("your students", "hand", "in homework online")."""
    m = re.match(rf"^({_SUBJ})\s+(?:{_ADV})([a-z'-]+)\b(.*)$", text)
    if not m:
        return None
    subject, verb, rest = m.group(1), m.group(2), m.group(3)
    if subject.split()[-1] in _NOT_SUBJECT_END or verb in AUX or not _is_verb(verb):
        # try the shortest subject whose next word is a known verb
        words_ = text.split()
        for n in range(1, 4):
            if n + 1 >= len(words_):
                break
            subj, v = " ".join(words_[: n + 1]), words_[n + 1]
            if words_[0] in (
                "the",
                "your",
                "our",
                "their",
                "his",
                "her",
                "my",
                "a",
                "an",
            ) and _is_verb(v):
                return subj, v, " " + " ".join(words_[n + 2 :])
        return None
    return subject, verb, rest


def _head(p: Parsed) -> Iterator[str]:
    for s in p.questions:
        h = s.head.rstrip("?.! ")
        previous = None
        while previous != h:
            previous = h
            h = _PREFIX.sub("", h)
        yield h


def _from_head(h: str) -> Iterator[str | None]:
    # "Why do you prefer our app over the competition?" -> how they choose between the two
    m = re.search(r"\bprefer\s+(.+?)\s+(?:over|to|rather\s+than|instead\s+of)\s+(.+)$", h)
    if m and len(m.group(1).split()) <= 4 and len(m.group(2).split()) <= 4:
        yield rw.sentence(f"Walk me through how you decide between {m.group(1)} and {m.group(2)}")
    # "Do you think you'll renew…?" -> the last time they renewed
    m = re.match(
        r"^(?:do|did)\s+you\s+(?:think|reckon|expect|suppose|believe|imagine)\s+(?:that\s+)?you(?:'ll|\s+will|'d|\s+would)\s+([a-z'-]+)\b(.*)$",
        h,
    )
    if m:
        yield rw.last_time(m.group(1), m.group(2))
    # "What was the best part of working with our account team?" -> that experience
    m = re.match(
        r"^what(?:'s|\s+(?:was|is|were|are))\s+(?:the|your)\s+(?:very\s+)?(?:best|worst|greatest|nicest|most\s+[a-z'-]+)\s+"
        r"(?:part|thing|bit|feature|moment|aspect)s?\s+(?:of|about)\s+(.+)$",
        h,
    )
    if m:
        yield rw.experience_of(m.group(1))
    # "How would your grocery shopping work?" -> how it works now
    m = re.match(rf"^how\s+(?:would|will)\s+({_SUBJ})\s+([a-z'-]+)$", h)
    if m and m.group(1) not in ("it", "they") and _is_verb(m.group(2)) and m.group(2) != "change":
        yield rw.sentence(f"Walk me through how {m.group(1)} {_agree(m.group(2), m.group(1))} now")
    # How / why / when / where + do/would/… + you + verb
    m = re.match(
        rf"^(how|why|when|where|what)\s+(do|does|did|would|will|could|can|might|should)\s+you\s+{_ADV}([a-z'-]+)\b(.*)$",
        h,
    )
    if m:
        wh, aux, verb, rest = m.groups()
        verb = {"'d": "would"}.get(verb, verb)
        if wh == "what":
            if verb in INTRANSITIVE and not rw.clean_rest(rest):
                yield rw.last_time(verb, "")
        else:
            yield rw.last_time(verb, rest)
            stative = verb in ("feel", "think", "know", "want", "need", "like", "see", "say")
            if wh == "how" and verb not in AUX and _is_verb(verb) and not stative:
                done = past(verb) if aux == "did" else verb
                yield rw.sentence(f"Walk me through how you {done} {rw.clean_rest(rest)}")
    # "How would you feel about paying for delivery?" -> the last time they did
    m = re.match(r"^how\s+(?:would|do|did|will)\s+you\s+feel\s+about\s+(.+)$", h)
    if m:
        yield rw.experience_of(m.group(1))
    # "How annoying is it when the bus drives past?" -> what it is like when it happens
    m = re.match(r"^how\s+(?:much\s+)?[a-z'-]+\s+(?:is|was)\s+it\s+when\s+(.+)$", h)
    if m:
        yield rw.sentence(f"What's it like for you when {m.group(1)}", "?")
    # How/why + be + you + adjective + with/about X: "How satisfied are you with the price"
    m = re.match(
        r"^how\s+(?:much\s+)?[a-z'-]+\s+(?:are|were)\s+you\s+(?:with|about|by|at)\s+(.+)$", h
    )
    if m:
        yield rw.feeling_about(m.group(1))
    # yes/no about "you"
    if h.split(" ", 1)[0] in AUX:
        m = re.match(
            r"^(?:are|were|am)\s+you\s+(?:thinking|planning|going|hoping|intending|likely|looking|considering|keen)\s+(?:to|of|about|on)?\s*([a-z'-]+)\b(.*)$",
            h,
        )
        if m:
            verb = base_of_gerund(m.group(1)) or m.group(1)
            if _is_verb(verb):
                rest = rw.clean_rest(m.group(2))
                yield rw.sentence(
                    f"Tell me about the last time you looked into {gerund(verb)} {rest}"
                )
        yield rw.from_you_clause(h)
        m = re.match(r"^(do|does|did|can|could|will|would|are|is|were|was)\s+(.+)$", h)
        if m and not m.group(2).startswith("you "):
            yield from _third_person(m.group(1), m.group(2))
    # quantities, sizes and durations
    m = re.match(
        rf"^how\s+(?:many|much)\s+([\w'-]+(?:\s+[\w'-]+)?)\s+(do|does|did)\s+({_SUBJ}|you)\s+{_ADV}([a-z'-]+)\b(.*)$",
        h,
    )
    if m:
        noun, aux, subject, verb, rest = m.groups()
        countable = not any(
            w in COMPARATIVE or w in EMOTIVE or (w.endswith("er") and len(w) > 4)
            for w in noun.split()
        )
        if countable and noun not in ("times", "time", "longer") and _is_verb(verb):
            agreed = verb if subject == "you" or aux == "do" else _agree(verb, subject)
            if aux == "did":
                agreed = past(verb)
            yield rw.sentence(f"Tell me about the {noun} {subject} {agreed} {rw.clean_rest(rest)}")
    m = re.match(
        r"^how\s+(?:many|much)\s+[\w'-]+(?:\s+[\w'-]+)?\s+(?:are|is|were|was)\s+(?:there\s+)?(?:in|on|at)\s+(.+)$",
        h,
    ) or re.match(r"^how\s+(?:old|long|big|far|tall|large|small)\s+(?:is|are|was|were)\s+(.+)$", h)
    if m:
        yield rw.sentence(f"Tell me about {rw.clean_rest(m.group(1))}")
    m = re.match(
        r"^how\s+(?!much\b|many\b)[a-z'-]+\s+(?:is|was|are|were)\s+((?:the|your|our|their)\s+.+)$",
        h,
    )
    if m:  # "How clear was the letter from the council?" -> the letter
        yield rw.sentence(f"Tell me about {rw.clean_rest(m.group(1))}")
    m = re.match(r"^how\s+long\s+(?:have|has)\s+you\s+(?:had|owned|kept)\s+(.+)$", h)
    if m:
        yield rw.sentence(f"Tell me about {rw.clean_rest(m.group(1))}")
    m = re.match(
        r"^how\s+(?:often|frequently|regularly)\s+(?:do|did|would|will)\s+you\s+([a-z'-]+)\b(.*)$",
        h,
    )
    if m:
        yield rw.last_time(m.group(1), m.group(2))
    m = re.match(r"^how\s+likely\s+(?:are|were)\s+you\s+to\s+([a-z'-]+)\b(.*)$", h)
    if m:
        yield rw.last_time(m.group(1), m.group(2))
    # a pick from a list: how the choice is made
    m = re.match(r"^which\s+([\w'-]+(?:\s+[\w'-]+)?)\s+(do|did)\s+you\s+([a-z'-]+)\b(.*)$", h)
    if m and _is_verb(m.group(3)):
        noun, aux, verb, rest = m.groups()
        choose = "chose" if aux == "did" else "choose"
        yield rw.sentence(
            f"Walk me through how you {choose} which {noun} to {verb} {rw.clean_rest(rest)}"
        )
    m = re.match(
        r"^which\s+([\w'-]+(?:\s+[\w'-]+)?)\s+(?:are|were)\s+you\s+(on|in|with|using|at)$", h
    )
    if m:
        yield rw.sentence(f"Walk me through how you chose the {m.group(1)} you're {m.group(2)}")
    # fragments: "Still using the paper timetable?", "Ever been stung?", "Any luck getting…?"
    m = re.match(r"^(?:ever|still|already|never)\s+([a-z'-]+)\b(.*)$", h)
    if m:
        verb = m.group(1)
        yield (
            rw.last_time(verb, m.group(2), participle=True)
            if _participle(verb) and not verb.endswith("ing")
            else rw.last_time(verb, m.group(2))
        )
    m = re.match(r"^any\s+luck\s+(?:with\s+)?([a-z'-]+ing)\b(.*)$", h)
    if m:
        base = base_of_gerund(m.group(1))
        if base:
            yield rw.sentence(
                f"Tell me what happened the last time you tried to {base} {rw.clean_rest(m.group(2))}"
            )
    # "a perfect Saturday at the garden centre", "your ideal kitchen": the real recent one
    m = re.search(
        r"\b(?:a|an|your)\s+(?:perfect|ideal)\s+([\w' -]+?)\s+(?:look\s+like|be\s+like|involve|include)\b",
        h,
    )
    if m:
        yield rw.sentence(f"Tell me about your most recent {m.group(1)}")
    # a feeling verb: "do you love how the app…" -> the experience itself
    m = re.match(rf"^(?:\w+\s+)?you\s+{_ADV}(?:{STRONG_FEELING_VERBS}|like|liked)\s+(.+)$", h)
    if m:
        yield rw.feeling_about(m.group(1))


def _third_person(aux: str, clause: str) -> Iterator[str | None]:
    """Yes/no questions about someone or something else: "Do your students hand in
    homework online?" -> "Walk me through how your students hand in homework online."."""
    if aux in ("is", "are", "was", "were"):
        m = re.match(rf"^({_SUBJ})\s+(?:able\s+to|allowed\s+to)\s+([a-z'-]+)\b(.*)$", clause)
        if m:
            yield rw.try_to(m.group(2), m.group(3), m.group(1))
            return
        m = re.match(r"^([a-z'-]+)\s+([a-z'-]+(?:ed|en))\b(.*)$", clause)
        if m and m.group(1) not in _FUNCTION and m.group(1) not in ("it", "there", "this", "that"):
            be = "is" if aux in ("is", "was") else "are"  # "Is attendance taken on paper…?"
            yield rw.sentence(
                f"Walk me through how {m.group(1)} {be} {m.group(2)} {rw.clean_rest(m.group(3))}"
            )
        words_ = clause.split()
        for n in range(1, 4):
            if n >= len(words_):
                break
            subject, nxt = " ".join(words_[: n + 1]), words_[n + 1] if n + 1 < len(words_) else ""
            if words_[0] not in ("the", "your", "our", "their", "his", "her", "my"):
                break
            if nxt and _participle(nxt) and nxt not in ("used",):
                be = "is" if aux in ("is", "was") else "are"
                yield rw.sentence(
                    f"Walk me through how {subject} {be} {nxt} {rw.clean_rest(' '.join(words_[n + 2 :]))}"
                )
                break
            if nxt in _NOT_SUBJECT_END or nxt in EMOTIVE or nxt in QUALITIES or not nxt:
                yield rw.sentence(f"Tell me about your experience with {subject}")
                break
        return
    found = _subject_verb(clause)
    if not found:
        # "your kids unlock the door": a plural noun, then an unlisted verb
        m = re.match(r"^((?:the|your|our|their|my)\s+[a-z'-]+s)\s+([a-z'-]+)\b(.*)$", clause)
        if not m or m.group(2).endswith("s") or m.group(2) in _FUNCTION or m.group(2) in AUX:
            return
        found = m.group(1), m.group(2), m.group(3)
    subject, verb, rest = found
    rest = rw.clean_rest(rest)
    if verb in ("have", "own", "got", "get", "be", "know", "think", "feel", "like", "want", "need"):
        return  # possession and states are not stories
    if aux in ("will", "would"):
        yield rw.sentence(f"Tell me about the last time {subject} {past(verb)} {rest}")
    elif aux in ("do", "does"):
        yield rw.sentence(f"Walk me through how {subject} {_agree(verb, subject)} {rest}")
    elif aux == "did":
        yield rw.sentence(f"Tell me what happened when {subject} {past(verb)} {rest}")
    elif aux in ("can", "could"):
        yield rw.try_to(verb, rest, subject)


def _scene(p: Parsed) -> Iterator[str | None]:
    """Hypothetical scenes: "Picture a pharmacy that delivers within an hour" -> the last
    time they needed something like it."""
    for s in p.sentences:
        m = re.match(
            r"^(?:imagine|picture|suppose|say|let's\s+say|what\s+if|if)\s+(?:there\s+(?:was|were|is)\s+)?((?:a|an)\s+[^,.?;]+)",
            s.text,
        )
        if m:
            yield rw.sentence(
                f"Tell me about the last time you needed something like {rw.clean_rest(m.group(1))}. What did you do?",
                "",
            )
        m = re.match(
            r"^(?:imagine|suppose|say|let's\s+say|picture)\s+you\s+(?:could|had|were\s+able\s+to)\s+([a-z'-]+)\b([^,.?;]*)",
            s.text,
        )
        if m and m.group(1) not in AUX and m.group(1) not in ("a", "an", "the", "some"):
            yield rw.last_time(m.group(1), m.group(2))


def templates(p: Parsed) -> Iterator[str | None]:
    """Neutral requests built from the question's own topic, most specific first."""
    heads = list(_head(p))
    for h in heads:
        yield from _from_head(h)
    yield from _scene(p)
    # One question of several: "What made you switch? Was it the price?" -> the first alone
    if len(p.sentences) > 1:
        for s in p.questions:
            yield s.text
    # Last resort for a judgement question: the experience of the thing it judges.
    for h in heads:
        m = re.search(r"\b(?:about|of|with)\s+((?:the|our|your|their)\s+[^,?]+)$", h)
        if (
            m
            and len(m.group(1).split()) <= 7
            and not any(_is_verb(w) or w == "you" for w in m.group(1).split()[1:])
        ):
            yield rw.experience_of(m.group(1))

"""What an objective is about, in words a question can use.

"Understand how nurses hand off patients between shifts" is about *handing off patients
between shifts*, so the offline drafter asks "Tell me about the last time you were handing
off patients between shifts." This module turns an objective's sentence into a Topic:

- `activity`: a gerund phrase, when the objective names something the participants do;
- `subject`: a noun phrase to ask about (the activity, when there is one);
- `idea`: for "validate whether X would use Y", the concept Y, which the guide shows only
  after the participant has talked about their own experience.

Plain rules over a small verb lexicon, not NLP. When they find no action they fall back
to the objective's own words minus the intent verb, which still reads after "about".

Longer than 400 lines because the objective parser's rules and their fallbacks read best
in one place; the drafting rework (issue 10, item 1) replaces them with parsed phrases.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from guideagent.drafting.lexicon import (
    ADJECTIVE_END,
    IDEA_ADJECTIVES,
    PEOPLE,
    PROCESS_VERBS,
    STATIVE,
)
from guideagent.language.inflection import base, gerund, third_person
from guideagent.language.verbs import VERBS
from guideagent.schemas import ObjectiveKind

LEAD = re.compile(
    r"^(?:(?:we|i)\s+(?:want|need|would like)\s+to\s+|to\s+)?(?:better\s+|fully\s+|really\s+)?"
    r"(?:understand|learn|find out|discover|explore|uncover|identify|validate|test|assess|"
    r"evaluate|see|know|figure out|determine|gauge|check|confirm|investigate|research|study|"
    r"map(?: out)?|capture|improve|measure|clarify|get to know|dig into|look into|hear|"
    r"document|prioriti[sz]e|compare|establish|surface|probe|examine|observe|define|"
    r"describe|review|decide|find|record|collect|gather|track)\b\s*"
    r"(?:(?:more|everything|all|anything)\s+)?(?:about\s+)?(?:(?:the\s+)?(?:idea|concept)\s+of\s+)?"
)
FRAMES = re.compile(
    r"^(?:the\s+|their\s+|our\s+)?(?:main\s+|key\s+|biggest\s+|current\s+|real\s+|underlying\s+)?"
    r"(?:pain points?|challenges?|needs?|problems?|frustrations?|motivations?|barriers?|habits?|"
    r"workflows?|experiences?|journeys?|reasons?|ways?|process(?:es)?|behaviou?rs?|"
    r"expectations?|goals?|concerns?|obstacles?|difficulties|struggles?|demand|appetite|"
    r"interest|willingness|trust|attitudes?|feelings?|perceptions?|opinions?|views?|satisfaction|"
    r"(?:every|each|the)\s+steps?|all|parts?)\s+(?:in|of|with|around|when|for|behind|to|towards|"
    r"about|that people have)\s+"
)
# Where an objective stops being about its topic: a purpose ("so that…"), an aside, or a
# second question glued on ("…, and where handoffs break").
CUT = re.compile(
    r"(?:\s*[;:]|\s+[-–—]\s|,\s+(?:so|because|including|such as|e\.g\.|for example|especially|"
    r"particularly|both|online|and|which|to|then|as well|when|where|how|why|what)\b|\s+so that\b|\s+in order to\b|\s+to (?:inform|decide|guide|help|"
    r"prioriti[sz]e|shape|see if|see whether|find out|learn)\b|\s+based on\b|\s+before we\b|"
    r"\s+so we\b|\s+and (?:how|what|why|where|when|which|whether|who)\b|\s+to (?:feed|support|improve|"
    r"drive|inform)\b|\s+in general\b).*$"
)
WH = re.compile(
    r"^(how|why|when|where|whether|if|what|which|who)\s+"
    r"(?:often\s+|much\s+|well\s+|long\s+|exactly\s+)?(.*)$"
)
MODALS = {
    "can",
    "could",
    "should",
    "would",
    "will",
    "might",
    "may",
    "must",
    "do",
    "does",
    "did",
    "don't",
    "doesn't",
    "didn't",
    "won't",
    "wouldn't",
    "can't",
    "cannot",
    "not",
}
NOT_PEOPLE = {
    "filters",
    "letters",
    "papers",
    "orders",
    "numbers",
    "centers",
    "centres",
    "errors",
    "payments",
    "documents",
    "statements",
    "comments",
    "elements",
    "requirements",
    "settings",
    "markers",
    "trackers",
    "timers",
    "reminders",
    "counters",
    "headers",
    "folders",
    "containers",
    "servers",
}
DETERMINERS = {
    "a",
    "an",
    "the",
    "their",
    "your",
    "our",
    "this",
    "that",
    "its",
    "his",
    "her",
    "my",
    "each",
    "every",
}
ADVERB = re.compile(
    r"^(?:\w{4,}ly|today|now|still|ever|already|actually|currently|usually|typically)$"
)
NOT_ADVERBS = {
    "family",
    "daily",
    "weekly",
    "monthly",
    "yearly",
    "hourly",
    "early",
    "only",
    "reply",
    "supply",
    "apply",
}
PRONOUNS = {
    "their": "your",
    "they": "you",
    "them": "you",
    "themselves": "yourself",
    "his": "your",
    "her": "your",
    "theirs": "yours",
}
IDEA_VERBS = re.compile(
    r"\b(?:pay for|use|try|switch to|adopt|buy|sign up for|subscribe to|want|need|value|trust|"
    r"benefit from|be interested in|rely on|install)\s+(.+)$"
)


@dataclass(frozen=True)
class Topic:
    subject: str
    activity: str | None = None
    idea: str | None = None

    @property
    def title(self) -> str:
        """A section title: the subject with a capital letter."""
        return self.subject[:1].upper() + self.subject[1:]

    def simpler(self) -> Topic | None:
        """The topic cut before its first "and"/"or", so a question asks one thing."""
        cut = re.split(r",\s+|\s+(?:and|or|and/or)\s+|/", self.subject, maxsplit=1)[0]
        if cut == self.subject or len(cut.split()) < 1:
            return None
        return replace(self, subject=cut, activity=cut if self.activity else None)


def kind_of(text: str) -> ObjectiveKind:
    """Guess an objective's kind from its wording, for briefs that leave it as "other"."""
    lowered = " ".join(text.lower().split())
    if re.match(r"^(?:validate|test|see if|check whether|gauge)\b", lowered) or re.search(
        r"\bwhether\b.*\bwould\b", lowered
    ):
        return ObjectiveKind.validate_idea
    if re.match(r"^(?:improve|evaluate)\b", lowered) or re.search(
        r"\b(?:get stuck|fail|break down|abandon)\b", lowered
    ):
        return ObjectiveKind.improve_feature
    return ObjectiveKind.discover_needs


def topic_of(text: str, audience: str = "", *, idea: bool = False) -> Topic:
    """Read an objective's sentence; `idea` marks a validate_idea objective."""
    people = _people(audience)
    phrase = _core(text)
    wh = WH.match(phrase)
    if wh and (wh.group(1) in {"whether", "if"} or (idea and wh.group(1) in {"how", "why"})):
        found = _idea(wh.group(2), people)
        if found:
            return found
    if wh and wh.group(1) == "who":
        words = wh.group(2).split()
        verb = next((i for i, w in enumerate(words) if _base(w.lower())), None)
        if verb is not None and verb + 1 < len(words):
            rest = _compound(words[verb + 1 :])
            while rest and rest[0].lower() in {"on", "for", "with", "about", "in"}:
                rest = rest[1:]
            return Topic(subject=_noun_topic(" ".join(rest), people).subject)
    if wh:
        found = _clause(wh.group(2), people, head=wh.group(1) in {"what", "which"})
        if found:
            return found
        phrase = wh.group(2)
    if idea:
        return _idea_from_phrase(phrase, people)
    return _noun_topic(phrase, people)


def _core(text: str) -> str:
    """The objective without its intent verb, asides, framing words and purpose clause."""
    text = " ".join(text.split()).rstrip(".?! ")
    text = re.sub(r"\s*\([^)]*\)|,\s+(?:instead of|rather than|not)\b[^,]*,", "", text)
    words = text.split()
    if words and not (len(words[0]) > 1 and words[0].isupper()):
        text = text[:1].lower() + text[1:]
    text = CUT.sub("", LEAD.sub("", text, count=1)).strip()
    return FRAMES.sub("", text).strip() or text


def _clause(clause: str, people: set[str], *, head: bool) -> Topic | None:
    """Topic of a clause like "nurses hand off patients" or "information gets lost"."""
    words = clause.split()
    if not words:
        return None
    if head and _base(words[0].lower()):
        return _lead_verb(words, people)
    if _is_gerund(words[0]):
        return _activity_topic(_subject_part(words), people)
    i = _verb_index(words, people)
    if i is None:
        return None
    subject = words[:i]
    while len(subject) > 1 and _is_filler(subject[-1]):
        subject = subject[:-1]
    verb = _base(words[i].lower()) or words[i].lower()
    return _from_parts(subject, verb, _skip_modals(words[i + 1 :]), people, head=head)


def _lead_verb(words: list[str], people: set[str]) -> Topic | None:
    """ "what stops freelancers from sending invoices": sending invoices; "what makes X hard": X."""
    rest = words[1:]
    lowered = [w.lower() for w in rest]
    if "from" in lowered:
        after = rest[lowered.index("from") + 1 :]
        if after and _is_gerund(after[0]):
            return _activity_topic(after, people)
    while rest and ADJECTIVE_END.match(rest[-1].lower()):
        rest = rest[:-1]
    if not rest:
        return None
    return _clause(" ".join(rest), people, head=False) or _noun_topic(" ".join(rest), people)


def _verb_index(words: list[str], people: set[str]) -> int | None:
    """Where the verb is: the first lexicon verb not right after a determiner ("an invoice
    gets paid"), else an unknown word right after the participants ("patrons borrow")."""
    for i in range(1, min(len(words), 8)):
        word = words[i].lower()
        if not _is_filler(word) and _base(word) and words[i - 1].lower() not in DETERMINERS:
            return i
    for i in range(1, min(len(words), 8)):
        word = words[i].lower()
        if _is_person(words[i - 1], people) and _is_plain(word) and not _is_person(word, people):
            return i
    return None


def _from_parts(
    subject: list[str], verb: str, rest: list[str], people: set[str], *, head: bool
) -> Topic:
    rest = _compound(rest)
    before_preposition = re.split(r"\s+(?:with|at|in|of|who|from|on)\s+", " ".join(subject))[
        0
    ].split()
    person = _is_person(subject[-1], people) or any(
        _is_person(w, people) for w in before_preposition
    )
    if person and head and len(subject) > 1 and not _is_person(subject[0], people):
        # "which tools nurses rely on during handoff": the tools you rely on during handoff.
        return _noun_topic(" ".join(["the", *_head_noun(subject), "you", verb, *rest]), people)
    if person:
        if verb in STATIVE:
            return _stative(rest, people)
        return _activity_topic([gerund(verb), *rest], people)
    if subject and _is_gerund(subject[0]):
        return _activity_topic(subject, people)
    if verb == "be":
        return _noun_topic(" ".join(subject), people)
    if verb in PROCESS_VERBS:
        return _noun_topic(
            " ".join(subject + rest) if verb in {"work", "happen", "go"} else " ".join(subject),
            people,
        )
    return _noun_topic(" ".join([*subject, gerund(verb), *rest]), people)


def _compound(rest: list[str]) -> list[str]:
    """ "for and run shift handoff" -> "for shift handoff": keep one verb of a pair."""
    for i, word in enumerate(rest[:4]):
        if word in {"and", "or"} and i + 1 < len(rest) and _base(rest[i + 1].lower()):
            if i + 2 == len(rest):  # "pause or cancel": nothing shared, keep both
                return [*rest[:i], word, gerund(_base(rest[i + 1].lower()) or rest[i + 1])]
            return rest[:i] + rest[i + 2 :]
    return rest


def _stative(rest: list[str], people: set[str]) -> Topic:
    """ "feel about the new pricing" -> the new pricing; "require before an invoice gets paid"."""
    text = re.sub(r"^to\s+(?:happen|be|get|see|find)\s+", "", " ".join(rest))
    found = re.match(r"^between\s+(.+)$", text)
    if found:
        return Topic(subject=f"the time between {_pronouns(found.group(1))}")
    found = re.match(r"^(?:about|of|towards?|on|from|in|with)\s+(.+)$", text)
    if found:
        return _noun_topic(found.group(1), people)
    found = re.match(r"^(?:before|when|after|while|during|if)\s+(.+)$", text)
    if found:
        return _clause(found.group(1), people, head=False) or _noun_topic(found.group(1), people)
    return _noun_topic(text, people)


def _idea(clause: str, people: set[str]) -> Topic | None:
    found = IDEA_VERBS.search(clause)
    if found:
        return _idea_from_phrase(found.group(1), people)
    words = clause.split()
    i = _verb_index(words, people)
    problem = re.search(
        r"\b(?:is|are)\s+(?:a|an)\s+(?:real\s+|big\s+)?(?:problem|issue|pain|challenge|need)\b",
        clause,
    )
    if i is not None and problem:
        return _noun_topic(" ".join(w for w in words[:i] if not _is_filler(w)), people)
    if i is not None and not _is_person(words[i - 1], people) and not _is_gerund(words[0]):
        return _idea_from_phrase(" ".join(w for w in words[:i] if not _is_filler(w)), people)
    return _clause(clause, people, head=False)


def _idea_from_phrase(phrase: str, people: set[str]) -> Topic:
    """ "in-app parking payments": idea as said, subject without the product adjectives."""
    idea = _strip_people(_pronouns(phrase), people) or phrase
    relative = re.search(r"\s(?:that|which)\s+(\w+)\s+(.+)$", idea)
    if relative and (_base(relative.group(1).lower()) or relative.group(1).endswith("s")):
        return Topic(subject=relative.group(2), idea=idea)
    words = idea.split()
    start = 1 if words and words[0].lower() in {"a", "an", "the", "our"} else 0
    end = start
    while end < len(words) - 1 and words[end].lower() in IDEA_ADJECTIVES:
        end += 1
    subject = " ".join(words[end:] if end > start else words)
    return Topic(subject=subject, idea=idea)


def _activity_topic(words: list[str], people: set[str]) -> Topic:
    text = _strip_time(_strip_people(_pronouns(" ".join(words)), people))
    return Topic(subject=text, activity=text)


def _noun_topic(phrase: str, people: set[str]) -> Topic:
    phrase = re.sub(r"\s+(?:where|like this|like these)\b.*$", "", FRAMES.sub("", phrase))
    text = _strip_time(_strip_people(_pronouns(phrase), people) or _pronouns(phrase))
    words = text.split()
    if words and _is_gerund(words[0]):
        return Topic(subject=text, activity=text)
    return Topic(subject=text or "this")


def _subject_part(words: list[str]) -> list[str]:
    """The gerund phrase that opens a clause, up to its verb: "waiting for popular titles"."""
    for i in range(2, len(words)):
        if _base(words[i].lower()) and words[i - 1].lower() not in DETERMINERS:
            part = words[:i]
            while part and part[-1].lower() in {"and", "or"}:
                part = part[:-1]
            return part
    return words


def _head_noun(subject: list[str]) -> list[str]:
    """ "tools nurses" -> ["tools"]: the words before the participants."""
    for i, word in enumerate(subject):
        if word.lower().rstrip("'s") in PEOPLE or word.lower() in PEOPLE:
            return subject[:i] or subject
    return subject[:-1]


def _strip_people(text: str, people: set[str]) -> str:
    """Drop a trailing "among freelancers" / "for nurses who move between units"."""
    found = re.search(r"\s+(?:for|among)\s+(?:the\s+)?(\S+)\s+who\s+(.+)$", text)
    if found and _is_person(found.group(1), people):
        return f"{text[: found.start()]} when you {_pronouns(found.group(2))}".strip()
    found = re.search(
        r"\s+(?:among|for|by|from|across|with)\s+(?:the\s+|our\s+|new\s+|existing\s+)?(\S+(?:\s+\S+)?)$",
        text,
    )
    if found and any(_is_person(w, people) for w in found.group(1).split()):
        return text[: found.start()].strip()
    return text.strip()


def _strip_time(text: str) -> str:
    return re.sub(
        r"\s+(?:today|now|currently|these days|at the moment|day to day|afterwards|in everyday use)$",
        "",
        text,
    )


def _people(audience: str) -> set[str]:
    """Our people words plus the plural nouns that open the audience ("Independent vendors
    who sell at markets" adds "vendors", not "markets")."""
    head = re.split(
        r"\b(?:who|with|that|at|in|of|aged|using|trying|whose)\b|[,(;:]", audience.lower()
    )[0]
    return {*PEOPLE} | {w for w in re.findall(r"[a-z]+", head) if len(w) > 3 and w.endswith("s")}


def _is_person(word: str, people: set[str]) -> bool:
    w = word.lower().strip(",.")
    w = w[:-2] if w.endswith("'s") else w.rstrip("'")
    singular = {w, w[:-3] + "y" if w.endswith("ies") else w, w[:-1] if w.endswith("s") else w}
    agent = w.endswith(("ers", "ors", "ists", "ants", "ents", "ians")) and w not in NOT_PEOPLE
    return bool(singular & people) or agent or w in {"they", "we", "you", "i", "he", "she"}


def _is_filler(word: str) -> bool:
    w = word.lower()
    return w in MODALS or (bool(ADVERB.match(w)) and w not in NOT_ADVERBS and w not in VERBS)


def _is_plain(word: str) -> bool:
    return word.isalpha() and word not in {
        "the",
        "a",
        "an",
        "and",
        "or",
        "of",
        "in",
        "on",
        "to",
        "for",
        "with",
    }


def _is_gerund(word: str) -> bool:
    w = word.lower()
    return (
        w.endswith("ing")
        and len(w) > 5
        and w
        not in {"something", "anything", "everything", "nothing", "morning", "evening", "during"}
    )


def _skip_modals(words: list[str]) -> list[str]:
    while words and _is_filler(words[0]):
        words = words[1:]
    return words


def _base(word: str) -> str | None:
    """The base form of a present-tense verb we know ("hands" -> "hand", "goes" -> "go"), or None."""
    lemma = base(word)
    if word in (lemma, third_person(lemma)) or word in ("are", "made"):
        return lemma if lemma in VERBS else None
    return None


def _pronouns(text: str) -> str:
    return " ".join(PRONOUNS.get(w.lower(), w) for w in text.split())

"""Just enough English verb morphology to turn "Do you use X?" into "…the last time you used X".

Rewrites are suggestions a PM edits, so a rare irregular verb coming out regular is a
small cost; the common ones are listed.
"""

from __future__ import annotations

from guideagent.critique.lexicon import VERBS

# base: (past, past participle)
IRREGULAR: dict[str, tuple[str, str]] = {
    "be": ("was", "been"),
    "become": ("became", "become"),
    "begin": ("began", "begun"),
    "bring": ("brought", "brought"),
    "build": ("built", "built"),
    "buy": ("bought", "bought"),
    "catch": ("caught", "caught"),
    "choose": ("chose", "chosen"),
    "come": ("came", "come"),
    "cost": ("cost", "cost"),
    "deal": ("dealt", "dealt"),
    "bet": ("bet", "bet"),
    "cut": ("cut", "cut"),
    "do": ("did", "done"),
    "draw": ("drew", "drawn"),
    "drink": ("drank", "drunk"),
    "drive": ("drove", "driven"),
    "eat": ("ate", "eaten"),
    "fall": ("fell", "fallen"),
    "feel": ("felt", "felt"),
    "find": ("found", "found"),
    "fly": ("flew", "flown"),
    "forget": ("forgot", "forgotten"),
    "get": ("got", "got"),
    "give": ("gave", "given"),
    "go": ("went", "gone"),
    "grow": ("grew", "grown"),
    "have": ("had", "had"),
    "hear": ("heard", "heard"),
    "hide": ("hid", "hidden"),
    "hold": ("held", "held"),
    "keep": ("kept", "kept"),
    "know": ("knew", "known"),
    "lead": ("led", "led"),
    "learn": ("learned", "learned"),
    "leave": ("left", "left"),
    "lend": ("lent", "lent"),
    "let": ("let", "let"),
    "lose": ("lost", "lost"),
    "make": ("made", "made"),
    "mean": ("meant", "meant"),
    "meet": ("met", "met"),
    "pay": ("paid", "paid"),
    "put": ("put", "put"),
    "read": ("read", "read"),
    "ride": ("rode", "ridden"),
    "ring": ("rang", "rung"),
    "run": ("ran", "run"),
    "say": ("said", "said"),
    "see": ("saw", "seen"),
    "sell": ("sold", "sold"),
    "send": ("sent", "sent"),
    "set": ("set", "set"),
    "shut": ("shut", "shut"),
    "sing": ("sang", "sung"),
    "sit": ("sat", "sat"),
    "sleep": ("slept", "slept"),
    "speak": ("spoke", "spoken"),
    "spend": ("spent", "spent"),
    "stand": ("stood", "stood"),
    "steal": ("stole", "stolen"),
    "swim": ("swam", "swum"),
    "take": ("took", "taken"),
    "teach": ("taught", "taught"),
    "tell": ("told", "told"),
    "think": ("thought", "thought"),
    "throw": ("threw", "thrown"),
    "understand": ("understood", "understood"),
    "wake": ("woke", "woken"),
    "wear": ("wore", "worn"),
    "win": ("won", "won"),
    "write": ("wrote", "written"),
    "upload": ("uploaded", "uploaded"),
    "show": ("showed", "shown"),
    "hang": ("hung", "hung"),
    "dig": ("dug", "dug"),
    "fight": ("fought", "fought"),
    "seek": ("sought", "sought"),
    "shoot": ("shot", "shot"),
    "split": ("split", "split"),
    "quit": ("quit", "quit"),
    "hit": ("hit", "hit"),
    "hurt": ("hurt", "hurt"),
    "travel": ("travelled", "travelled"),
    "cancel": ("cancelled", "cancelled"),
    "label": ("labelled", "labelled"),
    "enrol": ("enrolled", "enrolled"),
}
_PARTICIPLE_TO_BASE = {pp: base for base, (_, pp) in IRREGULAR.items()}
_PAST_TO_BASE = {past: base for base, (past, _) in IRREGULAR.items()}
_VOWELS = set("aeiou")
_KNOWN = (
    VERBS
    | set(IRREGULAR)
    | {"travel", "cancel", "visit", "budget", "commute", "shop", "bank", "text"}
)


def past(verb: str) -> str:
    """Simple past of a base verb: use -> used, stop -> stopped, try -> tried, buy -> bought."""
    v = verb.lower()
    if v in IRREGULAR:
        return IRREGULAR[v][0]
    if v.endswith("e"):
        return v + "d"
    if v.endswith("y") and len(v) > 1 and v[-2] not in _VOWELS:
        return v[:-1] + "ied"
    if (
        len(v) in (3, 4)
        and v[0] not in _VOWELS  # open -> opened, edit -> edited
        and v[-1] not in _VOWELS | set("wxy")
        and v[-2] in _VOWELS
        and v[-3] not in _VOWELS
    ):
        return v + v[-1] + "ed"  # stop -> stopped, plan -> planned
    return v + "ed"


def base_of_gerund(word: str) -> str | None:
    """applying -> apply, comparing -> compare, running -> run; None if not a gerund."""
    w = word.lower()
    if not w.endswith("ing") or len(w) < 5:
        return None
    stem = w[:-3]
    candidates = [stem, stem + "e"]
    if len(stem) > 2 and stem[-1] == stem[-2]:
        candidates.insert(0, stem[:-1])
    if stem.endswith("y"):
        candidates.append(stem[:-1] + "ie")  # lying -> lie
    for c in candidates:
        if c in _KNOWN:
            return c
    if stem[-1] in "vzcgsu" and not stem.endswith(("ng", "ss")):
        return stem + "e"
    return stem


def base_of(word: str) -> str:
    """The base form of a past tense or participle when we know it, else the word."""
    w = word.lower()
    if w in _PARTICIPLE_TO_BASE:
        return _PARTICIPLE_TO_BASE[w]
    if w in _PAST_TO_BASE:
        return _PAST_TO_BASE[w]
    return w


def participle_to_past(word: str) -> str:
    """Present perfect to simple past, for "Have you ever been…" -> "the last time you went…"."""
    w = word.lower()
    if w == "been":
        return "were"
    if w in _PARTICIPLE_TO_BASE:
        return IRREGULAR[_PARTICIPLE_TO_BASE[w]][0]
    return w


def third_person(verb: str) -> str:
    v = verb.lower()
    if v in ("be",):
        return "is"
    if v == "have":
        return "has"
    if v.endswith(("s", "sh", "ch", "x", "z", "o")):
        return v + "es"
    if v.endswith("y") and len(v) > 1 and v[-2] not in _VOWELS:
        return v[:-1] + "ies"
    return v + "s"

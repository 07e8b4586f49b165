"""The few English word lists the topic reader needs, and the -ing form of a verb.

Small on purpose: they cover the verbs and people that research objectives name, and the
topic reader falls back to the objective's own words when a word is not here.
"""

from __future__ import annotations

import re

VERBS = frozenset(
    ["hand", "plan", "manage", "use", "choose", "decide", "pay", "split", "track", "find", "search", "book", "buy", "sell", "share", "send", "receive", "prepare", "organise", "organize", "schedule", "cancel", "sign", "onboard", "learn", "work", "handle", "keep", "move", "switch", "compare", "report", "submit", "review", "approve", "create", "build", "write", "read", "test", "deploy", "hire", "train", "communicate", "coordinate", "collaborate", "budget", "save", "spend", "invest", "borrow", "apply", "renew", "return", "shop", "order", "cook", "travel", "commute", "care", "look", "get", "set", "start", "finish", "complete", "fill", "check", "update", "install", "configure", "migrate", "export", "import", "upload", "download", "store", "log", "record", "measure", "monitor", "respond", "resolve", "fix", "troubleshoot", "escalate", "prioritise", "prioritize", "evaluate", "discover", "research", "navigate", "access", "join", "leave", "invite", "message", "call", "email", "meet", "run", "teach", "study", "practise", "practice", "exercise", "drive", "ride", "park", "rent", "pack", "ship", "deliver", "refund", "claim", "invoice", "quote", "estimate", "subscribe", "unsubscribe", "abandon", "adopt", "try", "stop", "give", "take", "make", "go", "come", "have", "be", "need", "want", "deal", "cope", "pass", "transfer", "welcome", "visit", "attend", "prescribe", "treat", "diagnose", "chart", "administer", "discharge", "admit", "refer", "triage", "feel", "think", "see", "perceive", "view", "experience", "like", "value", "understand", "edit", "publish", "recruit", "interview", "offboard", "reconcile", "close", "open", "lose", "miss", "forget", "remember", "notice", "calculate", "analyse", "analyze", "sort", "clean", "serve", "negotiate", "purchase", "procure", "request", "assign", "delegate", "carry", "collect", "donate", "volunteer", "register", "enrol", "enroll", "follow", "ask", "answer", "help", "support", "contact", "discuss", "explain", "chase", "adjust", "require", "expect", "trust", "distrust", "rely", "break", "shape", "affect", "influence", "change", "happen", "land", "touch", "categorise", "categorize", "notify", "remind", "browse", "listen", "watch", "play", "stream", "wait", "reserve", "hold", "queue", "renew", "download", "sync", "backup", "back", "prefer", "depend", "struggle", "worry", "decide", "land", "owe", "lend", "approve", "verify", "interact", "fail", "pause", "confuse", "block", "frustrate", "let", "cause", "decide", "phone", "cover", "solve", "ignore"]
)

# Verbs that say what a person thinks or wants, not what they do: "how customers feel
# about X" is about X, not about "feeling".
STATIVE = frozenset(
    ["feel", "think", "perceive", "view", "see", "experience", "like", "value", "understand", "need", "want", "require", "expect", "trust", "distrust", "prefer", "worry", "care"]
)

# Verbs that say a process runs, not what it is: "how handoff works" is about handoff.
PROCESS_VERBS = frozenset(["work", "happen", "go", "look", "run", "change", "break", "land", "fail", "confuse", "block", "frustrate", "help", "let", "cause"])

PEOPLE = frozenset(
    ["people", "person", "staff", "children", "men", "women", "folks", "everyone", "someone", "user", "customer", "client", "participant", "member", "nurse", "doctor", "patient", "clinician", "patron", "reader", "couple", "household", "family", "parent", "teacher", "student", "driver", "rider", "traveler", "traveller", "shopper", "buyer", "seller", "owner", "founder", "manager", "designer", "engineer", "developer", "maintainer", "researcher", "analyst", "admin", "administrator", "employee", "freelancer", "agency", "team", "volunteer", "subscriber", "guest", "host", "renter", "tenant", "landlord", "caregiver", "carer", "worker", "operator", "officer", "agent", "accountant", "lawyer", "veteran", "citizen", "resident", "visitor", "player", "listener", "viewer", "creator", "writer", "editor", "marketer", "recruiter", "candidate", "hire", "learner", "pharmacist", "physician", "therapist", "coach", "athlete", "farmer", "merchant", "vendor", "supplier", "partner", "consumer", "homeowner", "commuter", "borrower", "lender", "investor", "saver"]
)

# Adjectives a concept carries that its problem area does not: "automated invoicing" is
# about invoicing.
IDEA_ADJECTIVES = frozenset(
    ["automated", "automatic", "smart", "ai", "ai-powered", "new", "digital", "online", "better", "faster", "instant", "simpler", "simple", "mobile", "self-serve", "one-click", "in-app", "proposed", "planned", "integrated", "improved", "redesigned", "personalised", "personalized"]
)

# Words that end "what makes X hard": dropped to leave X.
ADJECTIVE_END = re.compile(
    r"^(?:hard|harder|difficult|easy|easier|frustrating|confusing|slow|painful|stressful|"
    r"worthwhile|work|fail|succeed|useful|valuable|tricky|annoying|complicated|simple)$"
)

# Verbs ending consonant-vowel-consonant whose last syllable is stressed double it.
DOUBLED = frozenset(
    ["refer", "commit", "submit", "prefer", "admit", "forget", "begin", "regret", "control", "permit", "omit", "upset", "equip", "transfer", "occur", "patrol"]
)


def gerund(verb: str) -> str:
    """'hand' -> 'handing', 'plan' -> 'planning', 'manage' -> 'managing', 'lie' -> 'lying'."""
    if verb == "be":
        return "being"
    if verb.endswith("ie"):
        return verb[:-2] + "ying"
    if verb.endswith(("ee", "ye", "oe")):
        return verb + "ing"
    if verb.endswith("e") and len(verb) > 2:
        return verb[:-1] + "ing"
    one_syllable = len(re.findall(r"[aeiou]+", verb)) == 1
    if re.search(r"[^aeiou][aeiou][^aeiouwxy]$", verb) and (one_syllable or verb in DOUBLED):
        return verb + verb[-1] + "ing"
    return verb + "ing"

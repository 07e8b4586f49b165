"""The few English word lists the topic reader needs (inflection is in guideagent.language).

Small on purpose: they cover the verbs and people that research objectives name, and the
topic reader falls back to the objective's own words when a word is not here.
"""

from __future__ import annotations

import re

# Verbs that say what a person thinks or wants, not what they do: "how customers feel
# about X" is about X, not about "feeling".
STATIVE = frozenset(
    [
        "feel",
        "think",
        "perceive",
        "view",
        "see",
        "experience",
        "like",
        "value",
        "understand",
        "need",
        "want",
        "require",
        "expect",
        "trust",
        "distrust",
        "prefer",
        "worry",
        "care",
    ]
)

# Verbs that say a process runs, not what it is: "how handoff works" is about handoff.
PROCESS_VERBS = frozenset(
    [
        "work",
        "happen",
        "go",
        "look",
        "run",
        "change",
        "break",
        "land",
        "fail",
        "confuse",
        "block",
        "frustrate",
        "help",
        "let",
        "cause",
    ]
)

PEOPLE = frozenset(
    [
        "people",
        "person",
        "staff",
        "children",
        "men",
        "women",
        "folks",
        "everyone",
        "someone",
        "user",
        "customer",
        "client",
        "participant",
        "member",
        "nurse",
        "doctor",
        "patient",
        "clinician",
        "patron",
        "reader",
        "couple",
        "household",
        "family",
        "parent",
        "teacher",
        "student",
        "driver",
        "rider",
        "traveler",
        "traveller",
        "shopper",
        "buyer",
        "seller",
        "owner",
        "founder",
        "manager",
        "designer",
        "engineer",
        "developer",
        "maintainer",
        "researcher",
        "analyst",
        "admin",
        "administrator",
        "employee",
        "freelancer",
        "agency",
        "team",
        "volunteer",
        "subscriber",
        "guest",
        "host",
        "renter",
        "tenant",
        "landlord",
        "caregiver",
        "carer",
        "worker",
        "operator",
        "officer",
        "agent",
        "accountant",
        "lawyer",
        "veteran",
        "citizen",
        "resident",
        "visitor",
        "player",
        "listener",
        "viewer",
        "creator",
        "writer",
        "editor",
        "marketer",
        "recruiter",
        "candidate",
        "hire",
        "learner",
        "pharmacist",
        "physician",
        "therapist",
        "coach",
        "athlete",
        "farmer",
        "merchant",
        "vendor",
        "supplier",
        "partner",
        "consumer",
        "homeowner",
        "commuter",
        "borrower",
        "lender",
        "investor",
        "saver",
    ]
)

# Adjectives a concept carries that its problem area does not: "automated invoicing" is
# about invoicing.
IDEA_ADJECTIVES = frozenset(
    [
        "automated",
        "automatic",
        "smart",
        "ai",
        "ai-powered",
        "new",
        "digital",
        "online",
        "better",
        "faster",
        "instant",
        "simpler",
        "simple",
        "mobile",
        "self-serve",
        "one-click",
        "in-app",
        "proposed",
        "planned",
        "integrated",
        "improved",
        "redesigned",
        "personalised",
        "personalized",
    ]
)

# Words that end "what makes X hard": dropped to leave X.
ADJECTIVE_END = re.compile(
    r"^(?:hard|harder|difficult|easy|easier|frustrating|confusing|slow|painful|stressful|"
    r"worthwhile|work|fail|succeed|useful|valuable|tricky|annoying|complicated|simple)$"
)

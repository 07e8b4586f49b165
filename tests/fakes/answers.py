"""Scripted model answers that more than one test layer sends through the loopback server."""

from __future__ import annotations

LEADING = "How much do you love our app?"
FIXED = "Tell me about the last time you used the app to split a bill."
NO_FINDINGS = {"findings": []}

PROBES = [
    "What is a specific example of that?",
    "How did you feel when that happened?",
    "What happened next?",
]


def question(text: str, objectives: list[str], minutes: float = 4) -> dict:
    return {"text": text, "probes": PROBES[:2], "objective_ids": objectives, "minutes": minutes}


DRAFT = {
    "plan": "Warm-up, one section per objective, wrap-up; about 28 minutes.",
    "title": "Splitting bills: interview guide",
    "intro": ["Confirm consent to record."],
    "sections": [
        {
            "title": "Warm-up",
            "kind": "warm_up",
            "questions": [
                {"text": "To start, tell me a bit about where you live.", "minutes": 2},
            ],
        },
        {
            "title": "Splitting bills",
            "kind": "main",
            "objective_ids": ["o1", "o7"],
            "questions": [
                question(
                    "Tell me about the last time you split a bill with your flatmates.", ["o1"]
                ),
                question(LEADING, ["o1", "o9"]),
                question("Who else was involved the last time a bill was split?", ["o1"]),
            ],
        },
        {
            "title": "Reminders",
            "kind": "main",
            "objective_ids": ["o2"],
            "notes": ["Ask them to show you."],
            "questions": [
                question("Tell me about the last time a bill reminder reached you.", ["o2"]),
                question("Walk me through what you did after the last reminder.", ["o2"]),
            ],
        },
        {
            "title": "Wrap-up",
            "kind": "wrap_up",
            "questions": [
                {"text": "Who else should we talk to about this?", "minutes": 2},
            ],
        },
    ],
}

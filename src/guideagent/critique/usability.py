"""Usability tasks and think-aloud prompts: their own kind of question.

In a usability session the participant works on a prototype while the moderator sets
tasks ("Find last month's statement.", "Imagine you need to book a room. Please go ahead
and do that.") and prompts them to think aloud ("What do you expect to happen if you click
that?", "Where would you go from here?"). The "would" there is about the screen in front
of them, not a prediction about their life, so these are not hypothetical.
"""

from __future__ import annotations

import re

from guideagent.critique.text import Parsed

_TASK_VERBS = (
    r"open|find|use|using|translate|click|tap|navigate|add|book|search|locate|complete|create|change|"
    r"update|upload|download|read|look|pay|send|save|order|buy|select|choose|fill|enter|type|go|try|"
    r"log|sign|start|set|check|view|share|delete|remove|edit|cancel|schedule|submit|explore|spend"
)
_TASK = re.compile(
    rf"^(?:(?:now|next|first|then|ok|okay|so|please|for\s+this\s+task|your\s+task(?:\s+is)?)[,:]?\s+)*"
    rf"(?:go\s+ahead\s+and\s+|try\s+to\s+|(?:can|could)\s+you\s+(?:please\s+)?(?:try\s+to\s+)?)?"
    rf"(?:{_TASK_VERBS})\b(?!\s+you\b)(?:\s+(?:to|in|into|on|at|through|for|up|a|an|the|this|that|your|some|last|next|how)\b|\s+[a-z]+)"
)
_THINK_ALOUD = re.compile(
    r"\bthink(?:ing)?\s+(?:aloud|out\s+loud)\b|\bgo\s+ahead\s+and\s+do\s+(?:that|this|it)\b"
    r"|\bplease\s+(?:go\s+ahead|do\s+(?:that|this|it))\b"
    r"|^(?:what|where)\s+(?:would|do|did)\s+you\s+expect\b"
    r"|^what\s+(?:would|will)\s+you\s+(?:do|click|tap|try|look\s+for|choose|pick|press)\s+(?:next|first|now|here|on)\b"
    r"|^where\s+would\s+you\s+(?:go|click|tap|look|start|find|expect)\b"
    r"|^show\s+me\s+how\s+you\s+would\b"
    r"|\b(?:on\s+this|this)\s+(?:screen|page|prototype)\b"
    r"|^using\s+(?:this|the)\s+(?:prototype|app|site|website|page|screen|product)\b"
)


def is_task(p: Parsed) -> bool:
    """True for a task given to the participant or a prompt to think aloud about one."""
    if any(_THINK_ALOUD.search(s.text) for s in p.sentences):
        return True
    first = p.sentences[0] if p.sentences else None
    return bool(first and not first.text.endswith("?") and _TASK.match(first.text))

"""How fast and how sensible the offline embedder is on this machine.

    python benchmarks/bench_embeddings.py [--n 512] [--batch 32]

Speed: sentences per second for interview-length sentences, cold (model load) and warm,
with a fresh cache each run so nothing is served from memory. Sanity: paraphrase pairs
must score higher than unrelated pairs, or themes cannot work.
"""

from __future__ import annotations

import argparse
import os
import time

import numpy as np

from guideagent.synthesis.embeddings import Embedder, get_embedder

PARAPHRASES = [
    (
        "Transfers take three days to show up in my account.",
        "It takes days before the money I moved actually appears.",
    ),
    (
        "I export the report to Excel every Friday.",
        "Each week I copy the numbers into a spreadsheet.",
    ),
    (
        "The reminder emails sound rude to my clients.",
        "Clients feel the automatic nudges are pushy.",
    ),
    (
        "I never know whether the client opened the invoice.",
        "There is no way to tell if they even saw the bill.",
    ),
    (
        "Handoff keeps getting interrupted by phone calls.",
        "Someone always cuts in while we are giving report.",
    ),
    (
        "I keep my own paper notes instead of the computer.",
        "I trust my handwritten sheet more than the system.",
    ),
]
UNRELATED = [
    (
        "Transfers take three days to show up in my account.",
        "My favourite part is the weekly summary email.",
    ),
    ("I export the report to Excel every Friday.", "The nurses on nights are short-staffed."),
    (
        "The reminder emails sound rude to my clients.",
        "I charge my phone overnight on the kitchen table.",
    ),
    (
        "I never know whether the client opened the invoice.",
        "Our dog barks whenever the mail arrives.",
    ),
    (
        "Handoff keeps getting interrupted by phone calls.",
        "The budget categories are colour coded.",
    ),
    (
        "I keep my own paper notes instead of the computer.",
        "We went to Lisbon for a week in the spring.",
    ),
]
WORDS = [
    "I",
    "usually",
    "check",
    "the",
    "app",
    "on",
    "Sunday",
    "and",
    "then",
    "the",
    "numbers",
    "never",
    "quite",
    "match",
    "what",
    "my",
    "bank",
    "says",
    "so",
    "I",
    "end",
    "up",
    "adding",
    "everything",
    "up",
    "again",
    "by",
    "hand",
    "which",
    "takes",
    "about",
    "twenty",
    "minutes",
]  # noqa: SIM905


def sentences(n: int) -> list[str]:
    """Distinct sentences of 8-30 words, like the ones an interview yields."""
    out = []
    for i in range(n):
        length = 8 + (i * 7) % 23
        start = i % len(WORDS)
        words = [WORDS[(start + k) % len(WORDS)] for k in range(length)]
        out.append(f"{' '.join(words)} ({i}).")
    return out


def pair_scores(pairs: list[tuple[str, str]]) -> np.ndarray:
    embedder = get_embedder()
    a = embedder.embed([p[0] for p in pairs])
    b = embedder.embed([p[1] for p in pairs])
    return (a * b).sum(axis=1)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, default=512)
    parser.add_argument("--batch", type=int, default=32)
    args = parser.parse_args()

    started = time.perf_counter()
    shared = get_embedder()
    load = time.perf_counter() - started
    texts = sentences(args.n)
    print(f"cores: {os.cpu_count()}  model load: {load:.2f} s")
    for batch in (1, args.batch):
        fresh = Embedder(
            shared.session, shared.tokenizer
        )  # empty cache: every sentence is computed
        t0 = time.perf_counter()
        fresh.embed(texts, batch_size=batch)
        seconds = time.perf_counter() - t0
        print(
            f"batch {batch:>3}: {args.n / seconds:7.1f} sentences/s ({seconds:.2f} s for {args.n})"
        )

    para, unrel = pair_scores(PARAPHRASES), pair_scores(UNRELATED)
    print(f"paraphrase cosine: mean {para.mean():.2f}  min {para.min():.2f}")
    print(f"unrelated cosine:  mean {unrel.mean():.2f}  max {unrel.max():.2f}")
    wins = sum(int(p > u) for p in para for u in unrel)
    print(f"paraphrase > unrelated in {wins} of {len(para) * len(unrel)} pairings")


if __name__ == "__main__":
    main()

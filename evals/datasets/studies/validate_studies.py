"""Check the synthesis eval studies in this folder.

Run:  python evals/datasets/studies/validate_studies.py   (needs python-docx)

It parses every transcript with a small stand-alone reader (independent of
guideagent's own ingest code), works out who the interviewer is, and checks
that every gold evidence snippet occurs verbatim (after collapsing whitespace)
in the turns of one of that theme's participants. Exit status 1 on any error.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
FORMATS = ("txt", "md", "vtt", "srt", "json", "docx")

TS_LINE = re.compile(r"^\[(\d{2}:\d{2}:\d{2})\]\s+([^:]{1,40}):\s(.*)$")
NAME_LINE = re.compile(r"^([^:\[\]<>]{1,40}):\s(.*)$")
MD_LINE = re.compile(r"^\*\*(.+?):\*\*\s(.*)$", re.S)
CUE_TIME = re.compile(r"^\d{2}:\d{2}:\d{2}[.,]\d{3} --> \d{2}:\d{2}:\d{2}[.,]\d{3}$")
VOICE = re.compile(r"<v ([^>]+)>(.*?)</v>", re.S)
OTTER_HEAD = re.compile(r"^(.+?)\s{2,}(\d{1,2}:\d{2}(?::\d{2})?)$")


def ws(text: str) -> str:
    return " ".join(text.split())


def norm(text: str) -> str:
    """The scoring normalisation from DESIGN.md: lowercase, strip punctuation, collapse whitespace."""
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())


def read_units(path: Path) -> list[dict]:
    """Smallest speaker-attributed units in file order: {speaker, text, role?}."""
    ext = path.suffix[1:]
    units: list[dict] = []
    if ext == "txt":
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            m = TS_LINE.match(line) or NAME_LINE.match(line)
            if m:
                speaker, text = m.groups()[-2:]
                units.append({"speaker": speaker.strip(), "text": text})
            else:
                units[-1]["text"] += " " + line
    elif ext == "md":
        for para in re.split(r"\n\s*\n", path.read_text(encoding="utf-8")):
            para = para.strip()
            if not para or para.startswith("#"):
                continue
            m = MD_LINE.match(para)
            if m:
                units.append({"speaker": m.group(1).strip(), "text": m.group(2)})
            else:
                units[-1]["text"] += " " + para
    elif ext in ("vtt", "srt"):
        raw = path.read_text(encoding="utf-8").replace("\r\n", "\n")
        for block in re.split(r"\n\s*\n", raw):
            lines = [line for line in block.split("\n") if line.strip()]
            idx = next((i for i, line in enumerate(lines) if CUE_TIME.match(line.strip())), None)
            if idx is None:
                continue
            text = "\n".join(lines[idx + 1 :])
            voices = VOICE.findall(text)
            if voices:
                units += [{"speaker": s.strip(), "text": t} for s, t in voices]
                continue
            m = NAME_LINE.match(lines[idx + 1])
            if m:
                rest = [m.group(2)] + lines[idx + 2 :]
                units.append({"speaker": m.group(1).strip(), "text": "\n".join(rest)})
            else:
                units[-1]["text"] += "\n" + text
    elif ext == "json":
        data = json.loads(path.read_text(encoding="utf-8"))
        assert data["participant"] == path.stem, f"{path}: participant field != stem"
        for u in data["utterances"]:
            assert {"speaker", "role", "text", "start"} <= set(u), (
                f"{path}: utterance keys {set(u)}"
            )
            units.append({"speaker": u["speaker"], "text": u["text"], "role": u["role"]})
    elif ext == "docx":
        import docx  # python-docx

        paras = [p.text for p in docx.Document(str(path)).paragraphs if p.text.strip()]
        i = 0
        while i < len(paras):
            m = OTTER_HEAD.match(paras[i])
            assert m, f"{path}: expected 'Speaker  m:ss' paragraph, got {paras[i][:60]!r}"
            units.append({"speaker": m.group(1).strip(), "text": paras[i + 1]})
            i += 2
    else:
        raise ValueError(path)
    for u in units:
        u["text"] = ws(u["text"])
    return units


def merge_turns(units: list[dict]) -> list[dict]:
    turns: list[dict] = []
    for u in units:
        if turns and turns[-1]["speaker"] == u["speaker"]:
            turns[-1]["text"] += " " + u["text"]
        else:
            turns.append(dict(u))
    return turns


def interviewers(turns: list[dict]) -> tuple[set[str], str]:
    """Who asks the questions: explicit role, a label, or (failing both) behaviour."""
    speakers = list(dict.fromkeys(t["speaker"] for t in turns))
    roles = {t["speaker"] for t in turns if t.get("role") == "interviewer"}
    if roles:
        return roles, "role field"
    labelled = {
        s
        for s in speakers
        if s in ("Q", "Interviewer", "Moderator") or re.search(r"interviewer|moderator", s, re.I)
    }
    if labelled:
        return labelled, "label"

    def q_share(s: str) -> float:
        ts = [t for t in turns if t["speaker"] == s]
        return sum(t["text"].rstrip().endswith("?") for t in ts) / len(ts)

    best = max(speakers, key=q_share)
    return {best}, f"behaviour ({best}: {q_share(best):.0%} of turns end with '?')"


def load_study(folder: Path):
    files = sorted(
        (folder / "transcripts").iterdir(), key=lambda p: int(re.sub(r"\D", "", p.stem) or 0)
    )
    sessions = {}
    for f in files:
        units = read_units(f)
        turns = merge_turns(units)
        ivs, how = interviewers(turns)
        people = list(dict.fromkeys(t["speaker"] for t in turns if t["speaker"] not in ivs))
        pid = {s: (f.stem if len(people) == 1 else f"{f.stem}-{s}") for s in people}
        sessions[f.stem] = {
            "file": f,
            "units": units,
            "turns": turns,
            "interviewers": ivs,
            "how": how,
            "pid": pid,
        }
    return sessions


def check_study(folder: Path, errors: list[str], warnings: list[str]) -> dict:
    def err(msg):
        errors.append(f"{folder.name}: {msg}")

    study = json.loads((folder / "study.json").read_text(encoding="utf-8"))
    for k in ("title", "objectives", "session_minutes"):
        if k not in study:
            err(f"study.json lacks {k}")
    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    sessions = load_study(folder)

    # participant -> list of own turn texts / unit texts; interviewer texts
    own_turns, own_units, iv_text = {}, {}, []
    words = {}
    for stem, s in sessions.items():
        words[stem] = sum(len(t["text"].split()) for t in s["turns"])
        if not 900 <= words[stem] <= 1800:
            err(f"{s['file'].name}: {words[stem]} words (want 900-1800)")
        for t in s["turns"]:
            if t["speaker"] in s["interviewers"]:
                iv_text.append(t["text"])
            else:
                own_turns.setdefault(s["pid"][t["speaker"]], []).append(t["text"])
        for u in s["units"]:
            if u["speaker"] not in s["interviewers"]:
                own_units.setdefault(s["pid"][u["speaker"]], []).append(u["text"])
    participants = list(own_turns)
    if not 4 <= len(participants) <= 6:
        err(f"{len(participants)} participants (want 4-6)")
    exts = Counter(s["file"].suffix[1:] for s in sessions.values())
    if len(exts) < 3:
        err(f"only {len(exts)} formats")
    if exts.get("docx", 0) > 1:
        err("more than one .docx")

    themes = gold["themes"]
    if not 4 <= len(themes) <= 6:
        err(f"{len(themes)} gold themes (want 4-6)")
    seen_snips = {}
    for th in themes:
        tid, ps, ev = th["id"], th["participants"], th["evidence"]
        if not th.get("label"):
            err(f"{tid}: empty label")
        if not 2 <= len(ps) <= 5:
            err(f"{tid}: {len(ps)} participants (want 2-5)")
        if not 2 <= len(ev) <= 6:
            err(f"{tid}: {len(ev)} evidence snippets (want 2-6)")
        for p in ps:
            if p not in own_turns:
                err(f"{tid}: unknown participant {p}")
        covered = set()
        for snip in ev:
            n = len(snip.split())
            if not 8 <= n <= 30:
                err(f"{tid}: snippet has {n} words: {snip!r}")
            if snip in seen_snips:
                err(f"{tid}: snippet also used in {seen_snips[snip]}: {snip!r}")
            seen_snips[snip] = tid
            w = ws(snip)
            owners = [p for p in ps if any(w in t for t in own_turns.get(p, []))]
            if not owners:
                elsewhere = [p for p in own_turns if any(w in t for t in own_turns[p])]
                err(
                    f"{tid}: snippet not found in its participants' turns (found in {elsewhere or 'nobody'}): {snip!r}"
                )
                continue
            covered.update(owners)
            if not any(w in u for p in owners for u in own_units[p]):
                warnings.append(f"{folder.name} {tid}: snippet spans two cues/units: {snip!r}")
            if any(w in t for t in iv_text):
                err(f"{tid}: snippet also appears in interviewer text: {snip!r}")
        for p in set(ps) - covered:
            err(f"{tid}: participant {p} has no evidence snippet")

    # gold themes should not hit each other under the scoring rule (6-word shared run)
    def grams(s, n=6):
        t = norm(s).split()
        return {tuple(t[i : i + n]) for i in range(len(t) - n + 1)}

    for a in themes:
        for b in themes:
            if a["id"] < b["id"]:
                for sa in a["evidence"]:
                    for sb in b["evidence"]:
                        if grams(sa) & grams(sb) or norm(sa) in norm(sb) or norm(sb) in norm(sa):
                            warnings.append(
                                f"{folder.name}: {a['id']} and {b['id']} snippets overlap: {sa!r} / {sb!r}"
                            )
    return {
        "name": folder.name,
        "sessions": sessions,
        "participants": participants,
        "formats": exts,
        "themes": len(themes),
        "words": words,
    }


def main() -> int:
    errors, warnings, results = [], [], []
    folders = sorted(p for p in HERE.iterdir() if p.is_dir() and (p / "gold.json").exists())
    for folder in folders:
        try:
            results.append(check_study(folder, errors, warnings))
        except Exception as exc:  # a parse failure is an error, not a crash
            errors.append(f"{folder.name}: {type(exc).__name__}: {exc}")
    all_exts = Counter()
    paired = 0
    for r in results:
        all_exts.update(r["formats"])
        paired += sum(len(s["pid"]) > 1 for s in r["sessions"].values())
        print(
            f"\n{r['name']}: {len(r['participants'])} participants, {r['themes']} gold themes, "
            f"{sum(r['words'].values())} words"
        )
        for stem, s in r["sessions"].items():
            print(
                f"  {s['file'].name:8} {r['words'][stem]:5} words  participants={list(s['pid'].values())}  "
                f"interviewer={sorted(s['interviewers'])} via {s['how']}"
            )
    for ext in FORMATS:
        if all_exts[ext] < 2:
            errors.append(f"format .{ext} used {all_exts[ext]} times overall (want >= 2)")
    if paired < 1:
        errors.append("no paired session found")
    print(f"\nformats overall: {dict(all_exts)}; paired sessions: {paired}")
    for w in warnings:
        print("WARNING", w)
    for e in errors:
        print("ERROR", e)
    print("OK" if not errors else f"{len(errors)} error(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())

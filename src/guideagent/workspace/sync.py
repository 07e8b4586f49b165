"""Changes made on disk by others (an editor, the CLI, a file manager), mixed into Workspace.

A face calls `reconcile(unsaved)` on a timer and before it saves, naming the parts
("study", "guide") holding edits it has not saved yet. A part changed on disk and not
in the face is re-read (a notice, no question); a part changed on both sides is a
conflict the user settles with `keep_mine` or `take_theirs` after `see_both`, and
whichever version loses is kept beside the file: nothing is overwritten silently. The
transcripts folder is re-read when its listing changes, so files copied in appear.

Checking costs a stat per study file and one listing of transcripts/ (see the report on
issue 11 for the measurement), so a one-second timer is cheap; no watcher thread.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from guideagent.errors import StudyError
from guideagent.schemas import Critique, Guide, Study, Transcript

if TYPE_CHECKING:
    from guideagent.store import StudyFolder

Part = Literal["study", "guide"]
PARTS: tuple[Part, ...] = ("study", "guide")


@dataclass
class Reconciled:
    """What `reconcile` found on disk and did about it."""

    reloaded: list[Part] = field(default_factory=list)  # re-read: no unsaved edit of ours
    conflicts: list[Part] = field(default_factory=list)  # changed on both sides: ask
    transcripts: bool = False  # transcripts/ changed and was re-read
    error: StudyError | None = None  # a changed file that does not parse (said once)
    files: dict[str, str] = field(default_factory=dict)  # part -> its file's name

    @property
    def changed(self) -> bool:
        return bool(self.reloaded or self.conflicts or self.transcripts or self.error)

    def describe(self) -> str:
        """One line for a notice, e.g. "guide.md changed on disk; reloaded."."""
        parts = []
        if self.reloaded:
            files = " and ".join(self.files.get(p, p) for p in self.reloaded)
            parts.append(f"{files} changed on disk; reloaded")
        if self.transcripts:
            parts.append("transcripts/ changed on disk; the list is up to date")
        return ". ".join(parts) + "." if parts else ""


class DiskSync:
    folder: StudyFolder | None
    study: Study
    guide: Guide | None
    critique: Critique | None
    transcripts: list[Transcript]
    transcripts_dir: Path
    _transcripts_stamp: tuple[tuple[str, int, int], ...] | None

    if TYPE_CHECKING:

        def set_study(self, study: Study) -> bool: ...

        def set_guide(self, guide: Guide | None, *, critique: Critique | None = None) -> None: ...

        def load_transcripts(self) -> list[Transcript]: ...

        def save_study(self) -> None: ...

        def save_guide(self, *, backup: bool = False) -> None: ...

    # -- looking --------------------------------------------------------------------------
    def part_file(self, part: Part) -> Path:
        """The file holding a part: study.toml (or study.json), or guide.md."""
        folder = self._folder()
        return folder.study_path if part == "study" else folder.guide_path

    def _folder(self) -> StudyFolder:
        if self.folder is None:
            raise StudyError("not a study folder.", Path("."))
        return self.folder

    def changed_on_disk(self) -> list[Part]:
        """The parts whose file another program changed since we read or wrote it."""
        if self.folder is None:
            return []
        changed = self.folder.changed_on_disk()
        return [p for p in PARTS if self.part_file(p) in changed]

    def transcripts_listing(self) -> tuple[tuple[str, int, int], ...]:
        """(name, size, mtime) of each file in transcripts/: what says the folder changed."""
        try:
            entries = list(self.transcripts_dir.iterdir())
        except OSError:
            return ()
        listing = []
        for path in entries:
            if path.name.startswith((".", "~$")):
                continue
            try:
                st = path.stat()
            except OSError:
                continue
            listing.append((path.name, st.st_size, st.st_mtime_ns))
        return tuple(sorted(listing))

    # -- acting ---------------------------------------------------------------------------
    def reconcile(self, unsaved: set[str] | frozenset[str] = frozenset()) -> Reconciled:
        """Re-read what changed on disk and holds no unsaved edit; report the conflicts
        (changed on disk and in `unsaved`) without touching them."""
        result = Reconciled()
        if self.folder is not None:
            result.files = {p: self.part_file(p).name for p in PARTS}
        for part in self.changed_on_disk():
            if part in unsaved:
                result.conflicts.append(part)
                continue
            try:
                self.take_disk(part)
            except StudyError as exc:
                self._folder().notice(self.part_file(part))  # said once, until it changes
                result.error = exc
                continue
            result.reloaded.append(part)
        if (
            self._transcripts_stamp is not None
            and self.transcripts_listing() != self._transcripts_stamp
        ):
            self.load_transcripts()
            result.transcripts = True
        return result

    def take_disk(self, part: Part) -> None:
        """Replace the open part with the file's version (StudyError when it is broken)."""
        folder = self._folder()
        if part == "study":
            self.set_study(folder.reload_study())
        else:
            guide = folder.reload_guide()
            if guide is None:
                self.set_guide(None)
            else:
                from guideagent.critique.rules import critique_guide

                self.set_guide(guide, critique=critique_guide(guide, self.study))

    def see_both(self, part: Part) -> str:
        """A unified diff from the file's version to the app's (what keeping mine would write)."""
        path = self.part_file(part)
        try:
            theirs = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            theirs = ""
        return "".join(
            difflib.unified_diff(
                theirs.splitlines(keepends=True),
                self._mine(part).splitlines(keepends=True),
                fromfile=f"{path.name} (on disk)",
                tofile=f"{path.name} (in the app)",
            )
        )

    def keep_mine(self, part: Part) -> Path | None:
        """Write the app's version; the file's is kept beside it as `<name>.edited-<time>`
        (returned; None when the file was gone)."""
        path = self.part_file(part)
        before = set(path.parent.glob(f"{path.name}.*-*"))
        if part == "study":
            self.save_study()
        else:
            self.save_guide()
        kept = sorted(set(path.parent.glob(f"{path.name}.*-*")) - before)
        return kept[0] if kept else None

    def take_theirs(self, part: Part) -> Path:
        """Keep the app's unsaved version beside the file as `<name>.mine-<time>`
        (returned), then take the file's version."""
        path = self.part_file(part)
        kept = self._folder().keep_copy(path, self._mine(part), "mine")
        self.take_disk(part)
        return kept

    def _mine(self, part: Part) -> str:
        from guideagent.guidefile import dumps_guide
        from guideagent.studyfile import dumps_study

        if part == "guide":
            return dumps_guide(self.guide) if self.guide is not None else ""
        folder = self._folder()
        if folder.study_path.suffix == ".toml":
            return dumps_study(self.study)
        return self.study.model_dump_json(indent=2) + "\n"

"""Edits to an open study's brief and guide, mixed into Workspace.

Each edit changes the workspace's `study` or `guide` (in memory; `save_*` writes) and
keeps `critique` in step: the rules run again on what the edit touched, and what the
model said about the rest is kept (guide_edits.recheck). Guide edits return True when
the guide changed; one naming an id or index that does not exist changes nothing.

Every change of the guide (an edit, an applied rewrite, a redraft, a new draft) can be
taken back with `undo` and made again with `redo` (workspace/history.py); typing in one
field is one step.
"""

from __future__ import annotations

from collections.abc import Hashable
from pathlib import Path

from guideagent import guide_edits
from guideagent.errors import StudyError
from guideagent.schemas import Critique, Finding, Guide, Objective, Study
from guideagent.schemas.study import ParticipantPlan
from guideagent.workspace.history import GuideHistory, GuideState


class StudyEdits:
    path: Path
    study: Study
    guide: Guide | None
    critique: Critique | None
    _history: GuideHistory | None = None

    # -- edits: the brief -------------------------------------------------------------------
    def set_study(self, study: Study) -> bool:
        """Take an edited brief; the guide's critique follows (coverage and time may move).
        True when something changed. Call `save_study` (or `save`) to write it."""
        if study == self.study:
            return False
        self.study = study
        if self.guide is not None:
            self.recheck(set())
        return True

    def plan_findings(self) -> list[Finding]:
        """The rules' findings about the brief itself: objectives, a spread of participants."""
        from guideagent.critique.rules import critique_guide
        from guideagent.schemas import Code

        codes = (Code.no_objectives, Code.participants_not_diverse)
        critique = critique_guide(self.guide or Guide(), self.study)
        return [f for f in critique.findings if f.code in codes]

    def set_objectives(self, objectives: list[Objective]) -> bool:
        return self.set_study(self.study.model_copy(update={"objectives": list(objectives)}))

    def set_participants(self, participants: ParticipantPlan) -> bool:
        return self.set_study(self.study.model_copy(update={"participants": participants}))

    # -- edits: the guide -------------------------------------------------------------------
    def set_guide(
        self,
        guide: Guide | None,
        *,
        changed: set[str] | None = None,
        critique: Critique | None = None,
    ) -> None:
        """Take an edited or new guide. The critique is `critique` when given, else the
        rules run again on the `changed` question ids (None: on everything), keeping what
        the model said about the rest (guide_edits.recheck). Undoable."""
        if guide != self.guide:
            self._record(None)
        self._take_guide(guide, changed, critique)

    def _take_guide(
        self, guide: Guide | None, changed: set[str] | None, critique: Critique | None
    ) -> None:
        self.guide = guide
        if critique is not None or guide is None:
            self.critique = critique
        else:
            self.recheck(changed)

    # -- undo and redo ----------------------------------------------------------------------
    @property
    def history(self) -> GuideHistory:
        if self._history is None:
            self._history = GuideHistory()
        return self._history

    def _record(self, key: Hashable | None) -> None:
        if self.guide is not None:  # the first guide is not undone into no guide
            self.history.record(GuideState(self.guide, self.critique), key)

    def undo(self) -> bool:
        """Take back the last change to the guide; True when there was one. Call
        `save_guide` to write the result."""
        return self._restore(self.history.undo(GuideState(self.guide, self.critique)))

    def redo(self) -> bool:
        """Make again the change `undo` took back; True when there was one."""
        return self._restore(self.history.redo(GuideState(self.guide, self.critique)))

    def _restore(self, state: GuideState | None) -> bool:
        if state is None:
            return False
        self.guide, self.critique = state.guide, state.critique
        self.recheck(set())  # the brief may have changed since: coverage and time follow
        return True

    def set_critique(self, critique: Critique | None) -> None:
        self.critique = critique

    def recheck(self, changed: set[str] | None = None) -> Critique | None:
        if self.guide is not None:
            self.critique = guide_edits.recheck(self.guide, self.study, self.critique, changed)
        return self.critique

    def _edit(self, guide: Guide, changed: set[str] | None, key: Hashable | None = None) -> bool:
        """Take an edited guide as one undo step; edits with the same `key` in a row (one
        field typed into) make one step together."""
        if guide == self.guide:
            return False
        self._record(key)
        self._take_guide(guide, changed, None)
        return True

    def set_question_text(self, question_id: str, text: str) -> bool:
        guide = guide_edits.set_question_text(self._need_guide(), question_id, text)
        return self._edit(guide, {question_id}, key=("text", question_id))

    def apply_rewrite(self, finding: Finding) -> bool:
        """Reword the question a finding is about as the finding suggests."""
        guide = guide_edits.apply_rewrite(self._need_guide(), finding)
        return self._edit(guide, {finding.question_id} if finding.question_id else set())

    def set_section_title(self, section_id: str, title: str) -> bool:
        guide = guide_edits.set_section_title(self._need_guide(), section_id, title)
        return self._edit(guide, set(), key=("section", section_id))

    def add_question(self, after_id: str | None, section_id: str | None = None) -> str:
        """A new question after `after_id` (or at the end of the section, or of the last
        one); its id ("" when the guide has no section to put it in)."""
        guide, new_id = guide_edits.add_question(self._need_guide(), after_id, section_id)
        if new_id:
            self._edit(guide, {new_id})
        return new_id

    def remove_question(self, question_id: str) -> bool:
        return self._edit(guide_edits.remove_question(self._need_guide(), question_id), None)

    def move_question(self, question_id: str, delta: int) -> bool:
        """Up (-1) or down (+1) one place; past a section's edge it joins the next one."""
        guide = guide_edits.move_question(self._need_guide(), question_id, delta)
        return self._edit(guide, set())

    def move_section(self, section_id: str, delta: int) -> bool:
        guide = guide_edits.move_section(self._need_guide(), section_id, delta)
        return self._edit(guide, set())

    def set_probe(self, question_id: str, index: int, text: str) -> bool:
        guide = guide_edits.set_probe(self._need_guide(), question_id, index, text)
        return self._edit(guide, set(), key=("probe", question_id, index))

    def add_probe(self, question_id: str, text: str = guide_edits.NEW_PROBE) -> bool:
        guide = guide_edits.add_probe(self._need_guide(), question_id, text)
        return self._edit(guide, {question_id})

    def remove_probe(self, question_id: str, index: int) -> bool:
        guide = guide_edits.remove_probe(self._need_guide(), question_id, index)
        return self._edit(guide, {question_id})

    def adopt_regenerated(self, guide: Guide, target_id: str) -> None:
        """Take a guide from `regenerate(target_id)`, rechecking what was redrafted."""
        self.set_guide(guide, changed=guide_edits.redrafted_ids(guide, target_id))

    def _need_guide(self) -> Guide:
        if self.guide is None:
            raise StudyError(
                f"the study has no guide.md yet. Draft one with `guideagent draft {self.path}`.",
                self.path,
            )
        return self.guide

"""Settings: which engine, where the provider is, and a connection test. Never the key.

Save writes the TOML file (config.save_settings); values from the environment or flags
still win at the next launch, and the form says which those are.
"""

from __future__ import annotations

from pydantic import ValidationError
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, VerticalScroll
from textual.widgets import Button, Input, Label, Select, Static

from guideagent.config import Settings, config_path
from guideagent.errors import ConfigError
from guideagent.tui.messages import ConnectionTested, SettingsChanged, WorkEnded
from guideagent.tui.typed import UsesApp

REDACT = {"auto": None, "on": True, "off": False}


class SettingsPane(UsesApp, VerticalScroll):
    can_focus = False  # Tab goes straight to the first field
    BINDINGS = [
        Binding("ctrl+s", "save", "Save settings", priority=False),
        Binding("ctrl+e", "test_connection", "Test connection"),
    ]

    def __init__(self) -> None:
        super().__init__(id="settings-pane")

    def compose(self) -> ComposeResult:
        s: Settings = self.guideagent.settings
        redact = "auto" if s.redact is None else ("on" if s.redact else "off")
        yield Label("Engine and provider", classes="heading")
        with Grid(id="settings-grid"):
            yield Label("Engine")
            yield Select(
                [
                    ("auto (LLM when a key or URL is set)", "auto"),
                    ("offline (no network)", "offline"),
                    ("LLM", "llm"),
                ],
                value=s.engine,
                allow_blank=False,
                compact=True,
                id="engine",
            )
            yield Label("Base URL")
            yield Input(
                s.base_url or "",
                placeholder="https://api.openai.com/v1 (or Ollama, vLLM…)",
                id="base_url",
                compact=True,
                select_on_focus=False,
            )
            yield Label("Model")
            yield Input(s.model, id="model", compact=True, select_on_focus=False)
            yield Label("Instructor mode")
            yield Select(
                [
                    ("auto", "auto"),
                    ("tools (OpenAI)", "tools"),
                    ("json (Ollama, others)", "json"),
                    ("md_json", "md_json"),
                ],
                value=s.mode,
                allow_blank=False,
                compact=True,
                id="mode",
            )
            yield Label("Concurrency")
            yield Input(
                str(s.concurrency),
                type="integer",
                id="concurrency",
                compact=True,
                select_on_focus=False,
            )
            yield Label("Redaction")
            yield Select(
                [("auto (on unless the provider is local)", "auto"), ("on", "on"), ("off", "off")],
                value=redact,
                allow_blank=False,
                compact=True,
                id="redact",
            )
            yield Label("API key")
            yield Static(id="key-state")
        yield Static(id="overridden", classes="hint")
        with Horizontal(classes="buttons"):
            yield Button("Save (ctrl+s)", id="save", variant="primary")
            yield Button("Test connection (ctrl+e)", id="test")
        yield Static(id="connection")

    def on_mount(self) -> None:
        self._show_state(self.guideagent.settings)

    def focus_first(self) -> None:
        self.query_one("#engine", Select).focus()

    def _show_state(self, settings: Settings) -> None:
        key = self.query_one("#key-state", Static)
        if settings.api_key:
            key.update(Text("present (from the environment; never shown or saved)", style="green"))
        else:
            key.update(
                Text(
                    "absent: set OPENAI_API_KEY before launching (local servers need none)",
                    style="yellow",
                )
            )
        overridden = sorted(
            k for k, v in settings.source.items() if v in ("env", "flag") and k != "api_key"
        )
        self.query_one("#overridden", Static).update(
            f"Settings file: {config_path()}"
            + (
                f"\nSet by the environment or flags, which win over the file: {', '.join(overridden)}"
                if overridden
                else ""
            )
        )

    def form_settings(self) -> Settings:
        """The settings the form describes; raises ConfigError when a value cannot work."""
        current: Settings = self.guideagent.settings
        raw_concurrency = self.query_one("#concurrency", Input).value.strip()
        values = current.model_dump()
        values.update(
            engine=self.query_one("#engine", Select).value,
            base_url=self.query_one("#base_url", Input).value.strip() or None,
            model=self.query_one("#model", Input).value.strip() or current.model,
            mode=self.query_one("#mode", Select).value,
            concurrency=int(raw_concurrency) if raw_concurrency.isdigit() else -1,
            redact=REDACT[str(self.query_one("#redact", Select).value)],
            api_key=current.api_key,
        )
        try:
            settings = Settings.model_validate(values)
        except ValidationError as exc:
            problems = "; ".join(
                f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors()
            )
            raise ConfigError(f"{problems}. Fix the field and save again.") from None
        settings.source = dict(current.source)
        return settings

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        from guideagent.config import save_settings

        try:
            settings = self.form_settings()
            path = save_settings(settings)
        except ConfigError as exc:
            self.guideagent.report_error(exc)
            return
        except OSError as exc:
            self.guideagent.report_error(ConfigError(f"Could not write the settings file: {exc}"))
            return
        self.post_message(SettingsChanged(settings))
        self._show_state(settings)
        self.notify(
            f"Saved to {path}. The {settings.resolved_engine()} engine is used from now on.",
            title="Settings saved",
        )

    @on(Button.Pressed, "#test")
    def action_test_connection(self) -> None:
        try:
            settings = self.form_settings()
        except ConfigError as exc:
            self.guideagent.report_error(exc)
            return
        self.query_one("#connection", Static).update(
            Text(f"Testing {settings.base_url or 'https://api.openai.com/v1'}…", style="dim")
        )
        self.guideagent.test_connection(self, settings)

    @on(ConnectionTested)
    def _tested(self, event: ConnectionTested) -> None:
        self.query_one("#connection", Static).update(Text(f"✔ {event.detail}", style="green"))

    @on(WorkEnded)
    def _test_failed(self, event: WorkEnded) -> None:
        if event.group == "test-connection" and not event.ok:
            self.query_one("#connection", Static).update(
                Text(f"✖ {event.error or 'The test failed.'}", style="red")
            )

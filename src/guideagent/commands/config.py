"""`guideagent config`: the settings in force, where each came from, and the file's path."""

from __future__ import annotations

from guideagent.config import Settings, config_path


def run(args, settings: Settings) -> int:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    table = Table(title=f"guideagent settings (file: {escape(str(config_path()))})")
    table.add_column("setting")
    table.add_column("value")
    table.add_column("from")
    for key, value in settings.describe().items():
        table.add_row(key, escape(str(value)), settings.source.get(key, "default"))
    Console().print(table)
    return 0

"""Widgets: one per file. Each tab's pane lives in its own module."""

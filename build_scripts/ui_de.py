"""German words around the questions (keys as in ui.UI_EN)."""

UI_DE: dict[str, str] = {}

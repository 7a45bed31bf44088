"""Look and feel: palettes that follow the system, the dark style, the app's icons."""

"""Qt widgets: the main window, views, dialogs, item models and undo commands."""

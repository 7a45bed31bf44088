"""The main window: its frame (main_window.py) and the parts it is made of: toolbar, menus,
edits, dialogs and drops."""

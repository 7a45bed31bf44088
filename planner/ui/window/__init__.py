"""The main window: its frame, toolbar, menus and the views it holds."""

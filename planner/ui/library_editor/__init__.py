"""The library editor: the table of skills and roles, their edit dialogs and import problems."""

"""The main window's dialogs: backups, export, opening problems, study sessions, shortcuts."""

"""Small pieces shared by the views and dialogs: dates, duration input, labels, message boxes."""

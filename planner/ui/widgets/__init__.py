"""Small pieces shared by the views and dialogs: dates, durations, labels, messages, models."""

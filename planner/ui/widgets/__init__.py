"""Small widgets shared by the views and dialogs: duration and date inputs, labels."""

"""What the main window shows: the plan, progress and compare views and the skill panel."""

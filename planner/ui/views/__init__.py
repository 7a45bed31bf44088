"""The views of the main window: plan, progress, graph, compare and the skill panel."""

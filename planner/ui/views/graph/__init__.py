"""The graph view: the plan's prerequisite graph on screen, zoomable and pannable."""

"""Roadmap planner: a dated study roadmap for AI and ML engineers from a prerequisite graph."""

__version__ = "0.1.0"

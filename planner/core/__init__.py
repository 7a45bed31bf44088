"""Pure logic: the skill library as plain data, the prerequisite graph, plans and progress."""

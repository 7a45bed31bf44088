"""The prerequisite graph drawn with QPainter: layout, boxes, edges, names, overview, legend."""

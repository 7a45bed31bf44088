"""The roadmap file format: its schema, loading with line numbers, and writing."""

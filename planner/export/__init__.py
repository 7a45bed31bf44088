"""Writers of the learner's roadmap: PDF, Markdown, JSON, iCalendar and CSV."""

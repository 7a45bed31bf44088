"""The learner's roadmap as a PDF, drawn with Qt's own PDF writer (QtGui only).

Title page, plan by phase, prerequisite graph, progress charts and every skill in detail.
"""

from planner.export.options import PdfOptions
from planner.export.pdf.document import document_title, render_pdf

__all__ = ["PdfOptions", "document_title", "render_pdf"]

"""QtGui painters shared by the screen and the PDF: graph drawing and charts."""

"""Charts drawn with QPainter: one paint function per chart, for the screen and for print."""

"""Charts drawn with QPainter: one paint function per chart, taking a painter and a rectangle,
so the same code draws them on screen and in print (the visit report's PDF)."""

"""Charts drawn with QPainter: one paint function each, taking a painter and a rectangle,
so the same code draws them on screen (``ChartView``) and in the visit report's PDF."""

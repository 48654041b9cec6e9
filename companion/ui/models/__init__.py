"""Qt item models, filled from outside with set_rows()/set_week(); they never query."""

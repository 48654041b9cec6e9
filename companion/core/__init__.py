"""Pure logic: no Qt, no database. Cheap to test."""

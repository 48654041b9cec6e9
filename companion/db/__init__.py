"""SQLite storage: typed models, the engine and session factory, and safe start-up checks."""

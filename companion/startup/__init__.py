"""The start-up sequence's parts: exit statuses, and opening the database with every way it
can fail (a wait, a backup offer, a refusal), off the UI thread."""

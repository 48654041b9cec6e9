"""Dose alarms: the scheduler, reconciliation, and the notification chain."""

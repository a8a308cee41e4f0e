"""Reusable widgets, delegates and table models that no feature owns."""

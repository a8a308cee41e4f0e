"""The source reader: an imported article as read-only plain text with its claims highlighted."""

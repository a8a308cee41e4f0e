"""ClaimTracker's core: domain model, storage, search, import, export and CLI. Never imports Qt."""

__version__ = "0.1.0"

"""Storage: engines with safe SQLite settings, sessions per user action, migrations.

``Store`` is imported on first use (PEP 562) so that light modules of this package, such as
``claimtracker.store.version``, can be used without importing SQLAlchemy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from claimtracker.store.database import Store

__all__ = ["Store"]


def __getattr__(name: str) -> Any:
    if name == "Store":
        from claimtracker.store.database import Store

        return Store
    raise AttributeError(name)

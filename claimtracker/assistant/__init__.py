"""The attribution assistant: suggests who asserted what, on what attribution, in an article.

Pure Python and ``re``: offline, deterministic, no models. ``suggest(text)`` takes an article's
stored text verbatim (Markdown included) and returns :class:`Suggestion` objects whose offsets point
into that text.
"""

from __future__ import annotations

from claimtracker.assistant.engine import suggest, suggest_many
from claimtracker.assistant.suggestion import Suggestion

__all__ = ["Suggestion", "suggest", "suggest_many"]

"""What the assistant proposes: one assertion, who makes it and on what attribution."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Suggestion:
    """One proposed claim, anchored in the stored source text by ``start`` and ``end``.

    ``text == source_text[start:end]`` always holds; ``counter_to`` holds indices of other
    suggestions in the same list that this one denies, rejects or contradicts.
    """

    text: str
    quote: str | None
    start: int
    end: int
    speaker: str | None
    speaker_kind: str
    attribution: str
    descriptor: str | None
    cue: str | None
    source_count: int | None
    counter_to: tuple[int, ...] = ()

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready mapping; ``counter_to`` becomes a list."""
        return {
            "text": self.text,
            "quote": self.quote,
            "start": self.start,
            "end": self.end,
            "speaker": self.speaker,
            "speaker_kind": self.speaker_kind,
            "attribution": self.attribution,
            "descriptor": self.descriptor,
            "cue": self.cue,
            "source_count": self.source_count,
            "counter_to": list(self.counter_to),
        }

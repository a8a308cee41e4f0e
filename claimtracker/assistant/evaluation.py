"""Scoring suggestions against hand-made gold annotations (used by the quality bench and tests).

A gold file is JSON beside its article::

    {"article": "name.txt",
     "assertions": [{"id": "x", "phrase": "...", "speaker": ["..."] , "attribution": "...",
                     "optional": false}],
     "counters": [{"from": "id", "to": ["id", ...], "optional": false}]}

A suggestion matches a gold item when its text contains the item's phrase (whitespace normalised).
Precision counts suggestions that match a gold item against all suggestions, leaving out those that
match only items marked optional (acceptable, not required). Speaker and attribution correctness
are counted over the required items that were found; ``speaker`` lists the acceptable names (null
for none) and ``attribution`` one code or a list of acceptable codes. A counter link is right when
its two ends match a gold counter pair.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from claimtracker.assistant.engine import suggest
from claimtracker.assistant.suggestion import Suggestion


@dataclass
class Score:
    """Counts for one article or a sum of articles."""

    required: int = 0
    found: int = 0
    speaker_ok: int = 0
    attribution_ok: int = 0
    suggestions: int = 0
    suggestions_matching: int = 0
    counter_gold: int = 0
    counter_found: int = 0
    counter_links: int = 0
    counter_links_ok: int = 0
    notes: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for f in fields(self):
            if f.name != "notes":
                setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))

    @property
    def precision(self) -> float:
        return self.suggestions_matching / self.suggestions if self.suggestions else 1.0

    @property
    def recall(self) -> float:
        return self.found / self.required if self.required else 1.0

    @property
    def speaker_accuracy(self) -> float:
        return self.speaker_ok / self.found if self.found else 1.0

    @property
    def attribution_accuracy(self) -> float:
        return self.attribution_ok / self.found if self.found else 1.0

    @property
    def counter_precision(self) -> float:
        return self.counter_links_ok / self.counter_links if self.counter_links else 1.0

    @property
    def counter_recall(self) -> float:
        return self.counter_found / self.counter_gold if self.counter_gold else 1.0


@dataclass(frozen=True)
class GoldArticle:
    name: str
    text: str
    gold: dict[str, Any]


def load_gold(folder: Path) -> list[GoldArticle]:
    """Every ``*.json`` gold file in ``folder`` with the article it names, sorted by name."""
    articles = []
    for path in sorted(folder.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        text = (path.parent / gold["article"]).read_text(encoding="utf-8")
        articles.append(GoldArticle(path.stem, text, gold))
    return articles


def _norm(value: str) -> str:
    return " ".join(value.split())


def _norm_speaker(value: str | None) -> str | None:
    if value is None:
        return None
    return _norm(value).casefold().strip('«»"“”').removeprefix("the ")


def _matches(suggestion: Suggestion, phrase: str) -> bool:
    return _norm(phrase) in _norm(suggestion.text)


def evaluate(
    gold: dict[str, Any], text: str, suggestions: Sequence[Suggestion] | None = None
) -> Score:
    """Score the suggestions for ``text`` (computed if not given) against ``gold``."""
    found = list(suggest(text)) if suggestions is None else list(suggestions)
    items: list[dict[str, Any]] = gold["assertions"]
    by_id = {item["id"]: item for item in items}
    score = Score(suggestions=len(found))
    for s in found:
        matched = [item for item in items if _matches(s, item["phrase"])]
        if matched and all(item.get("optional") for item in matched):
            score.suggestions -= 1  # acceptable, neither right nor wrong
        elif matched:
            score.suggestions_matching += 1
        else:
            score.notes.append(f"EXTRA   {s.attribution}/{s.speaker}: {_norm(s.text)[:90]!r}")
    for item in items:
        if item.get("optional"):
            continue
        score.required += 1
        hits = [s for s in found if _matches(s, item["phrase"])]
        if not hits:
            score.notes.append(f"MISSED  {item['id']}: {item['phrase']!r}")
            continue
        score.found += 1
        speakers = {_norm_speaker(v) for v in item["speaker"]}
        codes = item["attribution"]
        codes = [codes] if isinstance(codes, str) else codes
        if any(_norm_speaker(s.speaker) in speakers for s in hits):
            score.speaker_ok += 1
        else:
            got = [s.speaker for s in hits]
            score.notes.append(f"SPEAKER {item['id']}: got {got} want {item['speaker']}")
        if any(s.attribution in codes for s in hits):
            score.attribution_ok += 1
        else:
            got = [s.attribution for s in hits]
            score.notes.append(f"ATTRIB  {item['id']}: got {got} want {codes}")

    pairs: list[dict[str, Any]] = gold.get("counters", [])

    def ends(pair: dict[str, Any]) -> tuple[set[int], set[int]]:
        source = {i for i, s in enumerate(found) if _matches(s, by_id[pair["from"]]["phrase"])}
        targets = {
            i
            for i, s in enumerate(found)
            for target in pair["to"]
            if _matches(s, by_id[target]["phrase"])
        }
        return source, targets

    resolved = [(pair, *ends(pair)) for pair in pairs]
    for pair, source, targets in resolved:
        if pair.get("optional"):
            continue
        score.counter_gold += 1
        if any(set(found[i].counter_to) & targets for i in source):
            score.counter_found += 1
        else:
            score.notes.append(f"COUNTER {pair['from']} -> {pair['to']} not linked")
    for i, s in enumerate(found):
        for j in s.counter_to:
            score.counter_links += 1
            if any(i in source and j in targets for _, source, targets in resolved):
                score.counter_links_ok += 1
            else:
                score.notes.append(
                    f"LINK    {_norm(s.text)[:50]!r} -> {_norm(found[j].text)[:50]!r}"
                )
    return score

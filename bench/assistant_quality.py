"""Precision and recall of the attribution assistant against hand-made gold annotations.

    .venv/bin/python bench/assistant_quality.py [--split dev|heldout|all] [--verbose]

Gold files live in ``tests/data/assistant/{dev,heldout}/*.json``, each beside its article. A
suggestion matches a gold item when its text contains the item's phrase (whitespace normalised).
Precision counts suggestions that match a gold item against all suggestions, leaving out those that
match only items marked optional (acceptable, not required). Speaker and attribution correctness are
reported separately, over the required items that were found. Counter links are scored the same
way: a link is right when its two ends match a gold counter pair.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from claimtracker.assistant import Suggestion, suggest  # noqa: E402

DATA = ROOT / "tests" / "data" / "assistant"


def _norm(value: str) -> str:
    return " ".join(value.split())


def _norm_speaker(value: str | None) -> str | None:
    if value is None:
        return None
    value = _norm(value).casefold().strip('«»"“”')
    return value.removeprefix("the ")


@dataclass
class Score:
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
    misses: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for name in [
            "required",
            "found",
            "speaker_ok",
            "attribution_ok",
            "suggestions",
            "suggestions_matching",
            "counter_gold",
            "counter_found",
            "counter_links",
            "counter_links_ok",
        ]:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def row(self, label: str) -> str:
        def pct(a: int, b: int) -> str:
            return f"{100 * a / b:5.1f}%" if b else "   – "

        return (
            f"{label:42} P {pct(self.suggestions_matching, self.suggestions)}"
            f"  R {pct(self.found, self.required)}"
            f"  speaker {pct(self.speaker_ok, self.found)}"
            f"  attribution {pct(self.attribution_ok, self.found)}"
            f"  counters P {pct(self.counter_links_ok, self.counter_links)}"
            f" R {pct(self.counter_found, self.counter_gold)}"
        )


def _matches(suggestion: Suggestion, phrase: str) -> bool:
    return _norm(phrase) in _norm(suggestion.text)


def evaluate(gold: dict[str, Any], text: str, verbose: bool = False) -> Score:
    suggestions = suggest(text)
    items = gold["assertions"]
    assert isinstance(items, list)
    by_id = {item["id"]: item for item in items}
    score = Score(suggestions=len(suggestions))
    matched_any: list[bool] = []
    for s in suggestions:
        hits = [item for item in items if _matches(s, item["phrase"])]
        if hits and all(item.get("optional") for item in hits):
            score.suggestions -= 1  # acceptable, neither right nor wrong
            matched_any.append(True)
            continue
        matched_any.append(bool(hits))
        if hits:
            score.suggestions_matching += 1
    for item in items:
        if item.get("optional"):
            continue
        score.required += 1
        hits = [s for s in suggestions if _matches(s, item["phrase"])]
        if not hits:
            score.misses.append(f"MISSED {item['id']}: {item['phrase']!r}")
            continue
        score.found += 1
        speakers = {_norm_speaker(v) for v in item["speaker"]}
        attributions = item["attribution"]
        if isinstance(attributions, str):
            attributions = [attributions]
        if any(_norm_speaker(s.speaker) in speakers for s in hits):
            score.speaker_ok += 1
        else:
            score.misses.append(
                f"SPEAKER {item['id']}: got {[s.speaker for s in hits]} want {item['speaker']}"
            )
        if any(s.attribution in attributions for s in hits):
            score.attribution_ok += 1
        else:
            score.misses.append(
                f"ATTRIB  {item['id']}: got {[s.attribution for s in hits]} want {attributions}"
            )
    if verbose:
        for s, ok in zip(suggestions, matched_any, strict=True):
            if not ok:
                score.misses.append(f"EXTRA   {s.attribution}/{s.speaker}: {_norm(s.text)[:90]!r}")
    # Counters.
    pairs = gold.get("counters", [])
    assert isinstance(pairs, list)

    def ends(pair: dict[str, Any]) -> tuple[set[int], set[int]]:
        src = {i for i, s in enumerate(suggestions) if _matches(s, by_id[pair["from"]]["phrase"])}
        dst = {
            i
            for i, s in enumerate(suggestions)
            for target in pair["to"]
            if _matches(s, by_id[target]["phrase"])
        }
        return src, dst

    for pair in pairs:
        if pair.get("optional"):
            continue
        score.counter_gold += 1
        src, dst = ends(pair)
        if any(set(suggestions[i].counter_to) & dst for i in src):
            score.counter_found += 1
        else:
            score.misses.append(f"COUNTER {pair['from']} -> {pair['to']} not linked")
    for i, s in enumerate(suggestions):
        for j in s.counter_to:
            score.counter_links += 1
            ok = False
            for pair in pairs:
                src, dst = ends(pair)
                if i in src and j in dst:
                    ok = True
            if ok:
                score.counter_links_ok += 1
            elif verbose:
                score.misses.append(
                    f"LINK    {_norm(s.text)[:50]!r} -> {_norm(suggestions[j].text)[:50]!r}"
                )
    return score


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("dev", "heldout", "all"), default="all")
    parser.add_argument("--verbose", "-v", action="store_true", help="list misses and extras")
    args = parser.parse_args(argv)
    splits = ("dev", "heldout") if args.split == "all" else (args.split,)
    for split in splits:
        total = Score()
        print(f"== {split}")
        for gold_path in sorted((DATA / split).glob("*.json")):
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
            text = (gold_path.parent / gold["article"]).read_text(encoding="utf-8")
            score = evaluate(gold, text, verbose=args.verbose)
            total.add(score)
            print(score.row(gold_path.stem))
            if args.verbose:
                for line in score.misses:
                    print("      " + line)
        print(total.row(f"OVERALL {split}"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

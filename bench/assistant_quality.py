"""Precision and recall of the attribution assistant against hand-made gold annotations.

    .venv/bin/python bench/assistant_quality.py [--split dev|heldout|heldout2|all] [--verbose]

Gold files live in ``tests/data/assistant/<split>/*.json``, each beside its article; the scoring
rules are in :mod:`claimtracker.assistant.evaluation`.

- ``dev``: articles the rules were developed on (the second half of them was scored once before
  tuning, see the commit history);
- ``heldout``: written with their gold before any rule existed, scored once at the end; the bugs
  that first score revealed were then fixed, so it is no longer blind;
- ``heldout2``: written after that, scored once after the last change.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from claimtracker.assistant.evaluation import Score, evaluate, load_gold  # noqa: E402

DATA = ROOT / "tests" / "data" / "assistant"


def _pct(value: float, denominator: int) -> str:
    return f"{100 * value:5.1f}%" if denominator else "   – "


def row(label: str, s: Score) -> str:
    return (
        f"{label:40} P {_pct(s.precision, s.suggestions)}"
        f"  R {_pct(s.recall, s.required)}"
        f"  speaker {_pct(s.speaker_accuracy, s.found)}"
        f"  attribution {_pct(s.attribution_accuracy, s.found)}"
        f"  counters P {_pct(s.counter_precision, s.counter_links)}"
        f" R {_pct(s.counter_recall, s.counter_gold)}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Attribution assistant: precision and recall.")
    available = sorted(p.name for p in DATA.iterdir() if p.is_dir())
    parser.add_argument("--split", choices=(*available, "all"), default="all")
    parser.add_argument("--verbose", "-v", action="store_true", help="list misses and extras")
    args = parser.parse_args(argv)
    splits = available if args.split == "all" else [args.split]
    for split in splits:
        total = Score()
        print(f"== {split}")
        for article in load_gold(DATA / split):
            score = evaluate(article.gold, article.text)
            total.add(score)
            print(row(article.name, score))
            if args.verbose:
                for note in score.notes:
                    print("      " + note)
        print(row(f"OVERALL {split} ({total.required} gold items)", total))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

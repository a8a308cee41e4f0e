"""Speed of the attribution assistant, each figure beside a plain ``re`` sentence split.

    .venv/bin/python bench/assistant_speed.py [--articles 500] [--repeat 7]

Prints the time for one 1,000-word article (target ≤ 50 ms) and articles per second over a batch of
synthetic articles (target ≥ 200/s). The ``re.split`` on sentence ends is the ceiling: no rule-based
assistant can be faster than merely cutting the text into sentences.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from claimtracker.assistant import suggest, suggest_many  # noqa: E402

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")

_PEOPLE = [
    "Anna Berg",
    "Tom Ellery",
    "Sergei Volkov",
    "Maria Chen",
    "Daniel Okafor",
    "Liesje van Dam",
]
_BODIES = ["the defence ministry", "the State Department", "the Kremlin", "the company", "Labour"]
_GROUPS = [
    "four people familiar with the discussions",
    "two senior officials",
    "Tory sources",
    "a person with knowledge of the matter",
    "three diplomats",
]
_OUTLETS = ["the Sunday Telegraph", "Bloomberg News", "TASS", "the Financial Times"]
_FACTS = [
    "the talks had stalled over the question of sanctions",
    "about {n} troops remain in the north of the country",
    "the plan would cost at least ${n} million over five years",
    "no decision had been taken on the future of the contract",
    "the ministry had been warned about the risks in {year}",
    "exports fell {n}% in the first quarter of the year",
]
_TEMPLATES = [
    "{Fact}, according to {group}.",
    "{person} said {fact}.",
    '"{Fact}," {surname} said on {day}. "We will not accept it."',
    "{Body} said in a statement that {fact}.",
    "{Fact}, {group} said, asking not to be identified because the talks are private.",
    "A report in {outlet} claimed that {fact}.",
    '{person} denied the report, saying: "There is no truth in it."',
    "They are estimated to number {n} fighters, many of them in the north.",
    "The decision follows months of negotiations between the two governments in the region.",
    "In a separate statement, {body} said {fact} and warned that {fact2}.",
]
_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def synthetic_article(rng: random.Random, words: int) -> str:
    """A made-up article in stored-Markdown form, about ``words`` words long."""
    parts = [f"# Synthetic Story Number {rng.randint(1, 999)}", "By [Wire](#)", "March 3, 2024"]
    count = 0
    while count < words:
        paragraph = []
        for _ in range(rng.randint(1, 3)):
            person = rng.choice(_PEOPLE)
            fact = rng.choice(_FACTS).format(n=rng.randint(2, 900), year=rng.randint(2015, 2024))
            fact2 = rng.choice(_FACTS).format(n=rng.randint(2, 900), year=rng.randint(2015, 2024))
            body = rng.choice(_BODIES)
            sentence = rng.choice(_TEMPLATES).format(
                Fact=fact[0].upper() + fact[1:],
                fact=fact,
                fact2=fact2,
                person=person,
                surname=person.split()[-1],
                group=rng.choice(_GROUPS),
                Body=body[0].upper() + body[1:],
                body=body,
                outlet=rng.choice(_OUTLETS),
                day=rng.choice(_DAYS),
                n=rng.randint(2, 900),
            )
            paragraph.append(sentence)
            count += len(sentence.split())
        parts.append(" ".join(paragraph))
    parts.append("Original url:\n\n<https://example.com/story>")
    return "\n\n".join(parts) + "\n"


def best_of(repeat: int, work: Callable[[], object]) -> tuple[float, float]:
    """(best, median) of ``repeat`` timings of ``work()`` in seconds, after one warm-up run.

    The best is the figure to compare (as ``timeit`` advises: slower runs measure the other
    processes on the machine, not the code); the median shows how noisy the machine was.
    """
    work()
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        timings.append(time.perf_counter() - start)
    return min(timings), statistics.median(timings)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Attribution assistant: speed.")
    parser.add_argument("--articles", type=int, default=500, help="synthetic articles in the batch")
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args(argv)
    rng = random.Random(20180825)

    article = synthetic_article(rng, 1000)
    n_words = len(article.split())
    one, one_median = best_of(args.repeat, lambda: suggest(article))
    one_split, _ = best_of(args.repeat, lambda: _SENTENCE_END.split(article))
    print(f"one article of {n_words} words (best of {args.repeat}; median in brackets):")
    print(f"  suggest()           {one * 1000:8.2f} ms   ({one_median * 1000:.2f})  target ≤ 50 ms")
    print(f"  re sentence split   {one_split * 1000:8.3f} ms   (ceiling)")

    batch = [synthetic_article(rng, rng.randint(300, 900)) for _ in range(args.articles)]
    batch_words = sum(len(a.split()) for a in batch)
    many, many_median = best_of(max(3, args.repeat // 2), lambda: list(suggest_many(batch)))
    many_split, _ = best_of(args.repeat, lambda: [_SENTENCE_END.split(a) for a in batch])
    average = batch_words // len(batch)
    print(f"batch of {len(batch)} synthetic articles ({average} words on average):")
    print(
        f"  suggest_many()      {len(batch) / many:8.0f} articles/s   "
        f"({len(batch) / many_median:.0f})  target ≥ 200/s"
    )
    print(f"  re sentence split   {len(batch) / many_split:8.0f} articles/s   (ceiling)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

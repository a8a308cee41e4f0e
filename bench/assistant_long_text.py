"""The assistant on long texts: the whole text at once against paragraph-aligned chunks.

    .venv/bin/python bench/assistant_long_text.py [--articles 20,80] [--chunked 300]

``suggest`` on the whole text grows faster than the text (names and counter-claims are looked
up over everything before); ``suggest_in_chunks`` grows with the text, which is what bounds
the time of a very long article in the app and the CLI. Each figure is printed beside the
ceiling measured in the same run: a plain ``re`` sentence split of the same text.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from assistant_speed import synthetic_article  # noqa: E402

from claimtracker.assistant import suggest  # noqa: E402
from claimtracker.assistant.chunked import CHUNK_CHARS, MAX_CHARS, suggest_in_chunks  # noqa: E402

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def text_of(articles: int, seed: int = 7) -> str:
    rng = random.Random(seed)
    return "\n\n".join(synthetic_article(rng, 1000) for _ in range(articles))


def timed(work: object) -> float:
    start = time.perf_counter()
    work()  # type: ignore[operator]
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", default="20,80", help="whole-text sizes, in articles")
    parser.add_argument("--chunked", type=int, default=300, help="the long text, in articles")
    args = parser.parse_args()
    print(f"chunks of ~{CHUNK_CHARS:,} characters; texts over {MAX_CHARS:,} are declined")
    for articles in (int(n) for n in args.articles.split(",")):
        text = text_of(articles)
        ceiling = timed(lambda text=text: _SENTENCE_END.split(text))
        whole = timed(lambda text=text: suggest(text))
        parts = timed(lambda text=text: suggest_in_chunks(text))
        print(
            f"{len(text):>10,} chars: whole {whole:7.2f} s, chunked {parts:6.2f} s "
            f"(re split ceiling {ceiling * 1000:.1f} ms)"
        )
    text = text_of(args.chunked)
    ceiling = timed(lambda: _SENTENCE_END.split(text))
    parts = timed(lambda: suggest_in_chunks(text, max_chars=len(text)))
    print(
        f"{len(text):>10,} chars: chunked {parts:6.2f} s = {len(text) / parts / 1e6:.3f} MB/s "
        f"(re split ceiling {len(text) / ceiling / 1e6:.0f} MB/s)"
    )


if __name__ == "__main__":
    main()

"""The development set: minimum recall and correctness over hand-annotated articles.

The held-out articles (``tests/data/assistant/heldout``) are deliberately not used here; they are
scored by ``bench/assistant_quality.py`` only.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from claimtracker.assistant import suggest
from claimtracker.assistant.evaluation import Score, evaluate, load_gold

DEV = load_gold(Path(__file__).parent.parent / "data" / "assistant" / "dev")


def test_the_dev_set_has_articles_in_several_styles():
    assert len(DEV) >= 8
    assert any(a.text.lstrip().startswith("#") for a in DEV)  # Markdown
    assert any("«" in a.text for a in DEV)  # Russian
    assert any("“" in a.text for a in DEV)  # curly quotes


@pytest.mark.parametrize("article", DEV, ids=[a.name for a in DEV])
def test_offsets_point_at_the_text(article):
    for s in suggest(article.text):
        assert article.text[s.start : s.end] == s.text


@pytest.mark.parametrize("article", DEV, ids=[a.name for a in DEV])
def test_each_article_recall(article):
    score = evaluate(article.gold, article.text)
    assert score.recall >= 0.75, score.notes


def test_overall_quality_on_the_dev_set():
    total = Score()
    for article in DEV:
        total.add(evaluate(article.gold, article.text))
    assert total.recall >= 0.9
    assert total.precision >= 0.85
    assert total.speaker_accuracy >= 0.85
    assert total.attribution_accuracy >= 0.85
    assert total.counter_recall >= 0.6

"""In the echo review, a duplicate is merged into the claim that stays as one undoable step."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from claimtracker.dispute.opinions import opinions_of
from claimtracker.query import links_of
from claimtracker.store import Store
from tests.dispute.conftest import WIRE, Dispute, build_dispute, claim, link
from tests.dispute.test_merging import _opinion
from tests.ui.test_dispute import _open
from ui.dispute.window import ECHOES
from ui.main_window import MainWindow


@pytest.fixture
def dispute(store: Store) -> Dispute:
    return build_dispute(store)


def test_a_duplicate_is_merged_from_the_echo_review_and_undone(
    qtbot: QtBot, make_window: object, dispute: Dispute, db_path: Path
) -> None:
    dup = claim(
        dispute.store,
        dispute.sources["northwire"],
        WIRE,
        text="Government shelling killed six civilians in Karvash village",
    )
    link(dispute.store, dup, dispute.denial, "denies")
    _opinion(dispute.store, "Anna", dup, "agree")
    window: MainWindow = make_window(db_path)  # type: ignore[operator]
    project = window.project
    assert project is not None
    review = _open(qtbot, window, ECHOES).echoes
    qtbot.waitUntil(lambda: not review.busy and review.model.rowCount() > 0, timeout=10_000)
    echoes = review.model.echoes()
    row = next(i for i, e in enumerate(echoes) if e.kind == "duplicate")
    pair = (echoes[row].a.id, echoes[row].b.id)
    assert sorted(pair) == sorted((dispute.wire, dup))
    review.select([next(i for i, e in enumerate(echoes) if e.kind == "echo")])
    assert not review.merge_button.isEnabled()  # echoes are linked, not merged
    review.select([row])
    assert review.merge_button.isEnabled()
    actions = review.merge_menu.actions()
    assert [a.text().split(" — ")[0] for a in actions] == [
        f"Keep #{pair[0]}, merge #{pair[1]} into it",
        f"Keep #{pair[1]}, merge #{pair[0]} into it",
    ]
    # Keep the wire story, whichever side of the pair it is on.
    actions[pair.index(dispute.wire)].trigger()
    assert review.summary.text().startswith(f"Merged #{dup} into #{dispute.wire}")
    assert not any(dup in (e.a.id, e.b.id) for e in review.model.echoes())

    def merged() -> bool:
        on_wire = {(r.other_id, r.relation) for r in links_of(project.reader, dispute.wire)}
        anna = [o.analyst for o in opinions_of(project.reader, dispute.wire)]
        return (dispute.denial, "denies") in on_wire and anna == ["Anna"]

    assert merged()
    assert window.undo_stack.undoText() == f"Merge #{dup} into #{dispute.wire}"
    window.act.undo.trigger()
    assert not merged()
    assert [r.other_id for r in links_of(project.reader, dup)] == [dispute.denial]
    window.act.redo.trigger()
    assert merged()

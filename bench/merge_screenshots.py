"""Offscreen screenshots of a merge in the app: its summary, the claims in conflict marked and
filtered, and a conflict settled side by side, field by field.

    QT_QPA_PLATFORM=offscreen python bench/merge_screenshots.py [OUT_DIR]

Two copies of the sample project are edited apart (Alice here, Bob on his laptop), then Bob's is
merged into Alice's. Writes into ``shots/`` (gitignored); settings and data go to a temporary
folder.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench.ui_screenshots import start_app


def _edit_apart(mine: Path, theirs: Path) -> None:
    from claimtracker import services
    from claimtracker.schemas import ActorCreate, ClaimCreate, ClaimUpdate
    from claimtracker.store import Store

    os.environ["CLAIMTRACKER_ANALYST"] = "Alice Moreau"
    with Store.open(mine) as store, store.write() as session:
        services.update_claim(
            session=session,
            claim_id=1,
            changes=ClaimUpdate(
                status="verified", notes="Checked against the ministry's statement."
            ),
        )
        services.update_claim(session=session, claim_id=3, changes=ClaimUpdate(credibility=2))
    os.environ["CLAIMTRACKER_ANALYST"] = "Bob Tanaka"
    with Store.open(theirs) as store, store.write() as session:
        services.update_claim(
            session=session,
            claim_id=1,
            changes=ClaimUpdate(
                status="misleading", notes="The quote leaves out the second half of the sentence."
            ),
        )
        services.update_claim(session=session, claim_id=2, changes=ClaimUpdate(status="disputed"))
        services.delete_claim(session=session, claim_id=3)
        speaker = services.create_actor(
            session=session, actor_in=ActorCreate(name="S. Ryabkov", kind="person")
        )
        services.create_claim(
            session=session,
            claim_in=ClaimCreate(
                text="Moscow will answer any new sanctions",
                speaker_id=speaker.id,
                tags=["sanctions"],
            ),
        )
    os.environ["CLAIMTRACKER_ANALYST"] = "Alice Moreau"


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "shots").resolve()
    out.mkdir(parents=True, exist_ok=True)
    sample, settle = start_app()
    from PySide6.QtWidgets import QWidget

    from ui.main_window import MainWindow
    from ui.settings import Settings

    mine, theirs = sample.parent / "Alice.db", sample.parent / "Bob's laptop.db"
    shutil.copyfile(sample, mine)
    shutil.copyfile(sample, theirs)
    _edit_apart(mine, theirs)

    def grab(widget: QWidget, name: str) -> None:
        settle()
        path = out / f"{name}.png"
        widget.grab().save(str(path))
        print(path)

    window = MainWindow(Settings())
    window.resize(1480, 900)
    window.open_project(str(mine))
    window.show()
    settle(800)
    window.merging.merge(theirs)
    while window.merging.summary_box is None:
        settle(100)
    grab(window.merging.summary_box, "merge-summary")
    window.merging.summary_box.close()
    settle(500)
    grab(window, "merge-table-marked")
    window.filter_bar.set_in_conflict(True)
    settle(500)
    grab(window, "merge-filter-in-conflict")
    window.filter_bar.set_in_conflict(False)

    window.select_claim(1)
    window.show_side_by_side()
    side = window.side_by_side
    side.resize(1320, 820)
    settle(800)
    grab(side, "merge-side-by-side-notice")
    side.close()

    window.merging.show_conflicts()
    conflicts = window.merging.conflicts_window
    conflicts.resize(1100, 640)
    while not conflicts.records:
        settle(100)
    grab(conflicts, "merge-conflict-before")
    status = conflicts.record.conflicts[0] if conflicts.record else None
    if status is not None:
        conflicts.buttons[status.id][1].click()  # take theirs
        settle(600)
        grab(conflicts, "merge-conflict-after-take-theirs")
    while conflicts.record is not None and conflicts.record.kind == "claim":
        conflicts.next()
        settle(100)
        if conflicts.record is None or conflicts.next_button.isEnabled() is False:
            break
    grab(conflicts, "merge-conflict-other-record")
    conflicts.close()
    window.close()
    window.ops.wait()


if __name__ == "__main__":
    main()

"""Offscreen screenshots of the claim network, the timeline and echo review, to look at them.

    QT_QPA_PLATFORM=offscreen python bench/dispute_screenshots.py [OUT_DIR] [N]

On the sample project and on N synthetic claims (default 5,000; ``synthetic.py``) with links
between neighbouring claims and some predictions, in the light and the dark palette. Also prints
how long the 5,000-claim network took to load and lay out, and to paint once. Writes into
``shots/`` (gitignored); settings and data go to a temporary folder.
"""

from __future__ import annotations

import os
import random
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

RELATIONS = ("contradicts", "denies", "counters", "supports", "repeats", "responds_to")


def add_links_and_predictions(path: Path, n: int) -> None:
    """Links between claims near each other (disputes), and claims said before their event."""
    rng = random.Random(11)
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("BEGIN")
    seen: set[tuple[int, int, str]] = set()
    for _ in range(n // 2):
        a = rng.randint(1, n)
        b = min(n, max(1, a + rng.randint(-40, 40)))
        relation = rng.choice(RELATIONS)
        if a == b:
            continue
        if relation in ("contradicts", "repeats"):
            a, b = min(a, b), max(a, b)
        if (a, b, relation) in seen:
            continue
        seen.add((a, b, relation))
        connection.execute(
            "INSERT INTO link (claim_a_id, claim_b_id, relation, uuid, created_at, updated_at,"
            " version) VALUES (?, ?, ?, lower(hex(randomblob(16))), datetime(), datetime(), 1)",
            (a, b, relation),
        )
    connection.execute(
        "UPDATE claim SET said_on = reported_on WHERE said_on IS NULL AND id % 3 = 0"
    )
    connection.execute(
        "UPDATE claim SET event_on = date(said_on, '+' || (id % 40 + 5) || ' days') "
        "WHERE said_on IS NOT NULL AND id % 17 = 0"
    )
    connection.execute("COMMIT")
    connection.close()


def add_wire_story(store: object) -> int:
    """Three small articles written for the tests (tests/data/dispute): a wire sentence, its echo
    in another outlet rated as confirming it, and an independent account; two analysts' opinions.
    Returns the id of the wire claim."""
    from claimtracker import services
    from claimtracker.dispute.opinion_service import set_opinion
    from claimtracker.journal.entries import ANALYST_KEY
    from claimtracker.schemas import ActorCreate, ClaimCreate, LinkCreate, SourceCreate

    data = ROOT / "tests" / "data" / "dispute"
    wire = (
        "Government forces shelled the village of Karvash overnight, killing at least six civilians"
    )
    articles = {
        "northwire": (
            "Northwire",
            wire + ", according to four people familiar with the discussions",
        ),
        "ledger": (
            "Evening Ledger",
            wire + ", according to people familiar with the discussions, Northwire reported",
        ),
        "coastal": (
            "Coastal Times",
            "shells hit the market at dawn and that they had counted six bodies",
        ),
    }
    ids: dict[str, int] = {}
    with store.write() as session:  # type: ignore[attr-defined]
        for name, (outlet, quote) in articles.items():
            text = (data / f"{name}.txt").read_text(encoding="utf-8")
            actor = services.create_actor(
                session=session, actor_in=ActorCreate(name=outlet, kind="media_outlet")
            )
            source, _ = services.create_source(
                session=session,
                source_in=SourceCreate(text=text, title=text.splitlines()[0], outlet_id=actor.id),
            )
            speaker = services.resolve_actor(session=session, name=outlet)
            claim = services.create_claim(
                session=session,
                claim_in=ClaimCreate(
                    text=quote[:1].upper() + quote[1:],
                    quote=quote,
                    source_id=source.id,
                    speaker_id=speaker.id,
                    attribution="anonymous" if name == "northwire" else "secondhand",
                    descriptor="four people familiar with the discussions"
                    if name == "northwire"
                    else "Northwire reported",
                    credibility=1 if name == "northwire" else None,
                    said_on="2018-08-26",
                ),
            )
            ids[name] = int(claim.id or 0)
        services.link_claims(
            session=session,
            link_in=LinkCreate(
                claim_a_id=ids["northwire"], claim_b_id=ids["ledger"], relation="supports"
            ),
        )
        session.info[ANALYST_KEY] = "Anna Petrova"
        set_opinion(
            session=session,
            claim_id=ids["northwire"],
            opinion="disagree",
            note="The Ledger only repeats Northwire",
        )
    with store.write() as session:  # type: ignore[attr-defined]
        session.info[ANALYST_KEY] = "Boris Lind"
        set_opinion(
            session=session,
            claim_id=ids["northwire"],
            opinion="agree",
            note="Coastal Times residents saw it too",
        )
    return ids["northwire"]


def bare_paint(view: object, panel: object) -> float:
    """One QPainter pass drawing each claim as a circle and each link as a line, unsmoothed."""
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QColor, QImage, QPainter

    viewport = view.viewport()  # type: ignore[attr-defined]
    image = QImage(viewport.size(), QImage.Format.Format_ARGB32_Premultiplied)
    network = panel.network  # type: ignore[attr-defined]
    points = {
        claim_id: view.mapFromScene(item.pos())  # type: ignore[attr-defined]
        for claim_id, item in panel.items.items()  # type: ignore[attr-defined]
    }
    started = time.perf_counter()
    painter = QPainter(image)
    painter.setPen(QColor("#6e7781"))
    for edge in network.edges:
        if edge.a in points and edge.b in points:
            painter.drawLine(points[edge.a], points[edge.b])
    painter.setBrush(QColor("#3b9ca1"))
    radius = 9 * view.zoom  # type: ignore[attr-defined]
    for point in points.values():
        painter.drawEllipse(QPointF(point), radius, radius)
    painter.end()
    return time.perf_counter() - started


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "shots").resolve()
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 5000
    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="claimtracker-dispute-shots-"))
    os.environ["XDG_DATA_HOME"] = str(work / "data")
    os.environ["XDG_CONFIG_HOME"] = str(work / "config")
    os.environ.pop("CLAIMTRACKER_DB", None)

    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtWidgets import QWidget

    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(work / "settings"))
    import synthetic

    from claimtracker.sample import build_sample
    from claimtracker.store import Store
    from ui import theme
    from ui.app import create_application
    from ui.dispute.window import ECHOES, NETWORK, TIMELINE
    from ui.main_window import MainWindow
    from ui.settings import Settings

    sample = work / "Sample project.db"
    with Store.open(sample) as store:
        build_sample(store)
        wire_claim = add_wire_story(store)
    large = work / f"{n} claims.db"
    synthetic.generate_database(large, n)
    add_links_and_predictions(large, n)

    app = create_application()

    def settle(ms: int = 300) -> None:
        timer = QTimer()
        timer.setSingleShot(True)
        timer.start(ms)
        while timer.isActive():
            app.processEvents()

    def wait_for(condition, limit: float = 60.0) -> float:  # type: ignore[no-untyped-def]
        started = time.perf_counter()
        while not condition() and time.perf_counter() - started < limit:
            app.processEvents()
            time.sleep(0.005)
        return time.perf_counter() - started

    def grab(widget: QWidget, name: str) -> None:
        settle()
        path = out / f"{name}.png"
        widget.grab().save(str(path))
        print(path)

    window = MainWindow(Settings())
    window.resize(1480, 900)
    for database, label in ((sample, "sample"), (large, f"{n}")):
        window.open_project(str(database))
        window.show()
        settle(800)
        for mode in ("light", "dark"):
            window.set_theme(mode)
            settle(200)
            features = window.dispute
            dispute = features.window
            dispute.resize(1400, 900)
            dispute.show_tab(NETWORK)
            seconds = wait_for(
                lambda d=dispute: d.network.network is not None and not d.network.loading
            )
            if label != "sample" and mode == "light":
                view = dispute.network.view

                def timed(step, v=view) -> float:  # type: ignore[no-untyped-def]
                    started = time.perf_counter()
                    step()
                    v.viewport().repaint()
                    return time.perf_counter() - started

                first = timed(lambda: None)  # fills each claim's cached drawing
                again = min(timed(lambda: None) for _ in range(3))
                bar = view.horizontalScrollBar()
                pan = min(timed(lambda b=bar: b.setValue(b.value() + 40)) for _ in range(3))
                zoom = min(timed(lambda v=view: v.zoom_by(1.25)) for _ in range(3))
                view.fit()
                ceiling = bare_paint(view, dispute.network)
                print(
                    f"network of {n:,} claims, all in sight: loaded and laid out in "
                    f"{seconds:.2f} s (off the GUI thread); first paint {first:.3f} s, "
                    f"repaint {again:.3f} s, a pan step {pan:.3f} s, a zoom step {zoom:.3f} s "
                    f"(ceiling: the same circles and lines drawn straight with QPainter into an "
                    f"image of the view's size, {ceiling:.3f} s)"
                )
            grab(dispute, f"network-{label}-{mode}")
            if label == "sample":
                dispute.network.set_grouping("source")
                wait_for(lambda d=dispute: not d.network.loading)
                grab(dispute, f"network-{label}-by-source-{mode}")
                dispute.network.set_grouping("speaker")
                wait_for(lambda d=dispute: not d.network.loading)
            else:
                view = dispute.network.view
                view.zoom_by(4.0)
                grab(dispute, f"network-{label}-zoomed-{mode}")
                view.fit()
            dispute.show_tab(TIMELINE)
            dispute.timeline.choose(lanes="side")
            wait_for(lambda d=dispute: d.timeline.timeline is not None and not d.timeline.loading)
            grab(dispute, f"timeline-{label}-by-side-{mode}")
            dispute.timeline.choose(lanes="speaker")
            wait_for(lambda d=dispute: not d.timeline.loading)
            grab(dispute, f"timeline-{label}-by-speaker-{mode}")
            if label == "sample":
                dispute.show_tab(ECHOES)
                dispute.echoes.find_echoes()
                wait_for(lambda d=dispute: not d.echoes.busy)
                grab(dispute, f"echoes-{label}-{mode}")
                window.select_claim(wire_claim)
                settle(400)
                grab(window.detail.editor, f"editor-independence-opinions-{mode}")
                window.show_side_by_side()
                settle(400)
                grab(window.side_by_side, f"side-by-side-opinions-{mode}")
                window.side_by_side.close()
            dispute.close()
            settle(100)
        window.set_theme("light")
        window.close_project(back_up=False)
        settle(200)
    theme.apply_theme(app, "light")
    window.close()


if __name__ == "__main__":
    main()

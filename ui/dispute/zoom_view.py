"""A graphics view for the network and the timeline: wheel to zoom about the pointer, drag to
pan, click a claim to open it, double-click to read it in its source; export as PNG or SVG."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QImage, QMouseEvent, QPainter, QWheelEvent
from PySide6.QtWidgets import QGraphicsScene, QGraphicsView, QWidget

from claimtracker.errors import StorageError
from ui.dispute.network_scene import ClaimItem

#: The longest side of an exported PNG, in pixels.
PNG_SIDE = 4000
MIN_ZOOM, MAX_ZOOM = 0.02, 8.0


class ZoomView(QGraphicsView):
    claimClicked = Signal(int)
    claimDoubleClicked = Signal(int)
    zoomChanged = Signal(float)

    def __init__(self, scene: QGraphicsScene, parent: QWidget | None = None) -> None:
        super().__init__(scene, parent)
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontSavePainterState)
        self.setFrameShape(QGraphicsView.Shape.NoFrame)
        self._pressed_claim: int | None = None

    @property
    def zoom(self) -> float:
        return self.transform().m11()

    def zoom_by(self, factor: float) -> None:
        target = min(MAX_ZOOM, max(MIN_ZOOM, self.zoom * factor))
        factor = target / self.zoom
        if abs(factor - 1) > 1e-6:
            self.scale(factor, factor)
            self.zoomChanged.emit(self.zoom)

    def fit(self) -> None:
        rect = self.scene().itemsBoundingRect()
        if rect.isEmpty():
            return
        self.fitInView(rect.adjusted(-20, -20, 20, 20), Qt.AspectRatioMode.KeepAspectRatio)
        if self.zoom > 1.6:
            self.zoom_by(1.6 / self.zoom)
        self.zoomChanged.emit(self.zoom)

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120
        if steps:
            self.zoom_by(1.18**steps)
            event.accept()
        else:
            super().wheelEvent(event)

    def claim_at(self, event: QMouseEvent) -> int | None:
        for item in self.items(event.position().toPoint()):
            if isinstance(item, ClaimItem):
                return item.claim_id
        return None

    def mousePressEvent(self, event: QMouseEvent) -> None:
        claim_id = self.claim_at(event) if event.button() == Qt.MouseButton.LeftButton else None
        self._pressed_claim = claim_id
        if claim_id is None:
            super().mousePressEvent(event)
            return
        self.select(claim_id)
        self.claimClicked.emit(claim_id)
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._pressed_claim is not None:
            # Not handed on: the hand-drag mode would clear the selection on a still click.
            self._pressed_claim = None
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        claim_id = self.claim_at(event) if event.button() == Qt.MouseButton.LeftButton else None
        if claim_id is None:
            super().mouseDoubleClickEvent(event)
            return
        self.claimDoubleClicked.emit(claim_id)
        event.accept()

    def select(self, claim_id: int) -> ClaimItem | None:
        """Select the claim's item (and no other); returns it."""
        chosen: ClaimItem | None = None
        for item in self.scene().selectedItems():
            item.setSelected(False)
        for item in self.scene().items():
            if isinstance(item, ClaimItem) and item.claim_id == claim_id:
                item.setSelected(True)
                chosen = item
                break
        return chosen

    def center_on_claim(self, claim_id: int) -> bool:
        item = self.select(claim_id)
        if item is not None:
            self.centerOn(item)
        return item is not None

    # -- export ---------------------------------------------------------------------------

    def export_image(self, path: Path) -> None:
        """The whole drawing as PNG or SVG (by the file's suffix)."""
        scene = self.scene()
        source = scene.sceneRect()
        # Drawn beside the target and moved over it; the suffix tells Qt the format.
        partial = path.with_name(f"{path.stem}.part{path.suffix or '.png'}")
        try:
            if path.suffix.lower() == ".svg":
                from PySide6.QtSvg import QSvgGenerator

                generator = QSvgGenerator()
                generator.setFileName(str(partial))
                generator.setSize(QSize(int(source.width()), int(source.height())))
                generator.setViewBox(QRectF(0, 0, source.width(), source.height()))
                generator.setTitle("ClaimTracker")
                painter = QPainter(generator)
                scene.render(painter, QRectF(0, 0, source.width(), source.height()), source)
                painter.end()
                if not partial.exists() or partial.stat().st_size == 0:
                    raise StorageError(f"{path} could not be written")
            else:
                scale = min(2.0, PNG_SIDE / max(source.width(), source.height(), 1))
                image = QImage(
                    max(1, int(source.width() * scale)),
                    max(1, int(source.height() * scale)),
                    QImage.Format.Format_ARGB32_Premultiplied,
                )
                image.fill(scene.backgroundBrush().color())
                painter = QPainter(image)
                painter.setRenderHints(
                    QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing
                )
                scene.render(painter, QRectF(image.rect()), source)
                painter.end()
                if not image.save(str(partial)):
                    raise StorageError(f"{path} could not be written")
            partial.replace(path)
        except OSError as error:
            raise StorageError(
                f"{path} could not be written ({error.strerror or error})"
            ) from error
        finally:
            partial.unlink(missing_ok=True)

"""Play / pause / step / reset controls with the QTimer that reveals precomputed steps."""
from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSlider, QWidget

from digitlab.gui.live_text import follow_language

SLIDER_MIN_WIDTH = 90   # pixels: room to drag between 1 and 60 steps a second


class PlaybackControls(QWidget):
    """Drives a frame index 0 .. frame_count - 1 with a timer; the panels draw frame k.

    Signals:
        frame_changed(int): the frame to show now (after play ticks, step and reset).
        finished(): playing reached the last frame (or stop_at) and paused itself.
    """

    frame_changed = Signal(int)
    finished = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._count = 1
        self._frame = 0
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._on_timer_timeout)

        self.play_button = QPushButton(self.tr("Play"))
        self.play_button.setCheckable(True)
        self.step_button = QPushButton(self.tr("Step"))
        self.reset_button = QPushButton(self.tr("Reset"))
        self.speed_slider = QSlider(Qt.Horizontal)
        self.speed_slider.setRange(1, 60)
        self.speed_slider.setValue(8)
        self.speed_slider.setToolTip(self.tr("Steps shown per second"))
        self.speed_slider.setAccessibleName(self.tr("Speed"))
        self.play_button.setToolTip(self.tr("Play the steps one after another, or pause"))
        self.step_button.setToolTip(self.tr("Show the next step"))
        self.reset_button.setToolTip(self.tr("Go back to the start"))
        self.speed_slider.setMinimumWidth(SLIDER_MIN_WIDTH)   # a squeezed row must not make it a dot
        self._speed_label = QLabel()
        self._speed_label.setMinimumWidth(70)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.play_button, self.step_button, self.reset_button):
            layout.addWidget(widget)
        layout.addWidget(QLabel(self.tr("Speed:")))
        layout.addWidget(self.speed_slider, 1)
        layout.addWidget(self._speed_label)

        self.play_button.toggled.connect(self._on_play_button_toggled)
        self.step_button.clicked.connect(self._on_step_button_clicked)
        self.reset_button.clicked.connect(self._on_reset_button_clicked)
        self.speed_slider.valueChanged.connect(self._on_speed_slider_valueChanged)
        self._on_speed_slider_valueChanged(self.speed_slider.value())
        follow_language(self, self._show_speed)   # a plural (%n): retranslate_tree cannot find it

    @property
    def frame(self) -> int:
        return self._frame

    @property
    def frame_count(self) -> int:
        return self._count

    @property
    def is_playing(self) -> bool:
        return self._timer.isActive()

    def set_frame_count(self, count: int) -> None:
        """New data: count frames (at least 1), back to frame 0 and paused."""
        self._count = max(1, count)
        self.reset()

    def play(self) -> None:
        self.play_button.setChecked(True)

    def pause(self) -> None:
        self.play_button.setChecked(False)

    def step(self) -> None:
        """Show the next frame (pauses first)."""
        self.pause()
        self._advance()

    def reset(self) -> None:
        """Pause and go back to frame 0."""
        self.pause()
        self._frame = 0
        self.frame_changed.emit(0)

    def go_to_end(self) -> None:
        """Pause and show the last frame."""
        self.pause()
        self._frame = self._count - 1
        self.frame_changed.emit(self._frame)

    def _advance(self) -> bool:
        if self._frame >= self._count - 1:
            return False
        self._frame += 1
        self.frame_changed.emit(self._frame)
        return True

    @Slot(bool)
    def _on_play_button_toggled(self, checked: bool) -> None:
        if checked:
            if self._frame >= self._count - 1:
                self._frame = 0
                self.frame_changed.emit(0)
            self._timer.start()
            self.play_button.setText(self.tr("Pause"))
        else:
            self._timer.stop()
            self.play_button.setText(self.tr("Play"))

    @Slot()
    def _on_step_button_clicked(self) -> None:
        self.step()

    @Slot()
    def _on_reset_button_clicked(self) -> None:
        self.reset()

    @Slot()
    def _on_timer_timeout(self) -> None:
        if not self._advance() or self._frame >= self._count - 1:
            self.pause()
            self.finished.emit()

    @Slot(int)
    def _on_speed_slider_valueChanged(self, value: int) -> None:
        self._timer.setInterval(round(1000 / value))
        self._show_speed()

    def _show_speed(self) -> None:
        self._speed_label.setText(self.tr("%n step(s)/s", "", self.speed_slider.value()))

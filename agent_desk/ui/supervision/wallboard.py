"""The big screen for the wall: the floor's queues in large type, and who needs a look.

It draws what the floor pane holds (same feed, same reference), so it is never ahead of or behind
the supervisor's own screen. Esc or F11 leaves it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from agent_desk.core.floor_view import QueueNow
from agent_desk.ui.supervision.floor_models import clock_text, flag_text, percent_text

if TYPE_CHECKING:
    from agent_desk.ui.supervision.floor_pane import FloorPane

TILES_PER_ROW = 4
MAX_FLAGGED_SHOWN = 12
SL_GOOD, SL_WARN = 0.8, 0.6  # the tile turns amber, then red, below these


def _font(points: int, bold: bool = False) -> QFont:
    font = QFont()
    font.setPointSize(points)
    font.setBold(bold)
    return font


class _Tile(QFrame):
    def __init__(self) -> None:
        super().__init__()
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.name, self.waiting, self.caption = QLabel(), QLabel(), QLabel(self.tr("waiting"))
        self.wait_line, self.day_line = QLabel(), QLabel()
        self.name.setFont(_font(28, True))
        self.waiting.setFont(_font(72, True))
        for label in (self.caption, self.wait_line, self.day_line):
            label.setFont(_font(20))
        layout = QVBoxLayout(self)
        for label in (self.name, self.waiting, self.caption, self.wait_line, self.day_line):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setWordWrap(True)
            layout.addWidget(label)

    def show_row(self, name: str, row: QueueNow) -> None:
        today = row.today
        self.name.setText(name)
        self.waiting.setText(str(row.waiting))
        self.wait_line.setText(
            self.tr("Longest {wait} · SL {sl}")
            .replace("{wait}", clock_text(row.longest_wait_s) or "—")
            .replace("{sl}", percent_text(today.service_level))
        )
        self.day_line.setText(
            self.tr("Answered {answered} · Abandoned {abandoned}")
            .replace("{answered}", str(today.answered))
            .replace("{abandoned}", str(today.abandoned))
        )
        sl = today.service_level
        colour = "#e8f5e9" if sl is None or sl >= SL_GOOD else "#fff3e0" if sl >= SL_WARN else "#ffebee"
        self.setStyleSheet(f"_Tile {{ background: {colour}; }} QLabel {{ background: transparent; }}")


class Wallboard(QWidget):
    def __init__(self, pane: FloorPane) -> None:
        super().__init__(None, Qt.WindowType.Window)
        self.pane = pane
        self.setWindowTitle(self.tr("AgentDesk — live floor"))
        self.setObjectName("wallboard")
        self.heads = QLabel()
        self.heads.setFont(_font(24, True))
        self.heads.setWordWrap(True)
        self.link = QLabel()
        self.link.setFont(_font(18))
        self.grid = QGridLayout()
        self.flagged_title = QLabel(self.tr("Needs a look"))
        self.flagged_title.setFont(_font(24, True))
        self.flagged = QLabel()
        self.flagged.setFont(_font(22))
        self.flagged.setTextFormat(Qt.TextFormat.PlainText)
        self.tiles: list[_Tile] = []
        layout = QVBoxLayout(self)
        layout.addWidget(self.heads)
        layout.addWidget(self.link)
        layout.addLayout(self.grid, 1)
        layout.addWidget(self.flagged_title)
        layout.addWidget(self.flagged)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Not a QShortcut: on a wall screen this window may never be the active one.
        if event.key() in (Qt.Key.Key_Escape, Qt.Key.Key_F11):
            self.close()
            return
        super().keyPressEvent(event)

    def update_board(self) -> None:
        pane = self.pane
        self.heads.setText(pane.head_text())
        self.link.setText(pane.link.text())
        self.link.setStyleSheet(pane.link.styleSheet())
        model = pane.queues_model
        rows = model.rows
        while len(self.tiles) < len(rows):
            tile = _Tile()
            index = len(self.tiles)
            self.grid.addWidget(tile, index // TILES_PER_ROW, index % TILES_PER_ROW)
            self.tiles.append(tile)
        for tile, row in zip(self.tiles, rows, strict=False):
            tile.show_row(model.key_text(row), row)
            tile.show()
        for tile in self.tiles[len(rows) :]:
            tile.hide()
        self.flagged.setText("\n".join(self.flagged_lines()) or self.tr("Nobody: every state is within its limit."))

    def flagged_lines(self) -> list[str]:
        pane = self.pane
        state = pane.feed.state
        if state is None:
            return []
        model = pane.agents_model
        now = pane.feed.hub_now(pane.clock())
        ref = pane.reference
        lines = []
        flagged = [(a.seconds_in_state(now), a) for a in state.agents.values() if model.flags_of(a)]
        for seconds, agent in sorted(flagged, key=lambda item: -item[0])[:MAX_FLAGGED_SHOWN]:
            flags = ", ".join(flag_text(f) for f in sorted(model.flags_of(agent)))
            name = ref.agent_names.get(agent.agent, agent.agent)
            lines.append(f"{name} — {model.state_text(agent, ref)} {clock_text(seconds)} — {flags}")
        return lines


__all__ = ["Wallboard"]

"""The Knowledge workspace's list of search results, which keeps the agent's pick across refreshes.

The workspace runs its query again after every sync of the index, and a sync follows every change
its watcher hears of (on SQLite: any commit at any desk), so the list is refilled under the agent's
eyes. A plain ``clear()`` and refill drops the current row: the selection vanishes, and on the next
focus-in Qt makes the first row current, which opens that article instead of the one being read.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from agent_desk.services.knowledge.index import KbHit
from agent_desk.ui.knowledge.html_delegate import HTML_ROLE, HtmlDelegate

ARTICLE_ID = Qt.ItemDataRole.UserRole

_Row = tuple[int, str, str]  # article id, title, the hit as HTML


class ResultList(QListWidget):
    """Search hits, one row per article; ``currentItemChanged`` means the agent picked another one."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setItemDelegate(HtmlDelegate(self))
        self.setWordWrap(True)

    def show_hits(self, hits: list[KbHit]) -> None:
        """List ``hits``; the article picked stays picked (by id) if it is among them."""
        rows = [(hit.id, hit.title, _html(hit)) for hit in hits]
        if rows == self._rows():
            return  # the same answer again: nothing moves, not even the scroll bar
        picked = self.currentItem()
        picked_id = int(picked.data(ARTICLE_ID)) if picked is not None else None
        self.blockSignals(True)  # refilling is not the agent picking an article
        try:
            self.clear()
            keep: QListWidgetItem | None = None
            for article_id, title, html in rows:
                item = QListWidgetItem(title)
                item.setData(ARTICLE_ID, article_id)
                item.setData(HTML_ROLE, html)
                self.addItem(item)
                if article_id == picked_id:
                    keep = item
            # Never left without a current row of our choosing, or focus-in would choose the first.
            if keep is not None:
                self.setCurrentItem(keep)
            else:
                self.setCurrentRow(-1)
        finally:
            self.blockSignals(False)

    def _rows(self) -> list[_Row]:
        items = (self.item(i) for i in range(self.count()))
        return [(int(item.data(ARTICLE_ID)), item.text(), str(item.data(HTML_ROLE))) for item in items]


def _html(hit: KbHit) -> str:
    html = f"<div style='font-size:11pt'>{hit.title_highlight}</div>"
    if hit.snippet:
        html += f"<div style='color:#444'>{hit.snippet}</div>"
    return html

"""One 100 × 150 mm courier label, drawn with QPainter.

The same routine paints onto a QPdfWriter page, a QPrinter page or a QImage,
so the PDF, the printed label and the preview cannot drift apart. All
measures are in millimetres and converted with the device's own resolution;
the barcode module is rounded down to whole device dots so that a thermal
printer prints every bar the same width.

Label text is fixed bilingual (Chinese for the courier, English for the
rest of the world) and is deliberately not translated with the UI.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPen,
    QTextLayout,
    QTextOption,
)

from agent_desk.core.waybill import Waybill, format_money, validate
from agent_desk.labels.barcode import encode_code128

__all__ = [
    "FONT_FAMILIES",
    "LABEL_HEIGHT_MM",
    "LABEL_SIZE_MM",
    "LABEL_WIDTH_MM",
    "draw_label",
]

LABEL_WIDTH_MM = 100.0
LABEL_HEIGHT_MM = 150.0
LABEL_SIZE_MM = (LABEL_WIDTH_MM, LABEL_HEIGHT_MM)

# Qt falls back per glyph through this list, then to the system default, so
# a Debian desk (fonts-noto-cjk), Windows and macOS all print real Chinese.
FONT_FAMILIES = [
    "Noto Sans CJK SC",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Microsoft YaHei",
    "PingFang SC",
]

_BLACK = QColor(0, 0, 0)
_WHITE = QColor(255, 255, 255)
_FRAME = QRectF(2.0, 2.0, 96.0, 146.0)  # mm; printers rarely reach the very edge
_PAD = 1.5  # mm between a rule and the text beside it
_MODULE_MM = 0.5  # preferred Code 128 module: 4 dots at 203 dpi, easy to scan
_BAR_HEIGHT_MM = 18.0
_SIDE_CELL_MM = 9.0  # the "收" / "寄" / "物" column
_NOTES_TOP = 110.0  # mm: where the delivery notes (备注) start, when there are any


@dataclass(frozen=True, slots=True)
class _Fit:
    font: QFont
    lines: list[str]
    line_height: float  # device units


class _Canvas:
    """Millimetre drawing helpers over one painter."""

    def __init__(self, painter: QPainter, dots_per_mm: float) -> None:
        self.painter = painter
        self.dpmm = dots_per_mm

    def px(self, mm: float) -> float:
        return mm * self.dpmm

    def rect(self, x: float, y: float, w: float, h: float) -> QRectF:
        return QRectF(self.px(x), self.px(y), self.px(w), self.px(h))

    def font(self, size_mm: float, *, bold: bool = False) -> QFont:
        font = QFont()
        font.setFamilies(FONT_FAMILIES)
        font.setPixelSize(max(1, round(self.px(size_mm))))
        font.setBold(bold)
        # Unhinted outlines scale linearly, so what we measure is what prints.
        font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
        return font

    def metrics(self, font: QFont) -> QFontMetricsF:
        return QFontMetricsF(font, self.painter.device())

    def advance_mm(self, text: str, size_mm: float, *, bold: bool = False) -> float:
        return self.metrics(self.font(size_mm, bold=bold)).horizontalAdvance(text) / self.dpmm

    # -- lines and boxes -------------------------------------------------------

    def hline(self, y: float, x0: float = _FRAME.left(), x1: float = _FRAME.right()) -> None:
        self.painter.drawLine(QPointF(self.px(x0), self.px(y)), QPointF(self.px(x1), self.px(y)))

    def vline(self, x: float, y0: float, y1: float) -> None:
        self.painter.drawLine(QPointF(self.px(x), self.px(y0)), QPointF(self.px(x), self.px(y1)))

    def pen(self, width_mm: float) -> None:
        pen = QPen(_BLACK)
        pen.setWidthF(self.px(width_mm))
        pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
        self.painter.setPen(pen)

    # -- text ------------------------------------------------------------------

    def _wrap(self, text: str, font: QFont, width: float) -> list[str]:
        layout = QTextLayout(text, font, self.painter.device())
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        layout.setTextOption(option)
        lines: list[str] = []
        layout.beginLayout()
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(width)
            start = line.textStart()
            lines.append(text[start : start + line.textLength()])
        layout.endLayout()
        return lines

    def fit(
        self,
        text: str,
        box: QRectF,
        max_mm: float,
        min_mm: float,
        *,
        bold: bool = False,
        max_lines: int = 1,
    ) -> _Fit:
        """The largest font that fits ``text`` into ``box``; elided at the floor.

        Shrinks first, wraps (CJK anywhere, Latin at word ends) up to
        ``max_lines``; only text that cannot fit at ``min_mm`` loses its end,
        and then always behind an ellipsis, never mid-character.
        """
        size = max_mm
        while True:
            font = self.font(size, bold=bold)
            fm = self.metrics(font)
            line_height = fm.lineSpacing()
            room = max(1, min(max_lines, int(box.height() // line_height)))
            if max_lines == 1:
                if fm.horizontalAdvance(text) <= box.width():
                    return _Fit(font, [text], line_height)
            else:
                lines = self._wrap(text, font, box.width())
                if len(lines) <= room:
                    return _Fit(font, [ln.rstrip() for ln in lines], line_height)
            if size <= min_mm:
                break
            size = max(min_mm, size * 0.9)
        if max_lines == 1:
            return _Fit(font, [fm.elidedText(text, Qt.TextElideMode.ElideRight, box.width())], line_height)
        lines = self._wrap(text, font, box.width())
        kept = [ln.rstrip() for ln in lines[: room - 1]]
        rest = text[sum(len(ln) for ln in lines[: room - 1]) :].strip()
        kept.append(fm.elidedText(rest, Qt.TextElideMode.ElideRight, box.width()))
        return _Fit(font, kept, line_height)

    def text(
        self,
        text: str,
        x: float,
        y: float,
        w: float,
        h: float,
        max_mm: float,
        min_mm: float | None = None,
        *,
        bold: bool = False,
        max_lines: int = 1,
        align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft,
        valign: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignVCenter,
    ) -> None:
        box = self.rect(x, y, w, h)
        fitted = self.fit(text, box, max_mm, max_mm if min_mm is None else min_mm, bold=bold, max_lines=max_lines)
        total = fitted.line_height * len(fitted.lines)
        if valign == Qt.AlignmentFlag.AlignTop:
            top = box.top()
        elif valign == Qt.AlignmentFlag.AlignBottom:
            top = box.bottom() - total
        else:
            top = box.top() + (box.height() - total) / 2
        self.painter.setFont(fitted.font)
        self.painter.setPen(_BLACK)
        flags = align | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextSingleLine
        for i, line in enumerate(fitted.lines):
            line_box = QRectF(box.left(), top + i * fitted.line_height, box.width(), fitted.line_height)
            self.painter.drawText(line_box, int(flags), line)


def _draw_barcode(canvas: _Canvas, data: str, top: float, height: float) -> None:
    symbol = encode_code128(data)
    # The quiet zones stay white because nothing else is drawn beside the bars.
    available = _FRAME.width() - 2 * _PAD
    module = min(_MODULE_MM, available / symbol.width_modules)
    dots = int(module * canvas.dpmm)
    if dots >= 1:
        module = dots / canvas.dpmm  # whole device dots: every bar prints alike
    bars_width = len(symbol.modules) * module
    left = _FRAME.center().x() - bars_width / 2
    painter = canvas.painter
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(_BLACK)
    for start, width in symbol.bars():
        painter.drawRect(canvas.rect(left + start * module, top, width * module, height))
    painter.restore()


def _draw(canvas: _Canvas, wb: Waybill) -> None:
    fx, fw = _FRAME.left(), _FRAME.width()
    inner_x, inner_w = fx + _PAD, fw - 2 * _PAD
    align_right = Qt.AlignmentFlag.AlignRight
    top = Qt.AlignmentFlag.AlignTop

    canvas.pen(0.4)
    canvas.painter.setBrush(Qt.BrushStyle.NoBrush)
    canvas.painter.drawRect(canvas.rect(fx, _FRAME.top(), fw, _FRAME.height()))

    # Header: who ships, which order, when.
    canvas.text("AgentDesk", inner_x, 2.5, 40, 9, 5.5, 4, bold=True)
    canvas.text(f"订单 {wb.order_no}", 44, 2.8, 52.5, 4.6, 3.2, 2.2, align=align_right)
    canvas.text(wb.created.isoformat(), 44, 7.2, 52.5, 4.2, 3.0, align=align_right)
    canvas.pen(0.3)
    canvas.hline(12)

    # Barcode and its human-readable line.
    _draw_barcode(canvas, wb.waybill_no, 14, _BAR_HEIGHT_MM)
    canvas.text(
        wb.waybill_no,
        inner_x,
        14 + _BAR_HEIGHT_MM + 0.8,
        inner_w,
        6,
        4.6,
        3,
        bold=True,
        align=Qt.AlignmentFlag.AlignHCenter,
    )
    canvas.pen(0.3)
    canvas.hline(40)

    # Recipient: the biggest block, as couriers sort by it.
    side = fx + _SIDE_CELL_MM
    body_x, body_w = side + _PAD, _FRAME.right() - side - 2 * _PAD
    canvas.vline(side, 40, 122)
    canvas.text("收", fx, 40, _SIDE_CELL_MM, 10, 6.5, bold=True, align=Qt.AlignmentFlag.AlignHCenter)
    canvas.text("件", fx, 49, _SIDE_CELL_MM, 10, 6.5, bold=True, align=Qt.AlignmentFlag.AlignHCenter)
    # The phone is never shrunk for the name's sake: it gets its natural
    # width (up to 55 %), and a long name wraps to two smaller lines.
    phone_w = min(body_w * 0.55, canvas.advance_mm(wb.printed_phone, 5.5, bold=True) + 1)
    name_w = body_w - phone_w - 2
    canvas.text(wb.recipient_name, body_x, 41, name_w, 9, 6.5, 3, bold=True, max_lines=2)
    canvas.text(
        wb.printed_phone,  # masked on a privacy waybill: the full number is the courier's data only
        body_x + name_w + 2,
        41,
        phone_w,
        9,
        5.5,
        3.5,
        bold=True,
        align=align_right,
    )
    address = wb.recipient_address
    postcode_h = 4.5 if address.postcode else 0.0
    canvas.text(
        address.one_line(),
        body_x,
        50.5,
        body_w,
        31 - postcode_h,
        5.2,
        3.2,
        bold=True,
        max_lines=7,
        valign=top,
    )
    if address.postcode:
        canvas.text(f"邮编 {address.postcode}", body_x, 77, body_w, 4, 3.2, align=align_right)
    canvas.hline(82)

    # Sender.
    canvas.text("寄", fx, 82, _SIDE_CELL_MM, 8, 4.5, bold=True, align=Qt.AlignmentFlag.AlignHCenter)
    canvas.text("件", fx, 88, _SIDE_CELL_MM, 8, 4.5, bold=True, align=Qt.AlignmentFlag.AlignHCenter)
    canvas.text(wb.sender_name, body_x, 83, body_w * 0.6, 5, 3.6, 2.6)
    canvas.text(wb.sender_phone, body_x + body_w * 0.6, 83, body_w * 0.4, 5, 3.6, 2.6, align=align_right)
    canvas.text(wb.sender_address, body_x, 88.5, body_w, 7, 3.2, 2.4, max_lines=2, valign=top)
    canvas.hline(96)

    # Items, and the delivery notes below them when the order has any ("call first", a time window).
    items_end = _NOTES_TOP if wb.delivery_notes else 122
    center = Qt.AlignmentFlag.AlignHCenter
    canvas.text("物品", fx, 96, _SIDE_CELL_MM, items_end - 96, 3.6, 2.6, bold=True, align=center)
    lines = 6 if items_end == 122 else 3
    canvas.text(wb.item_summary, body_x, 97.5, body_w, items_end - 99, 3.8, 2.6, max_lines=lines, valign=top)
    if wb.delivery_notes:
        canvas.hline(_NOTES_TOP, side, _FRAME.right())
        canvas.text("备注", fx, _NOTES_TOP, _SIDE_CELL_MM, 122 - _NOTES_TOP, 3.6, 2.6, bold=True, align=center)
        notes_h = 122 - _NOTES_TOP - 2
        canvas.text(wb.delivery_notes, body_x, _NOTES_TOP + 1, body_w, notes_h, 3.6, 2.6, max_lines=3, valign=top)
    canvas.hline(122)

    # Cash on delivery: large and boxed, since the courier must collect it.
    box_y, box_h = 124, 15
    if wb.is_cod:
        canvas.pen(0.9)
        canvas.painter.drawRect(canvas.rect(inner_x, box_y, inner_w, box_h))
        canvas.text("代收货款", inner_x + 2, box_y + 1.5, 24, 6.5, 5, bold=True)
        canvas.text("COD", inner_x + 2, box_y + 7.5, 24, 6, 4.5, bold=True)
        canvas.text(
            format_money(wb.cod_amount_cents),
            inner_x + 26,
            box_y + 1,
            inner_w - 28,
            box_h - 2,
            11,
            6,
            bold=True,
            align=align_right,
        )
    else:
        canvas.pen(0.4)
        canvas.painter.drawRect(canvas.rect(inner_x, box_y, inner_w, box_h))
        canvas.text(
            "已付款 PREPAID",
            inner_x,
            box_y,
            inner_w,
            box_h,
            7,
            bold=True,
            align=Qt.AlignmentFlag.AlignHCenter,
        )
    canvas.pen(0.3)
    canvas.hline(141)

    # Signature.
    canvas.text("签收人 Signature:", inner_x, 141.5, 50, 6, 3)
    canvas.text("日期 Date:", 62, 141.5, 34, 6, 3)


def draw_label(
    painter: QPainter,
    waybill: Waybill,
    rect_mm: QRectF | None = None,
) -> None:
    """Paint ``waybill`` into ``rect_mm`` (millimetres on the page).

    The default is the whole 100 × 150 mm label at the page origin. A smaller
    rectangle scales the label down uniformly (a preview, or a page that is
    too small); it is never stretched. Raises ``LabelFieldError`` before
    painting anything if a field cannot be printed.
    """
    validate(waybill)
    target = rect_mm or QRectF(0, 0, LABEL_WIDTH_MM, LABEL_HEIGHT_MM)
    device = painter.device()
    dots_per_mm = device.logicalDpiX() / 25.4
    scale = min(target.width() / LABEL_WIDTH_MM, target.height() / LABEL_HEIGHT_MM)
    painter.save()
    try:
        painter.translate(target.left() * dots_per_mm, target.top() * dots_per_mm)
        painter.scale(scale, scale)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        painter.fillRect(QRectF(0, 0, LABEL_WIDTH_MM * dots_per_mm, LABEL_HEIGHT_MM * dots_per_mm), _WHITE)
        canvas = _Canvas(painter, dots_per_mm)
        _draw(canvas, waybill)
    finally:
        painter.restore()

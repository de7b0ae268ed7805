"""Waybills as ZPL II for 203 dpi thermal printers, 100 × 150 mm (≈ 4 × 6 in).

Pure text, no Qt: the result is sent to the printer raw (port 9100, a CUPS
raw queue, or a Windows raw print job).

Chinese text needs a CJK font on the printer. Text fields name it directly
with ``^A@N,h,w,<font>``; the default ``E:ANMDS.TTF`` is Zebra's "Andale
Mono Simplified Chinese" font, installed in flash (``E:``) with Zebra Setup
Utilities. Printers sold in China often carry ``E:SIMSUN.FNT`` instead: pass
that as ``cjk_font``. ``^CI28`` makes field data UTF-8. The printer cannot
measure our text, so lines are broken and shrunk here with a conservative
width estimate (CJK characters as wide as they are tall, others 0.6), and
text that still does not fit ends in "…".
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from agent_desk.core.waybill import Waybill, format_money, validate
from agent_desk.labels.barcode import encode_code128

__all__ = ["DEFAULT_CJK_FONT", "DOTS_PER_MM", "batch_zpl", "waybill_zpl", "wrap_for_zpl"]

DOTS_PER_MM = 8  # 203 dpi
DEFAULT_CJK_FONT = "E:ANMDS.TTF"
_WIDTH = 100 * DOTS_PER_MM
_HEIGHT = 150 * DOTS_PER_MM
_ELLIPSIS = "…"
# Closing punctuation stays with the character before it (kinsoku shori).
_NO_LINE_START = frozenset("）)」』》〉】，,。.、；;：:！!？?…")
_NARROW = 0.6  # advance of a non-CJK character, as a fraction of the font height


def _advance(ch: str, height: int) -> float:
    # Ambiguous-width characters (×, ·, №) count as wide: better a line too
    # short than a character printed off the label.
    return height if unicodedata.east_asian_width(ch) in "WFA" else height * _NARROW


def _width(text: str, height: int) -> float:
    return sum(_advance(ch, height) for ch in text)


def _tokens(text: str) -> list[tuple[int, int]]:
    """Break opportunities as spans: each CJK character alone, Latin words whole."""
    spans: list[tuple[int, int]] = []
    for i, ch in enumerate(text):
        joins = bool(spans) and (
            ch in _NO_LINE_START
            or (ch != " " and text[i - 1] != " " and not _is_wide(ch) and not _is_wide(text[i - 1]))
        )
        if joins:
            spans[-1] = (spans[-1][0], i + 1)
        else:
            spans.append((i, i + 1))
    return spans


def _is_wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in "WF"


def _elide(text: str, width: float, height: int) -> str:
    if _width(text, height) <= width:
        return text
    room = width - _advance(_ELLIPSIS, height)
    kept = ""
    for ch in text:
        if _width(kept + ch, height) > room:
            break
        kept += ch
    return kept.rstrip() + _ELLIPSIS


def _break_lines(text: str, width: float, height: int) -> list[tuple[int, int]]:
    """Line spans of ``text``; spaces at a break are dropped, nothing else."""
    lines: list[tuple[int, int]] = []
    start = end = 0
    for t0, t1 in _tokens(text):
        if text[start:t1].strip() == "":
            start = end = t1  # no line starts with a space
            continue
        if _width(text[start:t1].rstrip(), height) <= width:
            end = t1
            continue
        if end > start:
            lines.append((start, end))
        start = t0 if text[t0] != " " else t1
        end = t1
        # A Latin word longer than the line is split by character.
        while _width(text[start:end], height) > width:
            cut = start + 1
            while cut < end and _width(text[start : cut + 1], height) <= width:
                cut += 1
            lines.append((start, cut))
            start = cut
    if text[start:end].strip():
        lines.append((start, end))
    return lines


def wrap_for_zpl(
    text: str, width: int, height: int, max_h: int, min_h: int, max_lines: int = 1
) -> tuple[int, list[str]]:
    """Font height (dots) and lines that fit ``text`` into ``width`` × ``height``.

    Shrinks from ``max_h`` towards ``min_h`` first; only at ``min_h`` is the
    text cut, and then the last line ends in "…".
    """
    h = max_h
    while True:
        room = max(1, min(max_lines, height // h))
        spans = _break_lines(text, width, h)
        if len(spans) <= room:
            return h, [text[a:b].strip() for a, b in spans]
        if h <= min_h:
            break
        h = max(min_h, int(h * 0.9))
    kept = [text[a:b].strip() for a, b in spans[: room - 1]]
    rest = text[spans[room - 1][0] :].strip()
    return h, [*kept, _elide(rest, width, h)]


def _field_data(text: str) -> str:
    """Escape ZPL's command characters for a ``^FH`` field."""
    return "".join(f"_{ord(ch):02X}" if ch in "^~_\\" else ch for ch in text)


@dataclass
class _Zpl:
    font: str
    out: list[str] = field(default_factory=list)

    def box(self, x: int, y: int, w: int, h: int, thickness: int) -> None:
        self.out.append(f"^FO{x},{y}^GB{w},{h},{thickness}^FS")

    def hline(self, y: int, thickness: int = 3) -> None:
        self.box(16, y, _WIDTH - 32, thickness, thickness)

    def text(
        self,
        text: str,
        x: int,
        y: int,
        w: int,
        h: int,
        max_h: int,
        min_h: int | None = None,
        *,
        lines: int = 1,
        justify: str = "L",
    ) -> None:
        size, broken = wrap_for_zpl(text, w, h, max_h, max_h if min_h is None else min_h, lines)
        for i, line in enumerate(broken):
            # ^FB with one line only aligns; we did the breaking ourselves.
            self.out.append(
                f"^FO{x},{y + i * size}^FB{w},1,0,{justify},0^A@N,{size},{size},{self.font}^FH^FD{_field_data(line)}^FS"
            )

    def barcode(self, data: str, y: int, height: int) -> None:
        symbol = encode_code128(data)
        module = max(1, min(4, (_WIDTH - 48) // symbol.width_modules))
        x = (_WIDTH - len(symbol.modules) * module) // 2
        # Mode A lets the printer pick subsets as python-barcode did, so the
        # symbol is as wide as the one measured here.
        self.out.append(f"^BY{module},3,{height}^FO{x},{y}^BCN,{height},N,N,N,A^FD{data}^FS")


def waybill_zpl(waybill: Waybill, *, cjk_font: str = DEFAULT_CJK_FONT) -> str:
    """One label, ``^XA`` … ``^XZ``; raises ``LabelFieldError`` for bad fields."""
    validate(waybill)
    z = _Zpl(cjk_font)
    mm = DOTS_PER_MM
    z.out += ["^XA", "^CI28", f"^PW{_WIDTH}", f"^LL{_HEIGHT}", "^LH0,0"]
    z.box(16, 16, _WIDTH - 32, _HEIGHT - 32, 3)

    z.text("AgentDesk", 28, 28, 300, 60, 44, 32)
    z.text(f"订单 {waybill.order_no}", 352, 24, 420, 36, 26, 18, justify="R")
    z.text(waybill.created.isoformat(), 352, 60, 420, 30, 24, justify="R")
    z.hline(12 * mm)

    z.barcode(waybill.waybill_no, 14 * mm, 18 * mm)
    z.text(waybill.waybill_no, 28, 33 * mm, _WIDTH - 56, 44, 38, 24, justify="C")
    z.hline(40 * mm)

    side = 16 + 9 * mm
    body_x, body_w = side + 12, _WIDTH - 16 - side - 24
    z.box(side, 40 * mm, 3, 82 * mm, 3)
    z.text("收", 16, 42 * mm, 9 * mm, 56, 52, justify="C")
    z.text("件", 16, 50 * mm, 9 * mm, 56, 52, justify="C")
    half = body_w * 45 // 100
    z.text(waybill.recipient_name, body_x, 42 * mm, half, 56, 52, 32)
    # Masked on a privacy waybill: the full number is the courier's data, not the parcel's.
    z.text(waybill.printed_phone, body_x + half, 42 * mm, body_w - half, 56, 44, 28, justify="R")
    address = waybill.recipient_address
    z.text(address.one_line(), body_x, 51 * mm, body_w, 26 * mm, 40, 26, lines=7)
    if address.postcode:
        z.text(f"邮编 {address.postcode}", body_x, 77 * mm, body_w, 32, 26, justify="R")
    z.hline(82 * mm)

    z.text("寄", 16, 83 * mm, 9 * mm, 40, 36, justify="C")
    z.text("件", 16, 88 * mm, 9 * mm, 40, 36, justify="C")
    z.text(waybill.sender_name, body_x, 83 * mm, body_w * 6 // 10, 40, 28, 20)
    z.text(
        waybill.sender_phone,
        body_x + body_w * 6 // 10,
        83 * mm,
        body_w * 4 // 10,
        40,
        28,
        20,
        justify="R",
    )
    z.text(waybill.sender_address, body_x, 89 * mm, body_w, 56, 26, 20, lines=2)
    z.hline(96 * mm)

    if waybill.delivery_notes:
        z.text("物品", 16, 101 * mm, 9 * mm, 40, 28, 20, justify="C")
        z.text(waybill.item_summary, body_x, 97 * mm, body_w, 12 * mm, 30, 20, lines=3)
        z.box(side, 110 * mm, _WIDTH - 16 - side, 3, 3)
        z.text("备注", 16, 114 * mm, 9 * mm, 40, 28, 20, justify="C")
        z.text(waybill.delivery_notes, body_x, 111 * mm, body_w, 10 * mm, 28, 20, lines=3)
    else:
        z.text("物品", 16, 106 * mm, 9 * mm, 40, 28, 20, justify="C")
        z.text(waybill.item_summary, body_x, 97 * mm, body_w, 24 * mm, 30, 20, lines=6)
    z.hline(122 * mm)

    box_x, box_y, box_w, box_h = 28, 124 * mm, _WIDTH - 56, 15 * mm
    if waybill.is_cod:
        z.box(box_x, box_y, box_w, box_h, 7)
        z.text("代收货款", box_x + 16, box_y + 12, 200, 48, 40)
        z.text("COD", box_x + 16, box_y + 60, 200, 44, 36)
        amount = format_money(waybill.cod_amount_cents)
        z.text(amount, box_x + 216, box_y + 12, box_w - 232, box_h - 24, 88, 48, justify="R")
    else:
        z.box(box_x, box_y, box_w, box_h, 3)
        z.text("已付款 PREPAID", box_x, box_y + 32, box_w, 60, 56, justify="C")
    z.hline(141 * mm)

    z.text("签收人 Signature:", 28, 142 * mm, 400, 40, 24)
    z.text("日期 Date:", 62 * mm, 142 * mm, 270, 40, 24)
    z.out += ["^PQ1", "^XZ"]
    return "\n".join(z.out) + "\n"


def batch_zpl(waybills: Iterable[Waybill], *, cjk_font: str = DEFAULT_CJK_FONT) -> str:
    """Many labels in one print job; validates all before returning any."""
    return "".join(waybill_zpl(w, cjk_font=cjk_font) for w in waybills)

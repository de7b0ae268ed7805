"""The Code 128 adapter: module patterns the renderers draw bar by bar."""

from __future__ import annotations

import pytest

from agent_desk.labels.barcode import QUIET_ZONE_MODULES, encode_code128

START_B, START_C, STOP = "11010010000", "11010011100", "1100011101011"


def test_symbol_has_start_symbols_check_and_stop() -> None:
    symbol = encode_code128("AD00000012340")
    assert symbol.modules.startswith(START_B)
    assert symbol.modules.endswith(STOP)
    assert (len(symbol.modules) - len(STOP)) % 11 == 0
    assert symbol.width_modules == len(symbol.modules) + 2 * QUIET_ZONE_MODULES


def test_digit_runs_use_the_compact_subset() -> None:
    # Subset C packs two digits per symbol: 20 digits take start + 10 + check + stop.
    symbol = encode_code128("12345678901234567890")
    assert symbol.modules.startswith(START_C)
    assert len(symbol.modules) == 11 * 12 + len(STOP)


def test_bars_cover_exactly_the_dark_modules() -> None:
    symbol = encode_code128("AD00000012340")
    rebuilt = ["0"] * len(symbol.modules)
    for start, width in symbol.bars():
        assert width >= 1
        rebuilt[start : start + width] = ["1"] * width
    assert "".join(rebuilt) == symbol.modules


@pytest.mark.parametrize("data", ["", "单号", "AD\n1"])
def test_unencodable_text_is_refused(data: str) -> None:
    with pytest.raises(ValueError):
        encode_code128(data)

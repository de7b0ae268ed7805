"""Code 128 modules for a waybill number, from python-barcode's encoder.

We only take the module pattern (which subsets, check symbol, stop) from the
library; the PDF/printer and ZPL paths draw or send the bars themselves, so
that every bar is an exact whole number of modules.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

# Importing python-barcode logs (INFO, "pyBarcode") that without Pillow it writes no images. We take only
# the encoder and draw the bars ourselves, so Pillow is not needed and the note would only confuse the desk's log.
logging.getLogger("pyBarcode").setLevel(logging.WARNING)

from barcode.codex import Code128  # noqa: E402 (after the logger is quiet)
from barcode.errors import BarcodeError  # noqa: E402

__all__ = ["QUIET_ZONE_MODULES", "Code128Symbol", "encode_code128"]

# ISO/IEC 15417 asks for at least 10 modules of white either side.
QUIET_ZONE_MODULES = 10


@dataclass(frozen=True, slots=True)
class Code128Symbol:
    data: str
    modules: str  # "1" dark, "0" light; start symbol to stop pattern, no quiet zones

    @property
    def width_modules(self) -> int:
        """Width including both quiet zones."""
        return len(self.modules) + 2 * QUIET_ZONE_MODULES

    def bars(self) -> list[tuple[int, int]]:
        """Dark runs as ``(first module, width in modules)``.

        One rectangle per run, not per module, so that renderers never leave
        hairline seams between touching modules.
        """
        runs: list[tuple[int, int]] = []
        start = -1
        for i, module in enumerate(self.modules + "0"):
            if module == "1" and start < 0:
                start = i
            elif module == "0" and start >= 0:
                runs.append((start, i - start))
                start = -1
        return runs


def encode_code128(data: str) -> Code128Symbol:
    """Encode ``data`` (printable ASCII); ``ValueError`` if it cannot be."""
    if not data or not all(" " <= ch <= "~" for ch in data):
        raise ValueError(f"Code 128 needs printable ASCII text, not {data!r}")
    try:
        (modules,) = Code128(data).build()
    except BarcodeError as exc:
        raise ValueError(f"cannot encode {data!r} as Code 128: {exc}") from exc
    return Code128Symbol(data=data, modules=modules)

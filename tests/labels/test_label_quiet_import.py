"""Loading the label code says nothing to the user: python-barcode's optional image writer is not ours."""

from __future__ import annotations

import os
import subprocess
import sys

# As the desktop does: INFO logging is set up before the logistics workspace loads the labels.
_DESKTOP_START = """
import logging
logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
import agent_desk.labels.pdf, agent_desk.labels.zpl
from agent_desk.labels.barcode import encode_code128
print(len(encode_code128("AD2026112201").bars()) > 0)
"""


def test_loading_the_labels_logs_nothing_about_pillow() -> None:
    done = subprocess.run(
        [sys.executable, "-c", _DESKTOP_START],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "True"  # the barcode still encodes without Pillow
    assert "Pillow" not in done.stderr and "pyBarcode" not in done.stderr

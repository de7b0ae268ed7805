"""Shared fixtures for label tests: a realistic waybill and external tools."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from agent_desk.core.waybill import Address, Waybill, make_waybill_number

DEBIAN_PACKAGES = "zbar-tools poppler-utils fonts-noto-cjk"


def sample_waybill(**changes: Any) -> Waybill:
    waybill = Waybill(
        waybill_no=make_waybill_number("AD", 2026112201),
        order_no="SO-20261122-000417",
        recipient_name="欧阳晓明",
        recipient_phone="138 0013 8000",
        recipient_address=Address(
            "广东省",
            "深圳市",
            "南山区",
            "粤海街道科技园南区高新南一道 6 号 TCL 大厦 B 座 1203 室（前台代收）",
            "518057",
        ),
        cod_amount_cents=129_800,
        item_summary="颈椎按摩仪 ×1；艾草热敷贴（30 片装）×2；赠品：收纳袋 ×1",
        sender_name="AgentDesk 电视购物 · 华东仓",
        sender_phone="400-820-1234",
        sender_address="上海市青浦区华新镇华腾路 1288 号 3 号库",
        created=date(2026, 11, 22),
    )
    return replace(waybill, **changes)


@pytest.fixture
def make_waybill() -> Callable[..., Waybill]:
    return sample_waybill


def need_tools(*tools: str) -> None:
    """Skip when a tool is missing on a developer machine; fail under CI."""
    missing = [tool for tool in tools if shutil.which(tool) is None]
    if not missing:
        return
    message = f"needs {', '.join(missing)} (Debian: apt-get install {DEBIAN_PACKAGES})"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


def run(*args: str | Path) -> str:
    done = subprocess.run([str(a) for a in args], capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, f"{args[0]} failed ({done.returncode}): {done.stderr}"
    return done.stdout


def decode_barcodes(pdf: Path, dpi: int = 300) -> list[str]:
    """Every page rasterised by poppler and read by zbar, one value per page."""
    need_tools("pdftoppm", "zbarimg")
    stem = pdf.with_suffix("")
    run("pdftoppm", "-r", str(dpi), "-png", pdf, stem)
    pages = sorted(pdf.parent.glob(f"{stem.name}-*.png"), key=lambda p: int(p.stem.rsplit("-")[-1]))
    assert pages, "pdftoppm produced no pages"
    return [run("zbarimg", "--raw", "-q", page).strip() for page in pages]


def pdf_page_count(pdf: Path) -> int:
    need_tools("pdfinfo")
    for line in run("pdfinfo", pdf).splitlines():
        if line.startswith("Pages:"):
            return int(line.split()[1])
    raise AssertionError("pdfinfo reported no page count")

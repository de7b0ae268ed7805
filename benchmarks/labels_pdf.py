"""1,000 courier labels to one PDF (budget: under 10 s), beside a floor.

The floor is 1,000 blank 100 × 150 mm pages through the same QPdfWriter in
the same run, so the ratio says what our drawing costs on this machine.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/labels_pdf.py [--count N]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from faker import Faker

from PySide6.QtGui import QPainter, QPdfWriter

from agent_desk.core.waybill import Address, Waybill, make_waybill_number
from agent_desk.labels.pdf import PDF_DPI, ensure_gui_app, label_page_layout, render_pdf

BUDGET_S = 10.0


def make_waybills(count: int) -> list[Waybill]:
    fake = Faker("zh_CN")
    fake.seed_instance(20261122)
    waybills = []
    for i in range(count):
        waybills.append(
            Waybill(
                waybill_no=make_waybill_number("AD", 2026000000 + i),
                order_no=f"SO-20261122-{i:06d}",
                recipient_name=fake.name(),
                recipient_phone=fake.phone_number(),
                recipient_address=Address(
                    fake.province(),
                    fake.city(),
                    fake.district() + "区",
                    fake.street_address() + f" {fake.building_number()}室",
                    fake.postcode(),
                ),
                cod_amount_cents=0 if i % 5 == 0 else fake.random_int(1_900, 899_900),
                item_summary="；".join(
                    f"{fake.word()}{fake.word()} ×{fake.random_int(1, 3)}" for _ in range(fake.random_int(1, 4))
                ),
                sender_name="AgentDesk 电视购物 · 华东仓",
                sender_phone="400-820-1234",
                sender_address="上海市青浦区华新镇华腾路 1288 号 3 号库",
                created=date(2026, 11, 1) + timedelta(days=i % 30),
            )
        )
    return waybills


def blank_pages(count: int, path: Path) -> float:
    start = time.perf_counter()
    writer = QPdfWriter(str(path))
    writer.setResolution(PDF_DPI)
    writer.setPageLayout(label_page_layout())
    painter = QPainter(writer)
    for i in range(count):
        if i:
            writer.newPage()
    painter.end()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    args = parser.parse_args()
    ensure_gui_app()
    waybills = make_waybills(args.count)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "labels.pdf"
        render_pdf(waybills[:1], out)  # warm-up: font database, CJK font load
        floor = blank_pages(args.count, Path(tmp) / "blank.pdf")
        start = time.perf_counter()
        pages = render_pdf(waybills, out)
        took = time.perf_counter() - start
        size = out.stat().st_size
    print(f"floor: {args.count} blank pages   {floor:6.2f} s")
    print(
        f"labels: {pages} labels to one PDF {took:6.2f} s  "
        f"{pages / took:7.1f} labels/s  {took / max(floor, 1e-9):5.1f}x floor  "
        f"{size / 1e6:.1f} MB"
    )
    scaled = took * 1000 / pages
    verdict = "within" if scaled < BUDGET_S else "OVER"
    print(f"budget: 1,000 labels under {BUDGET_S:.0f} s -> {scaled:.2f} s per 1,000 ({verdict})")


if __name__ == "__main__":
    main()

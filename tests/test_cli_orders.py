"""``agent-desk audit verify`` and ``agent-desk labels``, run through their argument parser."""

from __future__ import annotations

import argparse
import re
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import text

from PySide6.QtWidgets import QApplication

from agent_desk.cli import CliError
from agent_desk.cli.orders import register
from agent_desk.services.customers.editing import AddressInput, CustomerInput, create_customer
from agent_desk.store.database import Database
from agent_desk.store.db import transaction
from tests.services.test_orders_support import cast, drive, snapshot, submitted

HOME = AddressInput("广东省", "深圳市", "南山区", "高新南一道 6 号 TCL 大厦 B 座 1203 室", "518057")


def run(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="agent-desk")
    register(parser.add_subparsers())
    args = parser.parse_args(list(argv))
    return int(args.func(args))


def _customers(db: Database, n: int) -> list[int]:
    with transaction(db.factory) as s:
        return [
            create_customer(s, CustomerInput(f"客户{i}", [(f"1380013{i:04d}", "mobile")], [HOME])) for i in range(n)
        ]


def test_audit_verify_passes_then_names_the_tampered_event(
    ref_db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    f, users = ref_db.factory, cast(ref_db.factory)
    a, b = _customers(ref_db, 2)
    drive(f, users, submitted(f, users, a), "approve", "print_label")
    second = drive(f, users, submitted(f, users, b), "reject_review", reason="地址缺少门牌号")
    assert run("audit", "verify", "--url", ref_db.url) == 0
    assert "audit trail intact (2 orders, 5 audit events checked)" in capsys.readouterr().out

    # An attacker with database access rewrites the reason of the return after disabling the guard.
    with ref_db.engine.begin() as conn:
        if ref_db.dialect == "sqlite":
            conn.execute(text("DROP TRIGGER order_events_no_update"))
        else:
            conn.execute(text("ALTER TABLE order_events DISABLE TRIGGER order_events_append_only"))
        event_id = conn.execute(
            text("SELECT id FROM order_events WHERE order_id = :o AND action = 'reject_review'"), {"o": second.id}
        ).scalar_one()
        conn.execute(text("UPDATE order_events SET reason = '客户要求' WHERE id = :e"), {"e": event_id})
    assert run("audit", "verify", "--url", ref_db.url) == 1
    out = capsys.readouterr().out
    assert f"AUDIT TRAIL BROKEN at order {second.id}, event {event_id}:" in out
    assert "does not match its hash: its content was changed" in out


def test_labels_makes_one_pdf_page_per_order_and_assigns_waybills(
    ref_db: Database, qapp: QApplication, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    f, users = ref_db.factory, cast(ref_db.factory)
    orders = [drive(f, users, submitted(f, users, c), "approve") for c in _customers(ref_db, 3)]
    orders[0] = drive(f, users, orders[0], "print_label")  # already labelled: a reprint keeps its number
    pdf, zpl = tmp_path / "labels.pdf", tmp_path / "labels.zpl"
    argv = ["labels", "--url", ref_db.url, "--pdf", str(pdf), "--zpl", str(zpl)]
    assert run(*argv, *(a for o in orders for a in ("--order", str(o.id)))) == 0
    out, err = capsys.readouterr()
    assert f"3 label(s) written to {pdf}" in out and "labels: 3/3" in err
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Pages:\s+3$", info, re.MULTILINE)
    assert zpl.read_text(encoding="utf-8").count("^XA") == 3
    after = [snapshot(f, o.id) for o in orders]
    assert after[0].waybill_no == orders[0].waybill_no
    assert all(
        s.waybill_no and f"order {o.id}: waybill {s.waybill_no}" in out for o, s in zip(orders, after, strict=True)
    )
    # Printing from the command line changes no state and writes no audit event.
    assert [(s.state, s.events) for s in after] == [
        ("label_printed", 3),
        ("pending_logistics", 2),
        ("pending_logistics", 2),
    ]


def test_labels_refuses_orders_not_ready_and_assigns_nothing(
    ref_db: Database, qapp: QApplication, tmp_path: Path
) -> None:
    f, users = ref_db.factory, cast(ref_db.factory)
    a, b = _customers(ref_db, 2)
    ready = drive(f, users, submitted(f, users, a), "approve")
    waiting = submitted(f, users, b)
    with pytest.raises(CliError, match=rf"order {waiting.order_no} \(id {waiting.id}\) is pending review"):
        run(
            "labels",
            "--url",
            ref_db.url,
            "--pdf",
            str(tmp_path / "x.pdf"),
            "--order",
            str(ready.id),
            "--order",
            str(waiting.id),
        )
    assert snapshot(f, ready.id).waybill_no is None and not (tmp_path / "x.pdf").exists()
    with pytest.raises(CliError, match="does not exist"):
        run("labels", "--url", ref_db.url, "--pdf", str(tmp_path / "nowhere" / "x.pdf"), "--order", str(ready.id))

"""The order form's helpers: opening forms, previews, the returned list, the copy kept on this computer."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError

from agent_desk.services.orders import drafts as order_drafts
from agent_desk.services.orders.drafts import (
    REQUIRED_ADDRESS_PARTS,
    FormLine,
    delete_local_draft,
    field_problems,
    is_link_error,
    open_input,
    open_new,
    open_order,
    pending_local_drafts,
    preview_totals,
    read_local_draft,
    returned_orders,
    write_local_draft,
)
from agent_desk.services.orders.entry import catalogue, save_draft, submit
from agent_desk.services.orders.types import DraftLine, OrderError, OrderValidationFailed
from agent_desk.store.database import Database
from tests.services.test_orders_support import cast, drive, order_form, product_ids


def _form(ref_db: Database, customer_id: int, **changes: object) -> order_drafts.OpenedForm:
    with ref_db.factory() as s:
        opened = open_new(s, customer_id)
    return replace(opened, data=replace(opened.data, **changes))  # type: ignore[arg-type]


def test_preview_totals_match_what_the_order_stores(ref_db: Database, people: dict[str, int]) -> None:
    f, users, skus = ref_db.factory, cast(ref_db.factory), product_ids(ref_db.factory)
    with f() as s:
        products = {p.sku: p for p in catalogue(s)}
    lines = [
        replace(order_drafts.product_line(products["HL-FISHOIL-120"]), quantity=3, discount_pct=15),
        replace(order_drafts.product_line(products["BT-SET"]), quantity=1, discount_pct=7),
    ]
    preview = preview_totals(lines, 20)
    view = submit(f, users["agent1"], order_form(people["vip"], skus, lines=order_drafts.draft_lines(lines)))
    assert (preview.gross_cents, preview.discount_cents, preview.total_cents) == (
        view.subtotal_cents,
        view.discount_cents,
        view.total_cents,
    )
    # The line's own limit is capped by the desk's.
    assert (lines[0].discount_limit(20), lines[1].discount_limit(20), lines[1].discount_limit(30)) == (15, 20, 25)


@pytest.mark.parametrize("blank", [*REQUIRED_ADDRESS_PARTS, "district"])
def test_address_parts_the_form_marks_are_the_ones_submit_requires(
    ref_db: Database, people: dict[str, int], blank: str
) -> None:
    f, users, skus = ref_db.factory, cast(ref_db.factory), product_ids(ref_db.factory)
    form = order_form(people["vip"], skus, **{blank: ""})
    if blank not in REQUIRED_ADDRESS_PARTS:
        assert submit(f, users["agent1"], form).state == "pending_review"
        return
    with pytest.raises(OrderValidationFailed) as caught:
        submit(f, users["agent1"], form)
    assert field_problems(caught.value.problems, form) == [(blank, caught.value.problems[0][1])]


def test_open_input_prices_lines_as_sold_and_keeps_unknown_products(ref_db: Database, people: dict[str, int]) -> None:
    f, users, skus = ref_db.factory, cast(ref_db.factory), product_ids(ref_db.factory)
    form = order_form(people["vip"], skus)
    save_draft(f, users["agent1"], form)
    with f() as s:
        s.execute(text("UPDATE products SET price_cents = price_cents + 1000"))
        s.commit()
        opened = open_input(s, replace(form, lines=(*form.lines, DraftLine(999_999, 1))))
    assert opened.state == "draft" and opened.order_no.startswith("SO") and opened.editable
    assert opened.customer_name == "张伟"
    assert [ln.unit_price_cents for ln in opened.lines[:2]] == [29_800, 19_900]  # as sold, not the new price
    assert opened.lines[2].name == "#999999" and opened.lines[2].product_max_discount_pct == 0


def test_returned_list_has_the_reason_the_time_and_the_customer(ref_db: Database, people: dict[str, int]) -> None:
    f, users, skus = ref_db.factory, cast(ref_db.factory), product_ids(ref_db.factory)
    view = submit(f, users["agent1"], order_form(people["vip"], skus))
    drive(f, users, view, "reject_review", reason="电话打不通")
    with f() as s:
        rows = returned_orders(s, users["agent1"].id)
        assert returned_orders(s, users["agent2"].id) == []
        reopened = open_order(s, view.id, users["agent1"])
        with pytest.raises(OrderError):
            open_order(s, view.id, users["agent2"])
    assert [(r.order_no, r.customer_name, r.reason) for r in rows] == [(view.order_no, "张伟", "电话打不通")]
    assert rows[0].returned_at is not None and "深海鱼油" in rows[0].items
    assert reopened.state == "returned" and reopened.last_reason == "电话打不通" and reopened.editable


def test_local_copy_round_trips_per_user_and_survives_damaged_neighbours(
    ref_db: Database, people: dict[str, int], tmp_path: Path
) -> None:
    skus = product_ids(ref_db.factory)
    line = FormLine(skus["HL-GLUCO-60"], "氨糖软骨素钙片 60 片", "HL-GLUCO-60", 19_900, 20, quantity=2, discount_pct=5)
    form = _form(ref_db, people["vip"], notes="下午送货\n别打电话", lines=(DraftLine(line.product_id, 2, 5),))
    form = replace(form, lines=(line,))
    path = write_local_draft(form, user_id=7, directory=tmp_path)
    assert path.name == f"{form.data.client_uuid}.json" and not list(tmp_path.glob("*.tmp"))
    assert read_local_draft(path).form == form
    write_local_draft(_form(ref_db, people["plain"]), user_id=8, directory=tmp_path)
    (tmp_path / "broken.json").write_text("{not json", encoding="utf-8")
    (tmp_path / "other.json").write_text(json.dumps({"format": 99}), encoding="utf-8")

    kept = pending_local_drafts(7, directory=tmp_path)
    assert [d.form.data.client_uuid for d in kept] == [form.data.client_uuid]
    assert kept[0].summary == "氨糖软骨素钙片 60 片 ×2"
    assert (tmp_path / "broken.json").exists()  # left for a human, never deleted
    delete_local_draft(form.data.client_uuid, directory=tmp_path)
    delete_local_draft(form.data.client_uuid, directory=tmp_path)  # twice is fine
    assert pending_local_drafts(7, directory=tmp_path) == []
    with pytest.raises(ValueError):
        write_local_draft(replace(form, data=replace(form.data, client_uuid="../..")), user_id=7, directory=tmp_path)


def test_link_errors_are_told_apart_from_refusals(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("")
    engine = create_engine(f"sqlite:///{tmp_path / 'file' / 'db.sqlite3'}")
    with pytest.raises(OperationalError) as caught:
        engine.connect()
    engine.dispose()
    assert is_link_error(caught.value)
    assert not is_link_error(OrderValidationFailed("no", field="city"))
    assert not is_link_error(ValueError("x"))

"""The order window's catalogue search: a fragment of a product's name, its SKU or the advert finds it."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from agent_desk.services.orders.entry import catalogue
from agent_desk.store.database import Database
from agent_desk.store.db import transaction
from agent_desk.store.models import BusinessLine, Product


def _skus(db: Database, query: str, line: str | None = None) -> list[str]:
    with db.factory() as s:
        line_id = s.scalar(select(BusinessLine.id).where(BusinessLine.code == line)) if line else None
        return [p.sku for p in catalogue(s, business_line_id=line_id, query=query)]


@pytest.mark.parametrize(
    "query",
    ["HL-FISH", "hl-fish", "FISHOIL", "fish", "Oil-120", "鱼油", "深海鱼油", "软胶囊 120", "120 鱼油", " 鱼油 "],
)
def test_a_fragment_of_the_name_or_the_sku_finds_the_demo_fish_oil(ref_db: Database, query: str) -> None:
    assert _skus(ref_db, query) == ["HL-FISHOIL-120"]


def test_any_case_of_latin_letters(ref_db: Database) -> None:
    assert _skus(ref_db, "ROBOT") == _skus(ref_db, "robot") == _skus(ref_db, "Vacuum") == ["EL-VACUUM-X7"]


def test_names_and_skus_that_start_with_the_query_come_first_then_by_name(ref_db: Database) -> None:
    with transaction(ref_db.factory) as s:
        health = s.scalar(select(BusinessLine.id).where(BusinessLine.code == "health"))
        s.add_all(
            [
                Product(sku="HL-GUMMY-30", name="鱼油软糖 30 粒", business_line_id=health, price_cents=9_900),
                Product(sku="FISH-KIDS", name="儿童 DHA 藻油", business_line_id=health, price_cents=12_800),
                Product(sku="HL-OLD-FISH", name="鱼油（停售）", business_line_id=health, price_cents=1, active=False),
            ]
        )
    # 鱼油软糖 starts with 鱼油; 深海鱼油 only has it, and would come first by name alone.
    assert _skus(ref_db, "鱼油") == ["HL-GUMMY-30", "HL-FISHOIL-120"]
    # The SKU FISH-KIDS starts with "fish"; HL-FISHOIL-120 has it inside.
    assert _skus(ref_db, "fish") == ["FISH-KIDS", "HL-FISHOIL-120"]


def test_the_advert_the_caller_quotes_finds_its_products(ref_db: Database) -> None:
    # The health line's advert is "CCTV-2 夕阳红 · 深海鱼油特惠"; its products are sorted by name.
    assert sorted(_skus(ref_db, "夕阳红")) == ["HL-CALCIUM-100", "HL-FISHOIL-120", "HL-GLUCO-60", "HL-PROTEIN-900"]
    assert set(_skus(ref_db, "湖南卫视")) == {"KT-PAN-SET3", "KT-KNIFE-7", "KT-BLENDER", "KT-SPATULA"}
    assert _skus(ref_db, "cctv") == _skus(ref_db, "夕阳红")
    # A product named by the words is not buried among everything its advert sells.
    assert _skus(ref_db, "特惠 鱼油") == _skus(ref_db, "夕阳红")  # only the advert has both words
    assert _skus(ref_db, "鱼油") == ["HL-FISHOIL-120"]


def test_the_callers_line_still_comes_first(ref_db: Database) -> None:
    found = _skus(ref_db, "套装", line="kitchen")
    assert found[0] == "KT-SPATULA"  # 榉木锅铲套装, on the kitchen line
    assert "BT-SET" in found  # 焕颜套装, another line's, after it


@pytest.mark.parametrize("query", ["%", "_", "鱼油%", "FISH_OIL", "nothing like it"])
def test_wildcards_are_plain_characters_and_nonsense_finds_nothing(ref_db: Database, query: str) -> None:
    assert _skus(ref_db, query) == []


def test_an_empty_query_lists_the_active_catalogue(ref_db: Database) -> None:
    assert len(_skus(ref_db, "")) == len(_skus(ref_db, "  ")) == 14

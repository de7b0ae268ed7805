"""Categories in a folder of Markdown articles are names people write, in any script (both databases)."""

from __future__ import annotations

from pathlib import Path

from agent_desk.core.frontmatter import parse_article
from agent_desk.services.knowledge.folder_import import export_folder, import_folder
from agent_desk.services.knowledge.reading import category_tree, get_article
from agent_desk.store.database import Database

TEAM_FOLDER = {
    "退货.md": "---\ntitle: 七天无理由退货\ncategory: 售后\n---\n签收 7 天内可退。\n",
    "换货.md": "---\ntitle: 换货流程\ncategory: 售后/退换货\n---\n先寄回再发新货。\n",
    "配送.md": "---\ntitle: 配送时效\ncategory: 物流 配送\n---\n一般 3 天送达。\n",
    "cod.md": "---\ntitle: Cash on delivery\ncategory: payment\n---\nPay the courier.\n",
}


def _folder(root: Path, files: dict[str, str]) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (root / name).write_text(text, encoding="utf-8")
    return root


def _categories(db: Database, report_ids: list[int]) -> dict[str, str]:
    with db.factory() as s:
        return {view.title: view.category for view in (get_article(s, i) for i in report_ids)}


def test_a_chinese_teams_own_folder_imports_with_its_categories(ref_db: Database, tmp_path: Path) -> None:
    report = import_folder(ref_db.factory, None, _folder(tmp_path / "kb", TEAM_FOLDER))
    assert (report.created, report.skipped) == (4, [])
    assert _categories(ref_db, report.article_ids) == {
        "七天无理由退货": "售后",
        "换货流程": "售后/退换货",
        "配送时效": "物流 配送",
        "Cash on delivery": "payment",  # an ASCII code is a name like any other, as before
    }
    with ref_db.factory() as s:
        tree = {node.name: [child.name for child in node.children] for node in category_tree(s)}
    assert tree == {"售后": ["退换货"], "物流 配送": [], "payment": []}


def test_export_then_import_gives_the_same_categories_with_their_names(ref_db: Database, tmp_path: Path) -> None:
    first = import_folder(ref_db.factory, None, _folder(tmp_path / "kb", TEAM_FOLDER))
    out = tmp_path / "export"
    written = export_folder(ref_db.factory, out).written
    # What a person opens: the category as they named it, not an escaped or derived code.
    assert sorted(parse_article(p.read_text("utf-8")).category for p in written) == sorted(
        ["售后", "售后/退换货", "物流 配送", "payment"]
    )
    again = import_folder(ref_db.factory, None, out)
    assert (again.created, again.updated, again.unchanged, again.skipped) == (0, 0, 4, [])
    assert _categories(ref_db, again.article_ids) == _categories(ref_db, first.article_ids)


def test_a_folder_exported_before_names_were_accepted_still_imports(ref_db: Database, tmp_path: Path) -> None:
    old = {
        "00001-退货.md": "---\ntitle: 退货政策\ntags: []\nbusiness_lines: []\ncategory_path: 退换货/退货\n---\n正文\n"
    }
    report = import_folder(ref_db.factory, None, _folder(tmp_path / "old", old))
    assert (report.created, report.skipped) == (1, [])
    assert _categories(ref_db, report.article_ids) == {"退货政策": "退换货/退货"}

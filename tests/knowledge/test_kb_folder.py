"""Import and export of a folder of Markdown articles, with a report of what was skipped."""

from __future__ import annotations

from pathlib import Path

import pytest

from agent_desk.core.frontmatter import MarkdownArticle, parse_article
from agent_desk.services.knowledge.folder_files import export_filename, read_folder, write_folder

DEMO_LINES = {"health", "kitchen", "beauty", "electronics"}


def test_demo_articles_are_complete(demo_dir: Path) -> None:
    result = read_folder(demo_dir)
    assert result.skipped == []
    articles = [a for _p, a in result.articles]
    assert len(articles) >= 32
    chinese = [a for a in articles if any("\u4e00" <= ch <= "\u9fff" for ch in a.title)]
    assert len(chinese) >= len(articles) / 2
    assert len(articles) - len(chinese) >= 8  # English ones too
    for article in articles:
        assert article.category and article.tags and len(article.body) > 200, article.title
        assert set(article.business_lines) <= DEMO_LINES, article.title
    for line in DEMO_LINES:
        assert sum(line in a.business_lines for a in articles) >= 5, line


def test_broken_files_are_skipped_with_reasons(tmp_path: Path) -> None:
    (tmp_path / "good.md").write_text("---\ntitle: 好文章\n---\n正文", "utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "also-good.md").write_text("---\ntitle: Also good\n---\nbody", "utf-8")
    (tmp_path / "no-header.md").write_text("# 没有头\n", "utf-8")
    (tmp_path / "gbk.md").write_bytes("---\ntitle: 退货\n---\n".encode("gbk"))
    (tmp_path / "z-dup.md").write_text("---\ntitle: 好文章\n---\n重复", "utf-8")
    (tmp_path / "bad-yaml.md").write_text("---\ntitle: [x\n---\n", "utf-8")
    (tmp_path / "notes.txt").write_text("not an article", "utf-8")
    (tmp_path / "picture.png").write_bytes(b"\x89PNG")
    (tmp_path / ".hidden.md").write_text("garbage", "utf-8")
    (tmp_path / "huge.md").write_bytes(b"x" * 1_000_001)

    seen: list[tuple[int, int]] = []
    result = read_folder(tmp_path, progress=lambda done, total: seen.append((done, total)))

    assert sorted(a.title for _p, a in result.articles) == ["Also good", "好文章"]
    reasons = {s.path.name: s.reason for s in result.skipped}
    assert reasons.keys() == {
        "no-header.md",
        "gbk.md",
        "z-dup.md",
        "bad-yaml.md",
        "notes.txt",
        "huge.md",
    }
    assert "no front matter" in reasons["no-header.md"]
    assert "not UTF-8" in reasons["gbk.md"]
    assert reasons["z-dup.md"] == "same title as good.md"
    assert "not valid YAML" in reasons["bad-yaml.md"]
    assert "not a Markdown file" in reasons["notes.txt"]
    assert "larger than 1 MB" in reasons["huge.md"]
    assert seen[-1] == (9, 9) and [d for d, _t in seen] == list(range(1, 10))


def test_reading_a_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(NotADirectoryError, match="is not a folder"):
        read_folder(tmp_path / "nowhere")


def test_export_then_import_round_trips(tmp_path: Path, demo_dir: Path) -> None:
    original = [a for _p, a in read_folder(demo_dir).articles]
    progress: list[tuple[int, int]] = []
    paths = write_folder(
        tmp_path / "out",
        list(enumerate(original, 1)),
        progress=lambda d, t: progress.append((d, t)),
    )
    assert len(paths) == len(original) == len(set(paths))
    assert progress[-1] == (len(original), len(original))
    assert not list((tmp_path / "out").glob(".export-*"))  # no temporary files left
    again = [a for _p, a in read_folder(tmp_path / "out").articles]
    assert sorted(again, key=lambda a: a.title) == sorted(original, key=lambda a: a.title)


def test_export_filenames_are_safe_and_unique() -> None:
    assert export_filename(7, "退货 / 退款: 常见问题?") == "00007-退货-退款-常见问题.md"
    assert export_filename(8, '<>:"/\\|?*') == "00008.md"
    assert export_filename(9, "x" * 300) == "00009-" + "x" * 60 + ".md"


def test_export_overwrites_the_same_article(tmp_path: Path) -> None:
    write_folder(tmp_path, [(1, MarkdownArticle(title="标题", body="旧"))])
    (path,) = write_folder(tmp_path, [(1, MarkdownArticle(title="标题", body="新"))])
    assert parse_article(path.read_text("utf-8")).body == "新"
    assert len(list(tmp_path.iterdir())) == 1

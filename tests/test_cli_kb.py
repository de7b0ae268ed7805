"""``agent-desk kb import|export|search|reindex`` on both databases, through their argument parser."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from agent_desk.cli import CliError
from agent_desk.cli.kb import register
from agent_desk.services.knowledge.folder_import import DEMO_DIR
from agent_desk.store.database import Database


def run(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="agent-desk")
    register(parser.add_subparsers())
    args = parser.parse_args(list(argv))
    return int(args.func(args))


def test_import_then_search_json_finds_the_7_day_return_article(
    ref_db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("kb", "import", str(DEMO_DIR), "--url", ref_db.url, "-q") == 0
    assert "41 created, 0 updated, 0 unchanged, 0 skipped" in capsys.readouterr().out

    assert run("kb", "search", "退货", "--json", "--url", ref_db.url) == 0
    hits = json.loads(capsys.readouterr().out)
    assert hits[0]["title"] == "七天无理由退货政策"
    assert {"id", "title", "snippet", "score"} <= set(hits[0])
    assert "<b>" in hits[0]["snippet"] and "<b>" not in hits[0]["snippet_text"]
    scores = [h["score"] for h in hits]
    assert scores == sorted(scores, reverse=True)

    assert run("kb", "search", "refund", "--url", ref_db.url, "--line", "beauty", "--limit", "3") == 0
    out = capsys.readouterr().out
    assert out.startswith("[") and "<b>" not in out
    assert run("kb", "search", "zzqxvw", "--url", ref_db.url) == 0
    assert "no articles found" in capsys.readouterr().out


def test_import_lists_skipped_files_and_a_missing_folder_is_an_error(
    ref_db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "kb"
    folder.mkdir()
    (folder / "ok.md").write_text("---\ntitle: Invoice\nbusiness_lines: [health]\n---\nPDF invoice\n", "utf-8")
    (folder / "bad.md").write_text("---\ntitle: [unclosed\n---\n", "utf-8")
    (folder / "toys.md").write_text("---\ntitle: Toys\nbusiness_lines: [toys]\n---\n", "utf-8")
    assert run("kb", "import", str(folder), "--url", ref_db.url, "-q") == 0
    out = capsys.readouterr().out
    assert "1 created, 0 updated, 0 unchanged, 2 skipped" in out
    assert "skipped bad.md: front matter is not valid YAML" in out
    assert "skipped toys.md: unknown business line toys" in out
    with pytest.raises(CliError, match="is not a folder"):
        run("kb", "import", str(tmp_path / "nope"), "--url", ref_db.url)
    with pytest.raises(CliError, match="supervisor or an admin"):
        run("kb", "import", str(folder), "--url", ref_db.url, "--author", "agent1", "-q")


def test_export_and_reindex(ref_db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run("kb", "import", str(DEMO_DIR), "--url", ref_db.url, "-q")
    assert run("kb", "export", str(tmp_path / "out"), "--url", ref_db.url, "-q") == 0
    assert "41 article(s)" in capsys.readouterr().out
    assert len(list((tmp_path / "out").glob("*.md"))) == 41
    assert run("kb", "reindex", "--url", ref_db.url) == 0
    assert "41 article(s)" in capsys.readouterr().out

"""Every UI string can reach the translation: lupdate must be able to see it in the source."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import agent_desk

PACKAGE = Path(agent_desk.__file__).parent
_TRANSLATING = {"tr", "translate"}


def _tr_calls_inside_f_strings(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if not isinstance(node, ast.JoinedStr):
            continue
        for inner in ast.walk(node):
            if isinstance(inner, ast.Call):
                func = inner.func
                name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                if name in _TRANSLATING:
                    found.append(f"{path.relative_to(PACKAGE.parent)}:{inner.lineno}: {ast.unparse(inner)}")
    return found


def test_no_string_is_translated_inside_an_f_string() -> None:
    """lupdate reads an f-string as one literal: a tr() inside it never reaches the .ts, and the
    text stays English in Chinese (the order window's "New order" heading did)."""
    found = [hit for path in sorted(PACKAGE.rglob("*.py")) for hit in _tr_calls_inside_f_strings(path)]
    assert not found, "translate first, then format (resources/translations/README.md):\n" + "\n".join(found)


def _lupdate() -> str | None:
    beside = Path(sys.executable).with_name("pyside6-lupdate")
    return str(beside) if beside.exists() else shutil.which("pyside6-lupdate")


def test_lupdate_collects_the_new_order_heading(tmp_path: Path) -> None:
    lupdate = _lupdate()
    if lupdate is None:
        pytest.skip("pyside6-lupdate is not installed")
    ts = tmp_path / "probe.ts"
    source = PACKAGE / "ui" / "orders" / "entry_window.py"
    subprocess.run([lupdate, "-silent", str(source), "-ts", str(ts)], check=True, capture_output=True, timeout=120)
    sources = {
        (context.findtext("name"), message.findtext("source"))
        for context in ET.parse(ts).getroot().iter("context")
        for message in context.iter("message")
    }
    assert ("OrderEntry", "New order — {0}") in sources

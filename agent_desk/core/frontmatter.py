"""Markdown knowledge articles with a YAML front matter header.

A file looks like::

    ---
    title: 七天无理由退货
    category: returns
    tags: [退货, 退款]
    business_lines: [health, kitchen]
    ---
    正文（Markdown）……

Pure text in, text out: reading and writing files is the caller's business.
Broken files raise :class:`FrontMatterError` with a message an importer can
show as the reason a file was skipped.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import yaml

__all__ = [
    "KNOWN_KEYS",
    "FrontMatterError",
    "MarkdownArticle",
    "dump_article",
    "parse_article",
]

KNOWN_KEYS = ("title", "category", "tags", "business_lines")

# Business line and category codes travel between desks and databases, so they
# are kept to a conservative alphabet; free text belongs in the title.
_CODE_RE = re.compile(r"^[a-z0-9][a-z0-9_.-]{0,63}$")
_FENCE_RE = re.compile(r"^---[ \t]*$")
_MAX_TITLE = 200
_MAX_TAG = 50


class FrontMatterError(ValueError):
    """A Markdown file whose front matter cannot be used, with the reason."""


@dataclass(frozen=True, slots=True)
class MarkdownArticle:
    """One article as it appears in a Markdown file."""

    title: str
    body: str
    category: str = ""
    tags: tuple[str, ...] = ()
    business_lines: tuple[str, ...] = ()
    # Keys we do not interpret (e.g. ``status`` or ``lang`` written by another
    # tool) survive a read/write round trip instead of being silently dropped.
    extra: Mapping[str, Any] = field(default_factory=dict)


def parse_article(text: str) -> MarkdownArticle:
    """Parse a Markdown document with a ``---`` front matter header.

    Raises :class:`FrontMatterError` naming the problem (missing header,
    unclosed header, YAML syntax error with its line, missing title, wrong
    value types, malformed codes).
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if not lines or not _FENCE_RE.match(lines[0]):
        raise FrontMatterError("no front matter: the file must start with a line '---'")
    try:
        end = next(i for i in range(1, len(lines)) if _FENCE_RE.match(lines[i]))
    except StopIteration:
        raise FrontMatterError("front matter is not closed: no second line '---'") from None
    header = "\n".join(lines[1:end])
    body = "\n".join(lines[end + 1 :]).strip("\n")
    try:
        data = yaml.safe_load(header) if header.strip() else None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        # +2: the header starts on file line 2 and YAML marks are 0-based.
        where = f" on line {mark.line + 2}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise FrontMatterError(f"front matter is not valid YAML{where}: {problem}") from None
    if data is None:
        raise FrontMatterError("front matter is empty: 'title' is required")
    if not isinstance(data, dict):
        raise FrontMatterError(f"front matter must be 'key: value' pairs, not a {type(data).__name__}")
    for key in data:
        if not isinstance(key, str):
            raise FrontMatterError(f"front matter key {key!r} is not text")
    title = _text(data, "title", required=True)
    if len(title) > _MAX_TITLE:
        raise FrontMatterError(f"'title' is longer than {_MAX_TITLE} characters")
    category = _text(data, "category", required=False)
    if category and not _CODE_RE.match(category):
        raise FrontMatterError(
            f"'category' {category!r} must be a code such as 'returns' (lower-case letters, digits, '-', '_', '.')"
        )
    tags = _text_list(data, "tags")
    for tag in tags:
        if len(tag) > _MAX_TAG:
            raise FrontMatterError(f"tag {tag[:20]!r}… is longer than {_MAX_TAG} characters")
    lines_ = _text_list(data, "business_lines")
    for code in lines_:
        if not _CODE_RE.match(code):
            raise FrontMatterError(
                f"business line {code!r} must be a code such as 'health' (lower-case letters, digits, '-', '_', '.')"
            )
    extra = {k: v for k, v in data.items() if k not in KNOWN_KEYS}
    return MarkdownArticle(
        title=title,
        body=body,
        category=category,
        tags=tuple(dict.fromkeys(tags)),
        business_lines=tuple(dict.fromkeys(lines_)),
        extra=extra,
    )


def dump_article(article: MarkdownArticle) -> str:
    """Serialise an article so that :func:`parse_article` gives it back."""
    header: dict[str, Any] = {"title": article.title}
    if article.category:
        header["category"] = article.category
    header["tags"] = list(article.tags)
    header["business_lines"] = list(article.business_lines)
    for key, value in article.extra.items():
        if key not in header:
            header[key] = value
    text = yaml.safe_dump(header, allow_unicode=True, sort_keys=False, default_flow_style=None, width=1000)
    body = article.body.strip("\n")
    return f"---\n{text}---\n{body}\n" if body else f"---\n{text}---\n"


def _scalar_text(value: Any, what: str) -> str:
    # YAML turns `title: 404` into an int and `title: yes` into a bool; numbers
    # are what the author typed, booleans almost certainly are not.
    if isinstance(value, bool) or value is None:
        raise FrontMatterError(f"{what} must be text (put it in quotes)")
    if isinstance(value, str | int | float):
        return str(value).strip()
    raise FrontMatterError(f"{what} must be text, not a {type(value).__name__}")


def _text(data: Mapping[str, Any], key: str, *, required: bool) -> str:
    if key not in data or data[key] is None:
        if required:
            raise FrontMatterError(f"'{key}' is missing from the front matter")
        return ""
    text = _scalar_text(data[key], f"'{key}'")
    if required and not text:
        raise FrontMatterError(f"'{key}' is empty")
    if "\n" in text:
        raise FrontMatterError(f"'{key}' must be a single line")
    return text


def _text_list(data: Mapping[str, Any], key: str) -> list[str]:
    value = data.get(key)
    if value is None:
        return []
    # Hand-written files often say `tags: 退货, 退款`; accept it rather than
    # reject a file for the sake of YAML purity.
    items = value.split(",") if isinstance(value, str) else value
    if not isinstance(items, list):
        raise FrontMatterError(f"'{key}' must be a list such as [a, b]")
    out = []
    for i, item in enumerate(items, 1):
        text = _scalar_text(item, f"item {i} of '{key}'")
        if "\n" in text:
            raise FrontMatterError(f"item {i} of '{key}' must be a single line")
        if text:
            out.append(text)
    return out

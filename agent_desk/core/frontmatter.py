"""Markdown knowledge articles with a YAML front matter header.

A file looks like::

    ---
    title: 七天无理由退货
    category: 售后/退换货
    tags: [退货, 退款]
    business_lines: [health, kitchen]
    ---
    正文（Markdown）……

Pure text in, text out: reading and writing files is the caller's business.
Broken files raise :class:`FrontMatterError` with a code (and an English
message) an importer can show as the reason a file was skipped.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

import yaml

from agent_desk.core.errors import CodedError

__all__ = [
    "KNOWN_KEYS",
    "FrontMatterError",
    "MarkdownArticle",
    "dump_article",
    "parse_article",
]

KNOWN_KEYS = ("title", "category", "tags", "business_lines")

# Business line codes travel between desks and databases and must match a line
# already there, so they are kept to a conservative alphabet. A category is not a
# code but a path of names people write (``售后/退换货``, ``returns``): the
# knowledge service creates what is missing, so any single line of text will do.
_CODE_RE = re.compile(r"^[a-z0-9][a-z0-9_.-]{0,63}$")
_FENCE_RE = re.compile(r"^---[ \t]*$")
_MAX_TITLE = 200
_MAX_TAG = 50


class FrontMatterError(CodedError, ValueError):
    """A Markdown file whose front matter cannot be used; ``code`` and ``params`` say why.

    ``key`` parameters are front matter keys ("title", "tags"): the file's own words, never translated.
    """

    messages: ClassVar[Mapping[str, str]] = {
        "front_matter.missing": "no front matter: the file must start with a line '---'",
        "front_matter.not_closed": "front matter is not closed: no second line '---'",
        "front_matter.bad_yaml": "front matter is not valid YAML: {problem}",
        "front_matter.bad_yaml_on_line": "front matter is not valid YAML on line {line}: {problem}",
        "front_matter.empty": "front matter is empty: 'title' is required",
        "front_matter.not_pairs": "front matter must be 'key: value' pairs, not a {kind}",
        "front_matter.key_not_text": "front matter key {key} is not text",
        "front_matter.title_too_long": "'title' is longer than {limit} characters",
        "front_matter.tag_too_long": "tag {tag}… is longer than {limit} characters",
        "front_matter.business_line_invalid": (
            "business line {line_code} must be a code such as 'health' (lower-case letters, digits, '-', '_', '.')"
        ),
        "front_matter.key_missing": "'{key}' is missing from the front matter",
        "front_matter.key_empty": "'{key}' is empty",
        "front_matter.key_not_one_line": "'{key}' must be a single line",
        "front_matter.value_needs_quotes": "'{key}' must be text (put it in quotes)",
        "front_matter.value_not_text": "'{key}' must be text, not a {kind}",
        "front_matter.not_a_list": "'{key}' must be a list such as [a, b]",
        "front_matter.item_needs_quotes": "item {item} of '{key}' must be text (put it in quotes)",
        "front_matter.item_not_text": "item {item} of '{key}' must be text, not a {kind}",
        "front_matter.item_not_one_line": "item {item} of '{key}' must be a single line",
    }


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
        raise FrontMatterError("front_matter.missing")
    try:
        end = next(i for i in range(1, len(lines)) if _FENCE_RE.match(lines[i]))
    except StopIteration:
        raise FrontMatterError("front_matter.not_closed") from None
    header = "\n".join(lines[1:end])
    body = "\n".join(lines[end + 1 :]).strip("\n")
    try:
        data = yaml.safe_load(header) if header.strip() else None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        if mark is None:
            raise FrontMatterError("front_matter.bad_yaml", problem=problem) from None
        # +2: the header starts on file line 2 and YAML marks are 0-based.
        raise FrontMatterError("front_matter.bad_yaml_on_line", line=mark.line + 2, problem=problem) from None
    if data is None:
        raise FrontMatterError("front_matter.empty")
    if not isinstance(data, dict):
        raise FrontMatterError("front_matter.not_pairs", kind=type(data).__name__)
    for key in data:
        if not isinstance(key, str):
            raise FrontMatterError("front_matter.key_not_text", key=repr(key))
    title = _text(data, "title", required=True)
    if len(title) > _MAX_TITLE:
        raise FrontMatterError("front_matter.title_too_long", limit=_MAX_TITLE)
    category = _text(data, "category", required=False)
    tags = _text_list(data, "tags")
    for tag in tags:
        if len(tag) > _MAX_TAG:
            raise FrontMatterError("front_matter.tag_too_long", tag=repr(tag[:20]), limit=_MAX_TAG)
    lines_ = _text_list(data, "business_lines")
    for code in lines_:
        if not _CODE_RE.match(code):
            raise FrontMatterError("front_matter.business_line_invalid", line_code=repr(code))
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


def _scalar_text(value: Any, key: str, item: int | None = None) -> str:
    # YAML turns `title: 404` into an int and `title: yes` into a bool; numbers
    # are what the author typed, booleans almost certainly are not.
    if isinstance(value, bool) or value is None:
        if item is None:
            raise FrontMatterError("front_matter.value_needs_quotes", key=key)
        raise FrontMatterError("front_matter.item_needs_quotes", key=key, item=item)
    if isinstance(value, str | int | float):
        return str(value).strip()
    if item is None:
        raise FrontMatterError("front_matter.value_not_text", key=key, kind=type(value).__name__)
    raise FrontMatterError("front_matter.item_not_text", key=key, item=item, kind=type(value).__name__)


def _text(data: Mapping[str, Any], key: str, *, required: bool) -> str:
    if key not in data or data[key] is None:
        if required:
            raise FrontMatterError("front_matter.key_missing", key=key)
        return ""
    text = _scalar_text(data[key], key)
    if required and not text:
        raise FrontMatterError("front_matter.key_empty", key=key)
    if "\n" in text:
        raise FrontMatterError("front_matter.key_not_one_line", key=key)
    return text


def _text_list(data: Mapping[str, Any], key: str) -> list[str]:
    value = data.get(key)
    if value is None:
        return []
    # Hand-written files often say `tags: 退货, 退款`; accept it rather than
    # reject a file for the sake of YAML purity.
    items = value.split(",") if isinstance(value, str) else value
    if not isinstance(items, list):
        raise FrontMatterError("front_matter.not_a_list", key=key)
    out = []
    for i, item in enumerate(items, 1):
        text = _scalar_text(item, key, i)
        if "\n" in text:
            raise FrontMatterError("front_matter.item_not_one_line", key=key, item=i)
        if text:
            out.append(text)
    return out

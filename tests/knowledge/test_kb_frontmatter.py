"""Markdown files with front matter: what parses, and the message for what does not."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from agent_desk.core.frontmatter import (
    FrontMatterError,
    MarkdownArticle,
    dump_article,
    parse_article,
)

GOOD = """---
title: 七天无理由退货
category: returns
tags: [退货, 退款]
business_lines: [health, kitchen]
---
## 适用范围

签收 7 天内。
"""


def test_parses_all_keys() -> None:
    article = parse_article(GOOD)
    assert article.title == "七天无理由退货"
    assert article.category == "returns"
    assert article.tags == ("退货", "退款")
    assert article.business_lines == ("health", "kitchen")
    assert article.body == "## 适用范围\n\n签收 7 天内。"


def test_windows_line_endings_and_bom_are_accepted() -> None:
    article = parse_article("\ufeff" + GOOD.replace("\n", "\r\n"))
    assert article.title == "七天无理由退货"
    assert article.body == "## 适用范围\n\n签收 7 天内。"


def test_comma_separated_tags_and_numeric_title() -> None:
    article = parse_article("---\ntitle: 404\ntags: 退货, 退款 ,\n---\nbody")
    assert article.title == "404"
    assert article.tags == ("退货", "退款")


def test_optional_keys_may_be_missing_and_extra_keys_survive() -> None:
    article = parse_article("---\ntitle: Only a title\nlang: en\n---\n")
    assert (article.category, article.tags, article.business_lines, article.body) == (
        "",
        (),
        (),
        "",
    )
    assert article.extra == {"lang": "en"}
    assert parse_article(dump_article(article)) == article


@pytest.mark.parametrize("category", ["售后", "售后/退换货", "After Sales", "Retouren & Umtausch", "returns"])
def test_a_category_is_a_name_in_any_script(category: str) -> None:
    article = parse_article(f"---\ntitle: x\ncategory: {category}\n---\n")
    assert article.category == category
    assert parse_article(dump_article(article)) == article


def test_a_horizontal_rule_in_the_body_is_not_a_fence() -> None:
    article = parse_article("---\ntitle: T\n---\nabove\n\n---\n\nbelow")
    assert article.body == "above\n\n---\n\nbelow"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "no front matter"),
        ("# Just Markdown\n", "no front matter"),
        ("title: x\n---\n", "no front matter"),
        ("---\ntitle: x\n", "not closed"),
        ("---\n---\nbody", "empty"),
        ("---\ntitle: [unclosed\n---\n", "not valid YAML on line 2"),
        ("---\ntitle: a\n  b: c\n---\n", "not valid YAML on line 3"),
        ("---\n- a\n- b\n---\n", "'key: value' pairs"),
        ("---\njust text\n---\n", "'key: value' pairs"),
        ("---\ncategory: returns\n---\n", "'title' is missing"),
        ("---\ntitle: ''\n---\n", "'title' is empty"),
        ("---\ntitle: yes\n---\n", "'title' must be text (put it in quotes)"),
        ("---\ntitle: {a: 1}\n---\n", "'title' must be text"),
        ("---\ntitle: x\ntags: {a: 1}\n---\n", "'tags' must be a list"),
        ("---\ntitle: x\ntags: [[a]]\n---\n", "item 1 of 'tags' must be text"),
        ("---\ntitle: x\nbusiness_lines: [保健品]\n---\n", "business line '保健品' must be a code"),
        ("---\n1: x\n---\n", "key 1 is not text"),
        ("---\ntitle: " + "x" * 201 + "\n---\n", "longer than 200"),
        ("---\ntitle: x\ntags: [" + "y" * 51 + "]\n---\n", "longer than 50"),
        ("---\ntitle: !!python/object:os.system x\n---\n", "not valid YAML"),
    ],
)
def test_broken_files_name_the_problem(text: str, message: str) -> None:
    with pytest.raises(FrontMatterError, match=_literal(message)):
        parse_article(text)


def _literal(message: str) -> str:
    return re.escape(message)


_line = (
    st.text(
        alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")),
        min_size=1,
        max_size=40,
    )
    .map(str.strip)
    .filter(bool)
)
_code = st.from_regex(r"[a-z][a-z0-9_-]{0,15}", fullmatch=True)


@given(
    title=_line,
    body=st.text(max_size=300),
    category=st.just("") | _code | _line,
    tags=st.lists(_line, max_size=5, unique=True),
    lines=st.lists(_code, max_size=4, unique=True),
)
def test_dump_then_parse_gives_the_article_back(
    title: str, body: str, category: str, tags: list[str], lines: list[str]
) -> None:
    article = MarkdownArticle(
        title=title,
        body=body.replace("\r", "").strip("\n"),
        category=category,
        tags=tuple(tags),
        business_lines=tuple(lines),
    )
    assert parse_article(dump_article(article)) == article


@given(st.text(max_size=400))
def test_any_text_parses_or_raises_front_matter_error(text: str) -> None:
    try:
        article = parse_article(text)
    except FrontMatterError as exc:
        assert str(exc)  # a reason the import report can show
    else:
        assert article.title.strip()


@given(st.text(max_size=200))
def test_any_header_parses_or_raises_front_matter_error(header: str) -> None:
    try:
        article = parse_article(f"---\n{header}\n---\nbody")
    except FrontMatterError as exc:
        assert str(exc)
    else:
        assert article.title.strip() and article.body == "body"

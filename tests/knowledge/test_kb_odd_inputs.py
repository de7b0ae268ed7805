"""Whatever is typed or pasted into the search box gives results or nothing, never an error."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from agent_desk.services.knowledge.index import KbHit, KnowledgeIndex

ODD_INPUTS = [
    "",
    "   ",
    "\t\n\r",
    '"',
    '"unbalanced',
    "'single",
    '"退货"',
    "退货 AND 发票",
    "退货 OR NOT 发票",
    "NOT",
    "AND OR NOT",
    "title:退货",
    "body:refund^10",
    "*",
    "退*",
    "ref*",
    "?",
    "~2",
    "refund~",
    "(((",
    ")]}",
    "[1 TO 5]",
    "{* TO *}",
    "+退货 -发票",
    "-",
    "\\",
    "/regex.*/",
    "'; DROP TABLE articles; --",
    "' OR '1'='1",
    "SELECT * FROM kb WHERE title LIKE '%退货%'",
    "%退货%",
    "_",
    "NEAR(退货 发票)",
    "退货 NEAR/2 发票",
    "<script>alert(1)</script>",
    "&lt;b&gt;",
    "😀",
    "退货😀",
    "👨‍👩‍👧",
    "\x00",
    "退\x00货",
    "\ud800",  # lone surrogate, as a broken clipboard can produce
    "ＶＩＰ",  # full-width Latin
    "ｒｅｆｕｎｄ",
    "ا لعربية",
    "Ελληνικά",
    "ﾀﾞｲｴｯﾄ",
    "a" * 500,
    "退" * 5000,
    "refund " * 2000,
    "退货 " * 3000,
    ("深海鱼油 cash on delivery 😀 'x' " * 400)[:10_240],
]


@pytest.mark.parametrize("query", ODD_INPUTS, ids=range(len(ODD_INPUTS)))
def test_odd_input_returns_results_or_nothing(demo_index: KnowledgeIndex, query: str) -> None:
    hits = demo_index.search(query)
    assert isinstance(hits, list)
    assert all(isinstance(h, KbHit) for h in hits)


@pytest.mark.parametrize("query", ['"退货"', "退货!", "退货*", "+退货", "(退货)", "退货 AND"])
def test_query_syntax_is_read_as_plain_words(demo_index: KnowledgeIndex, query: str) -> None:
    # The punctuation is ignored, the words are still searched.
    assert demo_index.search(query)[0].title == "七天无理由退货政策"


def test_full_width_letters_match_ordinary_ones(demo_index: KnowledgeIndex) -> None:
    assert demo_index.search("ＶＩＰ")[0].id == demo_index.search("VIP")[0].id


def test_blank_query_returns_nothing(demo_index: KnowledgeIndex) -> None:
    assert demo_index.search("") == []
    assert demo_index.search("  \u3000 ") == []


def test_html_in_articles_is_escaped_in_snippets(index: KnowledgeIndex, make_article) -> None:
    index.upsert(make_article(1, "A <i>bold</i> & brave title", "Use a < b & c > d for 退货."))
    hit = index.search("退货")[0]
    assert "&lt; b &amp; c &gt; d" in hit.snippet
    assert "<b>退货</b>" in hit.snippet
    assert hit.title_highlight == "A &lt;i&gt;bold&lt;/i&gt; &amp; brave title"


def test_absurd_limits_are_clamped(demo_index: KnowledgeIndex) -> None:
    assert len(demo_index.search("退", limit=0)) == 1
    assert len(demo_index.search("退", limit=-5)) == 1
    assert 1 < len(demo_index.search("退", limit=10**9)) <= 200


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    query=st.text(max_size=120) | st.text(alphabet="退货款 \"'*:()[]{}^~+-!?\\/&|<>AND OR NOT title body", max_size=60),
    category=st.none() | st.text(max_size=10),
    business_line=st.none() | st.sampled_from(["health", "kitchen", "", "x y", "'"]),
)
def test_any_text_never_raises(
    demo_index: KnowledgeIndex, query: str, category: str | None, business_line: str | None
) -> None:
    hits = demo_index.search(query, category=category, business_line=business_line)
    for hit in hits:
        assert isinstance(hit.snippet, str) and isinstance(hit.title_highlight, str)
        assert hit.snippet.count("<b>") == hit.snippet.count("</b>")

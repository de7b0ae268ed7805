"""Ranking on the shipped demo articles: what an agent types → the article they need."""

from __future__ import annotations

import re

import pytest

from agent_desk.core.frontmatter import MarkdownArticle
from agent_desk.services.knowledge.index import KnowledgeIndex

# (query, acceptable top hits). One title each, except for `退`, which three
# titles contain equally well.
RELEVANCE_TABLE: list[tuple[str, tuple[str, ...]]] = [
    ("退", ("七天无理由退货政策", "退款到账时间说明", "保健品拆封后能否退货")),
    ("刀", ("刀具套装安全使用与磨刀",)),
    ("霜", ("面霜使用方法与过敏处理",)),
    ("税", ("发票开具：电子普通发票与增值税专用发票",)),
    ("退货", ("七天无理由退货政策",)),
    ("退款", ("退款到账时间说明",)),
    ("鱼油", ("深海鱼油服用方法与注意事项",)),
    ("物流", ("配送时效与物流查询",)),
    ("运费", ("偏远地区配送与运费",)),
    ("发票", ("发票开具：电子普通发票与增值税专用发票",)),
    ("保修", ("家电保修政策与报修流程",)),
    ("投诉", ("客户投诉处理流程与升级规则",)),
    ("拒收", ("货到付款规则与拒收处理",)),
    ("拦截", ("取消订单与拦截快递",)),
    ("诈骗", ("冒充客服诈骗的识别与提醒",)),
    ("价保", ("价格保护与电视节目活动价",)),  # only in a body
    ("货到付款", ("货到付款规则与拒收处理",)),
    ("不粘锅", ("不粘锅使用与保养方法",)),
    ("破壁机", ("破壁机使用指南与故障排查",)),
    ("按摩椅", ("按摩椅安装、使用禁忌与售后",)),
    ("怎么办理退货", ("七天无理由退货政策",)),  # no exact phrase: falls back to pieces
    ("退货 xyzzy", ("七天无理由退货政策",)),  # a word nowhere: best partial match
    ("refund", ("Returns and refunds — the 7-day no-reason policy",)),
    ("return policy", ("Returns and refunds — the 7-day no-reason policy",)),
    ("cash on delivery", ("Cash on delivery (COD) — how it works",)),
    ("warranty", ("Warranty and repairs for appliances",)),
    ("fapiao", ("Requesting an invoice (fapiao)",)),
    ("robot vac", ("Robot vacuum — first run, mapping and troubleshooting",)),  # still typing
    ("escalate", ("Handling a complaint and when to escalate",)),
    ("patch test", ("Face cream — patch test and skin reactions",)),
    ("vip会员", ("VIP会员等级与专属权益",)),
    ("VIP 积分", ("VIP会员等级与专属权益",)),
    ("omega-3 鱼油", ("深海鱼油服用方法与注意事项",)),
    ("Wi-Fi 扫地", ("扫地机器人首次使用与建图",)),
    ("E1", ("破壁机使用指南与故障排查",)),
    ("12315", ("客户投诉处理流程与升级规则",)),
]


@pytest.mark.parametrize(("query", "expected"), RELEVANCE_TABLE, ids=[q for q, _ in RELEVANCE_TABLE])
def test_top_hit(demo_index: KnowledgeIndex, query: str, expected: tuple[str, ...]) -> None:
    hits = demo_index.search(query)
    assert hits, f"{query!r} found nothing"
    assert hits[0].title in expected, [h.title for h in hits[:5]]


@pytest.mark.parametrize("query", ["退货", "物流", "保修", "VIP", "delivery", "退"])
def test_title_matches_rank_before_body_matches(demo_index: KnowledgeIndex, query: str) -> None:
    hits = demo_index.search(query, limit=50)
    in_title = [query.lower() in h.title.lower() for h in hits]
    assert any(in_title) and not all(in_title), "query should match titles and bodies"
    first_body_only = in_title.index(False)
    assert not any(in_title[first_body_only:]), [h.title for h in hits]


@pytest.mark.parametrize("query", ["刀", "退", "霜", "退货", "鱼油", "发票", "VIP"])
def test_short_queries_find_every_article_containing_them(
    demo_index: KnowledgeIndex, demo_articles: list[tuple[int, MarkdownArticle]], query: str
) -> None:
    # Recall, not just the top hit: a trigram index finds none of these.
    expected = {i for i, a in demo_articles if query.lower() in f"{a.title} {a.body} {' '.join(a.tags)}".lower()}
    hits = demo_index.search(query, limit=200)
    assert {h.id for h in hits} == expected
    for hit in hits:
        assert "<b>" in hit.snippet + hit.title_highlight


def test_snippet_highlights_the_phrase_as_one_run(demo_index: KnowledgeIndex) -> None:
    hit = demo_index.search("退货")[0]
    assert "<b>退货</b>" in hit.snippet
    assert hit.title_highlight == "七天无理由<b>退货</b>政策"
    assert len(re.sub(r"</?b>", "", hit.snippet)) <= 200


def test_highlight_while_typing_a_word(demo_index: KnowledgeIndex) -> None:
    hit = demo_index.search("warran")[0]
    assert hit.title == "Warranty and repairs for appliances"
    assert "<b>Warranty</b>" in hit.title_highlight


def test_english_word_forms_match(demo_index: KnowledgeIndex) -> None:
    # "refunds" in the text, "refund" typed (and the reverse)
    assert demo_index.search("refunds")[0].title.startswith("Returns and refunds")
    assert demo_index.search("invoices")[0].title == "Requesting an invoice (fapiao)"


def test_markdown_syntax_is_not_in_snippets(demo_index: KnowledgeIndex) -> None:
    hits = demo_index.search("货到付款", limit=50)
    for hit in hits:
        assert "**" not in hit.snippet and "| ---" not in hit.snippet and "##" not in hit.snippet

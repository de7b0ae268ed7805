"""Snippets show the part of the body that matched, with the matched words in <b>."""

from __future__ import annotations

import re

from agent_desk.services.knowledge.query import split_query
from agent_desk.services.knowledge.snippet import Highlighter


def mark(query: str, text: str, chars: int = 160) -> str:
    return Highlighter(split_query(query), chars).snippet(text)


def test_finished_words_match_word_forms_not_other_words() -> None:
    text = "Connect with Wi-Fi first. Our policies on Wi-Fi."
    wifi = "<b>Wi</b>-<b>Fi</b>"
    assert mark("Wi-Fi ", text) == f"Connect with {wifi} first. Our policies on {wifi}."
    assert "<b>policies</b>" in mark("policy", text)


def test_the_word_being_typed_matches_its_completions() -> None:
    assert mark("refu", "Refunds and refusals") == "<b>Refunds</b> and <b>refusals</b>"


def test_cjk_phrases_and_single_characters() -> None:
    assert mark("退货", "七天无理由退货，退款原路退回") == "七天无理由<b>退货</b>，退款原路退回"
    assert mark("退", "退货退款") == "<b>退</b>货<b>退</b>款"


def test_window_shows_the_part_with_most_of_the_query() -> None:
    body = "发票说明。" + "无关内容。" * 60 + "发票和退货一起办理。"
    snippet = mark("发票 退货", body, chars=60)
    assert "<b>发票</b>和<b>退货</b>" in snippet
    assert snippet.startswith("…") and len(re.sub(r"</?b>", "", snippet)) <= 62


def test_long_body_without_a_match_shows_its_start() -> None:
    snippet = mark("xyz", "甲" * 500, chars=50)
    assert snippet == "甲" * 50 + "…"


def test_text_is_html_escaped_around_the_marks() -> None:
    assert mark("b", "<b>a & b</b>") == "&lt;<b>b</b>&gt;a &amp; <b>b</b>&lt;/<b>b</b>&gt;"
    assert Highlighter(split_query("x"), 10).title("x < y") == "<b>x</b> &lt; y"

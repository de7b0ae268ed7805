"""The tokenizer and query reading that decide what a search can find."""

from __future__ import annotations

import pytest

from agent_desk.services.knowledge.query import MAX_QUERY_CHARS, Segment, split_query
from agent_desk.services.knowledge.text import build_analyzer, markdown_to_text


def test_cjk_is_one_token_per_character_latin_whole_words() -> None:
    tokens = build_analyzer().analyze("VIP会员退货 Refund-Policy 3年保修 snake_case")
    assert tokens == ["vip", "会", "员", "退", "货", "refund", "polici", "3", "年", "保", "修",
                      "snake", "case"]  # fmt: skip


@pytest.mark.parametrize(
    ("query", "segments"),
    [
        ("退货", [Segment(("退", "货"))]),
        ("退 货", [Segment(("退",)), Segment(("货",))]),
        ("VIP会员", [Segment(("vip",)), Segment(("会", "员"))]),
        ("how to ref", [Segment(("ref",), prefix=True)]),
        ("refund ", [Segment(("refund",))]),  # a space ends the word: no longer a prefix
        ("the", [Segment(("the",), prefix=True)]),  # stopwords alone are kept
        ("r", [Segment(("r",))]),  # one letter is not completed yet
        ("re", [Segment(("re",), prefix=True)]),
        (
            '"退货" AND title:x',
            [Segment(("退", "货")), Segment(("titl",)), Segment(("x",))],
        ),
        ("退货 退货", [Segment(("退", "货"))]),
        ("😀 !!", []),
        ("", []),
    ],
)
def test_split_query(query: str, segments: list[Segment]) -> None:
    got = [(s.tokens, s.prefix) for s in split_query(query)]
    assert got == [(s.tokens, s.prefix) for s in segments]


def test_segments_keep_the_typed_form_for_highlighting() -> None:
    assert [s.surface for s in split_query("Policies 退货 ＲＥＦ")] == ["policies", "退货", "ref"]


def test_long_input_is_capped() -> None:
    segments = split_query("退" * 10_000)
    assert len(segments) == 1 and len(segments[0].tokens) <= MAX_QUERY_CHARS
    assert len(split_query(" ".join(f"w{i}" for i in range(5000)))) <= 12


def test_markdown_is_reduced_to_readable_text() -> None:
    markdown = """## 标题

**粗体** 和 *斜体*，`代码`，[链接文字](https://example.com/x)，![图片说明](img.png)

- 列表项
1. 编号项
> 引用

| 列 | 值 |
| --- | --- |
| 甲 | 乙 |

```python
print("code")
```
<span>html</span> snake_case a * b
"""
    text = markdown_to_text(markdown)
    for kept in ["标题", "粗体 和 斜体", "代码", "链接文字", "图片说明", "列表项", "编号项", "引用",
                 "列 值", "甲 乙", 'print("code")', "html", "snake_case", "a * b"]:  # fmt: skip
        assert kept in text, kept
    for gone in ["##", "**", "`", "https://", "img.png", "| ---", "<span>", "```", "- 列表"]:
        assert gone not in text, gone

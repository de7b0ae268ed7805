"""Text preparation for the knowledge index: tokenizer definition and Markdown → plain text.

Kept apart from the index so that the tokenizer (which decides what a query
can find) is defined in exactly one place and can be tested on its own.
"""

from __future__ import annotations

import operator
import re
from functools import lru_cache

import tantivy

__all__ = [
    "ANALYZER_NAME",
    "BIGRAM_ANALYZER_NAME",
    "TOKEN_PATTERN",
    "build_analyzer",
    "build_bigram_analyzer",
    "cjk_bigram_text",
    "clean_text",
    "is_per_char_token",
    "markdown_to_text",
]

ANALYZER_NAME = "kb_cjk"
BIGRAM_ANALYZER_NAME = "kb_cjk2"

# Scripts written without spaces get one token per character, so a one- or
# two-character query (`退`, `退货`) is a term or a phrase query and is found
# exactly (DESIGN.md: trigram indexes miss these). Everything else that is a
# word character becomes one whole, lower-cased word or number. Underscore is
# excluded so `snake_case` splits like the words a user would type.
_PER_CHAR = r"\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}\p{Bopomofo}"
TOKEN_PATTERN = rf"[{_PER_CHAR}]|[\w&&[^{_PER_CHAR}_]]+"

# Tokens longer than this are base64 blobs, hashes or URLs run together; they
# only bloat the term dictionary.
_MAX_TOKEN_BYTES = 60


def build_analyzer() -> tantivy.TextAnalyzer:
    """The analyzer used both for indexing and for reading queries."""
    return (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.regex(TOKEN_PATTERN))
        .filter(tantivy.Filter.remove_long(_MAX_TOKEN_BYTES))
        .filter(tantivy.Filter.lowercase())
        # "return" must find "Returns and refunds"; stems are prefixes of the
        # word in nearly all cases, so search-as-you-type prefixes still match.
        .filter(tantivy.Filter.stemmer("english"))
        .build()
    )


def build_bigram_analyzer() -> tantivy.TextAnalyzer:
    """Reads the output of :func:`cjk_bigram_text`, where pairs are separated by spaces.

    A whitespace tokenizer: a regex one cost a third more indexing time.
    """
    return tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.whitespace()).build()


_ANALYZER = build_analyzer()

# Per-character tokens make a two-character query a phrase query, which has to
# read the positions of every article containing either character: `退货` in a
# knowledge base about returns costs >10 ms at 100k articles. A second set of
# fields holds overlapping character pairs, so `退货` is one term lookup and
# longer queries are phrases over rarer pairs. Python ranges mirror the
# tokenizer's scripts (Han incl. extensions, kana, Hangul, Bopomofo).
_CJK_CHARS = (
    "\u1100-\u11ff\u2e80-\u2fdf\u3005-\u3007\u3021-\u3029\u3038-\u303b"
    "\u3040-\u312f\u3130-\u318f\u31a0-\u31ff\u3400-\u4dbf\u4e00-\u9fff"
    "\ua960-\ua97f\uac00-\ud7af\uf900-\ufaff\uff66-\uff9f\U00020000-\U0003134f"
)
_CJK_RUN = re.compile(f"[{_CJK_CHARS}]{{2,}}")


def cjk_bigram_text(text: str) -> str:
    """Every pair of adjacent CJK characters in ``text``, space-separated.

    Runs are separated by a ``|`` token so that a pair ending one run and a
    pair starting the next are not adjacent positions (a fake phrase match).
    """
    return " | ".join(" ".join(map(operator.add, run, run[1:])) for run in _CJK_RUN.findall(text))


@lru_cache(maxsize=8192)
def is_per_char_token(token: str) -> bool:
    """True for a CJK-style single-character token.

    Asks the analyzer itself rather than repeating the Unicode ranges here: a
    doubled Latin letter stays one word, a doubled Han character becomes two
    tokens.
    """
    return len(token) == 1 and len(_ANALYZER.analyze(token * 2)) == 2


def clean_text(text: str) -> str:
    """``text`` without lone surrogates, which a broken clipboard or file can carry.

    Tantivy (Rust) only takes valid UTF-8 and would raise on them.
    """
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "ignore").decode("utf-8")
    return text


_FENCE = re.compile(r"^\s*(```|~~~).*$", re.MULTILINE)
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
_HTML_TAG = re.compile(r"</?[A-Za-z][^>]*>")
_LINE_MARK = re.compile(r"^\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+(?:\[[ xX]\]\s+)?|\d+[.)]\s+)", re.M)
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$", re.MULTILINE)
_HRULE = re.compile(r"^\s*([-*_])(\s*\1){2,}\s*$", re.MULTILINE)
_EMPHASIS = re.compile(r"(\*\*|__|\*|~~|`+)(?=\S)(.+?)(?<=\S)\1")
_PIPES = re.compile(r"[ \t]*\|[ \t]*")
# Only runs of spaces and other blanks; a lone space stays as it is (cheaper).
_SPACES = re.compile(r"[ \t\r\f\v]{2,}|[\t\r\f\v]")
_BLANK_LINES = re.compile(r"\n\s*\n+")
_REWRITES: tuple[tuple[str, re.Pattern[str], str], ...] = (
    ("```", _FENCE, ""),
    ("~~~", _FENCE, ""),
    ("![", _IMAGE, r"\1"),
    ("](", _LINK, r"\1"),
    ("<", _AUTOLINK, r"\1"),
    ("<", _HTML_TAG, ""),
    ("---", _TABLE_RULE, ""),
    ("---", _HRULE, ""),
    ("***", _HRULE, ""),
    ("___", _HRULE, ""),
    ("", _LINE_MARK, ""),
)


def markdown_to_text(markdown: str) -> str:
    """Readable plain text of a Markdown body, for indexing and snippets.

    Snippets are shown in a label and a terminal, where `**`, `##` and link
    targets are noise. This is deliberately lossy: the article view renders
    the real Markdown.
    """
    text = markdown
    # Each rewrite only runs when its marker character occurs: most bodies use
    # few of them, and this keeps indexing 100k articles fast.
    for marker, pattern, replacement in _REWRITES:
        if marker in text:
            text = pattern.sub(replacement, text)
    if any(ch in text for ch in "*_~`"):
        for _ in range(2):  # nested emphasis such as ***x***
            text = _EMPHASIS.sub(r"\2", text)
    if "|" in text:
        text = _PIPES.sub(" ", text)
    if "  " in text or any(ch in text for ch in "\t\r\f\v"):
        text = _SPACES.sub(" ", text)
    text = "\n".join(line.strip() for line in text.split("\n"))
    return _BLANK_LINES.sub("\n", text).strip()

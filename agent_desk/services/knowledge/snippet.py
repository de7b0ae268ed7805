"""Highlighted snippets for search hits, as HTML-escaped text with ``<b>…</b>`` around matches.

Done here rather than with tantivy's SnippetGenerator, which re-tokenizes
every hit's whole body (~0.3 ms a hit, most of the per-keystroke budget for
twenty hits). Plain substring search on the lower-cased text, checked against
the tokenizer's word boundaries and stems, costs microseconds.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from agent_desk.services.knowledge.query import Segment
from agent_desk.services.knowledge.text import build_analyzer, is_per_char_token

__all__ = ["Highlighter"]

# Scripts the tokenizer splits per character: never part of a Latin word.
_CJK_CHAR = re.compile(
    "[\u1100-\u11ff\u2e80-\u2fdf\u3005-\u3007\u3040-\u31ff\u3400-\u4dbf\u4e00-\u9fff"
    "\ua960-\ua97f\uac00-\ud7af\uf900-\ufaff\uff66-\uff9f\U00020000-\U0003134f]"
)
_LEAD = 30
# Enough to pick a window and mark it; a one-letter prefix can occur hundreds
# of times in a body, and each candidate costs Python time.
_MAX_TRIES_PER_FORM = 32
# Only the head of a very long article is searched for the snippet window.
_MAX_SCAN = 8000
_ANALYZER = build_analyzer()


@dataclass(frozen=True, slots=True)
class _Needle:
    group: int
    forms: tuple[str, ...]
    word: bool  # a Latin word: must start at a word boundary and runs to its end
    stem_to: str | None  # a finished word must stem to the index term


class Highlighter:
    """Finds and marks a query's segments in titles and bodies."""

    def __init__(self, segments: Sequence[Segment], snippet_chars: int = 160) -> None:
        self._chars = snippet_chars
        self._needles: list[_Needle] = []
        for group, seg in enumerate(segments):
            if len(seg.tokens) > 1 or is_per_char_token(seg.tokens[0]):
                self._needles.append(_Needle(group, (seg.surface,), word=False, stem_to=None))
                continue
            # The typed word or its stem (what the index matched), run on to the
            # end of the word: "refu" → "Refunds", "policy" → "policies".
            forms = tuple(f for f in {seg.surface, seg.tokens[0]} if f)
            stem_to = None if seg.prefix else seg.tokens[0]
            self._needles.append(_Needle(group, forms, word=True, stem_to=stem_to))
        self._groups = len(self._needles)

    def title(self, title: str) -> str:
        """The whole title, escaped, with matches marked."""
        return _mark(title, 0, len(title), self._find(title))

    def snippet(self, body: str) -> str:
        """About ``snippet_chars`` of ``body`` around the best cluster of matches."""
        body = body.replace("\n", " ")
        matches = self._find(body[:_MAX_SCAN])
        if not matches:
            return _mark(body, 0, min(len(body), self._chars), [])
        best_start, best_score = matches[0][0], -1
        for i, (pos, _end, _group) in enumerate(matches):
            # Prefer the window that shows the most different parts of the query.
            window_end = pos + self._chars - _LEAD
            seen = {g for p, _e, g in matches[i:] if p < window_end}
            if len(seen) > best_score:
                best_start, best_score = pos, len(seen)
                if best_score == self._groups:
                    break
        start = max(0, best_start - _LEAD)
        if start:
            # Start on a word or sentence boundary when one is near.
            space = body.rfind(" ", start - 10, best_start)
            start = space + 1 if space >= 0 else start
        end = min(len(body), start + self._chars)
        return _mark(body, start, end, matches)

    def _find(self, text: str) -> list[tuple[int, int, int]]:
        """Non-overlapping ``(start, end, group)`` of every match, in order."""
        low = text.lower()
        if len(low) != len(text):  # e.g. "İ": offsets would no longer line up
            low = text
        found: list[tuple[int, int, int]] = []
        for needle in self._needles:
            for form in needle.forms:
                pos = low.find(form)
                tries = 0
                while pos >= 0 and tries < _MAX_TRIES_PER_FORM:
                    tries += 1
                    end = pos + len(form)
                    if needle.word:
                        if pos > 0 and _is_word_char(low[pos - 1]):
                            pos = low.find(form, pos + 1)
                            continue
                        while end < len(low) and _is_word_char(low[end]):
                            end += 1
                        # "wi" typed in "Wi-Fi" is a finished word: not "with".
                        if needle.stem_to is not None and _stem(low[pos:end]) != needle.stem_to:
                            pos = low.find(form, end)
                            continue
                    found.append((pos, end, needle.group))
                    pos = low.find(form, end)
        found.sort(key=lambda m: (m[0], -m[1]))
        merged: list[tuple[int, int, int]] = []
        for match in found:
            if not merged or match[0] >= merged[-1][1]:
                merged.append(match)
        return merged


def _mark(text: str, start: int, end: int, matches: Sequence[tuple[int, int, int]]) -> str:
    out = ["…"] if start > 0 else []
    pos = start
    for m_start, m_end, _group in matches:
        if m_end <= start:
            continue
        if m_start >= end:
            break
        m_start, m_end = max(m_start, start), min(m_end, end)
        out.append(html.escape(text[pos:m_start], quote=False))
        out.append(f"<b>{html.escape(text[m_start:m_end], quote=False)}</b>")
        pos = m_end
    out.append(html.escape(text[pos:end], quote=False))
    if end < len(text):
        out.append("…")
    return "".join(out).strip()


def _is_word_char(ch: str) -> bool:
    # Mirrors the tokenizer: letters and digits, but not "_" and not CJK.
    return ch.isalnum() and (ch < "\u1100" or _CJK_CHAR.match(ch) is None)


@lru_cache(maxsize=4096)
def _stem(word: str) -> str:
    tokens = _ANALYZER.analyze(word)
    return tokens[0] if len(tokens) == 1 else word

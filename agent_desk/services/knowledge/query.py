"""Turning what an agent typed into a tantivy query, without ever using a query parser.

User text is never given to tantivy's query parser: quotes, `AND`, `title:`,
`*` or a pasted SQL statement are just words here. The text goes through the
same analyzer as the articles, and the query is assembled from term, phrase
and phrase-prefix queries, so there is no syntax that can fail.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

import tantivy

from agent_desk.services.knowledge.text import build_analyzer, clean_text, is_per_char_token

__all__ = [
    "FIELD_BOOSTS",
    "MAX_QUERY_CHARS",
    "PAIR_SUFFIX",
    "Segment",
    "build_query",
    "relaxed_segments",
    "split_query",
]

# Fields holding CJK character pairs are named after their text field plus this.
PAIR_SUFFIX = "_pairs"

# Longer input is a paste, not a search; the head of it is what matters, and
# the cap keeps every query's cost bounded.
MAX_QUERY_CHARS = 200
_MAX_SEGMENTS = 12
_MAX_PHRASE = 32
_MAX_RELAXED_CLAUSES = 24
_MIN_PREFIX = 2

# A title match must outrank an article that merely mentions the words many
# times in its body (BM25 saturates term frequency, so 6x is decisive).
FIELD_BOOSTS: tuple[tuple[str, float], ...] = (("title", 6.0), ("tags", 2.5), ("body", 1.0))

# Only dropped from queries (the index keeps them), so "how to return a parcel"
# means "return parcel" rather than requiring every article to say "to" and "a".
_STOPWORDS_TEXT = """
a an and are as at be by can do does for from how i in is it my of on or
the to what when where which who why will with you your
"""
_STOPWORDS = frozenset(_STOPWORDS_TEXT.split())

_ANALYZER = build_analyzer()


@dataclass(frozen=True, slots=True)
class Segment:
    """One unit that a matching article must contain.

    A run of CJK characters is a phrase (its characters adjacent, in order); a
    Latin word is a term, or a prefix when it is the word still being typed.
    ``tokens`` are what the index holds (lower-cased, stemmed); ``surface`` is
    the text as typed (lower-cased), which the highlighter looks for.
    """

    tokens: tuple[str, ...]
    prefix: bool = False
    surface: str = ""


def split_query(text: str) -> list[Segment]:
    """Segments of a query string; empty when there is nothing to search for."""
    text = unicodedata.normalize("NFKC", clean_text(text[: MAX_QUERY_CHARS * 2]))
    text = text[:MAX_QUERY_CHARS]
    tokens = _ANALYZER.pre_tokenize(text).tokens
    segments: list[Segment] = []
    run: list[str] = []
    run_end = -1

    def flush() -> None:
        if run:
            kept = tuple(run[:_MAX_PHRASE])
            segments.append(Segment(kept, surface="".join(kept)))
            run.clear()

    for token in tokens:
        if is_per_char_token(token.text):
            if run and token.char_offset_from != run_end:
                flush()
            run.append(token.text)
            run_end = token.char_offset_to
            continue
        flush()
        surface = text[token.char_offset_from : token.char_offset_to].lower()
        segments.append(Segment((token.text,), surface=surface))
    flush()
    if not segments:
        return []
    last = segments[-1]
    typing_word = (
        len(last.tokens) == 1 and not is_per_char_token(last.tokens[0]) and tokens[-1].char_offset_to == len(text)
    )
    # Stopwords only count when they are all there is ("the", "how to").
    words = [s for s in segments if len(s.tokens) > 1 or s.surface not in _STOPWORDS]
    segments = _dedupe(words or segments)[:_MAX_SEGMENTS]
    # A single typed letter completes to thousands of words: too costly per
    # keystroke and too vague to be useful, so it waits for the second letter.
    if typing_word and segments[-1] is last and len(last.surface) >= _MIN_PREFIX:
        segments[-1] = Segment(last.tokens, prefix=True, surface=last.surface)
    return segments


def relaxed_segments(segments: Sequence[Segment]) -> list[Segment]:
    """Smaller pieces for a second try when the exact query finds nothing.

    `怎么办理退货` has no exact match if articles say `如何退货`; its two-character
    pieces (`退货`, …) still do. Latin words stay as they are; "blender E2"
    then finds articles with either word, those with both first.
    """
    out: list[Segment] = []
    for seg in segments:
        if len(seg.tokens) > 2:
            out.extend(
                Segment(seg.tokens[i : i + 2], surface="".join(seg.tokens[i : i + 2]))
                for i in range(len(seg.tokens) - 1)
            )
        else:
            # Completions stay out: a half-typed word OR'd with common terms
            # would have to score every article holding any completion.
            out.append(Segment(seg.tokens, surface=seg.surface))
    return _dedupe(out)[:_MAX_RELAXED_CLAUSES]


def build_query(schema: tantivy.Schema, segments: Sequence[Segment], *, relaxed: bool = False) -> tantivy.Query:
    """All segments required (relaxed: any of them, the more the better), each in any field."""
    clauses = [_segment_query(schema, seg) for seg in segments]
    if not clauses:
        return tantivy.Query.empty_query()
    if not relaxed:
        if len(clauses) == 1:
            return clauses[0]
        return tantivy.Query.boolean_query([(tantivy.Occur.Must, c) for c in clauses])
    return tantivy.Query.boolean_query([(tantivy.Occur.Should, c) for c in clauses])


def _segment_query(schema: tantivy.Schema, seg: Segment) -> tantivy.Query:
    per_field = []
    for field, boost in FIELD_BOOSTS:
        per_field.append(tantivy.Query.boost_query(_field_query(schema, field, seg), boost))
    return tantivy.Query.boolean_query([(tantivy.Occur.Should, q) for q in per_field])


def _field_query(schema: tantivy.Schema, field: str, seg: Segment) -> tantivy.Query:
    if len(seg.tokens) == 2:
        # A CJK pair: one term in the character-pair field (see kb_text).
        return tantivy.Query.term_query(schema, f"{field}{PAIR_SUFFIX}", "".join(seg.tokens))
    if len(seg.tokens) > 2:
        pairs: list[str | tuple[int, str]] = ["".join(seg.tokens[i : i + 2]) for i in range(len(seg.tokens) - 1)]
        return tantivy.Query.phrase_query(schema, f"{field}{PAIR_SUFFIX}", pairs)
    term = tantivy.Query.term_query(schema, field, seg.tokens[0])
    if not seg.prefix or field == "tags":
        # Tags are whole words picked by an editor; completing them as well
        # costs a third more per keystroke and title/body already complete.
        return term
    # The exact word keeps its BM25 score; completions of it ("ref" → "refund")
    # match with a constant score below it so that finished words rank first.
    completion = tantivy.Query.phrase_prefix_query(schema, field, list(seg.tokens))
    return tantivy.Query.boolean_query(
        [
            (tantivy.Occur.Should, term),
            (tantivy.Occur.Should, tantivy.Query.const_score_query(completion, 0.5)),
        ]
    )


def _dedupe(segments: Sequence[Segment]) -> list[Segment]:
    seen: set[tuple[str, ...]] = set()
    out = []
    for seg in segments:
        if seg.tokens not in seen:
            seen.add(seg.tokens)
            out.append(seg)
    return out

"""Reading and writing a folder of Markdown knowledge articles.

The database side of an import (matching business lines, saving articles,
updating the index) belongs to the knowledge service; this module only turns
a folder into parsed articles plus a report of the files it skipped and why,
and writes articles back out as files.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

from agent_desk.core.frontmatter import (
    FrontMatterError,
    MarkdownArticle,
    dump_article,
    parse_article,
)
from agent_desk.services.errors import Problem, ServiceError

__all__ = [
    "FolderProblem",
    "FolderReadResult",
    "SkippedFile",
    "export_filename",
    "read_folder",
    "write_folder",
]

ProgressCallback = Callable[[int, int], None]
"""Called as ``progress(done, total)`` after each file."""

MAX_FILE_BYTES = 1_000_000
# Pictures beside the articles are referenced from their Markdown; they are
# not articles, but they are not a mistake either, so they are not reported.
_ASSET_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".bmp"})
_UNSAFE_IN_NAME = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]+')
_SPACE_RUNS = re.compile(r"[\s._-]+")


class FolderProblem(ServiceError):
    """Why a file of a folder was skipped, or a picture left out: the reasons in import and export reports.

    Never raised: a broken file does not stop an import, it gets a :class:`Problem` in the report.
    """

    messages: ClassVar[Mapping[str, str]] = {
        "knowledge_folder.not_markdown": "not a Markdown file (.md)",
        "knowledge_folder.too_large": "larger than {limit_mb} MB",
        "knowledge_folder.unreadable": "cannot be read: {detail}",
        "knowledge_folder.not_utf8": "not UTF-8 text (byte {byte}); save it as UTF-8",
        "knowledge_folder.same_title": "same title as {other}",
        "knowledge_folder.business_line_unknown": "unknown business line {unknown} (known: {known})",
        "knowledge_folder.pictures_not_copied": "its pictures cannot be copied: {detail}",
        "knowledge_folder.picture_missing": "picture {picture} not found beside the article",
        "knowledge_folder.picture_not_on_desk": "picture {picture} is not on this desk",
    }


@dataclass(frozen=True, slots=True)
class SkippedFile:
    """A file that was not imported, and why (a coded problem that reads as its English sentence)."""

    path: Path
    reason: Problem


@dataclass(slots=True)
class FolderReadResult:
    """Articles found in a folder, in file-name order, and the files skipped."""

    articles: list[tuple[Path, MarkdownArticle]] = field(default_factory=list)
    skipped: list[SkippedFile] = field(default_factory=list)


def read_folder(folder: Path, progress: ProgressCallback | None = None) -> FolderReadResult:
    """Parse every ``*.md`` file under ``folder`` (recursively, hidden entries ignored).

    A broken file never stops the import: it is listed in ``skipped`` with the
    reason (bad front matter, not UTF-8, too large, duplicate title, not
    Markdown). Raises ``NotADirectoryError`` if ``folder`` is not a folder.
    """
    if not folder.is_dir():
        raise NotADirectoryError(f"{folder} is not a folder")
    files = sorted(
        p
        for p in folder.rglob("*")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(folder).parts)
    )
    result = FolderReadResult()
    titles: dict[str, Path] = {}
    for done, path in enumerate(files, 1):
        reason = _read_one(path, result, titles, folder)
        if reason is not None:
            result.skipped.append(SkippedFile(path, reason))
        if progress is not None:
            progress(done, len(files))
    return result


def _read_one(path: Path, result: FolderReadResult, titles: dict[str, Path], folder: Path) -> Problem | None:
    problem = FolderProblem.problem
    suffix = path.suffix.lower()
    if suffix in _ASSET_SUFFIXES:
        return None
    if suffix not in {".md", ".markdown"}:
        return problem("knowledge_folder.not_markdown")
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return problem("knowledge_folder.too_large", limit_mb=MAX_FILE_BYTES // 1_000_000)
        raw = path.read_bytes()
    except OSError as exc:
        return problem("knowledge_folder.unreadable", detail=str(exc.strerror or exc))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return problem("knowledge_folder.not_utf8", byte=exc.start)
    try:
        article = parse_article(text)
    except FrontMatterError as exc:
        return exc.as_problem()
    key = article.title.casefold()
    if key in titles:
        return problem("knowledge_folder.same_title", other=str(titles[key].relative_to(folder)))
    titles[key] = path
    result.articles.append((path, article))
    return None


def export_filename(article_id: int, title: str) -> str:
    """A file name that is unique per article, readable, and valid on Windows too."""
    stem = _SPACE_RUNS.sub("-", _UNSAFE_IN_NAME.sub(" ", title)).strip("-")[:60].rstrip("-")
    return f"{article_id:05d}-{stem}.md" if stem else f"{article_id:05d}.md"


def write_folder(
    folder: Path,
    articles: Sequence[tuple[int, MarkdownArticle]],
    progress: ProgressCallback | None = None,
) -> list[Path]:
    """Write each ``(id, article)`` as a Markdown file in ``folder``; returns the paths.

    Each file is written to a temporary name and renamed, so an interrupted
    export never leaves a half-written article behind.
    """
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for done, (article_id, article) in enumerate(articles, 1):
        target = folder / export_filename(article_id, article.title)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".export-", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
                fh.write(dump_article(article))
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        written.append(target)
        if progress is not None:
            progress(done, len(articles))
    return written

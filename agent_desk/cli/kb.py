"""``agent-desk kb``: import, export, search and re-index the knowledge base.

``kb import`` publishes as the command line (whoever holds the database URL); ``--author`` names
a supervisor or admin to record as the author instead. ``kb search`` first brings this machine's
index in step with the database (the desk's own index, or a private one in memory while a desk
window holds it), then prints the best hits; ``--json`` prints a list of objects, best first,
with ``id``, ``title``, ``snippet`` (HTML: matches in ``<b>``), ``snippet_text``, ``score``.
"""

from __future__ import annotations

import argparse
import json
import re
from collections.abc import Callable
from html import unescape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from agent_desk.cli.common import CliError, add_url, open_db

if TYPE_CHECKING:
    from agent_desk.services.access.auth import CurrentUser
    from agent_desk.services.knowledge.search import KnowledgeSearch
    from agent_desk.store.database import Database

_TAGS = re.compile(r"<[^>]+>")


def plain(html: str) -> str:
    """A highlighted snippet as terminal text."""
    return unescape(_TAGS.sub("", html))


def _bars(quiet: bool) -> Callable[[str, int, int], None] | None:
    if quiet:
        return None
    from tqdm import tqdm

    bars: dict[str, tqdm[Any]] = {}
    labels = {"read": "reading", "save": "saving", "write": "writing"}

    def update(stage: str, done: int, total: int) -> None:
        bar = bars.get(stage)
        if bar is None:
            bar = bars[stage] = tqdm(total=total, desc=f"{labels.get(stage, stage):>8}", unit=" files", leave=True)
        bar.update(done - bar.n)
        if done >= total:
            bar.close()

    return update


def _author(db: Database, username: str | None) -> CurrentUser | None:
    if not username:
        return None
    from sqlalchemy import select

    from agent_desk.services.access.auth import CurrentUser
    from agent_desk.store.models import User

    with db.factory() as s:
        row = s.scalars(select(User).where(User.username == username)).one_or_none()
    if row is None:
        raise CliError(f"no user {username!r}")
    return CurrentUser(row.id, row.username, row.display_name, row.role, row.telephony_id)


def cmd_kb_import(args: argparse.Namespace) -> int:
    from agent_desk.services.knowledge.articles import KnowledgeNotAllowed
    from agent_desk.services.knowledge.folder_import import import_folder

    folder: Path = args.folder
    if not folder.is_dir():
        raise CliError(f"{folder} is not a folder")
    db = open_db(args)
    try:
        try:
            report = import_folder(db.factory, _author(db, args.author), folder, _bars(args.quiet))
        except KnowledgeNotAllowed as exc:
            raise CliError(str(exc)) from exc
    finally:
        db.dispose()
    print(
        f"{folder}: {report.created} created, {report.updated} updated, {report.unchanged} unchanged, "
        f"{len(report.skipped)} skipped"
    )
    for path, reason in report.skipped:
        print(f"  skipped {_rel(path, folder)}: {reason}")
    for path, warning in report.warnings:
        print(f"  warning {_rel(path, folder)}: {warning}")
    return 0


def _rel(path: Path, folder: Path) -> str:
    try:
        return str(path.relative_to(folder))
    except ValueError:
        return str(path)


def cmd_kb_export(args: argparse.Namespace) -> int:
    from agent_desk.services.knowledge.folder_import import export_folder

    folder: Path = args.folder
    if folder.exists() and not folder.is_dir():
        raise CliError(f"{folder} exists and is not a folder")
    statuses = ("draft", "proposed", "published", "archived") if args.all else ("published",)
    db = open_db(args)
    try:
        try:
            report = export_folder(db.factory, folder, _bars(args.quiet), statuses=statuses)
        except OSError as exc:
            raise CliError(f"cannot write to {folder}: {exc}") from exc
    finally:
        db.dispose()
    print(f"{folder}: {len(report.written)} article(s) and {report.images} picture(s) written")
    for article_id, warning in report.warnings:
        print(f"  warning article {article_id}: {warning}")
    return 0


def _synced(db: Database) -> KnowledgeSearch:
    from agent_desk.services.knowledge.search import KnowledgeSearch

    search = KnowledgeSearch.open_for_desk(db.url)
    try:
        search.sync(db.factory)
    except BaseException:
        search.close()
        raise
    return search


def cmd_kb_search(args: argparse.Namespace) -> int:
    if args.limit < 1:
        raise CliError("--limit must be at least 1")
    db = open_db(args)
    try:
        search = _synced(db)
    finally:
        db.dispose()
    with search:
        hits = search.search(
            args.query, category=args.category, business_line=args.line, include_drafts=args.drafts, limit=args.limit
        )
    if args.json:
        rows = [
            {
                "id": h.id,
                "title": h.title,
                "snippet": h.snippet,
                "snippet_text": plain(h.snippet),
                "score": round(h.score, 4),
            }
            for h in hits
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    if not hits:
        print("no articles found")
    for h in hits:
        print(f"[{h.id}] {h.title}  ({h.score:.2f})")
        if h.snippet:
            print(f"    {plain(h.snippet)}")
    return 0


def cmd_kb_reindex(args: argparse.Namespace) -> int:
    from agent_desk.services.knowledge.search import KnowledgeSearch

    db = open_db(args)
    try:
        with KnowledgeSearch.open_for_desk(db.url) as search:
            report = search.rebuild(db.factory)
            where = search.path or "memory (a desk window holds the index)"
    finally:
        db.dispose()
    print(f"knowledge index rebuilt in {where}: {report.upserted} article(s)")
    return 0


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    kb = sub.add_parser("kb", help="knowledge base: import, export, search").add_subparsers(
        dest="kb_command", metavar="ACTION"
    )
    imp = kb.add_parser(
        "import",
        help="import a folder of Markdown articles with front matter (same title: updated); lists skipped files",
    )
    add_url(imp)
    imp.add_argument("folder", type=Path, metavar="DIR")
    imp.add_argument("--author", metavar="USERNAME", help="supervisor or admin recorded as the author")
    imp.add_argument("-q", "--quiet", action="store_true", help="no progress bars")
    imp.set_defaults(func=cmd_kb_import)

    exp = kb.add_parser("export", help="write the published articles (and their pictures) as Markdown files")
    add_url(exp)
    exp.add_argument("folder", type=Path, metavar="DIR")
    exp.add_argument("--all", action="store_true", help="also drafts, proposals and archived articles")
    exp.add_argument("-q", "--quiet", action="store_true", help="no progress bars")
    exp.set_defaults(func=cmd_kb_export)

    find = kb.add_parser("search", help="search the knowledge base as the desk does (Chinese and English)")
    add_url(find)
    find.add_argument("query", metavar="QUERY")
    find.add_argument("--json", action="store_true", help="a JSON list of hits, best first")
    find.add_argument("--category", help="category path, sub-categories included (e.g. 退换货)")
    find.add_argument("--line", metavar="CODE", help="business line code, e.g. health")
    find.add_argument("--limit", type=int, default=10, metavar="N")
    find.add_argument("--drafts", action="store_true", help="include drafts and proposals")
    find.set_defaults(func=cmd_kb_search)

    rex = kb.add_parser("reindex", help="rebuild this machine's knowledge index from the database")
    add_url(rex)
    rex.set_defaults(func=cmd_kb_reindex)

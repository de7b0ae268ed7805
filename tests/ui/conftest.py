from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from agent_desk.app import Desktop
from agent_desk.config import Settings
from agent_desk.core.protocol import CallEvent, HubFrame, encode_event, parse_hub_frame
from agent_desk.services.access.auth import authenticate
from agent_desk.store.database import Database, open_database
from tests.services.conftest import make_people


@pytest.fixture
def ui_db(sqlite_templates: dict[str, Path], tmp_path: Path) -> Iterator[Database]:
    """UI tests run on SQLite: the services under them are tested on both engines."""
    path = tmp_path / "ui.sqlite3"
    shutil.copyfile(sqlite_templates["reference"], path)
    db = open_database(f"sqlite:///{path}")
    yield db
    db.dispose()


@pytest.fixture
def cast(ui_db: Database) -> dict[str, int]:
    return make_people(ui_db)


@pytest.fixture
def desktop(qtbot, ui_db: Database, cast: dict[str, int]) -> Iterator[Desktop]:  # type: ignore[no-untyped-def]
    desk = Desktop(Settings(db_url=ui_db.url, hub_url=""), ui_db)
    yield desk
    if desk.window is not None:
        desk.window.close()
    desk.runner.shutdown()


def login_window(desktop: Desktop, qtbot, username: str):  # type: ignore[no-untyped-def]
    user = authenticate(desktop.database.factory, username, username + "123")
    window = desktop.open_main_window(user, connect_hub=False)
    qtbot.addWidget(window)
    return window


_seq = iter(range(1, 1_000_000))


def frame(type_: str, call_id: str = "call-1", agent: str = "SIP/8001", **fields: str) -> HubFrame:
    event = CallEvent(type=type_, call_id=call_id, agent=agent, **fields)
    return parse_hub_frame(encode_event(event, epoch="e1", seq=next(_seq), ts=1_790_000_000.0))

"""Tools behind the queue_log fixtures of this folder (not a test module; pytest does not collect it).

    python tests/data/queue_log/fixture_tools.py derive   # rewrite the derived-*.queue_log files from the SQL dumps
    python tests/data/queue_log/fixture_tools.py count    # print the counts quoted in README.md

``derive`` turns the ``INSERT INTO `queue_log``` rows of a MySQL dump of Asterisk's realtime queue_log
table back into queue_log text lines: ``epoch|callid|queue|agent|event|data1|…``. Rows keep the dump's
order (by id). The ``time`` column is a wall-clock datetime; it becomes a Unix epoch (whole seconds,
fraction dropped) with the UTC offset given per dump below. A NULL time becomes an empty epoch field.
Trailing empty data fields are dropped the way Asterisk drops them in its file; an event with no data at
all keeps one empty field (``…|QUEUESTART|``), as in Asterisk's own files.

``count`` reads every ``*.queue_log`` file here with a deliberately simple reader (independent of
agent_desk's parser) and prints: lines, blank lines, lines with fewer than 5 fields, lines whose time is
not an epoch, events, distinct call ids, calls (call ids with an ENTERQUEUE), answered (call ids with a
CONNECT), abandoned (call ids with an ABANDON), other queue exits, and per-agent paused seconds from
PAUSE→UNPAUSE (per agent and queue) and PAUSEALL→UNPAUSEALL (per agent) pairs.
"""

from __future__ import annotations

import re
import sys
from collections import Counter, defaultdict
from datetime import UTC, datetime, timedelta
from pathlib import Path

HERE = Path(__file__).parent

#: dump file → (derived file, UTC offset of its ``time`` column)
DUMPS = {
    "github-ramasamys-T_Report-db-patch14.sql": (
        "derived-github-ramasamys-T_Report-db-patch14.queue_log",
        timedelta(hours=5, minutes=30),  # inferred from the call ids (channel-creation epochs); see README
    ),
    "github-36Nabaloum-MalariaPBX-baseAsterisk.sql-queue_log-excerpt.sql": (
        "derived-github-36Nabaloum-MalariaPBX-baseAsterisk.queue_log",
        timedelta(0),  # the dump sets TIME_ZONE='+00:00' and the call ids agree
    ),
}

_TOKEN = re.compile(r"\s*(?:'((?:[^'\\]|''|\\.)*)'|(NULL)|(-?\d+(?:\.\d+)?))\s*(,|\))")
_NOT_CALLS = {"", "NONE", "REALTIME", "CLI", "MANAGER"}


def sql_rows(text: str) -> list[list[str | None]]:
    """The value tuples of the ``INSERT INTO `queue_log``` statements of a dump, in order."""
    rows: list[list[str | None]] = []
    for statement in re.finditer(r"INSERT INTO `queue_log`[^;]*?VALUES\s*(.*?);\s*$", text, re.S | re.M):
        body = statement.group(1)
        at = 0
        while True:
            start = body.find("(", at)
            if start < 0:
                break
            at = start + 1
            row: list[str | None] = []
            while True:
                match = _TOKEN.match(body, at)
                if match is None:
                    raise ValueError(f"cannot read the SQL values near {body[at : at + 60]!r}")
                quoted, null, number, end = match.groups()
                if null:
                    row.append(None)
                elif number is not None:
                    row.append(number)
                else:
                    row.append((quoted or "").replace("''", "'").replace("\\'", "'"))
                at = match.end()
                if end == ")":
                    break
            rows.append(row)
    return rows


def queue_log_line(row: list[str | None], offset: timedelta) -> str:
    _id, time, callid, queue, agent, event, *data = row
    if time is None:
        epoch = ""
    else:
        moment = datetime.fromisoformat(time).replace(tzinfo=UTC) - offset
        epoch = str(int(moment.timestamp()))
    values = [d or "" for d in data]
    while values and values[-1] == "":
        values.pop()
    fields = [epoch, callid or "", queue or "", agent or "", event or "", *values]
    return "|".join(fields) + ("|" if not values else "")


def derive() -> None:
    for dump, (target, offset) in DUMPS.items():
        rows = sql_rows((HERE / dump).read_text(encoding="utf-8"))
        lines = [queue_log_line(row, offset) for row in rows]
        (HERE / target).write_text("\n".join(lines) + "\n", encoding="utf-8", newline="\n")
        print(f"{target}: {len(lines)} lines from {dump}")


def count(path: Path) -> dict[str, object]:
    lines = path.read_text(encoding="utf-8").split("\n")
    if lines and lines[-1] == "":
        lines.pop()  # the final newline ends the last line, it does not start another
    events: Counter[str] = Counter()
    callids: set[str] = set()
    by_event: dict[str, set[str]] = defaultdict(set)
    agents: set[str] = set()
    queues: set[str] = set()
    blank = short = bad_time = backwards = 0
    last_epoch = None
    open_pauses: dict[tuple[str, str], int] = {}
    paused: Counter[str] = Counter()
    for raw in lines:
        if not raw.strip():
            blank += 1
            continue
        parts = raw.rstrip("\r").split("|")
        if len(parts) < 5:
            short += 1
            continue
        epoch_text, callid, queue, agent, event = (p.strip() for p in parts[:5])
        try:
            epoch = int(float(epoch_text))
        except ValueError:
            bad_time += 1
            continue
        if last_epoch is not None and epoch < last_epoch:
            backwards += 1
        last_epoch = epoch
        events[event] += 1
        if callid.upper() not in _NOT_CALLS:
            callids.add(callid)
            by_event[event].add(callid)
        if agent.upper() not in ("", "NONE"):
            agents.add(agent)
        if queue.upper() not in ("", "NONE"):
            queues.add(queue)
        key = (agent, "*" if event.endswith("ALL") else queue)
        if event in ("PAUSE", "PAUSEALL"):
            open_pauses.setdefault(key, epoch)
        elif event in ("UNPAUSE", "UNPAUSEALL") and key in open_pauses:
            paused[agent] += epoch - open_pauses.pop(key)
    calls = by_event["ENTERQUEUE"]
    return {
        "lines": len(lines),
        "blank": blank,
        "fewer than 5 fields": short,
        "time not an epoch": bad_time,
        "time goes backwards": backwards,
        "duplicate lines": sum(n - 1 for n in Counter(x for x in lines if x.strip()).values() if n > 1),
        "events": dict(sorted(events.items())),
        "distinct call ids": len(callids),
        "calls (ENTERQUEUE)": len(calls),
        "answered (CONNECT)": len(by_event["CONNECT"]),
        "answered among calls": len(by_event["CONNECT"] & calls),
        "abandoned (ABANDON)": len(by_event["ABANDON"]),
        "abandoned among calls": len(by_event["ABANDON"] & calls),
        "EXITWITHTIMEOUT": len(by_event["EXITWITHTIMEOUT"]),
        "EXITEMPTY": len(by_event["EXITEMPTY"]),
        "EXITWITHKEY": len(by_event["EXITWITHKEY"]),
        "agents": sorted(agents),
        "queues": sorted(queues),
        "paused seconds": dict(sorted(paused.items())),
        "pauses still open at the end": sorted(f"{a}@{q}" for a, q in open_pauses),
    }


def main(argv: list[str]) -> int:
    if argv[1:] == ["derive"]:
        derive()
        return 0
    if argv[1:] == ["count"]:
        for path in sorted(HERE.glob("*.queue_log")):
            print(f"== {path.name}")
            for key, value in count(path).items():
                print(f"  {key}: {value}")
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))

"""``agent-desk hub``: run the call-event hub with a simulator or Asterisk AMI source.

The hub's composition root: telephony/ knows only a TokenAuthority and observers; here they are
made from the database (tokens, the call recorder) and the settings.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import os
import signal
import ssl
import sys
import time
from pathlib import Path
from typing import Any

from agent_desk.log_format import JsonLogFormatter
from agent_desk.telephony.hub import Hub, HubLimits
from agent_desk.telephony.sources.base import Source, SourceUnavailable
from agent_desk.telephony.tokens import FileTokens, TokenAuthority, TokenFileError

DEFAULT_LISTEN = "127.0.0.1:8765"
KEYRING_SERVICE, KEYRING_AMI_NAME = "agent-desk", "ami-secret"
EXIT_USAGE, EXIT_SOURCE = 2, 3
_DEFAULTS = HubLimits()


class HubCliError(Exception):
    def __init__(self, message: str, code: int = EXIT_USAGE) -> None:
        super().__init__(message)
        self.code = code


def _host_port(text: str, what: str) -> tuple[str, int]:
    host, sep, port = text.rpartition(":")
    if not sep or not port.isdigit() or not 0 <= int(port) <= 65535:
        raise HubCliError(f"{what} must be HOST:PORT, got {text!r}")
    return host.strip("[]") or "127.0.0.1", int(port)


def _csv(text: str | None) -> list[str]:
    return [part.strip() for part in (text or "").split(",") if part.strip()]


def register(subparsers: Any) -> None:
    """Add the ``hub`` subcommand to an argparse subparsers object."""
    p = subparsers.add_parser(
        "hub",
        help="run the call-event hub (websockets) fed by a simulator or Asterisk AMI",
        description="Route call events from a telephony source to the desks of the agents "
        "they concern. Protocol: docs/protocol.md.",
    )
    p.add_argument("--listen", default=DEFAULT_LISTEN, metavar="HOST:PORT")
    p.add_argument("--source", choices=("simulator", "ami"), default="simulator")
    p.add_argument(
        "--tokens",
        type=Path,
        metavar="FILE",
        help="lines 'TOKEN AGENT-ID [supervisor]' (# comments)",
    )
    p.add_argument(
        "--tokens-from-db",
        action="store_true",
        help="accept the tokens desks get at login from the user database (--url, or the configured one)",
    )
    p.add_argument("--url", help="database URL for --tokens-from-db and --record-calls")
    p.add_argument(
        "--record-calls",
        action="store_true",
        help="write every call (abandoned ones too) and the contact-centre record (queue and agent events, "
        "wait/ring/talk/after-call work, agent state intervals) to the database as it happens",
    )
    p.add_argument(
        "--rollup-every",
        type=float,
        default=5.0,
        metavar="SECONDS",
        help="with --record-calls: refresh the KPI rollups the record changed this often, so reports find "
        "them ready (0: leave it to the reports)",
    )
    p.add_argument("--cert", type=Path, help="TLS certificate (PEM) for wss://")
    p.add_argument("--key", type=Path, help="TLS private key (PEM)")
    sim = p.add_argument_group("simulator")
    sim.add_argument("--scenario", type=Path, action="append", default=[], metavar="FILE")
    sim.add_argument("--demo", action="store_true", help="generate realistic calls")
    sim.add_argument("--load", type=float, metavar="CALLS_PER_S", help="load mode")
    sim.add_argument("--agents", help="comma-separated telephony ids, e.g. SIP/8001,SIP/8002")
    sim.add_argument("--dnis", help="comma-separated dialled numbers for demo calls")
    sim.add_argument("--anis", help="comma-separated caller numbers for demo calls")
    sim.add_argument("--mean-interval", type=float, default=20.0, help="demo: seconds between calls")
    sim.add_argument(
        "--patience",
        type=float,
        metavar="SECONDS",
        help="demo: mean time a caller waits in the queue before hanging up (default 60; 0: for ever)",
    )
    sim.add_argument(
        "--ring-timeout",
        type=float,
        metavar="SECONDS",
        help="demo: how long an agent's phone rings before the queue tries another agent (default 15)",
    )
    sim.add_argument(
        "--max-wait",
        type=float,
        metavar="SECONDS",
        help="demo: the queue sends a caller away after this long (default 0: never)",
    )
    sim.add_argument("--speed", type=float, default=1.0, help="time compression factor")
    ami = p.add_argument_group("Asterisk AMI (secret: AGENT_DESK_AMI_SECRET or keyring)")
    ami.add_argument("--ami", metavar="HOST:PORT", help="AMI address (default port 5038)")
    ami.add_argument("--ami-user", default="agentdesk")
    ami.add_argument("--ami-context", default="from-internal", help="dialplan context for click-to-dial")
    lim = p.add_argument_group("limits")
    lim.add_argument("--max-frame", type=int, default=_DEFAULTS.max_frame, metavar="BYTES")
    lim.add_argument("--rate", type=float, default=_DEFAULTS.rate, help="desk frames/s")
    lim.add_argument("--buffer", type=int, default=_DEFAULTS.buffer, help="replay buffer (frames)")
    lim.add_argument("--heartbeat", type=float, default=_DEFAULTS.heartbeat, metavar="SECONDS")
    p.add_argument(
        "--zone",
        metavar="IANA",
        help="the centre's time zone: the live floor's 'today' starts at its midnight (default: this computer's)",
    )
    p.add_argument("--log-format", choices=("json", "text"), default="json")
    p.set_defaults(func=run_hub, owns_logging=True)


def ami_secret() -> str:
    secret = os.environ.get("AGENT_DESK_AMI_SECRET")
    if secret:
        return secret
    try:
        import keyring
        from keyring.errors import KeyringError

        try:
            secret = keyring.get_password(KEYRING_SERVICE, KEYRING_AMI_NAME)
        except KeyringError as exc:
            raise HubCliError(
                f"cannot read the AMI secret from the keyring ({exc}); set AGENT_DESK_AMI_SECRET instead"
            ) from exc
    except ImportError:  # pragma: no cover - keyring is a dependency
        secret = None
    if not secret:
        raise HubCliError(
            "no AMI secret: set AGENT_DESK_AMI_SECRET or store it in the keyring "
            f"(service {KEYRING_SERVICE!r}, name {KEYRING_AMI_NAME!r})"
        )
    return secret


def build_source(args: argparse.Namespace) -> Source:
    if args.source == "ami":
        from agent_desk.telephony.sources.ami import AmiSettings, AmiSource

        if not args.ami:
            raise HubCliError("--source ami needs --ami HOST:PORT")
        text = args.ami if ":" in args.ami else f"{args.ami}:5038"
        host, port = _host_port(text, "--ami")
        return AmiSource(AmiSettings(host, port, args.ami_user, ami_secret(), args.ami_context))
    from agent_desk.telephony.sources import simulator as sim

    try:
        scenarios = [sim.load_scenario_file(path) for path in args.scenario]
    except sim.ScenarioError as exc:
        raise HubCliError(str(exc)) from exc
    agents = _csv(args.agents) or list(sim.DEMO_AGENTS)
    dnis = _csv(args.dnis) or list(sim.DEMO_DNIS)
    demo = None
    if args.demo or not (scenarios or args.load):
        # Only what was given: the simulator's defaults live in DemoSettings.
        queue = {k: v for k in ("patience", "ring_timeout", "max_wait") if (v := getattr(args, k)) is not None}
        if any(v < 0 for v in queue.values()) or queue.get("ring_timeout", 1.0) <= 0:
            raise HubCliError("--patience and --max-wait must be 0 or more, --ring-timeout more than 0")
        demo = sim.DemoSettings(
            anis=_csv(args.anis), dnis=dnis, agents=agents, mean_interval=args.mean_interval, **queue
        )
    load = sim.LoadSettings(args.load, agents, dnis) if args.load else None
    return sim.SimulatorSource(scenarios=scenarios, demo=demo, load=load, speed=args.speed)


def _ssl_context(args: argparse.Namespace) -> ssl.SSLContext | None:
    if not args.cert and not args.key:
        return None
    if not (args.cert and args.key):
        raise HubCliError("--cert and --key go together")
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    try:
        context.load_cert_chain(args.cert, args.key)
    except (OSError, ssl.SSLError) as exc:
        raise HubCliError(f"cannot load TLS certificate/key: {exc}") from exc
    return context


def _configure_logging(fmt: str) -> None:
    root = logging.getLogger()
    if root.handlers:
        return  # the embedding program (or pytest) owns logging
    handler = logging.StreamHandler(sys.stderr)
    if fmt == "json":
        handler.setFormatter(JsonLogFormatter())
    else:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    logging.getLogger("agent_desk.telephony.hub.ws").setLevel(logging.WARNING)


def _database(args: argparse.Namespace) -> Any:
    # The CLI is where layers are composed: the hub itself knows only TokenAuthority and observers.
    from agent_desk.config import load_settings
    from agent_desk.store.database import DatabaseUnavailable, SchemaOutOfDate, open_database
    from agent_desk.store.db import DatabaseUrlError

    try:
        return open_database(load_settings(overrides={"db_url": args.url}).db_url)
    except (DatabaseUnavailable, SchemaOutOfDate, DatabaseUrlError) as exc:
        raise HubCliError(str(exc), EXIT_SOURCE) from exc


def _zone(name: str | None) -> Any:
    from agent_desk.cli.common import CliError, iana_zone
    from agent_desk.services.supervision.rollup_sums import computer_zone

    try:
        return iana_zone(name) if name else computer_zone()
    except CliError as exc:
        raise HubCliError(str(exc)) from None


SEED_TIMEOUT_S = 10.0


def _seeded_floor(args: argparse.Namespace, zone: Any, timeout: float = SEED_TIMEOUT_S) -> Any:
    """Today's floor from the record, so a hub restarted mid-day does not start the day again.
    A record it cannot read, or that does not answer within ``timeout``, costs the board its
    morning, never the calls: the hub starts anyway."""
    import queue
    import threading

    from agent_desk.core.floor import FloorState
    from agent_desk.services.supervision.floor_seed import seed_floor

    log = logging.getLogger("agent_desk.telephony.hub")
    answer: queue.Queue[Any] = queue.Queue(1)

    def read() -> None:
        try:
            database = _database(args)
            try:
                with database.factory() as session:
                    answer.put(seed_floor(session, zone, time.time()))
            finally:
                database.dispose()
        except Exception as exc:  # any failure is the board's, not the hub's
            answer.put(exc)

    # A daemon thread: a database that hangs keeps it, never the hub's start or its exit.
    threading.Thread(target=read, name="agent-desk-floor-seed", daemon=True).start()
    try:
        floor = answer.get(timeout=timeout)
    except queue.Empty:
        log.warning("live floor not seeded: the record did not answer within %.0f s", timeout)
        return FloorState(zone=zone)
    if isinstance(floor, Exception):
        log.warning("live floor not seeded from the record: %s", floor)
        return FloorState(zone=zone)
    log.info("live floor seeded from the record", extra={"agents": len(floor.agents), "queues": len(floor.tallies)})
    return floor


def _authority(args: argparse.Namespace) -> TokenAuthority:
    if args.tokens_from_db:
        from agent_desk.services.access.hub_tokens import DatabaseTokens

        return DatabaseTokens(_database(args).factory)
    if args.tokens is None:
        raise HubCliError("no token source: pass --tokens FILE or --tokens-from-db")
    try:
        return FileTokens(args.tokens)
    except TokenFileError as exc:
        raise HubCliError(str(exc)) from exc


async def serve(args: argparse.Namespace) -> int:
    authority = _authority(args)
    host, port = _host_port(args.listen, "--listen")
    context = _ssl_context(args)
    limits = HubLimits(max_frame=args.max_frame, rate=args.rate, buffer=args.buffer, heartbeat=args.heartbeat)
    recorder = keeper = None
    if args.record_calls:
        from agent_desk.config import load_settings
        from agent_desk.services.calls.live_record import LiveRecord

        # One writer for the call rows (what CallRecorder writes) and the record derived onto them,
        # so the two never race on a new call: see services/calls/live_record.py.
        region = load_settings().phone_region
        factory = _database(args).factory
        recorder = LiveRecord(factory, region=region).start()
        if args.rollup_every > 0:
            from agent_desk.services.supervision.rollup_keeper import RollupKeeper

            keeper = RollupKeeper(factory, every_s=args.rollup_every).start()
    zone = _zone(args.zone)
    hub = Hub(authority, build_source(args), limits=limits, observers=[recorder] if recorder else [], floor_zone=zone)
    if args.url:
        hub.floor = _seeded_floor(args, zone)
    # Before the hub starts: "hub listening" is logged inside start(), and a supervisor (or a
    # test) that stops the hub as soon as it reads that line must get a clean stop, not a kill.
    loop = asyncio.get_running_loop()
    stopping = asyncio.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):  # Windows: Ctrl-C raises instead
            loop.add_signal_handler(sig, stopping.set)
    try:
        await hub.start(host, port, context)
    except OSError as exc:
        raise HubCliError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from exc
    except SourceUnavailable as exc:
        raise HubCliError(str(exc), EXIT_SOURCE) from exc
    try:
        await stopping.wait()
    finally:
        await hub.stop()
        if recorder is not None:
            recorder.stop()
        if keeper is not None:
            keeper.stop()
    return 0


def run_hub(args: argparse.Namespace) -> int:
    _configure_logging(args.log_format)
    started = time.monotonic()
    try:
        return asyncio.run(serve(args))
    except HubCliError as exc:
        print(f"agent-desk hub: {exc}", file=sys.stderr)
        return exc.code
    except KeyboardInterrupt:
        logging.getLogger("agent_desk.telephony.hub").info(
            "hub interrupted", extra={"uptime": round(time.monotonic() - started, 1)}
        )
        return 0

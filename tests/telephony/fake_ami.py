"""A fake Asterisk Manager Interface over TCP that replays captures after a login."""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass, field
from pathlib import Path

from agent_desk.telephony.sources.ami_mapping import AmiFramer

DATA = Path(__file__).resolve().parent.parent / "data" / "ami"


def split_banner(raw: bytes) -> tuple[bytes, bytes]:
    """The capture's own banner line if it has one, else a default one."""
    if raw.startswith(b"Asterisk Call Manager"):
        first, _, rest = raw.partition(b"\n")
        return first.rstrip(b"\r") + b"\r\n", rest
    return b"Asterisk Call Manager/5.0.1\r\n", raw


@dataclass
class FakeAmi:
    """Each connection gets the next script: (CoreShowChannels listing, bytes to stream)."""

    scripts: list[tuple[list[dict[str, str]], bytes]]
    secret: str = "s3cret"
    hold_open: bool = True  # keep the link open after the script, like a quiet PBX
    gate: asyncio.Event | None = None  # stream the recorded events only once this is set
    actions: list[dict[str, str]] = field(default_factory=list)
    connections: int = 0
    _server: asyncio.Server | None = None
    _writers: list[asyncio.StreamWriter] = field(default_factory=list)

    async def start(self) -> int:
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
        return int(self._server.sockets[0].getsockname()[1])

    async def stop(self) -> None:
        self.drop_all()
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()

    def drop_all(self) -> None:
        for writer in self._writers:
            writer.close()
        self._writers.clear()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        index = min(self.connections, len(self.scripts) - 1)
        self.connections += 1
        listing, raw = self.scripts[index]
        banner, stream = split_banner(raw)
        self._writers.append(writer)
        framer = AmiFramer()
        writer.write(banner)
        with contextlib.suppress(ConnectionError):
            while True:
                data = await reader.read(4096)
                if not data:
                    return
                for msg in framer.feed(data):
                    self.actions.append(msg)
                    action, aid = msg.get("Action", ""), msg.get("ActionID", "")
                    if action == "Login":
                        ok = msg.get("Secret") == self.secret
                        status = "Success" if ok else "Error"
                        text = "Authentication accepted" if ok else "Authentication failed"
                        writer.write(self._reply(status, aid, text))
                        if not ok:
                            await writer.drain()
                            writer.close()
                            return
                    elif action == "CoreShowChannels":
                        writer.write(self._listing(aid, listing))
                        await writer.drain()
                        if self.gate is not None:
                            await self.gate.wait()
                        writer.write(stream)  # the recorded events follow the listing
                        await writer.drain()
                        if not self.hold_open:
                            writer.close()
                            return
                    elif action == "QueuePause":
                        # As Asterisk 16 does: the reply, then the member's new state as an event.
                        writer.write(self._reply("Success", aid, "Interface paused successfully"))
                        writer.write(self._member_pause(msg))
                    else:
                        writer.write(self._reply("Success", aid, "ok"))
                    await writer.drain()

    @staticmethod
    def _reply(status: str, aid: str, message: str) -> bytes:
        return f"Response: {status}\r\nActionID: {aid}\r\nMessage: {message}\r\n\r\n".encode()

    @staticmethod
    def _member_pause(action: dict[str, str]) -> bytes:
        paused = "1" if action.get("Paused") == "true" else "0"
        interface = action.get("Interface", "")
        fields = {
            "Queue": "support", "MemberName": interface, "Interface": interface, "StateInterface": interface,
            "Membership": "static", "Penalty": "0", "CallsTaken": "0", "LastCall": "0", "InCall": "0",
            "Status": "1", "Paused": paused, "PausedReason": action.get("Reason", "") if paused == "1" else "",
        }  # fmt: skip
        return ("Event: QueueMemberPause\r\n" + "".join(f"{k}: {v}\r\n" for k, v in fields.items()) + "\r\n").encode()

    @staticmethod
    def _listing(aid: str, channels: list[dict[str, str]]) -> bytes:
        out = [f"Response: Success\r\nActionID: {aid}\r\nEventList: start\r\n\r\n"]
        for chan in channels:
            body = "".join(f"{k}: {v}\r\n" for k, v in chan.items())
            out.append(f"Event: CoreShowChannel\r\nActionID: {aid}\r\n{body}\r\n")
        out.append(
            f"Event: CoreShowChannelsComplete\r\nActionID: {aid}\r\nEventList: Complete\r\n"
            f"ListItems: {len(channels)}\r\n\r\n"
        )
        return "".join(out).encode()

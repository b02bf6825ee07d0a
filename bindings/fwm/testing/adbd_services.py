"""The adbd services an emulated device serves on a stream: shell (v2 and legacy), exec, tcp forward."""

from __future__ import annotations

import queue
import socket
import threading
from typing import Callable, Optional, Tuple

from .adb_protocol import (
    SHELL_CLOSE_STDIN, SHELL_PACKET_HEADER_SIZE, SHELL_STDERR, SHELL_STDIN, SHELL_STDOUT, decode_shell_packets,
    encode_shell_exit, encode_shell_packet,
)
from .adbd_transport import Stream, StreamClosed
from .device_commands import SHELL_PATH, encode
from .shell_runner import ShellEnvironment

LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "::1")
FORWARD_CONNECT_TIMEOUT = 5.0

EnvironmentFactory = Callable[[Callable[[float], bool]], ShellEnvironment]
ForwardLookup = Callable[[int], Optional[Tuple[str, int]]]


def serve_stream(stream: Stream, service: str, environment: EnvironmentFactory, forward: ForwardLookup,
                 *, shell_v2: bool = True) -> None:
    """Serve one OPEN as adbd does: `shell[,options]:CMD`, `exec:CMD`, `tcp:[HOST:]PORT`; refuse anything
    else with CLSE. `environment(sleep)` builds the shell environment; `forward(port)` maps a device
    port to a host address or None. A device without shell_v2 (Android 6 and older) runs every
    `shell:` on a PTY, as those adbd versions did."""
    head, colon, rest = service.partition(":")
    options = head.split(",")
    if colon and options[0] == "shell":
        v2 = "v2" in options[1:]
        pty = "pty" in options[1:] or (rest == "" and "raw" not in options[1:]) or not shell_v2
        ShellSession(stream, rest, v2=v2, pty=pty).run(environment)
    elif colon and head == "exec":
        ShellSession(stream, rest, v2=False, pty=False).run(environment)
    elif colon and head == "tcp":
        _forward(stream, rest, forward)
    else:
        stream.refuse()


class ShellSession:
    """A `sh -c CMD` on a stream. With shell protocol v2 stdout, stderr and the exit status travel as
    packets; without it (legacy `shell:`, `exec:`) stdout and stderr share the raw stream, as on a device,
    and there is no exit status. A PTY merges stderr into stdout and turns `\\n` into `\\r\\n`. Standard
    input ends with a close-stdin packet (v2) or when the server closes the stream."""

    def __init__(self, stream: Stream, command: str, *, v2: bool, pty: bool) -> None:
        self.stream = stream
        self.command = command
        self.v2 = v2
        self.pty = pty
        self._stdin = bytearray()
        self._pending = b""
        self._stdin_closed = False
        self._condition = threading.Condition()

    def run(self, environment: EnvironmentFactory) -> None:
        """Accept the stream, run the command, send its output (and exit packet), close the stream."""
        self.stream.on_data = self._received
        self.stream.on_remote_close = self._close_stdin
        self.stream.accept()
        if self.command:
            status = environment(self._sleep).run(self.command, self._read_stdin, self._stdout, self._stderr)
        else:
            self._stderr(encode(f"{SHELL_PATH}: unsupported by the emulated shell: interactive shell\n"))
            status = 2
        if self.v2:
            self.stream.write(encode_shell_exit(status))
        self.stream.close()

    def _stdout(self, data: bytes) -> None:
        self._send(SHELL_STDOUT, data)

    def _stderr(self, data: bytes) -> None:
        self._send(SHELL_STDOUT if self.pty else SHELL_STDERR, data)

    def _send(self, packet_id: int, data: bytes) -> None:
        if self.pty:
            data = data.replace(b"\n", b"\r\n")
        if not self.v2:
            self.stream.write(data)
            return
        limit = self.stream.connection.max_payload - SHELL_PACKET_HEADER_SIZE
        for offset in range(0, len(data), limit):
            self.stream.write(encode_shell_packet(packet_id, data[offset:offset + limit]))

    def _received(self, data: bytes) -> None:
        with self._condition:
            if self.v2:
                packets, self._pending = decode_shell_packets(self._pending + data)
            else:
                packets = [(SHELL_STDIN, data)]
            for packet_id, payload in packets:
                if packet_id == SHELL_STDIN:
                    self._stdin += payload
                elif packet_id == SHELL_CLOSE_STDIN:
                    self._stdin_closed = True
            self._condition.notify_all()
        self.stream.acknowledge()

    def _close_stdin(self) -> None:
        with self._condition:
            self._stdin_closed = True
            self._condition.notify_all()

    def _read_stdin(self) -> bytes:
        with self._condition:
            self._condition.wait_for(lambda: self._stdin_closed or self.stream.closed)
            data = bytes(self._stdin)
            self._stdin.clear()
            return data

    def _sleep(self, seconds: float) -> bool:
        return self.stream.wait_closed(seconds)


def _forward(stream: Stream, target: str, forward: ForwardLookup) -> None:
    """Proxy a `tcp:[HOST:]PORT` stream to the host address mapped for PORT on the device's loopback.
    Data from the server is acknowledged only once written to the target, as adbd does."""
    host, _, port_text = target.rpartition(":")
    address = forward(int(port_text)) if port_text.isdigit() and host in ("",) + LOOPBACK_HOSTS else None
    if address is None:
        stream.refuse()
        return
    try:
        sock = socket.create_connection(address, timeout=FORWARD_CONNECT_TIMEOUT)
    except OSError:
        stream.refuse()
        return
    sock.settimeout(None)
    outgoing: "queue.Queue[Optional[bytes]]" = queue.Queue()

    def remote_closed() -> None:
        outgoing.put(None)
        _shutdown(sock)

    stream.on_data = outgoing.put
    stream.on_remote_close = remote_closed
    writer = threading.Thread(target=_write_to_target, args=(stream, sock, outgoing), daemon=True)
    try:
        stream.accept()
        writer.start()
        while True:
            data = sock.recv(stream.connection.max_payload)
            if not data:
                break
            stream.write(data)
        stream.close()
    except (OSError, StreamClosed):
        pass
    finally:
        outgoing.put(None)
        _shutdown(sock)
        if writer.is_alive():
            writer.join()
        sock.close()


def _write_to_target(stream: Stream, sock: socket.socket, outgoing: "queue.Queue[Optional[bytes]]") -> None:
    """Write what the server sends to the target socket, acknowledging each WRTE after writing it."""
    try:
        while True:
            data = outgoing.get()
            if data is None:
                return
            sock.sendall(data)
            stream.acknowledge()
    except (OSError, StreamClosed):
        _shutdown(sock)


def _shutdown(sock: socket.socket) -> None:
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass


"""The device end of one adb transport connection: handshake, stream table, flow control, faults."""

from __future__ import annotations

import itertools
import socket
import threading
from typing import Callable, Dict, Optional, Protocol

from .adb_protocol import (
    A_CLSE, A_CNXN, A_OKAY, A_OPEN, A_VERSION, A_VERSION_SKIP_CHECKSUM, A_WRTE, HEADER_SIZE, MAX_PAYLOAD,
    decode_header, encode_message,
)

CUT_ACK_TIMEOUT = 2.0


class StreamClosed(Exception):
    """The stream or its whole connection is closed; nothing more can be sent on it."""


class DeviceControls(Protocol):
    """What a connection asks of its device (EmulatedDevice provides it)."""

    def banner(self) -> bytes:
        """Return the CNXN banner."""

    def wait_until_unstalled(self, connection: "AdbdConnection") -> None:
        """Block while the device is stalled; raise StreamClosed if `connection` closes meanwhile."""

    def take_drop_budget(self) -> Optional[int]:
        """Return and clear the byte budget set by drop_next_reply(), or None."""

    def serve(self, stream: "Stream", service: str) -> None:
        """Handle an OPEN: accept or refuse `stream` and run the service (called on its own thread)."""

    def connection_closed(self, connection: "AdbdConnection") -> None:
        """Forget a connection that has closed."""


class Stream:
    """One stream from the device's side: writes wait for the server's OKAY of the previous WRTE,
    payloads never exceed the negotiated maximum, and a drop budget cuts the reply and the whole
    connection after that many bytes (the stream then never closes cleanly). Data from the server
    goes to `on_data`, which must call acknowledge() once it has taken it."""

    def __init__(self, connection: "AdbdConnection", local_id: int, remote_id: int,
                 drop_after: Optional[int]) -> None:
        self.connection = connection
        self.local_id = local_id
        self.remote_id = remote_id
        self.on_data: Callable[[bytes], None] = lambda data: self.acknowledge()
        self.on_remote_close: Callable[[], None] = lambda: None
        self._condition = threading.Condition()
        self._can_write = True
        self._closed = False
        self._sent = 0
        self._drop_after = drop_after

    @property
    def closed(self) -> bool:
        """True once either side closed the stream or the connection went away."""
        return self._closed or self.connection.closed

    def wait_closed(self, timeout: Optional[float]) -> bool:
        """Wait up to `timeout` seconds for the stream to close; return whether it is closed."""
        with self._condition:
            return self._condition.wait_for(lambda: self.closed, timeout)

    def accept(self) -> None:
        """Answer the OPEN with OKAY."""
        self.connection.send(A_OKAY, self.local_id, self.remote_id)

    def acknowledge(self) -> None:
        """Answer the server's last WRTE with OKAY, allowing its next one; the service that consumes
        the data calls this once it has taken it."""
        if not self.closed:
            self.connection.send(A_OKAY, self.local_id, self.remote_id)

    def refuse(self) -> None:
        """Answer the OPEN with CLSE(0, remote id), as adbd does for a service it cannot start."""
        self._mark_closed()
        self.connection.send(A_CLSE, 0, self.remote_id)

    def write(self, data: bytes) -> None:
        """Send `data` as WRTE messages, one outstanding at a time; raise StreamClosed if closed."""
        limit = self.connection.max_payload
        for offset in range(0, len(data), limit):
            chunk = data[offset:offset + limit]
            self._wait_writable(None)
            if self.closed:
                raise StreamClosed
            if self._drop_after is not None and self._sent + len(chunk) > self._drop_after:
                self._cut(chunk[:self._drop_after - self._sent])
            self._send_data(chunk)

    def close(self) -> None:
        """Close from the device side with CLSE once the last WRTE is acknowledged; with a drop budget,
        cut the connection instead."""
        if self._drop_after is not None:
            self._wait_writable(CUT_ACK_TIMEOUT)
            self._cut(b"")
        self._wait_writable(None)
        if self._mark_closed():
            self.connection.send(A_CLSE, self.local_id, self.remote_id)

    def _wait_writable(self, timeout: Optional[float]) -> None:
        with self._condition:
            self._condition.wait_for(lambda: self._can_write or self.closed, timeout)

    def _send_data(self, chunk: bytes) -> None:
        with self._condition:
            self._can_write = False
        self.connection.send(A_WRTE, self.local_id, self.remote_id, chunk)
        self._sent += len(chunk)

    def _cut(self, last_bytes: bytes) -> None:
        """Deliver `last_bytes`, wait for the server to take them, then drop the whole connection."""
        if last_bytes:
            self._send_data(last_bytes)
            self._wait_writable(CUT_ACK_TIMEOUT)
        self.connection.close()
        raise StreamClosed

    def _mark_closed(self) -> bool:
        with self._condition:
            was_open = not self._closed
            self._closed = True
            self._condition.notify_all()
        self.connection.forget(self)
        return was_open

    def okay_received(self) -> None:
        """The server acknowledged our last WRTE."""
        with self._condition:
            self._can_write = True
            self._condition.notify_all()

    def remote_closed(self) -> None:
        """The server closed the stream."""
        if self._mark_closed():
            self.on_remote_close()

    def connection_lost(self) -> None:
        """The connection went away: wake every waiter."""
        with self._condition:
            self._condition.notify_all()
        self.on_remote_close()


class AdbdConnection:
    """One TCP connection from the adb server, served on a reader thread until either side closes it."""

    def __init__(self, sock: socket.socket, device: DeviceControls) -> None:
        self.sock = sock
        self.device = device
        self.max_payload = MAX_PAYLOAD
        self._checksum = False
        self._send_lock = threading.Lock()
        self._streams: Dict[int, Stream] = {}
        self._streams_lock = threading.Lock()
        self._ids = itertools.count(1)
        self._closed = threading.Event()
        self._reader = threading.Thread(target=self._read_loop, name=f"adbd-conn-{sock.fileno()}", daemon=True)

    @property
    def closed(self) -> bool:
        """True once the connection is closed."""
        return self._closed.is_set()

    def start(self) -> None:
        """Start serving on the reader thread."""
        self._reader.start()

    def close(self) -> None:
        """Close the TCP connection (idempotent) and wake everything waiting on it."""
        if self._closed.is_set():
            return
        self._closed.set()
        try:
            self.sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self.sock.close()
        with self._streams_lock:
            streams = list(self._streams.values())
            self._streams.clear()
        for stream in streams:
            stream.connection_lost()
        self.device.connection_closed(self)

    def send(self, command: int, arg0: int, arg1: int, payload: bytes = b"", *, gated: bool = True) -> None:
        """Send one message; `gated` ones wait while the device is stalled. Raise StreamClosed if closed."""
        if gated:
            self.device.wait_until_unstalled(self)
        message = encode_message(command, arg0, arg1, payload, checksum=self._checksum)
        with self._send_lock:
            if self.closed:
                raise StreamClosed
            try:
                self.sock.sendall(message)
            except OSError:
                self.close()
                raise StreamClosed from None

    def forget(self, stream: Stream) -> None:
        """Remove a closed stream from the table."""
        with self._streams_lock:
            if self._streams.get(stream.local_id) is stream:
                del self._streams[stream.local_id]

    def _read_loop(self) -> None:
        reader = self.sock.makefile("rb")
        try:
            while True:
                header_bytes = reader.read(HEADER_SIZE)
                if len(header_bytes) < HEADER_SIZE:
                    return
                header = decode_header(header_bytes)
                payload = reader.read(header.data_length)
                if len(payload) < header.data_length:
                    return
                self._dispatch(header.command, header.arg0, header.arg1, payload)
        except (OSError, ValueError, StreamClosed):  # ValueError covers ProtocolError and a closed file
            return
        finally:
            reader.close()
            self.close()

    def _dispatch(self, command: int, arg0: int, arg1: int, payload: bytes) -> None:
        if command == A_CNXN:
            version = min(arg0, A_VERSION)
            self._checksum = version < A_VERSION_SKIP_CHECKSUM
            self.max_payload = min(arg1, MAX_PAYLOAD)
            self.send(A_CNXN, A_VERSION, MAX_PAYLOAD, self.device.banner(), gated=False)
        elif command == A_OPEN:
            self._open(arg0, payload.rstrip(b"\0").decode("utf-8", "surrogateescape"))
        elif command == A_OKAY:
            stream = self._find(arg1, arg0)
            if stream is not None:
                stream.okay_received()
        elif command == A_WRTE:
            stream = self._find(arg1, arg0)
            if stream is not None:
                stream.on_data(payload)
        elif command == A_CLSE:
            stream = self._find(arg1, arg0)
            if stream is not None:
                stream.remote_closed()

    def _find(self, local_id: int, remote_id: int) -> Optional[Stream]:
        """Find a stream by our id, or by the server's id when ours is 0 (a close before our OKAY)."""
        with self._streams_lock:
            if local_id:
                return self._streams.get(local_id)
            return next((s for s in self._streams.values() if s.remote_id == remote_id), None)

    def _open(self, remote_id: int, service: str) -> None:
        stream = Stream(self, next(self._ids), remote_id, self.device.take_drop_budget())
        with self._streams_lock:
            self._streams[stream.local_id] = stream
        threading.Thread(target=self._serve, args=(stream, service), name=f"adbd-stream-{stream.local_id}",
                         daemon=True).start()

    def _serve(self, stream: Stream, service: str) -> None:
        try:
            self.device.serve(stream, service)
        except StreamClosed:
            pass

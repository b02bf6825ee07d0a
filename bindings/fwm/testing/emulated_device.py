"""EmulatedDevice: a fake adbd on a loopback TCP port that the real adb server accepts via `adb connect`."""

from __future__ import annotations

import select
import shutil
import socket
import tempfile
import threading
import time
from typing import Any, Callable, Dict, List, Optional, Set, Tuple, Union

from .adb_protocol import device_banner
from .adbd_services import serve_stream
from .adbd_transport import AdbdConnection, Stream, StreamClosed
from .android_apps import AndroidApp
from .android_commands import android_commands
from .device_commands import CommandHandler, default_commands
from .device_profiles import ANDROID_14, DeviceProfile
from .jobscheduler import DeviceState, JobSchedulerModel
from .logcat import LogBuffer, LogEntry
from .shell_runner import ShellEnvironment

FIRST_APP_UID = 10190
FIRST_APP_PID = 5120


class EmulatedDevice:
    """A fake adbd listening on `host:port` (port 0 picks a free one), served by background threads
    from construction until stop(). Connect it with `adb connect <serial>`.

    Behaviour is set through plain attributes: `properties` (getprop), `files` (path -> bytes, the
    in-memory file system), `commands` (name -> handler(argv, ctx) -> (stdout, stderr, status)).
    The Android side: `apps` (package -> AndroidApp, see install_app()), `state` (DeviceState: network,
    charging, battery, idle, storage, doze, read by the JobScheduler model `jobscheduler`), `logcat`
    (the log buffer; log() appends), `clock_offset_ms` (device clock = host clock + offset).
    What it received is in `received_services` and `received_argv`. Fault controls: stall(),
    unstall(), drop_next_reply(), go_offline(), go_online(), stop(). The methods banner(),
    wait_until_unstalled(), take_drop_budget(), serve() and connection_closed() are what its
    transport connections call (adbd_transport.DeviceControls), not for tests."""

    def __init__(self, profile: DeviceProfile = ANDROID_14, *, host: str = "127.0.0.1", port: int = 0) -> None:
        self.profile = profile
        self.host = host
        self.properties: Dict[str, str] = profile.system_properties()
        self.files: Dict[str, bytes] = {}
        self.commands: Dict[str, CommandHandler] = default_commands()
        self.apps: Dict[str, AndroidApp] = {}
        self.state = DeviceState()
        self.clock_offset_ms = 0
        self.logcat = LogBuffer(self.now_ms)
        self.jobscheduler = JobSchedulerModel(self)
        self.commands.update(android_commands(self))
        self._data_root: Optional[str] = None
        self._timers: List[threading.Timer] = []
        self._timers_lock = threading.Lock()
        self._forwards: Dict[int, Tuple[str, int]] = {}
        self._records_lock = threading.Lock()
        self._services: List[str] = []
        self._argv: List[List[str]] = []
        self._state = threading.Condition()
        self._stalled = False
        self._offline = False
        self._stopped = False
        self._drop_after: Optional[int] = None
        self._connections: Set[AdbdConnection] = set()
        self._listener: Optional[_Listener] = None
        self.port = port
        self._listen()

    @property
    def serial(self) -> str:
        """The serial the adb server gives this device once connected: `host:port`."""
        return f"{self.host}:{self.port}"

    def __enter__(self) -> "EmulatedDevice":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def __repr__(self) -> str:
        return f"EmulatedDevice({self.serial}, {self.profile.model!r}, Android {self.profile.release})"

    @property
    def received_services(self) -> List[str]:
        """Every OPEN service string received (without its NUL), oldest first; a copy."""
        with self._records_lock:
            return list(self._services)

    @property
    def received_argv(self) -> List[List[str]]:
        """The argv of every simple command the emulated shell ran, after expansion, oldest first; a copy.
        Commands skipped by `&&`/`||` and command lines rejected by the parser do not appear."""
        with self._records_lock:
            return [list(argv) for argv in self._argv]

    def clear_records(self) -> None:
        """Forget received_services and received_argv."""
        with self._records_lock:
            self._services.clear()
            self._argv.clear()

    def now_ms(self) -> int:
        """The device clock in ms since the epoch: the host clock plus `clock_offset_ms`."""
        return int(time.time() * 1000) + self.clock_offset_ms

    def log(self, tag: str, level: str, message: str, *, pid: int = 1000, tid: Optional[int] = None) -> LogEntry:
        """Append one entry (level V D I W E F) to the device's log buffer, stamped with the device clock."""
        return self.logcat.append(tag, level, message, pid=pid, tid=tid)

    def install_app(self, app: Union[AndroidApp, str], **options: Any) -> AndroidApp:
        """Install `app` (an AndroidApp, or a package name plus AndroidApp keyword options): give it a uid
        (10190, 10191, ... unless set), a pid, and a data directory under a private temporary folder with
        its WorkManager database and plugin SharedPreferences. Return the app."""
        if isinstance(app, str):
            app = AndroidApp(app, **options)
        elif options:
            raise TypeError("options are only accepted with a package name")
        if app.package in self.apps:
            raise ValueError(f"{app.package} is already installed on {self!r}")
        if self._data_root is None:
            self._data_root = tempfile.mkdtemp(prefix="fwm-device-")
        index = len(self.apps)
        used = {other.uid for other in self.apps.values()}
        uid = FIRST_APP_UID + index
        while uid in used:
            uid += 1
        data_dir = f"{self._data_root}/{app.package}"
        app.attach(self, data_dir, uid, FIRST_APP_PID + 211 * index)
        self.apps[app.package] = app
        return app

    def uninstall_app(self, package: str) -> None:
        """Remove an app and its data directory."""
        self.apps.pop(package).detach()

    def after(self, seconds: float, target: Callable[..., Any], *args: Any) -> None:
        """Run `target(*args)` on a background thread `seconds` from now (what the device does on its own,
        e.g. a forced job starting); errors after stop() are ignored."""
        def run() -> None:
            try:
                target(*args)
            except Exception:
                if not self._stopped:
                    raise
        timer = threading.Timer(seconds, run)
        timer.daemon = True
        with self._timers_lock:
            self._timers = [t for t in self._timers if t.is_alive()] + [timer]
        timer.start()

    def wait_until_idle(self, timeout: float = 10.0) -> None:
        """Wait until everything scheduled with after() (forced runs, diagnostics) has finished."""
        deadline = time.monotonic() + timeout
        while True:
            with self._timers_lock:
                pending = [t for t in self._timers if t.is_alive()]
            if not pending:
                return
            pending[0].join(max(0.0, deadline - time.monotonic()))
            if time.monotonic() >= deadline:
                raise TimeoutError(f"{self!r}: background work still running after {timeout} s")

    def map_port(self, device_port: int, address: Tuple[str, int]) -> None:
        """Make `tcp:device_port` (and `tcp:localhost:device_port`) streams connect to the host `address`."""
        self._forwards[device_port] = address

    def unmap_port(self, device_port: int) -> None:
        """Undo map_port(); later opens of that port are refused."""
        self._forwards.pop(device_port, None)

    def stall(self) -> None:
        """Keep the transport up but answer no new OPEN and send no stream data until unstall()."""
        with self._state:
            self._stalled = True

    def unstall(self) -> None:
        """End stall(); everything held back proceeds."""
        with self._state:
            self._stalled = False
            self._state.notify_all()

    def drop_next_reply(self, after_bytes: int = 0) -> None:
        """The next stream opened delivers at most `after_bytes` bytes of its reply (raw stream bytes,
        shell v2 packet headers included) and never closes cleanly: the TCP connection to the adb server
        is closed at that point. The server reconnects afterwards (see go_offline for refusing that)."""
        with self._state:
            self._drop_after = after_bytes

    def go_offline(self) -> None:
        """Close the connection to the adb server and refuse new connections until go_online()."""
        with self._state:
            self._offline = True
        self._close_all()

    def go_online(self) -> None:
        """Listen again on the same port after go_offline()."""
        with self._state:
            if self._stopped:
                raise RuntimeError(f"{self!r} is stopped")
            if not self._offline:
                return
            self._offline = False
        self._listen()

    def stop(self) -> None:
        """Shut down the listener and every connection, end background work and delete the apps' data
        directories; the device cannot be restarted. Idempotent."""
        with self._state:
            self._stopped = True
            self._stalled = False
            self._state.notify_all()
        self._close_all()
        with self._timers_lock:
            timers, self._timers = self._timers, []
        for timer in timers:
            timer.cancel()
        for timer in timers:
            if timer is not threading.current_thread():
                timer.join(5.0)
        for app in list(self.apps.values()):
            app.detach()
        if self._data_root is not None:
            shutil.rmtree(self._data_root, ignore_errors=True)
            self._data_root = None

    def banner(self) -> bytes:
        """Return the CNXN banner: `device::ro.product.name=...;...;features=...`."""
        return device_banner(self.profile.banner_properties(), list(self.profile.features))

    def wait_until_unstalled(self, connection: AdbdConnection) -> None:
        """Block while stalled; raise StreamClosed if `connection` closes meanwhile."""
        with self._state:
            self._state.wait_for(lambda: not self._stalled or connection.closed)
        if connection.closed:
            raise StreamClosed

    def take_drop_budget(self) -> Optional[int]:
        """Return and clear the drop_next_reply() budget."""
        with self._state:
            budget, self._drop_after = self._drop_after, None
            return budget

    def serve(self, stream: Stream, service: str) -> None:
        """Record and serve one OPEN (runs on the stream's own thread)."""
        with self._records_lock:
            self._services.append(service)
        serve_stream(stream, service, self._environment, self._forwards.get,
                     shell_v2="shell_v2" in self.profile.features)

    def connection_closed(self, connection: AdbdConnection) -> None:
        """Forget a closed connection and wake anything waiting for it."""
        with self._state:
            self._connections.discard(connection)
            self._state.notify_all()

    def _environment(self, sleep: Callable[[float], bool]) -> ShellEnvironment:
        return ShellEnvironment(self.commands, self.files, self.properties, sleep, self._record_argv)

    def _record_argv(self, argv: List[str]) -> None:
        with self._records_lock:
            self._argv.append(list(argv))

    def _listen(self) -> None:
        self._listener = _Listener(self.host, self.port, self._accepted)
        self.port = self._listener.port

    def _accepted(self, sock: socket.socket) -> None:
        connection = AdbdConnection(sock, self)
        with self._state:
            if self._offline or self._stopped:
                sock.close()
                return
            self._connections.add(connection)
        connection.start()

    def _close_all(self) -> None:
        listener, self._listener = self._listener, None
        if listener is not None:
            listener.close()
        with self._state:
            connections = list(self._connections)
        for connection in connections:
            connection.close()


class _Listener:
    """A listening socket and its accept thread; close() stops accepting and releases the port."""

    def __init__(self, host: str, port: int, accepted: Callable[[socket.socket], None]) -> None:
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._sock.bind((host, port))
        self._sock.listen(16)
        self.port = self._sock.getsockname()[1]
        self._wake_read, self._wake_write = socket.socketpair()
        self._accepted = accepted
        self._thread = threading.Thread(target=self._run, name=f"adbd-listen-{self.port}", daemon=True)
        self._thread.start()

    def close(self) -> None:
        """Stop accepting, close the listening socket and wait for the accept thread to end."""
        self._wake_write.send(b"x")
        self._thread.join()
        self._wake_write.close()

    def _run(self) -> None:
        try:
            while True:
                readable, _, _ = select.select([self._sock, self._wake_read], [], [])
                if self._wake_read in readable:
                    return
                sock, _ = self._sock.accept()
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                self._accepted(sock)
        finally:
            self._sock.close()
            self._wake_read.close()

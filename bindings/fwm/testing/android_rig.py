"""AndroidRig: a private real adb server with EmulatedDevices attached through `adb connect`."""

from __future__ import annotations

import os
import socket
import subprocess
import time
from typing import Callable, Dict, List, Optional, Sequence

from .device_profiles import ANDROID_14, DeviceProfile
from .emulated_device import EmulatedDevice

DEFAULT_ADB_PORT = 5037
EMULATOR_PORTS = range(5554, 5586)
POLL_INTERVAL = 0.02
START_ATTEMPTS = 3


class RigError(RuntimeError):
    """A rig step failed or did not happen before its deadline; the message names the step."""


class AndroidRig:
    """Context manager: start Debian's real adb server on a private port (never 5037), attach one
    EmulatedDevice per profile with `adb connect`, wait until each is in state `device`; on exit
    stop the devices and kill that server. Every wait ends after `timeout` seconds with RigError."""

    def __init__(self, profiles: Sequence[DeviceProfile] = (ANDROID_14,), *, adb: str = "adb",
                 adb_port: Optional[int] = None, timeout: float = 10.0) -> None:
        if adb_port is not None and (adb_port == DEFAULT_ADB_PORT or adb_port in EMULATOR_PORTS):
            raise ValueError(f"adb port {adb_port} is the default adb port or an emulator port; pick another")
        self.adb_path = adb
        self.timeout = timeout
        self.devices: List[EmulatedDevice] = []
        self._profiles = list(profiles)
        self._requested_port = adb_port
        self._port: Optional[int] = None

    @property
    def adb_port(self) -> int:
        """The private adb server port (available once started)."""
        if self._port is None:
            raise RigError("the rig is not started")
        return self._port

    def __enter__(self) -> "AndroidRig":
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def start(self) -> "AndroidRig":
        """Start the adb server and attach the devices of the constructor's profiles; return self."""
        self._start_server()
        try:
            for profile in self._profiles:
                self.add_device(profile)
        except BaseException:
            self.close()
            raise
        return self

    def close(self) -> None:
        """Stop every device and kill the private adb server; wait until its port is free. Idempotent."""
        for device in self.devices:
            device.stop()
        self.devices = []
        if self._port is None:
            return
        self.adb("kill-server")
        self._wait(lambda: not _listening(self.adb_port), f"the adb server on port {self.adb_port} to exit")
        self._port = None

    def env(self) -> Dict[str, str]:
        """Return a copy of os.environ with ANDROID_ADB_SERVER_PORT set, for child processes."""
        return {**os.environ, "ANDROID_ADB_SERVER_PORT": str(self.adb_port)}

    def adb_argv(self, *args: str) -> List[str]:
        """Return the argv of an adb CLI call against the private server: `adb -P PORT args...`."""
        return [self.adb_path, "-P", str(self.adb_port), *args]

    def adb(self, *args: str, timeout: Optional[float] = None) -> "subprocess.CompletedProcess[bytes]":
        """Run the adb CLI against the private server (stdin closed, output captured); the exit status
        is left to the caller. Raise RigError if it runs longer than `timeout` (default: the rig's)."""
        argv = self.adb_argv(*args)
        try:
            return subprocess.run(argv, env=self.env(), stdin=subprocess.DEVNULL, capture_output=True,
                                  timeout=self.timeout if timeout is None else timeout)
        except subprocess.TimeoutExpired:
            raise RigError(f"`{' '.join(argv)}` did not finish within {timeout or self.timeout} s") from None

    def add_device(self, profile: DeviceProfile = ANDROID_14) -> EmulatedDevice:
        """Start an EmulatedDevice with `profile`, connect it and wait until it is `device`; return it."""
        device = EmulatedDevice(profile)
        try:
            if device.port in EMULATOR_PORTS:
                raise RigError(f"device port {device.port} lies in the emulator range the adb server probes")
            self.connect(device)
        except BaseException:
            device.stop()
            raise
        self.devices.append(device)
        return device

    def connect(self, device: EmulatedDevice) -> None:
        """Run `adb connect` for `device` and wait until it is `device`. After go_online() this attaches
        it at once: a server still retrying in the background answers `already connected`, so the rig
        disconnects and connects again rather than wait for the server's next retry (about 10 s)."""
        output = self._connect_once(device)
        if output.startswith("already connected to"):
            self.adb("disconnect", device.serial)
            output = self._connect_once(device)
        if not output.startswith("connected to"):
            raise RigError(f"adb connect {device.serial} failed: {output!r}")
        self.wait_for_state(device.serial, "device")

    def _connect_once(self, device: EmulatedDevice) -> str:
        """Run `adb connect`; return its output (it exits 0 even when it fails, e.g. `failed to connect`)."""
        result = self.adb("connect", device.serial)
        return (result.stdout + result.stderr).decode(errors="replace").strip()

    def remove_device(self, device: EmulatedDevice) -> None:
        """Disconnect `device`, stop it and wait until the adb server no longer lists it."""
        self.adb("disconnect", device.serial)
        device.stop()
        self.devices.remove(device)
        self.wait_for_state(device.serial, None)

    def device_states(self) -> Dict[str, str]:
        """Return serial -> state (`device`, `offline`, ...) as `adb devices` lists them."""
        result = self.adb("devices")
        if result.returncode != 0:
            raise RigError(f"adb devices failed: {result.stderr.decode(errors='replace').strip()!r}")
        states = {}
        for line in result.stdout.decode(errors="replace").splitlines()[1:]:
            serial, _, state = line.partition("\t")
            if state:
                states[serial] = state
        return states

    def wait_for_state(self, serial: str, state: Optional[str], timeout: Optional[float] = None) -> None:
        """Wait until `adb devices` shows `serial` in `state`, or no longer lists it when `state` is None."""
        seen: List[Optional[str]] = [None]

        def reached() -> bool:
            seen[0] = self.device_states().get(serial)
            return seen[0] == state

        wanted = "be absent" if state is None else f"reach state {state!r}"
        self._wait(reached, f"device {serial} to {wanted} in `adb devices`", timeout, lambda: f"last: {seen[0]!r}")

    def _start_server(self) -> None:
        if self._requested_port is None:
            ports = [_free_port() for _ in range(START_ATTEMPTS)]
        elif _listening(self._requested_port):
            raise RigError(f"port {self._requested_port} is in use; the rig needs a port of its own for its adb server")
        else:
            ports = [self._requested_port]
        for port in ports:
            self._port = port
            result = self.adb("start-server")
            if result.returncode == 0:
                return
            self._port = None
        raise RigError(f"adb start-server failed: {result.stderr.decode(errors='replace').strip()!r}")

    def _wait(self, condition: Callable[[], bool], what: str, timeout: Optional[float] = None,
              detail: Callable[[], str] = lambda: "") -> None:
        deadline = time.monotonic() + (self.timeout if timeout is None else timeout)
        while not condition():
            if time.monotonic() > deadline:
                extra = detail()
                raise RigError(f"timed out waiting for {what}" + (f" ({extra})" if extra else ""))
            time.sleep(POLL_INTERVAL)


def _free_port() -> int:
    """Return a loopback TCP port that was free a moment ago and is neither 5037 nor an emulator port."""
    while True:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
            probe.bind(("127.0.0.1", 0))
            port: int = probe.getsockname()[1]
        if port != DEFAULT_ADB_PORT and port not in EMULATOR_PORTS:
            return port


def _listening(port: int) -> bool:
    """True if something accepts TCP connections on 127.0.0.1:port."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1.0):
            return True
    except OSError:
        return False

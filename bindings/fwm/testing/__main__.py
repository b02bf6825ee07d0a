"""Command line: `python -m fwm.testing android --devices N` keeps a rig of emulated devices running."""

from __future__ import annotations

import argparse
import itertools
import os
import signal
import stat
import sys
import threading
from typing import List, Optional

from .android_rig import AndroidRig, RigError
from .device_profiles import PROFILES
from .sample_apps import sample_app

DESCRIPTION = """\
Start a private adb server (Debian's real adb) with emulated Android devices attached, print one
line per device serial and then ANDROID_ADB_SERVER_PORT=PORT, and keep running until SIGINT,
SIGTERM, or end of file on standard input (stdin from /dev/null, as for `cmd &` in a script, is
not watched). On exit the devices stop and that adb server is killed."""

EPILOG = """\
example, from a bash script:
  python -m fwm.testing android --devices 3 --app com.example.app --ready-file rig.txt &
  rig=$!
  until [ -s rig.txt ]; do sleep 0.1; done
  export "$(grep ANDROID_ADB_SERVER_PORT= rig.txt)"
  adb devices -l
  kill "$rig"; wait "$rig"
"""


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of `python -m fwm.testing`."""
    parser = argparse.ArgumentParser(prog="python -m fwm.testing", description="Test rigs of fwm.testing.")
    commands = parser.add_subparsers(dest="rig", required=True, metavar="RIG")
    android = commands.add_parser("android", help="emulated Android devices behind a real adb server",
                                  description=DESCRIPTION, epilog=EPILOG,
                                  formatter_class=argparse.RawDescriptionHelpFormatter)
    android.add_argument("--devices", type=int, default=1, metavar="N", help="number of devices (default 1)")
    android.add_argument("--adb-port", type=int, metavar="PORT",
                         help="port of the private adb server (default: a free port; never 5037)")
    android.add_argument("--profile", action="append", choices=sorted(PROFILES), metavar="NAME",
                         help="device profile, repeatable, used in turn for the devices "
                              f"(choices: {', '.join(sorted(PROFILES))}; default android14)")
    android.add_argument("--ready-file", metavar="PATH",
                         help="once ready, write the same lines to PATH (atomically); removed on exit")
    android.add_argument("--app", action="append", default=[], metavar="PKG",
                         help="install the sample app (five plugin tasks and one other work request, debuggable, "
                              "schema 24) as PKG on every device; repeatable")
    android.add_argument("--adb", default="adb", metavar="PATH", help="adb executable (default: adb on PATH)")
    android.add_argument("--timeout", type=float, default=10.0, metavar="SECONDS",
                         help="deadline of each start-up step (default 10)")
    return parser


def main(argv: Optional[List[str]] = None) -> int:
    """Run the command line; return the exit status."""
    args = build_parser().parse_args(argv)
    if args.devices < 1:
        print("error: --devices must be at least 1", file=sys.stderr)
        return 2
    names = itertools.cycle(args.profile or ["android14"])
    profiles = [PROFILES[next(names)] for _ in range(args.devices)]
    stop = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stop.set())
    try:
        with AndroidRig(profiles, adb=args.adb, adb_port=args.adb_port, timeout=args.timeout) as rig:
            for device in rig.devices:
                for package in args.app:
                    sample_app(package, device=device)
            lines = [device.serial for device in rig.devices] + [f"ANDROID_ADB_SERVER_PORT={rig.adb_port}"]
            text = "".join(line + "\n" for line in lines)
            sys.stdout.write(text)
            sys.stdout.flush()
            try:
                if args.ready_file:
                    _write_atomically(args.ready_file, text)
                if _stdin_is_watchable():
                    threading.Thread(target=_wait_for_eof, args=(stop,), daemon=True).start()
                stop.wait()
            finally:
                if args.ready_file and os.path.exists(args.ready_file):
                    os.remove(args.ready_file)
    except (RigError, ValueError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


def _write_atomically(path: str, text: str) -> None:
    temporary = f"{path}.tmp{os.getpid()}"
    with open(temporary, "w") as file:
        file.write(text)
    os.replace(temporary, path)


def _stdin_is_watchable() -> bool:
    """True unless stdin is closed or /dev/null."""
    try:
        mode = os.fstat(0)
    except OSError:
        return False
    null = os.stat(os.devnull)
    return not (stat.S_ISCHR(mode.st_mode) and mode.st_rdev == null.st_rdev)


def _wait_for_eof(stop: threading.Event) -> None:
    try:
        while os.read(0, 65536):
            pass
    except OSError:
        pass
    stop.set()


if __name__ == "__main__":
    sys.exit(main())

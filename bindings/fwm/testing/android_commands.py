"""The Android commands fwm runs on a device (docs/device-commands.md), answering from the device's apps,
JobScheduler model, log buffer and clock: run-as (with wc/cat/true/... in the app's data directory),
dumpsys package|jobscheduler, am get-standby-bucket|set-standby-bucket|broadcast, cmd appops|jobscheduler,
date, logcat, wc.

Formats: toybox 0.8 `wc -c` (checked against the toybox binary: a 7-wide column and a `total` line when
more than one file is named, bare `SIZE PATH` for one, `wc: PATH: No such file or directory` on stderr
and exit 1) and `cat`; run-as.cpp error texts; `am broadcast` as fixture am-broadcast-diagnostics.txt;
`dumpsys package` is a representative excerpt whose fields in the contract (versionName, targetSdk,
flags, runtime permissions) are exact in form.
"""

from __future__ import annotations

import os
import time
from typing import TYPE_CHECKING, Callable, Dict, List, Optional, Tuple

from .android_apps import STANDBY_BUCKETS, AndroidApp
from .device_commands import SHELL_PATH, CommandContext, CommandHandler, CommandResult, encode
from .logcat import run_logcat
from .workmanager_runtime import DIAGNOSTICS_DELAY, JOB_START_DELAY, request_diagnostics, run_job

if TYPE_CHECKING:
    from .emulated_device import EmulatedDevice

DIAGNOSTICS_ACTION = "androidx.work.diagnostics.REQUEST_DIAGNOSTICS"
SizeOrError = Tuple[Optional[int], Optional[str]]


def wc_bytes(paths: List[str], size_of: Callable[[str], SizeOrError]) -> CommandResult:
    """toybox `wc -c PATH...`: `size_of(path)` gives (size, None) or (size or None, error text)."""
    several = len(paths) > 1
    out, err, status, total = [], [], 0, 0
    for path in paths:
        size, error = size_of(path)
        if error:
            err.append(f"wc: {path}: {error}\n")
            status = 1
        if size is not None:
            total += size
            out.append(f"{size:7d} {path}\n" if several else f"{size} {path}\n")
    if several:
        out.append(f"{total:7d} total\n")
    return encode("".join(out)), encode("".join(err)), status


def _wc_args(argv: List[str]) -> Tuple[Optional[List[str]], Optional[CommandResult]]:
    args = argv[1:]
    if not args or args[0] != "-c":
        return None, (b"", b"wc: only `wc -c FILE...` is emulated\n", 2)
    if len(args) == 1:
        return None, (b"", b"wc: reading standard input is not emulated\n", 2)
    return args[1:], None


def _device_wc(argv: List[str], ctx: CommandContext) -> CommandResult:
    paths, problem = _wc_args(argv)
    if problem:
        return problem
    assert paths is not None

    def size_of(path: str) -> SizeOrError:
        absolute = path if path.startswith("/") else "/" + path
        if absolute in ctx.files:
            return len(ctx.files[absolute]), None
        if any(name.startswith(absolute.rstrip("/") + "/") for name in ctx.files):
            return 0, "Is a directory"
        return None, "No such file or directory"
    return wc_bytes(paths, size_of)


class AppFiles:
    """An app's data directory as commands started by `run-as PKG` see it (cwd = the data directory)."""

    def __init__(self, app: AndroidApp) -> None:
        self.app = app

    def host_path(self, path: str) -> Optional[str]:
        """Host path for a device path (relative to the data dir, or /data/data/PKG/..., /data/user/0/PKG/...)."""
        assert self.app.data_dir is not None
        for prefix in (f"/data/data/{self.app.package}", f"/data/user/0/{self.app.package}"):
            if path == prefix or path.startswith(prefix + "/"):
                path = path[len(prefix):].lstrip("/") or "."
                break
        else:
            if path.startswith("/"):
                return None
        full = os.path.normpath(os.path.join(self.app.data_dir, path))
        root = os.path.normpath(self.app.data_dir)
        return full if full == root or full.startswith(root + os.sep) else None

    def size(self, path: str) -> SizeOrError:
        host = self.host_path(path)
        if host is None or not os.path.exists(host):
            return None, "No such file or directory"
        if os.path.isdir(host):
            return 0, "Is a directory"
        return os.path.getsize(host), None

    def read(self, path: str) -> Tuple[Optional[bytes], Optional[str]]:
        host = self.host_path(path)
        if host is None or not os.path.exists(host):
            return None, "No such file or directory"
        if os.path.isdir(host):
            return None, "Is a directory"
        with open(host, "rb") as file:
            return file.read(), None


def _app_command(files: AppFiles, argv: List[str], ctx: CommandContext) -> CommandResult:
    """A program run by run-as inside the app's data directory."""
    name = argv[0]
    if name == "true":
        return b"", b"", 0
    if name == "false":
        return b"", b"", 1
    if name == "wc":
        paths, problem = _wc_args(argv)
        if problem:
            return problem
        assert paths is not None
        with files.app.db.lock:
            return wc_bytes(paths, files.size)
    if name == "cat":
        out, err, status = bytearray(), bytearray(), 0
        with files.app.db.lock:
            for path in argv[1:]:
                data, error = files.read(path)
                if error:
                    err += encode(f"cat: {path}: {error}\n")
                    status = 1
                else:
                    out += data or b""
        return bytes(out), bytes(err), status
    if name == "ls":
        listed: List[str] = []
        problems: List[str] = []
        for path in argv[1:] or ["."]:
            host = files.host_path(path)
            if host is None or not os.path.exists(host):
                problems.append(f"ls: {path}: No such file or directory\n")
            elif os.path.isdir(host):
                listed += [entry + "\n" for entry in sorted(os.listdir(host))]
            else:
                listed.append(path + "\n")
        return encode("".join(listed)), encode("".join(problems)), 1 if problems else 0
    if name == "id":
        uid = files.app.uid
        return encode(f"uid={uid}({files.app.user_id_text.replace('u0a', 'u0_a')}) gid={uid}"
                      f"({files.app.user_id_text.replace('u0a', 'u0_a')}) groups=3003(inet),9997(everybody)\n"), b"", 0
    return b"", encode(f"run-as: exec failed for {name}: No such file or directory\n"), 1


def _now_text(device: "EmulatedDevice", fmt: str) -> str:
    return time.strftime(fmt, time.gmtime(device.now_ms() / 1000))


def _dumpsys_package(device: "EmulatedDevice", app: AndroidApp) -> str:
    sdk = int(device.profile.sdk)
    flags = ("DEBUGGABLE " if app.debuggable else "") + "HAS_CODE ALLOW_CLEAR_USER_DATA ALLOW_BACKUP"
    installed = _now_text(device, "%Y-%m-%d %H:%M:%S")
    code_path = (f"/data/app/~~Fw3nQ1x0m2yAbC9dEf0g==/{app.package}-Kq2rS7tUvWxYz1AbCdEfGg==" if sdk >= 30
                 else f"/data/app/{app.package}-1")
    requested = ["android.permission.INTERNET", "android.permission.ACCESS_NETWORK_STATE",
                 "android.permission.WAKE_LOCK", "android.permission.RECEIVE_BOOT_COMPLETED",
                 "android.permission.FOREGROUND_SERVICE"]
    if sdk >= 33:
        requested += ["android.permission.POST_NOTIFICATIONS"]
    if sdk >= 34:
        requested += ["android.permission.FOREGROUND_SERVICE_SHORT_SERVICE"]
    install = [p for p in requested if p != "android.permission.POST_NOTIFICATIONS"]
    receivers = ["Receiver Resolver Table:", "  Non-Data Actions:",
                 "      android.intent.action.BOOT_COMPLETED:",
                 f"        2c3d4e5 {app.package}/androidx.work.impl.background.systemalarm.RescheduleReceiver filter 6f7a8b9",
                 '          Action: "android.intent.action.BOOT_COMPLETED"']
    if app.has_diagnostics:
        receivers += ["      androidx.work.diagnostics.REQUEST_DIAGNOSTICS:",
                      f"        1b2c3d4 {app.package}/androidx.work.impl.diagnostics.DiagnosticsReceiver filter 5e6f7a8",
                      '          Action: "androidx.work.diagnostics.REQUEST_DIAGNOSTICS"']
    lines = [*receivers, "", "Key Set Manager:", f"  [{app.package}]", "      Signing KeySets: 57", "",
             "Packages:", f"  Package [{app.package}] (4f5a6b7):",
             f"    {'appId' if sdk >= 30 else 'userId'}={app.uid}", f"    pkg=Package{{8c9d0e1 {app.package}}}",
             f"    codePath={code_path}", f"    resourcePath={code_path}",
             f"    legacyNativeLibraryDir={code_path}/lib",
             f"    primaryCpuAbi={'x86_64' if '64' in device.profile.product else 'x86'}", "    secondaryCpuAbi=null",
             f"    versionCode={app.version_code} minSdk={app.min_sdk} targetSdk={app.target_sdk}",
             f"    versionName={app.version_name}", "    splits=[base]", "    apkSigningVersion=2",
             f"    flags=[ {flags} ]"]
    if sdk >= 30:
        lines.append("    privateFlags=[ PRIVATE_FLAG_ACTIVITIES_RESIZE_MODE_RESIZEABLE_VIA_SDK_VERSION "
                     "ALLOW_AUDIO_PLAYBACK_CAPTURE PRIVATE_FLAG_ALLOW_NATIVE_HEAP_POINTER_TAGGING ]")
    lines += [f"    dataDir=/data/user/0/{app.package}",
              "    supportsScreens=[small, medium, large, xlarge, resizeable, anyDensity]",
              f"    timeStamp={installed}", f"    lastUpdateTime={installed}",
              "    installerPackageName=com.android.shell" if sdk >= 30 else "    installerPackageName=null",
              "    signatures=PackageSignatures{9e0f1a2 version:2, signatures:[a3b4c5d6], past signatures:[]}",
              "    installPermissionsFixed=true", f"    pkgFlags=[ {flags} ]", "    requested permissions:"]
    lines += [f"      {p}" for p in requested]
    lines.append("    install permissions:")
    lines += [f"      {p}: granted=true" for p in install]
    user = ("    User 0: ceDataInode=131225 installed=true hidden=false suspended=false distractionFlags=0 "
            "stopped=false notLaunched=false enabled=0 instant=false virtual=false" if sdk >= 30 else
            "    User 0: ceDataInode=131225 installed=true hidden=false suspended=false stopped=false "
            "notLaunched=false enabled=0 instant=false")
    lines += [user, "      gids=[3003]"]
    if sdk >= 33:
        granted = "true" if app.post_notifications else "false"
        extra = "USER_SET|" if app.post_notifications else ""
        lines += ["      runtime permissions:",
                  f"        android.permission.POST_NOTIFICATIONS: granted={granted}, "
                  f"flags=[ {extra}USER_SENSITIVE_WHEN_GRANTED|USER_SENSITIVE_WHEN_DENIED]"]
    lines += ["      disabledComponents:", "        androidx.work.impl.background.systemalarm.SystemAlarmService",
              "      enabledComponents:", "        androidx.work.impl.background.systemjob.SystemJobService", "",
              "Dexopt state:", f"  [{app.package}]", f"    path: {code_path}/base.apk",
              "      x86_64: [status=run-from-apk] [reason=unknown]", ""]
    return "\n".join(lines) + "\n"


def android_commands(device: "EmulatedDevice") -> Dict[str, CommandHandler]:
    """The handlers bound to `device`, to add to its command table."""

    def run_as(argv: List[str], ctx: CommandContext) -> CommandResult:
        if len(argv) < 2:
            return b"", b"run-as: usage: run-as <package-name> [--user <uid>] <command> [<args>]\n", 1
        package, command = argv[1], argv[2:]
        app = device.apps.get(package)
        if app is None:
            return b"", encode(f"run-as: unknown package: {package}\n"), 1
        if not app.debuggable:
            return b"", encode(f"run-as: package not debuggable: {package}\n"), 1
        if not command:
            return b"", encode(f"{SHELL_PATH}: unsupported by the emulated shell: interactive run-as shell\n"), 2
        return _app_command(AppFiles(app), command, ctx)

    def pidof(argv: List[str], ctx: CommandContext) -> CommandResult:
        pids = [str(app.pid) for name in argv[1:] for app in [device.apps.get(name)] if app is not None and app.running]
        return (encode(" ".join(pids) + "\n"), b"", 0) if pids else (b"", b"", 1)

    def dumpsys(argv: List[str], ctx: CommandContext) -> CommandResult:
        if len(argv) < 2:
            return b"", b"dumpsys: listing every service is not emulated\n", 2
        service, args = argv[1], argv[2:]
        if service == "jobscheduler":
            return device.jobscheduler.dumpsys(args[0] if args else None)
        if service == "package" and args:
            app = device.apps.get(args[0])
            if app is None:
                return encode(f"Unable to find package: {args[0]}\n"), b"", 0
            return encode(_dumpsys_package(device, app)), b"", 0
        return encode(f"Can't find service: {service}\n"), b"", 0

    def am(argv: List[str], ctx: CommandContext) -> CommandResult:
        sub = argv[1] if len(argv) > 1 else ""
        sdk = int(device.profile.sdk)
        if sub in ("get-standby-bucket", "set-standby-bucket") and sdk < 28:
            return b"", encode(f"Unknown command: {sub}\n"), 255
        if sub == "get-standby-bucket" and len(argv) > 2:
            app = device.apps.get(argv[2])
            if app is None:
                return b"", encode(f"Exception occurred while executing 'get-standby-bucket':\n"
                                   f"java.lang.IllegalArgumentException: Cannot get standby bucket for non existent "
                                   f"package ({argv[2]})\n"), 255
            return encode(f"{app.standby_bucket}\n"), b"", 0
        if sub == "set-standby-bucket" and len(argv) > 3:
            app = device.apps.get(argv[2])
            names = {name.lower(): number for number, name in STANDBY_BUCKETS.items()}
            value = argv[3].lower()
            bucket = names.get(value) if not value.isdigit() else int(value)
            if app is None or bucket not in STANDBY_BUCKETS:
                return b"", encode(f"Exception occurred while executing 'set-standby-bucket':\n"
                                   f"java.lang.IllegalArgumentException: Cannot set standby bucket for {argv[2]}\n"), 255
            app.standby_bucket = bucket
            return b"", b"", 0
        if sub == "broadcast":
            return _broadcast(argv[2:])
        return b"", encode(f"Unknown command: {sub}\n"), 255

    def _broadcast(args: List[str]) -> CommandResult:
        action = package = component = None
        i = 0
        while i < len(args):
            if args[i] in ("-a", "-p", "-n") and i + 1 < len(args):
                value = args[i + 1]
                if args[i] == "-a":
                    action = value
                elif args[i] == "-p":
                    package = value
                else:
                    component = value
                i += 2
            elif args[i] in ("--receiver-foreground", "-f", "--user"):
                i += 2 if args[i] in ("-f", "--user") else 1
            else:
                return b"", encode(f"Error: Unknown option: {args[i]}\n"), 255
        parts = []
        if action:
            parts.append(f"act={action}")
        parts.append("flg=0x400000")
        if package:
            parts.append(f"pkg={package}")
        if component:
            parts.append(f"cmp={component}")
        out = f"Broadcasting: Intent {{ {' '.join(parts)} }}\nBroadcast completed: result=0\n"
        target = package or (component.split("/")[0] if component else None)
        app = device.apps.get(target or "")
        if action == DIAGNOSTICS_ACTION and app is not None and app.has_diagnostics:
            device.after(DIAGNOSTICS_DELAY, request_diagnostics, app)
        return encode(out), b"", 0

    def cmd(argv: List[str], ctx: CommandContext) -> CommandResult:
        if int(device.profile.sdk) < 24:
            return b"", encode(f"{SHELL_PATH}: cmd: inaccessible or not found\n"), 127
        if len(argv) < 2:
            return b"", b"cmd: No service specified; use -l to list all services\n", 20
        service, args = argv[1], argv[2:]
        if service == "jobscheduler":
            return device.jobscheduler.command(args, lambda app, work_id: device.after(JOB_START_DELAY, run_job,
                                                                                       app, work_id))
        if service == "appops":
            return _appops(args)
        return b"", encode(f"cmd: Can't find service: {service}\n"), 20

    def _appops(args: List[str]) -> CommandResult:
        if len(args) < 2 or args[0] not in ("get", "set"):
            return b"", b"Error: appops subcommand not emulated\n", 255
        package, op = args[1], args[2] if len(args) > 2 else None
        if op is not None and op != "RUN_ANY_IN_BACKGROUND" or int(device.profile.sdk) < 28:
            return b"", encode(f"Error: Unknown operation string: {op}\n"), 255
        app = device.apps.get(package)
        if app is None:
            return b"", encode(f"Error: No UID for {package} in user 0\n"), 255
        if args[0] == "set":
            mode = args[3] if len(args) > 3 else ""
            if mode not in ("allow", "ignore", "default"):
                return b"", encode(f"Error: Mode {mode} is not valid\n"), 255
            app.background_restriction = None if mode == "default" else mode
            return b"", b"", 0
        if app.background_restriction is None:
            return b"No operations.\n", b"", 0
        return encode(f"RUN_ANY_IN_BACKGROUND: {app.background_restriction}\n"), b"", 0

    def date(argv: List[str], ctx: CommandContext) -> CommandResult:
        formats = [arg[1:] for arg in argv[1:] if arg.startswith("+")]
        if len(argv) > 1 and not formats:
            return b"", b"date: setting the clock is not emulated\n", 1
        fmt = formats[0] if formats else "%a %b %e %H:%M:%S %Z %Y"
        return encode(_now_text(device, fmt) + "\n"), b"", 0

    def logcat(argv: List[str], ctx: CommandContext) -> CommandResult:
        return run_logcat(device.logcat, argv[1:], ctx.write_stdout, ctx.sleep)

    return {"run-as": run_as, "dumpsys": dumpsys, "pidof": pidof, "am": am, "cmd": cmd, "date": date, "logcat": logcat,
            "wc": _device_wc}

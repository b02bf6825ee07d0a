"""The exact text formats Apple's tools print, for the fake xcrun (layouts follow the repository's tests/fixtures/ios)."""

from __future__ import annotations

import json
import re
from typing import Any, Dict, List, Optional, Sequence, Tuple

_BARE = re.compile(r"^[A-Za-z0-9_]+$")


def _json_string(text: str) -> str:
    """A JSON string as NSJSONSerialization writes it: '/' escaped as '\\/', non-ASCII kept."""
    return json.dumps(text, ensure_ascii=False).replace("/", "\\/")


def apple_json(value: Any, *, sort_keys: bool = False, indent: str = "") -> str:
    """`value` pretty-printed as NSJSONSerialization does: two-space indent, `"key" : value`, escaped
    slashes, an empty array or object written over two lines (`[\\n\\n  ]`); keys in the dict's order
    unless `sort_keys` (devicectl sorts them)."""
    inner = indent + "  "
    if isinstance(value, dict):
        keys = sorted(value) if sort_keys else list(value)
        if not keys:
            return "{\n\n" + indent + "}"
        items = [inner + _json_string(k) + " : " + apple_json(value[k], sort_keys=sort_keys, indent=inner) for k in keys]
        return "{\n" + ",\n".join(items) + "\n" + indent + "}"
    if isinstance(value, (list, tuple)):
        if not value:
            return "[\n\n" + indent + "]"
        items = [inner + apple_json(v, sort_keys=sort_keys, indent=inner) for v in value]
        return "[\n" + ",\n".join(items) + "\n" + indent + "]"
    if isinstance(value, str):
        return _json_string(value)
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    return json.dumps(value)


def compact_json(value: Any) -> str:
    """One-line JSON with escaped slashes, as `log --style ndjson` is assumed to print it."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).replace("/", "\\/")


def _openstep_string(text: str) -> str:
    if _BARE.match(text):
        return text
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def openstep(value: Any, indent: str = "") -> str:
    """`value` as NSDictionary/NSArray `description` prints it (the layout of `simctl listapps`):
    `key = value;` lines four spaces deeper per level, a nested container opening on its key's line
    after its own indentation (`key =     {`), strings quoted unless they are plain words, keys in
    the dict's order."""
    inner = indent + "    "
    if isinstance(value, dict):
        lines = [inner + _openstep_string(str(k)) + " = " + openstep(v, inner) + ";" for k, v in value.items()]
        return (indent if indent else "") + "{\n" + "".join(line + "\n" for line in lines) + indent + "}"
    if isinstance(value, (list, tuple)):
        lines = [inner + openstep(v, inner) for v in value]
        return (indent if indent else "") + "(\n" + ",\n".join(lines) + ("\n" if lines else "") + indent + ")"
    if isinstance(value, bytes):
        return "<" + value.hex() + ">"
    if isinstance(value, bool):
        return "1" if value else "0"
    return _openstep_string(str(value))


def launchctl_table(rows: Sequence[Tuple[Optional[int], int, str]]) -> str:
    """`launchctl list`: the TAB-separated PID / Status / Label table ('-' for no PID)."""
    lines = ["PID\tStatus\tLabel"]
    lines += [f"{'-' if pid is None else pid}\t{status}\t{label}" for pid, status, label in rows]
    return "".join(line + "\n" for line in lines)


def simctl_error(domain: str, code: int, *details: str) -> str:
    """simctl's stderr for a failed command."""
    lines = [f"An error was encountered processing the command (domain={domain}, code={code}):", *details]
    return "".join(line + "\n" for line in lines)


LOG_KEYS = ["traceID", "eventType", "messageType", "source", "eventMessage", "formatString", "activityIdentifier",
            "parentActivityIdentifier", "subsystem", "category", "threadID", "processID", "userID", "timezoneName",
            "bootUUID", "processImagePath", "processImageUUID", "senderProgramCounter", "senderImagePath",
            "senderImageUUID", "backtrace", "timestamp", "machTimestamp"]


def log_json_body(record: Dict[str, Any]) -> str:
    """One record of the json style without its braces: one `  "key" : value` line per key."""
    return ",\n".join("  " + _json_string(k) + " : " + apple_json(record[k], indent="  ")
                      for k in LOG_KEYS if k in record)


def log_json_array(records: List[Dict[str, Any]]) -> str:
    """`log show|stream --style json` body: `[{`, one `"key" : value` per line, `},{` between records,
    `}]` at the end (an empty result is `[]`)."""
    if not records:
        return "[]\n"
    return "[{\n" + "\n},{\n".join(log_json_body(r) for r in records) + "\n}]\n"


def log_ndjson(records: List[Dict[str, Any]]) -> str:
    """`--style ndjson`: one compact object per line, keys in the json style's order."""
    return "".join(compact_json({k: r[k] for k in LOG_KEYS if k in r}) + "\n" for r in records)


def devicectl_human_devices(devices: List[Dict[str, Any]]) -> str:
    """The table `devicectl list devices` prints (fixtures/ios/devicectl-list-devices.human.txt)."""
    header = ["Name", "Hostname", "Identifier", "State", "Model"]
    rows = [[d["name"], f"{d['udid']}.coredevice.local", d["identifier"],
             "available (paired)" if d["reachable"] else "unavailable", f"{d['model']} ({d['product_type']})"]
            for d in devices]
    widths = [max([len(header[i])] + [len(r[i]) for r in rows]) for i in range(len(header))]
    widths = [max(w, 14) for w in widths]

    def line(cells: List[str]) -> str:
        return "   ".join(c.ljust(w) for c, w in zip(cells, widths)).rstrip()

    out = ["Devices:", line(header), "   ".join("-" * w for w in widths)] + [line(r) for r in rows]
    if not rows:
        out = ["No devices found."]
    return "".join(o + "\n" for o in out)

"""Property lists that crashed or hung `fwm inspect` before the checks in front of libplist 2.2
(xcrun/binary_plist_check, xcrun/property_list), and deep nesting in devicectl JSON and old-style
plists. Every failure is exit 2 naming the file and the reason."""

from __future__ import annotations

import json
import struct
import time
from pathlib import Path
from typing import List

import pytest

import fwm._core as core

CRASHERS = Path(__file__).resolve().parent.parent / "fixtures" / "crashers"


def bplist(objects: List[bytes], top: int = 0, offset_size: int = 1, ref_size: int = 1) -> bytes:
    """A bplist00 file: header, these objects, the offset table and the trailer (CFBinaryPList.c layout)."""
    body = bytearray(b"bplist00")
    offsets = []
    for o in objects:
        offsets.append(len(body))
        body += o
    table = len(body)
    fmt = {1: ">B", 2: ">H", 4: ">I", 8: ">Q"}[offset_size]
    for off in offsets:
        body += struct.pack(fmt, off)
    body += bytes(6) + bytes([offset_size, ref_size]) + struct.pack(">QQQ", len(objects), top, table)
    return bytes(body)


def read_whole(result) -> bool:
    """Whether fwm read the property list completely: these hand-made files hold none of the plugin's keys, so
    a whole read ends in the one refusal that comes after parsing (not the plugin's suite)."""
    return result.code == 2 and "a property list without the workmanager plugin's keys" in result.err


def inspect(run_fwm, tmp_path: Path, data: bytes, name: str = "suite.plist"):
    path = tmp_path / name
    path.write_bytes(data)
    started = time.monotonic()
    result = run_fwm("inspect", str(path))
    assert time.monotonic() - started < 20, "inspect took too long"
    return result


# What the mutation loop over the fake xcrun's plugin suite found (libplist 2.2's assertion
# `length == strlen(*val)` aborted fwm): a UTF-16 string holding U+0000, as a value and as a key.
def test_fuzzed_suite_with_a_nul_in_a_utf16_value_is_read(run_fwm):
    result = run_fwm("inspect", "--json", str(CRASHERS / "bplist-utf16-value-with-nul.plist"))
    assert result.code == 0, result


def test_fuzzed_suite_with_a_nul_in_a_utf16_key_is_refused(run_fwm):
    result = run_fwm("inspect", str(CRASHERS / "bplist-utf16-key-with-nul.plist"))
    assert result.code == 2, result
    assert "bplist-utf16-key-with-nul.plist" in result.err
    assert "a dictionary key that is not a string without U+0000" in result.err


UTF16_NUL_VALUE = bplist([b"\xd1\x01\x02", b"\x51k", b"\x61\x00\x00"])
UTF16_NUL_KEY = bplist([b"\xd1\x01\x02", b"\x61\x00\x00", b"\x51v"])


def test_a_utf16_nul_value_keeps_its_nul(run_fwm, tmp_path):
    assert read_whole(inspect(run_fwm, tmp_path, UTF16_NUL_VALUE))


def test_a_utf16_nul_key_is_refused(run_fwm, tmp_path):
    result = inspect(run_fwm, tmp_path, UTF16_NUL_KEY)
    assert result.code == 2 and "suite.plist" in result.err and "U+0000" in result.err, result


def doubling_arrays(levels: int) -> bytes:
    """Object i is an array of two references to object i+1: 2^levels values once expanded."""
    objects = [bytes([0xA2, i + 1, i + 1]) for i in range(levels)] + [b"\x09"]
    return bplist(objects)


def nested_arrays(depth: int) -> bytes:
    """Object i is an array holding object i+1, `depth` deep, with 4-byte offsets and references."""
    objects = [b"\xa1" + struct.pack(">I", i + 1) for i in range(depth)] + [b"\x09"]
    return bplist(objects, offset_size=4, ref_size=4)


@pytest.mark.parametrize("data, reason", [
    (bplist([b"\xa1\x00"]), "an object that contains itself"),
    (bplist([b"\xa1\x01", b"\xa1\x00"]), "an object that contains itself"),
    (doubling_arrays(60), "more than 1000000 values once shared objects are expanded"),
    (nested_arrays(200_000), "nested deeper than 256 levels"),
    (bplist([b"\xa1\x05"]), "a reference to object 5 of 1"),
    (bplist([b"\x5f\x10\xff" + b"x" * 10]), "an object that runs into the offset table"),
    (bplist([b"\x00"]), "marker 0x00 is not a bplist00 type"),
    (bplist([b"\x15" + bytes(32)]), "an integer of 32 bytes"),
    (b"bplist00" + b"\x09" + b"\x08" + bytes(6) + b"\x01\x01" + struct.pack(">QQQ", 1, 0, 999), "offset table is outside"),
    (b"bplist00" + b"\x09" + b"\x08" + bytes(6) + b"\x03\x01" + struct.pack(">QQQ", 1, 0, 9), "offset size 3"),
], ids=["self-array", "two-array-cycle", "doubling-arrays", "200000-deep", "dangling-ref", "length-past-table",
        "v1-null", "int-32-bytes", "table-offset", "offset-size"])
def test_binary_plists_libplist_cannot_take_are_refused_fast(run_fwm, tmp_path, data, reason):
    result = inspect(run_fwm, tmp_path, data)
    assert result.code == 2, result
    assert "suite.plist" in result.err and reason in result.err, result.err


def test_what_cf_writes_is_still_read(run_fwm, tmp_path):
    shared = bplist([b"\xd2\x01\x02\x03\x03", b"\x51a", b"\x51b", b"\xa2\x04\x04", b"\x14" + bytes(15) + b"\x07"])
    result = inspect(run_fwm, tmp_path, shared)
    assert read_whole(result), result


def test_a_deeply_nested_xml_plist_is_refused(run_fwm, tmp_path):
    xml = b"<?xml version=\"1.0\"?><plist version=\"1.0\">" + b"<array>" * 100_000 + b"</array>" * 100_000 + b"</plist>"
    result = inspect(run_fwm, tmp_path, xml)
    assert result.code == 2 and "<dict> and <array> nested deeper than 256 levels" in result.err, result


def test_xml_nesting_inside_comments_does_not_count(run_fwm, tmp_path):
    xml = (b"<?xml version=\"1.0\"?><plist version=\"1.0\"><!-- " + b"<array>" * 300 + b" --><dict>"
           b"<key>k</key><array><array/></array></dict></plist>")
    assert read_whole(inspect(run_fwm, tmp_path, xml))


def test_a_deeply_nested_devicectl_envelope_is_refused():
    text = '{"info": {"outcome": "success"}, "result": ' + "[" * 1_000_000 + "]" * 1_000_000 + "}"
    with pytest.raises(ValueError, match="devicectl: the JSON output is JSON nested deeper than 256 levels"):
        core.ios_parse_devicectl_envelope(text)
    shallow = '{"info": {"outcome": "success"}, "result": ' + "[" * 200 + "]" * 200 + "}"
    assert json.loads(core.ios_parse_devicectl_envelope(shallow))


def test_a_deeply_nested_old_style_plist_is_refused():
    with pytest.raises(ValueError, match="nested deeper than 256 levels"):
        core.ios_parse_openstep_plist("(" * 1_000_000 + ")" * 1_000_000)
    assert json.loads(core.ios_parse_openstep_plist("{ a = " + "(" * 200 + ")" * 200 + "; }"))

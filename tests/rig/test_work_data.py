"""fwm.testing.work_data: WorkManager Data blobs, V1 bytes written from Data_.kt's format, V0 bytes as
OpenJDK's ObjectOutputStream writes them (checked against a real `java` when one is installed)."""

from __future__ import annotations

import shutil
import struct
import subprocess
from pathlib import Path
from typing import Any, Dict, List

import pytest

from fwm.testing.work_data import (NULL_STRING_V1, JavaArray, JavaByte, JavaFloat, JavaLong, decode_data, encode_v0,
                                   encode_v1, java_hashmap_order, java_string_hash, modified_utf8)

JAVA = shutil.which("java")
SENTINEL = NULL_STRING_V1.encode()


def utf(text: str) -> bytes:
    body = text.encode()
    return struct.pack(">H", len(body)) + body


def test_v1_bytes_follow_the_format_value_before_key() -> None:
    blob = encode_v1({"k": 5}, order="insertion")
    assert blob == bytes.fromhex("abef0001 00000001 03 00000005") + utf("k")


def test_v1_every_type_code() -> None:
    values = [("n", None, b"\x00"), ("z", True, b"\x01\x01"), ("b", JavaByte(-2), b"\x02\xfe"),
              ("i", -7, b"\x03" + struct.pack(">i", -7)), ("l", JavaLong(9), b"\x04" + struct.pack(">q", 9)),
              ("f", JavaFloat(1.5), b"\x05" + struct.pack(">f", 1.5)), ("d", 0.25, b"\x06" + struct.pack(">d", 0.25)),
              ("s", "hé", b"\x07" + struct.pack(">H", 3) + "hé".encode()),
              ("za", JavaArray("boolean", [True, False]), b"\x08\x00\x00\x00\x02\x01\x00"),
              ("ba", b"\x01\xff", b"\x09\x00\x00\x00\x02\x01\xff"),
              ("ia", [1, 2], b"\x0a" + struct.pack(">iii", 2, 1, 2)),
              ("la", [1, 2**40], b"\x0b" + struct.pack(">iqq", 2, 1, 2**40)),
              ("fa", JavaArray("float", [0.5]), b"\x0c" + struct.pack(">if", 1, 0.5)),
              ("da", [0.5, 1.5], b"\x0d" + struct.pack(">idd", 2, 0.5, 1.5)),
              ("sa", ["x", None], b"\x0e" + struct.pack(">i", 2) + utf("x") + struct.pack(">H", len(SENTINEL)) + SENTINEL)]
    blob = encode_v1({key: value for key, value, _ in values}, order="insertion")
    expected = bytes.fromhex("abef0001") + struct.pack(">i", len(values))
    for key, _, encoded in values:
        expected += encoded + utf(key)
    assert blob == expected


def test_v1_limit_is_ten_kilobytes() -> None:
    with pytest.raises(ValueError, match="10240 bytes"):
        encode_v1({"big": "x" * 10_300})


def test_modified_utf8_nul_and_supplementary() -> None:
    assert modified_utf8("\0") == b"\xc0\x80"
    assert modified_utf8("\U0001F600") == bytes.fromhex("eda0bd edb880")


def test_hashmap_order_matches_java_string_hash() -> None:
    assert java_string_hash("payload_userId") == _java_hash("payload_userId")
    keys = ["dev.fluttercommunity.workmanager.DART_TASK", "payload_a", "payload_b", "json_payload_m"]
    assert sorted(java_hashmap_order(keys)) == sorted(keys)


def _java_hash(text: str) -> int:
    h = 0
    for ch in text:
        h = (31 * h + ord(ch)) & 0xFFFFFFFF
    return h - 2**32 if h >= 2**31 else h


# What OpenJDK writes for writeInt(1); writeUTF("k"); writeObject(Integer.valueOf(5)) (java 17).
V0_INTEGER = bytes.fromhex(
    "aced0005 7707 00000001 00016b"
    "73 72 0011 6a6176612e6c616e672e496e7465676572 12e2a0a4f7818738 02 0001 49 0005 76616c7565 78"
    "72 0010 6a6176612e6c616e672e4e756d626572 86ac951d0b94e08b 02 0000 78 70"
    "00000005")


def test_v0_is_an_object_output_stream() -> None:
    assert encode_v0({"k": 5}) == V0_INTEGER
    assert encode_v0({}) == bytes.fromhex("aced0005 7704 00000000")


def test_v0_reuses_class_descriptors_and_cached_boxes() -> None:
    blob = encode_v0({"a": 5, "b": 5, "c": 500, "d": 600}, order="insertion")
    assert blob.count(b"java.lang.Integer") == 1
    assert b"\x71\x00\x7e\x00\x02" in blob  # "b": TC_REFERENCE to the cached Integer 5 (handle 2)
    assert b"\x73\x71\x00\x7e\x00\x00" in blob  # "c": a new Integer whose class desc is a reference


class _V0Reader:
    """A small independent reader of the records a Data blob uses."""

    def __init__(self, data: bytes) -> None:
        self.data, self.pos, self.block = data, 4, b""
        self.handles: List[Any] = []
        assert data[:4] == b"\xac\xed\x00\x05"

    def byte(self) -> int:
        self.pos += 1
        return self.data[self.pos - 1]

    def take(self, n: int) -> bytes:
        self.pos += n
        return self.data[self.pos - n:self.pos]

    def prim(self, n: int) -> bytes:
        while len(self.block) < n:
            assert self.byte() == 0x77
            self.block += self.take(self.byte())
        out, self.block = self.block[:n], self.block[n:]
        return out

    def desc(self) -> Any:
        tag = self.byte()
        if tag == 0x70:
            return None
        if tag == 0x71:
            return self.handles[struct.unpack(">I", self.take(4))[0] - 0x7E0000]
        assert tag == 0x72
        name = self.take(struct.unpack(">H", self.take(2))[0]).decode()
        self.take(9)
        entry: Dict[str, Any] = {"name": name}
        self.handles.append(entry)
        entry["fields"] = [(chr(self.byte()), self.take(struct.unpack(">H", self.take(2))[0]))
                           for _ in range(struct.unpack(">H", self.take(2))[0])]
        assert self.byte() == 0x78
        entry["super"] = self.desc()
        return entry

    def obj(self) -> Any:
        tag = self.byte()
        if tag == 0x70:
            return None
        if tag == 0x71:
            return self.handles[struct.unpack(">I", self.take(4))[0] - 0x7E0000]
        if tag == 0x74:
            text = self.take(struct.unpack(">H", self.take(2))[0]).decode()
            self.handles.append(text)
            return text
        desc = self.desc()
        index = len(self.handles)
        self.handles.append(None)
        if tag == 0x75:
            count = struct.unpack(">i", self.take(4))[0]
            value: Any = [self.obj() for _ in range(count)]
        else:
            assert tag == 0x73
            code = desc["fields"][0][0]
            fmt = {"I": ">i", "J": ">q", "Z": ">?", "D": ">d", "F": ">f", "B": ">b"}[code]
            value = struct.unpack(fmt, self.take(struct.calcsize(fmt)))[0]
        self.handles[index] = value
        return value

    def read(self) -> Dict[str, Any]:
        result = {}
        for _ in range(struct.unpack(">i", self.prim(4))[0]):
            key = self.prim(struct.unpack(">H", self.prim(2))[0]).decode()
            result[key] = self.obj()
        return result


SAMPLE: Dict[str, Any] = {
    "dev.fluttercommunity.workmanager.DART_TASK": "syncOnce", "payload_userId": 42, "payload_big": 5_000_000_000,
    "payload_force": True, "payload_other": True, "payload_same": 42, "payload_ratio": 0.5,
    "payload_f": JavaFloat(1.5), "payload_b": JavaByte(7), "payload_ids": [1, 2, 300],
    "payload_names": ["a", None, "é"], "payload_nil": None, "payload_longs": JavaArray("long", [1, 2]),
}


def test_v0_and_v1_read_back_with_independent_readers() -> None:
    plain = {k: (list(v.values) if isinstance(v, JavaArray) else v) for k, v in SAMPLE.items()}
    assert _V0Reader(encode_v0(SAMPLE)).read() == plain
    assert decode_data(encode_v0(SAMPLE)) == plain
    assert decode_data(encode_v1(SAMPLE)) == plain
    assert list(decode_data(encode_v1(SAMPLE))) == java_hashmap_order(list(SAMPLE))


def test_primitive_arrays_can_be_written_for_parser_tests() -> None:
    blob = encode_v0({"x": JavaArray("int", [1, 2], boxed=False)})
    assert b"\x75\x72\x00\x02[I\x4d\xba\x60\x26\x76\xea\xb2\xa5" in blob
    assert decode_data(blob) == {"x": [1, 2]}


JAVA_PROBE = r"""
import java.io.*; import java.util.*;
public class Probe {
  static String hex(byte[] b){StringBuilder s=new StringBuilder();for(byte x:b)s.append(String.format("%02x",x));return s.toString();}
  public static void main(String[] a) throws Exception {
    LinkedHashMap<String,Object> m = new LinkedHashMap<>();
    m.put("dev.fluttercommunity.workmanager.DART_TASK", "syncOnce"); m.put("payload_userId", 42);
    m.put("payload_big", 5000000000L); m.put("payload_force", true); m.put("payload_other", true);
    m.put("payload_same", 42); m.put("payload_ratio", 0.5d); m.put("payload_f", 1.5f); m.put("payload_b", (byte)7);
    m.put("payload_ids", new Integer[]{1,2,300}); m.put("payload_names", new String[]{"a", null, "\u00e9"});
    m.put("payload_nil", null); m.put("payload_longs", new Long[]{1L, 2L});
    HashMap<String,Object> values = new HashMap<>(m);
    ByteArrayOutputStream bo = new ByteArrayOutputStream(); ObjectOutputStream o = new ObjectOutputStream(bo);
    o.writeInt(values.size());
    for (Map.Entry<String,Object> e: values.entrySet()) { o.writeUTF(e.getKey()); o.writeObject(e.getValue()); }
    o.close();
    System.out.println(hex(bo.toByteArray()));
  }
}
"""


@pytest.mark.skipif(JAVA is None, reason="java is not installed")
def test_v0_is_byte_identical_to_java(tmp_path: Path) -> None:
    source = tmp_path / "Probe.java"
    source.write_text(JAVA_PROBE)
    assert JAVA is not None
    result = subprocess.run([JAVA, str(source)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert encode_v0(SAMPLE).hex() == result.stdout.strip()

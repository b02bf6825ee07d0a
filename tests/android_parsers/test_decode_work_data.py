"""decode_work_data: V1 and V0 blobs assembled here byte by byte from their specifications.

V1 follows androidx.work.Data (toByteArrayInternalV1): a DataOutputStream with magic 0xABEF, version 1,
an int count, then per entry a type byte, the value and the key (writeUTF). V0 is what
Data.toByteArrayInternalV0 writes through java.io.ObjectOutputStream: writeInt(count), then per entry
writeUTF(key) and writeObject(value). JavaObjectWriter below is a small ObjectOutputStream written from
the Java Object Serialization Specification, chapter 6 (stream protocol version 2): primitives are
buffered as block data of at most 1024 bytes (TC_BLOCKDATA, or TC_BLOCKDATALONG above 255 bytes) and
drained before each object; strings, arrays, objects and class descriptions get handles from 0x7E0000
and are written again as TC_REFERENCE when the same Java object recurs. The boxes' serialVersionUIDs
are the JDK's; arrays get 0 (the decoder skips serialVersionUIDs).
"""

from __future__ import annotations

import json
import math
import struct
from typing import Any, Dict, List, Optional, Tuple

import pytest

import fwm._core as core

NULL_STRING_V1 = "androidx.work.Data-95ed6082-b8e9-46e8-a73f-ff56f00f5d9d"
UNICODE = "h\u00e9llo \u4e16\u754c \U0001f600 nul:\u0000 end"


def mutf8(text: str) -> bytes:
    """Java's modified UTF-8: UTF-16 code units, U+0000 as C0 80, surrogates encoded one by one."""
    out = bytearray()
    utf16 = text.encode("utf-16-be")
    for i in range(0, len(utf16), 2):
        unit = (utf16[i] << 8) | utf16[i + 1]
        if 0 < unit < 0x80:
            out.append(unit)
        elif unit < 0x800:
            out += bytes([0xC0 | unit >> 6, 0x80 | unit & 0x3F])
        else:
            out += bytes([0xE0 | unit >> 12, 0x80 | unit >> 6 & 0x3F, 0x80 | unit & 0x3F])
    return bytes(out)


def utf(text: str) -> bytes:
    """DataOutput.writeUTF: an unsigned 16-bit byte length, then modified UTF-8."""
    data = mutf8(text)
    return struct.pack(">H", len(data)) + data


def decode(blob: bytes) -> Dict[str, Any]:
    result: Dict[str, Any] = json.loads(core.decode_work_data(blob))
    return result


def decode_keys(blob: bytes) -> List[str]:
    return [key for key, _ in json.loads(core.decode_work_data(blob), object_pairs_hook=lambda pairs: pairs)]


# ---------------------------------------------------------------------------------------------- V1

def v1(*entries: Tuple[str, int, bytes]) -> bytes:
    """A V1 blob of (key, type, value bytes) entries."""
    out = struct.pack(">HHi", 0xABEF, 1, len(entries))
    for key, type_code, value in entries:
        out += bytes([type_code]) + value + utf(key)
    return out


def v1_array(fmt: str, items: List[Any]) -> bytes:
    return struct.pack(">i", len(items)) + b"".join(struct.pack(">" + fmt, item) for item in items)


def v1_strings(items: List[Optional[str]]) -> bytes:
    return struct.pack(">i", len(items)) + b"".join(utf(NULL_STRING_V1 if s is None else s) for s in items)


V1_ALL_TYPES = v1(
    ("nothing", 0, b""),
    ("yes", 1, b"\x01"),
    ("no", 1, b"\x00"),
    ("byte", 2, struct.pack(">b", -7)),
    ("int", 3, struct.pack(">i", -2_000_000_000)),
    ("long", 4, struct.pack(">q", 9_007_199_254_740_993)),
    ("float", 5, struct.pack(">f", 1.5)),
    ("tenth", 5, struct.pack(">f", 0.1)),
    ("double", 6, struct.pack(">d", -2.25)),
    ("string", 7, utf(UNICODE)),
    ("booleans", 8, v1_array("?", [True, False, True])),
    ("bytes", 9, v1_array("b", [0, -128, 127])),
    ("ints", 10, v1_array("i", [1, -1, 2_147_483_647])),
    ("longs", 11, v1_array("q", [-9_223_372_036_854_775_808, 0])),
    ("floats", 12, v1_array("f", [0.25, -3.5])),
    ("doubles", 13, v1_array("d", [1e300, 0.1])),
    ("strings", 14, v1_strings(["a", None, UNICODE, ""])),
    ("empty", 10, v1_array("i", [])),
)

ALL_TYPES = {
    "nothing": None, "yes": True, "no": False, "byte": -7, "int": -2_000_000_000, "long": 9_007_199_254_740_993,
    "float": 1.5, "tenth": 0.1, "double": -2.25, "string": UNICODE, "booleans": [True, False, True],
    "bytes": [0, -128, 127], "ints": [1, -1, 2_147_483_647], "longs": [-9_223_372_036_854_775_808, 0],
    "floats": [0.25, -3.5], "doubles": [1e300, 0.1], "strings": ["a", None, UNICODE, ""], "empty": [],
}


def test_empty_blob_is_empty_data():
    assert decode(b"") == {}


def test_v1_every_type_in_blob_order():
    assert decode(V1_ALL_TYPES) == ALL_TYPES
    assert decode_keys(V1_ALL_TYPES) == list(ALL_TYPES)


def test_v1_integers_stay_integers_and_floats_print_short():
    text = core.decode_work_data(V1_ALL_TYPES)
    assert '"long":9007199254740993' in text
    assert '"float":1.5' in text and '"tenth":0.1' in text


def test_v1_plugin_keys():
    blob = v1(
        ("dev.fluttercommunity.workmanager.DART_TASK", 7, utf("sync-task")),
        ("payload_count", 3, struct.pack(">i", 3)),
        ("json_payload_user", 7, utf('{"name":"Zo\u00eb","tags":["a","b"]}')),
        ("dev.fluttercommunity.workmanager.IS_IN_DEBUG_MODE_KEY", 1, b"\x00"),
    )
    data = decode(blob)
    assert data == {
        "dev.fluttercommunity.workmanager.DART_TASK": "sync-task",
        "payload_count": 3,
        "json_payload_user": '{"name":"Zo\u00eb","tags":["a","b"]}',
        "dev.fluttercommunity.workmanager.IS_IN_DEBUG_MODE_KEY": False,
    }
    assert json.loads(data["json_payload_user"])["name"] == "Zo\u00eb"


def test_v1_a_repeated_key_keeps_its_first_place_and_last_value():
    blob = v1(("a", 3, struct.pack(">i", 1)), ("b", 0, b""), ("a", 3, struct.pack(">i", 2)))
    assert decode_keys(blob) == ["a", "b"]
    assert decode(blob) == {"a": 2, "b": None}


def test_v1_non_finite_floats_become_null():
    blob = v1(("nan", 6, struct.pack(">d", math.nan)), ("inf", 5, struct.pack(">f", math.inf)))
    assert decode(blob) == {"nan": None, "inf": None}


def test_unpaired_surrogates_become_replacement_characters():
    lone_high = bytes([0xED, 0xA0, 0xBD])  # U+D83D alone
    blob = struct.pack(">HHi", 0xABEF, 1, 1) + b"\x07" + struct.pack(">H", 4) + lone_high + b"x" + utf("k")
    assert decode(blob) == {"k": "\ufffdx"}


# ---------------------------------------------------------------------------------------------- V0

class Boxed:
    """A java.lang box (Integer, Boolean, ...): an object written with TC_OBJECT."""

    def __init__(self, class_name: str, code: str, value: Any) -> None:
        self.class_name, self.code, self.value = class_name, code, value


class JString:
    """A java.lang.String object (its identity decides whether it is written again or referenced)."""

    def __init__(self, text: str) -> None:
        self.text = text


class JArray:
    """A Java array: class name such as "[I" or "[Ljava.lang.String;" and its elements."""

    def __init__(self, class_name: str, items: List[Any]) -> None:
        self.class_name, self.items = class_name, items


def integer(v: int) -> Boxed: return Boxed("java.lang.Integer", "I", v)
def long_(v: int) -> Boxed: return Boxed("java.lang.Long", "J", v)
def boolean(v: bool) -> Boxed: return Boxed("java.lang.Boolean", "Z", v)
def byte(v: int) -> Boxed: return Boxed("java.lang.Byte", "B", v)
def float_(v: float) -> Boxed: return Boxed("java.lang.Float", "F", v)
def double(v: float) -> Boxed: return Boxed("java.lang.Double", "D", v)


NUMBER = ("java.lang.Number", -8742448824652078965)
BOXES = {
    "java.lang.Integer": (1360826667806852920, NUMBER),
    "java.lang.Long": (4290774380558885855, NUMBER),
    "java.lang.Byte": (-7183698231559129828, NUMBER),
    "java.lang.Float": (-2671257302660747028, NUMBER),
    "java.lang.Double": (-9172774392245257468, NUMBER),
    "java.lang.Boolean": (-3665804199014368530, None),
}
PRIMITIVE_FORMATS = {"Z": "?", "B": "b", "C": "H", "S": "h", "I": "i", "J": "q", "F": "f", "D": "d"}


class JavaObjectWriter:
    """A minimal java.io.ObjectOutputStream (see the module docstring)."""

    def __init__(self) -> None:
        self.out = bytearray(b"\xac\xed\x00\x05")
        self.block = bytearray()
        self.handles: Dict[Any, int] = {}
        self.written: List[Any] = []  # keeps written objects alive so that their ids stay theirs

    def write_int(self, value: int) -> None:
        self.block += struct.pack(">i", value)

    def write_utf(self, text: str) -> None:
        self.block += utf(text)

    def reset(self) -> None:
        """ObjectOutputStream.reset(): TC_RESET outside block data; later objects are written anew."""
        self._drain()
        self.out += b"\x79"
        self.handles.clear()

    def write_object(self, value: Any) -> None:
        self._drain()
        self._content(value)

    def bytes(self) -> bytes:
        self._drain()
        return bytes(self.out)

    def _drain(self) -> None:
        data, self.block = bytes(self.block), bytearray()
        for i in range(0, len(data), 1024):
            chunk = data[i : i + 1024]
            header = bytes([0x77, len(chunk)]) if len(chunk) <= 0xFF else b"\x7a" + struct.pack(">i", len(chunk))
            self.out += header + chunk

    def _assign(self, key: Any, value: Any = None) -> None:
        self.handles[key] = 0x7E0000 + len(self.handles)
        self.written.append(value)

    def _reference(self, key: Any) -> bool:
        if key not in self.handles:
            return False
        self.out += b"\x71" + struct.pack(">i", self.handles[key])
        return True

    def _class_desc(self, name: str, uid: int, fields: List[Tuple[str, str, str]], super_: Any) -> None:
        if self._reference(("class", name)):
            return
        self.out += b"\x72" + utf(name) + struct.pack(">q", uid)
        self._assign(("class", name))
        self.out += bytes([0x02]) + struct.pack(">H", len(fields))  # SC_SERIALIZABLE
        for code, field_name, type_name in fields:
            self.out += code.encode() + utf(field_name)
            if code in "[L":
                self._content(JString(type_name))
        self.out += b"\x78"  # TC_ENDBLOCKDATA: no class annotation
        if super_ is None:
            self.out += b"\x70"
        else:
            self._class_desc(super_[0], super_[1], [], None)

    def _content(self, value: Any) -> None:
        if value is None:
            self.out += b"\x70"
        elif self._reference(id(value)):
            pass
        elif isinstance(value, JString):
            data = mutf8(value.text)
            self._assign(id(value), value)
            if len(data) <= 0xFFFF:
                self.out += b"\x74" + struct.pack(">H", len(data)) + data
            else:
                self.out += b"\x7c" + struct.pack(">q", len(data)) + data
        elif isinstance(value, Boxed):
            uid, super_ = BOXES[value.class_name]
            self.out += b"\x73"
            self._class_desc(value.class_name, uid, [(value.code, "value", "")], super_)
            self._assign(id(value), value)
            self.out += struct.pack(">" + PRIMITIVE_FORMATS[value.code], value.value)
        elif isinstance(value, JArray):
            self.out += b"\x75"
            self._class_desc(value.class_name, 0, [], None)
            self._assign(id(value), value)
            self.out += struct.pack(">i", len(value.items))
            element = value.class_name[1]
            for item in value.items:
                if element in "L[":
                    self._content(item)
                else:
                    self.out += struct.pack(">" + PRIMITIVE_FORMATS[element], item)
        else:
            raise TypeError(value)


def v0(entries: List[Tuple[str, Any]]) -> bytes:
    """Data.toByteArrayInternalV0 of these entries, in this order."""
    writer = JavaObjectWriter()
    writer.write_int(len(entries))
    for key, value in entries:
        writer.write_utf(key)
        writer.write_object(value)
    return writer.bytes()


# What OpenJDK 17's ObjectOutputStream writes for writeInt(1), writeUTF("k"), writeObject(Integer.valueOf(5)).
OPENJDK_ONE_INTEGER = bytes.fromhex(
    "aced000577070000000100016b737200116a6176612e6c616e672e496e746567657212e2a0a4f7818738020001490005"
    "76616c7565787200106a6176612e6c616e672e4e756d62657286ac951d0b94e08b020000787000000005"
)


def test_v0_writer_matches_openjdk_and_the_header_by_hand():
    blob = v0([("k", integer(5))])
    assert blob == OPENJDK_ONE_INTEGER
    assert blob[:4] == b"\xac\xed\x00\x05"
    assert blob[4:13] == b"\x77\x07" + b"\x00\x00\x00\x01" + b"\x00\x01k"
    assert blob[13:15] == b"\x73\x72"  # TC_OBJECT, TC_CLASSDESC
    assert decode(blob) == {"k": 5}


def test_v0_every_boxed_type_string_and_null():
    entries = [
        ("int", integer(-42)), ("long", long_(-9_000_000_000_000)), ("yes", boolean(True)), ("no", boolean(False)),
        ("byte", byte(-1)), ("float", float_(1.5)), ("tenth", float_(0.1)), ("double", double(2.5e-8)),
        ("string", JString(UNICODE)), ("nothing", None), ("empty", JString("")),
    ]
    assert decode(v0(entries)) == {
        "int": -42, "long": -9_000_000_000_000, "yes": True, "no": False, "byte": -1, "float": 1.5, "tenth": 0.1,
        "double": 2.5e-8, "string": UNICODE, "nothing": None, "empty": "",
    }
    assert decode_keys(v0(entries)) == [key for key, _ in entries]


def test_v0_arrays_primitive_and_boxed():
    true = boolean(True)  # Boolean.TRUE: one object, so later elements are back-references
    entries = [
        ("ints", JArray("[I", [1, -2, 3])),
        ("bytes", JArray("[B", [-128, 127])),
        ("booleans", JArray("[Z", [True, False])),
        ("longs", JArray("[J", [2**62])),
        ("floats", JArray("[F", [0.5])),
        ("doubles", JArray("[D", [-0.125, 1e-300])),
        ("boxed_booleans", JArray("[Ljava.lang.Boolean;", [true, boolean(False), true, true])),
        ("boxed_ints", JArray("[Ljava.lang.Integer;", [integer(7), None, integer(-7)])),
        ("boxed_longs", JArray("[Ljava.lang.Long;", [long_(1), long_(2)])),
        ("boxed_floats", JArray("[Ljava.lang.Float;", [float_(0.1)])),
        ("boxed_doubles", JArray("[Ljava.lang.Double;", [double(0.1)])),
        ("strings", JArray("[Ljava.lang.String;", [JString("a"), None, JString(UNICODE)])),
        ("no_strings", JArray("[Ljava.lang.String;", [])),
    ]
    blob = v0(entries)
    assert blob.count(b"\x72" + utf("java.lang.Boolean")) == 1
    assert decode(blob) == {
        "ints": [1, -2, 3], "bytes": [-128, 127], "booleans": [True, False], "longs": [2**62], "floats": [0.5],
        "doubles": [-0.125, 1e-300], "boxed_booleans": [True, False, True, True], "boxed_ints": [7, None, -7],
        "boxed_longs": [1, 2], "boxed_floats": [0.1], "boxed_doubles": [0.1], "strings": ["a", None, UNICODE],
        "no_strings": [],
    }


def test_v0_back_references_to_strings_objects_and_arrays():
    shared = JString("same text")
    seven = integer(7)
    array = JArray("[I", [4, 5])
    blob = v0([("a", shared), ("b", shared), ("c", JArray("[Ljava.lang.String;", [shared, shared])),
               ("d", seven), ("e", seven), ("f", array), ("g", array)])
    assert blob.count(mutf8("same text")) == 1
    assert blob.count(b"\x71\x00\x7e") == 5  # b, both elements of c, e, g
    assert decode(blob) == {"a": "same text", "b": "same text", "c": ["same text", "same text"], "d": 7, "e": 7,
                            "f": [4, 5], "g": [4, 5]}


def test_v0_reset_clears_the_handles():
    shared = JString("again")
    writer = JavaObjectWriter()
    writer.write_int(2)
    writer.write_utf("a")
    writer.write_object(shared)
    writer.reset()
    writer.write_utf("b")
    writer.write_object(shared)
    blob = writer.bytes()
    assert blob.count(mutf8("again")) == 2 and b"\x71" not in blob
    assert decode(blob) == {"a": "again", "b": "again"}
    second = blob.rindex(b"\x74\x00\x05again")
    referenced = blob[:second] + b"\x71\x00\x7e\x00\x00" + blob[second + 8 :]  # handle 0, gone after the reset
    with pytest.raises(ValueError, match="unknown handle"):
        core.decode_work_data(referenced)


def test_v0_legacy_plugin_keys():
    entries = [
        ("be.tramckrijte.workmanager.DART_TASK", JString("legacy-task")),
        ("be.tramckrijte.workmanager.INPUT_DATA", JString('{"count":2,"who":"\u00e5sa"}')),
        ("be.tramckrijte.workmanager.IS_IN_DEBUG_MODE_KEY", boolean(True)),
    ]
    data = decode(v0(entries))
    assert data == {
        "be.tramckrijte.workmanager.DART_TASK": "legacy-task",
        "be.tramckrijte.workmanager.INPUT_DATA": '{"count":2,"who":"\u00e5sa"}',
        "be.tramckrijte.workmanager.IS_IN_DEBUG_MODE_KEY": True,
    }
    assert json.loads(data["be.tramckrijte.workmanager.INPUT_DATA"]) == {"count": 2, "who": "\u00e5sa"}


def test_v0_block_data_split_across_segments_and_long_strings():
    long_key = "k" * 1500 + "\U0001f600"  # writeUTF spans a 1024-byte block boundary
    mid_key = "m" * 300  # TC_BLOCKDATALONG
    long_value = "v" * 70_000  # TC_LONGSTRING
    blob = v0([(long_key, integer(1)), (mid_key, JString(long_value))])
    assert b"\x7a\x00\x00\x04\x00" in blob and b"\x7c" in blob
    assert decode(blob) == {long_key: 1, mid_key: long_value}


# -------------------------------------------------------------------------------------- malformed

def test_every_prefix_of_a_v1_blob_is_rejected():
    for n in range(1, len(V1_ALL_TYPES)):
        with pytest.raises(ValueError, match=r"Data blob, byte \d+"):
            core.decode_work_data(V1_ALL_TYPES[:n])


def test_every_prefix_of_a_v0_blob_is_rejected():
    blob = v0([("s", JString("x")), ("n", integer(3)), ("a", JArray("[Ljava.lang.Long;", [long_(1)])), ("z", None)])
    assert decode(blob) == {"s": "x", "n": 3, "a": [1], "z": None}
    for n in range(1, len(blob)):
        with pytest.raises(ValueError, match=r"Data blob, byte \d+"):
            core.decode_work_data(blob[:n])


@pytest.mark.parametrize(
    "blob, reason",
    [
        (b"\x00\x01\x02", "unknown format"),
        (b"\xab", "too short"),
        (struct.pack(">HHi", 0xABEF, 2, 0), "unsupported V1 version 2"),
        (struct.pack(">HHi", 0xABEF, 1, -1), "negative"),
        (struct.pack(">HHi", 0xABEF, 1, 1) + b"\x0f" + utf("k"), "unknown value type 15"),
        (struct.pack(">HHi", 0xABEF, 1, 1) + b"\x0a" + struct.pack(">i", 1_000_000), "exceeds the bytes left"),
        (struct.pack(">HHi", 0xABEF, 1, 1) + b"\x07" + b"\x00\x02\xf0\x9f" + utf("k"), "malformed modified UTF-8"),
        (struct.pack(">HHi", 0xABEF, 1, 1) + b"\x07" + b"\x00\x02\xc3\x28" + utf("k"), "continuation byte"),
        (b"\xac\xed\x00\x04", "unsupported serialization stream version 4"),
        (b"\xac\xed\x00\x05\x73", "where block data holding an int was expected"),
        (b"\xac\xed\x00\x05\x77\x04\xff\xff\xff\xff", "negative entry count"),
        (b"\xac\xed\x00\x05\x77\x08\x00\x00\x00\x01\x00\x01k\x00\x71\x00\x7e\x00\x09", "left unread before an object"),
        (b"\xac\xed\x00\x05\x77\x07\x00\x00\x00\x01\x00\x01k\x71\x00\x7e\x00\x09", "unknown handle"),
        (b"\xac\xed\x00\x05\x77\x07\x00\x00\x00\x01\x00\x01k\x7b", "type code 0x7b where an object was expected"),
    ],
)
def test_malformed_blobs(blob, reason):
    with pytest.raises(ValueError, match=reason):
        core.decode_work_data(blob)


def test_v0_objects_data_never_holds_are_rejected():
    writer = JavaObjectWriter()
    writer.write_int(1)
    writer.write_utf("when")
    writer._drain()
    writer.out += b"\x73" + b"\x72" + utf("java.util.Date") + struct.pack(">q", 7523967970034938905)
    writer.out += b"\x03\x00\x00\x78\x70"  # SC_WRITE_METHOD | SC_SERIALIZABLE, no fields, no super
    writer.out += b"\x77\x08" + struct.pack(">q", 0) + b"\x78"  # writeObject's long, then TC_ENDBLOCKDATA
    with pytest.raises(ValueError, match="class java.util.Date, which Data never holds"):
        core.decode_work_data(writer.bytes())

"""WorkManager `Data` blobs as an app writes them: V1 (`AB EF`, DataOutputStream) and V0 (`AC ED`, Java
serialization through ObjectOutputStream), and a reader for both.

Sources: androidx `work/work-runtime/src/main/java/androidx/work/Data_.kt` (toByteArrayInternalV0/V1,
fromByteArray, the type codes and the String-array null sentinel) and the Java Object Serialization
Stream Protocol as OpenJDK's ObjectOutputStream writes it (checked byte for byte against `java` 17:
tests/rig/test_work_data.py). Notes that matter for fidelity:

- `Data` keeps its values in a `java.util.HashMap`, and both writers iterate that map, so entries come
  out in HashMap order, not insertion order (`order="hashmap"`, the default, reproduces it).
- Array values are always boxed (`Data.Builder.putIntArray` converts `int[]` to `Integer[]`), so a real
  V0 blob holds `[Ljava.lang.Integer;` arrays of Integer objects. Primitive-array class descriptors
  (`[I`, `[J`, ...) can still be produced with JavaArray(..., boxed=False) for parser tests.
- Java caches boxed Integer/Long in -128..127, every Byte and both Booleans, so a repeated small value
  is written as a TC_REFERENCE to the first object, as ObjectOutputStream does.
"""

from __future__ import annotations

import json
import struct
from dataclasses import dataclass
from typing import Any, Callable, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple

V0_MAGIC = b"\xac\xed"
V1_MAGIC = b"\xab\xef"
MAX_DATA_BYTES = 10 * 1024
NULL_STRING_V1 = "androidx.work.Data-95ed6082-b8e9-46e8-a73f-ff56f00f5d9d"

# V1 type codes (Data_.kt)
TYPE_NULL, TYPE_BOOLEAN, TYPE_BYTE, TYPE_INTEGER, TYPE_LONG, TYPE_FLOAT, TYPE_DOUBLE, TYPE_STRING = range(8)
TYPE_BOOLEAN_ARRAY, TYPE_BYTE_ARRAY, TYPE_INTEGER_ARRAY, TYPE_LONG_ARRAY = 8, 9, 10, 11
TYPE_FLOAT_ARRAY, TYPE_DOUBLE_ARRAY, TYPE_STRING_ARRAY = 12, 13, 14

ELEMENT_TYPES = ("boolean", "byte", "int", "long", "float", "double", "String")


class JavaInt(int):
    """A value stored as java.lang.Integer (what Kotlin's `Int` boxes to)."""


class JavaLong(int):
    """A value stored as java.lang.Long."""


class JavaByte(int):
    """A value stored as java.lang.Byte (-128..127)."""


class JavaFloat(float):
    """A value stored as java.lang.Float (rounded to 32 bits when written)."""


class JavaDouble(float):
    """A value stored as java.lang.Double."""


@dataclass(frozen=True)
class JavaArray:
    """An array value: `element` is one of boolean, byte, int, long, float, double, String. Data always
    stores boxed arrays (`Integer[]`); `boxed=False` writes a primitive array (`int[]`) in V0 instead,
    which WorkManager itself never does. String arrays may hold None."""

    element: str
    values: Tuple[Any, ...]
    boxed: bool = True

    def __init__(self, element: str, values: Iterable[Any], boxed: bool = True) -> None:
        if element not in ELEMENT_TYPES:
            raise ValueError(f"unknown array element type {element!r}; one of {ELEMENT_TYPES}")
        object.__setattr__(self, "element", element)
        object.__setattr__(self, "values", tuple(values))
        object.__setattr__(self, "boxed", boxed)


# --- Java typing of plain Python values ---------------------------------------------------------------

_INT32 = range(-2**31, 2**31)
_INT64 = range(-2**63, 2**63)


def java_kind(value: Any) -> str:
    """Return the Java type a Python value is stored as: null, boolean, byte, int, long, float, double,
    String, or `array`. Plain ints are Integer when they fit in 32 bits, else Long; plain floats are
    Double; bytes are a Byte array; lists of str/bool/int/float become String/Boolean/Integer (Long if
    any needs 64 bits)/Double arrays (what the plugin stores for homogeneous Dart lists)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, JavaByte):
        return "byte"
    if isinstance(value, JavaLong):
        return "long"
    if isinstance(value, JavaInt):
        return "int"
    if isinstance(value, int):
        if value in _INT32:
            return "int"
        if value in _INT64:
            return "long"
        raise ValueError(f"{value} does not fit in a Java long")
    if isinstance(value, JavaFloat):
        return "float"
    if isinstance(value, float):
        return "double"
    if isinstance(value, str):
        return "String"
    if isinstance(value, (JavaArray, bytes, bytearray, list, tuple)):
        return "array"
    raise TypeError(f"{type(value).__name__} cannot be stored in WorkManager Data")


def as_java_array(value: Any) -> JavaArray:
    """Return `value` (JavaArray, bytes or a homogeneous list) as a JavaArray."""
    if isinstance(value, JavaArray):
        return value
    if isinstance(value, (bytes, bytearray)):
        return JavaArray("byte", [b - 256 if b > 127 else b for b in value])
    items = list(value)
    kinds = {java_kind(item) for item in items if item is not None}
    if not items or kinds == {"String"}:
        return JavaArray("String", items)
    if None in items:
        raise ValueError("only String arrays may hold null elements")
    if kinds <= {"int", "long"}:
        return JavaArray("long" if "long" in kinds or any(isinstance(i, JavaLong) for i in items) else "int", items)
    if len(kinds) == 1 and kinds.pop() in ELEMENT_TYPES:
        return JavaArray(java_kind(items[0]), items)
    raise ValueError(f"a Data array must be homogeneous, got {sorted(kinds)}")


# --- Java HashMap iteration order -----------------------------------------------------------------------

def java_string_hash(text: str) -> int:
    """java.lang.String.hashCode() (over UTF-16 code units), as a signed 32-bit int."""
    h = 0
    units = text.encode("utf-16-be", "surrogatepass")
    for i in range(0, len(units), 2):
        h = (31 * h + (units[i] << 8 | units[i + 1])) & 0xFFFFFFFF
    return h - 2**32 if h >= 2**31 else h


def java_hashmap_order(keys: Sequence[str]) -> List[str]:
    """Return `keys` in the iteration order of `new HashMap<>(map)` built from a map iterating in the
    given order (what `Data(values)` does): buckets by (h ^ h >>> 16) & (capacity - 1), capacity
    tableSizeFor(size / 0.75 + 1), insertion order within a bucket."""
    if not keys:
        return []
    wanted = int(len(keys) / 0.75 + 1.0)
    capacity = 1
    while capacity < wanted:
        capacity <<= 1
    buckets: Dict[int, List[str]] = {}
    for key in keys:
        h = java_string_hash(key) & 0xFFFFFFFF
        spread = h ^ (h >> 16)
        buckets.setdefault(spread & (capacity - 1), []).append(key)
    return [key for index in sorted(buckets) for key in buckets[index]]


def _ordered(values: Mapping[str, Any], order: str) -> List[Tuple[str, Any]]:
    if order == "hashmap":
        return [(key, values[key]) for key in java_hashmap_order(list(values))]
    if order == "insertion":
        return list(values.items())
    raise ValueError(f"order must be 'hashmap' or 'insertion', not {order!r}")


# --- modified UTF-8 ---------------------------------------------------------------------------------------

def modified_utf8(text: str) -> bytes:
    """Java's modified UTF-8 (DataOutput.writeUTF body): U+0000 as C0 80, supplementary characters as
    two 3-byte surrogates."""
    out = bytearray()
    units = text.encode("utf-16-be", "surrogatepass")
    for i in range(0, len(units), 2):
        c = units[i] << 8 | units[i + 1]
        if 0x0001 <= c <= 0x007F:
            out.append(c)
        elif c <= 0x07FF:
            out += bytes([0xC0 | (c >> 6), 0x80 | (c & 0x3F)])
        else:
            out += bytes([0xE0 | (c >> 12), 0x80 | ((c >> 6) & 0x3F), 0x80 | (c & 0x3F)])
    return bytes(out)


def write_utf(text: str) -> bytes:
    """DataOutput.writeUTF: u16 byte length, then modified UTF-8."""
    body = modified_utf8(text)
    if len(body) > 0xFFFF:
        raise ValueError("writeUTF: encoded string too long")
    return struct.pack(">H", len(body)) + body


def decode_modified_utf8(data: bytes) -> str:
    """Inverse of modified_utf8()."""
    units = []
    i = 0
    while i < len(data):
        b = data[i]
        if b < 0x80:
            units.append(b)
            i += 1
        elif b & 0xE0 == 0xC0:
            units.append((b & 0x1F) << 6 | (data[i + 1] & 0x3F))
            i += 2
        else:
            units.append((b & 0x0F) << 12 | (data[i + 1] & 0x3F) << 6 | (data[i + 2] & 0x3F))
            i += 3
    return b"".join(struct.pack(">H", u) for u in units).decode("utf-16-be", "surrogatepass")


# --- V1 ---------------------------------------------------------------------------------------------------

_V1_SCALAR = {"boolean": (TYPE_BOOLEAN, ">?"), "byte": (TYPE_BYTE, ">b"), "int": (TYPE_INTEGER, ">i"),
              "long": (TYPE_LONG, ">q"), "float": (TYPE_FLOAT, ">f"), "double": (TYPE_DOUBLE, ">d")}
_V1_ARRAY = {"boolean": TYPE_BOOLEAN_ARRAY, "byte": TYPE_BYTE_ARRAY, "int": TYPE_INTEGER_ARRAY,
             "long": TYPE_LONG_ARRAY, "float": TYPE_FLOAT_ARRAY, "double": TYPE_DOUBLE_ARRAY,
             "String": TYPE_STRING_ARRAY}


def encode_v1(values: Mapping[str, Any], *, order: str = "hashmap") -> bytes:
    """Data.toByteArrayInternalV1: `AB EF 00 01`, i32 count, then per entry u8 type, the value, and the
    key (writeUTF) after it. Raises ValueError past MAX_DATA_BYTES, as WorkManager does."""
    out = bytearray(V1_MAGIC + struct.pack(">hi", 1, len(values)))
    for key, value in _ordered(values, order):
        kind = java_kind(value)
        if kind == "null":
            out.append(TYPE_NULL)
        elif kind == "String":
            out.append(TYPE_STRING)
            out += write_utf(value)
        elif kind == "array":
            array = as_java_array(value)
            out.append(_V1_ARRAY[array.element])
            out += struct.pack(">i", len(array.values))
            for element in array.values:
                if array.element == "String":
                    out += write_utf(NULL_STRING_V1 if element is None else element)
                else:
                    out += struct.pack(_V1_SCALAR[array.element][1], element)
        else:
            code, fmt = _V1_SCALAR[kind]
            out.append(code)
            out += struct.pack(fmt, value)
        out += write_utf(key)
    if len(out) > MAX_DATA_BYTES:
        raise ValueError(f"Data cannot occupy more than {MAX_DATA_BYTES} bytes when serialized")
    return bytes(out)


# --- V0: java.io.ObjectOutputStream -----------------------------------------------------------------------

STREAM_MAGIC, STREAM_VERSION = 0xACED, 5
TC_NULL, TC_REFERENCE, TC_CLASSDESC, TC_OBJECT, TC_STRING = 0x70, 0x71, 0x72, 0x73, 0x74
TC_ARRAY, TC_BLOCKDATA, TC_ENDBLOCKDATA, TC_BLOCKDATALONG, TC_LONGSTRING = 0x75, 0x77, 0x78, 0x7A, 0x7C
BASE_WIRE_HANDLE = 0x7E0000
SC_SERIALIZABLE = 0x02
MAX_BLOCK_SIZE = 1024

# serialVersionUIDs as OpenJDK declares (boxed types) or computes (array classes); checked with java 17.
SERIAL_VERSION_UIDS = {
    "java.lang.Number": 0x86AC951D0B94E08B,
    "java.lang.Integer": 0x12E2A0A4F7818738,
    "java.lang.Long": 0x3B8BE490CC8F23DF,
    "java.lang.Boolean": 0xCD207280D59CFAEE,
    "java.lang.Double": 0x80B3C24A296BFB04,
    "java.lang.Float": 0xDAEDC9A2DB3CF0EC,
    "java.lang.Byte": 0x9C4E6084EE50F51C,
    "[Ljava.lang.Integer;": 0xFE97ADA00183E21B,
    "[Ljava.lang.Long;": 0x7DE10AB2BBBC632B,
    "[Ljava.lang.Boolean;": 0x47D5250F96D2C3D1,
    "[Ljava.lang.Double;": 0xE112AD8900A656A6,
    "[Ljava.lang.Float;": 0x5B428953F19BAFEB,
    "[Ljava.lang.Byte;": 0x94106C2F84688B6E,
    "[Ljava.lang.String;": 0xADD256E7E91D7B47,
    "[I": 0x4DBA602676EAB2A5,
    "[J": 0x782004B512B17593,
    "[Z": 0x578F203914B85DE2,
    "[D": 0x3EA68C14AB635A1E,
    "[F": 0x0B9C818922E00C42,
    "[B": 0xACF317F8060854E0,
}
# kind -> (boxed class, primitive field type code, struct format)
_BOXES = {"boolean": ("java.lang.Boolean", "Z", ">?"), "byte": ("java.lang.Byte", "B", ">b"),
          "int": ("java.lang.Integer", "I", ">i"), "long": ("java.lang.Long", "J", ">q"),
          "float": ("java.lang.Float", "F", ">f"), "double": ("java.lang.Double", "D", ">d")}
_CACHED: Dict[str, Callable[[Any], bool]] = {
    "boolean": lambda v: True, "byte": lambda v: True, "int": lambda v: bool(-128 <= v <= 127),
    "long": lambda v: bool(-128 <= v <= 127), "float": lambda v: False, "double": lambda v: False}


class _ObjectOutput:
    """The parts of ObjectOutputStream a Data blob needs: block data mode, class descriptors, handles."""

    def __init__(self) -> None:
        self.out = bytearray(struct.pack(">HH", STREAM_MAGIC, STREAM_VERSION))
        self.block = bytearray()
        self.handles: Dict[Any, int] = {}
        self.count = 0

    def _handle(self, key: Any) -> None:
        self.handles[key] = BASE_WIRE_HANDLE + self.count
        self.count += 1

    def write_primitive(self, data: bytes) -> None:
        self.block += data

    def drain(self) -> None:
        data, self.block = bytes(self.block), bytearray()
        for offset in range(0, len(data), MAX_BLOCK_SIZE):
            chunk = data[offset:offset + MAX_BLOCK_SIZE]
            if len(chunk) <= 0xFF:
                self.out += bytes([TC_BLOCKDATA, len(chunk)]) + chunk
            else:
                self.out += bytes([TC_BLOCKDATALONG]) + struct.pack(">i", len(chunk)) + chunk

    def write_reference(self, key: Any) -> bool:
        handle = self.handles.get(key)
        if handle is None:
            return False
        self.out += bytes([TC_REFERENCE]) + struct.pack(">I", handle)
        return True

    def write_class_desc(self, name: str, fields: Sequence[Tuple[str, str]], superclass: Optional[str]) -> None:
        if self.write_reference(("class", name)):
            return
        self.out += bytes([TC_CLASSDESC]) + write_utf(name) + struct.pack(">Q", SERIAL_VERSION_UIDS[name])
        self._handle(("class", name))
        self.out += bytes([SC_SERIALIZABLE]) + struct.pack(">H", len(fields))
        for type_code, field_name in fields:
            self.out += type_code.encode() + write_utf(field_name)
        self.out.append(TC_ENDBLOCKDATA)
        if superclass is None:
            self.out.append(TC_NULL)
        else:
            self.write_class_desc(superclass, (), None)

    def write_string(self, text: str) -> None:
        body = modified_utf8(text)
        if len(body) <= 0xFFFF:
            self.out += bytes([TC_STRING]) + struct.pack(">H", len(body)) + body
        else:
            self.out += bytes([TC_LONGSTRING]) + struct.pack(">Q", len(body)) + body
        self._handle(("string", object()))

    def write_object(self, value: Any, kind: Optional[str] = None) -> None:
        self.drain()
        kind = kind or java_kind(value)
        if kind == "null":
            self.out.append(TC_NULL)
        elif kind == "String":
            self.write_string(value)
        elif kind == "array":
            self.write_array(as_java_array(value))
        else:
            box, type_code, fmt = _BOXES[kind]
            identity = ("box", kind, value) if _CACHED[kind](value) else None
            if identity is not None and self.write_reference(identity):
                return
            self.out.append(TC_OBJECT)
            superclass = None if kind == "boolean" else "java.lang.Number"
            self.write_class_desc(box, [(type_code, "value")], superclass)
            self._handle(identity if identity is not None else ("object", object()))
            self.out += struct.pack(fmt, value)

    def write_array(self, array: JavaArray) -> None:
        self.out.append(TC_ARRAY)
        if array.element == "String":
            name = "[Ljava.lang.String;"
        elif array.boxed:
            name = f"[L{_BOXES[array.element][0]};"
        else:
            name = "[" + _BOXES[array.element][1]
        self.write_class_desc(name, (), None)
        self._handle(("array", object()))
        self.out += struct.pack(">i", len(array.values))
        for element in array.values:
            if array.element == "String":
                self.write_object(element, "null" if element is None else "String")
            elif array.boxed:
                self.write_object(element, array.element)
            else:
                self.out += struct.pack(_BOXES[array.element][2], element)


def encode_v0(values: Mapping[str, Any], *, order: str = "hashmap") -> bytes:
    """Data.toByteArrayInternalV0 (and every WorkManager before the V1 format): an ObjectOutputStream
    with writeInt(count), then per entry writeUTF(key) + writeObject(value)."""
    stream = _ObjectOutput()
    stream.write_primitive(struct.pack(">i", len(values)))
    for key, value in _ordered(values, order):
        stream.write_primitive(write_utf(key))
        stream.write_object(value)
    stream.drain()
    if len(stream.out) > MAX_DATA_BYTES:
        raise ValueError(f"Data cannot occupy more than {MAX_DATA_BYTES} bytes when serialized")
    return bytes(stream.out)


def object_stream_of_primitives(data: bytes) -> bytes:
    """An ObjectOutputStream that only wrote primitives (`data`): the header and block-data records."""
    stream = _ObjectOutput()
    stream.write_primitive(data)
    stream.drain()
    return bytes(stream.out)


def encode_data(values: Optional[Mapping[str, Any]], data_format: str = "v1", *, order: str = "hashmap") -> bytes:
    """Serialize like WorkManager's Room type converter: `data_format` "v1" or "v0"."""
    values = values or {}
    if data_format == "v1":
        return encode_v1(values, order=order)
    if data_format == "v0":
        return encode_v0(values, order=order)
    raise ValueError(f"data_format must be 'v1' or 'v0', not {data_format!r}")


# --- reading ----------------------------------------------------------------------------------------------

class _Reader:
    def __init__(self, data: bytes) -> None:
        self.data = data
        self.pos = 0

    def take(self, n: int) -> bytes:
        if self.pos + n > len(self.data):
            raise ValueError("truncated Data blob")
        chunk = self.data[self.pos:self.pos + n]
        self.pos += n
        return chunk

    def unpack(self, fmt: str) -> Any:
        size = struct.calcsize(fmt)
        return struct.unpack(fmt, self.take(size))[0]

    def utf(self) -> str:
        return decode_modified_utf8(self.take(self.unpack(">H")))


def _decode_v1(data: bytes) -> Dict[str, Any]:
    r = _Reader(data)
    if r.take(2) != V1_MAGIC or r.unpack(">h") != 1:
        raise ValueError("not a V1 Data blob")
    result: Dict[str, Any] = {}
    scalar = {code: fmt for code, fmt in _V1_SCALAR.values()}
    arrays = {code: element for element, code in _V1_ARRAY.items()}
    for _ in range(r.unpack(">i")):
        type_code = r.unpack(">b")
        if type_code == TYPE_NULL:
            value: Any = None
        elif type_code == TYPE_STRING:
            value = r.utf()
        elif type_code in scalar:
            value = r.unpack(scalar[type_code])
        elif type_code in arrays:
            element = arrays[type_code]
            count = r.unpack(">i")
            if element == "String":
                value = [None if s == NULL_STRING_V1 else s for s in (r.utf() for _ in range(count))]
            else:
                value = [r.unpack(_V1_SCALAR[element][1]) for _ in range(count)]
        else:
            raise ValueError(f"unsupported V1 type {type_code}")
        result[r.utf()] = value
    return result


class _ObjectInput:
    """Just enough of ObjectInputStream to read what encode_v0 and WorkManager write."""

    def __init__(self, data: bytes) -> None:
        self.r = _Reader(data)
        self.handles: List[Any] = []
        self.block = b""
        if self.r.unpack(">H") != STREAM_MAGIC or self.r.unpack(">H") != STREAM_VERSION:
            raise ValueError("not a Java serialization stream")

    def primitive(self, n: int) -> bytes:
        while len(self.block) < n:
            tc = self.r.unpack(">B")
            if tc == TC_BLOCKDATA:
                self.block += self.r.take(self.r.unpack(">B"))
            elif tc == TC_BLOCKDATALONG:
                self.block += self.r.take(self.r.unpack(">i"))
            else:
                raise ValueError(f"expected block data, got 0x{tc:02x}")
        chunk, self.block = self.block[:n], self.block[n:]
        return chunk

    def read_int(self) -> int:
        return int(struct.unpack(">i", self.primitive(4))[0])

    def read_utf(self) -> str:
        return decode_modified_utf8(self.primitive(struct.unpack(">H", self.primitive(2))[0]))

    def class_desc(self) -> Any:
        tc = self.r.unpack(">B")
        if tc == TC_NULL:
            return None
        if tc == TC_REFERENCE:
            return self.handles[self.r.unpack(">I") - BASE_WIRE_HANDLE]
        if tc != TC_CLASSDESC:
            raise ValueError(f"expected a class descriptor, got 0x{tc:02x}")
        name = self.r.utf()
        self.r.take(8)
        desc: Dict[str, Any] = {"name": name}
        self.handles.append(desc)
        self.r.take(1)
        fields = []
        for _ in range(self.r.unpack(">H")):
            type_code = self.r.take(1).decode()
            field_name = self.r.utf()
            if type_code in "[L":
                self.object()
            fields.append((type_code, field_name))
        if self.r.unpack(">B") != TC_ENDBLOCKDATA:
            raise ValueError("class annotations are not supported")
        desc["fields"] = fields
        desc["super"] = self.class_desc()
        return desc

    def object(self) -> Any:
        tc = self.r.unpack(">B")
        if tc == TC_NULL:
            return None
        if tc == TC_REFERENCE:
            return self.handles[self.r.unpack(">I") - BASE_WIRE_HANDLE]
        if tc in (TC_STRING, TC_LONGSTRING):
            size = self.r.unpack(">H" if tc == TC_STRING else ">Q")
            text = decode_modified_utf8(self.r.take(size))
            self.handles.append(text)
            return text
        if tc == TC_OBJECT:
            desc = self.class_desc()
            index = len(self.handles)
            self.handles.append(None)
            formats = {"Z": ">?", "B": ">b", "I": ">i", "J": ">q", "F": ">f", "D": ">d"}
            chain: List[Dict[str, Any]] = []
            while desc is not None:
                chain.insert(0, desc)
                desc = desc["super"]
            value = None
            for level in chain:
                for type_code, _ in level["fields"]:
                    value = self.r.unpack(formats[type_code])
            self.handles[index] = value
            return value
        if tc == TC_ARRAY:
            desc = self.class_desc()
            index = len(self.handles)
            self.handles.append(None)
            count = self.r.unpack(">i")
            element = desc["name"][1:]
            primitive = {"Z": ">?", "B": ">b", "I": ">i", "J": ">q", "F": ">f", "D": ">d"}
            if element in primitive:
                items = [self.r.unpack(primitive[element]) for _ in range(count)]
            else:
                items = [self.object() for _ in range(count)]
            self.handles[index] = items
            return items
        raise ValueError(f"unsupported serialization record 0x{tc:02x}")


def _decode_v0(data: bytes) -> Dict[str, Any]:
    stream = _ObjectInput(data)
    result: Dict[str, Any] = {}
    for _ in range(stream.read_int()):
        key = stream.read_utf()
        result[key] = stream.object()
    return result


def decode_data(blob: Optional[bytes]) -> Dict[str, Any]:
    """Read a Data blob of either format into a dict (arrays as lists); empty or NULL gives {}."""
    if not blob:
        return {}
    if blob[:2] == V0_MAGIC:
        return _decode_v0(blob)
    return _decode_v1(blob)


def dart_repr(value: Any) -> str:
    """How Dart's toString prints a decoded payload value (`{a: 1, b: [x, y]}`), for log lines."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {dart_repr(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(dart_repr(v) for v in value) + "]"
    if isinstance(value, JavaArray):
        return dart_repr(list(value.values))
    return str(value)


def json_compact(value: Any) -> str:
    """JSON as Dart's jsonEncode / Android's JSONObject.toString() write it: no spaces."""
    def plain(v: Any) -> Any:
        if isinstance(v, JavaArray):
            return list(v.values)
        if isinstance(v, dict):
            return {k: plain(x) for k, x in v.items()}
        if isinstance(v, (list, tuple)):
            return [plain(x) for x in v]
        return v
    return json.dumps(plain(value), separators=(",", ":"), ensure_ascii=False)

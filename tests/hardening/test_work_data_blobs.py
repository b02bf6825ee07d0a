"""V0 Data blobs (Java Object Serialization) that hung or corrupted the decoder: class descriptions
that are their own superclass, TC_RESET where the stream protocol does not allow it, and
back-references that copy arrays into arrays. Each blob is literal, derived from what OpenJDK 17
writes for Data {"k": Integer 5} (see tests/android_parsers/test_decode_work_data.py)."""

from __future__ import annotations

import struct
import time

import pytest

import fwm._core as core

# writeInt(1), writeUTF("k"), then TC_OBJECT with a new class description of java.lang.Integer
# (handle 0x7E0000), field "I value", no annotation; what follows is the superclass description.
INTEGER_OBJECT_HEAD = bytes.fromhex(
    "aced000577070000000100016b737200116a6176612e6c616e672e496e746567657212e2a0a4f781873802000149000576616c756578"
)
NUMBER_DESC = bytes.fromhex("7200106a6176612e6c616e672e4e756d62657286ac951d0b94e08b02000078")
VALUE_5 = bytes.fromhex("00000005")

INTEGER_IS_ITS_OWN_SUPERCLASS = INTEGER_OBJECT_HEAD + bytes.fromhex("71007e0000") + VALUE_5
INTEGER_AND_NUMBER_SUPERCLASSES_OF_EACH_OTHER = INTEGER_OBJECT_HEAD + NUMBER_DESC + bytes.fromhex("71007e0000") + VALUE_5

# writeInt(1), writeUTF("k"), TC_ARRAY of class [Ljava.lang.Object; (handle 0x7E0000, array 0x7E0001)
OBJECT_ARRAY_HEAD = bytes.fromhex(
    "aced000577070000000100016b" "75" "720013" "5b4c6a6176612e6c616e672e4f626a6563743b" "90ce589f1073296c" "0200007870"
)
TC_RESET_INSIDE_AN_ARRAY = OBJECT_ARRAY_HEAD + bytes.fromhex("00000001" "79" "70")
TC_RESET_INSIDE_A_CLASS_ANNOTATION = bytes.fromhex(
    "aced000577070000000100016b737200116a6176612e6c616e672e496e746567657212e2a0a4f781873802000149000576616c7565"
    "7978" "70" "00000005"
)


def decode(blob: bytes):
    return core.decode_work_data(blob)


def test_the_well_formed_original_decodes():
    assert decode(INTEGER_OBJECT_HEAD + NUMBER_DESC + b"\x70" + VALUE_5) == '{"k":5}'


@pytest.mark.parametrize("blob, reason", [
    (INTEGER_IS_ITS_OWN_SUPERCLASS, "superclass chain of java.lang.Integer leads back to itself"),
    (INTEGER_AND_NUMBER_SUPERCLASSES_OF_EACH_OTHER, "superclass chain of java.lang.Integer leads back to itself"),
    (TC_RESET_INSIDE_AN_ARRAY, "TC_RESET inside an object, array or annotation"),
    (TC_RESET_INSIDE_A_CLASS_ANNOTATION, "TC_RESET inside an object, array or annotation"),
], ids=["own-superclass", "two-class-cycle", "reset-in-array", "reset-in-annotation"])
def test_malformed_v0_blobs_fail_fast_with_the_reason(blob, reason):
    started = time.monotonic()
    with pytest.raises(ValueError, match=reason):
        decode(blob)
    assert time.monotonic() - started < 1


def test_a_reset_between_top_level_contents_is_still_read():
    blob = bytes.fromhex("aced0005" "79" "7707000000010001" "6b" "79" "740001" "76")
    assert decode(blob) == '{"k":"v"}'


def nested_reference_arrays(levels: int, fanout: int) -> bytes:
    """Arrays `levels` deep; each holds a new inner array (the innermost: a new string "x") followed by
    fanout-1 back-references to it, so the blob grows by ~5 * fanout bytes a level and its value by
    a factor of fanout."""
    out = bytearray(OBJECT_ARRAY_HEAD) + struct.pack(">i", fanout)  # level 1: handle 0x7E0001
    for _ in range(levels - 1):
        out += bytes.fromhex("7571007e0000") + struct.pack(">i", fanout)
    string_handle = 0x7E0001 + levels
    out += bytes.fromhex("740001") + b"x" + (b"\x71" + struct.pack(">i", string_handle)) * (fanout - 1)
    for handle in range(0x7E0000 + levels, 0x7E0001, -1):
        out += (b"\x71" + struct.pack(">i", handle)) * (fanout - 1)
    return bytes(out)


def test_back_references_that_multiply_arrays_are_bounded_by_the_blob_size():
    assert decode(nested_reference_arrays(2, 3)) == '{"k":[["x","x","x"],["x","x","x"],["x","x","x"]]}'
    blob = nested_reference_arrays(10, 64)
    assert len(blob) < 4000
    started = time.monotonic()
    with pytest.raises(ValueError, match="back-references copy more values than a blob of this size can hold"):
        decode(blob)
    assert time.monotonic() - started < 1


def test_many_back_references_within_what_data_can_hold_are_read():
    text = "y" * 5000
    blob = (OBJECT_ARRAY_HEAD + struct.pack(">i", 100) + bytes.fromhex("741388") + text.encode()
            + bytes.fromhex("71007e0002") * 99)
    assert len(blob) < 10 * 1024  # Data.MAX_DATA_BYTES
    assert decode(blob) == '{"k":[' + ",".join(['"' + text + '"'] * 100) + "]}"

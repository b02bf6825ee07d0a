"""Wire formats an adbd speaks: transport messages (adb server <-> device) and shell protocol v2."""

from __future__ import annotations

import struct
from typing import List, NamedTuple, Tuple

A_SYNC = 0x434E5953
A_CNXN = 0x4E584E43
A_AUTH = 0x48545541
A_OPEN = 0x4E45504F
A_OKAY = 0x59414B4F
A_CLSE = 0x45534C43
A_WRTE = 0x45545257
A_STLS = 0x534C5453

A_VERSION_MIN = 0x01000000
A_VERSION_SKIP_CHECKSUM = 0x01000001
A_VERSION = A_VERSION_SKIP_CHECKSUM

MAX_PAYLOAD_V1 = 4096
MAX_PAYLOAD = 1024 * 1024

HEADER_SIZE = 24
_HEADER = struct.Struct("<6I")

SHELL_STDIN = 0
SHELL_STDOUT = 1
SHELL_STDERR = 2
SHELL_EXIT = 3
SHELL_CLOSE_STDIN = 4
SHELL_WINDOW_SIZE = 5
SHELL_INVALID = 255

SHELL_PACKET_HEADER_SIZE = 5
_SHELL_HEADER = struct.Struct("<BI")


class ProtocolError(ValueError):
    """A byte sequence that is not a valid adb transport message."""


class Header(NamedTuple):
    """The six fields of a transport message header, as decoded."""

    command: int
    arg0: int
    arg1: int
    data_length: int
    data_check: int
    magic: int


def data_checksum(payload: bytes) -> int:
    """Return the value adb puts in `data_check`: the 32-bit sum of the payload bytes (not a CRC)."""
    return sum(payload) & 0xFFFFFFFF


def encode_message(command: int, arg0: int, arg1: int, payload: bytes = b"", *, checksum: bool = False) -> bytes:
    """Return header + payload; `data_check` is the byte sum when `checksum`, else 0 (version >= 0x01000001)."""
    check = data_checksum(payload) if checksum else 0
    header = _HEADER.pack(command, arg0, arg1, len(payload), check, command ^ 0xFFFFFFFF)
    return header + payload


def decode_header(header: bytes) -> Header:
    """Decode a 24-byte header; raise ProtocolError if it is short or its magic does not match."""
    if len(header) != HEADER_SIZE:
        raise ProtocolError(f"transport header must be {HEADER_SIZE} bytes, got {len(header)}")
    fields = Header(*_HEADER.unpack(header))
    if fields.magic != fields.command ^ 0xFFFFFFFF:
        raise ProtocolError(f"bad magic 0x{fields.magic:08x} for command 0x{fields.command:08x}")
    return fields


def device_banner(properties: List[Tuple[str, str]], features: List[str], system_type: str = "device") -> bytes:
    """Return the CNXN banner `<type>::k=v;...;features=a,b` that a device sends (no trailing NUL)."""
    fields = [f"{key}={value}" for key, value in properties]
    fields.append("features=" + ",".join(features))
    return f"{system_type}::{';'.join(fields)}".encode()


def encode_shell_packet(packet_id: int, payload: bytes = b"") -> bytes:
    """Return one shell protocol v2 packet: u8 id, u32 little-endian length, payload."""
    return _SHELL_HEADER.pack(packet_id, len(payload)) + payload


def encode_shell_exit(exit_code: int) -> bytes:
    """Return the exit packet (id 3) carrying the low 8 bits of `exit_code` as one byte."""
    return encode_shell_packet(SHELL_EXIT, bytes([exit_code & 0xFF]))


def decode_shell_packets(buffer: bytes) -> Tuple[List[Tuple[int, bytes]], bytes]:
    """Split `buffer` into complete (id, payload) packets; return them and the incomplete remainder."""
    packets = []
    offset = 0
    while len(buffer) - offset >= SHELL_PACKET_HEADER_SIZE:
        packet_id, length = _SHELL_HEADER.unpack_from(buffer, offset)
        end = offset + SHELL_PACKET_HEADER_SIZE + length
        if end > len(buffer):
            break
        packets.append((packet_id, bytes(buffer[offset + SHELL_PACKET_HEADER_SIZE:end])))
        offset = end
    return packets, bytes(buffer[offset:])

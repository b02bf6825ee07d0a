"""The adbd wire formats: transport messages and shell protocol v2 packets."""

from __future__ import annotations

import pytest

from fwm.testing.adb_protocol import (
    A_AUTH, A_CLSE, A_CNXN, A_OKAY, A_OPEN, A_STLS, A_SYNC, A_VERSION, A_VERSION_MIN, A_WRTE, HEADER_SIZE,
    MAX_PAYLOAD, MAX_PAYLOAD_V1, SHELL_CLOSE_STDIN, SHELL_EXIT, SHELL_INVALID, SHELL_STDERR, SHELL_STDIN,
    SHELL_STDOUT, SHELL_WINDOW_SIZE, ProtocolError, data_checksum, decode_header, decode_shell_packets,
    device_banner, encode_message, encode_shell_exit, encode_shell_packet,
)

SERVER_BANNER = (b"host::features=remount_shell,abb_exec,abb,apex,fixed_push_mkdir,ls_v2,stat_v2,"
                 b"fixed_push_symlink_timestamp,cmd,shell_v2")


def test_command_constants_are_their_ascii_names() -> None:
    for command, name in [(A_CNXN, b"CNXN"), (A_OPEN, b"OPEN"), (A_OKAY, b"OKAY"), (A_CLSE, b"CLSE"),
                          (A_WRTE, b"WRTE"), (A_AUTH, b"AUTH"), (A_SYNC, b"SYNC"), (A_STLS, b"STLS")]:
        assert command.to_bytes(4, "little") == name
    assert (A_VERSION_MIN, A_VERSION, MAX_PAYLOAD_V1, MAX_PAYLOAD) == (0x01000000, 0x01000001, 4096, 1 << 20)
    assert (SHELL_STDIN, SHELL_STDOUT, SHELL_STDERR, SHELL_EXIT, SHELL_CLOSE_STDIN, SHELL_WINDOW_SIZE,
            SHELL_INVALID) == (0, 1, 2, 3, 4, 5, 255)


def test_data_check_is_the_byte_sum_observed_from_the_server() -> None:
    assert data_checksum(SERVER_BANNER) == 0x2E40


def test_message_layout() -> None:
    message = encode_message(A_WRTE, 1, 2, b"hi")
    assert message == (b"WRTE" + (1).to_bytes(4, "little") + (2).to_bytes(4, "little") + (2).to_bytes(4, "little")
                       + b"\0\0\0\0" + (A_WRTE ^ 0xFFFFFFFF).to_bytes(4, "little") + b"hi")
    header = decode_header(message[:HEADER_SIZE])
    assert (header.command, header.arg0, header.arg1, header.data_length, header.data_check) == (A_WRTE, 1, 2, 2, 0)
    assert decode_header(encode_message(A_CNXN, A_VERSION, MAX_PAYLOAD, SERVER_BANNER, checksum=True)[:24]
                         ).data_check == 0x2E40


def test_bad_headers_are_rejected() -> None:
    with pytest.raises(ProtocolError):
        decode_header(b"\0" * 23)
    with pytest.raises(ProtocolError):
        decode_header(b"OKAY" + b"\0" * 20)


def test_device_banner() -> None:
    assert device_banner([("ro.product.name", "p"), ("ro.product.model", "m")], ["shell_v2", "cmd"]) == \
        b"device::ro.product.name=p;ro.product.model=m;features=shell_v2,cmd"


def test_shell_packets_as_observed() -> None:
    assert encode_shell_packet(SHELL_STDOUT, b"fake:echo hello\n") + encode_shell_exit(0) == \
        bytes.fromhex("01 10000000") + b"fake:echo hello\n" + bytes.fromhex("03 01000000 00")
    assert encode_shell_exit(300) == bytes([SHELL_EXIT, 1, 0, 0, 0, 44])


def test_shell_packets_split_across_reads() -> None:
    stream = encode_shell_packet(SHELL_STDIN, b"abc") + encode_shell_packet(SHELL_WINDOW_SIZE, b"24x80,0x0") + \
        encode_shell_packet(SHELL_CLOSE_STDIN) + encode_shell_packet(SHELL_STDERR, b"x" * 10)
    packets, rest = [], b""
    for i in range(len(stream)):
        found, rest = decode_shell_packets(rest + stream[i:i + 1])
        packets += found
    assert rest == b""
    assert packets == [(SHELL_STDIN, b"abc"), (SHELL_WINDOW_SIZE, b"24x80,0x0"), (SHELL_CLOSE_STDIN, b""),
                       (SHELL_STDERR, b"x" * 10)]

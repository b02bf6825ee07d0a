"""lldb: the commands fwm builds, the transcript parser and its failure kinds, the simulated-launch app log."""

from __future__ import annotations

import pytest

import fwm.errors
import fwm._core as core
from ios_samples import parsed, sample, to_crlf

EXPR = 'expr -l objc -- (void)[[BGTaskScheduler sharedScheduler] {}:@"com.example.refresh"]'


def test_device_commands():
    assert core.ios_lldb_commands("00008101-000569C93E90001E", 1802, "launch", "com.example.refresh") == [
        "device select 00008101-000569C93E90001E",
        "device process attach --pid 1802",
        EXPR.format("_simulateLaunchForTaskWithIdentifier"),
        "process detach",
    ]


@pytest.mark.parametrize("action, selector", [("expire", "_simulateExpirationForTaskWithIdentifier"),
                                              ("cancel", "cancelTaskRequestWithIdentifier")])
def test_simulator_commands(action, selector):
    assert core.ios_lldb_commands("", 48213, action, "com.example.refresh") == [
        "process attach --pid 48213", EXPR.format(selector), "process detach"]


def test_argv():
    assert core.ios_lldb_argv(["a", "b c"]) == ["lldb", "--no-lldbinit", "--batch", "-o", "a", "-o", "b c"]


@pytest.mark.parametrize("identifier", ["", 'x"]; process kill', "a b", "id\\"])
def test_identifier_is_validated(identifier):
    with pytest.raises(fwm.errors.ValidationError):
        core.ios_lldb_commands("", 1, "launch", identifier)


def test_pid_and_action_are_validated():
    with pytest.raises(fwm.errors.ValidationError):
        core.ios_lldb_commands("", 0, "launch", "a")
    with pytest.raises(ValueError):
        core.ios_lldb_commands("", 1, "run", "a")


SUCCESS = """(lldb) device select 00008101-000569C93E90001E
(lldb) device process attach --pid 1802
Process 1802 stopped
* thread #1, queue = 'com.apple.main-thread', stop reason = signal SIGSTOP
    frame #0: 0x00000001e4c4f0d4 libsystem_kernel.dylib`mach_msg2_trap + 8
(lldb) expr -l objc -- (void)[[BGTaskScheduler sharedScheduler] _simulateLaunchForTaskWithIdentifier:@"com.example.refresh"]
(lldb) process detach
Process 1802 detached
"""


def test_successful_session():
    assert parsed(core.ios_parse_lldb_output(to_crlf(SUCCESS))) == {
        "attached": True, "detached": True, "pid": 1802, "failure": "none"}


@pytest.mark.parametrize("err, failure, kind, hint", [
    ("error: attach failed: tried to attach to process already being debugged", "anotherDebugger", "failed",
     "another debugger"),
    ("Process 12345 exited with status = -1 (0xffffffff) tried to attach to process already being debugged",
     "anotherDebugger", "failed", "flutter run"),
    ("error: attach failed: Not allowed to attach to process.  Look in the console messages (Console.app)",
     "notPermitted", "host-tool", "DevToolsSecurity"),
    ("error: The specified device was not found.", "deviceNotFound", "device", "devicectl list devices"),
    ("error: no device selected: use 'device select <identifier>' to select a device.", "noDeviceSelected", "device",
     "connected"),
    ("error: 'device' is not a valid command.", "lldbTooOld", "host-tool", "Xcode 16"),
    ("error: Timeout while connecting to remote device.", "connectTimeout", "device", "reconnect"),
    ("error: Internal logic error: Connection was invalidated", "connectionInvalidated", "device", "reconnect"),
    ("error: attach failed: no such process.", "processNotFound", "failed", "launch the app"),
    ("error: <user expression 0>:1:2: use of undeclared identifier 'BGTaskScheduler'", "other", "failed", "lldb failed"),
])
def test_failures(err, failure, kind, hint):
    doc = parsed(core.ios_parse_lldb_output("(lldb) process attach --pid 5\n", err + "\r\n"))
    assert doc["failure"] == failure
    assert doc["errorKind"] == kind
    assert hint in doc["message"]
    assert doc["failureLine"] == err
    assert doc["attached"] is False


def test_known_failure_wins_over_generic_error():
    doc = parsed(core.ios_parse_lldb_output("", "error: something\nerror: The specified device was not found.\n"))
    assert doc["failure"] == "deviceNotFound"


def test_echoed_commands_are_not_failures():
    doc = parsed(core.ios_parse_lldb_output("(lldb) expr -- (void)puts(\"error: no such process\")\n"))
    assert doc["failure"] == "none"


def test_simulated_launch_fixture_not_scheduled():
    doc = parsed(core.ios_parse_simulated_launch(sample("lldb-simulate-launch-app-log.txt"), "com.example.refresh"))
    assert doc["verdict"] == "notScheduled"
    assert doc["identifier"] == "<decode: missing data>"
    assert doc["line"] == ("2022-10-11 17:33:51.256109-0700 Runner[2318:157236] No task request with identifier "
                           "<decode: missing data> has been scheduled")
    for cause in ("Simulator", "BGTaskSchedulerPermittedIdentifiers", "already ran"):
        assert cause in doc["message"]


def test_simulated_launch_accepted():
    first_line = to_crlf(sample("lldb-simulate-launch-app-log.txt")).splitlines(keepends=True)[0]
    doc = parsed(core.ios_parse_simulated_launch(first_line, "com.example.refresh"))
    assert (doc["verdict"], doc["identifier"]) == ("accepted", "com.example.refresh")
    assert doc["line"].endswith("Simulating launch for task with identifier com.example.refresh")


def test_simulated_launch_other_identifier_and_nothing():
    text = "Simulating launch for task with identifier com.other\nNo task request with identifier com.other has been scheduled\n"
    assert parsed(core.ios_parse_simulated_launch(text, "com.example.refresh"))["verdict"] == "unknown"
    assert parsed(core.ios_parse_simulated_launch("", "x"))["verdict"] == "unknown"
    decoded = "flutter: x\nNo task request with identifier com.example.refresh has been scheduled"
    assert parsed(core.ios_parse_simulated_launch(decoded, "com.example.refresh"))["identifier"] == "com.example.refresh"


def test_a_private_identifier_counts_like_an_undecodable_one():
    text = "Simulating launch for task with identifier <private>\nNo task request with identifier <private> has been scheduled\n"
    doc = parsed(core.ios_parse_simulated_launch(text, "com.example.refresh"))
    assert (doc["verdict"], doc["identifier"]) == ("notScheduled", "<private>")
    accepted = parsed(core.ios_parse_simulated_launch("Simulating launch for task with identifier <private>\n", "x"))
    assert accepted["verdict"] == "accepted"
    assert parsed(core.ios_parse_simulated_launch("No task request with identifier <privates> has been scheduled",
                                                  "x"))["verdict"] == "unknown"

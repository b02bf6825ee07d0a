"""launchctl list, get_app_container and simctl's error text."""

from __future__ import annotations

import pytest

import fwm._core as core
from ios_samples import parsed, sample, to_crlf

FIXTURE_JOBS = [
    {"label": "com.apple.itunesstored", "status": 0},
    {"label": "UIKitApplication:dev.fluttercommunity.workmanagerExample[a3f1][rb-legacy]", "pid": 48213, "status": 0,
     "bundleId": "dev.fluttercommunity.workmanagerExample"},
]


def test_launchctl_fixture():
    assert parsed(core.ios_parse_launchctl_list(sample("simctl-spawn-launchctl-list.txt"))) == FIXTURE_JOBS
    assert parsed(core.ios_parse_launchctl_list(to_crlf(sample("simctl-spawn-launchctl-list.txt")))) == FIXTURE_JOBS


def test_launchctl_variants():
    text = ("PID Status Label\n\n  -   -9   com.apple.x\n"
            "501\t-\tapplication.com.example.app.1234.5678\nnot a row\n77\t0\tUIKitApplication:a.b[1][rb-legacy]")
    assert parsed(core.ios_parse_launchctl_list(text)) == [
        {"label": "com.apple.x", "status": -9},
        {"label": "application.com.example.app.1234.5678", "pid": 501, "bundleId": "com.example.app"},
        {"label": "UIKitApplication:a.b[1][rb-legacy]", "pid": 77, "status": 0, "bundleId": "a.b"},
    ]
    assert parsed(core.ios_parse_launchctl_list("")) == []


@pytest.mark.parametrize("text", ["/Users/dev/data/Containers/Data/Application/X\n", "\r\n  /a b/c \r\n", "/p"])
def test_app_container(text):
    assert parsed(core.ios_parse_app_container(text)) == text.strip()


@pytest.mark.parametrize("text", ["", "\n\n", "Invalid device: x\n"])
def test_app_container_errors(text):
    with pytest.raises(ValueError):
        core.ios_parse_app_container(text)


def test_simctl_error_terminate_not_running():
    err = ("An error was encountered processing the command (domain=NSPOSIXErrorDomain, code=3):\r\n"
           "Simulator device failed to terminate com.example.app.\r\nfound nothing to terminate\r\n")
    assert parsed(core.ios_parse_simctl_error(err)) == {
        "domain": "NSPOSIXErrorDomain", "code": 3, "kind": "failed",
        "message": "Simulator device failed to terminate com.example.app.; found nothing to terminate"}


@pytest.mark.parametrize("err, kind", [
    ("Invalid device: nope\n", "device"),
    ("An error was encountered processing the command (domain=com.apple.CoreSimulator.SimError, code=405):\n"
     "Unable to lookup in current state: Shutdown\n", "device"),
    ("No matching processes\n", "failed"),
])
def test_simctl_error_kinds(err, kind):
    assert parsed(core.ios_parse_simctl_error(err))["kind"] == kind

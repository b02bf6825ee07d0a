"""devicectl envelopes: list devices, info apps|processes, process launch, and the failure envelope."""

from __future__ import annotations

import json

import pytest

import fwm.errors
import fwm._core as core
from ios_samples import envelope, parsed, sample, to_crlf

APP_URL = "file:///private/var/containers/Bundle/Application/D12EFD3B-4567-890E-B1F2-23456DAA789A/Runner.app/"


def test_list_devices_fixture_every_value():
    expected = [{
        "identifier": "C85D41ED-3647-48D1-974E-30A53F3E629A", "name": "iPhone 12 mini",
        "udid": "00008101-000569C93E90001E", "model": "iPhone 12 mini", "productType": "iPhone13,1", "platform": "iOS",
        "osVersion": "17.3", "osBuild": "21D50", "reality": "physical", "transportType": "localNetwork",
        "pairingState": "paired", "tunnelState": "disconnected", "developerModeStatus": "enabled",
        "ddiServicesAvailable": False,
    }]
    assert parsed(core.ios_parse_devicectl_devices(sample("devicectl-list-devices.json"))) == expected
    assert parsed(core.ios_parse_devicectl_devices(to_crlf(sample("devicectl-list-devices.json")))) == expected
    info = parsed(core.ios_parse_devicectl_envelope(sample("devicectl-list-devices.json")))
    assert (info["commandType"], info["outcome"], info["version"], info["jsonVersion"], info["failed"]) == \
        ("devicectl.list.devices", "success", "355.18", 2, False)


def test_list_devices_missing_keys_and_connected_variant():
    doc = {"info": {"outcome": "success"}, "result": {"devices": [
        {"identifier": "X", "connectionProperties": {"tunnelState": "connected", "transportType": "wired"},
         "deviceProperties": {"bootState": "booted"}},
        {"name": "no identifier"}]}}
    assert parsed(core.ios_parse_devicectl_devices(json.dumps(doc))) == [{
        "identifier": "X", "name": "", "udid": "", "model": "", "productType": "", "platform": "", "osVersion": "",
        "osBuild": "", "reality": "", "transportType": "wired", "pairingState": "", "tunnelState": "connected",
        "developerModeStatus": "", "bootState": "booted"}]


def test_info_apps_fragment():
    text = envelope("devicectl-info-apps.result-fragment.json", "devicectl.device.info.apps")
    assert parsed(core.ios_parse_devicectl_apps(text)) == [{
        "bundleId": "com.example.flutterApp", "name": "Flutter App", "version": "1.0.0", "bundleVersion": "1",
        "url": "file:///private/var/containers/Bundle/Application/12345E6A-7F89-0C12-345E-F6A7E890CFF1/Runner.app/",
        "builtByDeveloper": True}]
    assert parsed(core.ios_parse_devicectl_apps(sample("devicectl-info-apps.result-fragment.json")))[0]["name"] == \
        "Flutter App"


def test_info_processes_fragment():
    text = envelope("devicectl-info-processes.result-fragment.json", "devicectl.device.info.processes")
    assert parsed(core.ios_parse_devicectl_processes(text)) == [
        {"pid": 1, "executable": "file:///sbin/launchd"},
        {"pid": 7},
        {"pid": 14306, "executable": APP_URL + "Runner"},
        {"pid": 14320, "executable": APP_URL + "PlugIns/W.appex/W"},
    ]
    assert core.ios_app_process(text, APP_URL) == 14306
    assert core.ios_app_process(text, APP_URL.rstrip("/")) == 14306
    assert core.ios_app_process(text, "file:///private/var/containers/Bundle/Application/OTHER/Runner.app/") is None


def test_process_launch_fragment():
    text = envelope("devicectl-process-launch.result-fragment.json", "devicectl.device.process.launch")
    assert parsed(core.ios_parse_devicectl_launch(text)) == {
        "pid": 1802, "executable": "file:///private/var/containers/Bundle/Application/…/Runner.app/Runner"}
    assert core.ios_parse_devicectl_launch('{"info":{"outcome":"success"},"result":{"process":{}}}') is None


def test_failure_envelope_every_value():
    doc = parsed(core.ios_parse_devicectl_envelope(sample("devicectl-error-envelope.json")))
    assert doc["failed"] is True and doc["outcome"] == "failed" and doc["result"] is None
    assert doc["commandType"] == "devicectl.device.install.app" and doc["version"] == "355.7.7"
    assert doc["error"] == {
        "kind": "device",
        "message": "Transport error (com.apple.CoreDevice.ControlChannelConnectionError error 0); reported as: "
                   "Internal logic error: Connection was invalidated (com.apple.CoreDevice.ControlChannelConnectionError "
                   "error 1)",
        "chain": [
            {"domain": "com.apple.CoreDevice.ControlChannelConnectionError", "code": 1,
             "description": "Internal logic error: Connection was invalidated"},
            {"domain": "com.apple.CoreDevice.ControlChannelConnectionError", "code": 0, "description": "Transport error"},
        ]}


def test_failure_envelope_raises_through_result_parsers():
    with pytest.raises(fwm.errors.DeviceNotFound) as raised:
        core.ios_parse_devicectl_devices(sample("devicectl-error-envelope.json"))
    assert "Connection was invalidated" in str(raised.value)
    assert "Transport error" in str(raised.value)


@pytest.mark.parametrize("error, kind, words", [
    ({"code": 3002, "domain": "com.apple.dt.CoreDeviceError",
      "userInfo": {"NSLocalizedDescription": "Failed to install the app on the device.",
                   "NSLocalizedRecoverySuggestion": {"string": "Check the signing."}}},
     "failed", "Failed to install the app on the device. (Check the signing.) (com.apple.dt.CoreDeviceError error 3002)"),
    ({"code": 1, "domain": "FBSOpenApplicationServiceErrorDomain",
      "userInfo": {"NSLocalizedDescription": {"string": "The request to open \"a.b\" failed."},
                   "NSLocalizedFailureReason": {"string": "Locked"}}}, "device", "Locked"),
    ({"code": 1000, "domain": "com.apple.dt.CoreDeviceError"}, "failed", "an error (com.apple.dt.CoreDeviceError error 1000)"),
])
def test_other_failures(error, kind, words):
    doc = parsed(core.ios_parse_devicectl_envelope(json.dumps({"error": error, "info": {"outcome": "failed"}})))
    assert doc["error"]["kind"] == kind
    assert words in doc["error"]["message"]


def _nested(*links):
    """An error envelope whose NSUnderlyingError chain is `links` (outermost first)."""
    error = None
    for link in reversed(links):
        if error is not None:
            link = {**link, "userInfo": {**link.get("userInfo", {}), "NSUnderlyingError": {"error": error}}}
        error = link
    return json.dumps({"error": error, "info": {"outcome": "failed", "commandType": "devicectl.device.copy.from"}})


# Variants of fixtures/ios/devicectl-error-envelope.json: the same envelope with a third link, and links
# whose text is in NSDescription (CFError's kCFErrorDescriptionKey) or absent. Constructed, not captured.
@pytest.mark.parametrize("envelope, message", [
    (_nested({"code": 1, "domain": "com.apple.CoreDevice.ControlChannelConnectionError",
              "userInfo": {"NSLocalizedDescription": {"string": "Internal logic error: Connection was invalidated"}}},
             {"code": 0, "domain": "com.apple.CoreDevice.ControlChannelConnectionError",
              "userInfo": {"NSLocalizedDescription": {"string": "Transport error"}}},
             {"code": 60, "domain": "NSPOSIXErrorDomain", "userInfo": {"NSDescription": "Operation timed out"}}),
     "Operation timed out (NSPOSIXErrorDomain error 60); reported as: Internal logic error: Connection was "
     "invalidated (com.apple.CoreDevice.ControlChannelConnectionError error 1); Transport error "
     "(com.apple.CoreDevice.ControlChannelConnectionError error 0)"),
    (_nested({"code": 3002, "domain": "com.apple.dt.CoreDeviceError",
              "userInfo": {"NSLocalizedDescription": "Failed to copy the file."}},
             {"code": 260, "domain": "NSCocoaErrorDomain", "userInfo": {"NSDescription": {"string": "No such file"},
                                                                      "NSLocalizedFailureReason": "missing"}},
             {"code": 2, "domain": "NSPOSIXErrorDomain"}),
     "No such file (missing) (NSCocoaErrorDomain error 260); reported as: Failed to copy the file. "
     "(com.apple.dt.CoreDeviceError error 3002); an error (NSPOSIXErrorDomain error 2)"),
    (_nested({"code": 1000, "domain": "com.apple.dt.CoreDeviceError", "userInfo": {"NSDescription": "Not found"}}),
     "Not found (com.apple.dt.CoreDeviceError error 1000)"),
])
def test_the_innermost_reason_comes_first(envelope, message):
    assert parsed(core.ios_parse_devicectl_envelope(envelope))["error"]["message"] == message


@pytest.mark.parametrize("text", ["", "[]", "not json"])
def test_not_an_envelope(text):
    with pytest.raises(ValueError):
        core.ios_parse_devicectl_envelope(text)


def test_success_without_result_is_a_host_tool_error():
    with pytest.raises(fwm.errors.HostToolMissing):
        core.ios_parse_devicectl_devices('{"info": {"outcome": "success"}}')

"""ios_parse_simctl_devices: the fixture and the variants of simctl's JSON (legacy availability, order, escapes)."""

from __future__ import annotations

import json

import pytest

import fwm._core as core
from ios_samples import parsed, sample, to_crlf

UDID = "13094867-A44C-4F41-8D5A-4C54E4365C82"


def parse(text: str):
    return parsed(core.ios_parse_simctl_devices(text))


def test_fixture_every_value():
    expected = [{
        "udid": UDID, "name": "iPhone 15 Pro", "state": "Booted",
        "runtimeId": "com.apple.CoreSimulator.SimRuntime.iOS-17-4", "osName": "iOS", "osVersion": "17.4",
        "isAvailable": True, "deviceTypeIdentifier": "com.apple.CoreSimulator.SimDeviceType.iPhone-15-Pro",
        "dataPath": f"/Users/dev/Library/Developer/CoreSimulator/Devices/{UDID}/data",
        "logPath": f"/Users/dev/Library/Logs/CoreSimulator/{UDID}", "lastBootedAt": "2024-05-10T12:32:23Z",
    }]
    assert parse(sample("simctl-list-devices.json")) == expected
    assert parse(to_crlf(sample("simctl-list-devices.json"))) == expected
    assert parse(sample("simctl-list-devices.json").encode()) == expected


def test_keys_in_any_order_and_optional_keys_missing():
    doc = {"devices": {"com.apple.CoreSimulator.SimRuntime.watchOS-10-2": [
        {"name": "Apple Watch", "state": "Shutdown", "udid": "W1", "isAvailable": True}]}}
    assert parse(json.dumps(doc)) == [{"udid": "W1", "name": "Apple Watch", "state": "Shutdown",
                                       "runtimeId": "com.apple.CoreSimulator.SimRuntime.watchOS-10-2",
                                       "osName": "watchOS", "osVersion": "10.2", "isAvailable": True,
                                       "deviceTypeIdentifier": ""}]


def test_unavailable_with_error_and_runtimes_in_document_order():
    doc = ('{"devices":{"com.apple.CoreSimulator.SimRuntime.iOS-18-0":[{"udid":"B","isAvailable":false,'
           '"availabilityError":"runtime profile not found","state":"Shutdown","name":"b"}],'
           '"com.apple.CoreSimulator.SimRuntime.iOS-16-4":[{"udid":"A","isAvailable":true,"state":"Booted","name":"a"}]}}')
    sims = parse(doc)
    assert [s["udid"] for s in sims] == ["B", "A"]
    assert sims[0]["isAvailable"] is False and sims[0]["availabilityError"] == "runtime profile not found"


@pytest.mark.parametrize("availability, available, error", [
    ("(available)", True, None),
    (" (unavailable, runtime profile not found)", False, "runtime profile not found"),
    ("(unavailable)", False, None),
])
def test_legacy_xcode10_availability(availability, available, error):
    doc = {"devices": {"iOS 12.1": [{"state": "Shutdown", "availability": availability, "name": "iPhone XS",
                                     "udid": "L1"}]}}
    sim = parse(json.dumps(doc))[0]
    assert (sim["osName"], sim["osVersion"], sim["isAvailable"]) == ("iOS", "12.1", available)
    assert sim.get("availabilityError") == error


@pytest.mark.parametrize("flag, expected", [('"YES"', True), ('"NO"', False), ("true", True)])
def test_is_available_as_string(flag, expected):
    doc = '{"devices":{"iOS 11.4":[{"udid":"S","isAvailable":' + flag + ',"state":"Shutdown","name":"n"}]}}'
    assert parse(doc)[0]["isAvailable"] is expected


def test_empty_runtimes_give_nothing():
    assert parse('{"devices":{"com.apple.CoreSimulator.SimRuntime.iOS-17-2":[\n\n]}}') == []


@pytest.mark.parametrize("text", ["", "not json", '{"runtimes": []}', '{"devices": []}',
                                  '{"devices":{"r":[{"name":"no udid"}]}}'])
def test_errors(text):
    with pytest.raises(ValueError):
        core.ios_parse_simctl_devices(text)

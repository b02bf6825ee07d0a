"""The Python face of the foundation: task classes, plans, errors, the version."""

from __future__ import annotations

import subprocess
import sys
from datetime import timedelta

import pytest

import fwm


def test_version_from_any_folder(tmp_path):
    out = subprocess.run([sys.executable, "-c", "import fwm, datetime; print(fwm.__version__)"],
                         cwd=tmp_path, capture_output=True, text=True, check=True).stdout.strip()
    assert out == fwm.__version__
    assert out.count(".") == 2


def test_effective_values_are_typed():
    plan = fwm.PeriodicTask("sync", "syncTask", frequency=timedelta(minutes=10), flex_interval=timedelta(minutes=1),
                            tag="nightly").normalize(platform=fwm.Platform.ANDROID, app="com.example.app")
    assert isinstance(plan.effective, fwm.PeriodicTask)
    assert plan.effective.frequency == timedelta(minutes=15)
    assert plan.effective.flex_interval == timedelta(minutes=5)
    assert plan.effective.tag == "nightly"
    assert plan.effective.existing_work_policy is fwm.ExistingWorkPolicy.UPDATE
    assert plan.effective.backoff_policy is fwm.BackoffPolicy.EXPONENTIAL
    assert plan.effective.backoff_policy_delay == timedelta(seconds=30)
    assert plan.effective.constraints.network_type is fwm.NetworkType.NOT_REQUIRED
    assert plan.requested.frequency == timedelta(minutes=10)
    assert [w.field for w in plan.warnings] == ["frequency", "flexInterval"]
    assert plan.platform is fwm.Platform.ANDROID
    assert plan.to_dict()["schema"] == "fwm/1"


def test_string_durations_and_enum_values_are_accepted():
    plan = fwm.OneOffTask("u", "t", initial_delay="PT1M", backoff_policy=fwm.BackoffPolicy.LINEAR,
                          backoff_policy_delay="45s").normalize("android", "com.example.app")
    assert plan.effective.initial_delay == timedelta(minutes=1)
    assert plan.effective.backoff_policy_delay == timedelta(seconds=45)


def test_a_wrong_duration_type_is_a_type_error():
    with pytest.raises(TypeError):
        fwm.OneOffTask("u", "t", initial_delay=5).normalize("android", "com.example.app")  # type: ignore[arg-type]


def test_validation_errors_carry_every_problem():
    with pytest.raises(fwm.ValidationError) as info:
        fwm.OneOffTask("", "t", initial_delay=timedelta(seconds=-1)).normalize("android", "bad app")
    e = info.value
    assert isinstance(e, fwm.Error)
    assert e.exit_code == 2 and e.kind == "validation"
    assert {p.field for p in e.problems} == {"initialDelay"}


def test_names_with_nul_are_refused():
    with pytest.raises(fwm.ValidationError) as info:
        fwm.OneOffTask("a\0b", "t").normalize("android", "com.example.app")
    assert [p.field for p in info.value.problems] == ["uniqueName"]


def test_unknown_platform():
    with pytest.raises(fwm.ValidationError) as info:
        fwm.OneOffTask("u", "t").normalize("windows", "com.example.app")
    assert [p.field for p in info.value.problems] == ["platform"]


@pytest.mark.parametrize("cls,code,kind", [
    (fwm.OperationFailed, 1, "failed"), (fwm.ValidationError, 2, "validation"), (fwm.DeviceNotFound, 3, "device"),
    (fwm.Timeout, 4, "timeout"), (fwm.Unsupported, 5, "unsupported"), (fwm.BridgeUnavailable, 6, "bridge-unavailable"),
    (fwm.HostToolMissing, 7, "host-tool"),
])
def test_error_classes_match_the_exit_codes(cls, code, kind):
    assert issubclass(cls, fwm.Error)
    assert cls.exit_code == code
    assert cls.kind == kind


def test_processing_task_on_ios():
    plan = fwm.ProcessingTask("com.example.clean", "com.example.clean", initial_delay=timedelta(minutes=1),
                              constraints=fwm.Constraints(network_type=fwm.NetworkType.METERED,
                                                          requires_charging=True)).normalize("ios", "com.example.app")
    assert plan.effective.constraints.network_type is fwm.NetworkType.CONNECTED
    assert plan.effective.constraints.requires_charging is True
    assert plan.warnings == []

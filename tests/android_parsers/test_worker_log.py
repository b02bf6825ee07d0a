"""worker_result_for: WorkerWrapper's "Worker result" line for one work id, in every logcat layout."""

from __future__ import annotations

import pytest

import fwm._core as core

ID = "6f1d3c2a-5b8e-4c1e-9a57-2f0b7d9e1a11"
MESSAGE = f"Worker result SUCCESS for Work [ id={ID}, tags={{ dev.fluttercommunity.workmanager.BackgroundWorker }} ]"


@pytest.mark.parametrize("line", [
    f"07-14 10:22:31.456  5120  5163 I WM-WorkerWrapper: {MESSAGE}",
    f"I/WM-WorkerWrapper( 5120): {MESSAGE}",
    f"07-14 10:22:31.456 I/WM-WorkerWrapper( 5120): {MESSAGE}\r",
    f"2021-07-14 10:22:31.456 5120-5163/com.example.app I/WM-WorkerWrapper: {MESSAGE}",
    f"2022-06-15 12:34:56.789  5120-5163  WM-WorkerWrapper        com.example.app                      I  {MESSAGE}",
])
def test_every_layout(line):
    assert core.worker_result_for(line + "\n", ID) == "SUCCESS"


def test_the_last_result_of_that_id_and_no_other_tag():
    text = (f"07-14 10:22:31.456  5120  5163 I WM-WorkerWrapper: {MESSAGE.replace('SUCCESS', 'RETRY')}\n"
            f"07-14 10:22:32.456  5120  5163 I WM-WorkerWrapper: {MESSAGE.replace('SUCCESS', 'FAILURE')}\n"
            f"07-14 10:22:33.456  5120  5163 I flutter : {MESSAGE}\n"
            "07-14 10:22:34.456  5120  5163 I WM-WorkerWrapper: Worker result SUCCESS for Work [ id=other, tags={ } ]\n")
    assert core.worker_result_for(text, ID) == "FAILURE"
    assert core.worker_result_for(text, "missing") is None

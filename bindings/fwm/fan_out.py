"""Running one operation on many devices at once: device I/O releases the GIL, so threads overlap.

Example::

    import fwm

    results = fwm.fan_out(fwm.devices(), lambda d: d.app("com.example.app").tasks(), max_workers=16)
    for r in results:
        print(r.device.id, len(r.value) if r.ok else r.error)
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Callable, Generic, Iterable, List, Optional, TypeVar

from .devices import Device

T = TypeVar("T")


@dataclass(frozen=True)
class FanOutResult(Generic[T]):
    """One device's outcome: ``value`` when ``fn`` returned, ``error`` when it raised."""

    device: Device
    value: Optional[T]
    error: Optional[BaseException]

    @property
    def ok(self) -> bool:
        return self.error is None


def fan_out(devices: Iterable[Device], fn: Callable[[Device], T], max_workers: int = 8) -> List[FanOutResult[T]]:
    """Calls ``fn(device)`` for every device on at most ``max_workers`` threads and returns each
    device's result or exception, in the devices' order. KeyboardInterrupt is not caught."""
    chosen = list(devices)

    def run(device: Device) -> FanOutResult[T]:
        try:
            return FanOutResult(device, fn(device), None)
        except Exception as error:  # noqa: BLE001 - every device's own failure is reported, not raised
            return FanOutResult(device, None, error)

    if not chosen:
        return []
    with ThreadPoolExecutor(max_workers=max(1, min(max_workers, len(chosen)))) as pool:
        return list(pool.map(run, chosen))

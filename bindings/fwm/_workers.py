"""Worker threads behind fwm's iterators: always stopped and joined, on close, break, garbage
collection, Ctrl-C and interpreter exit, so that none is left in C++ when the interpreter ends."""

from __future__ import annotations

import atexit
import threading
from typing import Callable, Optional, Set

from . import _core

_live: Set["Worker"] = set()
_live_lock = threading.Lock()


class Worker:
    """Runs ``target(stop_flag)`` on a daemon thread; ``target`` is a blocking _core call that takes
    the flag as its ``stop`` argument. ``on_exit`` runs on the thread when ``target`` returns or raises."""

    def __init__(self, target: Callable[["_core.StopFlag"], None], on_exit: Callable[[], None]) -> None:
        self._flag = _core.StopFlag()
        self.error: Optional[BaseException] = None
        self._thread = threading.Thread(target=self._run, args=(target, on_exit), daemon=True)
        with _live_lock:
            _live.add(self)
        self._thread.start()

    def _run(self, target: Callable[["_core.StopFlag"], None], on_exit: Callable[[], None]) -> None:
        try:
            target(self._flag)
        except BaseException as e:  # handed to the reader, which re-raises it
            if not self._flag.is_set():
                self.error = e
        finally:
            on_exit()

    def stop(self) -> None:
        """Asks the call to stop (it notices within about 100 ms) and waits for the thread to end."""
        self._flag.set()
        if self._thread is not threading.current_thread():
            self._thread.join()
        with _live_lock:
            _live.discard(self)


def _stop_all() -> None:
    with _live_lock:
        workers = list(_live)
    for worker in workers:
        worker.stop()


atexit.register(_stop_all)

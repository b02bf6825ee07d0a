"""`python -m fwm.testing.fake_xcrun --state DIR ARGS...`: the fake xcrun over the world in DIR (see FakeXcrun)."""

from __future__ import annotations

import sys

from .cli import main

if __name__ == "__main__":
    if len(sys.argv) < 3 or sys.argv[1] != "--state":
        sys.stderr.write("usage: python -m fwm.testing.fake_xcrun --state DIR simctl|devicectl|lldb ARGS...\n"
                         "(FakeXcrun writes an `xcrun` launcher that passes --state for you)\n")
        sys.exit(64)
    sys.exit(main(sys.argv[3:], sys.argv[2]))

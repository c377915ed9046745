"""`python -m launcher`: the local profile (launcher/local.py), as `make run` starts it."""
from __future__ import annotations

import sys

from launcher.local import main

if __name__ == "__main__":
    sys.exit(main())

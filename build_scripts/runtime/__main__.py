"""`python -m build_scripts.runtime`: fetch and check the pinned runtime once; print its folder."""

import sys

from . import RuntimeFetchError, ensure_runtime

try:
    print(ensure_runtime())
except RuntimeFetchError as e:
    sys.exit(f"error: {e}")

#!/bin/sh
# Print the path of a Python >= 3.12 (the pyodide-lock 0.2 toolchain needs it).
# Honours $PYTHON; then tries python3.14..3.12, python3, and pyenv's installs.
ok() { "$1" -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1; }
for candidate in ${PYTHON:-} python3.14 python3.13 python3.12 python3 \
    "$HOME"/.pyenv/versions/3.1[2-9]*/bin/python3 /usr/local/bin/python3.1[2-9] /usr/bin/python3.1[2-9]; do
  [ -n "$candidate" ] || continue
  path=$(command -v "$candidate" 2>/dev/null) || continue
  if ok "$path"; then echo "$path"; exit 0; fi
done
echo "error: no Python 3.12 or newer found; install one (e.g. apt-get install python3.12, or pyenv install 3.12) or set PYTHON=/path/to/python3.12" >&2
exit 1

"""Customer-centric leadership assessment kit.

`kit.engine` is the scoring engine: pure standard library, no I/O, so the same
code runs in CPython and in Pyodide. Everything else in the package (YAML
loading, the command line) is the CPython side that does the I/O.
"""

__version__ = "0.1.0"

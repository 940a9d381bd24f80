"""The site step: the chosen generator builds the generated folder into the site.

One adapter per generator, each a small module with `build(config)` and
`serve(config, host, port)`: mkdocs_adapter (MkDocs 1.6 with Material, the
default) and zensical_adapter (Zensical). Nothing else in the pipeline knows
which generator runs.
"""

import importlib


class SiteBuildError(Exception):
    """The generator failed; the message carries its output."""


ADAPTERS = {
    "mkdocs": "build_scripts.site.mkdocs_adapter",
    "zensical": "build_scripts.site.zensical_adapter",
}


def adapter(generator: str):
    return importlib.import_module(ADAPTERS[generator])


def build(config):
    """Build the site; returns what the finish step completes (or None)."""
    return adapter(config.generator).build(config)

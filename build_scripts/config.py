"""One typed configuration for every build step, read from the organisation's mkdocs.yml.

`mkdocs.yml` is the one file an organisation edits, and both generators read
it. The steps need a few facts from it (docs folder, theme folder, nav,
`extra`) and where to put their output; `BuildConfig` holds them, so no step
reads the YAML itself or keeps state in module globals. The file is read as
MkDocs reads it: `INHERIT` merges a parent file, `!ENV` takes an environment
variable (`!ENV NAME` or `!ENV [NAME, default]`).
"""

import os
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CONFIG = ROOT / "mkdocs.yml"
GENERATORS = ("mkdocs", "zensical")
# The generated folder, beside the config file: what the site step builds from.
BUILD_DIR_NAME = "build"


class ConfigError(Exception):
    """The config file cannot be used; the message names the file and the fix."""


class _Loader(yaml.SafeLoader):
    pass


def _env(loader: _Loader, node):
    names = (
        loader.construct_sequence(node)
        if isinstance(node, yaml.SequenceNode)
        else [loader.construct_scalar(node)]
    )
    *keys, default = names if len(names) > 1 else (*names, None)
    for key in keys:
        if key in os.environ:
            return yaml.safe_load(os.environ[key]) if os.environ[key] else ""
    return default


_Loader.add_constructor("!ENV", _env)


def _merge(base: dict, over: dict) -> dict:
    """MkDocs' INHERIT: mappings merge key by key, anything else is replaced."""
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def read_yaml(path: Path) -> dict:
    """The config file as a mapping, INHERIT resolved (relative to the file)."""
    try:
        with open(path, encoding="utf-8") as f:
            data = yaml.load(f, Loader=_Loader) or {}
    except OSError as e:
        raise ConfigError(f"{path}: cannot read the config file: {e.strerror}") from None
    except yaml.YAMLError as e:
        raise ConfigError(f"{path}: not valid YAML: {e}") from None
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: expected a mapping of settings (site_name: ..., nav: ...)")
    parent = data.pop("INHERIT", None)
    if parent:
        data = _merge(read_yaml((path.parent / parent).resolve()), data)
    return data


@dataclass(frozen=True)
class BuildConfig:
    """What every step needs to know, decided once."""

    # The organisation's mkdocs.yml, absolute.
    config_file: Path
    # Its contents (INHERIT resolved).
    raw: dict = field(repr=False, compare=False)
    # The folder the generate step writes (pages, assets, runtime, the
    # generator's config) and the site step reads.
    build_dir: Path
    # Where the finished site goes.
    site_dir: Path
    generator: str = "mkdocs"
    # `make serve`: no Content-Security-Policy meta tag (the dev servers inject
    # an inline live-reload script), no precompression.
    serve: bool = False

    @property
    def docs_dir(self) -> Path:
        """The hand-written pages (docs_dir of the config)."""
        return (self.config_file.parent / self.raw.get("docs_dir", "docs")).resolve()

    @property
    def generated_docs(self) -> Path:
        return self.build_dir / "docs"

    @property
    def generated_config(self) -> Path:
        """The config both generators read: the organisation's, with the nav expanded."""
        return self.build_dir / "mkdocs.yml"

    @property
    def manifest(self) -> Path:
        """What the generate step wrote (pages it generated, tool pages): JSON."""
        return self.build_dir / "generated.json"


def load(
    config_file: Path | str | None = None,
    site_dir: Path | str | None = None,
    generator: str | None = None,
    build_dir: Path | str | None = None,
    serve: bool = False,
) -> BuildConfig:
    """The build's configuration. Defaults: ./mkdocs.yml, its site_dir (site/),
    SITE_GENERATOR or mkdocs, KIT_BUILD_DIR or build/ beside the config file."""
    path = Path(config_file or DEFAULT_CONFIG).resolve()
    raw = read_yaml(path)
    generator = (generator or os.environ.get("SITE_GENERATOR") or "mkdocs").strip().lower()
    if generator not in GENERATORS:
        raise ConfigError(
            f"SITE_GENERATOR: unknown generator '{generator}' (known: {', '.join(GENERATORS)})"
        )
    build = build_dir or os.environ.get("KIT_BUILD_DIR") or path.parent / BUILD_DIR_NAME
    site = site_dir or path.parent / raw.get("site_dir", "site")
    return BuildConfig(
        config_file=path,
        raw=raw,
        build_dir=Path(build).resolve(),
        site_dir=Path(site).resolve(),
        generator=generator,
        serve=serve,
    )

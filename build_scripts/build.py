"""The build pipeline: generate -> runtime -> site -> finish (`make build`, `make serve`).

    python -m build_scripts.build                      # every step: site/
    python -m build_scripts.build -g zensical       # the same site, built by Zensical
    python -m build_scripts.build generate          # one step alone (runtime, site, finish)
    python -m build_scripts.build serve --port 8000 # regenerate on change, live reload

Each step is a plain module that can run and be tested alone:
generate/build_folder.py (pages, nav, assets into build/docs and build/mkdocs.yml),
runtime/site_assets.py (Pyodide, the trimmed stdlib, the engine wheel and its
lockfile into build/docs), site/ (the chosen generator's adapter builds
build/ into the site) and finish/step.py (service worker, precompressed
copies, SHA256SUMS). Every problem stops the build with one message naming
the file and the fix, and exit status 1.
"""

import argparse
import logging
import signal
import sys
import threading
import time
from pathlib import Path

from . import config as build_config
from . import site as site_step
from .finish import step as finish_step
from .generate import build_folder
from .runtime import RuntimeFetchError, site_assets, vendor_js

log = logging.getLogger("kit.build")
STEPS = ("generate", "runtime", "site", "finish")


def generate(config: build_config.BuildConfig) -> build_folder.Generated:
    gen = build_folder.run(config)
    log.info("Generated %d pages into %s (%d files changed)", len(gen.pages), config.build_dir,
             gen.written)  # fmt: skip
    return gen


def runtime(config: build_config.BuildConfig) -> Path:
    """Pyodide with the engine, and the vendored JavaScript (HPKE), into build/docs."""
    vendor_js.install_vendor(config.generated_docs, log=log.info)
    return site_assets.install_runtime(config.generated_docs, log=log.info)


def run(config: build_config.BuildConfig, steps=STEPS) -> None:
    """The steps in order; raises on the first failure."""
    pending = None
    for step in steps:
        started = time.perf_counter()
        if step == "generate":
            generate(config)
        elif step == "runtime":
            runtime(config)
        elif step == "site":
            pending = site_step.build(config)
        elif step == "finish":
            finish_step.run(config, pending)
        log.debug("%s: %.2f s", step, time.perf_counter() - started)


# Folders whose change regenerates the site while serving.
def watched(config: build_config.BuildConfig, gen) -> list[Path]:
    root = build_config.ROOT
    paths = [
        config.config_file,
        config.docs_dir,
        root / "kit" / "questionnaires",
        root / "kit" / "stories",
        root / "kit" / "engine",
        root / "build_scripts" / "generate" / "templates",
        *build_folder.questionnaire_dirs(gen.settings),
    ]
    if gen.settings.benchmarks:
        paths.append(gen.settings.benchmarks)
    return paths


def _signature(paths: list[Path]) -> tuple:
    out = []
    for base in paths:
        files = [base] if base.is_file() else sorted(base.rglob("*")) if base.is_dir() else []
        for f in files:
            try:
                st = f.stat()
                out.append((str(f), st.st_mtime_ns, st.st_size))
            except OSError:
                pass
    return tuple(out)


def watch(config: build_config.BuildConfig, gen, stop: threading.Event, every=1.0) -> None:
    """Regenerate the build folder when a source changes; the generator's dev
    server sees the changed files and reloads the page."""
    paths = watched(config, gen)
    seen = _signature(paths)
    while not stop.wait(every):
        now = _signature(paths)
        if now == seen:
            continue
        seen = now
        try:
            gen = generate(config)
            runtime(config)
        except Exception as e:  # noqa: BLE001 - a bad edit is reported, the server keeps running
            log.error("%s", e)
        paths = watched(config, gen)


def serve(config: build_config.BuildConfig, host: str, port: int) -> None:
    # A plain `kill` stops the generator's server too (finally blocks run).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    gen = generate(config)
    runtime(config)
    stop = threading.Event()
    thread = threading.Thread(target=watch, args=(config, gen, stop), daemon=True)
    thread.start()
    try:
        site_step.adapter(config.generator).serve(config, host, port)
    finally:
        stop.set()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m build_scripts.build",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("step", nargs="?", default="all", choices=["all", *STEPS, "serve"])
    parser.add_argument("-f", "--config-file", help="the kit's mkdocs.yml (default: ./mkdocs.yml)")
    parser.add_argument("-d", "--site-dir", help="where the site goes (default: site_dir, site/)")
    parser.add_argument(
        "--build-dir", help="the generated folder (default: build/ beside the config)"
    )
    parser.add_argument("-g", "--generator", choices=build_config.GENERATORS,
                        help="mkdocs (default) or zensical; also SITE_GENERATOR")  # fmt: skip
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("-q", "--quiet", action="store_true", help="warnings and errors only")
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.WARNING if args.quiet else logging.INFO,
        format="%(levelname)-7s -  %(message)s",
    )
    try:
        config = build_config.load(
            args.config_file,
            site_dir=args.site_dir,
            generator=args.generator,
            build_dir=args.build_dir,
            serve=args.step == "serve",
        )
        if args.step == "serve":
            serve(config, args.host, args.port)
            return 0
        started = time.perf_counter()
        run(config, STEPS if args.step == "all" else (args.step,))
    except (
        build_config.ConfigError,
        build_folder.GenerateError,
        site_step.SiteBuildError,
        RuntimeFetchError,
    ) as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    if args.step == "all":
        log.info("Built the site into %s with %s in %.1f s", config.site_dir, config.generator,
                 time.perf_counter() - started)  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Run ``unitedfront-tui`` unchanged, recording garbage-collection pauses (and a profile).

Usage: ``python -m benchmarks.probe --report OUT.json [--profile OUT.txt] -- CLI ARGS...``
(``--bare`` runs the baseline app instead, for a profile to compare with).

The report lists every collection as ``[end (time.monotonic), seconds, generation]``; the
harness keeps those that fall inside its navigation window (CLOCK_MONOTONIC is system-wide).
"""

from __future__ import annotations

import argparse
import gc
import json
import signal
import time
from typing import Any


def main(argv: list[str] | None = None) -> int:
    """Install the GC hook (and the profiler), then run the explorer's own entry point."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.probe")
    parser.add_argument("--report", required=True, help="where to write the JSON report")
    parser.add_argument("--profile", help="write a pyinstrument text profile here")
    parser.add_argument("--profile-html", help="also write the profile as HTML here")
    parser.add_argument(
        "--profile-on-signal",
        action="store_true",
        help="start profiling only on SIGUSR1 (to profile keys, not the load)",
    )
    parser.add_argument("--bare", action="store_true", help="run the bare baseline app instead")
    parser.add_argument(
        "--freeze-after-load",
        action="store_true",
        help="experiment: call gc.freeze() right after the dataset is loaded",
    )
    parser.add_argument(
        "--freeze-on-signal",
        action="store_true",
        help="experiment: gc.collect() and gc.freeze() on SIGUSR2 (sent after the first frame)",
    )
    parser.add_argument("cli", nargs=argparse.REMAINDER, help="arguments for unitedfront-tui")
    args = parser.parse_args(argv)
    cli_args = [a for a in args.cli if a != "--"]

    pauses: list[tuple[float, float, int]] = []
    began = [0.0]
    clock = time.perf_counter

    def on_gc(phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            began[0] = clock()
        else:
            pauses.append((time.monotonic(), clock() - began[0], int(info["generation"])))

    gc.callbacks.append(on_gc)
    if args.freeze_on_signal:
        signal.signal(signal.SIGUSR2, _collect_and_freeze)
    profiler: Any = None
    if args.profile:
        from pyinstrument import Profiler

        profiler = Profiler(interval=0.0005, async_mode="disabled")
        if args.profile_on_signal:
            signal.signal(signal.SIGUSR1, lambda *_: profiler.start())
        else:
            profiler.start()
    status = 1
    try:
        if args.bare:
            from benchmarks.bare_app import BareApp

            BareApp().run()
            status = 0
        else:
            import tui.cli.common
            from tui.cli.main import main as cli_main

            if args.freeze_after_load:
                _freeze_after_load(tui.cli.common)
            status = cli_main(cli_args)
    finally:
        gc.callbacks.remove(on_gc)
        if profiler is not None and profiler.is_running:
            profiler.stop()
            with open(args.profile, "w", encoding="utf-8") as out:
                out.write(profiler.output_text(unicode=True, color=False, show_all=False))
            if args.profile_html:
                with open(args.profile_html, "w", encoding="utf-8") as out:
                    out.write(profiler.output_html())
        with open(args.report, "w", encoding="utf-8") as out:
            json.dump({"status": status, "gc": pauses, "frozen": gc.get_freeze_count()}, out)
    return status


def _collect_and_freeze(*_: object) -> None:
    """Collect once, then move every surviving object out of the GC's way."""
    gc.collect()
    gc.freeze()


def _freeze_after_load(cli: Any) -> None:
    """Wrap the CLI's ``load`` so that everything it built is moved out of the GC's way."""
    original = cli.load

    def load_then_freeze(path: Any) -> Any:
        dataset = original(path)
        _collect_and_freeze()
        return dataset

    cli.load = load_then_freeze


if __name__ == "__main__":
    raise SystemExit(main())

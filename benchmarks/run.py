"""The benchmark harness: each figure of issue 5 side by side with its baseline, interleaved.

``python -m benchmarks.run [--quick] [--runs N] [--presses N] [--profile] [--freeze]
[--only startup|big|keys|profile|wire] [--no-update]``

``--only startup`` (``make bench BENCH_ARGS="--only startup"``, about 10 s on an idle machine)
times the first frame against a bare Textual app, interleaved, and only prints (RESULTS.md keeps
the figures of complete runs). ``--only wire`` (8-12 minutes with its slow-link run) runs only
issue 8's wire section (bytes per key) and rewrites only its block.

The default run (about 7 minutes here) rewrites the figures block of ``benchmarks/RESULTS.md``;
``--quick`` (10,000 rows, 3 runs, 5 presses; about 2 minutes) only prints.

Every process runs in a real pty (:mod:`benchmarks.term`) and is timed from outside: the first
frame is the moment the drawn text contains a known string, a key's frame ends with the
synchronized-output bracket that follows it. Peak RSS comes from ``wait4``'s rusage of each
child. A and B alternate (A B A B ...) after a warm-up, so machine noise hits both alike.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import importlib.metadata
import json
import math
import os
import platform
import re
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks import generate
from benchmarks.bare_app import MARKER as BARE_MARKER
from benchmarks.stats import Series, Verdict, ratio
from benchmarks.term import PtyProcess, TerminalTimeout, terminal_env
from tui.dataset.text import fold

REPO = Path(__file__).resolve().parent.parent
BENCH = REPO / "benchmarks"
RESULTS = BENCH / "RESULTS.md"
BEGIN, END = "<!-- results:begin -->", "<!-- results:end -->"
PYTHON = sys.executable
BUNDLED_MARKER = "Missouri"
"""First state of the bundled dataset, drawn in the list on the first frame."""
SYNTHETIC_MARKER = generate.FIRST_NAME[:7]
TOML_ONLY = "import sys, tomllib\nwith open(sys.argv[1], 'rb') as f:\n    tomllib.load(f)\n"
NAVIGATION = (("down", "up"), ("pagedown", "pageup"), ("end", "home"), ("tab", "shift+tab"))
"""Each measured key, and the untimed key that undoes it before the next press."""
SORT_CYCLE = 4
"""``s`` cycles source → name → victims → arrests → source."""


def app_command() -> list[str]:
    """The installed ``unitedfront-tui`` next to this Python, or ``python -m tui``."""
    script = Path(PYTHON).parent / "unitedfront-tui"
    return [str(script)] if script.exists() else [PYTHON, "-m", "tui"]


def log(message: str) -> None:
    """Progress on stderr (the results go to stdout)."""
    print(message, file=sys.stderr, flush=True)


@dataclass
class Run:
    """One process, started in a pty, drawn once, quit."""

    first: float
    total: float
    rss_kib: float
    cpu_first: float
    """CPU seconds used by the first frame (all threads; 10 ms ticks)."""
    cpu_total: float


def startup(
    argv: Sequence[str],
    markers: Sequence[str],
    timeout: float,
    quit_timeout: float = 20,
    env: dict[str, str] | None = None,
) -> Run:
    """Time start → first frame (``markers`` drawn) → ``q`` → exit, and the peak RSS."""
    proc = PtyProcess.spawn(argv, cwd=str(REPO), env=env)
    try:
        seen = proc.wait_for_text(markers, timeout)
    except TerminalTimeout:
        proc.kill()
        raise
    cpu = proc.cpu_seconds()
    end = proc.finish(["q"], timeout=quit_timeout)
    if end.status != 0:
        log(f"  warning: {argv[-1]} exited with status {end.status}")
    return Run(seen - proc.started, end.ended - proc.started, end.maxrss_kib, cpu, end.cpu)


def toml_only(path: Path) -> Run:
    """Time a process that only ``tomllib.load``s ``path``, and its peak RSS."""
    proc = PtyProcess.spawn([PYTHON, "-c", TOML_ONLY, str(path)], cwd=str(REPO))
    end = proc.finish([], timeout=900)
    if end.status != 0:
        log(f"  warning: tomllib process exited with status {end.status}")
    total = end.ended - proc.started
    return Run(total, total, end.maxrss_kib, end.cpu, end.cpu)


@dataclass
class Report:
    """Everything measured in one harness run."""

    series: dict[str, Series] = field(default_factory=dict)
    verdicts: list[Verdict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def get(self, key: str, label: str, unit: str = "s") -> Series:
        """The series ``key``, created on first use."""
        if key not in self.series:
            self.series[key] = Series(label, unit)
        return self.series[key]


def bench_startup(report: Report, runs: int) -> None:
    """Target 1 and 5a: the bundled dataset against a bare Textual app."""
    log("[1] startup: bundled dataset vs bare Textual app")
    app = [*app_command()]
    bare = [PYTHON, str(BENCH / "bare_app.py")]
    # The app's own first frame, for comparison: what every start costs before the first
    # frame when no cached one is drawn (the first start, or UNITEDFRONT_PREVIEW=0).
    live = {**terminal_env(), "UNITEDFRONT_PREVIEW": "0"}
    pairs = (
        ("bare", bare, [BARE_MARKER], "bare Textual app", None),
        ("app", app, [BUNDLED_MARKER], "unitedfront-tui, bundled", None),
        ("live", app, [BUNDLED_MARKER], "unitedfront-tui, bundled, cached first frame off", live),
    )
    for i in range(runs + 1):
        for key, argv, markers, label, env in pairs:
            run = startup(argv, markers, timeout=60, env=env)
            if i == 0:
                continue  # warm-up
            report.get(f"start.{key}.first", f"{label}: first frame").add(run.first)
            report.get(f"start.{key}.total", f"{label}: start → frame → quit").add(run.total)
            report.get(f"start.{key}.rss", f"{label}: peak RSS", "KiB").add(run.rss_kib)
            report.get(f"start.{key}.cpu_first", f"{label}: CPU to first frame").add(run.cpu_first)
            report.get(f"start.{key}.cpu_total", f"{label}: CPU, whole process").add(run.cpu_total)
        if i:
            log(f"  run {i}/{runs}")


def bench_big_start(report: Report, runs: int, path: Path, rows: int, warm: Path) -> None:
    """Target 2 and 5b: the big dataset's first frame against a tomllib-only process.

    The warm-up pair reads ``warm`` (a tenth of the rows): it warms the same code, imports
    and caches in a fraction of the time.
    """
    log(f"[2] {rows:,} rows: first frame vs a tomllib.load-only process")
    for i in range(runs + 1):
        data = warm if i == 0 else path
        toml = toml_only(data)
        run = startup([*app_command(), "--data", str(data)], [SYNTHETIC_MARKER], timeout=600)
        log(
            f"  {'warm-up' if i == 0 else f'run {i}/{runs}'}: tomllib {toml.total:.2f} s, "
            f"app first frame {run.first:.2f} s"
        )
        if i == 0:
            continue
        report.get("big.toml.total", f"tomllib.load only, {rows:,} rows").add(toml.total)
        report.get("big.toml.cpu", f"tomllib.load only, {rows:,} rows: CPU").add(toml.cpu_total)
        report.get("big.app.cpu_first", f"unitedfront-tui {rows:,} rows: CPU to first frame").add(
            run.cpu_first
        )
        report.get("big.toml.rss", f"tomllib.load only, {rows:,} rows: peak RSS", "KiB").add(
            toml.rss_kib
        )
        report.get("big.app.first", f"unitedfront-tui {rows:,} rows: first frame").add(run.first)
        report.get("big.app.total", f"unitedfront-tui {rows:,} rows: start → quit").add(run.total)
        report.get("big.app.rss", f"unitedfront-tui {rows:,} rows: peak RSS", "KiB").add(
            run.rss_kib
        )


@dataclass
class Session:
    """A probed explorer process kept open for key timings."""

    name: str
    rows: int
    proc: PtyProcess
    report_path: Path
    names: list[str]


def _markers(names: Sequence[str], query: str) -> tuple[list[str], list[str]]:
    """Name prefixes drawn only when the list is filtered by ``query``, and only when it is not."""
    inside = {n[:12] for n in set(names) if query in fold(n)}
    outside = {n[:12] for n in set(names) if query not in fold(n)}
    return sorted(inside - outside), sorted(outside - inside)


def open_session(name: str, path: Path, rows: int, tmp: Path, freeze: bool) -> Session:
    """Start the explorer through the GC probe on ``path``."""
    report_path = tmp / f"probe-{name}.json"
    argv = [PYTHON, "-m", "benchmarks.probe", "--report", str(report_path)]
    argv += ["--freeze-after-load", "--freeze-on-signal", "--"] if freeze else ["--"]
    proc = PtyProcess.spawn([*argv, "--data", str(path)], cwd=str(REPO))
    names = [row.name for row in generate.rows(rows)]
    return Session(name, rows, proc, report_path, names)


def bench_keys(
    report: Report,
    runs: int,
    presses: int,
    big: tuple[Path, int],
    small: tuple[Path, int],
    mid: tuple[Path, int],
    freeze: bool = False,
) -> None:
    """Targets 3 and 4: keys, sort and filter on the big dataset against 12 rows.

    A third process with ``mid`` rows (enough to scroll, unlike 12) is timed on the same
    navigation keys: it tells the cost of a scrolling list apart from the cost of its size.
    """
    log(f"[3] keys at {big[1]:,} vs {small[1]} (and {mid[1]:,}) rows; [4] sort and filter")
    with tempfile.TemporaryDirectory(prefix="uf-bench-") as tmp_name:
        tmp = Path(tmp_name)
        sessions = [
            open_session("big", *big, tmp, freeze),
            open_session("small", *small, tmp, freeze),
            open_session("mid", *mid, tmp, freeze),
        ]
        try:
            _drive(report, runs, presses, sessions, freeze)
        finally:
            for session in sessions:
                if not session.proc.eof:
                    try:
                        session.proc.finish(["enter", "q"], timeout=5)
                    except OSError:
                        session.proc.kill()
        _gc_figures(report, sessions)


_WINDOWS: dict[str, tuple[float, float]] = {}


def _drive(report: Report, runs: int, presses: int, sessions: list[Session], freeze: bool) -> None:
    """Navigation keys, then the filter, then sort, alternating between the sessions."""
    for session in sessions:
        started = session.proc.wait_for_text([SYNTHETIC_MARKER], timeout=600)
        report.get(f"probe.{session.name}.first", f"probed start, {session.rows:,} rows").add(
            started - session.proc.started
        )
        session.proc.drain(0.5)
        if freeze:
            os.kill(session.proc.pid, signal.SIGUSR2)
            session.proc.drain(0.3)
    label = {s.name: f"{s.rows:,} rows" for s in sessions}

    began = time.monotonic()
    for key, back in NAVIGATION:
        for i in range(presses + 2):
            for s in sessions:
                press = s.proc.press(key, timeout=5)
                s.proc.press(back, timeout=5)
                if i >= 2:  # two warm-up rounds
                    where = label[s.name]
                    report.get(f"key.{key}.{s.name}", f"{key} @ {where}: first frame").add(
                        press.first
                    )
                    report.get(
                        f"key-settled.{key}.{s.name}", f"{key} @ {where}: last frame (settled)"
                    ).add(press.settled)
    _WINDOWS["navigating"] = (began, time.monotonic())
    log("  navigation done")
    sessions = [s for s in sessions if s.name != "mid"]

    began = time.monotonic()
    for s in sessions:
        s.proc.press("/", timeout=10)
    queries = generate.FILTER_QUERIES
    for i in range(runs + 1):
        query = queries[i % len(queries)]
        phase = "cold" if i == 0 else "warm"
        for s in sessions:
            inside, outside = _markers(s.names, query)
            typed = s.proc.press(query, markers=inside, timeout=60)
            cleared = s.proc.press("backspace", markers=outside, timeout=60)
            where = label[s.name]
            report.get(f"filter.{phase}.{s.name}", f"filter keystroke ({phase}) @ {where}").add(
                typed.marked
            )
            report.get(f"clear.{phase}.{s.name}", f"clear the filter ({phase}) @ {where}").add(
                cleared.marked
            )
    for s in sessions:  # a letter most names contain: the most rows to keep and to total
        inside, outside = _markers(s.names, generate.BROAD_QUERY)
        typed = s.proc.press(generate.BROAD_QUERY, markers=inside, timeout=60)
        cleared = s.proc.press("backspace", markers=outside, timeout=60)
        counts = Counter(s.names)
        kept = sum(c for n, c in counts.items() if generate.BROAD_QUERY in fold(n))
        share = kept / len(s.names)
        where = f"{label[s.name]}, '{generate.BROAD_QUERY}' keeps {share:.0%}"
        report.get(f"filter.broad.{s.name}", f"filter keystroke @ {where}").add(typed.marked)
        report.get(f"clear.broad.{s.name}", f"clear the filter @ {where}").add(cleared.marked)
    for s in sessions:
        s.proc.press("enter", timeout=10)
    log("  filter done")

    for s in sessions:  # sort from the last row: the worst case for keeping the highlight
        s.proc.press("end", timeout=10)
    rounds = SORT_CYCLE * (1 + max(1, math.ceil(runs / SORT_CYCLE)))
    for i in range(rounds):
        phase = "cold" if i < SORT_CYCLE else "warm"
        for s in sessions:
            press = s.proc.press("s", markers=_all_names(s.names), timeout=60)
            report.get(f"sort.{phase}.{s.name}", f"sort `s` ({phase}) @ {label[s.name]}").add(
                press.marked
            )
    _WINDOWS["sorting and filtering"] = (began, time.monotonic())
    log("  sort done")


def _all_names(names: Sequence[str]) -> list[str]:
    """Prefixes of every name: any of them drawn means the list was redrawn."""
    return sorted({n[:12] for n in names})


def _gc_figures(report: Report, sessions: list[Session]) -> None:
    for session in sessions:
        try:
            data: dict[str, Any] = json.loads(session.report_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            report.notes.append(f"no GC report from the {session.rows:,}-row process")
            continue
        pauses: list[list[float]] = data["gc"]
        for window, (start, end) in _WINDOWS.items():
            inside = [p[1] for p in pauses if start <= p[0] <= end]
            series = report.get(
                f"gc.{window}.{session.name}",
                f"GC pauses while {window} @ {session.rows:,} rows",
            )
            series.values.extend(inside)
        if pauses:
            longest = max(pauses, key=lambda p: p[1])
            total = sum(p[1] for p in pauses)
            report.notes.append(
                f"{session.rows:,}-row process: {len(pauses)} collections, {total * 1000:.0f} ms "
                f"in all, longest {longest[1] * 1000:.0f} ms (generation {int(longest[2])}); "
                f"gc.freeze() count at exit: {data.get('frozen', 0)}"
            )


def verdicts(report: Report, big_rows: int) -> None:
    """Turn the series into the issue's targets (CPU-time rows are the noise-robust twins)."""
    s = report.series
    big = f"{big_rows:,} rows"

    def add(target: str, figure: str, measured: float, limit: float, kind: str = "ratio") -> None:
        if math.isnan(measured):
            # Not measured in this run (--only): said once below, never a FAIL row.
            skipped.append(figure)
            return
        report.verdicts.append(Verdict(target, figure, measured, limit, kind))

    skipped: list[str] = []

    def r(a: str, b: str) -> float:
        return ratio(s[a], s[b]) if a in s and b in s else math.nan

    def ms(key: str, attr: str = "median") -> float:
        if key not in s or not s[key].values:
            return math.nan
        return float(getattr(s[key], attr)) * 1000

    add("1", "startup, first frame: bundled / bare", r("start.app.first", "start.bare.first"), 1.1)
    add(
        "1",
        "startup, the app's own first frame (cached frame off): bundled / bare",
        r("start.live.first", "start.bare.first"),
        1.1,
    )
    add(
        "1", "startup, whole process: bundled / bare", r("start.app.total", "start.bare.total"), 1.1
    )
    add(
        "1",
        "(CPU) first frame: bundled / bare",
        r("start.app.cpu_first", "start.bare.cpu_first"),
        1.1,
    )
    add(
        "1",
        "(CPU) whole process: bundled / bare",
        r("start.app.cpu_total", "start.bare.cpu_total"),
        1.1,
    )
    add("2", f"{big} first frame / tomllib-only process", r("big.app.first", "big.toml.total"), 1.3)
    add("2", f"(CPU) {big} first frame / tomllib-only", r("big.app.cpu_first", "big.toml.cpu"), 1.3)
    for key, _ in NAVIGATION:
        add("3", f"`{key}` median: {big} / 12 rows", r(f"key.{key}.big", f"key.{key}.small"), 1.1)
        add(
            "3",
            f"(scrolling) `{key}`: {big} / 1,000 rows",
            r(f"key.{key}.big", f"key.{key}.mid"),
            1.1,
        )
        add("3", f"`{key}` median at {big}", ms(f"key.{key}.big"), 16, "ms")
        add("3", f"`{key}` p95 at {big}", ms(f"key.{key}.big", "p95"), 33, "ms")
    add("3", "longest GC pause while navigating", ms("gc.navigating.big", "high"), 50, "ms")
    for op, label in (("sort", "sort `s`"), ("filter", "filter keystroke"), ("clear", "clear")):
        add("4", f"{label} at {big}, median (warm)", ms(f"{op}.warm.big"), 200, "ms")
        if op != "sort":
            add("4", f"{label} at {big}, broad query", ms(f"{op}.broad.big", "high"), 200, "ms")
        add(
            "4",
            f"{label} at {big}, worst first time (cold)",
            ms(f"{op}.cold.big", "high"),
            200,
            "ms",
        )
    add("5", "peak RSS: bundled / bare", r("start.app.rss", "start.bare.rss"), 1.15)
    add("5", f"peak RSS: {big} / tomllib-only", r("big.app.rss", "big.toml.rss"), 1.2)
    if skipped:
        report.notes.append(f"{len(skipped)} targets not measured in this run (--only).")


def machine() -> dict[str, str]:
    """Where and when: date, cores, CPU model, Python and Textual versions, load."""
    model = "unknown"
    try:
        cpuinfo = Path("/proc/cpuinfo").read_text(encoding="utf-8")
        found = re.search(r"^model name\s*:\s*(.+)$", cpuinfo, re.MULTILINE)
        model = found.group(1).strip() if found else model
    except OSError:
        pass
    commit = "unknown"
    with contextlib.suppress(OSError, subprocess.CalledProcessError):
        commit = subprocess.run(
            ["git", "-C", str(REPO), "log", "-1", "--format=%h %s"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(REPO), "status", "--porcelain", "--", "tui", "styles"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
        if dirty:
            commit += " (with uncommitted changes in tui/ or styles/)"
    return {
        "commit": commit,
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "cores": str(os.cpu_count()),
        "cpu": model,
        "python": platform.python_version(),
        "textual": importlib.metadata.version("textual"),
        "load": " ".join(f"{x:.2f}" for x in os.getloadavg()),
    }


def markdown(report: Report, info: dict[str, str], args: argparse.Namespace) -> str:
    """The results as Markdown: machine, verdict table, every series."""
    lines = [
        f"Measured {info['date']} on {info['cores']} cores ({info['cpu']}), Python "
        f"{info['python']}, Textual {info['textual']}; load average at the end {info['load']}. "
        f"Mode: {'quick' if args.quick else 'default'}, {args.runs} runs after a warm-up, "
        f"{args.presses} presses per key. Code at commit {info['commit']}."
        + (" EXPERIMENT: gc.freeze() after load and first frame." if args.freeze else ""),
        "",
        "| # | figure | measured | target | result |",
        "|---|---|---|---|---|",
    ]
    for v in report.verdicts:
        result = "PASS" if v.passed else "FAIL"
        lines.append(f"| {v.target} | {v.figure} | {v.shown()} | {v.limit_shown()} | {result} |")
    lines += ["", "| series | median (min-max) |", "|---|---|"]
    for series in report.series.values():
        lines.append(f"| {series.label} | {series.describe(p95=series.unit == 's')} |")
    if report.notes:
        lines.append("")
        lines += [f"- {note}" for note in report.notes]
    return "\n".join(lines) + "\n"


def update_results(text: str, begin: str = BEGIN, end: str = END) -> bool:
    """Replace a generated block of RESULTS.md; False when the markers are missing."""
    try:
        current = RESULTS.read_text(encoding="utf-8")
    except OSError:
        return False
    start, stop = current.find(begin), current.find(end)
    if start < 0 or stop < start:
        return False
    RESULTS.write_text(
        current[: start + len(begin)] + "\n" + text + "\n" + current[stop:], encoding="utf-8"
    )
    return True


def profile(big: Path, rows: int) -> list[Path]:
    """pyinstrument profiles: startup (bundled and big) in a pty, and the big load in process."""
    out = generate.DATA_DIR
    written: list[Path] = []
    for name, extra, marker in (
        ("startup-bare", ["--bare", "--"], BARE_MARKER),
        ("startup-bundled", ["--"], BUNDLED_MARKER),
        (f"startup-{rows}", ["--", "--data", str(big)], SYNTHETIC_MARKER),
    ):
        log(f"[profile] {name}")
        text = out / f"profile-{name}.txt"
        argv = [PYTHON, "-m", "benchmarks.probe", "--report", str(out / f"probe-{name}.json")]
        argv += ["--profile", str(text), *extra]
        startup(argv, [marker], timeout=900, quit_timeout=300)
        written.append(text)
    log(f"[profile] keys-{rows}")
    text = out / f"profile-keys-{rows}.txt"
    argv = [PYTHON, "-m", "benchmarks.probe", "--report", str(out / f"probe-keys-{rows}.json")]
    argv += ["--profile", str(text), "--profile-on-signal", "--", "--data", str(big)]
    proc = PtyProcess.spawn(argv, cwd=str(REPO))
    proc.wait_for_text([SYNTHETIC_MARKER], timeout=900)
    proc.drain(0.5)
    os.kill(proc.pid, signal.SIGUSR1)
    keys = ["down"] * 20 + ["pagedown"] * 5 + ["end", "home"] * 3 + ["tab", "shift+tab"] * 3
    keys += ["s"] * SORT_CYCLE + ["/", "x", "backspace", "z", "backspace", "enter"]
    for key in keys:
        proc.press(key, timeout=60)
    proc.finish(["q"], timeout=300)
    written.append(text)
    log(f"[profile] load-{rows}")
    from pyinstrument import Profiler

    from tui.dataset import load

    profiler = Profiler(interval=0.0005)
    profiler.start()
    load(big)
    profiler.stop()
    text = out / f"profile-load-{rows}.txt"
    text.write_text(profiler.output_text(unicode=True, color=False), encoding="utf-8")
    written.append(text)
    return written


def bench_wire(args: argparse.Namespace) -> None:
    """Issue 8's wire section: bytes per key, written to its own block of RESULTS.md."""
    from benchmarks import wire

    sizes = ((80, 24),) if args.quick else ((80, 24), (120, 40))
    info = machine()
    head = (
        f"Measured {info['date']} on {info['cores']} cores ({info['cpu']}), "
        f"Textual {importlib.metadata.version('textual')}, code at {info['commit']}."
    )
    text = head + "\n\n" + wire.run(sizes)
    if not args.quick:
        from benchmarks import slowlink

        text += "\n\n" + slowlink.run()
    print(text)
    if not args.quick and not args.no_update:
        updated = update_results(text, wire.BEGIN, wire.END)
        log("RESULTS.md wire block updated" if updated else "RESULTS.md has no wire block")


def main(argv: list[str] | None = None) -> int:
    """Run every benchmark, print the figures and the verdicts, update RESULTS.md."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="smoke run: 10k rows, 3 runs")
    parser.add_argument("--runs", type=int, help="measured runs after the warm-up (default 5)")
    parser.add_argument("--presses", type=int, help="presses per key (default 15)")
    parser.add_argument("--rows", type=int, help="rows of the big dataset (default 100,000)")
    parser.add_argument("--profile", action="store_true", help="also write pyinstrument profiles")
    parser.add_argument("--no-update", action="store_true", help="leave RESULTS.md alone")
    parser.add_argument(
        "--freeze",
        action="store_true",
        help="experiment: keys with gc.freeze() after load and after the first frame",
    )
    parser.add_argument(
        "--only",
        choices=("startup", "big", "keys", "profile", "wire"),
        action="append",
        help="run only these parts (repeatable)",
    )
    args = parser.parse_args(argv)
    # A cache of first frames of this run's own (tui/cli/preview.py): the warm-up start fills
    # it, whatever the user's cache holds.
    cache = tempfile.TemporaryDirectory(prefix="unitedfront-bench-cache-")
    os.environ["XDG_CACHE_HOME"] = cache.name
    try:
        return run_parts(args)
    finally:
        cache.cleanup()


def run_parts(args: argparse.Namespace) -> int:
    """Run the parts ``args`` asks for, print the report, and update RESULTS.md."""
    args.runs = args.runs or (3 if args.quick else 5)
    args.presses = args.presses or (5 if args.quick else 15)
    rows = args.rows or (10_000 if args.quick else 100_000)
    began = time.perf_counter()
    only = set(args.only or ("startup", "big", "keys", "wire"))
    if "wire" in only:
        bench_wire(args)
        if only == {"wire"}:
            return 0
    report = Report()
    if "startup" in only:
        # The bundled dataset against a bare app: no generated data needed (about 1 minute).
        bench_startup(report, args.runs)
    big = generate.DATA_DIR / "unused"
    if only & {"big", "keys", "profile"} or args.profile:
        log(f"generating datasets ({rows:,} and 12 rows) under {generate.DATA_DIR}")
        big = generate.ensure(rows)
    if "big" in only:
        bench_big_start(report, args.runs, big, rows, generate.ensure(max(12, rows // 10)))
    if "keys" in only:
        mid = (generate.ensure(1_000), 1_000)
        small = (generate.ensure(12), 12)
        bench_keys(report, args.runs, args.presses, (big, rows), small, mid, args.freeze)
    verdicts(report, rows)
    info = machine()
    text = markdown(report, info, args)
    print(text)
    out = generate.DATA_DIR / "last-results.md"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    if args.profile or "profile" in only:
        for path in profile(big, rows):
            log(f"profile written: {path}")
    complete = {"startup", "big", "keys"} <= only
    if not args.quick and not args.no_update and not args.freeze and complete:
        log("RESULTS.md updated" if update_results(text) else "RESULTS.md has no results block")
    log(f"done in {time.perf_counter() - began:.0f} s")
    failed = [v for v in report.verdicts if not v.passed]
    log(f"{len(report.verdicts) - len(failed)} of {len(report.verdicts)} targets met")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""The wire section (issue 8): bytes, frames and changed cells per key, side by side.

Each program runs in a pty (:mod:`benchmarks.term`) that answers the synchronized-output query;
everything it writes is also played into a pyte terminal, which counts the cells a key changed.
Programs: unitedfront-tui (the wire layer), the same with ``UNITEDFRONT_WIRE=0`` (Textual's own
output: the "before"), a bare Textual ListView + Static over the same rows, and VisiData on the
CSV export of the same rows.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pyte

from benchmarks.term import SYNC_END, PtyProcess, terminal_env
from tests.wire.budget import CASES, CURSOR_MAX, PER_CELL, Case

BENCH = Path(__file__).resolve().parent
BEGIN, END = "<!-- wire:begin -->", "<!-- wire:end -->"
"""The wire section's block in RESULTS.md (``--only wire`` rewrites it alone)."""
TERM_KEYS = {"question_mark": "?", "slash": "/"}
"""Textual key names whose bytes differ from the name."""
CURSOR_KEYS = ("down", "up", "j", "k", "pagedown", "pageup", "end", "home")
VD_CASES = tuple(c for c in CASES if {c.key, *c.before} <= set(CURSOR_KEYS))
"""VisiData is measured on the cursor keys only (its other keys do other things)."""
BARE_CASES = VD_CASES
TERMINALS: dict[str, dict[str, str | None]] = {
    "256": {"COLORTERM": None},
    "truecolor": {"COLORTERM": "truecolor"},
    "no-color": {"COLORTERM": None, "NO_COLOR": "1"},
}


@dataclass
class KeyFigures:
    """What one key cost."""

    bytes: int
    frames: int
    changed: int
    first_ms: float | None
    settled_ms: float | None

    @property
    def per_cell(self) -> float | None:
        """Bytes per changed cell (None when nothing changed)."""
        return self.bytes / self.changed if self.changed else None


@dataclass
class Program:
    """One program's figures in one terminal."""

    name: str
    start: int = 0
    keys: dict[str, KeyFigures] = field(default_factory=dict)


def screen_cells(screen: pyte.Screen) -> list[tuple[object, ...]]:
    """Every cell of ``screen`` as a comparable tuple."""
    return [
        (c.data, c.fg, c.bg, c.bold, c.italics, c.underscore, c.reverse, c.strikethrough)
        for y in range(screen.lines)
        for c in (screen.buffer[y][x] for x in range(screen.columns))
    ]


def measure(
    name: str,
    argv: Sequence[str],
    marker: str,
    cases: Sequence[Case],
    env: dict[str, str],
    size: tuple[int, int],
) -> Program:
    """Start ``argv``, then press each case's keys one at a time once the output is quiet."""
    cols, rows = size
    screen = pyte.Screen(cols, rows)
    stream = pyte.ByteStream(screen)
    proc = PtyProcess.spawn(argv, cols, rows, env=env)
    result = Program(name)
    try:
        proc.wait_for_text([marker], 60)
        proc.drain(0.5)
        result.start = len(proc.raw)
        stream.feed(bytes(proc.raw))
        state: tuple[str, ...] = ()
        for case in cases:
            # One process for all cases: `before` is pressed unless the last case left it so.
            for key in case.before if case.before != state else ():
                offset = len(proc.raw)
                proc.press(TERM_KEYS.get(key, key), settle=0.3, timeout=3.0, quiet_before=0.3)
                stream.feed(bytes(proc.raw[offset:]))
            key = TERM_KEYS.get(case.key, case.key)
            before = screen_cells(screen)
            offset = len(proc.raw)
            press = proc.press(key, settle=0.3, timeout=3.0, quiet_before=0.3)
            data = bytes(proc.raw[offset:])
            stream.feed(data)
            changed = sum(a != b for a, b in zip(before, screen_cells(screen)))
            frames = data.count(SYNC_END) if proc.sync else int(bool(data))
            first = None if press.first is None else press.first * 1000
            settled = None if press.settled is None else press.settled * 1000
            state = (*case.before, case.key)
            result.keys[case.name] = KeyFigures(len(data), frames, changed, first, settled)
        proc.finish(("q", "q", "q"))
    except BaseException:
        proc.kill()
        raise
    return result


def environment(terminal: str) -> dict[str, str]:
    """A child environment for ``terminal`` (a key of :data:`TERMINALS`)."""
    env = terminal_env()
    for name, value in TERMINALS[terminal].items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    return env


def app_argv() -> list[str]:
    """The installed explorer next to this Python."""
    script = Path(sys.executable).parent / "unitedfront-tui"
    return [str(script)] if script.exists() else [sys.executable, "-m", "tui"]


def run_terminal(terminal: str, size: tuple[int, int], with_visidata: bool) -> list[Program]:
    """Every program in one terminal setting."""
    env = environment(terminal)
    before = dict(env, UNITEDFRONT_WIRE="0")
    programs = [
        measure("unitedfront-tui", app_argv(), "Missouri", CASES, env, size),
        measure("before (Textual's output)", app_argv(), "Missouri", CASES, before, size),
        measure(
            "bare Textual ListView",
            [sys.executable, str(BENCH / "bare_list.py")],
            "Missouri",
            BARE_CASES,
            env,
            size,
        ),
    ]
    vd = shutil.which("vd", path=str(Path(sys.executable).parent)) or shutil.which("vd")
    if with_visidata and vd:
        with tempfile.TemporaryDirectory() as tmp:
            csv = Path(tmp) / "states.csv"
            subprocess.run([*app_argv(), "export", "--format", "csv", "-o", str(csv)], check=True)
            vd_env = dict(env, HOME=tmp)  # no user config, no saved state
            vd_argv = [vd, str(csv)]
            programs.append(measure("VisiData 3.4", vd_argv, "Missouri", VD_CASES, vd_env, size))
    return programs


def figure(value: float | None, unit: str = "") -> str:
    """A cell of the table."""
    if value is None:
        return "–"
    return f"{value:,.1f}{unit}" if isinstance(value, float) else f"{value:,}{unit}"


def table(programs: list[Program], title: str) -> str:
    """Markdown: one row per key, one column group per program."""
    head = "| key | " + " | ".join(p.name for p in programs) + " |"
    what = "bytes / frames / changed cells / B per changed cell / first frame ms / settled ms"
    lines = [f"**{title}** — {what}", "", head]
    lines.append("|---" * (len(programs) + 1) + "|")
    starts = " | ".join(f"{p.start:,} B" for p in programs)
    lines.append(f"| start | {starts} |")
    for label in (case.name for case in CASES):
        cells = []
        for program in programs:
            k = program.keys.get(label)
            if k is None:
                cells.append("n/a")
                continue
            cells.append(
                f"{k.bytes:,} / {k.frames} / {k.changed} / {figure(k.per_cell)} / "
                f"{figure(k.first_ms)} / {figure(k.settled_ms)}"
            )
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def verdicts(programs: list[Program], size: tuple[int, int]) -> list[str]:
    """Issue 8's targets for the first program (ours), as table rows."""
    ours = programs[0]
    rows = []
    vd = next((p for p in programs if p.name.startswith("VisiData")), None)
    if vd is not None:
        ok = ours.start <= 3 * vd.start
        rows.append(f"| start ≤ 3× VisiData | {ours.start / vd.start:.2f}× | {verdict(ok)} |")
    for label, k in ours.keys.items():
        cap = CURSOR_MAX if label in CURSOR_KEYS and size == (80, 24) else None
        per = k.per_cell
        ok = (per is None and k.bytes == 0) or (per is not None and per <= PER_CELL)
        ok = ok and k.frames <= 1 and (cap is None or k.bytes <= cap)
        shown = "no change, 0 B" if per is None else f"{per:.1f} B/cell, {k.bytes:,} B"
        rows.append(f"| {label}: ≤ 6 B/cell, 1 frame | {shown}, {k.frames} frame | {verdict(ok)} |")
    return rows


def verdict(ok: bool) -> str:
    """PASS or FAIL."""
    return "PASS" if ok else "FAIL"


def run(sizes: Sequence[tuple[int, int]] = ((80, 24), (120, 40))) -> str:
    """The whole wire section, as Markdown."""
    parts = []
    for size in sizes:
        for terminal in TERMINALS:
            if size != sizes[0] and terminal != "truecolor":
                continue
            title = f"{size[0]}x{size[1]}, TERM=xterm-256color, {terminal}"
            print(f"[wire] {title}", file=sys.stderr, flush=True)
            programs = run_terminal(terminal, size, with_visidata=True)
            parts.append(table(programs, title))
            rows = "\n".join(verdicts(programs, size))
            parts.append(f"| target ({title}) | ours | result |\n|---|---|---|\n{rows}")
    return "\n\n".join(parts)


if __name__ == "__main__":
    os.environ.setdefault("LANG", "C.UTF-8")
    print(run())

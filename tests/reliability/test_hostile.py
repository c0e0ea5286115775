"""Hostile datasets: each is refused with located errors (by ``check`` and at launch) or shown
literally, and nothing from the data ever reaches the terminal as an escape sequence.

The small files live in ``tests/data/hostile/``; the huge ones (50 MB, 100,000-character
strings, 10,000 notes, deep nesting) are generated into ``tmp_path`` at test time.
"""

from __future__ import annotations

import dataclasses
import re
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from rich.console import Group
from rich.style import Style
from rich.table import Table
from rich.text import Text

from tests.e2e.tmux import (
    COMMAND,
    recorded,
    require,
    run_in_pty,
    terminal_bytes,
    tmux_session,
    unrestored_modes,
)
from tests.functional.helpers import explorer
from tui.app import UnitedFrontApp
from tui.dataset import Dataset, load
from tui.dialogs.about import about_content
from tui.terminal.textual_private import screen_strips
from tui.widgets import DetailPane
from tui.widgets.nobreak import NoBreak

HOSTILE = Path(__file__).resolve().parent.parent / "data" / "hostile"

_ESCAPES = ["operation.name", "states[OH].name", "states[OH].notes[0]", "states[OH].quote"]
_ESCAPES += ["agencies[0].name"]

REFUSED: dict[str, list[str]] = {
    "osc-title.toml": _ESCAPES,
    "osc-title-st.toml": _ESCAPES,
    "osc8-hyperlink.toml": _ESCAPES,
    "sgr.toml": _ESCAPES,
    "csi-8bit.toml": [*_ESCAPES, "U+009B"],
    "csi-8bit-raw.toml": ["states[OH].name", "U+009B"],
    "nul.toml": [*_ESCAPES, "U+0000"],
    "del.toml": [*_ESCAPES, "U+007F"],
    "bidi.toml": [*_ESCAPES, "U+202E"],
    "c0.toml": [*_ESCAPES, "U+0007"],
    "raw-escape.toml": ["TOML syntax error"],
    "line-breaks.toml": [
        "operation.name: must be one line",
        "source.publisher: must be one line",
        "agencies[0].name: must be one line",
        "states[NE].name: must be one line",
        "states[NE].local_name: must be one line",
        "states[NE].aliases[0]: must be one line",
        "states[KY].name: must be one line",
        "U+000A LINE FEED",
        "U+0009 CHARACTER TABULATION",
        "U+2028 LINE SEPARATOR",
    ],
    "big-integers.toml": [
        "states[OH].victims_rescued: is implausibly large",
        "states[OH].arrests: is implausibly large",
        "states[KY].victims_rescued: is implausibly large",
        "states[KY].victims_adult: is implausibly large",
        "states[KY].arrests: must not be negative",
        "reported.medical_services: is implausibly large",
    ],
    "wrong-types.toml": [
        "states[OH].victims_rescued: must be a whole number, not a float",
        "states[OH].arrests: must be a whole number, not a boolean",
        "states[OH].victims_adult: must be a whole number, not a float",
        "states[OH].victims_minor: must be a whole number, not a float",
        "states[KY].victims_rescued: must be a whole number, not an array",
        "states[KY].arrests: must be a whole number, not a table",
        "states[KY].medical_services: must be a whole number, not a string",
        "states[KY].victims_adult: must be a whole number, not a date",
        "states[2].code: must be a string",
        "states[2].name: must be a string",
        "states[2].notes: must be an array of strings",
        "states[TX].notes[0]",
        "states[TX].translation: must be a string",
        "reported.states: must be a whole number",
    ],
    "duplicate-codes.toml": ["duplicate code 'OH'", "duplicate code 'KY'"],
    "unknown-keys.toml": [
        "extra_top: unknown key",
        "unknown_table: unknown key",
        "operation.nmae: unknown key 'nmae'; did you mean 'name'?",
        "operation.facts[0].txet: unknown key",
        "source.titel: unknown key",
        "reported.arests: unknown key",
        "agencies[0].roel: unknown key",
        "context.figurez: unknown key",
        "context.figures[0].vaule: unknown key",
        "states[OH].arrest: unknown key 'arrest'; did you mean 'arrests'?",
        "states[OH].nested: unknown key",
    ],
}
"""Files that must be refused, and what their errors must mention."""

RENDERED = ("formula.toml", "markup.toml", "unicode.toml")
"""Files that are valid and must be shown literally."""

LOCATED = re.compile(r"^(?P<file>.+?):(?P<line>\d+)(?::(?P<column>\d+))?: \S")
WHOLE_FILE = re.compile(r"^(?P<file>.+?): \S")
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def run_check(path: Path) -> subprocess.CompletedProcess[str]:
    """Run the installed ``unitedfront-tui check PATH``."""
    return subprocess.run(
        [str(COMMAND), "check", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def launch_refused(path: Path) -> list[str]:
    """Launch the explorer on ``path`` in a pty; assert it refused to draw; return its lines."""
    status, raw, _ = run_in_pty([str(COMMAND), "--data", str(path)])
    assert status == 1, raw
    assert b"\x1b" not in raw, f"something was drawn: {raw[:200]!r}"
    text = raw.decode("utf-8")
    assert "Traceback" not in text
    return text.replace("\r\n", "\n").splitlines()


def assert_refused(path: Path, expected: list[str], whole_file: bool = False) -> None:
    """``check`` and launch both refuse ``path`` with the same located, printable errors."""
    result = run_check(path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert lines
    for line in lines:
        match = LOCATED.match(line) or (WHOLE_FILE.match(line) if whole_file else None)
        assert match is not None, f"not located: {line!r}"
        assert match.group("file") == str(path)
        assert RAW_CONTROL.search(line) is None, f"raw control character echoed: {line!r}"
    for fragment in expected:
        assert any(fragment in line for line in lines), f"{fragment!r} not in {lines}"
    assert launch_refused(path) == lines


def test_corpus_is_classified() -> None:
    """Every committed hostile file is either in REFUSED or in RENDERED."""
    committed = {p.name for p in HOSTILE.glob("*.toml")}
    assert committed == set(REFUSED) | set(RENDERED)


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_refused_with_located_errors(name: str) -> None:
    """Each refused file: located errors naming each bad field, from ``check`` and at launch."""
    assert_refused(HOSTILE / name, REFUSED[name])


@pytest.mark.parametrize("name", RENDERED)
def test_rendered_files_are_valid(name: str) -> None:
    """The files meant to render literally pass ``check``."""
    result = run_check(HOSTILE / name)
    assert result.returncode == 0, result.stderr
    assert "valid" in result.stdout


# -- generated at test time: too big to commit ---------------------------------------------

HEADER = """schema_version = 1
[operation]
name = "Operation Huge"
[source]
title = "A huge source"
"""


def _state(code: str, name: str, extra: str = "") -> str:
    return f'[[states]]\ncode = "{code}"\nname = "{name}"\narrests = 1\n{extra}\n'


def huge_file(path: Path) -> list[str]:
    """A 50 MB dataset of valid state tables."""
    table = _state("S{}", "State {}")
    chunks = [HEADER]
    size, i = len(HEADER), 0
    while size < 50_000_000:
        chunk = table.format(i, i)
        chunks.append(chunk)
        size += len(chunk)
        i += 1
    path.write_text("".join(chunks))
    return ["limit is 32 MiB"]


def long_strings(path: Path) -> list[str]:
    """100,000-character strings in a name, a note, a quote and the operation's summary."""
    long = "A" * 100_000
    extra = f'notes = ["{long}"]\nquote = "{long}"'
    text = HEADER.replace('title = "A huge source"', f'title = "{long}"')
    path.write_text(text + _state("OH", long, extra))
    return [
        "source.title: is 100,000 characters long",
        "states[OH].name: is 100,000 characters long",
        "states[OH].notes[0]: is 100,000 characters long",
        "states[OH].quote: is 100,000 characters long",
    ]


def many_notes(path: Path) -> list[str]:
    """10,000 notes on one state."""
    notes = ", ".join(f'"note {i}"' for i in range(10_000))
    path.write_text(HEADER + _state("OH", "Ohio", f"notes = [{notes}]"))
    return ["states[OH].notes: has 10,000 entries"]


def deep_arrays(path: Path) -> list[str]:
    """Arrays nested 100,000 deep where a list of notes is expected."""
    depth = 100_000
    path.write_text(HEADER + _state("OH", "Ohio", "notes = " + "[" * depth + "]" * depth))
    return ["nesting is too deep"]


def shallow_nesting(path: Path) -> list[str]:
    """Arrays and inline tables nested 50 deep where strings and figures are expected."""
    notes = "notes = " + "[" * 50 + '"x"' + "]" * 50
    arrests = "victims_minor = " + "{a = " * 50 + "1" + "}" * 50
    path.write_text(HEADER + _state("OH", "Ohio", f"{notes}\n{arrests}"))
    return ["states[OH].notes[0]: must be a string", "states[OH].victims_minor: must be a whole"]


def nul_byte(path: Path) -> list[str]:
    """A raw NUL byte in a string (binary, not text)."""
    path.write_bytes(HEADER.encode() + _state("OH", "Oh\x00io").encode())
    return ["NUL byte"]


GENERATED: dict[str, Callable[[Path], list[str]]] = {
    "huge-file": huge_file,
    "long-strings": long_strings,
    "many-notes": many_notes,
    "deep-arrays": deep_arrays,
    "shallow-nesting": shallow_nesting,
    "nul-byte": nul_byte,
}
WHOLE_FILE_PROBLEMS = {"huge-file", "deep-arrays"}
"""Problems of the file as a whole: located by file name only."""


@pytest.mark.parametrize("name", sorted(GENERATED))
def test_generated_hostile_refused(name: str, tmp_path: Path) -> None:
    """Huge and deeply nested datasets are refused quickly, located, by ``check`` and launch."""
    path = tmp_path / f"{name}.toml"
    expected = GENERATED[name](path)
    try:
        assert_refused(path, expected, whole_file=name in WHOLE_FILE_PROBLEMS)
    finally:
        path.unlink(missing_ok=True)


# -- valid hostile files: every string shown literally, nothing made from it ----------------

MARKUP_NAMES = (
    "Ohio[/]",
    "[b]Bold[/b]",
    "[@click=app.quit]X",
    "[link=https://evil.example]x[/link]",
)
"""State names in markup.toml, each of which Textual markup would interpret."""


def screen_report(app: UnitedFrontApp) -> tuple[str, list[str]]:
    """The screen as text, and every cell style that carries a link or a click action.

    (Textual's own scrollbars carry ``@mouse.down`` meta; that is not made from data.)
    """
    strips = screen_strips(app.screen)
    lines: list[str] = []
    active: list[str] = []
    for strip in strips:
        line = ""
        for segment in strip:
            line += segment.text
            style = segment.style
            if style is None:
                continue
            if style.link or "@click" in style.meta:
                active.append(f"{segment.text!r}: link={style.link!r} meta={style.meta!r}")
        lines.append(line)
    return "\n".join(lines), active


def renderable_texts(renderable: object) -> list[Text]:
    """The Rich Text objects inside a renderable (Groups and Tables walked)."""
    if isinstance(renderable, Text):
        return [renderable]
    if isinstance(renderable, NoBreak):
        return [renderable.text]
    if isinstance(renderable, str):
        # Rich reads a str cell as markup: read it the same way, so that dataset text passed
        # as a str (and so interpreted) would fail the literal checks.
        return [Text.from_markup(renderable)]
    if isinstance(renderable, Group):
        return [t for r in renderable.renderables for t in renderable_texts(r)]
    if isinstance(renderable, Table):
        return [
            t for column in renderable.columns for c in column.cells for t in renderable_texts(c)
        ]
    raise AssertionError(f"renderable_texts cannot look inside {type(renderable).__name__}")


def active_spans(texts: list[Text]) -> list[str]:
    """Spans of ``texts`` whose style makes a link or an action."""
    found = []
    for text in texts:
        for span in text.spans:
            style = span.style if isinstance(span.style, Style) else Style.parse(span.style)
            if style.link or "@click" in style.meta:
                found.append(f"{text.plain[span.start : span.end]!r}: {span.style}")
    return found


@pytest.fixture(scope="module")
def markup_dataset() -> Dataset:
    """markup.toml, loaded."""
    return load(HOSTILE / "markup.toml")


@pytest.mark.parametrize("name", MARKUP_NAMES)
async def test_markup_state_name_is_literal(name: str, markup_dataset: Dataset) -> None:
    """A state named with markup: list row and detail pane show exactly its characters."""
    state = next(s for s in markup_dataset.states if s.name == name)
    dataset = dataclasses.replace(markup_dataset, states=(state,))
    app = UnitedFrontApp(dataset)
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.pause()
        screen, active = screen_report(app)
        assert active == [], f"links or actions made from data: {active}"
        assert name in screen, f"{name!r} not shown literally:\n{screen}"
        assert screen.count(name[:12]) >= 2, f"{name!r} not in both list and detail:\n{screen}"
        body = explorer(app).query_one(DetailPane).render_state(state)
        texts = renderable_texts(body)
        assert active_spans(texts) == []
        plain = "\n".join(t.plain for t in texts)
        for note in state.notes:
            assert note in plain
        assert app.is_running


async def test_markup_everywhere_is_literal(markup_dataset: Dataset) -> None:
    """Every string of markup.toml, on the main screen, the about screen and in help."""
    app = UnitedFrontApp(markup_dataset)
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.pause()
        for _ in markup_dataset.states:
            _, active = screen_report(app)
            assert active == [], active
            await pilot.press("j")
        about = about_content(markup_dataset)
        texts = renderable_texts(about)
        assert active_spans(texts) == []
        plain = "\n".join(t.plain for t in texts)
        op, src = markup_dataset.operation, markup_dataset.source
        for literal in (op.name, op.local_name, op.summary, src.title, src.publisher, src.url):
            assert literal is not None and literal in plain, literal
        for note in op.notes:
            assert note in plain, note
        await pilot.press("i")
        await pilot.pause()
        screen, active = screen_report(app)
        assert active == [], active
        assert op.name in screen
        await pilot.press("escape", "question_mark")
        await pilot.pause()
        _, active = screen_report(app)
        assert active == [], active
        await pilot.press("escape")
        assert app.is_running


async def test_odd_unicode_renders(dataset: Dataset) -> None:
    """unicode.toml (wide, combining, zero-width, RTL, line separators): every screen draws."""
    odd = load(HOSTILE / "unicode.toml")
    app = UnitedFrontApp(odd)
    async with app.run_test(size=(80, 24)) as pilot:
        for key in ("j", "enter", "end", "h", "k", "i", "pagedown", "escape", "question_mark"):
            await pilot.press(key)
            _, active = screen_report(app)
            assert active == []
        await pilot.press("escape")
        assert app.is_running


OSC = re.compile(r"\x1b\](\d*)")
ALLOWED_OSC = {"22"}
"""OSC sequences Textual itself sends (22: the mouse pointer's shape)."""


@pytest.mark.e2e
def test_markup_reaches_the_terminal_as_plain_text(tmp_path: Path) -> None:
    """In a real terminal: markup shown literally; no OSC 0/2/8, C1 or link from the data."""
    require("tmux", "script")
    data = tmp_path / "markup.toml"
    data.write_bytes((HOSTILE / "markup.toml").read_bytes())
    log = tmp_path / "typescript"
    with tmux_session(tmp_path) as session:
        argv = recorded([str(COMMAND), "--data", str(data)], log)
        session.start(argv, (120, 40), {"TERM": "xterm-256color"})
        session.wait_for("Ohio[/] (OH)")
        screen = session.settle()
        for name in MARKUP_NAMES:
            assert name[:15] in screen, screen  # long names are cut short in the list
        for title in ("[b]Bold[/b] (BOLD)", "[@click=app.quit]X (CLICK)", "x[/link] (LINK)"):
            session.keys("j")
            session.wait_for(title)
        session.keys("i")
        screen = session.wait_for("About this dataset")
        assert "[b]Operation[/b] [@click=app.quit]Quit[/]" in screen, screen
        for _ in range(4):
            session.keys("PageDown")
            session.settle()
        session.keys("q")
        session.wait_gone("About this dataset")
        session.keys("q")
        status = session.wait_exit()
        history = session.history()
    assert status == 0, history
    assert "Traceback" not in history
    text = terminal_bytes(log).decode("utf-8", "replace")
    assert set(OSC.findall(text)) <= ALLOWED_OSC, f"OSC sequences sent: {set(OSC.findall(text))}"
    assert re.search("[\x80-\x9f]", text) is None, "a C1 control reached the terminal"
    assert "\x1b]8;" not in text and "evil.example\x07" not in text
    assert unrestored_modes(terminal_bytes(log)) == []


async def test_markup_in_the_sources_view_is_literal(markup_dataset: Dataset) -> None:
    """markup.toml in the Sources view (S) and one source (Enter): literal, no link or action."""
    from tui.dataset.agreement import agreement
    from tui.screens.source import source_content

    app = UnitedFrontApp(markup_dataset)
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.press("S")
        await pilot.pause()
        screen, active = screen_report(app)
        assert active == [], active
        src = markup_dataset.source
        assert src.publisher is not None and src.publisher[:40] in screen
        assert markup_dataset.states[0].name[:12] in screen
        await pilot.press("enter")
        await pilot.pause()
        screen, active = screen_report(app)
        assert active == [], active
        texts = renderable_texts(source_content(markup_dataset, agreement(markup_dataset), src.id))
        assert active_spans(texts) == []
        plain = "\n".join(t.plain for t in texts)
        for literal in (src.publisher, src.url, src.title):
            assert literal is not None and literal in plain, literal
        await pilot.press("q", "q")
        assert app.is_running

"""The terminal's keys: the parser fix, the lenient decoder, the private parser API they use."""

from __future__ import annotations

import importlib
import subprocess
import sys

import pytest
from textual import events
from textual._xterm_parser import XTermParser

from tui.terminal.keys import (
    DRIVER_MODULES,
    BurstParser,
    install_burst_parser,
    lenient_decoder,
    split_alt,
)


def keys(parser: XTermParser, data: str) -> list[str]:
    """Key names (or event class names) the parser makes of one read."""
    return [getattr(e, "key", type(e).__name__) for e in parser.feed(data)]


def test_private_textual_apis_are_still_there() -> None:
    """If an upgrade renames these, the router and BurstParser break: this says where."""
    parser = XTermParser()
    for name in ("_gen", "_tokens", "_awaiting", "_timeout_time"):
        assert hasattr(parser, name), f"XTermParser.{name} is gone: fix tui/terminal/keys.py"
    assert hasattr(events.Key("a", "a"), "is_forwarded"), "Event.is_forwarded is gone"
    for name in DRIVER_MODULES:
        module = importlib.import_module(name)
        assert hasattr(module, "XTermParser"), f"{name} no longer builds an XTermParser"
        assert hasattr(module, "getincrementaldecoder"), f"{name} no longer decodes its input"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("\x1br\x1b[A", ["escape", "r", "up"]),  # Textual alone: ^, r, up
        ("ab\x1bjjj", ["a", "b", "escape", "j", "j", "j"]),  # Textual alone: a, b (rest held)
        ("\x1b[A\x1b[B", ["up", "down"]),
        ("\x1b[5~\x1bOP", ["pageup", "f1"]),
        ("\x1b\x1b", ["escape"]),
    ],
)
def test_esc_then_a_key_in_one_read_is_esc_then_the_key(data: str, expected: list[str]) -> None:
    """One read holding Esc and a key: both keys, as one by one; sequences are untouched."""
    assert keys(BurstParser(), data) == expected


def test_the_unamended_parser_gets_it_wrong() -> None:
    """Why BurstParser exists: Textual's parser turns Esc, r, more bytes into ^ and r."""
    assert keys(XTermParser(), "\x1br\x1b[A") == ["circumflex_accent", "r", "up"]


def test_an_esc_inside_a_bracketed_paste_is_left_to_the_paste() -> None:
    """Pasted text is the parser's own business; after the paste, Esc+key is split again."""
    found = keys(BurstParser(), "\x1b[200~a\x1bb\x1b[201~\x1bq")
    assert "Paste" in found and found[-2:] == ["escape", "q"]


def test_alt_key_splits_into_esc_and_the_key() -> None:
    """An ``alt+x`` left (Esc+x ending a read) is routed as Esc, then x."""
    assert [k.key for k in split_alt(events.Key("alt+j", "j"))] == ["escape", "j"]
    assert [k.key for k in split_alt(events.Key("j", "j"))] == ["j"]


def test_install_puts_the_parser_in_the_drivers() -> None:
    """After install, the drivers' input threads build a BurstParser."""
    install_burst_parser()
    for name in DRIVER_MODULES:
        assert importlib.import_module(name).XTermParser is BurstParser


def test_install_makes_the_drivers_decode_leniently() -> None:
    """After install, the drivers' input threads replace undecodable bytes with U+FFFD."""
    install_burst_parser()
    for name in DRIVER_MODULES:
        assert importlib.import_module(name).getincrementaldecoder is lenient_decoder


@pytest.mark.parametrize(
    ("chunks", "expected"),
    [
        ([b"\xff"], "\ufffd"),
        ([b"caf\xe9 j"], "caf\ufffd j"),  # Latin-1
        ([b"\x9b"], "\ufffd"),  # 8-bit CSI
        ([b"\xc3", b"\xa9"], "\u00e9"),  # a real character cut between two reads
        ([b"\xc3", b"j"], "\ufffdj"),
    ],
)
def test_undecodable_bytes_are_a_bad_key(chunks: list[bytes], expected: str) -> None:
    """Textual's decoder raises (and its input thread dies); this one replaces and goes on."""
    decode = lenient_decoder("utf-8")().decode
    text = "".join(decode(chunk) for chunk in chunks)
    assert text == expected
    assert [k for k in keys(BurstParser(), text)]  # the parser takes it as keys


def test_install_for_one_driver_leaves_the_others_unimported() -> None:
    """The explorer's start-up patches the Linux driver's module only: the web and inline
    drivers are not imported for it."""
    code = (
        "import sys\n"
        "from textual.drivers.linux_driver import LinuxDriver\n"
        "from tui.terminal.keys import BurstParser, install_burst_parser\n"
        "install_burst_parser(LinuxDriver)\n"
        "assert sys.modules['textual.drivers.linux_driver'].XTermParser is BurstParser\n"
        "print(sorted(m for m in sys.modules if m.startswith('textual.drivers.')))\n"
    )
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert found.returncode == 0, found.stderr
    assert "web_driver" not in found.stdout and "inline" not in found.stdout

"""Issue 9's bursts in a real terminal: tmux writes all the bytes of a burst in one write.

``tmux send-keys -H`` sends the given bytes to the pane at once, as a laggy SSH link delivers
several keys in one packet. Each burst must do what the same keys do one by one.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.tmux import COMMAND, Tmux, tmux_session

pytestmark = pytest.mark.e2e


def burst(session: Tmux, data: bytes) -> str:
    """Write ``data`` to the pane in one write; return the settled screen."""
    session.send("-H", *(f"{b:02x}" for b in data))
    return session.settle()


def start(session: Tmux) -> None:
    """The explorer at 80x24, on the list."""
    session.start([str(COMMAND)], (80, 24), {"TERM": "xterm-256color"})
    session.wait_for("Kentucky")
    session.settle()


@pytest.mark.parametrize(
    ("keys", "filter_text", "shown"),
    [
        (b"\x7f\r", "te", "Shown 2 of 12"),  # Backspace, Enter: `te` (Tennessee, Texas)
        (b"\x15\r", "", "All states shown"),  # Ctrl+U, Enter: cleared
        (b"\x15ken", "ken", "Shown 1 of 12"),  # Ctrl+U, then typing: Kentucky
    ],
)
def test_burst_in_the_filter_box(tmp_path: Path, keys: bytes, filter_text: str, shown: str) -> None:
    """With the filter `tex` kept, `/` and then a burst edits the box as one by one would."""
    with tmux_session(tmp_path) as session:
        start(session)
        for key in (b"/", b"t", b"e", b"x", b"\r", b"/"):
            burst(session, key)
        screen = burst(session, keys)
        assert shown in screen, screen
        first = screen.splitlines()[0][:40].split()
        if filter_text:
            assert first == [filter_text], screen  # the box, with the text
        else:
            assert "States" in first, screen  # no box: the list's title is the top line


@pytest.mark.parametrize("opener", [b"i", b"?"])
def test_five_j_in_one_write_scroll_five_lines(tmp_path: Path, opener: bytes) -> None:
    """In About or Help, `jjjjj` in one write scrolls as far as five single `j`."""
    screens = []
    for reads in ([b"jjjjj"], [b"j"] * 5):
        with tmux_session(tmp_path) as session:
            start(session)
            burst(session, opener)
            for data in reads:
                screen = burst(session, data)
            screens.append(screen)
            session.keys("q", "q")
    assert screens[0] == screens[1]


def test_slash_over_about_does_nothing(tmp_path: Path) -> None:
    """`/` over About neither opens the filter behind it nor anywhere; q closes, then quits."""
    with tmux_session(tmp_path) as session:
        start(session)
        burst(session, b"i")
        burst(session, b"/q")
        screen = session.settle()
        assert "About this dataset" not in screen
        assert "⏎ Details" in screen.splitlines()[-1], screen  # on the list, no filter box
        burst(session, b"q")
        assert session.wait_exit() == 0

"""Pens: what one cell's style means to a terminal, and the shortest SGR between two of them.

Textual renders every segment as ``CSI codes m text CSI 0 m``: a reset per segment. A pen is the
terminal-visible part of a Rich style (SGR attributes, colours in the console's colour system,
hyperlink), interned, so that cells compare by identity and a change of style costs only the
codes that differ.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from rich.color import ColorSystem
from rich.style import Style

_ATTRIBUTES: tuple[tuple[str, str], ...] = (
    ("bold", "1"),
    ("dim", "2"),
    ("italic", "3"),
    ("underline", "4"),
    ("blink", "5"),
    ("blink2", "6"),
    ("reverse", "7"),
    ("conceal", "8"),
    ("strike", "9"),
    ("underline2", "21"),
    ("frame", "51"),
    ("encircle", "52"),
    ("overline", "53"),
)
"""Rich's style attributes and their SGR codes, in the order Textual emits them."""

_OFF: dict[str, str] = {
    "1": "22",
    "2": "22",
    "3": "23",
    "4": "24",
    "21": "24",
    "5": "25",
    "6": "25",
    "7": "27",
    "8": "28",
    "9": "29",
    "51": "54",
    "52": "54",
    "53": "55",
}
"""The code that turns each attribute off (22 turns off both bold and dim)."""

DEFAULT_FG = "39"
DEFAULT_BG = "49"


@dataclass(frozen=True)
class Pen:
    """The terminal state that draws one cell: attributes, colours and hyperlink."""

    attributes: tuple[str, ...] = ()
    fg: str = DEFAULT_FG
    bg: str = DEFAULT_BG
    link: str = ""
    """The whole OSC 8 opening (``ESC ] 8 ; id=… ; url ESC \\``), empty without a link."""

    def codes(self) -> list[str]:
        """SGR codes that set this pen after a reset."""
        codes = list(self.attributes)
        if self.fg != DEFAULT_FG:
            codes.append(self.fg)
        if self.bg != DEFAULT_BG:
            codes.append(self.bg)
        return codes


PLAIN = Pen()
"""The terminal's state after ``CSI 0 m``: how every frame starts and ends."""

_interned: dict[Pen, Pen] = {PLAIN: PLAIN}


def intern(pen: Pen) -> Pen:
    """The one shared instance equal to ``pen`` (cells then compare by identity)."""
    return _interned.setdefault(pen, pen)


def pen_for(style: Style | None, color_system: ColorSystem) -> Pen:
    """The pen that draws ``style`` in ``color_system``, as Textual's own output would."""
    if style is None:
        return PLAIN
    return _pen_for(style, color_system)


@lru_cache(maxsize=4096)
def _pen_for(style: Style, color_system: ColorSystem) -> Pen:
    attributes = tuple(code for name, code in _ATTRIBUTES if getattr(style, name))
    fg = DEFAULT_FG
    if style.color is not None:
        fg = ";".join(style.color.downgrade(color_system).get_ansi_codes(True))
    bg = DEFAULT_BG
    if style.bgcolor is not None:
        bg = ";".join(style.bgcolor.downgrade(color_system).get_ansi_codes(False))
    link = f"\x1b]8;id={style.link_id};{style.link}\x1b\\" if style.link else ""
    return intern(Pen(attributes, fg, bg, link))


LINK_END = "\x1b]8;;\x1b\\"


@lru_cache(maxsize=8192)
def transition(old: Pen, new: Pen) -> str:
    """The shortest escape sequence that turns a terminal drawing with ``old`` to ``new``."""
    if old is new:
        return ""
    link = ""
    if old.link != new.link:
        link = (LINK_END if old.link else "") + new.link
    return link + _sgr(old, new)


def _sgr(old: Pen, new: Pen) -> str:
    if (old.attributes, old.fg, old.bg) == (new.attributes, new.fg, new.bg):
        return ""
    reset = ["0", *new.codes()]
    delta: list[str] = []
    removed = [code for code in old.attributes if code not in new.attributes]
    offs = list(dict.fromkeys(_OFF[code] for code in removed))
    delta += offs
    for code in new.attributes:
        # 22 clears bold and dim together: set again whichever of them stays.
        if code not in old.attributes or (offs and _OFF.get(code) in offs):
            delta.append(code)
    if old.fg != new.fg:
        delta.append(new.fg)
    if old.bg != new.bg:
        delta.append(new.bg)
    best = min((reset, delta), key=lambda codes: len(";".join(codes)))
    if best == ["0"]:
        return "\x1b[m"
    return f"\x1b[{';'.join(best)}m"

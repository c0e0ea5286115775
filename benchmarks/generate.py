"""Synthetic, valid datasets (schema version 1) of any size, for the benchmarks.

Rows look like real ones: codes such as ``C000123``, place names with some accents, victim
figures (sometimes only the adult/minor breakdown, sometimes none), arrests (sometimes absent),
some notes, quotes and translations; about 200 bytes per ``[[states]]`` table. The output is
deterministic for a given size and seed, and is written under ``benchmarks/data/`` (git-ignored).

Usage: ``python -m benchmarks.generate 100000 [--seed N] [--out PATH]``.
"""

from __future__ import annotations

import argparse
import os
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from tui.dataset.compat import SLOTS

DATA_DIR = Path(__file__).resolve().parent / "data"
GENERATOR_VERSION = 1
"""Bumped whenever the output changes, so that cached files are regenerated."""
DEFAULT_SEED = 20210827
SIZES: dict[str, int] = {"12": 12, "1k": 1_000, "10k": 10_000, "100k": 100_000}

FIRST_NAME = "Alameda Nord"
"""Name of the first row: no letter of :data:`FILTER_QUERIES`, so filtering always moves it."""

FILTER_QUERIES = ("x", "z", "w", "y")
"""One-letter filters the harness types: none is a key binding of the list, each matches some."""

BROAD_QUERY = "e"
"""A one-letter filter that most names match: the worst case for the filtered totals."""

_FIRST = (
    "Saint-Étienne",
    "Rivière",
    "Côte",
    "Mont",
    "Lac",
    "Bois",
    "Val",
    "Plaine",
    "Grand",
    "Haute",
    "Port",
    "Île",
    "Pointe",
    "Château",
    "Forêt",
    "Nouvelle",
    "Sainte-Agnès",
    "São Tomé",
    "Zürich",
    "Gómez",
    "Łódź",
    "Bexley",
    "Wexford",
    "Yellowstone",
    "Aix",
    "Brønderslev",
    "Señora",
    "Ørsted",
)
_SECOND = (
    "Nord",
    "Sud",
    "Est",
    "Ouest",
    "Doré",
    "Vert",
    "Rouge",
    "Haven",
    "Ridge",
    "Falls",
    "Creek",
    "Springs",
    "Hollow",
    "Valley",
    "Mesa",
    "Bluff",
    "Crossing",
    "Marais",
)
_NOTES = (
    "No victim figure is reported.",
    "The source gives adult and minor victims separately.",
    "Seized cash: the amount is not stated.",
    "Not named among the participating police services.",
)


@dataclass(frozen=True, **SLOTS)
class Row:
    """One synthetic state, as written to the file (None: key left out)."""

    code: str
    name: str
    victims_rescued: int | None
    victims_adult: int | None
    victims_minor: int | None
    arrests: int | None
    medical_services: int | None
    notes: tuple[str, ...]
    quote: str | None
    translation: str | None


def rows(count: int, seed: int = DEFAULT_SEED) -> Iterator[Row]:
    """Yield ``count`` deterministic, valid rows."""
    rng = random.Random(seed)
    for i in range(count):
        name = FIRST_NAME if i == 0 else f"{rng.choice(_FIRST)} {rng.choice(_SECOND)}"
        rescued: int | None = None
        adult: int | None = None
        minor: int | None = None
        kind = rng.random()
        if kind < 0.15:
            pass  # victims not reported
        elif kind < 0.25:
            adult, minor = rng.randint(0, 30), rng.randint(0, 5)  # rescued derived from these
        elif kind < 0.40:
            adult, minor = rng.randint(0, 30), rng.randint(0, 5)
            rescued = adult + minor
        else:
            rescued = rng.randint(0, 40)
        arrests = None if rng.random() < 0.1 else rng.randint(0, 60)
        medical = rng.randint(0, rescued) if rescued is not None and rng.random() < 0.05 else None
        notes: tuple[str, ...] = ()
        if rng.random() < 0.3:
            notes = (rng.choice(_NOTES),)
        quote: str | None = None
        translation: str | None = None
        if rng.random() < 0.75:
            quote = f"{name} : {_show(rescued)} victimes secourues, {_show(arrests)} arrestations"
            if rng.random() < 0.7:
                translation = f"{name}: {_show(rescued)} victims rescued, {_show(arrests)} arrests"
        yield Row(
            f"C{i:06d}",
            name,
            rescued,
            adult,
            minor,
            arrests,
            medical,
            notes,
            quote,
            translation,
        )


def _show(value: int | None) -> str:
    return "?" if value is None else str(value)


def _string(value: str) -> str:
    """A TOML basic string (the generated text has no control characters)."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def generate(count: int, seed: int = DEFAULT_SEED) -> str:
    """Return the text of a valid dataset with ``count`` states."""
    body: list[str] = []
    totals = {"victims_rescued": 0, "arrests": 0, "medical_services": 0}
    for row in rows(count, seed):
        lines = ["[[states]]", f'code = "{row.code}"', f"name = {_string(row.name)}"]
        for key in ("victims_rescued", "victims_adult", "victims_minor", "arrests"):
            value = getattr(row, key)
            if value is not None:
                lines.append(f"{key} = {value}")
        if row.medical_services is not None:
            lines.append(f"medical_services = {row.medical_services}")
        if row.quote is not None:
            lines.append(f"quote = {_string(row.quote)}")
        if row.translation is not None:
            lines.append(f"translation = {_string(row.translation)}")
        if row.notes:
            lines.append(f"notes = [{', '.join(_string(n) for n in row.notes)}]")
        body.append("\n".join(lines))
        rescued = row.victims_rescued
        if rescued is None and row.victims_adult is not None and row.victims_minor is not None:
            rescued = row.victims_adult + row.victims_minor
        totals["victims_rescued"] += rescued or 0
        totals["arrests"] += row.arrests or 0
        totals["medical_services"] += row.medical_services or 0
    head = [
        f"# Synthetic benchmark dataset: {count} states, seed {seed}, "
        f"generator version {GENERATOR_VERSION}.",
        "schema_version = 1",
        "",
        "[operation]",
        f'name = "Synthetic Operation ({count:,} states)"',
        'summary = "Generated by benchmarks/generate.py; the figures are made up."',
        "",
        "[source]",
        'title = "Synthetic source for benchmarks"',
        'language = "fr"',
        "",
        "[reported]",
        f"states = {count}",
        f"victims_rescued = {totals['victims_rescued']}",
        f"arrests = {totals['arrests']}",
        f"medical_services = {totals['medical_services']}",
        "",
    ]
    return "\n".join(head) + "\n" + "\n\n".join(body) + "\n"


def default_path(count: int, seed: int = DEFAULT_SEED) -> Path:
    """Where the dataset of ``count`` rows is cached."""
    return DATA_DIR / f"synthetic-{count}-s{seed}-v{GENERATOR_VERSION}.toml"


def ensure(count: int, seed: int = DEFAULT_SEED, path: Path | None = None) -> Path:
    """Write the dataset to ``path`` (default: the cache) unless it is already there."""
    target = path if path is not None else default_path(count, seed)
    if path is None and target.is_file():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    temporary.write_text(generate(count, seed), encoding="utf-8")
    os.replace(temporary, target)
    return target


def _count(text: str) -> int:
    """Parse ``12``, ``1k``, ``10k``, ``100k`` or any integer."""
    if text in SIZES:
        return SIZES[text]
    value = int(text.replace("_", ""))
    if value < 1:
        raise argparse.ArgumentTypeError("the number of rows must be at least 1")
    return value


def main(argv: list[str] | None = None) -> int:
    """Command line: write one synthetic dataset and print its path."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.generate", description=__doc__)
    parser.add_argument("rows", type=_count, help="number of states: 12, 1k, 10k, 100k or N")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="random seed")
    parser.add_argument("--out", type=Path, help="output path (default: benchmarks/data/...)")
    args = parser.parse_args(argv)
    path = ensure(args.rows, args.seed, args.out)
    print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

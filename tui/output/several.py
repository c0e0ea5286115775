"""Exports of several operations at once (``--data`` given more than once). Pure Python.

Each format keeps its single-operation shape inside: CSV gains a leading ``operation`` column,
JSON wraps each operation's document in ``{"operations": [...]}``, Markdown puts the reports
one after another.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Sequence

from tui.dataset import Dataset
from tui.output.export import neutralise, to_csv, to_document, to_markdown


def several_csv(datasets: Sequence[Dataset], raw: bool = False) -> str:
    """One CSV: the operation's name, then the single-operation columns, for every state.

    Formula-like cells are neutralised, the operation's name included, unless ``raw``.
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for n, dataset in enumerate(datasets):
        rows = csv.reader(io.StringIO(to_csv(dataset, raw=raw), newline=""))
        header = next(rows)
        if n == 0:
            writer.writerow(["operation", *header])
        name = dataset.operation.name if raw else neutralise(dataset.operation.name)
        writer.writerows([name, *row] for row in rows)
    return out.getvalue()


def several_json(datasets: Sequence[Dataset]) -> str:
    """One JSON document: ``{"operations": [single-operation document, ...]}``."""
    document = {"operations": [to_document(d) for d in datasets]}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def several_markdown(datasets: Sequence[Dataset]) -> str:
    """The single-operation reports, separated by a rule."""
    return "\n---\n\n".join(to_markdown(d) for d in datasets)


SEVERAL: dict[str, Callable[[Sequence[Dataset]], str]] = {
    "csv": several_csv,
    "json": several_json,
    "markdown": several_markdown,
}
"""Export functions for several datasets, by format name."""

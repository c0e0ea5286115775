"""SVG export: well-formed, standalone, titled, with legend and source; it draws (PNG)."""

from __future__ import annotations

import shutil
import subprocess
import warnings
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.png import png_pixels
from tests.unit.helpers import run_cli
from tui.cli.main import EXIT_INVALID, EXIT_OK, EXIT_USAGE
from tui.dataset import Dataset, State
from tui.output.svg import bars_svg, map_svg, to_svg

NS = "{http://www.w3.org/2000/svg}"


def parse(text: str) -> ET.Element:
    """Parse an SVG document (fails the test on malformed XML)."""
    root = ET.fromstring(text)
    assert root.tag == f"{NS}svg"
    return root


def texts(root: ET.Element) -> list[str]:
    """Every text element's content, in document order."""
    return [el.text or "" for el in root.iter(f"{NS}text")]


def assert_standalone(text: str) -> None:
    """Nothing fetched from elsewhere: no links, scripts, images, imported fonts or styles."""
    lowered = text.lower()
    for needle in ("<script", "href", "<image", "@import", "@font-face", "url(http", "<style"):
        assert needle not in lowered, needle


@pytest.mark.parametrize("view", ["map", "bars"])
def test_svg_is_titled_with_legend_and_source(dataset: Dataset, view: str) -> None:
    """Title element and heading, a legend, and the source line built from the dataset."""
    text = to_svg(dataset, view)
    root = parse(text)
    assert_standalone(text)
    title = root.find(f"{NS}title")
    assert title is not None and title.text == "Operation United Front: results by state"
    words = " ".join(texts(root))
    assert "Source: Epoch Times (French edition), Allen Zhong, 1 September 2021" in words
    assert "Missouri Attorney General" in words
    assert "not reported" in words
    assert float(root.attrib["width"]) > 0 and float(root.attrib["height"]) > 0


def test_map_svg_tiles(dataset: Dataset) -> None:
    """Two panels (victims, arrests) of 51 tiles; Kentucky 23 (contested: ‡) and 46; Nebraska
    hatched, a dash."""
    root = parse(map_svg(dataset))
    labels = texts(root)
    assert labels.count("KY") == 2 and labels.count("CA") == 2
    assert "23‡" in labels and "46" in labels and "—" in labels
    hatched = [r for r in root.iter(f"{NS}rect") if r.attrib["fill"] == "url(#not-reported)"]
    # Victims: WI, SD, IA, NE, TN not reported, plus the legend's swatch in each panel.
    assert len(hatched) == 5 + 2
    assert root.find(f".//{NS}pattern[@id='not-reported']") is not None
    for legend in ("1–5", "18–23", "1–11", "35–46", "not in the operation"):
        assert legend in labels


def test_bars_svg_rows(dataset: Dataset) -> None:
    """One row per state with figure and share; no bar for not reported; Kentucky split."""
    root = parse(bars_svg(dataset))
    labels = texts(root)
    assert "Kentucky (KY)" in labels and "23‡ (48.9%)" in labels and "46 (45.1%)" in labels
    assert labels.count("— not reported") == 5
    bars = [r for r in root.iter(f"{NS}rect") if float(r.attrib["height"]) == 14]
    # 7 victims bars (Kentucky in two parts: 8 shapes), 12 arrests bars, 3 legend swatches.
    assert len(bars) == 8 + 12 + 3
    assert all(float(r.attrib["width"]) > 0 for r in bars)


def test_text_from_the_dataset_is_escaped() -> None:
    """Names with markup characters stay text; unplaceable codes are listed."""
    from tui.dataset import Operation, Reported, Source

    dataset = Dataset(
        Operation("Op <b>&</b>"),
        Source("T <i>"),
        Reported(),
        (State("QC", 'Qué"bec <x/>', victims_rescued=3), State("MO", "Missouri", arrests=1)),
    )
    for view in ("map", "bars"):
        root = parse(to_svg(dataset, view))
        words = " ".join(texts(root))
        assert "Op <b>&</b>" in words
    assert "Not on the map (1 code, not a US state): QC" in " ".join(texts(parse(map_svg(dataset))))
    assert 'Qué"bec <x/> (QC)' in texts(parse(bars_svg(dataset)))


def test_cli_svg_to_file(tmp_path: Path) -> None:
    """``export --format svg --view bars -o`` writes atomically and refuses to overwrite."""
    target = tmp_path / "bars.svg"
    result = run_cli("export", "--format", "svg", "--view", "bars", "-o", str(target))
    assert result.returncode == EXIT_OK, result.stderr
    parse(target.read_text(encoding="utf-8"))
    before = target.read_bytes()
    again = run_cli("export", "--format", "svg", "-o", str(target))
    assert again.returncode == EXIT_INVALID and "exists" in again.stderr
    assert target.read_bytes() == before  # the bar chart, not replaced by the map
    assert "Victims rescued (share of 47)" in before.decode("utf-8")
    default = run_cli("export", "--format", "svg")
    assert default.returncode == EXIT_OK and "Arrests" in default.stdout
    assert len(list(parse(default.stdout).iter(f"{NS}rect"))) > 102


def test_view_needs_svg() -> None:
    """``--view`` with another format is a usage error."""
    result = run_cli("export", "--format", "csv", "--view", "map")
    assert result.returncode == EXIT_USAGE
    assert "--view" in result.stderr and result.stdout == ""


# -- rendering --------------------------------------------------------------------------------


@pytest.mark.parametrize("view", ["map", "bars"])
def test_svg_renders_to_a_non_blank_png(dataset: Dataset, tmp_path: Path, view: str) -> None:
    """rsvg-convert (librsvg, installed by .ci/run) draws it: many colours, Kentucky's dark."""
    if shutil.which("rsvg-convert") is None:
        reason = "NOT TESTED: rsvg-convert not installed; run .ci/run (librsvg2-bin)"
        warnings.warn(reason, stacklevel=1)
        pytest.skip(reason)
    svg = tmp_path / f"{view}.svg"
    svg.write_text(to_svg(dataset, view), encoding="utf-8")
    png = tmp_path / f"{view}.png"
    subprocess.run(["rsvg-convert", str(svg), "-o", str(png)], check=True, timeout=60)
    width, height, rows = png_pixels(png.read_bytes())
    assert width > 300 and height > 300
    bpp = len(rows[0]) // width
    pixels = [row[i : i + 3] for row in rows[::4] for i in range(0, len(row), bpp * 4)]
    white = sum(1 for p in pixels if p == b"\xff\xff\xff")
    assert white < 0.95 * len(pixels), "the PNG is (almost) blank"
    assert len(set(pixels)) > 20, "too few colours: the chart did not draw"
    darkest = b"\x08\x30\x6b" if view == "map" else b"\xd9\x48\x01"
    assert darkest in set(pixels), "the darkest shade (map) or an arrests bar is missing"

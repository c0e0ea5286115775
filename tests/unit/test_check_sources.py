"""``check``'s agreement summary, and ``check --source ID=FILE`` against a source's text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.unit.helpers import ARTICLE, CLAIM, HEAD_V2, line_of, state
from tui.cli.main import EXIT_OK, EXIT_USAGE, main
from tui.dataset.resources import bundled_dataset
from tui.dataset.verify import appears

Capsys = pytest.CaptureFixture[str]

needs_article = pytest.mark.skipif(not ARTICLE.is_file(), reason=f"article not at {ARTICLE}")


def write(tmp_path: Path, name: str, text: str) -> Path:
    """Write ``text`` to ``tmp_path/name``."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# -- the summary ------------------------------------------------------------------------------


def test_check_summarises_where_the_sources_disagree(capsys: Capsys) -> None:
    """Contested figures with who says each value, and each source's own sums; still exit 0."""
    assert main(["check"]) == EXIT_OK
    out = capsys.readouterr().out
    assert "10 sources; main: et-fr (Epoch Times (French edition))" in out
    assert "Where the sources disagree:" in out
    assert (
        "    Operation, Victims rescued: 47 (et-fr, et-en, mo-ago, ap, ia-dps, hill); "
        "59 (ky-gov, fox)\n" in out
    )
    assert "    Oklahoma, Arrests: 7 (et-fr, et-en); 13 (ky-gov)\n" in out
    ky = next(line for line in out.splitlines() if "ky-gov  Victims rescued" in line)
    assert ky.split() == [
        "ky-gov", "Victims", "rescued", "57", "(9", "of", "12", "states)",
        "total", "59", "⚠", "does", "not", "add", "up",
    ]  # fmt: skip


def test_check_of_a_single_source_file_says_nothing_of_agreement(
    tmp_path: Path, capsys: Capsys
) -> None:
    """Schema 1: one source, nothing to compare, the summary as before."""
    from tests.unit.helpers import REPO

    path = REPO / "tests" / "data" / "schema1" / "operation-united-front.toml"
    assert main(["check", str(path)]) == EXIT_OK
    out = capsys.readouterr().out
    assert "sources; main" not in out and "disagree" not in out


def test_check_when_every_source_agrees(tmp_path: Path, capsys: Capsys) -> None:
    """Two sources, one value: said in one line."""
    path = write(tmp_path, "a.toml", HEAD_V2 + state(arrests="5") + CLAIM)
    assert main(["check", str(path)]) == EXIT_OK
    assert "The sources agree on every figure they share." in capsys.readouterr().out


def test_check_json_carries_the_agreement(capsys: Capsys) -> None:
    """``--format json``: per file, the contested figures and the sum checks."""
    assert main(["check", "--format", "json"]) == EXIT_OK
    (report,) = json.loads(capsys.readouterr().out)["files"]
    found = report["agreement"]
    assert found["main_source"] == "et-fr"
    assert len(found["sources"]) == 10
    oklahoma = next(c for c in found["contested"] if c["state"] == "OK")
    assert oklahoma == {
        "state": "OK",
        "figure": "arrests",
        "values": [
            {"value": 7, "sources": ["et-fr", "et-en"]},
            {"value": 13, "sources": ["ky-gov"]},
        ],
    }
    assert {"state": None, "figure": "victims_rescued"}.items() <= found["contested"][0].items()
    ky = [c for c in found["sum_checks"] if c["source"] == "ky-gov"]
    assert {
        "figure": "victims_rescued",
        "states_sum": 57,
        "stated": 59,
        "status": "differs",
    }.items() <= ky[0].items()


# -- --source -----------------------------------------------------------------------------------


@needs_article
def test_the_bundled_dataset_quotes_the_article_exactly(capsys: Capsys) -> None:
    """Every quote of the main source is in the article, every stated figure in its quote."""
    assert main(["check", "--source", f"et-fr={ARTICLE}"]) == EXIT_OK
    assert capsys.readouterr().err == ""


@needs_article
def test_a_plain_space_for_a_narrow_no_break_space_is_a_located_warning(
    tmp_path: Path, capsys: Capsys
) -> None:
    """``Missouri :`` with U+0020 where the article has U+202F: the quote's line, the code
    points, exit 0 (a warning, not an error)."""
    text = bundled_dataset().read_text(encoding="utf-8")
    text = text.replace("Missouri\u202f: 4 victimes", "Missouri : 4 victimes")
    path = write(tmp_path, "d.toml", text)
    assert main(["check", "--source", f"et-fr={ARTICLE}", str(path)]) == EXIT_OK
    err = capsys.readouterr().err.splitlines()
    assert err == [
        f"{path}:{line_of(text, 'Missouri : 4 victimes')}: states[MO].quote: warning: the quote "
        "is not in the text of source 'et-fr': it differs at character 9: U+0020 where the "
        "source has U+202F"
    ]


@needs_article
def test_a_figure_missing_from_its_quote_is_a_warning_naming_it(
    tmp_path: Path, capsys: Capsys
) -> None:
    """Oklahoma's arrests changed to 13: its quote says 7, so the figure is flagged."""
    text = bundled_dataset().read_text(encoding="utf-8")
    start = text.index('code = "OK"')
    end = text.index("arrests = 7", start)
    text = text[:end] + "arrests = 13" + text[end + len("arrests = 7") :]
    path = write(tmp_path, "d.toml", text)
    assert main(["check", "--source", f"et-fr={ARTICLE}", str(path)]) == EXIT_OK
    (line,) = capsys.readouterr().err.splitlines()
    assert line == (
        f"{path}:{line_of(text, 'arrests = 13')}: states[OK].arrests: warning: arrests (13) "
        "does not appear in its quote (states[OK].quote)"
    )


@needs_article
def test_source_warnings_in_json(tmp_path: Path, capsys: Capsys) -> None:
    """``--format json --source``: the misses are warnings of the file."""
    text = (
        bundled_dataset().read_text(encoding="utf-8").replace("46 arrestations", "45 arrestations")
    )
    path = write(tmp_path, "d.toml", text)
    assert main(["check", "--format", "json", "--source", f"et-fr={ARTICLE}", str(path)]) == EXIT_OK
    document = json.loads(capsys.readouterr().out)
    fields = {(d["field"], d["severity"]) for d in document["diagnostics"]}
    assert ("states[KY].quote", "warning") in fields
    assert ("states[KY].arrests", "warning") in fields


def test_a_claim_quote_is_checked_against_its_own_source(tmp_path: Path, capsys: Capsys) -> None:
    """A claim's quote is the claim source's: checked with that source's text only."""
    quoted = CLAIM.replace('locator = "table, row 1"', 'locator = "row"\nquote = "Five arrests."')
    head = HEAD_V2.replace('"Another report"', '"Another report"\nlanguage = "en"')
    path = write(tmp_path, "d.toml", head + state(arrests="4") + quoted)
    other = write(tmp_path, "other.txt", "The table: Five arrests.")
    assert main(["check", "--source", f"other={other}", str(path)]) == EXIT_OK
    assert capsys.readouterr().err == ""
    # The main source's text does not contain the claim's quote, but it is not checked there.
    main_text = write(tmp_path, "main.txt", "nothing")
    assert main(["check", "--source", f"main={main_text}", str(path)]) == EXIT_OK
    assert capsys.readouterr().err == ""
    wrong = write(tmp_path, "wrong.txt", "The table: Six arrests.")
    assert main(["check", "--source", f"other={wrong}", str(path)]) == EXIT_OK
    (line,) = capsys.readouterr().err.splitlines()
    assert "states[KY].claims[0].quote: warning: the quote is not in the text" in line


@pytest.mark.parametrize(
    ("argument", "message"),
    [
        ("et-fr", "--source expects ID=FILE"),
        ("=x", "--source expects ID=FILE"),
        ("et-fr=/nonexistent/article.txt", "cannot read /nonexistent/article.txt"),
    ],
)
def test_source_usage_errors(argument: str, message: str, capsys: Capsys) -> None:
    """A malformed or unreadable --source is a usage error (exit 2), one line."""
    assert main(["check", "--source", argument]) == EXIT_USAGE
    assert message in capsys.readouterr().err


def test_source_id_no_dataset_has(tmp_path: Path, capsys: Capsys) -> None:
    """An id no checked dataset has: exit 2, naming the ids there are."""
    text = write(tmp_path, "t.txt", "text")
    assert main(["check", "--source", f"nobody={text}"]) == EXIT_USAGE
    err = capsys.readouterr().err
    assert "no dataset has a source 'nobody'" in err and "ky-gov" in err


def test_source_text_not_utf8(tmp_path: Path, capsys: Capsys) -> None:
    """A source file that is not UTF-8: exit 2 with the byte offset."""
    path = tmp_path / "latin1.txt"
    path.write_bytes("Missouri : 4 victimes sauvées".encode("latin-1"))
    assert main(["check", "--source", f"et-fr={path}"]) == EXIT_USAGE
    assert "is not valid UTF-8 (byte 26)" in capsys.readouterr().err


# -- numbers in quotes --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "text", "language", "expected"),
    [
        (1883, "Selon les données du\xa0FBI, 1\xa0883\xa0infractions", "fr", True),
        (1883, "1,883 offences", "en", True),
        (1883, "1883 offences", "en", True),
        (18, "118 infractions", "fr", False),
        (18, "moins de 18\xa0ans", "fr", True),
        (1, "Oklahoma\u202f: 1 victime secourue", "fr", True),
        (1, "une victime secourue", "fr", True),
        (1, "une victime secourue", "en", False),
        (2, "two minors", "en", True),
        (12, "douze États", "fr", True),
        (12, "Douze États", "fr", True),
        (7, "17 arrests", "en", False),
        (0, "aucune arrestation", "fr", True),
    ],
)
def test_a_figure_appears_as_digits_or_words(
    value: int, text: str, language: str, expected: bool
) -> None:
    """Digits (grouped by any space, comma or dot) or a number word of the source's language."""
    assert appears(value, text, language) is expected

"""Schema version 1: turn a parsed TOML document into a :class:`Dataset`, or list every problem.

Every error carries the field path (``states[KY].arrests``) and the key path used to find its
line. Validation goes on after an error so that one run reports everything.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, cast

from tui.dataset.locate import Parts
from tui.dataset.model import (
    Agency,
    ContextFigure,
    Dataset,
    Fact,
    Level,
    Operation,
    Reported,
    Role,
    Source,
    State,
)
from tui.dataset.text import LINE_BREAK, UNSAFE, first_line_break, first_unsafe, is_prose, printable
from tui.i18n import _, number

SCHEMA_VERSION = 1
MAX_INT = 2**53
"""Largest figure accepted: beyond it, JSON consumers lose integer precision."""
MAX_STRING = 10_000
"""Longest string accepted, in characters (a long quote is a few hundred)."""
MAX_LIST = 200
"""Most entries in a list of strings (notes) or of agency state codes."""
MAX_CODE = 16

TOP_KEYS = ("schema_version", "operation", "source", "reported", "agencies", "states", "context")
OPERATION_KEYS = (
    "name",
    "local_name",
    "announced",
    "announced_by",
    "announced_by_title",
    "summary",
    "facts",
    "notes",
)
FACT_KEYS = ("topic", "text", "quote", "translation")
SOURCE_KEYS = ("title", "publisher", "author", "published", "language", "url", "reports_on")
REPORTED_KEYS = (
    "states",
    "victims_rescued",
    "arrests",
    "medical_services",
    "quote",
    "translation",
    "victims_note",
)
AGENCY_KEYS = ("name", "level", "role", "states", "quote", "translation")
LEVELS = ("federal", "state", "local")
ROLES = ("lead", "participant", "partner")
CONTEXT_KEYS = ("figures", "notes")
FIGURE_KEYS = ("label", "value", "year", "attributed_to", "quote", "translation")
STATE_KEYS = (
    "code",
    "name",
    "local_name",
    "aliases",
    "victims_rescued",
    "victims_adult",
    "victims_minor",
    "arrests",
    "medical_services",
    "notes",
    "quote",
    "translation",
)
_STATE_KEYSET = frozenset(STATE_KEYS)
_STATE_INTS = ("victims_rescued", "victims_adult", "victims_minor", "arrests", "medical_services")
_CODE_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-")
_BARE_KEY = re.compile("[A-Za-z0-9_-]+")

Issue = tuple[Parts, str, str]
"""(key path for locating, field path for display, message)."""


def _close_matches(word: str, options: tuple[str, ...], n: int, cutoff: float = 0.6) -> list[str]:
    """difflib's suggestions, imported only when there is a mistake to suggest for."""
    import difflib

    return difflib.get_close_matches(word, options, n=n, cutoff=cutoff)


def _type_name(value: object) -> str:
    """Name a TOML value's type the way the format documentation does."""
    if isinstance(value, bool):
        return _("a boolean")
    if isinstance(value, int):
        return _("an integer")
    if isinstance(value, float):
        return _("a float")
    if isinstance(value, str):
        return _("a string")
    if isinstance(value, list):
        return _("an array")
    if isinstance(value, dict):
        return _("a table")
    if isinstance(value, dt.datetime):
        return _("a date-time")
    if isinstance(value, dt.date):
        return _("a date")
    if isinstance(value, dt.time):
        return _("a time")
    return type(value).__name__


class Validator:
    """Collects issues while building the model from one parsed document."""

    def __init__(self) -> None:
        self.issues: list[Issue] = []
        self.codes: dict[str, int] = {}
        """Well-formed, distinct state codes seen (even of states with other errors)."""
        self.bad_codes: dict[str, int] = {}
        """Codes refused by the state check, by state index: agencies naming one are follow-ups."""

    def fail(self, parts: Parts, field: str, message: str) -> None:
        """Record one problem."""
        self.issues.append((parts, field, message))

    # -- generic checks -------------------------------------------------------------------

    def keys(self, raw: dict[str, Any], allowed: tuple[str, ...], parts: Parts, label: str) -> None:
        """Report keys of ``raw`` that the schema does not know, with a "did you mean" hint."""
        for key in raw:
            if key in allowed:
                continue
            hint = _close_matches(key, allowed, n=1, cutoff=0.6)
            more = (
                _("; did you mean '{hint}'?").format(hint=hint[0])
                if hint
                else " " + _("(expected one of: {keys})").format(keys=", ".join(allowed))
            )
            shown = _key_label(key)
            where = f"{label}.{shown}" if label else shown
            unknown = _("unknown key '{key}'").format(key=printable(key, 40))
            self.fail((*parts, key), where, unknown + more)

    def table(self, raw: object, parts: Parts, label: str, required: bool) -> dict[str, Any] | None:
        """Return ``raw`` when it is a table; report it missing or mistyped otherwise."""
        if raw is None:
            if required:
                self.fail(parts, label, _("is required"))
            return None
        if not isinstance(raw, dict):
            self.fail(parts, label, _("must be a table, not {kind}").format(kind=_type_name(raw)))
            return None
        return raw

    def string(
        self, raw: dict[str, Any], key: str, parts: Parts, label: str, required: bool = False
    ) -> str | None:
        """Return the string at ``raw[key]``, checking type, emptiness, length and characters."""
        value = raw.get(key)
        field = f"{label}.{key}" if label else key
        if value is None:
            if required:
                self.fail((*parts, key), field, _("is required"))
            return None
        return self.check_string(value, (*parts, key), field, required)

    def check_string(self, value: object, parts: Parts, field: str, required: bool) -> str | None:
        """Check one string value (also used for list entries)."""
        if not isinstance(value, str):
            self.fail(
                parts, field, _("must be a string, not {kind}").format(kind=_type_name(value))
            )
            return None
        if required and not value.strip():
            self.fail(parts, field, _("must not be empty"))
            return None
        if len(value) > MAX_STRING:
            self.fail(
                parts,
                field,
                _("is {length} characters long; the limit is {limit}").format(
                    length=number(len(value)), limit=number(MAX_STRING)
                ),
            )
            return None
        if UNSAFE.search(value):
            self.fail(
                parts,
                field,
                _("contains a control or bidi character ({which})").format(
                    which=first_unsafe(value)
                ),
            )
            return None
        if not is_prose(_key_of(parts)) and LINE_BREAK.search(value):
            self.fail(
                parts,
                field,
                _("must be one line: it contains a tab or line break ({which})").format(
                    which=first_line_break(value)
                ),
            )
            return None
        return value

    def strings(self, raw: dict[str, Any], key: str, parts: Parts, label: str) -> tuple[str, ...]:
        """Return the list of strings at ``raw[key]`` (absent: empty)."""
        value = raw.get(key)
        field = f"{label}.{key}"
        if value is None:
            return ()
        if not isinstance(value, list):
            self.fail(
                (*parts, key),
                field,
                _("must be an array of strings, not {kind}").format(kind=_type_name(value)),
            )
            return ()
        if len(value) > MAX_LIST:
            self.fail(
                (*parts, key),
                field,
                _("has {count} entries; the limit is {limit}").format(
                    count=number(len(value)), limit=number(MAX_LIST)
                ),
            )
            return ()
        out: list[str] = []
        for i, item in enumerate(value):
            checked = self.check_string(item, (*parts, key, i), f"{field}[{i}]", True)
            if checked is not None:
                out.append(checked)
        return tuple(out)

    def integer(self, raw: dict[str, Any], key: str, parts: Parts, label: str) -> int | None:
        """Return the non-negative integer at ``raw[key]``; absent means *not reported*."""
        value = raw.get(key)
        if value is None:
            return None
        return self.check_int(value, (*parts, key), f"{label}.{key}")

    def check_int(self, value: object, parts: Parts, field: str) -> int | None:
        """Check one figure: a non-negative integer no larger than 2^53."""
        if type(value) is not int:
            hint = (
                " " + _("(leave the key out when the source does not report it)")
                if value == ""
                else ""
            )
            message = _("must be a whole number, not {kind}").format(kind=_type_name(value))
            self.fail(parts, field, message + hint)
            return None
        if value < 0:
            self.fail(
                parts,
                field,
                _("must not be negative (got {value})").format(value=_int_text(value, 30)),
            )
            return None
        if value > MAX_INT:
            self.fail(
                parts,
                field,
                _("is implausibly large (more than 2^53): {value}").format(
                    value=_int_text(value, 30)
                ),
            )
            return None
        return value

    def choice(
        self,
        raw: dict[str, Any],
        key: str,
        options: tuple[str, ...],
        parts: Parts,
        label: str,
        required: bool,
    ) -> str | None:
        """Return ``raw[key]`` when it is one of ``options``."""
        value = self.string(raw, key, parts, label, required)
        if value is None:
            return None
        if value not in options:
            hint = _close_matches(value, options, n=1)
            more = _("; did you mean '{hint}'?").format(hint=hint[0]) if hint else ""
            self.fail(
                (*parts, key),
                f"{label}.{key}",
                _("must be one of {options}, not '{value}'").format(
                    options=", ".join(options), value=printable(value, 40)
                )
                + more,
            )
            return None
        return value

    def date(
        self, raw: dict[str, Any], key: str, parts: Parts, label: str, allow_time: bool
    ) -> dt.date | None:
        """Return a TOML date (or, with ``allow_time``, a date-time)."""
        value = raw.get(key)
        if value is None:
            return None
        if isinstance(value, dt.datetime) and allow_time:
            return value
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return value
        if allow_time:
            message = _("must be a date or date-time, not {kind}")
        else:
            message = _("must be a date (YYYY-MM-DD, unquoted), not {kind}")
        self.fail((*parts, key), f"{label}.{key}", message.format(kind=_type_name(value)))
        return None

    def array_of_tables(self, raw: object, parts: Parts, label: str) -> list[dict[str, Any] | None]:
        """Return the entries of an array of tables, None for entries that are not tables."""
        if raw is None:
            return []
        if not isinstance(raw, list):
            self.fail(
                parts,
                label,
                _("must be an array of tables, not {kind}").format(kind=_type_name(raw)),
            )
            return []
        out: list[dict[str, Any] | None] = []
        for i, item in enumerate(raw):
            out.append(self.table(item, (*parts, i), f"{label}[{i}]", True))
        return out

    # -- sections -------------------------------------------------------------------------

    def operation(self, raw: object) -> Operation | None:
        """Validate ``[operation]``."""
        table = self.table(raw, ("operation",), "operation", True)
        if table is None:
            return None
        p, lb = ("operation",), "operation"
        self.keys(table, OPERATION_KEYS, p, lb)
        facts: list[Fact] = []
        for i, item in enumerate(
            self.array_of_tables(table.get("facts"), (*p, "facts"), f"{lb}.facts")
        ):
            if item is None:
                continue
            fp, fl = (*p, "facts", i), f"{lb}.facts[{i}]"
            self.keys(item, FACT_KEYS, fp, fl)
            topic = self.string(item, "topic", fp, fl, True)
            text = self.string(item, "text", fp, fl, True)
            quote = self.string(item, "quote", fp, fl)
            translation = self.string(item, "translation", fp, fl)
            if topic is not None and text is not None:
                facts.append(Fact(topic, text, quote, translation))
        name = self.string(table, "name", p, lb, True)
        result = Operation(
            name=name or "",
            local_name=self.string(table, "local_name", p, lb),
            announced=self.date(table, "announced", p, lb, allow_time=False),
            announced_by=self.string(table, "announced_by", p, lb),
            announced_by_title=self.string(table, "announced_by_title", p, lb),
            summary=self.string(table, "summary", p, lb),
            facts=tuple(facts),
            notes=self.strings(table, "notes", p, lb),
        )
        return result if name is not None else None

    def source(self, raw: object) -> Source | None:
        """Validate ``[source]``."""
        table = self.table(raw, ("source",), "source", True)
        if table is None:
            return None
        p, lb = ("source",), "source"
        self.keys(table, SOURCE_KEYS, p, lb)
        title = self.string(table, "title", p, lb, True)
        url = self.string(table, "url", p, lb)
        if url is not None and not url.startswith(("https://", "http://")):
            self.fail((*p, "url"), f"{lb}.url", _("must start with https:// or http://"))
            url = None
        result = Source(
            title=title or "",
            publisher=self.string(table, "publisher", p, lb),
            author=self.string(table, "author", p, lb),
            published=self.date(table, "published", p, lb, allow_time=True),
            language=self.string(table, "language", p, lb),
            url=url,
            reports_on=self.string(table, "reports_on", p, lb),
        )
        return result if title is not None else None

    def reported(self, raw: object) -> Reported:
        """Validate ``[reported]`` (optional: a source may state no headline figures)."""
        table = self.table(raw, ("reported",), "reported", False)
        if table is None:
            return Reported()
        p, lb = ("reported",), "reported"
        self.keys(table, REPORTED_KEYS, p, lb)
        return Reported(
            states=self.integer(table, "states", p, lb),
            victims_rescued=self.integer(table, "victims_rescued", p, lb),
            arrests=self.integer(table, "arrests", p, lb),
            medical_services=self.integer(table, "medical_services", p, lb),
            quote=self.string(table, "quote", p, lb),
            translation=self.string(table, "translation", p, lb),
            victims_note=self.string(table, "victims_note", p, lb),
        )

    def agencies(self, raw: object, codes: set[str]) -> tuple[Agency, ...]:
        """Validate ``[[agencies]]``; their state codes must name states of the dataset."""
        out: list[Agency] = []
        for i, item in enumerate(self.array_of_tables(raw, ("agencies",), "agencies")):
            if item is None:
                continue
            p, lb = ("agencies", i), f"agencies[{i}]"
            self.keys(item, AGENCY_KEYS, p, lb)
            name = self.string(item, "name", p, lb, True)
            level = self.choice(item, "level", LEVELS, p, lb, False)
            role = self.choice(item, "role", ROLES, p, lb, True)
            states = self.strings(item, "states", p, lb)
            for j, code in enumerate(states):
                if code in self.bad_codes:
                    # Not a second mistake: the state's code was refused above. Say so, so that
                    # whoever reads the errors in file order fixes the cause first.
                    cause = self.bad_codes[code]
                    self.fail(
                        (*p, "states", j),
                        f"{lb}.states[{j}]",
                        _(
                            "follows from the error at states[{cause}].code: '{code}' is that "
                            "state's invalid code; fix the state's code first"
                        ).format(cause=cause, code=printable(code, 20)),
                    )
                elif codes and code not in codes:
                    self.fail(
                        (*p, "states", j),
                        f"{lb}.states[{j}]",
                        _("'{code}' is not the code of a state in this dataset").format(
                            code=printable(code, 20)
                        ),
                    )
            quote = self.string(item, "quote", p, lb)
            translation = self.string(item, "translation", p, lb)
            if name is not None and role is not None:
                out.append(
                    Agency(
                        name,
                        cast(Role, role),
                        cast("Level | None", level),
                        states,
                        quote,
                        translation,
                    )
                )
        return tuple(out)

    def context(self, raw: object) -> tuple[tuple[ContextFigure, ...], tuple[str, ...]]:
        """Validate ``[context]``: national figures that frame the operation's."""
        table = self.table(raw, ("context",), "context", False)
        if table is None:
            return (), ()
        p, lb = ("context",), "context"
        self.keys(table, CONTEXT_KEYS, p, lb)
        figures: list[ContextFigure] = []
        entries = self.array_of_tables(table.get("figures"), (*p, "figures"), f"{lb}.figures")
        for i, item in enumerate(entries):
            if item is None:
                continue
            fp, fl = (*p, "figures", i), f"{lb}.figures[{i}]"
            self.keys(item, FIGURE_KEYS, fp, fl)
            label = self.string(item, "label", fp, fl, True)
            value = item.get("value")
            number = self.integer(item, "value", fp, fl)
            if value is None:
                self.fail((*fp, "value"), f"{fl}.value", _("is required"))
            year = self.integer(item, "year", fp, fl)
            attributed = self.string(item, "attributed_to", fp, fl)
            quote = self.string(item, "quote", fp, fl)
            translation = self.string(item, "translation", fp, fl)
            if label is not None and number is not None:
                figures.append(ContextFigure(label, number, year, attributed, quote, translation))
        return tuple(figures), self.strings(table, "notes", p, lb)

    def states(self, raw: object) -> tuple[State, ...]:
        """Validate ``[[states]]``: the hot path, written to stay near-free at 100k rows."""
        if raw is None:
            self.fail(("states",), "states", _("is required: add at least one [[states]] table"))
            return ()
        if not isinstance(raw, list):
            self.fail(
                ("states",),
                "states",
                _("must be an array of tables, not {kind}").format(kind=_type_name(raw)),
            )
            return ()
        if not raw:
            self.fail(("states",), "states", _("must list at least one state"))
            return ()
        out: list[State] = []
        seen = self.codes
        unsafe = UNSAFE.search
        line_break = LINE_BREAK.search
        allowed = _STATE_KEYSET
        for i, row in enumerate(raw):
            # Free each raw table once converted: the model must not hold the data twice.
            raw[i] = None
            if type(row) is not dict:
                self.fail(
                    ("states", i),
                    f"states[{i}]",
                    _("must be a table, not {kind}").format(kind=_type_name(row)),
                )
                continue
            code = row.get("code")
            good_code = (
                type(code) is str and 0 < len(code) <= MAX_CODE and _CODE_CHARS.issuperset(code)
            )
            label = f"states[{code}]" if good_code else f"states[{i}]"
            p: Parts = ("states", i)
            ok = True
            if not allowed.issuperset(row):
                self.keys(row, STATE_KEYS, p, label)
                ok = False
            if not good_code:
                ok = False
                if code is None:
                    self.fail(p, f"{label}.code", _("is required"))
                else:
                    self.fail((*p, "code"), f"{label}.code", _code_problem(code))
                    if type(code) is str:
                        self.bad_codes.setdefault(code, i)
            elif code in seen:
                ok = False
                self.fail(
                    (*p, "code"),
                    f"{label}.code",
                    _("duplicate code '{code}' (first used by states[{first}])").format(
                        code=code, first=seen[code]
                    ),
                )
            else:
                seen[cast(str, code)] = i
            name = row.get("name")
            if (
                type(name) is not str
                or not name.strip()
                or len(name) > MAX_STRING
                or unsafe(name)
                or line_break(name)
            ):
                ok = False
                if name is None:
                    self.fail(p, f"{label}.name", _("is required"))
                else:
                    self.check_string(name, (*p, "name"), f"{label}.name", True)
            figures: list[int | None] = []
            for key in _STATE_INTS:
                value = row.get(key)
                if value is not None and (type(value) is not int or not 0 <= value <= MAX_INT):
                    value = self.check_int(value, (*p, key), f"{label}.{key}")
                    ok = False
                figures.append(value)
            rescued, adult, minor, arrests, medical = figures
            quote = row.get("quote")
            if quote is not None and (
                type(quote) is not str or len(quote) > MAX_STRING or unsafe(quote)
            ):
                ok = False
                self.check_string(quote, (*p, "quote"), f"{label}.quote", False)
            translation = row.get("translation")
            if translation is not None and (
                type(translation) is not str or len(translation) > MAX_STRING or unsafe(translation)
            ):
                ok = False
                self.check_string(translation, (*p, "translation"), f"{label}.translation", False)
            notes: tuple[str, ...] = ()
            local_name: str | None = None
            aliases: tuple[str, ...] = ()
            if "notes" in row or "local_name" in row or "aliases" in row:
                # Optional names and notes are rarer: the generic (slower) checks are fine here.
                count = len(self.issues)
                notes = self.strings(row, "notes", p, label)
                local_name = self.string(row, "local_name", p, label)
                aliases = self.strings(row, "aliases", p, label)
                ok = ok and len(self.issues) == count
            derived = False
            if adult is not None or minor is not None:
                if rescued is None:
                    if adult is not None and minor is not None:
                        rescued, derived = adult + minor, True
                elif (adult or 0) + (minor or 0) > rescued or (
                    adult is not None and minor is not None and adult + minor != rescued
                ):
                    ok = False
                    self.fail(
                        (*p, "victims_rescued"),
                        f"{label}.victims_rescued",
                        _(
                            "is {rescued}, but victims_adult ({adult}) and victims_minor "
                            "({minor}) do not agree with it"
                        ).format(rescued=rescued, adult=_show(adult), minor=_show(minor)),
                    )
            if ok:
                out.append(
                    State(
                        cast(str, code),
                        cast(str, name),
                        rescued,
                        adult,
                        minor,
                        arrests,
                        medical,
                        notes,
                        quote,
                        translation,
                        derived,
                        local_name,
                        aliases,
                    )
                )
        return tuple(out)


def _key_of(parts: Parts) -> str:
    """The key a value sits under (a list entry's: its list's key), to tell prose from names."""
    for part in reversed(parts):
        if isinstance(part, str):
            return part
    return ""


def _key_label(key: str) -> str:
    """A key as a field path shows it: bare when it can be, else quoted as TOML would."""
    if _BARE_KEY.fullmatch(key):
        return key
    return '"' + key.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _int_text(value: int, limit: int) -> str:
    """``value`` for a message, cut to ``limit`` characters.

    Never fails: converting an integer of thousands of digits to text raises ValueError.
    """
    if value.bit_length() > 4 * limit:
        return _("a {bits}-bit number").format(bits=number(value.bit_length()))
    return str(value)[:limit]


def _show(value: int | None) -> str:
    return _("not reported") if value is None else str(value)


def _code_problem(code: object) -> str:
    """Explain why ``code`` is not a valid state code."""
    if not isinstance(code, str):
        return _("must be a string, not {kind}").format(kind=_type_name(code))
    if not code:
        return _("must not be empty")
    if len(code) > MAX_CODE:
        return _("'{code}' is longer than {limit} characters").format(
            code=printable(code, 20), limit=MAX_CODE
        )
    return _(
        "'{code}' may only use A-Z, 0-9 and '-' (upper case; a USPS code such as 'KY' for a state)"
    ).format(code=printable(code, 20))


def build(doc: dict[str, Any], path: str) -> tuple[Dataset | None, list[Issue]]:
    """Validate a parsed document; return the dataset, or None and the issues found."""
    check = Validator()
    version = doc.get("schema_version")
    where: Parts = ("schema_version",)
    if version is None:
        check.fail(
            where,
            "schema_version",
            _("is required (schema_version = {version})").format(version=SCHEMA_VERSION),
        )
    elif type(version) is not int:
        check.fail(
            where,
            "schema_version",
            _("must be the integer {version}, not {kind}").format(
                version=SCHEMA_VERSION, kind=_type_name(version)
            ),
        )
    elif version != SCHEMA_VERSION:
        check.fail(
            where,
            "schema_version",
            _("is {value}; only schema version {version} is read").format(
                value=_int_text(version, 20), version=SCHEMA_VERSION
            ),
        )
        return None, check.issues
    check.keys(doc, TOP_KEYS, (), "")
    states = check.states(doc.get("states"))
    # Every well-formed code, not only those of valid states: an agency naming a state whose
    # figures have an error is not wrong itself.
    codes = set(check.codes)
    operation = check.operation(doc.get("operation"))
    source = check.source(doc.get("source"))
    reported = check.reported(doc.get("reported"))
    agencies = check.agencies(doc.get("agencies"), codes)
    figures, notes = check.context(doc.get("context"))
    if check.issues or operation is None or source is None:
        return None, check.issues
    return (
        Dataset(operation, source, reported, states, agencies, figures, notes, path=path),
        check.issues,
    )

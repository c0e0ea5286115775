"""Schema versions 1 and 2: turn a parsed TOML document into a :class:`Dataset`, or list every
problem.

Version 2 adds ``[[sources]]`` and, on each state and on ``[reported]``, the claims of sources
other than the main one (``operation.main_source``).

Every error carries the field path (``states[KY].arrests``) and the key path used to find its
line. Validation goes on after an error so that one run reports everything.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, cast

from tui.dataset.locate import Parts
from tui.dataset.model import (
    METRICS,
    OPERATION_FIGURES,
    SOURCE_KINDS,
    Agency,
    Claim,
    ContextFigure,
    Dataset,
    Fact,
    Level,
    Operation,
    Reported,
    Role,
    Source,
    SourceKind,
    State,
    Via,
)
from tui.dataset.text import LINE_BREAK, UNSAFE, first_line_break, first_unsafe, is_prose, printable
from tui.i18n import _, number

SCHEMA_VERSION = 2
"""The latest schema version (what `new` writes)."""
SCHEMA_VERSIONS = (1, 2)
"""Every version read."""
MAX_INT = 2**53
"""Largest figure accepted: beyond it, JSON consumers lose integer precision."""
MAX_STRING = 10_000
"""Longest string accepted, in characters (a long quote is a few hundred)."""
MAX_LIST = 200
"""Most entries in a list of strings (notes) or of agency state codes."""
MAX_CODE = 16

TOP_KEYS = ("schema_version", "operation", "source", "reported", "agencies", "states", "context")
TOP_KEYS_V2 = (
    "schema_version",
    "operation",
    "sources",
    "reported",
    "agencies",
    "states",
    "context",
)
SOURCES_KEYS = (
    "id",
    "publisher",
    "title",
    "description",
    "author",
    "date",
    "language",
    "url",
    "via",
    "kind",
    "reports_on",
)
VIA_KEYS = ("publisher", "url")
CLAIM_TEXT_KEYS = ("source", "locator", "quote", "translation")
STATE_CLAIM_KEYS = (*CLAIM_TEXT_KEYS, *METRICS)
OPERATION_CLAIM_KEYS = (*CLAIM_TEXT_KEYS, *OPERATION_FIGURES)
_SOURCE_ID = re.compile("[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?")
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
OPERATION_KEYS_V2 = (*OPERATION_KEYS, "main_source", "began", "ended")
FACT_KEYS = ("topic", "text", "quote", "translation")
FACT_KEYS_V2 = (*FACT_KEYS, "source")
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
REPORTED_KEYS_V2 = (
    *REPORTED_KEYS,
    "victims_minor",
    "states_quote",
    "states_translation",
    "claims",
)
AGENCY_KEYS = ("name", "level", "role", "states", "quote", "translation")
AGENCY_KEYS_V2 = (*AGENCY_KEYS, "source", "task")
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
STATE_KEYS_V2 = (*STATE_KEYS, "began", "ended", "claims")
_STATE_KEYSET = frozenset(STATE_KEYS)
_STATE_KEYSET_V2 = frozenset(STATE_KEYS_V2)
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

    def __init__(self, version: int = 1) -> None:
        self.version = version
        self.issues: list[Issue] = []
        self.source_ids: dict[str, int] = {}
        """Well-formed, distinct source ids (schema 2), by their index in [[sources]]."""
        self.main_source: str | None = None
        """The main source's id, once [operation] names a known one."""
        self.cited: set[str] = set()
        """Source ids cited by a claim, a fact or an agency."""
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
        v2 = self.version >= 2
        self.keys(table, OPERATION_KEYS_V2 if v2 else OPERATION_KEYS, p, lb)
        facts: list[Fact] = []
        for i, item in enumerate(
            self.array_of_tables(table.get("facts"), (*p, "facts"), f"{lb}.facts")
        ):
            if item is None:
                continue
            fp, fl = (*p, "facts", i), f"{lb}.facts[{i}]"
            self.keys(item, FACT_KEYS_V2 if v2 else FACT_KEYS, fp, fl)
            topic = self.string(item, "topic", fp, fl, True)
            text = self.string(item, "text", fp, fl, True)
            quote = self.string(item, "quote", fp, fl)
            translation = self.string(item, "translation", fp, fl)
            cited = self.source_ref(item, fp, fl) if v2 else None
            if topic is not None and text is not None:
                facts.append(Fact(topic, text, quote, translation, cited))
        name = self.string(table, "name", p, lb, True)
        began = ended = None
        if v2:
            main = self.string(table, "main_source", p, lb, True)
            if main is not None:
                if main in self.source_ids:
                    self.main_source = main
                    self.cited.add(main)
                else:
                    self.fail((*p, "main_source"), f"{lb}.main_source", self.unknown_source(main))
            began = self.date(table, "began", p, lb, allow_time=False)
            ended = self.date(table, "ended", p, lb, allow_time=False)
            self.date_order(table, began, ended, p, lb)
        result = Operation(
            name=name or "",
            local_name=self.string(table, "local_name", p, lb),
            announced=self.date(table, "announced", p, lb, allow_time=False),
            announced_by=self.string(table, "announced_by", p, lb),
            announced_by_title=self.string(table, "announced_by_title", p, lb),
            summary=self.string(table, "summary", p, lb),
            facts=tuple(facts),
            notes=self.strings(table, "notes", p, lb),
            began=began,
            ended=ended,
        )
        return result if name is not None else None

    def date_order(
        self,
        table: dict[str, Any],
        began: dt.date | None,
        ended: dt.date | None,
        parts: Parts,
        label: str,
    ) -> None:
        """An operation cannot end before it began."""
        if began is not None and ended is not None and ended < began:
            self.fail(
                (*parts, "ended"),
                f"{label}.ended",
                _("is {ended}, before began ({began})").format(
                    ended=ended.isoformat(), began=began.isoformat()
                ),
            )

    # -- several sources (schema 2) -------------------------------------------------------

    def unknown_source(self, value: str) -> str:
        """The message for a source id that no [[sources]] entry has."""
        known = tuple(self.source_ids)
        hint = _close_matches(value, known, n=1)
        more = (
            _("; did you mean '{hint}'?").format(hint=hint[0])
            if hint
            else " " + _("(sources: {ids})").format(ids=", ".join(known) or "—")
        )
        return _("unknown source '{id}'").format(id=printable(value, 40)) + more

    def source_ref(self, raw: dict[str, Any], parts: Parts, label: str) -> str | None:
        """The optional ``source`` of a fact or agency: a known id, recorded as cited."""
        value = self.string(raw, "source", parts, label)
        if value is None:
            return None
        if value not in self.source_ids:
            self.fail((*parts, "source"), f"{label}.source", self.unknown_source(value))
            return None
        self.cited.add(value)
        return value

    def sources(self, raw: object) -> tuple[Source, ...]:
        """Validate ``[[sources]]``: ids unique and well formed, a title or a description."""
        if raw is None:
            self.fail(("sources",), "sources", _("is required: add at least one [[sources]] table"))
            return ()
        out: list[Source] = []
        entries = self.array_of_tables(raw, ("sources",), "sources")
        if isinstance(raw, list) and not raw:
            self.fail(("sources",), "sources", _("must list at least one source"))
        for i, item in enumerate(entries):
            if item is None:
                continue
            p: Parts = ("sources", i)
            source_id = item.get("id")
            good = isinstance(source_id, str) and bool(_SOURCE_ID.fullmatch(source_id))
            lb = f"sources[{source_id}]" if good else f"sources[{i}]"
            self.keys(item, SOURCES_KEYS, p, lb)
            ok = True
            if source_id is None:
                self.fail(p, f"{lb}.id", _("is required"))
                ok = False
            elif not good:
                checked = self.check_string(source_id, (*p, "id"), f"{lb}.id", True)
                if checked is not None:
                    self.fail(
                        (*p, "id"),
                        f"{lb}.id",
                        _(
                            "'{id}' may only use a-z, 0-9 and '-' (lower case, at most 40 "
                            "characters, not starting or ending with '-')"
                        ).format(id=printable(checked, 40)),
                    )
                ok = False
            elif source_id in self.source_ids:
                self.fail(
                    (*p, "id"),
                    f"{lb}.id",
                    _("duplicate id '{id}' (first used by sources[{first}])").format(
                        id=source_id, first=self.source_ids[source_id]
                    ),
                )
                ok = False
            else:
                self.source_ids[source_id] = i
            publisher = self.string(item, "publisher", p, lb, True)
            title = self.string(item, "title", p, lb)
            description = self.string(item, "description", p, lb)
            if "title" not in item and "description" not in item:
                self.fail(p, f"{lb}.title", _("is required (or a description)"))
                ok = False
            url = self.url(item, p, lb)
            kind = self.choice(item, "kind", SOURCE_KINDS, p, lb, False)
            via: list[Via] = []
            for j, entry in enumerate(
                self.array_of_tables(item.get("via"), (*p, "via"), f"{lb}.via")
            ):
                if entry is None:
                    continue
                vp, vl = (*p, "via", j), f"{lb}.via[{j}]"
                self.keys(entry, VIA_KEYS, vp, vl)
                via_publisher = self.string(entry, "publisher", vp, vl, True)
                via_url = self.url(entry, vp, vl)
                if via_publisher is not None:
                    via.append(Via(via_publisher, via_url))
            source = Source(
                title=title or "",
                publisher=publisher,
                author=self.string(item, "author", p, lb),
                published=self.date(item, "date", p, lb, allow_time=True),
                language=self.string(item, "language", p, lb),
                url=url,
                reports_on=self.string(item, "reports_on", p, lb),
                id=cast(str, source_id),
                kind=cast("SourceKind | None", kind),
                description=description,
                via=tuple(via),
            )
            if ok and publisher is not None:
                out.append(source)
        return tuple(out)

    def url(self, raw: dict[str, Any], parts: Parts, label: str) -> str | None:
        """An optional web address: http or https only."""
        url = self.string(raw, "url", parts, label)
        if url is not None and not url.startswith(("https://", "http://")):
            self.fail((*parts, "url"), f"{label}.url", _("must start with https:// or http://"))
            return None
        return url

    def claims(
        self, raw: object, parts: Parts, label: str, figures: tuple[str, ...]
    ) -> tuple[Claim, ...]:
        """Validate the ``claims`` of a state or of ``[reported]``.

        A claim names a known source other than the main one (whose figures are the table's
        own keys), says where in the source it reads (``locator``) and gives at least one
        figure; one source gives a figure at most once per table.
        """
        allowed = (*CLAIM_TEXT_KEYS, *figures)
        out: list[Claim] = []
        given: dict[tuple[str, str], int] = {}
        """(source, figure) -> index of the claim that gave it first."""
        for j, item in enumerate(self.array_of_tables(raw, (*parts, "claims"), f"{label}.claims")):
            if item is None:
                continue
            cp, cl = (*parts, "claims", j), f"{label}.claims[{j}]"
            count = len(self.issues)
            self.keys(item, allowed, cp, cl)
            source = self.string(item, "source", cp, cl, True)
            if source is not None:
                if source not in self.source_ids:
                    self.fail((*cp, "source"), f"{cl}.source", self.unknown_source(source))
                elif source == self.main_source:
                    self.fail(
                        (*cp, "source"),
                        f"{cl}.source",
                        _(
                            "'{id}' is the main source: its figures are the table's own keys, "
                            "not a claim"
                        ).format(id=source),
                    )
                else:
                    self.cited.add(source)
            locator = self.string(item, "locator", cp, cl, True)
            quote = self.string(item, "quote", cp, cl)
            translation = self.string(item, "translation", cp, cl)
            values = {key: self.integer(item, key, cp, cl) for key in figures}
            if all(item.get(key) is None for key in figures):
                self.fail(
                    cp,
                    cl,
                    _("gives no figure (expected at least one of: {keys})").format(
                        keys=", ".join(figures)
                    ),
                )
            for key in figures:
                if item.get(key) is None or source is None:
                    continue
                first = given.setdefault((source, key), j)
                if first != j:
                    self.fail(
                        (*cp, key),
                        f"{cl}.{key}",
                        _(
                            "a second claim of source '{id}' for {figure} (first: claims[{first}])"
                        ).format(id=source, figure=key, first=first),
                    )
            rescued = values.get("victims_rescued")
            adult = values.get("victims_adult")
            minor = values.get("victims_minor")
            derived = False
            if "victims_adult" in figures and (adult is not None or minor is not None):
                if rescued is None:
                    if adult is not None and minor is not None:
                        rescued, derived = adult + minor, True
                elif (adult or 0) + (minor or 0) > rescued or (
                    adult is not None and minor is not None and adult + minor != rescued
                ):
                    self.fail(
                        (*cp, "victims_rescued"),
                        f"{cl}.victims_rescued",
                        _(
                            "is {rescued}, but victims_adult ({adult}) and victims_minor "
                            "({minor}) do not agree with it"
                        ).format(rescued=rescued, adult=_show(adult), minor=_show(minor)),
                    )
            if len(self.issues) == count and source is not None and locator is not None:
                out.append(
                    Claim(
                        source,
                        locator,
                        victims_rescued=rescued,
                        victims_adult=adult,
                        victims_minor=minor,
                        arrests=values.get("arrests"),
                        medical_services=values.get("medical_services"),
                        states=values.get("states"),
                        quote=quote,
                        translation=translation,
                        victims_derived=derived,
                    )
                )
        return tuple(out)

    def uncited(self) -> None:
        """Every source must be the main one or be cited by a claim, a fact or an agency."""
        for source_id, i in self.source_ids.items():
            if source_id not in self.cited:
                self.fail(
                    ("sources", i, "id"),
                    f"sources[{source_id}].id",
                    _("'{id}' is cited by no claim, fact or agency").format(id=source_id),
                )

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
        v2 = self.version >= 2
        self.keys(table, REPORTED_KEYS_V2 if v2 else REPORTED_KEYS, p, lb)
        # Schema 2 adds the minors, the states' quote and translation, and other sources' claims.
        return Reported(
            states=self.integer(table, "states", p, lb),
            victims_rescued=self.integer(table, "victims_rescued", p, lb),
            arrests=self.integer(table, "arrests", p, lb),
            medical_services=self.integer(table, "medical_services", p, lb),
            quote=self.string(table, "quote", p, lb),
            translation=self.string(table, "translation", p, lb),
            victims_note=self.string(table, "victims_note", p, lb),
            victims_minor=self.integer(table, "victims_minor", p, lb) if v2 else None,
            states_quote=self.string(table, "states_quote", p, lb) if v2 else None,
            states_translation=self.string(table, "states_translation", p, lb) if v2 else None,
            claims=self.claims(table.get("claims"), p, lb, OPERATION_FIGURES) if v2 else (),
        )

    def agencies(self, raw: object, codes: set[str]) -> tuple[Agency, ...]:
        """Validate ``[[agencies]]``; their state codes must name states of the dataset."""
        out: list[Agency] = []
        for i, item in enumerate(self.array_of_tables(raw, ("agencies",), "agencies")):
            if item is None:
                continue
            p, lb = ("agencies", i), f"agencies[{i}]"
            self.keys(item, AGENCY_KEYS_V2 if self.version >= 2 else AGENCY_KEYS, p, lb)
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
            cited = task = None
            if self.version >= 2:
                cited = self.source_ref(item, p, lb)
                task = self.string(item, "task", p, lb)
            if name is not None and role is not None:
                out.append(
                    Agency(
                        name,
                        cast(Role, role),
                        cast("Level | None", level),
                        states,
                        quote,
                        translation,
                        cited,
                        task,
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
        v2 = self.version >= 2
        allowed = _STATE_KEYSET_V2 if v2 else _STATE_KEYSET
        keys = STATE_KEYS_V2 if v2 else STATE_KEYS
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
                self.keys(row, keys, p, label)
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
            claims: tuple[Claim, ...] = ()
            began = ended = None
            if v2 and ("claims" in row or "began" in row or "ended" in row):
                count = len(self.issues)
                claims = self.claims(row.get("claims"), p, label, METRICS)
                began = self.date(row, "began", p, label, allow_time=False)
                ended = self.date(row, "ended", p, label, allow_time=False)
                self.date_order(row, began, ended, p, label)
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
                        claims,
                        began,
                        ended,
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
            _("must be the integer 1 or 2, not {kind}").format(kind=_type_name(version)),
        )
    elif version not in SCHEMA_VERSIONS:
        check.fail(
            where,
            "schema_version",
            _("is {value}; only schema versions 1 and 2 are read").format(
                value=_int_text(version, 20)
            ),
        )
        return None, check.issues
    if version == 2:
        return _build_v2(check, doc, path)
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


def _build_v2(
    check: Validator, doc: dict[str, Any], path: str
) -> tuple[Dataset | None, list[Issue]]:
    """Validate a schema-2 document: several sources, each state's figures with claims."""
    check.version = 2
    check.keys(doc, TOP_KEYS_V2, (), "")
    # Sources and the main one first: claims, facts and agencies refer to them by id.
    sources = check.sources(doc.get("sources"))
    operation = check.operation(doc.get("operation"))
    states = check.states(doc.get("states"))
    codes = set(check.codes)
    reported = check.reported(doc.get("reported"))
    agencies = check.agencies(doc.get("agencies"), codes)
    figures, notes = check.context(doc.get("context"))
    check.uncited()
    main = next((s for s in sources if s.id == check.main_source), None)
    if check.issues or operation is None or main is None:
        return None, check.issues
    ordered = (main, *(s for s in sources if s is not main))
    dataset = Dataset(
        operation,
        main,
        reported,
        states,
        agencies,
        figures,
        notes,
        path=path,
        sources=ordered,
        schema_version=2,
    )
    return dataset, check.issues

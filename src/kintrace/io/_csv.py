"""Delimited text files: encoding detection, delimiter sniffing, row numbering.

Exports from registries arrive as UTF-8 (with or without the BOM Excel writes), as UTF-16
"Unicode text" (Excel's tab-separated export, always with a BOM), or in a legacy Windows code
page such as cp1256 (Arabic) or cp1251 (Cyrillic). Only the first three can be recognised
from the bytes; a legacy code page must be named by the user, and a file that is not valid
UTF-8 is refused rather than guessed, because a wrong guess silently garbles every name.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator
from pathlib import Path

from kintrace.errors import ConfigError, ReadError
from kintrace.io._rawtable import RawTable, build_raw_table, cell_to_text

__all__ = ["decode_bytes", "normalise_delimiter", "read_delimited", "sniff_delimiter"]

DELIMITERS: tuple[str, ...] = (",", ";", "\t", "|")
# Enough lines to judge a delimiter; a sniffer over megabytes is slow and no wiser.
_SNIFF_CHARS = 16_384

# Longest BOMs first: the UTF-32-LE BOM begins with the UTF-16-LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_ENCODING_EXAMPLES = (
    "for example --encoding cp1256 (Arabic Windows), --encoding cp1251 (Cyrillic Windows) "
    "or --encoding latin-1 (Western European); in Python, pass encoding='cp1256'"
)
_DELIMITER_NAMES = {"tab": "\t", "\\t": "\t", "comma": ",", "semicolon": ";", "pipe": "|"}


def _line_of(data: bytes, offset: int, encoding: str) -> int:
    # Decode the prefix leniently so the line count is right for multi-byte encodings too.
    return data[:offset].decode(encoding, errors="replace").count("\n") + 1


def _codec_name(encoding: str, path: Path) -> str:
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        raise ConfigError(
            f"unknown encoding '{encoding}'. Use a Python codec name such as utf-8, "
            "utf-16, cp1256, cp1251 or latin-1.",
            path=path,
        ) from None


def decode_bytes(data: bytes, path: Path, encoding: str | None) -> tuple[str, list[str]]:
    """Decode a text file's bytes; return the text and notes for the report.

    A byte-order mark decides the encoding; without one, ``encoding`` is used, else UTF-8.
    Errors name the byte offset and line of the first undecodable byte, never the bytes.
    """
    notes: list[str] = []
    for bom, bom_encoding in _BOMS:
        if data.startswith(bom):
            # A BOM is proof of a Unicode encoding; a code page given for such a file is a
            # mistake that would garble every name, so the BOM wins and the report says so.
            if encoding is not None:
                given = _codec_name(encoding, path)
                if not given.startswith(bom_encoding[:6]):
                    notes.append(
                        f"the file starts with a {bom_encoding.upper()} byte-order mark, so it "
                        f"was read as {bom_encoding.upper()} and encoding '{encoding}' was not used"
                    )
            return _decode(data, path, bom_encoding, given=None, skip=len(bom)), notes
    _refuse_binary(data, path)
    if encoding is not None:
        return _decode(data, path, _codec_name(encoding, path), given=encoding), notes
    _refuse_bomless_utf16(data, path)
    try:
        return data.decode("utf-8"), notes
    except UnicodeDecodeError as exc:
        raise ReadError(
            f"the file is not valid UTF-8: the byte at offset {exc.start} (line "
            f"{_line_of(data, exc.start, 'utf-8')}) cannot be decoded. It was probably saved "
            f"in a legacy code page: pass its encoding, {_ENCODING_EXAMPLES}.",
            path=path,
        ) from None


def _decode(data: bytes, path: Path, codec: str, *, given: str | None, skip: int = 0) -> str:
    try:
        return data[skip:].decode(codec)
    except UnicodeDecodeError as exc:
        told = f"encoding '{given}'" if given is not None else codec.upper()
        offset = exc.start + skip  # offsets count from the start of the file, BOM included
        line = _line_of(data[skip:], exc.start, codec)
        raise ReadError(
            f"the file cannot be decoded with {told}: the byte at offset {offset} (line {line}) "
            "is not valid in it. Check the encoding the export was saved with and pass that "
            f"one, {_ENCODING_EXAMPLES}.",
            path=path,
        ) from None


# Files of another format given a text suffix: say what they are instead of "not UTF-8".
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"PK\x03\x04", "an Excel .xlsx workbook (or another zip file): give it the .xlsx suffix"),
    (b"PAR1", "a Parquet file: give it the .parquet suffix"),
    (b"\xd0\xcf\x11\xe0", "an old Excel .xls workbook: open it in Excel and save it as .xlsx"),
)


def _refuse_binary(data: bytes, path: Path) -> None:
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise ReadError(f"this is not a text file; it looks like {what}.", path=path)


def _refuse_bomless_utf16(data: bytes, path: Path) -> None:
    # NUL bytes are valid UTF-8 but never appear in a text export: half the bytes being NUL
    # is UTF-16 without its byte-order mark, which would otherwise read as garbage.
    head = data[:4096]
    if len(head) >= 4 and head.count(0) * 4 >= len(head):
        odd = head[1::2].count(0) > head[0::2].count(0)
        guess = "utf-16-le" if odd else "utf-16-be"
        raise ReadError(
            "the file looks like UTF-16 without a byte-order mark (many NUL bytes). "
            f"Pass its encoding: --encoding {guess} (in Python, encoding='{guess}').",
            path=path,
        )


def normalise_delimiter(delimiter: str | None) -> str | None:
    """Accept ``","``, ``";"``, ``"\\t"``/``"tab"``, ``"|"`` and other single characters."""
    if delimiter is None:
        return None
    named = _DELIMITER_NAMES.get(delimiter.lower(), delimiter)
    if len(named) != 1 or named in '\r\n"':
        raise ConfigError(
            "The delimiter must be one character (',' ';' '|' or 'tab'). "
            f"Got {len(delimiter)} characters instead."
        )
    return named


def _consistency(sample: str, delimiter: str) -> tuple[float, int]:
    """(share of rows with as many fields as the header, header fields) for a delimiter."""
    try:
        rows = [r for r in csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter) if r]
    except csv.Error:
        return (0.0, 0)
    if not rows or len(rows[0]) < 2:
        return (0.0, 0)
    width = len(rows[0])
    return (sum(len(r) == width for r in rows) / len(rows), width)


def sniff_delimiter(text: str, *, prefer_tab: bool = False) -> str:
    """Guess the delimiter from the first lines: ``,`` ``;`` tab or ``|``.

    :class:`csv.Sniffer` proposes; counting decides. Each candidate is scored by how many
    of the sampled rows have as many fields as the header row (quote-aware); the sniffer's
    answer wins ties. A file with one column gets ``,`` (tab for .tsv / UTF-16 text).
    """
    sample = text[:_SNIFF_CHARS]
    if len(text) > _SNIFF_CHARS and "\n" in sample:
        sample = sample[: sample.rindex("\n")]  # a cut row would look inconsistent
    order = ("\t", ",", ";", "|") if prefer_tab else DELIMITERS
    scores = {d: _consistency(sample, d) for d in order}
    best = max(scores.values())
    if best == (0.0, 0):
        return order[0]
    try:
        sniffed: str | None = csv.Sniffer().sniff(sample, delimiters="".join(order)).delimiter
    except csv.Error:
        sniffed = None
    if sniffed in scores and scores[sniffed] == best:
        return sniffed
    return next(d for d in order if scores[d] == best)


def _records(
    text: str, delimiter: str, path: Path, width: list[int]
) -> Iterator[tuple[int, list[str | None]]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    row_number = 0
    try:
        for row_number, fields in enumerate(reader, start=1):
            values = [cell_to_text(f) for f in fields]
            if width and len(values) > width[0]:
                if any(v is not None for v in values[width[0] :]):
                    raise ReadError(
                        f"row {row_number} has {len(values)} fields but the header row has "
                        f"{width[0]}: a delimiter inside an unquoted value, or the wrong "
                        f"delimiter ({_describe(delimiter)} was used). Quote such values, or "
                        "pass the right delimiter (--delimiter).",
                        path=path,
                    )
                values = values[: width[0]]  # trailing empty fields: a stray delimiter
            yield row_number, values
    except csv.Error as exc:
        raise ReadError(
            f"row {row_number + 1} cannot be parsed as delimited text ({exc}). Check quoting "
            "and the delimiter.",
            path=path,
        ) from None


def _describe(delimiter: str) -> str:
    return {"\t": "tab", ",": "','", ";": "';'", "|": "'|'"}.get(delimiter, f"'{delimiter}'")


def read_delimited(path: Path, *, encoding: str | None, delimiter: str | None) -> RawTable:
    """Read a CSV/TSV/TXT file into a :class:`RawTable` (every value text, ids keep zeros)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReadError(
            f"cannot be read ({exc.strerror or type(exc).__name__}).", path=path
        ) from None
    text, notes = decode_bytes(data, path, encoding)
    chosen = normalise_delimiter(delimiter)
    if chosen is None:
        utf16 = data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
        chosen = sniff_delimiter(text, prefer_tab=utf16 or path.suffix.lower() == ".tsv")
    # The header's width is known only once the header row has been read from the same
    # running generator; the list lets the generator see it from then on.
    width: list[int] = []
    records = _records(text, chosen, path, width)
    header: list[str | None] = []
    for _number, values in records:
        if any(v is not None for v in values):
            header = values
            break
    # The header is the first non-blank row; a blank row before it still counts as a
    # spreadsheet row, so numbering follows the file, not the data.
    width.append(len(header))
    return build_raw_table(path, None, header, records, notes)

"""The verification code: its one format, how it is made, parsed, and carried in a PDF's metadata.

A code ties a printed, signed document to the stored version it was built from:
``RDV2:<version id>:<first 16 hex of the version's content SHA-256>:<audit entry id of the signing>:<tag>``,
the tag being the first 8 hex of HMAC-SHA256(installation key, ``RDV2|<version id>|<16 hex>|<entry id>``). The
entry id anchors the record's head outside the database: every printed page carries the chain position it was
signed at, so a record cut short below it is found from the paper alone; the tag means neither number can be
made up without the key. Codes printed before the anchor, ``RDV1:<version id>:<16 hex>``, are still parsed
(they carry no anchor). A code is printed on the page (QR code and text) and written into the PDF's Keywords as
``RepDesk-Verification: <code>``, where `extract_code` finds it. Nothing else in the program spells this format.
"""

from __future__ import annotations

import hashlib
import hmac
import io
import re
from dataclasses import dataclass

from desktop.validation import MAX_ID

PREFIX = "RDV1"  # before the anchor: still parsed, no longer made for a signed version
PREFIX_V2 = "RDV2"
KEYWORD_PREFIX = "RepDesk-Verification:"
MAX_VERSION_ID = MAX_ID  # a database id; a larger number is refused before it reaches SQL
_CODE = re.compile(r"RDV1:([0-9]{1,19}):([0-9a-fA-F]{16})", re.ASCII)
_CODE_V2 = re.compile(r"RDV2:([0-9]{1,19}):([0-9a-fA-F]{16}):([0-9]{1,19}):([0-9a-fA-F]{8})", re.ASCII)


@dataclass(frozen=True)
class Code:
    """A parsed code; `entry_id` and `tag` are None for an RDV1 code (printed before the anchor)."""

    version_id: int
    digest: str
    entry_id: int | None = None
    tag: str | None = None


def anchor_tag(key: bytes, version_id: int, digest: str, entry_id: int) -> str:
    """The 8 hex that authenticate an RDV2 code's numbers with the installation key."""
    message = f"{PREFIX_V2}|{version_id}|{digest[:16].lower()}|{entry_id}".encode("ascii")
    return hmac.new(key, message, hashlib.sha256).hexdigest()[:8]


def make_anchored_code(key: bytes, version_id: int, sha256: str, entry_id: int) -> str:
    """The code of a signed version: its id, content hash, the audit entry of its signing, and the key's tag."""
    if not 0 < version_id <= MAX_VERSION_ID or not 0 < entry_id <= MAX_VERSION_ID or len(sha256) < 16:
        raise ValueError("a verification code needs a version id, a content hash and a signing entry id")
    digest = sha256[:16].lower()
    return f"{PREFIX_V2}:{version_id}:{digest}:{entry_id}:{anchor_tag(key, version_id, digest, entry_id)}"


def tag_ok(key: bytes, code: Code) -> bool:
    if code.entry_id is None or code.tag is None:
        return False
    return hmac.compare_digest(code.tag, anchor_tag(key, code.version_id, code.digest, code.entry_id))


def make_code(version_id: int | str, sha256: str) -> str:
    """The code of a stored version: its id and the first 16 hex digits of its content hash."""
    vid = str(version_id)
    if not vid.isascii() or not vid.isdigit() or len(sha256) < 16:
        raise ValueError("a verification code needs a numeric version id and a content hash")
    return f"{PREFIX}:{vid}:{sha256[:16].lower()}"


def parse_code(code: str) -> tuple[int, str] | None:
    """(version id, lower-case digest) of a well-formed code (RDV1 or RDV2), or None for anything else."""
    parsed = parse(code)
    return None if parsed is None else (parsed.version_id, parsed.digest)


def parse(code: str) -> Code | None:
    """A well-formed RDV1 or RDV2 code, or None for anything else (the tag is not checked here: no key)."""
    if not isinstance(code, str) or len(code) > 96:
        return None
    text = code.strip()
    m2 = _CODE_V2.fullmatch(text)
    m = m2 or _CODE.fullmatch(text)
    if m is None:
        return None
    version_id = int(m.group(1))
    if not 0 < version_id <= MAX_VERSION_ID:
        return None
    if m2 is None:
        return Code(version_id, m.group(2).lower())
    entry_id = int(m2.group(3))
    if not 0 < entry_id <= MAX_VERSION_ID:
        return None
    return Code(version_id, m2.group(2).lower(), entry_id, m2.group(4).lower())


def pdf_keywords(code: str) -> str:
    """The PDF Keywords entry that carries `code`."""
    return f"{KEYWORD_PREFIX} {code}"


def extract_code(pdf_bytes: bytes) -> str | None:
    """The verification code stored in a RepDesk PDF's metadata (Keywords), or None (draft, foreign file).

    A file as ReportLab writes it (one cross-reference table, one trailer) is read directly (`_plain_info`):
    recording a print checks the code of the PDF just built, and pypdf costs a cold `repdesk report` 0.1-0.2 s
    to import. Any other file (updated incrementally, encrypted, compressed cross-references, a string this
    reader does not decode) goes to pypdf."""
    meta = _plain_info(pdf_bytes)
    if meta is None:
        from pypdf import PdfReader  # lazily: only files this module's reader declines need it
        from pypdf.errors import PdfReadError

        try:
            meta = PdfReader(io.BytesIO(pdf_bytes)).metadata
        except (PdfReadError, ValueError, OSError, KeyError, TypeError):
            return None
    if not meta:
        return None
    for key in ("/Keywords", "/Subject"):
        value = str(meta.get(key) or "")
        if KEYWORD_PREFIX in value:
            code = value.split(KEYWORD_PREFIX, 1)[1].strip()
            return code or None
    return None


_TAIL = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*\Z")
_XREF_HEAD = re.compile(rb"xref\s+0\s+(\d+)\s+")
_XREF_ENTRY = re.compile(rb"(\d{10}) (\d{5}) n(?: \r| \n|\r\n)")
_TRAILER = re.compile(rb"trailer\s*<<(.*?)>>\s*startxref", re.DOTALL)
_INFO_REF = re.compile(rb"/Info\s+(\d+)\s+0\s+R\b")
_WS = b" \t\r\n\f\x00"
_ESCAPES = {ord("n"): b"\n", ord("r"): b"\r", ord("t"): b"\t", ord("b"): b"\b", ord("f"): b"\f",
            ord("("): b"(", ord(")"): b")", ord("\\"): b"\\"}


def _plain_info(pdf: bytes) -> dict[str, str] | None:
    """The Info dictionary's text entries of a PDF written in one go with a classic cross-reference table, or
    None when the file is anything else (the caller then asks pypdf): only what is certain is read here."""
    if pdf.count(b"startxref") != 1 or pdf.count(b"trailer") != 1:
        return None  # an incremental update (or something stranger): its later trailer would win
    tail = _TAIL.search(pdf, max(0, len(pdf) - 64))
    trailer = _TRAILER.search(pdf)
    if tail is None or trailer is None or b"/Prev" in trailer.group(1) or b"/Encrypt" in trailer.group(1):
        return None
    info = _INFO_REF.search(trailer.group(1))
    head = _XREF_HEAD.match(pdf, int(tail.group(1)))
    if info is None or head is None or not 0 < int(info.group(1)) < int(head.group(1)):
        return None
    number = int(info.group(1))
    entry = _XREF_ENTRY.match(pdf, head.end() + 20 * number)
    if entry is None or entry.group(2) != b"00000":
        return None
    obj = re.compile(rb"%d\s+0\s+obj\s*<<" % number).match(pdf, int(entry.group(1)))
    return None if obj is None else _text_dictionary(pdf, obj.end())


def _text_dictionary(pdf: bytes, pos: int) -> dict[str, str] | None:
    """The entries of a dictionary whose values are literal strings or names (an Info dictionary), from just
    after its `<<`; None for any other value."""
    out: dict[str, str] = {}
    while True:
        while pos < len(pdf) and pdf[pos] in _WS:
            pos += 1
        if pdf.startswith(b">>", pos):
            return out
        key = re.compile(rb"/([A-Za-z0-9]+)").match(pdf, pos)
        if key is None:
            return None
        pos = key.end()
        while pos < len(pdf) and pdf[pos] in _WS:
            pos += 1
        if pdf.startswith(b"(", pos):
            parsed = _literal(pdf, pos + 1)
            if parsed is None:
                return None
            raw, pos = parsed
            if raw.startswith(b"\xfe\xff"):
                try:
                    text = raw[2:].decode("utf-16-be")
                except UnicodeDecodeError:
                    return None
            elif raw.isascii():
                text = raw.decode("ascii")
            else:
                return None  # PDFDocEncoding beyond ASCII: pypdf's decoding
            out["/" + key.group(1).decode("ascii")] = text
        elif (name := re.compile(rb"/[A-Za-z0-9]+").match(pdf, pos)) is not None:
            pos = name.end()
        else:
            return None


def _literal(pdf: bytes, pos: int) -> tuple[bytes, int] | None:
    """A literal string's bytes (escapes resolved) from just after its `(`, and the position after its `)`."""
    out = bytearray()
    depth = 0
    while pos < len(pdf):
        c = pdf[pos]
        pos += 1
        if c == 0x5C:  # backslash
            if pos >= len(pdf):
                return None
            e = pdf[pos]
            pos += 1
            if e in _ESCAPES:
                out += _ESCAPES[e]
            elif 0x30 <= e <= 0x37:
                digits = bytes([e])
                while len(digits) < 3 and pos < len(pdf) and 0x30 <= pdf[pos] <= 0x37:
                    digits += pdf[pos:pos + 1]
                    pos += 1
                out.append(int(digits, 8) & 0xFF)
            elif e == 0x0D:  # a line continuation
                pos += pdf.startswith(b"\n", pos)
            elif e != 0x0A:
                out.append(e)  # an unknown escape: the character itself
        elif c == 0x28:
            depth += 1
            out.append(c)
        elif c == 0x29:
            if depth == 0:
                return bytes(out), pos
            depth -= 1
            out.append(c)
        elif c == 0x0D:  # an end of line in a string is a newline, whatever its bytes
            pos += pdf.startswith(b"\n", pos)
            out += b"\n"
        else:
            out.append(c)
    return None

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
    """The verification code stored in a RepDesk PDF's metadata (Keywords), or None (draft, foreign file)."""
    from pypdf import PdfReader  # lazily: only verifiers need it
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

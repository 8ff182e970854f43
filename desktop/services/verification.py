"""The verification code: its one format, how it is made, parsed, and carried in a PDF's metadata.

A code ties a printed, signed document to the stored version it was built from:
``RDV1:<version id>:<first 16 hex of the version's content SHA-256>``. It is printed on the page (QR code and
text) and written into the PDF's Keywords as ``RepDesk-Verification: <code>``, where `extract_code` finds it.
Nothing else in the program spells this format.
"""

from __future__ import annotations

import io
import re

from desktop.validation import MAX_ID

PREFIX = "RDV1"
KEYWORD_PREFIX = "RepDesk-Verification:"
MAX_VERSION_ID = MAX_ID  # a database id; a larger number is refused before it reaches SQL
_CODE = re.compile(r"RDV1:([0-9]{1,19}):([0-9a-fA-F]{16})", re.ASCII)


def make_code(version_id: int | str, sha256: str) -> str:
    """The code of a stored version: its id and the first 16 hex digits of its content hash."""
    vid = str(version_id)
    if not vid.isascii() or not vid.isdigit() or len(sha256) < 16:
        raise ValueError("a verification code needs a numeric version id and a content hash")
    return f"{PREFIX}:{vid}:{sha256[:16].lower()}"


def parse_code(code: str) -> tuple[int, str] | None:
    """(version id, lower-case digest) of a well-formed code, or None for anything else."""
    if not isinstance(code, str) or len(code) > 64:
        return None
    m = _CODE.fullmatch(code.strip())
    if m is None:
        return None
    version_id = int(m.group(1))
    if not 0 < version_id <= MAX_VERSION_ID:
        return None
    return version_id, m.group(2).lower()


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

"""The package file: a readable header, the body (compressed JSON, encrypted to the recipient), a signature.

    RDXPKG/1\\n
    <header: one line of JSON>\\n
    <Ed25519 signature, 64 bytes, over everything before it and the body>
    <body>

The header names the package, its sender and recipient and counts what it holds, so `head -2 FILE` tells a person
what a file is. Everything is checked (signature, format, sender, recipient, decryption) before anything is written.
"""

from __future__ import annotations

import json
import zlib
from dataclasses import dataclass
from typing import Any

from desktop.errors import ErrorCode, RepDeskError
from desktop.exchange import crypto

MAGIC = b"RDXPKG/1\n"
FORMAT = 1  # the body's layout; a program reads only the formats it knows
_SIG = 64
MAX_HEADER = 1 << 20


class PackageRefused(RepDeskError):
    """A package that is corrupt, altered, for someone else, from an unknown installation or of another format.
    Nothing was written."""

    code = ErrorCode.VALIDATION


@dataclass(frozen=True)
class RawPackage:
    header: dict[str, Any]
    signed: bytes  # magic + header line + body: what the signature covers
    signature: bytes
    body: bytes
    aad: bytes  # magic + header line: bound to the ciphertext


def parse(data: bytes) -> RawPackage:
    """Split and parse, checking only the form (the signature is checked against a known key by the caller)."""
    if not data.startswith(MAGIC):
        raise PackageRefused("不是 RepDesk 数据交换包，或文件已损坏（文件头不符）")
    end = data.find(b"\n", len(MAGIC), len(MAGIC) + MAX_HEADER)
    if end < 0:
        raise PackageRefused("数据交换包已损坏：缺少包头")
    line = data[len(MAGIC):end]
    try:
        header = json.loads(line.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise PackageRefused("数据交换包已损坏：包头无法读取") from None
    if not isinstance(header, dict):
        raise PackageRefused("数据交换包已损坏：包头无法读取")
    rest = data[end + 1:]
    if len(rest) < _SIG:
        raise PackageRefused("数据交换包已损坏：缺少签名（文件不完整）")
    fmt = header.get("format")
    if fmt != FORMAT:
        raise PackageRefused(f"数据交换包的格式版本为 {fmt}（由 RepDesk {header.get('program', '?')} 生成），"
                             f"本程序只能读取格式版本 {FORMAT}")
    for key in ("kind", "package", "created", "sender", "recipient", "counts", "encryption"):
        if key not in header:
            raise PackageRefused(f"数据交换包已损坏：包头缺少 {key}")
    sender = header["sender"]
    if not isinstance(sender, dict) or not all(isinstance(sender.get(k), str) for k in
                                               ("installation", "unit_code", "sign_public", "box_public")):
        raise PackageRefused("数据交换包已损坏：包头中的发送方信息不完整")
    aad = data[:end + 1]
    return RawPackage(header, aad + rest[_SIG:], rest[:_SIG], rest[_SIG:], aad)


def check_signature(raw: RawPackage, sign_public: str) -> None:
    try:
        crypto.verify(sign_public, raw.signature, raw.signed)
    except crypto.CryptoFailure:
        raise PackageRefused("数据交换包的签名不符：文件已被改动或不完整，未导入任何内容") from None


def _dump(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def build(keys: crypto.Keys, header: dict[str, Any], body: dict[str, Any], recipient_box_public: str | None) -> bytes:
    """Sign and (for a known recipient) encrypt. A site package has no recipient key yet: it is signed, not
    encrypted, and is carried by hand like a key file."""
    plain = zlib.compress(_dump(body), 6)
    header = dict(header, format=FORMAT, compression="zlib")
    if recipient_box_public:
        eph, eph_public, nonce = crypto.new_ephemeral()
        header["encryption"] = {"alg": crypto.ALGORITHM, "ephemeral": eph_public, "nonce": nonce}
        aad = MAGIC + _dump(header) + b"\n"
        payload = crypto.seal(eph, recipient_box_public, nonce, plain, aad)
    else:
        header["encryption"] = {"alg": "none"}
        aad = MAGIC + _dump(header) + b"\n"
        payload = plain
    return aad + crypto.sign(keys, aad + payload) + payload


def open_body(raw: RawPackage, keys: crypto.Keys | None) -> dict[str, Any]:
    return decode(decrypt(raw, keys))


def decrypt(raw: RawPackage, keys: crypto.Keys | None) -> bytes:
    """The compressed body: decrypted with this installation's key (a site package is not encrypted)."""
    enc = raw.header.get("encryption") or {}
    if not isinstance(enc, dict):
        raise PackageRefused("数据交换包已损坏：包头中的加密信息无法读取")
    if enc.get("alg") == "none":
        plain = raw.body
    elif enc.get("alg") == crypto.ALGORITHM:
        if keys is None:
            raise PackageRefused("本机没有数据交换密钥，无法解密该数据交换包")
        try:
            plain = crypto.unseal(keys, str(enc.get("ephemeral", "")), str(enc.get("nonce", "")), raw.body, raw.aad)
        except crypto.CryptoFailure:
            raise PackageRefused("数据交换包无法解密：它不是加密给本机的，或已被改动") from None
    else:
        raise PackageRefused(f"数据交换包使用了本程序不认识的加密方式（{enc.get('alg')}）")
    return plain


def decode(plain: bytes) -> dict[str, Any]:
    """The body's records, decompressed and read."""
    try:
        body = json.loads(zlib.decompress(plain).decode("utf-8"))
    except (zlib.error, UnicodeDecodeError, ValueError):
        raise PackageRefused("数据交换包已损坏：内容无法解压或读取") from None
    if not isinstance(body, dict):
        raise PackageRefused("数据交换包已损坏：内容无法读取")
    return body

"""The installation's exchange keys and the package cryptography, all from `cryptography` (nothing home-made).

Each installation has an Ed25519 key (it signs its packages) and an X25519 key (packages to it are encrypted to
it: an ephemeral X25519 exchange, HKDF-SHA256, AES-256-GCM). The private keys live in a file beside the audit key
(desktop.paths.key_dir), readable by the user alone, never in the database and never printed."""

from __future__ import annotations

import hashlib
import os
import secrets
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from desktop.paths import key_dir

ALGORITHM = "X25519-HKDF-SHA256-AES256GCM"
_INFO = b"repdesk-exchange-1"
_RAW = serialization.Encoding.Raw
_RAW_PUB = serialization.PublicFormat.Raw


class CryptoFailure(Exception):
    """A signature that does not verify or a ciphertext that does not decrypt."""


def _pub_bytes(key: Ed25519PublicKey | X25519PublicKey) -> bytes:
    return key.public_bytes(_RAW, _RAW_PUB)


def fingerprint_of(sign_public: str, box_public: str) -> str:
    """SHA-256 over both public keys, hex: what two people compare by phone (shown in groups of four)."""
    return hashlib.sha256(bytes.fromhex(sign_public) + bytes.fromhex(box_public)).hexdigest()


def display_fingerprint(fingerprint: str) -> str:
    """The first 128 bits in eight groups of four, upper case: short enough to read out, long enough to matter."""
    head = fingerprint[:32].upper()
    return " ".join(head[i:i + 4] for i in range(0, len(head), 4))


@dataclass(frozen=True)
class Keys:
    installation: str
    sign: Ed25519PrivateKey
    box: X25519PrivateKey

    @property
    def sign_public(self) -> str:
        return _pub_bytes(self.sign.public_key()).hex()

    @property
    def box_public(self) -> str:
        return _pub_bytes(self.box.public_key()).hex()

    @property
    def fingerprint(self) -> str:
        return fingerprint_of(self.sign_public, self.box_public)


def _path(installation: str) -> str:
    return str(key_dir() / f"{installation}.exchange")


def load_keys(installation: str) -> Keys | None:
    try:
        with open(_path(installation), "rb") as f:
            data = f.read()
    except OSError:
        return None
    if len(data) != 64:
        return None
    return Keys(installation, Ed25519PrivateKey.from_private_bytes(data[:32]),
                X25519PrivateKey.from_private_bytes(data[32:]))


def create_keys(installation: str) -> Keys:
    """Made once per installation: O_EXCL never replaces a key (a second writer racing here loads the first's)."""
    sign = Ed25519PrivateKey.generate()
    box = X25519PrivateKey.generate()
    raw = serialization.PrivateFormat.Raw
    none = serialization.NoEncryption()
    data = sign.private_bytes(_RAW, raw, none) + box.private_bytes(_RAW, raw, none)
    try:
        fd = os.open(_path(installation), os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    except FileExistsError:
        existing = load_keys(installation)
        if existing is None:
            raise
        return existing
    with os.fdopen(fd, "wb") as f:
        f.write(data)
    return Keys(installation, sign, box)


def sign(keys: Keys, data: bytes) -> bytes:
    return keys.sign.sign(data)


def verify(sign_public: str, signature: bytes, data: bytes) -> None:
    try:
        Ed25519PublicKey.from_public_bytes(bytes.fromhex(sign_public)).verify(signature, data)
    except (InvalidSignature, ValueError) as exc:
        raise CryptoFailure("signature") from exc


def new_ephemeral() -> tuple[X25519PrivateKey, str, str]:
    """An ephemeral key and a nonce for one package: their public halves go into the header before it is sealed."""
    eph = X25519PrivateKey.generate()
    return eph, _pub_bytes(eph.public_key()).hex(), secrets.token_bytes(12).hex()


def _key(shared: bytes, eph_public: str, box_public: str) -> bytes:
    info = _INFO + bytes.fromhex(eph_public) + bytes.fromhex(box_public)
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=info).derive(shared)


def seal(eph: X25519PrivateKey, recipient_box_public: str, nonce: str, plaintext: bytes, aad: bytes) -> bytes:
    peer = X25519PublicKey.from_public_bytes(bytes.fromhex(recipient_box_public))
    key = _key(eph.exchange(peer), _pub_bytes(eph.public_key()).hex(), recipient_box_public)
    return AESGCM(key).encrypt(bytes.fromhex(nonce), plaintext, aad)


def unseal(keys: Keys, eph_public: str, nonce: str, ciphertext: bytes, aad: bytes) -> bytes:
    try:
        peer = X25519PublicKey.from_public_bytes(bytes.fromhex(eph_public))
        key = _key(keys.box.exchange(peer), eph_public, keys.box_public)
        return AESGCM(key).decrypt(bytes.fromhex(nonce), ciphertext, aad)
    except (InvalidTag, ValueError) as exc:
        raise CryptoFailure("decrypt") from exc

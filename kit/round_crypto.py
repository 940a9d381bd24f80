"""Sealing a team round's shares for their key holders: HPKE (RFC 9180).

Base mode, single shot, suite DHKEM(X25519, HKDF-SHA256) / HKDF-SHA256 /
AES-128-GCM, through the `cryptography` package's hpke module (the browser
uses @hpke/core with the same suite). The info string binds a ciphertext to
its round and key holder; there is no AAD. A ciphertext is enc (32 bytes) ||
AEAD ciphertext with its 16-byte tag, as the library's single-shot API writes
it. docs/reference/round-format.md has the formats; the command line
(kit.round_cli) is the only user, never the engine.
"""

import base64
import binascii
import json
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hpke
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
)

SUITE = hpke.Suite(hpke.KEM.X25519, hpke.KDF.HKDF_SHA256, hpke.AEAD.AES_128_GCM)
ENC_BYTES = 32  # X25519 public key of the sender's ephemeral key pair
TAG_BYTES = 16
KEY_KIND = "cx-kit-key"
SEALED_KIND = "cx-kit-sealed"
CODE_PREFIX = "CXS1."
FORMAT = 1


class SealError(ValueError):
    """A key, sealed file or code that cannot be used; the message says why."""


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def unb64url(text: str, what: str) -> bytes:
    if not isinstance(text, str) or not text.strip():
        raise SealError(f"{what}: expected base64url text")
    text = "".join(text.split())
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError):
        raise SealError(f"{what}: not base64url text (damaged or cut off)") from None


def info(round_id: str, holder: int) -> bytes:
    return f"cx-kit round v1|{round_id}|{holder}".encode()


# --- keys ----------------------------------------------------------------------------


def new_key(name: str, created: str) -> dict:
    """A key holder's key file: their X25519 key pair (keep it private)."""
    private = X25519PrivateKey.generate()
    raw = private.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    return {
        "kind": KEY_KIND,
        "format": FORMAT,
        "name": name,
        "public_key": public_text(private.public_key()),
        "private_key": b64url(raw),
        "created": created,
    }


def public_text(key: X25519PublicKey) -> str:
    return b64url(key.public_bytes(Encoding.Raw, PublicFormat.Raw))


def public_key(text: str) -> X25519PublicKey:
    raw = unb64url(text, "public key")
    if len(raw) != 32:
        raise SealError(f"public key: {len(raw)} bytes, an X25519 key has 32")
    return X25519PublicKey.from_public_bytes(raw)


def private_key(data: Any) -> X25519PrivateKey:
    """The private key of a key file, checked against its public key."""
    if not isinstance(data, dict) or data.get("kind") != KEY_KIND:
        raise SealError("not a key holder's key file (cx-kit-key): make one with kit round key")
    raw = unb64url(data.get("private_key"), "private_key")
    if len(raw) != 32:
        raise SealError(f"private_key: {len(raw)} bytes, an X25519 key has 32")
    key = X25519PrivateKey.from_private_bytes(raw)
    if public_text(key.public_key()) != data.get("public_key"):
        raise SealError("public_key does not belong to private_key: the key file is damaged")
    return key


# --- sealing -------------------------------------------------------------------------


def seal(plaintext: bytes, public_key_text: str, round_id: str, holder: int) -> str:
    return b64url(SUITE.encrypt(plaintext, public_key(public_key_text), info(round_id, holder)))


def unseal(ct_text: str, key: X25519PrivateKey, round_id: str, holder: int) -> bytes:
    ct = unb64url(ct_text, "ct")
    if len(ct) < ENC_BYTES + TAG_BYTES:
        raise SealError(f"ct: {len(ct)} bytes, too short for a sealed share: it was cut off")
    try:
        return SUITE.decrypt(ct, key, info(round_id, holder))
    except InvalidTag:
        raise SealError(
            "cannot be opened with this key: damaged, cut off or changed, or sealed for "
            "another key holder or round"
        ) from None


def seal_payloads(rnd: dict, payloads: list[dict]) -> dict:
    """A respondent's sealed submission: each share sealed for its key holder."""
    holders = rnd["key_holders"]
    return {
        "kind": SEALED_KIND,
        "format": FORMAT,
        "round": rnd["id"],
        "sealed": [
            {
                "holder": p["holder"],
                "ct": seal(
                    json.dumps(p, separators=(",", ":")).encode("utf-8"),
                    holders[p["holder"]]["public_key"],
                    rnd["id"],
                    p["holder"],
                ),
            }
            for p in payloads
        ],
    }


def sealed_code(sealed: dict) -> str:
    """The compact form of a sealed submission, to paste into an email."""
    return CODE_PREFIX + b64url(json.dumps(sealed, separators=(",", ":")).encode("utf-8"))


def read_sealed(text: str) -> dict:
    """A sealed submission from a file's text or a sealed code."""
    text = text.strip()
    if text.startswith(CODE_PREFIX):
        raw = unb64url(text[len(CODE_PREFIX) :], "sealed code")
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise SealError("sealed code: damaged or cut off") from None
    try:
        data = json.loads(text)
    except ValueError:
        raise SealError(
            "not a sealed submission (a cx-kit-sealed JSON file or a CXS1. code); it may be cut off"
        ) from None
    if not isinstance(data, dict) or data.get("kind") != SEALED_KIND:
        raise SealError("not a sealed submission (kind cx-kit-sealed)")
    if data.get("format") != FORMAT or not isinstance(data.get("sealed"), list):
        raise SealError(f"format {data.get('format')!r} is not supported (1)")
    return data


def open_sealed(sealed: dict, key: X25519PrivateKey, rnd: dict, holder: int) -> dict:
    """The share payload of one key holder in a sealed submission."""
    if sealed.get("round") != rnd["id"]:
        raise SealError(f"it belongs to another round ({sealed.get('round')!r})")
    mine = [s for s in sealed["sealed"] if isinstance(s, dict) and s.get("holder") == holder]
    if len(mine) != 1:
        raise SealError(f"it holds no share for key holder {holder}")
    plain = unseal(mine[0].get("ct"), key, rnd["id"], holder)
    try:
        payload = json.loads(plain.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise SealError("the opened share is not JSON") from None
    if not isinstance(payload, dict):
        raise SealError("the opened share is not a share")
    return payload

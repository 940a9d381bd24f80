"""A team round's file: checked, with its defaults filled in (the op round_check).

docs/reference/round-format.md describes the fields; every problem names one.
"""

import re
import secrets
from typing import Any

from . import team_stats as ts
from .errors import InputError
from .model import ID_RE, Questionnaire

KIND = "cx-kit-round"
FORMAT = 1
ROUND_ID = re.compile(r"^[0-9a-f]{16}$")
DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
KEY_TEXT = re.compile(r"^[A-Za-z0-9_-]{43}$")  # base64url of 32 bytes, no padding
MAX_TEAMS = 200
MAX_NAME = 200


def _text(data: dict, key: str, where: str, required: bool = True) -> str | None:
    value = data.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, str) or not value.strip():
        raise InputError(f"{where}{key}: expected a non-empty text, got {value!r}")
    if len(value) > MAX_NAME:
        raise InputError(f"{where}{key}: at most {MAX_NAME} characters")
    return value.strip()


def _ident(value: Any, where: str) -> str:
    if not isinstance(value, str) or not ID_RE.match(value):
        raise InputError(
            f"{where}: expected an id (lowercase letters, digits, '-' or '_'), got {value!r}"
        )
    return value


def _list(data: dict, key: str, low: int, high: int) -> list:
    value = data.get(key)
    if not isinstance(value, list) or not low <= len(value) <= high:
        raise InputError(f"round.{key}: expected a list of {low} to {high} entries")
    return value


def check_round(data: Any, model: Questionnaire | None = None, rand: bytes | None = None) -> dict:
    """The round with defaults filled in (id, roles, minimum, dropbox), or InputError
    naming the field. With a model, also that the round is for it."""
    if not isinstance(data, dict):
        raise InputError("round: expected a round object (a .cxround.json file)")
    out = dict(data)
    if data.get("kind", KIND) != KIND:
        raise InputError(f"round.kind: expected {KIND!r}: this is not a team round")
    if data.get("format", FORMAT) != FORMAT:
        raise InputError(f"round.format: format {data.get('format')!r} is not supported (1)")
    out["kind"], out["format"] = KIND, FORMAT
    rid = data.get("id")
    if rid is None:
        rid = (rand[:8] if rand else secrets.token_bytes(8)).hex()
    elif not isinstance(rid, str) or not ROUND_ID.match(rid):
        raise InputError(f"round.id: expected 16 lowercase hex digits, got {rid!r}")
    out["id"] = rid
    out["name"] = _text(data, "name", "round.")
    out["questionnaire"] = _ident(data.get("questionnaire"), "round.questionnaire")
    version = data.get("version", model.version if model else None)
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise InputError(f"round.version: expected a whole number, got {version!r}")
    out["version"] = version
    if model is not None and (out["questionnaire"], version) != (model.id, model.version):
        raise InputError(
            f"round.questionnaire: the round is for {out['questionnaire']} version {version}, "
            f"not {model.id} version {model.version}"
        )
    if data.get("roles") is None and model is not None:
        out["roles"] = [r.id for r in model.roles[:2]]
    roles = [_ident(r, f"round.roles[{i}]") for i, r in enumerate(_list(out, "roles", 1, 20))]
    if len(set(roles)) != len(roles):
        raise InputError("round.roles: a role is named twice")
    if model is not None:
        for r in roles:
            if model.role(r) is None:
                known = ", ".join(x.id for x in model.roles)
                raise InputError(f"round.roles: unknown role {r!r} (roles: {known})")
    out["roles"] = roles
    teams = []
    for i, t in enumerate(_list(data, "teams", 1, MAX_TEAMS)):
        if not isinstance(t, dict):
            raise InputError(f"round.teams[{i}]: expected {{id, label}}")
        teams.append({"id": _ident(t.get("id"), f"round.teams[{i}].id")})
        teams[-1]["label"] = _text(t, "label", f"round.teams[{i}].")
    if len({t["id"] for t in teams}) != len(teams):
        raise InputError("round.teams: a team id is used twice")
    out["teams"] = teams
    k = data.get("minimum", ts.DEFAULT_MINIMUM)
    if isinstance(k, bool) or not isinstance(k, int) or k < ts.MINIMUM_FLOOR:
        raise InputError(
            f"round.minimum: expected a whole number of at least {ts.MINIMUM_FLOOR}, got {k!r}"
        )
    out["minimum"] = k
    holders = []
    for i, h in enumerate(_list(data, "key_holders", 1, 2)):
        if not isinstance(h, dict):
            raise InputError(f"round.key_holders[{i}]: expected {{name, public_key}}")
        key = h.get("public_key")
        if not isinstance(key, str) or not KEY_TEXT.match(key):
            raise InputError(
                f"round.key_holders[{i}].public_key: expected an X25519 public key "
                "(43 characters of base64url), as `kit round key` or the team view makes it"
            )
        holders.append({"name": _text(h, "name", f"round.key_holders[{i}]."), "public_key": key})
    if len({h["public_key"] for h in holders}) != len(holders):
        raise InputError("round.key_holders: both key holders have the same key")
    out["key_holders"] = holders
    box = data.get("dropbox")
    if box is not None:
        if (
            not isinstance(box, str)
            or not box.startswith("/")
            or box.startswith("//")
            or any(c in box for c in "?#\\ \t\n")
            or ".." in box.split("/")
        ):
            raise InputError(
                f"round.dropbox: expected a path on this site such as /cx-kit-dropbox/, got {box!r}"
            )
        box = box if box.endswith("/") else box + "/"
    out["dropbox"] = box
    created = data.get("created")
    if created is not None and (not isinstance(created, str) or not DATE.match(created)):
        raise InputError(f"round.created: expected a date YYYY-MM-DD, got {created!r}")
    out["created"] = created
    order = ["kind", "format", "id", "name", "questionnaire", "version", "roles", "teams"]
    order += ["minimum", "key_holders", "dropbox", "created"]
    return {**{key: out[key] for key in order}, **out}

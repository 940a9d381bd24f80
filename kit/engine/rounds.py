"""Team rounds: results split into additive shares, one per key holder.

A respondent's browser turns their answers into a count vector
(kit.engine.rounds_layout) and splits it into two shares modulo P: share 0 is
uniformly random, share 1 is the vector minus share 0. Each share is sealed for
one key holder (outside the engine: HPKE, docs/reference/round-format.md), so
neither key holder alone can read one respondent's answers. Each key holder
adds up their shares per (team, role) group and releases the sum only for
groups of at least the round's minimum of distinct responses; the two sums
add up to the group's counts (kit.engine.rounds_combine).

Ops of kit.engine.api: round_check (kit.engine.rounds_check), round_shares,
round_release, round_combine (kit.engine.rounds_combine).
Randomness comes from `secrets`; a request's "rand" (hex) replaces it for test
vectors only. No I/O, no clock.
"""

import hashlib
import re
import secrets
from typing import Any

from . import team_stats as ts
from .errors import AnswerError, InputError
from .model import Questionnaire, validate
from .rounds_check import FORMAT, check_round
from .rounds_layout import Layout, P, pack, unpack
from .scoring import check_answers, score

SHARE_KIND = "cx-kit-share"
SUM_KIND = "cx-kit-sum"
RESPONSE_ID = re.compile(r"^[0-9a-f]{32}$")


# --- a respondent's shares ----------------------------------------------------------


class _Rand:
    """Random bytes: `secrets`, or the given bytes (test vectors), used in order."""

    def __init__(self, given: bytes | None):
        self.given = given
        self.pos = 0

    def take(self, n: int) -> bytes:
        if self.given is None:
            return secrets.token_bytes(n)
        if self.pos + n > len(self.given):
            raise InputError("rand: too few random bytes for this questionnaire")
        self.pos += n
        return self.given[self.pos - n : self.pos]

    def below_p(self, size: int) -> list[int]:
        # 8 bytes reduced mod P: the bias (2**64 mod P = 8 values) is 2**-61.
        raw = self.take(8 * size)
        return [int.from_bytes(raw[i : i + 8], "big") % P for i in range(0, 8 * size, 8)]


def _member(rnd: dict, team: Any, role: Any) -> None:
    teams = [t["id"] for t in rnd["teams"]]
    if team not in teams:
        raise InputError(f"team: {team!r} is not a team of this round (teams: {', '.join(teams)})")
    if role not in rnd["roles"]:
        raise InputError(f"role: {role!r} is not a role of this round ({', '.join(rnd['roles'])})")


def shares(
    model: Questionnaire, rnd: dict, team: str, role: str, answers: Any, rand: bytes | None = None
) -> dict:
    """{"response", "payloads"}: one payload per key holder (see the module doc)."""
    rnd = check_round(rnd, model)
    _member(rnd, team, role)
    clean = check_answers(model, role, answers)
    result = score(model, role, clean)
    if not result["complete"]:
        raise AnswerError(
            f"the answers are incomplete: {', '.join(result['missing'])} not answered; "
            "a round takes only finished forms"
        )
    layout = Layout(model)
    x = layout.vector(result, clean)
    source = _Rand(rand)
    response = source.take(16).hex()
    if len(rnd["key_holders"]) == 1:
        vectors = [x]
    else:
        r = source.below_p(layout.size)
        vectors = [r, [(a - b) % P for a, b in zip(x, r, strict=True)]]
    payloads = [
        {
            "kind": SHARE_KIND,
            "format": FORMAT,
            "round": rnd["id"],
            "holder": i,
            "response": response,
            "team": team,
            "role": role,
            "vector": pack(v),
        }
        for i, v in enumerate(vectors)
    ]
    return {"response": response, "payloads": payloads}


# --- a key holder's release ----------------------------------------------------------


def ids_digest(ids) -> str:
    """sha256 (hex) of the sorted distinct response ids, one per line."""
    return hashlib.sha256("\n".join(sorted(set(ids))).encode("ascii")).hexdigest()


def _holder(rnd: dict, holder: Any) -> int:
    count = len(rnd["key_holders"])
    if isinstance(holder, bool) or not isinstance(holder, int) or holder not in range(count):
        raise InputError(f"holder: expected a key holder index 0 to {count - 1}, got {holder!r}")
    return holder


def _payload(p: Any, i: int, rnd: dict, holder: int, layout: Layout) -> tuple:
    where = f"payloads[{i}]"
    if not isinstance(p, dict) or p.get("kind") != SHARE_KIND:
        raise InputError(f"{where}: not a share of a team round")
    rid = p.get("response")
    if not isinstance(rid, str) or not RESPONSE_ID.match(rid):
        raise InputError(f"{where}.response: expected 32 hex digits, got {rid!r}")
    where = f"{where} (response {rid})"
    if p.get("format") != FORMAT:
        raise InputError(f"{where}: format {p.get('format')!r} is not supported (1)")
    if p.get("round") != rnd["id"]:
        raise InputError(f"{where}: it belongs to another round ({p.get('round')!r})")
    if p.get("holder") != holder:
        raise InputError(f"{where}: it is key holder {p.get('holder')!r}'s share, not {holder}'s")
    try:
        _member(rnd, p.get("team"), p.get("role"))
        vector = unpack(p.get("vector"), layout.size)
    except InputError as e:
        raise InputError(f"{where}: {e}") from None
    return rid, p["team"], p["role"], vector


def id_set(value: Any, where: str) -> set[str]:
    """A list of response ids as a set; InputError when it is anything else."""
    if not isinstance(value, list) or not all(
        isinstance(v, str) and RESPONSE_ID.match(v) for v in value
    ):
        raise InputError(f"{where}: expected a list of response ids (32 hex digits)")
    return set(value)


def _previous_sets(previous: Any, rnd: dict) -> list[dict]:
    """Earlier releases of this round: {(team, role) or None: set of ids}."""
    if previous is None:
        return []
    if not isinstance(previous, list):
        raise InputError("previous: expected a list of earlier releases")
    out = []
    for i, old in enumerate(previous):
        where = f"previous[{i}]"
        if not isinstance(old, dict) or "released_ids" not in old:
            raise InputError(f"{where}: expected an earlier release (a .cxsum.json file)")
        if old.get("round") != rnd["id"]:
            continue  # another round's release
        sets: dict = {None: id_set(old["released_ids"], f"{where}.released_ids")}
        groups = old.get("groups") or {}
        if not isinstance(groups, dict) or not all(isinstance(r, dict) for r in groups.values()):
            raise InputError(f"{where}.groups: expected {{team: {{role: {{ids}}}}}}")
        for team, roles in groups.items():
            for role, g in roles.items():
                if not isinstance(g, dict):
                    raise InputError(f"{where}.groups.{team}.{role}: expected {{ids}}")
                sets[(team, role)] = id_set(g.get("ids"), f"{where}.groups.{team}.{role}.ids")
        out.append(sets)
    return out


def _differencing(now: dict, earlier: list[dict], k: int) -> None:
    """Refuse a release whose responses differ from an earlier one's by 1 to k-1 in
    any group: the difference of the two sums would show those few answers."""
    for old in earlier:
        per_group = [key for key in old if key is not None]
        keys = set(per_group) | {key for key in now if key is not None} if per_group else {None}
        for key in keys:
            diff = len(now.get(key, set()) ^ old.get(key, set()))
            if 0 < diff < k:
                where = f"team {key[0]}, role {key[1]}" if key else "this round"
                raise InputError(
                    f"refused: the responses of {where} differ from an earlier release of "
                    f"this round by {diff}, fewer than the minimum of {k}; the difference of "
                    f"the two releases would show those answers. Release the same responses "
                    f"as before, or wait for at least {k} more"
                )


def release(
    model: Questionnaire, rnd: dict, holder: Any, payloads: Any, previous: Any = None
) -> dict:
    """A key holder's share-sum per (team, role) group of at least the minimum."""
    rnd = check_round(rnd, model)
    holder = _holder(rnd, holder)
    if not isinstance(payloads, list) or not payloads:
        raise InputError("payloads: expected the opened shares of at least one response")
    layout = Layout(model)
    seen: dict[str, tuple] = {}
    duplicates = 0
    for i, p in enumerate(payloads):
        rid, team, role, vector = _payload(p, i, rnd, holder, layout)
        if rid in seen:
            if seen[rid] != (team, role, vector):
                raise InputError(
                    f"payloads[{i}]: response {rid} was submitted twice with different "
                    "contents: keep only the file that came first"
                )
            duplicates += 1
            continue
        seen[rid] = (team, role, vector)
    k = rnd["minimum"]
    groups: dict[tuple, list[str]] = {}
    for rid, (team, role, _) in seen.items():
        groups.setdefault((team, role), []).append(rid)
    out_groups: dict[str, dict] = {}
    withheld = []
    now: dict = {None: set()}
    for t in rnd["teams"]:
        for role in rnd["roles"]:
            ids = sorted(groups.get((t["id"], role), []))
            if not ids:
                continue
            if len(ids) < k:
                withheld.append(
                    {
                        "team": t["id"],
                        "role": role,
                        "responses": len(ids),
                        "reason": ts.group_reason(k),
                    }
                )
                continue
            total = [0] * layout.size
            for rid in ids:
                total = [(a + b) % P for a, b in zip(total, seen[rid][2], strict=True)]
            out_groups.setdefault(t["id"], {})[role] = {
                "responses": len(ids),
                "ids_digest": ids_digest(ids),
                "ids": ids,
                "vector": pack(total),
            }
            now[(t["id"], role)] = set(ids)
            now[None] |= set(ids)
    _differencing(now, _previous_sets(previous, rnd), k)
    return {
        "kind": SUM_KIND,
        "format": FORMAT,
        "round": rnd["id"],
        "holder": holder,
        "questionnaire": model.id,
        "version": model.version,
        "minimum": k,
        "groups": out_groups,
        "withheld": withheld,
        "duplicates": duplicates,
        "released_ids": sorted(now[None]),
    }


# --- the ops -------------------------------------------------------------------------


def _rand(request: dict) -> bytes | None:
    text = request.get("rand")
    if text is None:
        return None
    try:
        return bytes.fromhex(text)
    except (TypeError, ValueError):
        raise InputError("rand: expected hex digits (test vectors only)") from None


def handle(request: dict) -> dict:
    op = request.get("op")
    if op == "round_check":
        definition = request.get("definition")
        model = validate(definition) if definition is not None else None
        return check_round(request.get("round"), model, _rand(request))
    model = validate(request.get("definition"))
    if op == "round_shares":
        return shares(
            model,
            request.get("round"),
            request.get("team"),
            request.get("role"),
            request.get("answers"),
            _rand(request),
        )
    if op == "round_release":
        return release(
            model,
            request.get("round"),
            request.get("holder"),
            request.get("payloads"),
            request.get("previous"),
        )
    from .rounds_combine import combine

    return combine(
        model,
        request.get("round"),
        request.get("sums"),
        request.get("manager_results"),
        request.get("chart_words"),
    )

"""Result codes: answers as a short text such as `CX1.leadership-vision.1.AJX5.7p3qoA`
and back, safe to paste in chat, email or a URL fragment."""

import base64
import binascii
import re
from typing import Any

from .errors import AnswerError, InputError
from .model import ID_RE, Questionnaire
from .result_record import _shown_answers

CODE_FORMAT = 1
CODE_PREFIX = f"CX{CODE_FORMAT}"
CHECK_CHARS = 6
B64_RE = re.compile(r"[A-Za-z0-9_-]+")
VERSION_RE = re.compile(r"[1-9][0-9]{0,8}")

NOT_A_CODE = f"this is not a kit result code (a result code starts with '{CODE_PREFIX}.')"
DAMAGED_CODE = "this result code is damaged or incomplete: copy the whole code again"


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def _check(body: str) -> str:
    return _b64(binascii.crc32(body.encode("ascii")).to_bytes(4, "big"))


def _radices(model: Questionnaire) -> list[int]:
    """Digit sizes: the role, then each question (0 = unanswered, k = option k-1)."""
    return [len(model.roles)] + [len(model.scales[q.scale].options) + 1 for q in model.questions]


def _data_size(radices: list[int]) -> int:
    most = 1
    for r in radices:
        most *= r
    return max(1, ((most - 1).bit_length() + 7) // 8)


def encode(model: Questionnaire, role: str, answers: Any) -> str:
    """A short code for a role's answers: `CX1.<id>.<version>.<answers>.<check>`.

    Only answers to shown questions are kept. Raises AnswerError for answers
    that do not fit.
    """
    kept = _shown_answers(model, role, answers)
    digits = [next(i for i, r in enumerate(model.roles) if r.id == role)]
    for q in model.questions:
        options = model.scales[q.scale].options
        value = kept.get(q.id)
        digits.append(0 if value is None else 1 + [o.value for o in options].index(value))
    radices = _radices(model)
    number = 0
    for digit, radix in zip(digits, radices, strict=True):
        number = number * radix + digit
    data = _b64(number.to_bytes(_data_size(radices), "big"))
    body = f"{CODE_PREFIX}.{model.id}.{model.version}.{data}"
    return f"{body}.{_check(body)}"


def _split_code(code: Any) -> tuple[str, int, str]:
    """Check a pasted code's shape and checksum; return (id, version, answer data)."""
    if not isinstance(code, str):
        raise InputError(NOT_A_CODE)
    text = "".join(code.split())
    head = re.fullmatch(r"CX([0-9]*)(\..*)?", text)
    if not head:
        raise InputError(NOT_A_CODE)
    number, rest = head.group(1), head.group(2) or ""
    if not number:
        raise InputError(DAMAGED_CODE)
    if number.startswith("0"):
        raise InputError(NOT_A_CODE)
    if int(number) > CODE_FORMAT:
        raise InputError(
            f"this result code was made by a newer version of the kit (format {number}); "
            f"this site reads format {CODE_FORMAT}"
        )
    parts = rest[1:].split(".") if rest else []
    if len(parts) != 4:
        raise InputError(DAMAGED_CODE)
    qid, version, data, check = parts
    if (
        not ID_RE.fullmatch(qid)
        or not VERSION_RE.fullmatch(version)
        or not B64_RE.fullmatch(data)
        or len(check) != CHECK_CHARS
        or check != _check(text[: -CHECK_CHARS - 1])
    ):
        raise InputError(DAMAGED_CODE)
    return qid, int(version), data


def decode(code: Any, models_by_id: dict[str, Questionnaire]) -> dict:
    """Read a result code back: {"questionnaire", "version", "role", "answers"}.

    Whitespace and line breaks in a pasted code are ignored. Raises InputError
    with a distinct message for each way a code can be unusable.
    """
    qid, version, data = _split_code(code)
    model = models_by_id.get(qid)
    if model is None:
        have = ", ".join(sorted(models_by_id)) or "none"
        raise InputError(
            f"this result code is for the questionnaire '{qid}', which this page does not have "
            f"(it has: {have})"
        )
    if version != model.version:
        raise InputError(
            f"this result code is for '{qid}' version {version}; "
            f"this page is version {model.version}"
        )
    misfit = InputError(
        f"this result code does not fit '{qid}' version {version}: it was probably made "
        "from a changed copy of the questionnaire"
    )
    radices = _radices(model)
    size = _data_size(radices)
    try:
        raw = base64.urlsafe_b64decode(data + "=" * (-len(data) % 4))
    except (binascii.Error, ValueError):
        raise misfit from None
    if len(raw) != size or _b64(raw) != data:
        raise misfit
    number = int.from_bytes(raw, "big")
    digits = []
    for radix in reversed(radices):
        number, digit = divmod(number, radix)
        digits.append(digit)
    if number:
        raise misfit
    digits.reverse()
    role = model.roles[digits[0]].id
    answers = {}
    for q, digit in zip(model.questions, digits[1:], strict=True):
        if digit:
            answers[q.id] = model.scales[q.scale].options[digit - 1].value
    try:
        answers = _shown_answers(model, role, answers)
    except AnswerError as e:  # cannot happen for a code this kit made
        raise InputError(f"{misfit} ({e})") from None
    return {"questionnaire": qid, "version": version, "role": role, "answers": answers}

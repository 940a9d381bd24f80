"""`kit round` end to end in a temporary folder, and the sealing format.

The HPKE format is checked against an independent implementation of the
RFC 9180 key schedule (X25519, HKDF and AES-GCM primitives, written out
below): what kit.round_crypto seals, it opens, and the other way round.
"""

import base64
import hashlib
import hmac
import json
import os
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from kit import loader
from kit import round_crypto as rc
from kit.cli import main
from kit.engine.rounds import shares
from kit.engine.rounds_check import check_round
from kit.engine.rounds_layout import Layout
from kit.engine.scoring import visible_questions

QUESTIONS = ["needs", "visits", "reviews", "agenda", "urgency", "involvement"]
MANAGERS = [[4, 3, 3, 2, 4, 3], [3, 3, 2, 2, 4, 4], [4, 2, 3, 3, 3, 3]]
EMPLOYEES = [[2, 1, 1, 1, 3, 2], [3, 1, 2, 0, 2, 1], [2, 2, 1, 1, 3, 2], [1] * 6, [4] * 6]


# --- RFC 9180, base mode, DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, AES-128-GCM ---------

KEM_ID = b"KEM" + (0x0020).to_bytes(2, "big")
HPKE_ID = b"HPKE" + b"".join(i.to_bytes(2, "big") for i in (0x0020, 0x0001, 0x0001))


def _extract(suite, salt, label, ikm):
    return hmac.new(salt or bytes(32), b"HPKE-v1" + suite + label + ikm, hashlib.sha256).digest()


def _expand(suite, prk, label, info, length):
    labeled = length.to_bytes(2, "big") + b"HPKE-v1" + suite + label + info
    return hmac.new(prk, labeled + b"\x01", hashlib.sha256).digest()[:length]  # length <= 32


def _key_and_nonce(dh, enc, pk_r, info):
    eae_prk = _extract(KEM_ID, b"", b"eae_prk", dh)
    shared = _expand(KEM_ID, eae_prk, b"shared_secret", enc + pk_r, 32)
    context = (
        b"\x00"
        + _extract(HPKE_ID, b"", b"psk_id_hash", b"")
        + _extract(HPKE_ID, b"", b"info_hash", info)
    )
    secret = _extract(HPKE_ID, shared, b"secret", b"")
    return (
        _expand(HPKE_ID, secret, b"key", context, 16),
        _expand(HPKE_ID, secret, b"base_nonce", context, 12),
    )


def _raw(public_key):
    return public_key.public_bytes(Encoding.Raw, PublicFormat.Raw)


def rfc_open(ct: bytes, sk_r: X25519PrivateKey, info: bytes) -> bytes:
    enc, body = ct[:32], ct[32:]
    dh = sk_r.exchange(X25519PublicKey.from_public_bytes(enc))
    key, nonce = _key_and_nonce(dh, enc, _raw(sk_r.public_key()), info)
    return AESGCM(key).decrypt(nonce, body, b"")


def rfc_seal(pt: bytes, pk_r: X25519PublicKey, info: bytes) -> bytes:
    sk_e = X25519PrivateKey.generate()
    enc = _raw(sk_e.public_key())
    key, nonce = _key_and_nonce(sk_e.exchange(pk_r), enc, _raw(pk_r), info)
    return enc + AESGCM(key).encrypt(nonce, pt, b"")


def test_sealed_shares_are_rfc9180_enc_then_ciphertext():
    key_file = rc.new_key("Ann", "2026-01-05")
    key = rc.private_key(key_file)
    plain = b'{"kind":"cx-kit-share"}'
    ct_text = rc.seal(plain, key_file["public_key"], "0123456789abcdef", 1)
    ct = base64.urlsafe_b64decode(ct_text + "=" * (-len(ct_text) % 4))
    assert "=" not in ct_text and len(ct) == 32 + len(plain) + 16
    info = b"cx-kit round v1|0123456789abcdef|1"
    assert rfc_open(ct, key, info) == plain
    other = rfc_seal(plain, key.public_key(), info)
    assert rc.unseal(rc.b64url(other), key, "0123456789abcdef", 1) == plain
    with pytest.raises(rc.SealError, match="another key holder or round"):
        rc.unseal(rc.b64url(other), key, "0123456789abcdef", 0)


def test_key_file_and_damage_are_named():
    key_file = rc.new_key("Ann", "2026-01-05")
    assert set(key_file) == {"kind", "format", "name", "public_key", "private_key", "created"}
    assert len(key_file["public_key"]) == 43 and len(key_file["private_key"]) == 43
    other = rc.new_key("Bob", "2026-01-05")
    with pytest.raises(rc.SealError, match="public_key does not belong to private_key"):
        rc.private_key({**key_file, "public_key": other["public_key"]})
    key = rc.private_key(key_file)
    ct = rc.seal(b"x" * 40, key_file["public_key"], "0123456789abcdef", 0)
    with pytest.raises(rc.SealError, match="too short .* cut off"):
        rc.unseal(ct[:40], key, "0123456789abcdef", 0)
    with pytest.raises(rc.SealError, match="damaged, cut off or changed"):
        rc.unseal(ct[:-4], key, "0123456789abcdef", 0)
    flipped = ct[:50] + ("A" if ct[50] != "A" else "B") + ct[51:]
    with pytest.raises(rc.SealError, match="damaged, cut off or changed"):
        rc.unseal(flipped, key, "0123456789abcdef", 0)


def test_the_largest_sealed_code_fits_an_email():
    models = loader.load_all()
    model = max(models, key=lambda m: Layout(m).size)
    keys = [rc.new_key(n, "2026-01-05") for n in ("A", "B")]
    rnd = check_round(
        {
            "name": "Size",
            "questionnaire": model.id,
            "teams": [{"id": "t", "label": "T"}],
            "key_holders": [{"name": k["name"], "public_key": k["public_key"]} for k in keys],
        },
        model,
    )
    answers: dict = {}
    for q in model.questions:
        if q in visible_questions(model, answers):
            answers[q.id] = model.scales[q.scale].options[-1].value
    payloads = shares(model, rnd, "t", model.roles[0].id, answers)["payloads"]
    code = rc.sealed_code(rc.seal_payloads(rnd, payloads))
    assert code.startswith("CXS1.") and len(code) < 8000, (model.id, len(code))
    opened = rc.open_sealed(rc.read_sealed(code), rc.private_key(keys[1]), rnd, 1)
    assert opened == payloads[1]


# --- the command line ----------------------------------------------------------------------


def kit(capsys, *argv) -> tuple[int, str, str]:
    status = main([str(a) for a in argv])
    out = capsys.readouterr()
    return status, out.out, out.err


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _answers(folder: Path) -> list[Path]:
    paths = []
    for i, (role, values) in enumerate(
        [("manager", v) for v in MANAGERS] + [("employee", v) for v in EMPLOYEES]
    ):
        path = folder / f"answers{i}.json"
        path.write_text(
            json.dumps({"role": role, "answers": dict(zip(QUESTIONS, values, strict=True))})
        )
        paths.append(path)
    return paths


def test_a_round_end_to_end(folder, capsys):
    status, out, _ = kit(capsys, "round", "key", "Ann Facilitator")
    assert status == 0 and "wrote ann-facilitator.cxkey.json" in out
    assert (folder / "ann-facilitator.cxkey.json").stat().st_mode & 0o077 == 0
    assert kit(capsys, "round", "key", "Works Council")[0] == 0
    assert kit(capsys, "round", "key", "Works Council")[2].endswith(
        "already exists: choose another name with -o\n"
    )
    status, out, err = kit(
        capsys,
        "round",
        "new",
        "--questionnaire",
        "leadership-vision",
        "--name",
        "Spring",
        "--team",
        "alpha=Alpha team",
        "--key-holder",
        "ann-facilitator.cxkey.json",
        "--key-holder",
        "works-council.cxkey.json",
        "--minimum",
        "3",
        "--dropbox",
        "/cx-kit-dropbox/",
        "--site",
        "https://kit.example/",
    )
    assert status == 0, err
    rnd = json.loads((folder / "spring.cxround.json").read_text())
    assert (rnd["minimum"], rnd["dropbox"], rnd["roles"]) == (
        3,
        "/cx-kit-dropbox/",
        ["manager", "employee"],
    )
    assert "private_key" not in json.dumps(rnd)
    links = [line.split(": ", 1)[1] for line in out.splitlines() if ": https://" in line]
    assert len(links) == 2
    for link, role in zip(links, ["manager", "employee"], strict=True):
        page, fragment = link.split("#", 1)
        assert page == "https://kit.example/assessments/leadership-vision/" and "?" not in link
        params = dict(p.split("=", 1) for p in fragment.split("&"))
        blob = params["round"]
        assert json.loads(base64.urlsafe_b64decode(blob + "=" * (-len(blob) % 4))) == rnd
        assert (params["team"], params["role"]) == ("alpha", role)

    box = folder / "box"
    box.mkdir()
    for i, path in enumerate(_answers(folder)):
        status, _, err = kit(
            capsys,
            "round",
            "seal",
            "spring.cxround.json",
            path,
            "--team",
            "alpha",
            "-o",
            box / f"s{i}.json",
        )
        assert status == 0, err
    # The same submission twice, and one as a code in a text file: counted once.
    (box / "s3-again.json").write_text((box / "s3.json").read_text())
    status, code, _ = kit(
        capsys,
        "round",
        "seal",
        "spring.cxround.json",
        folder / "answers0.json",
        "--team",
        "alpha",
        "--code",
    )
    assert code.startswith("CXS1.")
    (box / "late.txt").write_text(code[:60] + "\n" + code[60:])  # broken over two lines

    sums = []
    for i, key in enumerate(["ann-facilitator", "works-council"]):
        status, out, err = kit(
            capsys,
            "round",
            "open",
            "spring.cxround.json",
            "--key",
            f"{key}.cxkey.json",
            box,
            "-o",
            f"sum{i}.json",
        )
        assert status == 0, err
        assert "alpha manager: 4 response(s) released" in out
        assert "alpha employee: 5 response(s) released" in out
        assert "1 repeated submission(s) counted once" in out
        sums.append(f"sum{i}.json")
        assert (folder / f"{key}.cxkey.json.releases.json").is_file()
    (box / "late.txt").unlink()
    status, out, err = kit(
        capsys,
        "round",
        "open",
        "spring.cxround.json",
        "--key",
        "ann-facilitator.cxkey.json",
        box,
        "-o",
        "sum-again.json",
    )
    assert status == 1
    assert "differ from an earlier release of this round by 1, fewer than the minimum of 3" in err

    status, out, err = kit(capsys, "round", "combine", "spring.cxround.json", *sums, "--json")
    assert status == 0, err
    view = json.loads(out)
    # 3 managers + the fourth (answers0 again, a new response): 19, 18, 18, 19 of 24.
    assert view["overall"]["roles"]["manager"]["mean"] == 77.1
    assert view["overall"]["roles"]["employee"]["mean"] == 50.0
    assert view["overall"]["gap"] == 27.1
    status, out, _ = kit(capsys, "round", "combine", "spring.cxround.json", *sums)
    assert status == 0 and "Alpha team: manager n=4 77.1, employee n=5 50.0  gap +27.1" in out
    status, out, _ = kit(capsys, "round", "combine", "spring.cxround.json", *sums, "--csv")
    assert status == 0 and out.startswith("\ufeffquestionnaire,version,kind")
    status, _, err = kit(capsys, "round", "combine", "spring.cxround.json", sums[0])
    assert status == 1 and err == "sums: this round has 2 key holder(s): give 2 share-sum file(s)\n"


def _small_round(folder, capsys, holders=2):
    for name in ("Ann", "Bob")[:holders]:
        kit(capsys, "round", "key", name)
    args = [
        "round",
        "new",
        "--questionnaire",
        "leadership-vision",
        "--name",
        "R",
        "--team",
        "a=A",
        "--site",
        "https://kit.example",
        "--minimum",
        "3",
    ]
    for name in ("ann", "bob")[:holders]:
        args += ["--key-holder", f"{name}.cxkey.json"]
    status, out, err = kit(capsys, *args)
    assert status == 0, err
    box = folder / "box"
    box.mkdir()
    for i, path in enumerate(_answers(folder)):
        kit(
            capsys, "round", "seal", "r.cxround.json", path, "--team", "a", "-o", box / f"s{i}.json"
        )
    return box


def test_tampered_and_truncated_sealed_files_are_refused_by_name(folder, capsys):
    box = _small_round(folder, capsys)
    sealed = json.loads((box / "s2.json").read_text())
    ct = sealed["sealed"][0]["ct"]
    sealed["sealed"][0]["ct"] = ct[:70] + ("A" if ct[70] != "A" else "B") + ct[71:]
    (box / "s2.json").write_text(json.dumps(sealed))
    text = (box / "s5.json").read_text()
    (box / "s5.json").write_text(text[: len(text) // 2])
    status, _, err = kit(capsys, "round", "open", "r.cxround.json", "--key", "ann.cxkey.json", box)
    assert status == 1
    lines = err.splitlines()
    assert lines[0] == (
        f"{box / 's2.json'}: cannot be opened with this key: damaged, cut off or changed, "
        "or sealed for another key holder or round"
    )
    assert lines[1].startswith(f"{box / 's5.json'}: not a sealed submission")
    assert lines[2].startswith("2 sealed file(s) refused")
    assert not (folder / "r-holder0.cxsum.json").exists()
    # Bob's share of s2 is intact: only the damaged share is refused.
    (box / "s5.json").write_text(text)
    status, _, err = kit(capsys, "round", "open", "r.cxround.json", "--key", "bob.cxkey.json", box)
    assert status == 0, err


def test_one_key_holder_and_wrong_keys(folder, capsys):
    box = _small_round(folder, capsys, holders=1)
    (folder / "no-role.json").write_text(json.dumps(dict(zip(QUESTIONS, [1] * 6, strict=True))))
    status, _, err = kit(capsys, "round", "seal", "r.cxround.json", "no-role.json", "--team", "a")
    assert (status, err) == (1, "no-role.json: no role: give --role (manager, employee)\n")
    status, out, _ = kit(capsys, "round", "key", "Mallory")
    status, _, err = kit(
        capsys, "round", "open", "r.cxround.json", "--key", "mallory.cxkey.json", box
    )
    assert status == 1 and "this key is not one of the round's key holders" in err
    status, out, err = kit(
        capsys, "round", "open", "r.cxround.json", "--key", "ann.cxkey.json", box
    )
    assert status == 0, err
    status, out, err = kit(
        capsys, "round", "combine", "r.cxround.json", "r-holder0.cxsum.json", "--json"
    )
    assert status == 0 and json.loads(out)["overall"]["gap"] == 26.4


def test_new_round_mistakes_are_one_line(folder, capsys):
    kit(capsys, "round", "key", "Ann")
    base = [
        "round",
        "new",
        "--questionnaire",
        "leadership-vision",
        "--team",
        "a=A",
        "--site",
        "https://kit.example",
        "--key-holder",
        "ann.cxkey.json",
    ]
    for extra, message in [
        (["--minimum", "2"], "minimum: expected a whole number of at least 3, got 2\n"),
        (["--team", "b"], "--team b: expected ID=LABEL, e.g. sales=Sales team\n"),
        (
            ["--key-holder", "Bob=abcd"],
            "--key-holder Bob: public key: 3 bytes, an X25519 key has 32\n",
        ),
        (["--role", "ceo"], "roles: unknown role 'ceo' (roles: manager, employee)\n"),
    ]:
        status, _, err = kit(capsys, *base, *extra)
        assert (status, err) == (1, message)
    status, _, err = kit(capsys, "round", "combine", "nothing.cxround.json", "x.json")
    assert status == 1 and err.startswith("nothing.cxround.json: cannot read")
    assert not any(p.suffix == ".json" and "cxround" in p.name for p in folder.iterdir())
    assert os.listdir(folder) == ["ann.cxkey.json"]


def test_an_organisations_own_questionnaire(folder, capsys):
    """A round of a questionnaire that is not bundled: --definition FILE."""
    source = (loader.QUESTIONNAIRE_DIR / "leadership-vision.yaml").read_text(encoding="utf-8")
    assert "\nid: leadership-vision\n" in source
    own = folder / "acme-vision.yaml"
    own.write_text(source.replace("\nid: leadership-vision\n", "\nid: acme-vision\n", 1))
    kit(capsys, "round", "key", "Ann")
    status, _, err = kit(
        capsys,
        "round",
        "new",
        "--questionnaire",
        own,
        "--team",
        "a=A",
        "--site",
        "https://kit.example",
        "--key-holder",
        "ann.cxkey.json",
        "--minimum",
        "3",
        "--name",
        "Acme",
    )
    assert status == 0, err
    answers = _answers(folder)[0]
    status, _, err = kit(capsys, "round", "seal", "acme.cxround.json", answers, "--team", "a")
    assert (status, err) == (
        1,
        "acme-vision: no such definition file or bundled questionnaire id\n",
    )
    for i, path in enumerate(_answers(folder)):
        status, _, err = kit(
            capsys,
            "round",
            "seal",
            "acme.cxround.json",
            path,
            "--team",
            "a",
            "--definition",
            own,
            "-o",
            f"s{i}.json",
        )
        assert status == 0, err
    sealed = [f"s{i}.json" for i in range(8)]
    status, _, err = kit(
        capsys,
        "round",
        "open",
        "acme.cxround.json",
        "--key",
        "ann.cxkey.json",
        *sealed,
        "--definition",
        own,
    )
    assert status == 0, err
    status, out, err = kit(
        capsys,
        "round",
        "combine",
        "acme.cxround.json",
        "acme-holder0.cxsum.json",
        "--definition",
        own,
        "--json",
    )
    assert status == 0 and json.loads(out)["overall"]["gap"] == 26.4

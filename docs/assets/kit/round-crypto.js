// Sealing for team rounds: HPKE (RFC 9180), base mode, single shot, with
// DHKEM(X25519, HKDF-SHA256), HKDF-SHA256 and AES-128-GCM, from the vendored
// @hpke/core (served by this site) on the browser's WebCrypto. The format is
// docs/reference/round-format.md; the CLI (kit round) speaks the same.
import { Aes128Gcm, CipherSuite, DhkemX25519HkdfSha256, HkdfSha256 } from "./vendor/hpke/core/mod.js";

const suite = new CipherSuite({ kem: new DhkemX25519HkdfSha256(), kdf: new HkdfSha256(), aead: new Aes128Gcm() });
const ENC_BYTES = 32; // an X25519 public key: the encapsulated key comes first
const text = new TextEncoder();

export function toB64url(bytes) {
  let s = "";
  for (const b of new Uint8Array(bytes)) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export function fromB64url(value) {
  if (typeof value !== "string" || !/^[A-Za-z0-9_-]*$/.test(value)) throw new Error("not base64url");
  const s = atob(value.replace(/-/g, "+").replace(/_/g, "/") + "==".slice(0, (4 - (value.length % 4)) % 4));
  return Uint8Array.from(s, (c) => c.charCodeAt(0));
}

const info = (roundId, holder) => text.encode(`cx-kit round v1|${roundId}|${holder}`);

// A key holder's new key pair: the private key file's fields and the public key.
export async function makeKeyPair() {
  const pair = await suite.kem.generateKeyPair();
  return {
    publicKey: toB64url(await suite.kem.serializePublicKey(pair.publicKey)),
    privateKey: toB64url(await suite.kem.serializePrivateKey(pair.privateKey)),
  };
}

export function isPublicKey(value) {
  try {
    return fromB64url(value).length === 32;
  } catch {
    return false;
  }
}

// Seal text for one key holder of a round: base64url of enc || ciphertext.
export async function seal(publicKey, roundId, holder, plaintext) {
  const recipientPublicKey = await suite.kem.deserializePublicKey(fromB64url(publicKey).buffer);
  const sender = await suite.createSenderContext({ recipientPublicKey, info: info(roundId, holder) });
  const ct = new Uint8Array(await sender.seal(text.encode(plaintext).buffer));
  const out = new Uint8Array(ENC_BYTES + ct.length);
  out.set(new Uint8Array(sender.enc), 0);
  out.set(ct, ENC_BYTES);
  return toB64url(out);
}

// Open what seal() made; throws if it was not sealed for this key and round, or was changed.
export async function open(privateKey, roundId, holder, sealed) {
  const bytes = fromB64url(sealed);
  if (bytes.length <= ENC_BYTES + 16) throw new Error("truncated");
  const recipientKey = await suite.kem.deserializePrivateKey(fromB64url(privateKey).buffer);
  const recipient = await suite.createRecipientContext({ recipientKey, enc: bytes.slice(0, ENC_BYTES).buffer, info: info(roundId, holder) });
  return new TextDecoder("utf-8", { fatal: true }).decode(await recipient.open(bytes.slice(ENC_BYTES).buffer));
}

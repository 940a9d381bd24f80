// Starts Python with the kit engine imported, either from scratch or from a
// memory snapshot of an earlier start (Pyodide's underscored _makeSnapshot /
// _loadSnapshot: the runtime is pinned, and a snapshot names the build it came
// from). Shared by the worker and the Node parity runner, so the parity tests
// run this very code on a restored engine.

// A snapshot holds Python's memory, not Emscripten's file system, and every
// restore starts from the same bytes: `random` would repeat the draws of the
// start that made it, so it is reseeded from os.urandom (the browser's
// crypto.getRandomValues). The str/bytes hash seed cannot change in a running
// interpreter (every dict holds hashes made with it): a restore keeps the
// random seed of the start that made the snapshot, which is this browser's
// own (snapshots are made by the browser, never shipped by the site).
// KIT_RESTORED in the environment tells diagnostics (and the parity tests)
// how this interpreter started.
const AFTER_RESTORE = `
import os, sys
if "random" in sys.modules:
    sys.modules["random"].seed()
os.environ["KIT_RESTORED"] = "1"
`;

// loadPyodide: pyodide.mjs's export. wheel: the engine wheel's bytes (or a
// promise of them), written as wheelName. snapshot: an earlier start's
// snapshot to restore, as { length, fill(memory) }: its length now, its bytes
// later (fill writes them into `memory` and rejects if they are damaged);
// makeSnapshot: make one after the engine is imported (not with snapshot).
// progress(name) is told "engine" once Python runs and "package" once the
// engine's wheel is in place. Resolves with { pyodide, api, snapshot }
// (snapshot: the one made, or null).
export async function startPython(
  loadPyodide,
  { indexURL, lockFileURL, wheelName, wheel, snapshot = null, makeSnapshot = false, progress = () => {} },
) {
  const options = { indexURL, lockFileURL, stdout: () => {}, stderr: () => {} };
  let damaged = null;
  if (snapshot) {
    // Pyodide awaits a snapshot before it starts its runtime. Given a buffer
    // of the right size at once, it starts while the stored bytes are read;
    // its fsInit hook runs before it restores, and waits for them.
    const memory = new Uint8Array(snapshot.length);
    options._loadSnapshot = memory;
    options.fsInit = async () => {
      try {
        await snapshot.fill(memory);
      } catch (err) {
        // A hook's error would not stop the start: unmark the memory, so
        // that Pyodide refuses it, and report why.
        damaged = err;
        memory.fill(0, 0, 64);
      }
    };
  } else if (makeSnapshot) options._makeSnapshot = true;
  let pyodide;
  try {
    pyodide = await loadPyodide(options);
  } catch (err) {
    throw damaged || err;
  }
  // Pyodide keeps its options for the life of the runtime: let the 31 MB go.
  if (snapshot && pyodide._api && pyodide._api.config) pyodide._api.config._loadSnapshot = null;
  progress("engine");
  const path = `/lib/${wheelName}`;
  // Restored too: sys.path names the wheel, and modules imported lazily are read from it.
  pyodide.FS.writeFile(path, new Uint8Array(await wheel));
  if (snapshot) pyodide.runPython(AFTER_RESTORE);
  else pyodide.pyimport("sys").path.insert(0, path);
  progress("package");
  const api = pyodide.pyimport("kit.engine.api");
  // Made before any request: the snapshot holds no one's answers.
  const made = !snapshot && makeSnapshot ? pyodide.makeMemorySnapshot() : null;
  return { pyodide, api, snapshot: made };
}

// A snapshot is Python's whole linear memory, 31 MB, two thirds of it pages of
// zeros. Kept packed: a header, a bitmap of the pages that are not all zero,
// then those pages. Reading 11 MB from the browser's storage instead of 31 MB
// is most of the saving of a warm start.
const PACKED_MAGIC = 0x4b534e31; // "1NSK": this format
const PAGE = 4096;
const HEADER_WORDS = 3; // magic, unpacked length, page size

export function packSnapshot(bytes) {
  const pages = Math.ceil(bytes.length / PAGE);
  const words = new Uint32Array(bytes.buffer, bytes.byteOffset, Math.floor(bytes.length / 4));
  const used = new Uint8Array(pages);
  let count = 0;
  for (let p = 0; p < pages; p++) {
    const end = Math.min((p + 1) * PAGE, bytes.length);
    let zero = true;
    for (let w = (p * PAGE) / 4; zero && w < Math.floor(end / 4); w++) zero = words[w] === 0;
    for (let b = Math.floor(end / 4) * 4; zero && b < end; b++) zero = bytes[b] === 0;
    if (!zero) {
      used[p] = 1;
      count += 1;
    }
  }
  const bitmapBytes = Math.ceil(pages / 32) * 4;
  const out = new Uint8Array(HEADER_WORDS * 4 + bitmapBytes + count * PAGE);
  new Uint32Array(out.buffer, 0, HEADER_WORDS).set([PACKED_MAGIC, bytes.length, PAGE]);
  const bitmap = out.subarray(HEADER_WORDS * 4, HEADER_WORDS * 4 + bitmapBytes);
  let at = HEADER_WORDS * 4 + bitmapBytes;
  for (let p = 0; p < pages; p++) {
    if (!used[p]) continue;
    bitmap[p >> 3] |= 1 << (p & 7);
    out.set(bytes.subarray(p * PAGE, Math.min((p + 1) * PAGE, bytes.length)), at);
    at += PAGE;
  }
  return out.subarray(0, at);
}

// The length of the snapshot packSnapshot packed, from its header (null if
// it is not one).
export function packedLength(packed) {
  if (packed.byteLength < HEADER_WORDS * 4) return null;
  const view = new DataView(packed.buffer, packed.byteOffset, packed.byteLength);
  return view.getUint32(0, true) === PACKED_MAGIC ? view.getUint32(4, true) : null;
}

// Writes the snapshot packSnapshot packed into `out` (zeros, of its length);
// throws "damaged: ..." for anything else.
export function unpackSnapshot(packed, out) {
  const view = new DataView(packed.buffer, packed.byteOffset, packed.byteLength);
  const length = packedLength(packed);
  if (length === null) throw new Error("damaged: not a packed snapshot");
  if (length !== out.length) throw new Error("damaged: its length differs");
  if (view.getUint32(8, true) !== PAGE) throw new Error("damaged: another page size");
  const pages = Math.ceil(length / PAGE);
  const bitmapBytes = Math.ceil(pages / 32) * 4;
  const bitmap = packed.subarray(HEADER_WORDS * 4, HEADER_WORDS * 4 + bitmapBytes);
  let at = HEADER_WORDS * 4 + bitmapBytes;
  for (let p = 0; p < pages; p++) {
    if (!(bitmap[p >> 3] & (1 << (p & 7)))) continue;
    const size = Math.min(PAGE, length - p * PAGE);
    if (at + size > packed.byteLength) throw new Error("damaged: truncated");
    out.set(packed.subarray(at, at + size), p * PAGE);
    at += PAGE;
  }
  if (at !== packed.byteLength) throw new Error("damaged: its length differs");
}

// Darkroom's client worker: it strips, proves and seals files in
// WebAssembly, off the page's thread, so the page stays responsive while a
// proof is made. It is served after wasm-bindgen's glue, as one script the
// page checks against its integrity value before starting it. The page
// talks to it with messages:
//
//   {id, op: "newsroom", manifest (ArrayBuffer), signature, config, host,
//    pinned, loaded} -> {id, summary}
//       checks the newsroom's signed manifest against the key the source
//       pasted (or the one it names), the served configuration and the
//       code the page runs, and keeps it: every later "seal" encrypts to
//       its recipients and proves against its registries, and "open"
//       checks replies against its key
//   {id, op: "inspect", file, name, sidecar}
//       -> {id, report}
//   {id, op: "seal", file, name, message, replyRecipient, sendAsIs, proof: null |
//        {sidecar, registries, provingKey, window, region}}
//       -> {id, stage: "proving"} and {id, stage: "sealing", done, total}
//          as it goes, then
//          {id, envelope (Blob), bundle, discloses, report, proveMs, sealMs,
//           memory}
//       The file (a File) is read a slice at a time and the envelope
//       handed over in pieces, so neither is ever whole in memory; only a
//       photo with a proof is read whole.
//   {id, op: "codename", salt} -> {id, codename, lookup, verifier, recipient}
//       a new codename and the keys the server is sent
//   {id, op: "derive", codename, salt} -> {id, lookup, verifier}
//       the reply key stays here, for "open"
//   {id, op: "open", sealed: [ArrayBuffer]}
//       -> {id, replies: [{text, genuine, verdict} | {error}]}
//   {id, op: "pow", challenge: {token, difficulty, memory_kib, iterations}}
//       -> {id, stage: "pow", done, total} as it goes, then {id, nonce}
//       a busy drop box's proof of work (docs/formats.md §9)
//   {id, op: "forget"} -> {id}
//   any -> {id, error} with one sentence for the source.
//
// Every message carries {wasm, sha256}: where the WebAssembly client is and
// the SHA-256 the page expects of it. The worker refuses a client whose
// bytes differ, and one it cannot check.
"use strict";

let ready = null;
// The newsroom, once its manifest is checked.
let newsroom = null;
// The keys of the codename typed into the inbox, until "forget".
let codenameKeys = null;

function hex(buffer) {
  return Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, "0")).join("");
}

function load(url, sha256) {
  if (ready === null) {
    ready = (async () => {
      if (typeof WebAssembly !== "object") {
        throw new Error("WebAssembly is turned off in this browser");
      }
      const response = await fetch(url, { credentials: "omit", cache: "no-store" });
      if (!response.ok) {
        throw new Error("the encryption code could not be loaded from this server");
      }
      const bytes = await response.arrayBuffer();
      // No silent skip: code whose hash cannot be checked does not run.
      if (!(self.crypto && self.crypto.subtle)) {
        throw new Error("this browser cannot check the encryption code's hash (Web Crypto is unavailable), so it will not run it; use Tor Browser, or the command-line tool");
      }
      const digest = hex(await self.crypto.subtle.digest("SHA-256", bytes));
      if (digest !== sha256) {
        throw new Error("the encryption code this server sent is not the published build; do not use this page");
      }
      await wasm_bindgen({ module_or_path: bytes });
    })();
  }
  return ready;
}

function optional(value) {
  return value === null || value === undefined ? undefined : value;
}

function needNewsroom() {
  if (!newsroom) {
    throw new Error("the newsroom's signed manifest has not been checked; reload the page");
  }
  return newsroom;
}

// A File as the WebAssembly client reads it: a slice at a time, reporting
// how many bytes it has read so far, all passes together (a stripped file
// is read twice: measured, then sealed).
function source(file, onRead) {
  const reader = new FileReaderSync();
  let read = 0;
  return {
    size: file.size,
    read(offset, length) {
      const bytes = new Uint8Array(reader.readAsArrayBuffer(file.slice(offset, offset + length)));
      read += bytes.length;
      if (onRead) {
        onRead(read);
      }
      return bytes;
    },
  };
}

// Where an envelope goes as it is made: pieces gathered into Blobs, which
// the browser may keep on disk, 64 MiB at a time.
function envelopeSink() {
  let parts = [];
  let pending = 0;
  let blob = new Blob([]);
  const fold = () => {
    blob = new Blob([blob, ...parts], { type: "application/octet-stream" });
    parts = [];
    pending = 0;
  };
  return {
    write(chunk) {
      parts.push(chunk.slice());
      pending += chunk.length;
      if (pending >= 64 * 1024 * 1024) {
        fold();
      }
    },
    finish() {
      fold();
      return blob;
    },
  };
}

function seal(id, m) {
  const n = needNewsroom();
  let proof = null;
  let proveMs = null;
  let bundle = null;
  let discloses = null;
  try {
    // A photo with a proof is read whole: it is proved, then sealed.
    const bytes = m.proof ? new Uint8Array(new FileReaderSync().readAsArrayBuffer(m.file)) : null;
    if (m.proof) {
      postMessage({ id, stage: "proving" });
      const p = m.proof;
      const t0 = performance.now();
      proof = wasm_bindgen.prove(
        bytes,
        m.name,
        optional(p.sidecar),
        p.registries,
        new Uint8Array(p.provingKey),
        n,
        p.window,
        p.region,
      );
      proveMs = performance.now() - t0;
      bundle = proof.bundle_json();
      discloses = proof.describe();
    }
    const total = 2 * m.file.size;
    let shown = -1;
    const onRead = (done) => {
      // At most a hundred progress messages per file.
      const percent = Math.floor((100 * done) / Math.max(total, 1));
      if (percent !== shown) {
        shown = percent;
        postMessage({ id, stage: "sealing", done: Math.min(done, total), total });
      }
    };
    postMessage({ id, stage: "sealing", done: 0, total });
    const t1 = performance.now();
    const reply = optional(m.replyRecipient);
    const asIs = m.sendAsIs === true;
    let sealed;
    let envelope;
    if (proof) {
      sealed = wasm_bindgen.seal_with_proof(bytes, m.name, n, optional(m.message), reply, asIs, proof);
      envelope = new Blob([sealed.take_envelope()], { type: "application/octet-stream" });
    } else {
      const sink = envelopeSink();
      sealed = wasm_bindgen.seal_file(
        source(m.file, onRead),
        m.name,
        n,
        optional(m.message),
        reply,
        asIs,
        sink,
      );
      envelope = sink.finish();
    }
    const sealMs = performance.now() - t1;
    const report = JSON.parse(sealed.report_json());
    sealed.free();
    const memory = wasm_bindgen.memory_bytes();
    postMessage({ id, envelope, bundle, discloses, report, proveMs, sealMs, memory });
  } finally {
    if (proof) {
      proof.free();
    }
  }
}

self.onmessage = async (event) => {
  const m = event.data;
  try {
    await load(m.wasm, m.sha256);
    if (m.op === "newsroom") {
      if (newsroom) {
        newsroom.free();
        newsroom = null;
      }
      newsroom = wasm_bindgen.newsroom(
        new Uint8Array(m.manifest),
        m.signature,
        Date.now() / 1000,
        optional(m.pinned),
        m.config,
        m.host,
        m.loaded,
      );
      postMessage({ id: m.id, summary: JSON.parse(newsroom.summary_json()) });
    } else if (m.op === "inspect") {
      const text = wasm_bindgen.inspect_file(source(m.file), m.name, optional(m.sidecar));
      postMessage({ id: m.id, report: JSON.parse(text) });
    } else if (m.op === "seal") {
      seal(m.id, m);
    } else if (m.op === "codename") {
      const codename = wasm_bindgen.new_codename();
      const keys = wasm_bindgen.derive_codename(codename, m.salt);
      postMessage({ id: m.id, codename, lookup: keys.lookup(), verifier: keys.verifier(), recipient: keys.recipient() });
      keys.free();
    } else if (m.op === "derive") {
      if (codenameKeys) {
        codenameKeys.free();
        codenameKeys = null;
      }
      codenameKeys = wasm_bindgen.derive_codename(m.codename, m.salt);
      postMessage({ id: m.id, lookup: codenameKeys.lookup(), verifier: codenameKeys.verifier() });
    } else if (m.op === "open") {
      if (!codenameKeys) {
        throw new Error("type your codename first");
      }
      const n = needNewsroom();
      const replies = m.sealed.map((b) => {
        try {
          return JSON.parse(codenameKeys.open_reply(n, new Uint8Array(b)));
        } catch (err) {
          return { error: String((err && err.message) || err) };
        }
      });
      postMessage({ id: m.id, replies });
    } else if (m.op === "forget") {
      if (codenameKeys) {
        codenameKeys.free();
        codenameKeys = null;
      }
      postMessage({ id: m.id });

    } else if (m.op === "pow") {
      const c = m.challenge;
      // Expected work: 2^difficulty hashes; reported in slices of 32.
      const total = Math.pow(2, c.difficulty);
      const start = Math.floor(Math.random() * 2 ** 48);
      let done = 0;
      for (;;) {
        const nonce = wasm_bindgen.pow_search(c.token, c.difficulty, c.memory_kib, c.iterations, start + done, 32);
        if (nonce !== undefined && nonce !== null) {
          postMessage({ id: m.id, nonce });
          break;
        }
        done += 32;
        postMessage({ id: m.id, stage: "pow", done: Math.min(done, total), total });
      }
    } else if (m.op === "version") {
      postMessage({ id: m.id, version: wasm_bindgen.version() });
    } else {
      throw new Error("unknown request");
    }
  } catch (err) {
    postMessage({ id: m.id, error: String((err && err.message) || err) });
  }
};

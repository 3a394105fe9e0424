// Darkroom's client worker: it strips, proves and seals files in
// WebAssembly, off the page's thread, so the page stays responsive while a
// proof is made. The page talks to it with messages:
//
//   {id, op: "inspect", bytes, name, sidecar}
//       -> {id, report}
//   {id, op: "seal", bytes, name, recipients, message, proof: null |
//        {sidecar, registries, provingKey, circuitId, window, region}}
//       -> {id, stage: "proving" | "sealing"} ... then
//          {id, envelope (ArrayBuffer, transferred), bundle, discloses,
//           report, proveMs, sealMs}
//   {id, op: "codename", salt} -> {id, codename, lookup, verifier, recipient}
//       a new codename and the keys the server is sent
//   {id, op: "derive", codename, salt} -> {id, lookup, verifier}
//       the reply key stays here, for "open"
//   {id, op: "open", sealed: [ArrayBuffer]} -> {id, texts: [text | {error}]}
//   {id, op: "forget"} -> {id}
//   {id, op: "seal-reply", text, recipients} -> {id, sealed (ArrayBuffer)}
//   any -> {id, error} with one sentence for the source.
//
// Every message carries {wasm, sha256}: where the WebAssembly client is and
// the SHA-256 the page expects of it. The worker refuses a client whose
// bytes differ.
"use strict";

importScripts("darkroom_web.js");

let ready = null;
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
      if (self.crypto && self.crypto.subtle) {
        const digest = hex(await self.crypto.subtle.digest("SHA-256", bytes));
        if (digest !== sha256) {
          throw new Error("the encryption code this server sent is not the published build; do not use this page");
        }
      }
      await wasm_bindgen({ module_or_path: bytes });
    })();
  }
  return ready;
}

function optional(value) {
  return value === null || value === undefined ? undefined : value;
}

function seal(id, m) {
  const bytes = new Uint8Array(m.bytes);
  let proof = null;
  let proveMs = null;
  let bundle = null;
  let discloses = null;
  try {
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
        p.circuitId,
        p.window,
        p.region,
      );
      proveMs = performance.now() - t0;
      bundle = proof.bundle_json();
      discloses = proof.describe();
    }
    postMessage({ id, stage: "sealing" });
    const t1 = performance.now();
    const sealed = proof
      ? wasm_bindgen.seal_with_proof(bytes, m.name, m.recipients, optional(m.message), proof)
      : wasm_bindgen.seal(bytes, m.name, m.recipients, optional(m.message));
    const envelope = sealed.take_envelope();
    const sealMs = performance.now() - t1;
    const report = JSON.parse(sealed.report_json());
    sealed.free();
    postMessage(
      { id, envelope: envelope.buffer, bundle, discloses, report, proveMs, sealMs },
      [envelope.buffer],
    );
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
    if (m.op === "inspect") {
      const text = wasm_bindgen.inspect(new Uint8Array(m.bytes), m.name, optional(m.sidecar));
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
      const texts = m.sealed.map((b) => {
        try {
          return codenameKeys.open_reply(new Uint8Array(b));
        } catch (err) {
          return { error: String((err && err.message) || err) };
        }
      });
      postMessage({ id: m.id, texts });
    } else if (m.op === "forget") {
      if (codenameKeys) {
        codenameKeys.free();
        codenameKeys = null;
      }
      postMessage({ id: m.id });
    } else if (m.op === "seal-reply") {
      const sealed = wasm_bindgen.seal_reply(m.text, m.recipients);
      postMessage({ id: m.id, sealed: sealed.buffer }, [sealed.buffer]);
    } else if (m.op === "version") {
      postMessage({ id: m.id, version: wasm_bindgen.version() });
    } else {
      throw new Error("unknown request");
    }
  } catch (err) {
    postMessage({ id: m.id, error: String((err && err.message) || err) });
  }
};

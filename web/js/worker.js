// Darkroom's client worker: it strips, proves and seals files in
// WebAssembly, off the page's thread, so the page stays responsive while a
// proof is made. It is served after wasm-bindgen's glue, as one script the
// page checks against its integrity value before starting it. The page
// talks to it with messages:
//
//   {id, op: "newsroom", manifest (ArrayBuffer), signature, config, host,
//    pinned, loaded, seen} -> {id, summary}
//       checks the newsroom's signed manifest against the key the source
//       pasted (or the one it names), the served configuration, the code
//       the page runs and the newest manifest this tab took before (seen),
//       and keeps it: every later "seal" encrypts to
//       its recipients and proves against its registries, and "open"
//       checks replies against its key
//   {id, op: "inspect", file, name, sidecar}
//       -> {id, report}
//   {id, op: "seal", file, name, message, replyRecipient, sendAsIs, keepCredentials, proof: null |
//        {sidecar, registries, provingKey, window, region, workers}}
//       (provingKey: the compact form the page fetches, expanded here)
//       -> {id, stage: "proving"} and {id, stage: "sealing", done, total}
//          as it goes, then
//          {id, envelope (Blob), bundle, discloses, report, proveMs,
//           proveWorkers, proveSteps, sealMs, memory}
//       The file (a File) is read a slice at a time and the envelope
//       handed over in pieces, so neither is ever whole in memory; only a
//       photo with a proof is read whole. The proof's multi-scalar
//       multiplications are split across `workers` workers (by default
//       one per core, at most 8): this one and helpers it starts from its
//       own checked script, each holding its share of the proving key.
//       Whatever a helper does not answer in time, or answers wrongly
//       (every proof is verified before it is used), is computed here;
//       proveWorkers says how many workers the proof took, and
//       proveSteps how long each step took here, in milliseconds: the
//       witness (with reading the key and the registries), this worker's
//       share, waiting for the helpers, and adding up and verifying.
//   {id, op: "codename", salt} -> {id, codename, lookup, verifier, recipient}
//       a new codename and the keys the server is sent
//   {id, op: "derive", codename, salt} -> {id, lookup, verifier}
//       the reply key stays here, for "open"
//   {id, op: "open", sealed: [ArrayBuffer]}
//       -> {id, replies: [{served, text, genuine, verdict, heading, note} | {served, error}]}
//          in the newsroom's order (the thread it numbered), not as served
//   {id, op: "pow", challenge: {token, difficulty, memory_kib, iterations}}
//       -> {id, stage: "pow", done, total} as it goes, then {id, answer}
//          (the Darkroom-PoW header's value)
//       a busy drop box's proof of work (docs/formats.md §9)
//   {id, op: "forget"} -> {id}
//   {id, op: "warm", workers} -> {id, workers}
//       starts the helpers a proof will use (the page asks when a file it
//       could prove is chosen), so that they are ready when it is sent,
//       and runs the prover's hot code on a few points here and in each,
//       so that the engine optimises it before the proof; nothing is
//       fetched
//   any -> {id, error} with one sentence for the source.
//
// A helper (a worker this one started) answers three more:
//
//   {id, op: "load", module} -> {id}
//       runs the client this worker compiled from the bytes it checked
//       (a WebAssembly.Module)
//   {id, op: "share", provingKey, index, of} -> {id}
//       keeps share `index` of `of` of the proving key's points
//   {id, op: "sum", scalars} -> {id, sums}
//       a share's sums for its scalars (the witness: the buffer is
//       zeroed once used)
//
// Messages are handled one at a time, in order.
//
// The page's first message is {op: "start", wasm, sha256}: the WebAssembly
// client's bytes (the page fetched them, to show how far they are) and the
// SHA-256 the page expects of them. The worker refuses a client whose
// bytes differ, and one it cannot check, and then answers every later
// message with that refusal.
//
// Where WebAssembly is off, the page starts this worker with the
// JavaScript client (web/tools/js-client.js) before it, checked against
// its own integrity value: `darkroomJs` is then defined and runs in place
// of the WebAssembly, with the same functions but the prover's.
"use strict";

// The client's functions: the JavaScript build's where it was given,
// otherwise the WebAssembly build's (wasm-bindgen's glue, above).
const javascript = typeof darkroomJs === "object";
const client = javascript ? darkroomJs.bindgen : wasm_bindgen;

let ready = null;
// What the JavaScript build says of a proof.
const NO_PROVER =
  "proofs are made only where WebAssembly runs (Tor Browser's Standard level) or with the command-line tool (darkroom prove)";
// The newsroom, once its manifest is checked.
let newsroom = null;
// The keys of the codename typed into the inbox, until "forget".
let codenameKeys = null;
// In a helper: its share of the proving key.
let keyShare = null;
// Helpers for proofs, kept between proofs with their shares of the key
// (`key` names the key and the split).
const pool = { helpers: [], key: null };

function hex(buffer) {
  return Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, "0")).join("");
}

// The compiled client, kept to hand to helpers.
let compiled = null;

// Loads the client once, from the first message: "start" (the page's
// WebAssembly and its hash) or, in a helper, "load" (a compiled module).
function load(m) {
  if (ready === null) {
    ready = (async () => {
      if (javascript) {
        await client({ module_or_path: darkroomJs.module });
        return;
      }
      if (typeof WebAssembly !== "object") {
        throw new Error("WebAssembly is turned off in this browser");
      }
      if (m.module) {
        // A helper: the worker that started it checked these bytes and
        // compiled them.
        compiled = m.module;
      } else {
        const bytes = m.wasm;
        if (!bytes) {
          throw new Error("the encryption code could not be loaded from this server");
        }
        // No silent skip: code whose hash cannot be checked does not run.
        if (!(self.crypto && self.crypto.subtle)) {
          throw new Error("this browser cannot check the encryption code's hash (Web Crypto is unavailable), so it will not run it; use Tor Browser, or the command-line tool");
        }
        const digest = hex(await self.crypto.subtle.digest("SHA-256", bytes));
        if (digest !== m.sha256) {
          throw new Error("the encryption code this server sent is not the published build; do not use this page");
        }
        compiled = await WebAssembly.compile(bytes);
      }
      await client({ module_or_path: compiled });
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

// A helper worker: the same script as this one, from the same checked
// blob: address, behind promises.
function startHelper() {
  const w = new Worker(self.location.href);
  const pending = new Map();
  let next = 1;
  const failAll = (why) => {
    for (const p of pending.values()) {
      p.reject(new Error(why));
    }
    pending.clear();
  };
  w.onmessage = (event) => {
    const r = event.data;
    const p = pending.get(r.id);
    if (!p) {
      return;
    }
    pending.delete(r.id);
    if (r.error) {
      p.reject(new Error(r.error));
    } else {
      p.resolve(r);
    }
  };
  w.onerror = (event) => {
    event.preventDefault();
    failAll("a proving worker stopped");
  };
  return {
    call(message, transfer) {
      const id = next++;
      message.id = id;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        w.postMessage(message, transfer || []);
      });
    },
    stop() {
      w.terminate();
      failAll("a proving worker was stopped");
    },
  };
}

function stopPool() {
  for (const h of pool.helpers) {
    h.stop();
  }
  pool.helpers = [];
  pool.key = null;
}

function proofWorkers(requested) {
  const cores = (self.navigator && self.navigator.hardwareConcurrency) || 1;
  return Math.max(1, Math.min(requested || cores, 8));
}

// `count - 1` helpers, started (or kept) with the compiled client: no
// second download or compilation, and the machine code this worker
// already runs. Nothing is fetched, so starting them tells the server
// nothing.
function startPool(count) {
  if (count <= 1 || typeof Worker !== "function") {
    stopPool();
    return [];
  }
  if (pool.helpers.length === count - 1) {
    return pool.helpers;
  }
  stopPool();
  try {
    for (let index = 1; index < count; index++) {
      const h = startHelper();
      pool.helpers.push(h);
      h.call({ op: "load", module: compiled }).catch(() => {});
    }
  } catch (err) {
    // No nested workers here: this worker proves alone.
    stopPool();
  }
  return pool.helpers;
}

// The helpers, each holding its share of `count` of the proving key (kept
// from the last proof with the same key). Their "share" requests are
// queued before anything else is sent them.
async function helpersFor(provingKey, count) {
  const helpers = startPool(count);
  if (helpers.length === 0) {
    return [];
  }
  const key = hex(await self.crypto.subtle.digest("SHA-256", provingKey));
  if (pool.key !== key) {
    helpers.forEach((h, i) => {
      const copy = provingKey.slice(0);
      h.call({ op: "share", provingKey: copy, index: i + 1, of: count }, [copy]).catch(() => {});
    });
    pool.key = key;
  }
  return helpers;
}

// The page fetches the proving key compact (its curve points compressed,
// a fifth of the key file): expanded here once into the key file the
// prover and the helpers read, and kept for the next proof with it.
let expandedKey = { sha256: null, file: null };
async function keyFile(compact) {
  const sha256 = hex(await self.crypto.subtle.digest("SHA-256", compact));
  if (expandedKey.sha256 !== sha256) {
    expandedKey = { sha256, file: client.expand_proving_key(new Uint8Array(compact)).buffer };
  }
  return expandedKey.file;
}

// Proves with the pool: the witness here, a share of the multi-scalar
// multiplications in each worker, the sums added and verified here.
async function prove(m, bytes, n) {
  const p = m.proof;
  const provingKey = await keyFile(p.provingKey);
  let helpers = [];
  try {
    helpers = await helpersFor(provingKey, proofWorkers(p.workers));
  } catch (err) {
    helpers = [];
  }
  const of = helpers.length + 1;
  const steps = {};
  let t = performance.now();
  const lap = (name) => {
    const now = performance.now();
    steps[name] = now - t;
    t = now;
  };
  const job = client.prove_start(
    bytes,
    m.name,
    optional(p.sidecar),
    p.registries,
    new Uint8Array(provingKey),
    n,
    p.window,
    p.region,
    of,
  );
  let open = true;
  try {
    const sent = helpers.map((h, i) => {
      const scalars = job.scalars(i + 1);
      return h
        .call({ op: "sum", scalars: scalars.buffer }, [scalars.buffer])
        .then((r) => {
          if (open) {
            job.add(new Uint8Array(r.sums));
            steps["helper" + (i + 1)] = r.ms;
          }
        });
    });
    lap("witness");
    job.compute(0);
    lap("share");
    const own = steps.share;
    let healthy = true;
    if (sent.length > 0) {
      // A helper that has not answered when five times this worker's own
      // share has passed (ten seconds at least) is not waited for.
      const late = new Promise((resolve) => setTimeout(() => resolve(null), Math.max(10000, 5 * own)));
      const settled = await Promise.race([Promise.allSettled(sent), late]);
      healthy = settled !== null && settled.every((s) => s.status === "fulfilled");
    }
    lap("wait");
    for (const k of job.missing()) {
      job.compute(k);
    }
    let proof;
    try {
      proof = job.finish();
    } catch (err) {
      if (of === 1) {
        throw err;
      }
      // Wrong sums from a helper: every share is computed here.
      healthy = false;
      for (let k = 1; k < of; k++) {
        job.compute(k);
      }
      proof = job.finish();
    }
    lap("finish");
    if (!healthy) {
      stopPool();
    }
    return { proof, workers: healthy ? of : 1, steps };
  } finally {
    open = false;
    job.free();
  }
}

async function seal(id, m) {
  const n = needNewsroom();
  let proof = null;
  let proveMs = null;
  let proveWorkers = null;
  let proveSteps = null;
  let bundle = null;
  let discloses = null;
  try {
    // A photo with a proof is read whole: it is proved, then sealed.
    const bytes = m.proof ? new Uint8Array(new FileReaderSync().readAsArrayBuffer(m.file)) : null;
    if (m.proof && javascript) {
      throw new Error(NO_PROVER);
    }
    if (m.proof) {
      postMessage({ id, stage: "proving" });
      const t0 = performance.now();
      const made = await prove(m, bytes, n);
      proof = made.proof;
      proveWorkers = made.workers;
      proveSteps = made.steps;
      proveMs = performance.now() - t0;
      bundle = proof.bundle_json();
      discloses = proof.describe();
    }
    const keep = m.keepCredentials === true;
    // Measured, then stripped and sealed; a kept original is read once more.
    const total = (keep ? 3 : 2) * m.file.size;
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
      sealed = client.seal_with_proof(bytes, m.name, n, optional(m.message), reply, asIs, keep, proof);
      envelope = new Blob([sealed.take_envelope()], { type: "application/octet-stream" });
    } else {
      const sink = envelopeSink();
      sealed = client.seal_file(
        source(m.file, onRead),
        m.name,
        n,
        optional(m.message),
        reply,
        asIs,
        keep,
        sink,
      );
      envelope = sink.finish();
    }
    const sealMs = performance.now() - t1;
    const report = JSON.parse(sealed.report_json());
    sealed.free();
    const memory = client.memory_bytes();
    postMessage({ id, envelope, bundle, discloses, report, proveMs, proveWorkers, proveSteps, sealMs, memory });
  } finally {
    if (proof) {
      proof.free();
    }
  }
}

async function handle(m) {
  try {
    await load(m);
    if (m.op === "start") {
      // Loaded; the page waits on its first call instead.
    } else if (m.op === "newsroom") {
      if (newsroom) {
        newsroom.free();
        newsroom = null;
      }
      newsroom = client.newsroom(
        new Uint8Array(m.manifest),
        m.signature,
        Date.now() / 1000,
        optional(m.pinned),
        m.config,
        m.host,
        m.loaded,
      );
      try {
        newsroom.check_seen(optional(m.seen));
      } catch (e) {
        newsroom.free();
        newsroom = null;
        throw e;
      }
      postMessage({ id: m.id, summary: JSON.parse(newsroom.summary_json()) });
    } else if (m.op === "inspect") {
      const text = client.inspect_file(source(m.file), m.name, optional(m.sidecar));
      postMessage({ id: m.id, report: JSON.parse(text) });
    } else if (m.op === "seal") {
      await seal(m.id, m);
    } else if (m.op === "codename") {
      const codename = client.new_codename();
      const keys = client.derive_codename(codename, m.salt);
      // The reply key of the newsroom's kind: replies are sealed to it
      // and to the newsroom together.
      const recipient = keys.recipient(needNewsroom());
      postMessage({ id: m.id, codename, lookup: keys.lookup(), verifier: keys.verifier(), recipient });
      keys.free();
    } else if (m.op === "derive") {
      if (codenameKeys) {
        codenameKeys.free();
        codenameKeys = null;
      }
      codenameKeys = client.derive_codename(m.codename, m.salt);
      postMessage({ id: m.id, lookup: codenameKeys.lookup(), verifier: codenameKeys.verifier() });
    } else if (m.op === "open") {
      if (!codenameKeys) {
        throw new Error("type your codename first");
      }
      const n = needNewsroom();
      const parts = m.sealed.map((b) => new Uint8Array(b));
      const lengths = new Uint32Array(parts.map((p) => p.length));
      const all = new Uint8Array(parts.reduce((sum, p) => sum + p.length, 0));
      let at = 0;
      for (const p of parts) {
        all.set(p, at);
        at += p.length;
      }
      // In the newsroom's order, each with its index as served.
      const replies = JSON.parse(codenameKeys.open_replies(n, all, lengths));
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
        const answer = client.pow_search(JSON.stringify(c), start + done, 32);
        if (answer !== undefined && answer !== null) {
          postMessage({ id: m.id, answer });
          break;
        }
        done += 32;
        postMessage({ id: m.id, stage: "pow", done: Math.min(done, total), total });
      }
    } else if (m.op === "warm" && javascript) {
      throw new Error(NO_PROVER);
    } else if (m.op === "warm") {
      startPool(proofWorkers(m.workers));
      client.warm_up();
      postMessage({ id: m.id, workers: pool.helpers.length + 1 });
    } else if (m.op === "load") {
      client.warm_up();
      postMessage({ id: m.id });
    } else if (m.op === "share") {
      if (keyShare) {
        keyShare.free();
        keyShare = null;
      }
      const t0 = performance.now();
      keyShare = client.proving_share(new Uint8Array(m.provingKey), m.index, m.of);
      postMessage({ id: m.id, ms: performance.now() - t0 });
    } else if (m.op === "sum") {
      const scalars = new Uint8Array(m.scalars);
      try {
        if (!keyShare) {
          throw new Error("this worker holds no share of the proving key");
        }
        const t0 = performance.now();
        const sums = keyShare.sum(scalars);
        postMessage({ id: m.id, sums: sums.buffer, ms: performance.now() - t0 }, [sums.buffer]);
      } finally {
        scalars.fill(0);
      }
    } else if (m.op === "version") {
      postMessage({ id: m.id, version: client.version(), engine: javascript ? "javascript" : "webassembly" });
    } else {
      throw new Error("unknown request");
    }
  } catch (err) {
    postMessage({ id: m.id, error: String((err && err.message) || err) });
  }
}

let queue = Promise.resolve();
self.onmessage = (event) => {
  const m = event.data;
  queue = queue.then(() => handle(m));
};

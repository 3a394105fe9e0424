// What the page scripts share: the client worker (web/js/worker.js) behind
// promises, the check of the newsroom's signed manifest, and small helpers
// for one-sentence messages and elements. Loaded before each page's own
// script, which finds it as `Darkroom`.
"use strict";

var Darkroom = (function () {
  // Where a page's resources are, absolute: a worker started from a blob:
  // address resolves nothing relative to the page.
  function absolute(path) {
    return new URL(path, location.href).href;
  }

  // Which build of the client this browser runs: "webassembly", or
  // "javascript" where WebAssembly is off (Tor Browser at "Safer": the same
  // client, translated to JavaScript; slower, and without the prover);
  // null where the page cannot run it at all.
  function engine() {
    if (typeof Worker !== "function") {
      return null;
    }
    return typeof WebAssembly === "object" ? "webassembly" : "javascript";
  }

  // A subresource-integrity value (sha384-…) of some bytes.
  async function integrityOf(bytes) {
    const digest = new Uint8Array(await crypto.subtle.digest("SHA-384", bytes));
    let bin = "";
    for (const b of digest) {
      bin += String.fromCharCode(b);
    }
    return "sha384-" + btoa(bin);
  }

  // A worker for `section`, whose data attributes say where the worker
  // script is and the integrity it must have (data-worker,
  // data-worker-sri), and where the WebAssembly client is and what its
  // SHA-256 must be (data-wasm, data-sha256), or, without WebAssembly,
  // where the JavaScript client is and its integrity (data-js,
  // data-js-sri, data-js-size). The scripts are fetched and checked before
  // they run, then started from a blob: address (the JavaScript client
  // first, then the worker); the WebAssembly is fetched here too and handed
  // to the worker, which checks its hash before compiling it. Either client
  // is read as it arrives, with onLoading(received, total). Returns
  // call(message, transfer, onStage) -> Promise of the worker's answer.
  function worker(section, onLoading) {
    const pending = new Map();
    let nextId = 1;
    const notPublished = "the encryption code this server sent is not the published build; do not use this page";
    // Its address carries the bundle's version, under which the server
    // lets the browser keep it for good; the integrity check holds either
    // way.
    const script = fetch(absolute(section.dataset.worker), {
      credentials: "omit",
      integrity: section.dataset.workerSri,
    }).then(
      (r) => {
        if (!r.ok) {
          throw new Error("the encryption code could not be loaded from this server");
        }
        return r.blob();
      },
      () => {
        throw new Error(notPublished);
      },
    );
    // The client this browser runs, read as it arrives (to show how far
    // it is). The JavaScript client is checked against its integrity value
    // here, before it runs.
    const javascript = engine() === "javascript";
    const code = download(
      absolute(javascript ? section.dataset.js : section.dataset.wasm),
      Number(javascript ? section.dataset.jsSize : section.dataset.wasmSize) || 0,
      onLoading,
    ).then(
      async (bytes) => {
        if (!javascript) {
          return bytes;
        }
        if (!(self.crypto && self.crypto.subtle)) {
          throw new Error("this browser cannot check the encryption code's hash (Web Crypto is unavailable), so it will not run it; use the command-line tool");
        }
        if ((await integrityOf(bytes)) !== section.dataset.jsSri) {
          throw new Error(notPublished);
        }
        return bytes;
      },
      () => {
        throw new Error("the encryption code could not be loaded from this server");
      },
    );
    const started = Promise.all([code, script]).then(([bytes, blob]) => {
      const parts = javascript ? [bytes, "\n", blob] : [blob];
      const w = new Worker(URL.createObjectURL(new Blob(parts, { type: "text/javascript" })));
      listen(w);
      // The worker's first message: the WebAssembly and the hash it must
      // have (messages are handled in order, so it comes before any call).
      if (!javascript) {
        w.postMessage({ id: 0, op: "start", wasm: bytes, sha256: section.dataset.sha256 }, [bytes]);
      }
      return w;
    });
    function listen(w) {
      w.onmessage = (event) => {
        const m = event.data;
        const p = pending.get(m.id);
        if (!p) {
          return;
        }
        if (m.stage) {
          p.onStage(m.stage, m);
          return;
        }
        pending.delete(m.id);
        if (m.error) {
          p.reject(new Error(m.error));
        } else {
          p.resolve(m);
        }
      };
      w.onerror = (event) => {
        event.preventDefault();
        for (const p of pending.values()) {
          p.reject(new Error("the encryption code stopped"));
        }
        pending.clear();
      };
    }
    return function call(message, transfer, onStage) {
      const id = nextId++;
      message.id = id;
      return started.then(
        (w) =>
          new Promise((resolve, reject) => {
            pending.set(id, { resolve, reject, onStage: onStage || (() => {}) });
            w.postMessage(message, transfer || []);
          }),
      );
    };
  }

  // What this page runs, for the manifest check: the WebAssembly hash the
  // worker checks and the integrity value of every script (the
  // JavaScript client's too, where it runs).
  function loaded(section) {
    const scripts = { "worker.js": section.dataset.workerSri };
    if (engine() === "javascript") {
      scripts["darkroom_web_js.js"] = section.dataset.jsSri;
    }
    for (const s of document.querySelectorAll("script[src]")) {
      const name = new URL(s.src).pathname.split("/").pop();
      scripts[name] = s.integrity || "(none)";
    }
    return { wasm_sha256: section.dataset.sha256, scripts };
  }

  // The server's configuration (text and parsed), its signed manifest and
  // the manifest's signature.
  async function served() {
    const get = async (path, how) => {
      const r = await fetch(path, { credentials: "omit", cache: "no-store" });
      if (r.status === 404 && path.includes("manifest")) {
        throw new Error("this server publishes no signed newsroom manifest, so nothing it serves can be checked; send nothing");
      }
      if (!r.ok) {
        throw new Error("this server's configuration could not be loaded");
      }
      return how === "bytes" ? r.arrayBuffer() : r.text();
    };
    const [configText, manifest, signature] = await Promise.all([
      get("/.well-known/darkroom/config.json", "text"),
      get("/.well-known/darkroom/manifest.json", "bytes"),
      get("/.well-known/darkroom/manifest.json.minisig", "text"),
    ]);
    return { config: JSON.parse(configText), configText, manifest, signature };
  }

  // Has the worker check the manifest (with `pinned`, a key the source
  // pasted, if any) against everything else served, and keep it: from then
  // on the worker seals, proves and opens only with what it signed.
  // Resolves to the newsroom's summary.
  //
  // The tab keeps the newest manifest it took from this server under each
  // key (sessionStorage: this tab only, gone when it closes), so a server
  // cannot take a later load of the page back to an older manifest, with
  // keys or code the newsroom has since retired.
  async function newsroom(call, section, s, pinned) {
    const claimed = pinned || claimedKey(s.manifest);
    const record = "darkroom-manifest-seen:" + claimed;
    let seen = null;
    try {
      seen = sessionStorage.getItem(record);
    } catch (e) {
      seen = null;
    }
    const answer = await call(
      {
        op: "newsroom",
        manifest: s.manifest.slice(0),
        signature: s.signature,
        config: s.configText,
        host: location.hostname,
        pinned: pinned || null,
        loaded: JSON.stringify(loaded(section)),
        seen,
      },
    );
    try {
      sessionStorage.setItem("darkroom-manifest-seen:" + answer.summary.key, JSON.stringify(answer.summary.seen));
    } catch (e) {
      // Storage off: each load of the page stands alone.
    }
    return answer.summary;
  }

  // The key the manifest names (checked by the worker, which refuses a
  // manifest signed by any other): where the tab's record is kept.
  function claimedKey(bytes) {
    try {
      return String(JSON.parse(new TextDecoder().decode(bytes)).signing_key || "");
    } catch (e) {
      return "";
    }
  }

  // Fills the elements with the newsroom's name, key, fingerprint and
  // expiry, by their class.
  function showNewsroom(root, summary) {
    const put = (cls, text) => {
      for (const e of root.querySelectorAll("." + cls)) {
        e.textContent = text;
      }
    };
    put("newsroom-name", summary.newsroom);
    put("newsroom-key", summary.key);
    put("newsroom-fingerprint", summary.fingerprint);
    put("newsroom-expires", summary.expires);
    put("newsroom-issued", summary.issued);
    put("newsroom-protection", summary.protection);
  }


  function sentence(text) {
    const t = String(text || "something went wrong");
    const s = t.charAt(0).toUpperCase() + t.slice(1);
    return /[.!?]$/.test(s) ? s : s + ".";
  }

  function el(tag, text, cls) {
    const e = document.createElement(tag);
    if (text !== undefined) {
      e.textContent = text;
    }
    if (cls) {
      e.className = cls;
    }
    return e;
  }

  // `url`'s bytes, from the browser's cache when it kept them, with
  // onProgress(received, total) as they arrive (at most
  // about a hundred times). `total` is the size the page was told: a
  // compressed answer's length is not the file's.
  async function download(url, total, onProgress) {
    // The browser's cache as the server's headers say: a versioned client
    // file is kept for good, the proving key asked for again each time.
    const r = await fetch(url, { credentials: "omit" });
    if (!r.ok) {
      throw new Error("status " + r.status);
    }
    if (!(r.body && r.body.getReader)) {
      return r.arrayBuffer();
    }
    const reader = r.body.getReader();
    const chunks = [];
    let received = 0;
    let told = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        break;
      }
      chunks.push(value);
      received += value.length;
      if (onProgress && received - told >= Math.max(total, 1) / 100) {
        told = received;
        onProgress(received, total);
      }
    }
    const bytes = new Uint8Array(received);
    let at = 0;
    for (const c of chunks) {
      bytes.set(c, at);
      at += c.length;
    }
    return bytes.buffer;
  }

  function size(n) {
    if (n < 1024) {
      return n + " bytes";
    }
    const units = ["KiB", "MiB", "GiB"];
    let v = n;
    let u = -1;
    do {
      v /= 1024;
      u++;
    } while (v >= 1024 && u < units.length - 1);
    return v.toFixed(v < 10 ? 1 : 0) + " " + units[u];
  }

  // How long the JavaScript build takes to stretch a codename (Argon2id,
  // 64 MiB, three passes) in Firefox with Tor Browser's Safer preferences,
  // measured (docs/browser.md, "Without WebAssembly"): the page says so
  // before the source waits.
  const CODENAME_JS_SECONDS = 110;

  // Shows "what…" in `line` and, for work that takes `seconds` or so,
  // how long it is expected to take and how long it has taken so far.
  // Returns {stop()}.
  function slowly(line, what, seconds) {
    if (!seconds) {
      line.textContent = what + "…";
      return { stop() {} };
    }
    const started = Date.now();
    const about = seconds >= 90 ? "about " + Math.round(seconds / 60) + " minutes" : "about " + seconds + " seconds";
    const show = () => {
      const so = Math.floor((Date.now() - started) / 1000);
      line.textContent =
        what + ": in this browser, without WebAssembly, this takes " + about + " (" + so + " s so far). Keep this page open…";
    };
    show();
    const timer = setInterval(show, 1000);
    return {
      stop() {
        clearInterval(timer);
      },
    };
  }

  // Whether an error is the client's code failing its check: the server
  // sent other code than the published build, so the page must offer
  // nothing, not even the server's form.
  function tampered(err) {
    return String((err && err.message) || err).includes("is not the published build");
  }

  return { worker, engine, tampered, slowly, CODENAME_JS_SECONDS, served, newsroom, showNewsroom, sentence, el, size, download };
})();

// What the page scripts share: the client worker (web/js/worker.js) behind
// promises, and small helpers for one-sentence messages and elements.
// Loaded before each page's own script, which finds it as `Darkroom`.
"use strict";

var Darkroom = (function () {
  // A worker for `section`, whose data-wasm and data-sha256 say where the
  // WebAssembly client is and what its SHA-256 must be. Returns
  // call(message, transfer, onStage) -> Promise of the worker's answer.
  function worker(section) {
    const w = new Worker("/static/client/worker.js");
    const pending = new Map();
    let nextId = 1;
    w.onmessage = (event) => {
      const m = event.data;
      const p = pending.get(m.id);
      if (!p) {
        return;
      }
      if (m.stage) {
        p.onStage(m.stage);
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
    return function call(message, transfer, onStage) {
      const id = nextId++;
      message.id = id;
      message.wasm = section.dataset.wasm;
      message.sha256 = section.dataset.sha256;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject, onStage: onStage || (() => {}) });
        w.postMessage(message, transfer || []);
      });
    };
  }

  function available() {
    return typeof WebAssembly === "object" && typeof Worker === "function";
  }

  function config() {
    return fetch("/.well-known/darkroom/config.json", { credentials: "omit" }).then((r) => r.json());
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

  return { worker, available, config, sentence, el, size };
})();

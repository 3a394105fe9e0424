// Darkroom's publication checker: it checks a published photo against its
// publication bundle in WebAssembly, in this browser (the photo is read
// here and sent nowhere), and draws what it verified (the coefficients,
// written afresh; never the file chosen) with the hidden areas outlined. It
// is served after wasm-bindgen's glue, as one script the page pins by its
// integrity value; the single-file checker (/verify/offline.html) carries
// the same script, the WebAssembly and the newsroom's signed manifest
// inline, so it works with no network at all.
//
// The page holds its data in <script type="application/json"
// id="verify-data">: {wasm, wasm_sha256, js, js_sri} (served) or
// {wasm_base64} (single file), and {manifest (base64), signature,
// verifying_key (hex)}. Where WebAssembly is off, the served page checks
// with the JavaScript build of the same client (js, pinned by js_sri);
// the single file cannot, and says it did not check.
"use strict";

(function () {
  const section = document.getElementById("published-check");
  const dataNode = document.getElementById("verify-data");
  if (!section || !dataNode) {
    return;
  }
  const data = JSON.parse(dataNode.textContent);
  const $ = (id) => document.getElementById(id);
  section.hidden = false;
  let ready = null;

  function hex(buffer) {
    return Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, "0")).join("");
  }
  function fromHex(s) {
    const out = new Uint8Array(s.length / 2);
    for (let i = 0; i < out.length; i++) {
      out[i] = parseInt(s.substr(2 * i, 2), 16);
    }
    return out;
  }
  function fromBase64(s) {
    const bin = atob(s);
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) {
      out[i] = bin.charCodeAt(i);
    }
    return out;
  }

  // The checker's functions, once loaded: wasm-bindgen's glue (above),
  // or the JavaScript build's where WebAssembly is off.
  let checker = null;

  // The JavaScript build, as a script pinned by its integrity value (the
  // browser refuses it if its bytes differ).
  function loadScript(src, integrity) {
    return new Promise((resolve, reject) => {
      const s = document.createElement("script");
      s.src = src;
      s.integrity = integrity;
      s.crossOrigin = "anonymous";
      s.onload = resolve;
      s.onerror = () => reject(new Error("the checking code could not be loaded from this server, or is not the published build"));
      document.head.appendChild(s);
    });
  }

  function load() {
    if (ready === null) {
      ready = (async () => {
        if (typeof WebAssembly !== "object" && data.js) {
          // Slower, but the same checks.
          if (typeof darkroomJs !== "object") {
            await loadScript(data.js, data.js_sri);
          }
          await darkroomJs.bindgen({ module_or_path: darkroomJs.module });
          checker = darkroomJs.bindgen;
          return;
        }
        if (typeof WebAssembly !== "object") {
          throw new Error("WebAssembly is turned off in this browser");
        }
        let bytes;
        if (data.wasm_base64) {
          bytes = fromBase64(data.wasm_base64);
        } else {
          const response = await fetch(data.wasm, { credentials: "omit" });
          if (!response.ok) {
            throw new Error("the checking code could not be loaded from this server");
          }
          bytes = new Uint8Array(await response.arrayBuffer());
          if (!(self.crypto && self.crypto.subtle)) {
            throw new Error("this browser cannot check the checking code's hash; use `darkroom verify`");
          }
          if (hex(await self.crypto.subtle.digest("SHA-256", bytes)) !== data.wasm_sha256) {
            throw new Error("the checking code this server sent is not the published build; do not trust this page");
          }
        }
        await wasm_bindgen({ module_or_path: bytes });
        checker = wasm_bindgen;
      })();
      ready.catch(() => {
        ready = null;
      });
    }
    return ready;
  }

  // The verdict: true (VALID), false (NOT VALID), "unchecked" (this page
  // could not check it, which says nothing of the publication), or null
  // (nothing to say yet).
  function show(valid, text, ms) {
    const v = $("pub-verdict");
    v.hidden = false;
    v.className = "verdict " + (valid === true ? "valid" : valid === false ? "invalid" : "");
    v.dataset.valid = valid === null ? "" : String(valid);
    v.dataset.ms = ms === undefined ? "" : String(ms);
    v.textContent = "";
    const label = { true: "VALID: ", false: "NOT VALID: ", unchecked: "NOT CHECKED: " }[String(valid)];
    if (label) {
      const strong = document.createElement("strong");
      strong.textContent = label;
      v.appendChild(strong);
    }
    v.appendChild(document.createTextNode(text));
  }

  // Draws what was verified: the JPEG the client wrote afresh from the
  // verified coefficients (result.drawing), never the file that was
  // chosen, whose other bytes could change what a reader sees.
  async function draw(result) {
    const canvas = $("pub-canvas");
    const drawing = new Blob([fromBase64(result.drawing)], { type: "image/jpeg" });
    const bitmap = await createImageBitmap(drawing);
    canvas.width = bitmap.width;
    canvas.height = bitmap.height;
    const ctx = canvas.getContext("2d");
    ctx.drawImage(bitmap, 0, 0);
    const lw = Math.max(2, Math.round(bitmap.width / 400));
    ctx.lineWidth = lw;
    ctx.strokeStyle = "#d00000";
    ctx.setLineDash([3 * lw, 2 * lw]);
    for (const [x, y, w, h] of result.hidden) {
      ctx.strokeRect(x + lw / 2, y + lw / 2, w - lw, h - lw);
    }
    canvas.dataset.hidden = String(result.hidden.length);
    canvas.hidden = false;
  }

  async function check() {
    const bundleFile = $("pub-bundle").files[0];
    const imageFile = $("pub-image").files[0];
    $("pub-canvas").hidden = true;
    if (!bundleFile || !imageFile) {
      show(null, "choose the publication bundle and the published photo");
      return;
    }
    show(null, "checking…");
    try {
      await load();
    } catch (e) {
      // Nothing was checked: not a verdict on the publication.
      show(
        "unchecked",
        "this page cannot check it here (" +
          String((e && e.message) || e) +
          "). This says nothing about the publication; check it with `darkroom verify`, or in a browser that runs WebAssembly.",
      );
      return;
    }
    try {
      const bundle = await bundleFile.text();
      const image = new Uint8Array(await imageFile.arrayBuffer());
      const started = performance.now();
      const result = JSON.parse(
        checker.verify_publication(
          fromBase64(data.manifest),
          data.signature,
          $("pub-key").value,
          Date.now() / 1000,
          fromHex(data.verifying_key),
          bundle,
          image,
        ),
      );
      const ms = Math.round(performance.now() - started);
      let text = `${result.text}. ${result.shown}. Trusted as the newsroom "${result.newsroom}" (key fingerprint ${result.fingerprint}). Proof keys: ${result.keys}.`;
      if (result.expired) {
        text += ` The newsroom's manifest expired on ${result.expired}; it shows the registries the newsroom trusted until then.`;
      }
      // The verdict shows once the image is drawn with its outlines.
      await draw(result);
      show(true, text, ms);
    } catch (e) {
      show(false, String((e && e.message) || e));
    }
  }

  $("pub-check").addEventListener("click", check);
})();

// The submit page's script: files are stripped, proven and sealed in the
// browser (in web/js/worker.js, with Darkroom's WebAssembly client), and
// only the envelopes and proofs are uploaded. Before anything is offered,
// the worker checks the newsroom's signed manifest against what this
// server serves and the code this page runs; it then seals only to the
// manifest's recipients and proves only against its registries, and the
// page refuses to send on any mismatch. Without WebAssembly (Tor Browser
// at "Safer") the worker runs the JavaScript build of the same client:
// files are still sealed here, only proofs are not offered. Without
// JavaScript none of this runs and the plain form is all there is.
"use strict";

(function () {
  const $ = (id) => document.getElementById(id);
  const client = $("client");
  if (!client) {
    return;
  }
  const plain = $("plain");
  const form = $("client-form");
  const input = $("client-files");
  const review = $("client-review");
  const proofBox = $("client-proof");
  const status = $("client-status");
  const bar = $("client-progress");
  const errorLine = $("client-error");
  const receipts = $("client-receipts");

  function setState(state) {
    client.dataset.state = state;
  }

  const loading = $("client-loading");

  function unavailable(why) {
    loading.hidden = true;
    client.hidden = true;
    plain.hidden = false;
    const note = $("client-unavailable");
    note.hidden = false;
    if (why) {
      $("client-unavailable-why").textContent = why;
    }
    setState("unavailable");
  }

  const engine = Darkroom.engine();
  if (!engine) {
    unavailable("This browser does not run the page's encryption code (it has no Web Workers).");
    return;
  }
  const javascript = engine === "javascript";
  const { sentence, el, size } = Darkroom;
  const call = Darkroom.worker(client, loadingProgress);

  // While the code loads, the page says so and how far it is, and offers
  // no form: the server's form is shown only once the page knows it
  // cannot encrypt here, and says why.
  plain.hidden = true;
  loading.hidden = false;
  function loadingProgress(done, total) {
    $("client-loading-text").textContent =
      "Loading the code that encrypts your files on this device" +
      (javascript ? " (its JavaScript version: WebAssembly is off in this browser)" : "") +
      ": " +
      size(done) +
      (total ? " of " + size(total) : "") +
      "…";
    const bar = $("client-loading-bar");
    if (total) {
      bar.max = total;
      bar.value = Math.min(done, total);
    }
  }

  // A server that disagrees with its newsroom's manifest gets nothing:
  // neither the client nor the plain form is offered.
  function refuse(why) {
    loading.hidden = true;
    client.hidden = false;
    plain.hidden = true;
    form.hidden = true;
    const line = $("client-refused");
    line.textContent = "Do not send anything here. " + sentence(why);
    line.hidden = false;
    setState("refused");
  }

  // --- start: the client must load, and the newsroom's manifest check,
  // before the page offers anything ------------------------------------
  let config = null;
  let served = null;
  let newsroom = null;
  Promise.all([call({ op: "version" }), Darkroom.served()]).then(
    ([v, s]) => {
      served = s;
      config = s.config;
      $("client-version").textContent = v.version;
      return Darkroom.newsroom(call, client, s, null).then(
        (summary) => {
          newsroom = summary;
          Darkroom.showNewsroom(client, summary);
          $("client-newsroom").hidden = false;
          $("client-demo").hidden = !summary.demo;
          $("client-codename").hidden = !config.codenames;
          $("client-js-note").hidden = !javascript;
          loading.hidden = true;
          client.hidden = false;
          plain.hidden = true;
          setState("ready");
        },
        (err) => refuse(err.message),
      );
    },
    (err) => {
      if (Darkroom.tampered(err)) {
        refuse(err.message);
      } else {
        unavailable(sentence(err.message));
      }
    },
  );

  // The source may paste the key the newsroom publishes: the manifest is
  // checked again with it, and a different key refuses the page.
  $("newsroom-key-input").addEventListener("change", (event) => {
    const pinned = event.target.value.trim();
    if (!served || !pinned) {
      return;
    }
    Darkroom.newsroom(call, client, served, pinned).then(
      (summary) => {
        newsroom = summary;
        Darkroom.showNewsroom(client, summary);
        $("newsroom-key-checked").hidden = false;
      },
      (err) => refuse(err.message),
    );
  });

  function fail(text) {
    errorLine.textContent = sentence(text);
    errorLine.hidden = false;
  }

  // --- choosing files: show what will be removed -----------------------
  const SIDECAR = ".capture.json";
  let items = [];

  function stem(name) {
    const dot = name.lastIndexOf(".");
    return dot > 0 ? name.slice(0, dot) : name;
  }

  async function choose() {
    errorLine.hidden = true;
    review.textContent = "";
    proofBox.hidden = true;
    const files = Array.from(input.files);
    const sidecars = new Map();
    for (const f of files) {
      if (f.name.endsWith(SIDECAR)) {
        sidecars.set(f.name.slice(0, -SIDECAR.length), f);
      }
    }
    const chosen = files.filter((f) => !f.name.endsWith(SIDECAR));
    items = [];
    setState("inspecting");
    const list = el("ul", undefined, "files");
    review.appendChild(list);
    for (const file of chosen) {
      const li = el("li");
      li.appendChild(el("strong", file.name));
      li.appendChild(document.createTextNode(" (" + size(file.size) + ")"));
      list.appendChild(li);
      const item = { file, sidecar: null, report: null, error: null, sendAsIs: false, keepCredentials: false };
      items.push(item);
      try {
        const side = sidecars.get(stem(file.name));
        item.sidecar = side ? await side.text() : null;
        if (config.max_upload && file.size > config.max_upload) {
          throw new Error("this file is larger than this server takes (" + size(config.max_upload) + ")");
        }
        // The worker reads the file a slice at a time.
        const r = await call({ op: "inspect", file, name: file.name, sidecar: item.sidecar });
        item.report = r.report;
        describe(li, item);
      } catch (err) {
        item.error = sentence(err.message);
        li.appendChild(el("p", "Cannot be sent: " + item.error, "error"));
      }
    }
    const provable = items.some((i) => i.report && i.report.capture && !i.report.capture.error);
    // The JavaScript build has no prover: the page says where to make one.
    $("client-proof-js").hidden = !(provable && config.proving_key && javascript);
    proofBox.hidden = !(provable && config.proving_key) || javascript;
    if (!proofBox.hidden) {
      // The workers a proof takes start while the source chooses;
      // nothing is fetched, so the server learns nothing from it.
      call({ op: "warm" }).catch(() => {});
    }
    setState("ready");
  }

  function describe(li, item) {
    const report = item.report;
    if (report.metadata_removed) {
      li.appendChild(el("p", "Will be removed: " + report.summary + ".", "removes"));
    } else {
      // Never sent with its metadata by default: the source must choose it,
      // for this file, knowing what stays inside.
      li.appendChild(
        el("p", "Darkroom cannot remove the metadata from this " + report.kind + ": it will not be sent unless you choose to send it as it is.", "warning"),
      );
      choice(li, "send-as-is", " Send this file as it is, with everything listed below still inside", (on) => {
        item.sendAsIs = on;
      });
    }
    if (report.content_credentials) {
      credentialsChoice(li, item);
    }
    const risks = el("ul", undefined, "risks");
    for (const n of report.notes) {
      risks.appendChild(el("li", n));
    }
    for (const r of report.residual_risks) {
      risks.appendChild(el("li", "Still there: " + r));
    }
    if (risks.childElementCount) {
      li.appendChild(risks);
    }
    const c = report.capture;
    if (c && c.error) {
      li.appendChild(el("p", "Its capture signature cannot be used: " + sentence(c.error), "warning"));
    } else if (c) {
      li.appendChild(
        el("p", "Signed by a capture device on " + c.day + (c.has_position ? ", with a position." : ", with no position."), "signed"),
      );
    }
  }

  // A per-file choice the source makes: a labelled checkbox, unticked.
  function choice(li, className, text, onChange) {
    const box = el("input");
    box.type = "checkbox";
    box.className = className;
    box.addEventListener("change", () => onChange(box.checked));
    const label = el("label");
    label.appendChild(box);
    label.appendChild(document.createTextNode(text));
    li.appendChild(label);
  }

  // Content Credentials are removed like all metadata unless the source
  // chooses, for this file, to keep them for the newsroom; the page says
  // plainly what that gives the newsroom before the box can be ticked.
  function credentialsChoice(li, item) {
    choice(li, "keep-credentials", " Keep this file's Content Credentials for the newsroom, so it can check the camera's own signature", (on) => {
      item.keepCredentials = on;
    });
    li.appendChild(
      el(
        "p",
        "If you tick this, the newsroom (and only the newsroom: it is sealed with the file) also receives your original file, " +
          "because the camera's signature covers the original. The newsroom will learn everything in it: the device's certificate, " +
          "which may name its maker, model and serial number, and all the metadata listed above, including the location and time " +
          "if the file has them. The server and anyone the newsroom forwards the cleaned file to still get only the cleaned file.",
        "warning",
      ),
    );
  }

  input.addEventListener("change", () => {
    choose().catch((err) => fail(err.message));
  });

  // --- a codename, on request ------------------------------------------
  // The worker makes it and derives its keys; the page keeps only what the
  // server is sent (lookup, verifier, reply recipient) and shows the words.
  let claim = null;
  const codenameOn = $("codename-on");
  codenameOn.addEventListener("change", () => {
    claim = null;
    $("codename").textContent = "";
    $("codename-box").hidden = true;
    if (!codenameOn.checked) {
      return;
    }
    const ticking = Darkroom.slowly(status, "Making your codename", javascript ? Darkroom.CODENAME_JS_SECONDS : 0);
    call({ op: "codename", salt: config.codenames.salt }).then(
      (r) => {
        ticking.stop();
        claim = { lookup: r.lookup, verifier: r.verifier, recipient: r.recipient };
        $("codename").textContent = r.codename;
        $("codename-box").hidden = false;
        status.textContent = "";
      },
      (err) => {
        ticking.stop();
        codenameOn.checked = false;
        fail(err.message);
      },
    );
  });

  // --- sending ---------------------------------------------------------
  let proofInputs = null;

  // The proving key and registries, fetched once, with the key's progress
  // shown (it is megabytes). Registries the newsroom did not sign are
  // ignored by the worker, and a proving key it did not sign is refused
  // there.
  function fetchProofInputs() {
    if (!proofInputs) {
      const keySize = Number(client.dataset.provingKeySize) || 0;
      const shown = (done, total) =>
        progress(
          "Downloading the newsroom's proof keys: " + size(done) + (total ? " of " + size(total) : "") + "…",
          done,
          total,
        );
      proofInputs = (async () => {
        const text = async (url) => {
          const r = await fetch(url, { credentials: "omit" });
          if (!r.ok) {
            throw new Error("status " + r.status);
          }
          return r.text();
        };
        // The compact form (points compressed, no matrices): a fifth of
        // the key file; the worker expands it.
        const provingKey = await Darkroom.download(config.proving_key + "?form=compact", keySize, shown);
        const registries = await Promise.all(config.registries.map(text));
        return { provingKey, registries };
      })().catch((err) => {
        proofInputs = null;
        throw new Error("the newsroom's proof keys could not be loaded (" + err.message + ")");
      });
    }
    return proofInputs;
  }

  // Ticking "Attach a proof" fetches the proof keys while the source
  // writes; choosing a file alone still tells the server nothing.
  $("proof-on").addEventListener("change", (event) => {
    if (!(event.target.checked && config && config.proving_key)) {
      return;
    }
    fetchProofInputs().then(
      () => {
        status.textContent = "The newsroom's proof keys are here: a proof takes a few seconds when you send.";
        bar.hidden = true;
      },
      (err) => fail(err.message),
    );
  });

  function progress(text, loaded, total) {
    status.textContent = text;
    bar.hidden = false;
    if (total) {
      bar.max = total;
      bar.value = loaded;
    } else {
      bar.removeAttribute("value");
    }
  }

  // A busy drop box asks each upload for a proof of work: the worker
  // solves it (Argon2id, docs/formats.md §9); the header's value.
  async function solvePow(challenge, label) {
    const m = await call({ op: "pow", challenge }, [], (stage, s) =>
      progress("The drop box is busy: your browser is doing a short proof of work before sending " + label + "…", s.done, s.total),
    );
    return m.answer;
  }

  async function powFirst(label) {
    try {
      const r = await fetch("/api/v1/pow", { credentials: "omit", cache: "no-store" });
      if (!r.ok) {
        return null;
      }
      const c = await r.json();
      return c.required ? solvePow(c, label) : null;
    } catch (err) {
      return null;
    }
  }

  async function uploadWithPow(envelope, bundle, label) {
    let pow = await powFirst(label);
    for (let attempt = 0; ; attempt++) {
      try {
        return await upload(envelope, bundle, label, pow);
      } catch (err) {
        // Busy since we asked: solve the challenge it gave, and send again.
        if (err.pow && attempt < 2) {
          pow = await solvePow(err.pow, label);
          continue;
        }
        throw err;
      }
    }
  }

  function upload(envelope, bundle, label, pow) {
    return new Promise((resolve, reject) => {
      // The codename and proof go first: the server checks them before it
      // receives the file.
      const body = new FormData();
      if (claim) {
        body.append("codename", new Blob([JSON.stringify(claim)], { type: "application/json" }));
      }
      if (bundle) {
        body.append("bundle", new Blob([bundle], { type: "application/json" }), "proof.json");
      }
      body.append("envelope", new Blob([envelope], { type: "application/octet-stream" }), "envelope.age");
      const xhr = new XMLHttpRequest();
      xhr.open("POST", "/api/v1/submissions");
      if (pow) {
        xhr.setRequestHeader("Darkroom-PoW", pow);
      }
      xhr.responseType = "json";
      xhr.upload.onprogress = (e) => {
        if (e.lengthComputable) {
          progress("Uploading " + label + ": " + size(e.loaded) + " of " + size(e.total), e.loaded, e.total);
        }
      };
      xhr.onload = () => {
        const answer = xhr.response || {};
        if (xhr.status >= 200 && xhr.status < 300) {
          resolve(answer);
        } else if (xhr.status === 428 && answer.pow) {
          const busy = new Error("the server refused it: " + answer.error);
          busy.pow = answer.pow;
          reject(busy);
        } else {
          reject(new Error("the server refused it: " + (answer.error || "status " + xhr.status)));
        }
      };
      xhr.onerror = () => reject(new Error("the upload failed; nothing is known to be stored, so try again"));
      xhr.send(body);
    });
  }

  function showReceipt(name, r, sealed) {
    const dl = el("dl", undefined, "receipt");
    dl.dataset.designation = r.designation;
    // How much memory the encryption code held after sealing (it reads
    // and writes files a slice at a time, whatever their size), and how
    // many workers made the proof.
    dl.dataset.clientMemory = String(sealed.memory || 0);
    dl.dataset.proveWorkers = String(sealed.proveWorkers || 0);
    const row = (k, v) => {
      if (v !== undefined && v !== null) {
        dl.appendChild(el("dt", k));
        dl.appendChild(el("dd", String(v)));
      }
    };
    row("File", name);
    row("Reference", r.designation);
    row("Day received", r.day);
    row("Label", r.label);
    // Who sealed it: this page, in this browser (the server's own form
    // has its own receipt, which says the server did).
    row(
      "Sealed",
      "on this device, in this browser" + (javascript ? " (the JavaScript version: WebAssembly is off)" : "") + ", before it was sent",
    );
    row("Proof shows time", r.window);
    row("Proof shows place", r.region);
    row("Proof hides the camera among", r.camera);
    row("Sealed to", sealed.report ? sealed.report.sealed_to : undefined);
    row("Encrypted size", r.size + " bytes");
    row("Envelope SHA-256", r.envelope_sha256);
    receipts.appendChild(dl);
    $("client-receipt").hidden = false;
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    send().catch((err) => {
      fail(err.message);
      setState("failed");
    }).finally(() => {
      bar.hidden = true;
      $("client-send").disabled = false;
    });
  });

  async function send() {
    errorLine.hidden = true;
    if (client.dataset.state === "refused") {
      throw new Error("this server disagrees with the newsroom's signed manifest; nothing is sent");
    }
    if (!config || !newsroom) {
      throw new Error("the page is still loading");
    }
    if (items.length === 0) {
      throw new Error("choose at least one file");
    }
    const broken = items.filter((i) => i.error);
    if (broken.length) {
      throw new Error("some files cannot be sent (see above); choose the files again without them");
    }
    const unclean = items.filter((i) => i.report && !i.report.metadata_removed && !i.sendAsIs);
    if (unclean.length) {
      throw new Error(
        "nothing was sent: Darkroom cannot remove the metadata from " +
          unclean.map((i) => i.file.name).join(", ") +
          "; tick \"Send this file as it is\" for it, or choose the files again without it",
      );
    }
    if (codenameOn.checked && !claim) {
      throw new Error("your codename is still being made; wait a moment and send again");
    }
    const prove = !proofBox.hidden && $("proof-on").checked;
    const timeWindow = $("proof-window").value;
    const region = $("proof-region").value;
    const text = $("client-message").value;
    $("client-send").disabled = true;
    setState("busy");
    const inputs = prove ? await fetchProofInputs() : null;
    const n = items.length;
    const names = items.map((i) => i.file.name).join(", ");
    let sent = 0;
    try {
      for (const [k, item] of items.entries()) {
        const label = n > 1 ? "file " + (k + 1) + " of " + n : "your file";
        let message = text;
        if (n > 1) {
          message = (text ? text + "\n\n" : "") + "[File " + (k + 1) + " of " + n + " sent together: " + names + "]";
        }
        const canProve = prove && item.report.capture && !item.report.capture.error;
        const proof = canProve
          ? {
              sidecar: item.sidecar,
              registries: inputs.registries,
              provingKey: inputs.provingKey.slice(0),
              window: timeWindow,
              region,
            }
          : null;
        const onStage = (stage, m) =>
          stage === "proving"
            ? progress("Proving that " + label + " is an unaltered capture (this takes a few seconds)…")
            : progress("Removing metadata from " + label + " and encrypting it…", m.done, m.total);
        const sealed = await call(
          {
            op: "seal",
            file: item.file,
            name: item.file.name,
            message: message || null,
            replyRecipient: claim ? claim.recipient : null,
            sendAsIs: item.sendAsIs,
            keepCredentials: item.keepCredentials,
            proof,
          },
          [],
          onStage,
        );
        progress("Uploading " + label + "…");
        const receipt = await uploadWithPow(sealed.envelope, sealed.bundle, label);
        sent++;
        showReceipt(item.file.name, receipt, sealed);
      }
    } catch (err) {
      if (sent > 0) {
        throw new Error(sentence(err.message) + " " + sent + " of " + n + " files were stored (receipts below); the rest were not sent");
      }
      throw err;
    }
    status.textContent = n > 1 ? "All " + n + " files were received." : "Your file was received.";
    form.reset();
    claim = null;
    items = [];
    review.textContent = "";
    proofBox.hidden = true;
    setState("done");
    // Keyboard and screen-reader users land on the receipts.
    $("client-receipt-heading").focus();
  }
})();

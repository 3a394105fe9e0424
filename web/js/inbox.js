// The inbox page's script: the codename is stretched into keys in the
// worker (web/js/worker.js); the server is sent only the lookup and
// verifier keys, answers with sealed replies, and the worker opens them.
// Without WebAssembly the worker runs the JavaScript build of the same
// client (slower: the page says how long the codename takes); without a
// worker the page keeps its plain form (where the operator allows the
// server to derive) and says why.
"use strict";

(function () {
  const $ = (id) => document.getElementById(id);
  const section = $("inbox");
  if (!section) {
    return;
  }
  const { sentence, el } = Darkroom;
  // The plain form stays, with the reason it is the one offered.
  function unavailable(why) {
    const line = el("p", "Your browser cannot open replies on this page: " + sentence(why), "error");
    $("plain-inbox").prepend(line);
    setState("unavailable");
  }
  const engine = Darkroom.engine();
  if (!engine) {
    unavailable("this browser does not run the page's code (it has no Web Workers).");
    return;
  }
  const javascript = engine === "javascript";
  const call = Darkroom.worker(section);
  const status = $("inbox-status");
  const errorLine = $("inbox-error");
  const list = $("inbox-list");
  let config = null;
  let auth = null;

  function setState(state) {
    section.dataset.state = state;
  }

  function fail(text) {
    errorLine.textContent = sentence(text);
    errorLine.hidden = false;
    status.textContent = "";
    setState("failed");
  }

  // Replies are checked against the key that signed the newsroom's
  // manifest, which is checked first, as on the submit page.
  Promise.all([call({ op: "version" }), Darkroom.served()]).then(
    ([, s]) => {
      config = s.config;
      return Darkroom.newsroom(call, section, s, null).then(
        (summary) => {
          Darkroom.showNewsroom(section, summary);
          $("inbox-newsroom").hidden = false;
          section.hidden = false;
          $("plain-inbox").hidden = true;
          setState("ready");
        },
        refuse,
      );
    },
    // Code that failed its check: nothing is offered, not the server's
    // form either.
    (err) => (Darkroom.tampered(err) ? refuse(err) : unavailable(err.message)),
  );

  function refuse(err) {
    section.hidden = false;
    $("inbox-form").hidden = true;
    $("plain-inbox").hidden = true;
    errorLine.textContent = "Do not use this page. " + sentence(err.message);
    errorLine.hidden = false;
    setState("refused");
  }

  async function api(path, body) {
    const r = await fetch(path, {
      method: "POST",
      credentials: "omit",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(Object.assign({}, auth, body)),
    });
    const answer = await r.json().catch(() => ({}));
    if (!r.ok) {
      throw new Error(answer.error || "the server answered " + r.status);
    }
    return answer;
  }

  function b64(text) {
    const s = atob(text);
    const bytes = new Uint8Array(s.length);
    for (let i = 0; i < s.length; i++) {
      bytes[i] = s.charCodeAt(i);
    }
    return bytes.buffer;
  }

  async function show() {
    status.textContent = "Fetching your replies…";
    const answer = await api("/api/v1/inbox", {});
    const opened = await call({ op: "open", sealed: answer.replies.map((r) => b64(r.sealed)) });
    list.textContent = "";
    // In the newsroom's order, dated by the newsroom; a reply the server
    // showed twice, or replies missing before one, are said.
    opened.replies.forEach((t) => {
      const r = answer.replies[t.served];
      const li = el("li");
      li.dataset.id = r.id;
      li.appendChild(el("p", t.heading || r.day, "small"));
      if (t.note) {
        li.dataset.note = "yes";
        li.appendChild(el("p", sentence(t.note), "error thread-note"));
      }
      if (t.error) {
        li.appendChild(el("pre", "(this reply cannot be opened: " + t.error + ")", "reply"));
      } else {
        li.dataset.genuine = t.genuine ? "yes" : "no";
        li.appendChild(el("p", t.genuine ? "Signed by the newsroom." : t.verdict, t.genuine ? "signed" : "error forged"));
        li.appendChild(el("pre", t.text, "reply"));
      }
      const del = el("button", "Delete this reply", "danger");
      del.type = "button";
      del.addEventListener("click", () => {
        api("/api/v1/inbox/delete", { reply: r.id }).then(show, (e) => fail(e.message));
      });
      li.appendChild(del);
      list.appendChild(li);
    });
    $("inbox-empty").hidden = answer.replies.length > 0;
    $("inbox-replies").hidden = false;
    status.textContent = answer.replies.length + " repl" + (answer.replies.length === 1 ? "y" : "ies") + ".";
    setState("open");
  }

  $("inbox-form").addEventListener("submit", (event) => {
    event.preventDefault();
    errorLine.hidden = true;
    const typed = $("inbox-codename");
    if (!config || !config.codenames) {
      fail("this drop box does not offer codenames");
      return;
    }
    setState("busy");
    const ticking = javascript
      ? Darkroom.slowly(status, "Turning your codename into keys", Darkroom.CODENAME_JS_SECONDS)
      : Darkroom.slowly(status, "Turning your codename into keys (a few seconds)", 0);
    call({ op: "derive", codename: typed.value, salt: config.codenames.salt })
      .then((keys) => {
        ticking.stop();
        typed.value = "";
        auth = { lookup: keys.lookup, verifier: keys.verifier };
        return show();
      })
      .catch((err) => {
        ticking.stop();
        auth = null;
        call({ op: "forget" });
        fail(err.message);
      });
  });

  $("inbox-delete-account").addEventListener("click", () => {
    if (!window.confirm("Delete your account and every reply to it? Your codename will open nothing afterwards.")) {
      return;
    }
    api("/api/v1/inbox/delete", { account: true }).then(
      () => {
        auth = null;
        call({ op: "forget" });
        list.textContent = "";
        $("inbox-replies").hidden = true;
        status.textContent = "Your account and every reply to it are deleted.";
        setState("deleted");
      },
      (err) => fail(err.message),
    );
  });
})();

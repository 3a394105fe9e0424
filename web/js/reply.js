// The journalist's reply form: the reply is sealed in this browser (in
// web/js/worker.js) to the source's codename key and the newsroom's keys,
// and only the sealed file is uploaded. The text box has no name and is
// in no form, so the plaintext is never sent.
"use strict";

(function () {
  const $ = (id) => document.getElementById(id);
  const section = $("reply");
  if (!section || !Darkroom.available()) {
    return;
  }
  const { sentence } = Darkroom;
  const call = Darkroom.worker(section);
  const status = $("reply-status");
  const errorLine = $("reply-error");
  const text = $("reply-text");
  const button = $("reply-send");

  call({ op: "version" }).then(
    () => {
      section.hidden = false;
      section.dataset.state = "ready";
    },
    () => {
      section.dataset.state = "unavailable";
    },
  );

  button.addEventListener("click", async () => {
    errorLine.hidden = true;
    button.disabled = true;
    section.dataset.state = "busy";
    try {
      status.textContent = "Encrypting the reply…";
      const recipients = section.dataset.recipients.split(" ").filter((r) => r);
      const sealed = await call({ op: "seal-reply", text: text.value, recipients });
      const body = new FormData();
      body.append("csrf", section.dataset.csrf);
      body.append("sealed", new Blob([sealed.sealed], { type: "application/octet-stream" }), "reply.age");
      status.textContent = "Sending…";
      const r = await fetch(section.dataset.action, {
        method: "POST",
        credentials: "same-origin",
        headers: { "x-requested-with": "darkroom" },
        body,
      });
      const answer = await r.json().catch(() => ({}));
      if (!r.ok) {
        throw new Error(answer.error || "the server answered " + r.status);
      }
      text.value = "";
      status.textContent = "Sent. Reload the page to see it listed.";
      section.dataset.state = "done";
    } catch (err) {
      errorLine.textContent = sentence(err.message);
      errorLine.hidden = false;
      status.textContent = "";
      section.dataset.state = "failed";
    } finally {
      button.disabled = false;
    }
  });
})();

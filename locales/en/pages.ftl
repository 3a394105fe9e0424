### Darkroom's pages, in English: the source every other catalog is
### translated from.
###
### Review: written in English by the project.
###
### Messages may hold these HTML elements, the same ones in every language:
### <strong>, <em>, <code>, <a href="…"> with the address unchanged. Values
### ({ $newsroom }…) are filled in by the server. See docs/translating.md.

## Every page

site-tag = secure drop box
site-demo = DEMO: this server runs with demo keys made on this machine. Do not submit anything real.
nav-label = Main
nav-submit = Submit
nav-inbox = Replies
nav-verify = Verify a proof
lang-label = Language
site-footer = Darkroom: files are encrypted to the newsroom's key; this server stores nothing it can read.

## The landing page

landing-heading = Send { $newsroom } a photo or a document, safely
landing-intro =
    Files sent here are encrypted to the newsroom's key before they are stored.
    This server holds no key that can open them, keeps no record of who you are
    (no IP addresses, no browser details), and stores only the day a file arrived.
    Submissions are deleted automatically after about { $days ->
        [one] { $days } day
       *[other] { $days } days
    }.
landing-before = Before you start
landing-tor = Use <strong>Tor Browser</strong>, on a device and network not linked to your work.
landing-metadata = Photos carry hidden details (GPS position, camera serial number, author). Darkroom removes them, but a photo's content can still identify you or your position.
landing-ways = Ways to send
landing-way-page = <strong>The <a href="/submit">submit page</a></strong>, with JavaScript on (Tor Browser's "Standard" or "Safer" level): your files are cleaned and encrypted in your browser, and, where WebAssembly runs ("Standard"), a signed photo can carry a proof that it is an unaltered capture. This server receives only the encrypted envelope.
landing-way-cli = <strong>The <code>darkroom</code> command-line tool</strong>, which does the same on your own device without a browser, and checks the newsroom's signed manifest against the key you give it:
landing-way-form = <strong>The plain form on the <a href="/submit">submit page</a></strong>, which works with JavaScript turned off (Tor Browser's "Safest" level). <em>What this path trusts:</em> your file travels to this server over your (Tor) connection <strong>before</strong> it is encrypted. The server cleans it and encrypts it in memory and never writes it to disk, but you must trust that this server runs Darkroom's published code and has not been tampered with. If that is too much trust, use one of the first two.
landing-way-form-off = The plain form, where this server encrypts your file, is turned off here: only files encrypted on your own device are accepted.
landing-code = The code your browser runs
landing-code-intro = The submit page encrypts with Darkroom's WebAssembly client, or, where WebAssembly is off, the same client translated to JavaScript; anyone can rebuild both byte for byte from the source (<code>scripts/build-web --check</code>). This server sends:
landing-code-bundle = Client bundle (SHA-256 of its <a href="/static/client/SHA256SUMS">SHA256SUMS</a>)
landing-code-wasm = WebAssembly client (SHA-256)
landing-code-js = JavaScript client (subresource integrity)
landing-code-verify-js = JavaScript publication checker (subresource integrity)
landing-code-script = Page script (subresource integrity)
landing-code-compare = Compare them with the README of the Darkroom release this newsroom says it runs.
landing-key = The newsroom's key
landing-key-intro = { $newsroom } signs what your client trusts (the keys it encrypts to, the camera registries it proves against, the code this page runs) with its signing key, which this server does not hold. Your client checks that signature before it sends anything. <strong>Compare this key with what { $newsroom } publishes elsewhere</strong> (its website, print, a directory): if this server showed you a different one, the check proves nothing.
landing-key-signing = Newsroom signing key
landing-key-words = Its fingerprint, in words
landing-key-cli = With the command-line tool, give it once:
landing-key-none = This server publishes no signed newsroom manifest, so your client has nothing to check its keys against.
landing-recipients = Envelopes are sealed to these age recipients, { $protection }:
protection-hybrid = hybrid post-quantum keys (ML-KEM-768 with X25519)
protection-classical = classical keys (X25519 only, not protected against a future quantum computer)

## The submit page

submit-title = Submit
submit-heading = Submit files
submit-loading = Loading the code that encrypts your files on this device…
submit-newsroom = This page encrypts only to the keys <strong class="newsroom-name"></strong> signed with its newsroom key <code class="newsroom-key"></code>, in words <strong class="newsroom-fingerprint"></strong> (valid until <span class="newsroom-expires"></span>). <strong>Compare this with what <span class="newsroom-name"></span> publishes</strong> elsewhere (its website, print): if they differ, send nothing.
submit-sealed-to = Files are sealed to its <strong class="newsroom-protection"></strong>. This tab remembers that the manifest it checked was issued on <span class="newsroom-issued"></span>, and refuses an older one until you close the tab.
submit-demo = This is a DEMO newsroom with demo keys: send nothing real.
submit-paste-key = To have it checked here, paste the key the newsroom publishes (optional)
submit-key-checked = The key you pasted signed this newsroom's manifest.
submit-here = Your files are cleaned of hidden metadata and encrypted <strong>here, in your browser</strong>, before anything is sent. This server receives only envelopes it cannot open.
submit-js-note = WebAssembly is off in this browser (in Tor Browser, the "Safer" security level turns it off), so this page runs the same encryption code translated to JavaScript. It is slower, and your files still leave this device only encrypted. Proofs that a photo is an unaltered capture are not made here.
submit-files = Files (at most { $mib } MiB each; pick several at once if you like)
submit-proof-js = A photo here is signed by a capture device, so it could carry a proof that it is unaltered, but proofs are not made without WebAssembly: it would take far too long. To attach one, send it from Tor Browser at the "Standard" security level, or make the proof on your own device with <code>darkroom prove</code> and send it with <code>darkroom submit</code>. Without a proof, the photo is still cleaned and encrypted here.
submit-proof-legend = Proof that a photo is an unaltered capture (optional)
submit-proof-intro = A photo signed by a camera this newsroom trusts can carry a zero-knowledge proof that it has not been altered since it was taken. The proof shows neither the photo nor the camera: only the time and place you choose here.
submit-proof-on = Attach a proof to the signed photos
submit-proof-window = Time the proof shows
submit-window-day = the day it was taken
submit-window-month = only the month
submit-window-year = only the year
submit-window-none = nothing about the time
submit-proof-region = Place the proof shows
submit-region-none = nothing about the place
submit-region-1 = a 1° square around it (about 100 km)
submit-region-10 = a 10° square around it (about 1,000 km)
submit-region-30 = a 30° square around it
submit-codename-legend = Replies (optional)
submit-codename-on = Get a codename, so the newsroom can reply to me
submit-codename-shown = Your codename, shown only this once:
submit-codename-keep = With it you can read the newsroom's replies on the <a href="/inbox">Replies</a> page. Anyone who has it can read them too, and nobody can recover it for you. Write it on paper and keep it somewhere safe; do not store it in this browser or on this device.
submit-message = Message to the newsroom (optional; it is encrypted with your files)
submit-send = Encrypt and send
submit-received = Received
submit-receipts = Each file is stored, encrypted to the newsroom's key. Keeping these receipts is optional; they could link you to your submission if someone finds them.
submit-client = Client: <span id="client-version"></span>, SHA-256 <code>{ $sha256 }</code>.
submit-unavailable = Your browser cannot encrypt files on this page.
submit-you-can = You can:
submit-use-cli = use the <strong>command-line tool</strong>, which encrypts on your own device:
submit-use-form = use the <strong>form below</strong>, where this server encrypts your file (read what that trusts);
submit-use-standard = or, in Tor Browser, set the security level to "Standard" (it applies to every site until you change it back).
submit-plain-newsroom = This drop box belongs to <strong>{ $newsroom }</strong>, whose newsroom key is <code>{ $key }</code>, in words <strong>{ $words }</strong>. <strong>Compare this with what { $newsroom } publishes</strong> elsewhere (its website, print): if they differ, send nothing. Without JavaScript this page cannot check the newsroom's signature itself; it shows what the server read from the newsroom's signed manifest.
submit-plain-keep = To keep your file on your own device until it is encrypted: in Tor Browser, choose the <strong>"Safer"</strong> security level (this page then encrypts in your browser, with JavaScript but without WebAssembly), or use the command-line tool, which also checks the newsroom's signature:
submit-plain-trust = This form works without JavaScript. <strong>Your file reaches this server before it is encrypted:</strong> the server removes its metadata and seals it to the newsroom's key in memory, and never writes it to disk.
submit-plain-message = Message to the newsroom (optional)
submit-plain-file = File (at most { $mib } MiB)
submit-plain-as-is = Send it as it is if Darkroom cannot remove its metadata (for example a PDF, a video or an office document): it then reaches the newsroom with everything it reveals. Without this, such a file is refused and nothing is sent.
submit-plain-off = This server only accepts files encrypted on your own device: turn on JavaScript (in Tor Browser, the "Safer" security level is enough), or use <code>darkroom submit FILE --server URL</code>.

## The receipt for the plain form

thanks-title = Received
thanks-stored = Your submission is stored, encrypted to the newsroom's key.
thanks-server-sealed = This server received your file as it is, removed its metadata and encrypted it in memory; it did not write it to disk unencrypted. To keep a file on your own device until it is encrypted, use the page with JavaScript on (Tor Browser's "Safer" level is enough), or <code>darkroom submit</code>.
receipt-reference = Reference
receipt-day = Day received
receipt-label = Label
receipt-sealed-to = Sealed to
receipt-size = Encrypted size
receipt-size-bytes = { $size } bytes
receipt-sha256 = Envelope SHA-256
thanks-keep = Keeping this receipt is optional; it could link you to this submission if someone finds it.

## A refusal

error-title = Not done
error-refused = Not accepted
error-failed = Something went wrong
error-nothing-stored = Nothing was stored.

## Replies

inbox-title = Replies
inbox-heading = Replies from the newsroom
inbox-intro = If you asked for a codename when you sent something, the newsroom can reply to you here. Type the codename exactly as it was shown to you.
inbox-newsroom = Replies are checked here against <strong class="newsroom-name"></strong>'s signing key <code class="newsroom-key"></code> (in words <strong class="newsroom-fingerprint"></strong>): a reply it did not sign is marked as forged. Compare the key with what the newsroom publishes. This tab remembers that the manifest it checked was issued on <span class="newsroom-issued"></span>, and refuses an older one until you close the tab.
inbox-here = Your codename stays <strong>in this browser</strong>: it is turned into keys here, and your replies are decrypted here. This server sees neither the codename nor the replies.
inbox-codename = Codename
inbox-open = Open my replies
inbox-replies = Replies
inbox-empty = No replies yet.
inbox-delete-account = Delete my account and every reply
inbox-plain-trust = This form works without JavaScript. Then <strong>this server</strong> turns your codename into keys, decrypts your replies to show them, and forgets both once the page is sent. For replies decrypted only on your own device, turn on JavaScript (in Tor Browser, the "Safer" security level is enough), or use <code>darkroom inbox</code>.
inbox-plain-open = Open my replies (decrypted by the server)
inbox-plain-off = Reading replies needs JavaScript on this page (Tor Browser's "Safer" level is enough), because they are decrypted on your own device, or the command-line tool: <code>darkroom inbox --server THIS-ADDRESS</code>.
inbox-server-decrypted = <strong>Decrypted by this server.</strong> You opened your inbox with the plain form, so this server turned your codename into keys and decrypted these replies to show them. It did not store the codename or the keys, and has forgotten them. (The page opens replies on your own device when JavaScript is on, at Tor Browser's "Safer" level too, or use <code>darkroom inbox</code>.)
inbox-signed = Signed by the newsroom (checked by this server against the key in its manifest).
inbox-forged-unsigned = FORGED: this reply carries no newsroom signature; the newsroom did not write it, so do not act on it
inbox-forged-signature = FORGED: its signature is not the newsroom's; the newsroom did not write it, so do not act on it
inbox-forged-other-source = FORGED: the newsroom wrote this for someone else, and it was passed to you; do not act on it
inbox-unreadable = This reply cannot be opened, so nothing says who wrote it.
inbox-reply-heading = Reply { $seq }, dated { $day } by the newsroom
inbox-delete-reply = Delete this reply
inbox-back = Back to the inbox
inbox-form-expired = The form expired or is missing its security token; try again.
inbox-session-ended = Your inbox session ended; type your codename again.
inbox-deleted-account = Your account and every reply to it are deleted. Your codename no longer opens anything; the newsroom keeps what you sent, no longer linked to a codename.
inbox-deleted-reply = The reply is deleted. To read the others, type your codename again: this server did not keep the key it opened them with.

## Verifying

verify-title = Verify a proof
verify-heading = Verify a provenance proof
verify-save = <a href="/verify/offline.html" download="darkroom-verify.html">Save this checker as one file</a>: it works offline, with this newsroom's signed manifest and keys inside.
verify-bundle-heading = Check a proof bundle
verify-valid = VALID
verify-invalid = NOT VALID
verify-intro = A proof bundle (<code>.proof.json</code> or binary) shows that a photo was captured by a device in a registry, within a time window and a region, without revealing the photo or the device. This page gives the same verdict as <code>darkroom verify</code>. Optionally add the photo and its opening to check that the proof is about that photo: the photo is checked in memory and not stored, but it does reach this server; to keep it on your own machine, use <code>darkroom verify --image</code>.
verify-bundle = Proof bundle
verify-photo = Photo (optional)
verify-opening = Opening, <code>0x…</code> or the text of the opening file (optional, with the photo)
verify-submit = Verify
verify-registries = This newsroom trusts these device registries:
verify-no-key = This server has no provenance verifying key configured. Use <code>darkroom verify</code>.
verify-published-heading = Check a published photo
verify-published-intro = A newsroom that publishes part of a signed photo (cropped, with areas hidden) gives a publication bundle with it. This check runs in your browser: the photo is read on this computer and sent nowhere. It shows whether the image is an untouched part of a capture by a trusted device, and outlines what the publisher hid.
verify-published-key = The newsroom's key (<code>RW…</code>): compare it with the one the newsroom publishes on its own website
verify-published-bundle = Publication bundle
verify-published-photo = Published photo
verify-published-check = Check
verify-offline-intro = This file checks photos that { $newsroom } publishes with a Darkroom publication bundle. It makes no network connection (its security policy forbids any); it holds the newsroom's signed manifest, saved on { $saved }, and its proof verifying key. Trust it only if the key below is the one the newsroom publishes on its own website.

## Refusals: one sentence, what was wrong and what to do

refuse-not-found = there is no such page here
refuse-storage = the server could not store this; nothing was kept; try again later
refuse-stalled = the upload stalled and was cut off; nothing was stored; try again
refuse-too-slow = the upload is too slow and was cut off; nothing was stored; try again
refuse-cut-short = the upload was cut short or is not a valid form upload; nothing was stored; try again
refuse-too-large = the upload is larger than this server takes ({ $mib } MiB); nothing was stored
refuse-disk = the drop box is short of disk space; nothing was stored; try again later
refuse-busy = the server is busy with other uploads; nothing was stored; try again in a few minutes
refuse-took-too-long = the upload took too long; nothing was stored; try again on a faster connection
refuse-no-server-sealing = this server does not seal files itself; seal the file on your own device with <code>darkroom submit</code>
refuse-not-upload = send the form as a file upload
refuse-not-text = the message is not text
refuse-form-order = the message and the choice to send as it is must come before the file in the form
refuse-plain-field = unexpected form field; send <code>message</code>, <code>send_as_is</code> and <code>file</code>
refuse-choose-file = choose a file to send
refuse-empty-file = the file is empty
refuse-no-verifier = this server has no verifying key; use <code>darkroom verify</code>
refuse-verify-field = unexpected form field
refuse-choose-bundle = choose a proof bundle
refuse-publication-photo = a publication bundle is checked against the published photo: add it
refuse-opening = the opening must be 0x and 64 hex digits, or the opening file newsroom open wrote
refuse-photo-and-opening = to check a photo, give both the photo and its opening
refuse-check-failed = the check could not finish; nothing was kept; try again later
refuse-no-account = no account matches this codename; check every word (it may also have been deleted, or have expired with everything it sent)
refuse-no-codenames = this drop box does not offer codenames
refuse-inbox-on-device = this drop box reads replies only on your own device: turn on JavaScript and WebAssembly for the inbox page, or use <code>darkroom inbox</code>
refuse-inbox-token = this form is missing its security token or has expired; go back to the inbox and try again
refuse-no-reply = there is no such reply
refuse-journalist-token = this form is missing its security token or has expired; reload the page and try again
refuse-no-submission = no such submission
refuse-no-proof = this submission has no proof
refuse-select-export = select at least one submission to export
refuse-no-source = no such source (they may have deleted their account)
refuse-reply-field = unexpected form field; send <code>csrf</code> and <code>sealed</code>
refuse-choose-reply = choose the sealed reply file

## Labels, as the receipt and the journalist's list say them

label-proof-attached = proof attached
label-proof-attached-journalist = proof attached; it matches the content only when opened offline
label-no-proof = no proof
label-sealed-by-server = sealed by server
sealed-by-server = by this server, from the form
sealed-on-device = on the source’s device

## The journalist's pages

journalist-login-title = Journalist login
journalist-name = Name
journalist-password = Password
journalist-code = Code from your authenticator app
journalist-log-in = Log in
journalist-login-expired = The login form expired or is missing its security token; try again.
journalist-login-busy = Too many login attempts are waiting; try again in a few minutes.
journalist-login-wrong = Wrong name, password or code.
journalist-submissions = Submissions
journalist-log-out = Log out
journalist-none = No submissions.
journalist-designation = Designation
journalist-source = Source
journalist-arrived = Arrived
journalist-size = Size
journalist-sealed = Sealed
journalist-provenance = Provenance
journalist-select-one = select { $designation }
journalist-envelope = envelope
journalist-proof = proof
journalist-delete = Delete
journalist-export-selected = Export selected
journalist-export-all = Export all
journalist-exports = Exports are tar archives for the offline newsroom machine: <code>darkroom newsroom open</code> decrypts the envelopes there, and <code>sha256sum -c SHA256SUMS</code> checks what was copied.
journalist-source-heading = Source <code>{ $designation }</code>
journalist-all-submissions = All submissions
journalist-source-sent = What this source sent
journalist-nothing-kept = Nothing kept.
journalist-replies = Replies
journalist-reply-row = { $day }: sealed, { $size }
journalist-replies-sealed = Replies are sealed to this source's codename key and to the newsroom's keys. This server cannot read them; the source can, and so can the offline newsroom machine.
journalist-reply = Reply
journalist-reply-offline = Replies are written and signed on the offline newsroom machine, with the newsroom's signing key, so the source can tell them from anything this server could make up. Write the reply in a file there, then run:
journalist-reply-check = Check the recipient against the one sealed in the source's envelope (<code>darkroom newsroom open</code> shows it, and <code>newsroom reply --report report.json --source { $designation }</code> takes it from there), then upload the sealed reply here:
journalist-sealed-reply = Sealed reply
journalist-upload-reply = Upload sealed reply
journalist-reply-stored = The sealed reply is stored; the source will see it in their inbox.

//! End-to-end tests of the `darkroom` binary, checked against tools written
//! by others wherever one exists.

#[macro_use]
mod util;

// Exit codes, messages, and no partial output on bad input.
mod cli;
// Envelopes and keys against the reference Go `age`.
mod age_peer;
// Hybrid post-quantum recipients against typage.
mod pq_peer;
// Stripping checked by exiftool, mat2, ImageMagick and libwebp.
mod strip_peers;
// Content Credentials (C2PA) made by the c2pa-python SDK, named and removed.
mod c2pa_peer;
// Content Credentials kept for the newsroom and checked offline, tampered or not.
mod c2pa_kept;
// Documents checked by qpdf, poppler, pandoc, openpyxl, exiftool and mat2.
mod document_peers;
// HEIC photos from real iPhones, Samsung, Xiaomi and Sony cameras.
mod device_photos;
// Poseidon and the commitment against poseidon-lite (circomlib).
mod poseidon_peer;
// EdDSA-Poseidon against circomlibjs and @zk-kit/eddsa-poseidon.
mod eddsa_peer;
// The statement's circom version accepts our witnesses.
mod circom_peer;
// Provenance proofs end to end, checked by snarkjs.
mod provenance;
// Content-digest test vectors, and that docs/formats.md states them.
mod vectors;
// `core` and `circuits` do no I/O of their own; modules import one way;
// no source file passes 1,000 lines.
mod purity;
// The README and crate docs: counts and format lists checked against the code.
mod docs;
// Opening exports offline: checks, report, no network, hostile archives.
mod newsroom_export;

// The fuzz targets' corpora, replayed.
mod fuzz_replay;
// The drop-box server in-process: API, pages, journalist, retention.
mod server;
// The pages in every language: catalogs, the language in the address.
mod languages;
// axe-core on every page and state, in Chromium and Firefox.
mod accessibility;
// The submit journey in Arabic, in Chromium and Firefox.
mod browser_languages;
// A real `darkroom serve`: the CLI client, admin, kill -9, a canary.
mod server_live;
// Attacks on the journalist login and sessions.
mod journalist_auth;
// The source's client reaches onion addresses only through Tor.
mod source_transport;
// Slow headers, too many connections, no clock and no core files.
mod field_limits;
// The Debian package, its unit and `darkroom doctor`.
mod package;
// JPEG coefficients against libjpeg-turbo.
mod coefficients;
// Publishing part of a signed photo, verified against libjpeg-turbo and ImageMagick.
mod publication;
// Backup and restore of a live drop box.
mod operating;
// The journalist onion: its own listener, client keys and torrc, read by Tor.
mod onion;

// SIGKILLs under 200 concurrent uploads.
mod crash;

// docs/openapi.json against the router, and schemathesis.
mod openapi;

// Response headers, addresses and user agents.
mod leaks;

// The hostile-input catalogue.
mod hostile;
// Codenames, replies and the source inbox: CLI, HTTP, and the reference age.
mod replies;
// The newsroom's signed manifest and pinned key: a rewriting proxy, first
// contact, check-server, and Debian's minisign.
mod trust;
// One source path: the CLI and the page's client agree, case by case.
mod source_paths;
// The submit page in headless Chromium: the WebAssembly client, and the
// fallbacks without WebAssembly and without JavaScript.
mod browser;
mod browser_slow;
mod phone;
mod tor_browser;
// Codenames and replies in headless Chromium: submit, reply, inbox.
mod browser_replies;
// Published photos checked on the verify page and its single-file form.
mod browser_publication;
// Fixtures for the server tests.
mod server_util;

//! The browser client the submit page loads: the WebAssembly build of
//! `darkroom-core` and `darkroom-circuits` from `web/dist` (committed, and
//! checked by `scripts/build-web --check` to be byte-identical to a fresh
//! build), its wasm-bindgen glue, and the page scripts from `web/js`.
//!
//! Their hashes are computed here, once, from the bytes served, so the
//! hashes the pages show are those of what the server sends.

use std::sync::LazyLock;

use base64::Engine;
use sha2::{Digest, Sha256, Sha384};

/// The WebAssembly client.
pub const WASM: &[u8] = include_bytes!("../../web/dist/darkroom_web_bg.wasm");
/// wasm-bindgen's glue, loaded by the worker.
pub const GLUE: &[u8] = include_bytes!("../../web/dist/darkroom_web.js");
/// The submit page's script.
pub const SUBMIT_JS: &[u8] = include_bytes!("../../web/js/submit.js");
/// What the page scripts share.
pub const COMMON_JS: &[u8] = include_bytes!("../../web/js/common.js");
/// The inbox page's script.
pub const INBOX_JS: &[u8] = include_bytes!("../../web/js/inbox.js");
/// The journalist reply form's script.
pub const REPLY_JS: &[u8] = include_bytes!("../../web/js/reply.js");
/// The worker that runs the client.
pub const WORKER_JS: &[u8] = include_bytes!("../../web/js/worker.js");
/// `sha256sum` lines over the files above.
pub const SHA256SUMS: &str = include_str!("../../web/dist/SHA256SUMS");

/// Hashes of the bundle, for the pages.
pub struct Hashes {
    /// SHA-256 of the WebAssembly client, hex; the worker checks it.
    pub wasm_sha256: String,
    /// SHA-256 of `SHA256SUMS`, hex: one number for the whole bundle.
    pub bundle_sha256: String,
    /// The `integrity` attribute of the submit page's script.
    pub submit_sri: String,
    /// The shared page script's.
    pub common_sri: String,
    /// The inbox page's.
    pub inbox_sri: String,
    /// The journalist reply form's.
    pub reply_sri: String,
}

/// The bundle's hashes.
pub static HASHES: LazyLock<Hashes> = LazyLock::new(|| Hashes {
    wasm_sha256: hex::encode(Sha256::digest(WASM)),
    bundle_sha256: hex::encode(Sha256::digest(SHA256SUMS.as_bytes())),
    submit_sri: sri(SUBMIT_JS),
    common_sri: sri(COMMON_JS),
    inbox_sri: sri(INBOX_JS),
    reply_sri: sri(REPLY_JS),
});

/// A subresource-integrity value, `sha384-…`.
pub fn sri(bytes: &[u8]) -> String {
    format!(
        "sha384-{}",
        base64::engine::general_purpose::STANDARD.encode(Sha384::digest(bytes))
    )
}

/// A file of the bundle by its name under `/static/client/`: its bytes and
/// media type.
pub fn file(name: &str) -> Option<(&'static [u8], &'static str)> {
    Some(match name {
        "darkroom_web_bg.wasm" => (WASM, "application/wasm"),
        "darkroom_web.js" => (GLUE, "text/javascript; charset=utf-8"),
        "submit.js" => (SUBMIT_JS, "text/javascript; charset=utf-8"),
        "common.js" => (COMMON_JS, "text/javascript; charset=utf-8"),
        "inbox.js" => (INBOX_JS, "text/javascript; charset=utf-8"),
        "reply.js" => (REPLY_JS, "text/javascript; charset=utf-8"),
        "worker.js" => (WORKER_JS, "text/javascript; charset=utf-8"),
        "SHA256SUMS" => (SHA256SUMS.as_bytes(), "text/plain; charset=utf-8"),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `SHA256SUMS` was written for the files compiled in: a bundle rebuilt
    /// without its sums (or page scripts edited without a rebuild) fails.
    #[test]
    fn sums_match_the_files_served() {
        let mut seen = 0;
        for line in SHA256SUMS.lines() {
            let (sum, path) = line.split_once("  ").expect("sha256sum format");
            let name = path.rsplit('/').next().unwrap();
            let (bytes, _) = file(name).expect("a served file");
            assert_eq!(sum, hex::encode(Sha256::digest(bytes)), "{path}");
            seen += 1;
        }
        assert_eq!(seen, 7);
    }

    #[test]
    fn sri_is_sha384_base64() {
        // `printf abc | openssl dgst -sha384 -binary | base64`
        assert_eq!(
            sri(b"abc"),
            "sha384-ywB1P0WjXou1oD1pmsZQBycsMqsO3tFjGotgWkP/W+2AhgcroefMI1i67KE0yCWn"
        );
    }
}

//! The browser client the submit page loads: the WebAssembly build of
//! `darkroom-core` and `darkroom-circuits` from `web/dist` (committed, and
//! checked by `scripts/build-web --check` to be byte-identical to a fresh
//! build), its wasm-bindgen glue, and the page scripts from `web/js`.
//!
//! Their hashes are computed here, once, from the bytes served, so the
//! hashes the pages show are those of what the server sends.

use std::collections::BTreeMap;
use std::sync::{LazyLock, OnceLock};

use base64::Engine;
use darkroom_core::newsroom::ClientAnchor;
use sha2::{Digest, Sha256, Sha384};

/// The WebAssembly client.
pub const WASM: &[u8] = include_bytes!("../../web/dist/darkroom_web_bg.wasm");
/// The same client as JavaScript (`web/tools/js-client.js`), for browsers
/// that run no WebAssembly: the submit and inbox pages put it before the
/// worker script, pinned by its integrity. It has neither the prover nor
/// the publication checker.
pub const JS_CLIENT: &[u8] = include_bytes!("../../web/dist/darkroom_web_js.js");
/// The JavaScript build the verify page loads where WebAssembly is off: the
/// same, with the publication checker.
pub const VERIFY_JS_CLIENT: &[u8] = include_bytes!("../../web/dist/darkroom_verify_js.js");
/// wasm-bindgen's glue, which the worker script starts with.
pub const GLUE: &[u8] = include_bytes!("../../web/dist/darkroom_web.js");
/// The submit page's script.
pub const SUBMIT_JS: &[u8] = include_bytes!("../../web/js/submit.js");
/// What the page scripts share.
pub const COMMON_JS: &[u8] = include_bytes!("../../web/js/common.js");
/// The inbox page's script.
pub const INBOX_JS: &[u8] = include_bytes!("../../web/js/inbox.js");
/// The worker's own code (served after the glue, as one script).
pub const WORKER_SRC: &[u8] = include_bytes!("../../web/js/worker.js");
/// The publication checker's code (served after the glue, as one script).
pub const VERIFY_SRC: &[u8] = include_bytes!("../../web/js/verify.js");
/// `sha256sum` lines over the files above.
pub const SHA256SUMS: &str = include_str!("../../web/dist/SHA256SUMS");
/// The pages' style sheet (`/static/darkroom.css`).
pub const CSS: &str = include_str!("../../templates/darkroom.css");

/// The worker script as served: the glue, then the worker's code. One
/// file, so the page can check all of it with one integrity value before
/// it runs (a worker's `importScripts` can check nothing).
pub static WORKER: LazyLock<Vec<u8>> = LazyLock::new(|| [GLUE, b"\n", WORKER_SRC].concat());

/// The verify page's script as served: the glue, then the checker.
pub static VERIFY: LazyLock<Vec<u8>> = LazyLock::new(|| [GLUE, b"\n", VERIFY_SRC].concat());

/// Hashes of the bundle, for the pages.
pub struct Hashes {
    /// SHA-256 of the WebAssembly client, hex; the worker checks it.
    pub wasm_sha256: String,
    /// Its size, so the page can say how much of it has arrived.
    pub wasm_size: usize,
    /// The JavaScript client's integrity value.
    pub js_sri: String,
    /// Its size.
    pub js_size: usize,
    /// The verify page's JavaScript build's integrity value.
    pub verify_js_sri: String,
    /// SHA-256 of `SHA256SUMS`, hex: one number for the whole bundle.
    pub bundle_sha256: String,
    /// The bundle's version in the client's addresses (`?v=`, the first 16
    /// hex digits of `bundle_sha256`): a file asked for under it is the
    /// same for good, so a browser keeps it without asking again.
    pub version: String,
    /// The `integrity` attribute of the submit page's script.
    pub submit_sri: String,
    /// The shared page script's.
    pub common_sri: String,
    /// The inbox page's.
    pub inbox_sri: String,
    /// The worker script's (glue and worker), which the page checks when
    /// it fetches it.
    pub worker_sri: String,
    /// The verify page's script (glue and checker).
    pub verify_sri: String,
}

impl Hashes {
    /// The integrity value of every script a page loads, by file name, as
    /// a newsroom manifest lists them.
    pub fn scripts(&self) -> BTreeMap<String, String> {
        [
            ("common.js", &self.common_sri),
            ("darkroom_verify_js.js", &self.verify_js_sri),
            ("darkroom_web_js.js", &self.js_sri),
            ("inbox.js", &self.inbox_sri),
            ("submit.js", &self.submit_sri),
            ("verify.js", &self.verify_sri),
            ("worker.js", &self.worker_sri),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.clone()))
        .collect()
    }

    /// What a newsroom manifest says of this release's client.
    pub fn anchor(&self) -> ClientAnchor {
        ClientAnchor {
            release: env!("CARGO_PKG_VERSION").to_string(),
            bundle_sha256: self.bundle_sha256.clone(),
            wasm_sha256: self.wasm_sha256.clone(),
            scripts: self.scripts(),
        }
    }
}

/// The bundle's hashes.
pub static HASHES: LazyLock<Hashes> = LazyLock::new(|| Hashes {
    wasm_sha256: hex::encode(Sha256::digest(WASM)),
    wasm_size: WASM.len(),
    js_sri: sri(JS_CLIENT),
    js_size: JS_CLIENT.len(),
    verify_js_sri: sri(VERIFY_JS_CLIENT),
    bundle_sha256: hex::encode(Sha256::digest(SHA256SUMS.as_bytes())),
    version: version_of(&hex::encode(Sha256::digest(SHA256SUMS.as_bytes()))),
    submit_sri: sri(SUBMIT_JS),
    common_sri: sri(COMMON_JS),
    inbox_sri: sri(INBOX_JS),
    worker_sri: sri(&WORKER),
    verify_sri: sri(&VERIFY),
});

/// The version a bundle's addresses carry (`?v=`): the first 16 hex
/// digits of its hash (SHA-256 of its `SHA256SUMS`).
pub fn version_of(bundle_sha256: &str) -> String {
    bundle_sha256.chars().take(16).collect()
}

/// `Cache-Control` for a client file asked for under this bundle's
/// version: its bytes never change under that address, and a new release
/// has another.
pub const IMMUTABLE: &str = "max-age=31536000, immutable";

/// A subresource-integrity value, `sha384-…`.
pub fn sri(bytes: &[u8]) -> String {
    format!(
        "sha384-{}",
        base64::engine::general_purpose::STANDARD.encode(Sha384::digest(bytes))
    )
}

/// A file of the bundle by its name under `/static/client/`: its bytes and
/// media type. Every script here is one a page pins by its integrity.
pub fn file(name: &str) -> Option<(&'static [u8], &'static str)> {
    Some(match name {
        "darkroom_web_bg.wasm" => (WASM, "application/wasm"),
        "darkroom_web_js.js" => (JS_CLIENT, "text/javascript; charset=utf-8"),
        "darkroom_verify_js.js" => (VERIFY_JS_CLIENT, "text/javascript; charset=utf-8"),
        "submit.js" => (SUBMIT_JS, "text/javascript; charset=utf-8"),
        "common.js" => (COMMON_JS, "text/javascript; charset=utf-8"),
        "inbox.js" => (INBOX_JS, "text/javascript; charset=utf-8"),
        "worker.js" => (WORKER.as_slice(), "text/javascript; charset=utf-8"),
        "verify.js" => (VERIFY.as_slice(), "text/javascript; charset=utf-8"),
        "SHA256SUMS" => (SHA256SUMS.as_bytes(), "text/plain; charset=utf-8"),
        _ => return None,
    })
}

/// A content coding the client's files are also sent in, precompressed by
/// `scripts/build-web` (`web/dist/compressed`): over a slow onion circuit
/// the WebAssembly client is 0.93 MB in brotli instead of 3.08 MB.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Coding {
    /// `br`, quality 11.
    Brotli,
    /// `gzip`, level 9.
    Gzip,
}

impl Coding {
    /// The token in `Accept-Encoding` and `Content-Encoding`.
    pub fn token(self) -> &'static str {
        match self {
            Coding::Brotli => "br",
            Coding::Gzip => "gzip",
        }
    }

    /// The coding to send for a request's `Accept-Encoding`: brotli if it
    /// is accepted, else gzip, else none (the file as it is). A coding
    /// with `q=0` is refused, and `*` stands for any coding not named.
    pub fn choose(accept_encoding: Option<&str>) -> Option<Coding> {
        [Coding::Brotli, Coding::Gzip]
            .into_iter()
            .find(|c| c.accepted_by(accept_encoding))
    }

    /// Whether a request's `Accept-Encoding` accepts this coding.
    pub fn accepted_by(self, accept_encoding: Option<&str>) -> bool {
        let Some(accept) = accept_encoding else {
            return false;
        };
        let mut star = false;
        for item in accept.split(',') {
            let mut parts = item.split(';');
            let token = parts.next().unwrap_or("").trim().to_ascii_lowercase();
            let q = parts
                .filter_map(|p| p.trim().strip_prefix("q="))
                .map(|q| q.trim().parse::<f32>().unwrap_or(0.0))
                .next()
                .unwrap_or(1.0);
            if token == self.token() || (self == Coding::Gzip && token == "x-gzip") {
                return q > 0.0;
            }
            if token == "*" {
                star = q > 0.0;
            }
        }
        star
    }
}

/// A file sent compressed: made once, the same for every visitor.
pub struct Sent {
    /// In brotli (quality 9, 16 MiB window), none if it could not be made.
    pub brotli: Option<axum::body::Bytes>,
    /// In gzip (level 6), for browsers that do not take brotli.
    pub gzip: Option<axum::body::Bytes>,
    /// SHA-256 of the file itself, hex: what its entity tags name.
    pub sha256: String,
}

impl Sent {
    /// Compresses `bytes` (about two seconds for a v2 key file).
    pub fn of(bytes: &[u8]) -> Sent {
        use std::io::Write;
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::new(6));
        let gzip = gz.write_all(bytes).and_then(|()| gz.finish()).ok();
        let mut br = Vec::new();
        let params = brotli::enc::BrotliEncoderParams {
            quality: 9,
            lgwin: 24,
            size_hint: bytes.len(),
            ..Default::default()
        };
        let brotli = brotli::BrotliCompress(&mut &bytes[..], &mut br, &params)
            .ok()
            .map(|_| br);
        Sent {
            brotli: brotli.map(Into::into),
            gzip: gzip.map(Into::into),
            sha256: hex::encode(Sha256::digest(bytes)),
        }
    }

    /// The file in the coding a request's `Accept-Encoding` takes best.
    pub fn encoded(&self, accept_encoding: Option<&str>) -> Option<(Coding, &axum::body::Bytes)> {
        [(Coding::Brotli, &self.brotli), (Coding::Gzip, &self.gzip)]
            .into_iter()
            .filter(|(c, _)| c.accepted_by(accept_encoding))
            .find_map(|(c, bytes)| Some((c, bytes.as_ref()?)))
    }
}

/// The proving key as browsers get it, compressed: the key file (8.7 MB
/// for a v2 key; 2.65 MB in brotli, 3.5 MB in gzip) and its compact form,
/// which the submit page fetches (1.5 MB: points compressed, no matrices).
/// Each is compressed once, at the first request for it: the page never
/// waits for the key file's compression.
#[derive(Default)]
pub struct SentKey {
    /// The key file.
    pub file: OnceLock<Sent>,
    /// Its compact form.
    pub compact: OnceLock<Sent>,
}

impl SentKey {
    /// The compact form's, or the key file's.
    pub fn form(&self, compact: bool) -> &OnceLock<Sent> {
        if compact {
            &self.compact
        } else {
            &self.file
        }
    }
}

/// The headers of a file a browser may keep (`Vary`, the `etag`, and
/// `Cache-Control`: [`IMMUTABLE`] where `immutable`, else `no-cache`, kept
/// but asked for again each time), or, when the request's `If-None-Match`
/// names `etag` (or `*`), the whole answer: `304 Not Modified`, no body.
pub fn revalidated(
    request: &axum::http::HeaderMap,
    etag: String,
    immutable: bool,
) -> Result<[(axum::http::HeaderName, String); 3], Box<axum::response::Response>> {
    use axum::http::header;
    use axum::response::IntoResponse;
    let unchanged = request
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|t| t.trim().trim_start_matches("W/"))
        .any(|t| t == etag || t == "*");
    let cache = if immutable { IMMUTABLE } else { "no-cache" };
    let kept = [
        (header::CACHE_CONTROL, cache.to_string()),
        (header::VARY, "Accept-Encoding".to_string()),
        (header::ETAG, etag),
    ];
    if unchanged {
        Err(Box::new(
            (axum::http::StatusCode::NOT_MODIFIED, kept).into_response(),
        ))
    } else {
        Ok(kept)
    }
}

/// Every file [`file`] serves but `SHA256SUMS`, precompressed.
macro_rules! precompressed {
    ($($name:literal),* $(,)?) => {
        /// The files sent precompressed.
        pub const PRECOMPRESSED: &[&str] = &[$($name),*];

        /// `name` as [`file`] serves it, in `coding`: the bytes
        /// `scripts/build-web` wrote into `web/dist/compressed`.
        pub fn encoded(name: &str, coding: Coding) -> Option<&'static [u8]> {
            match coding {
                Coding::Brotli => match name {
                    $($name => Some(include_bytes!(concat!("../../web/dist/compressed/", $name, ".br")).as_slice()),)*
                    _ => None,
                },
                Coding::Gzip => match name {
                    $($name => Some(include_bytes!(concat!("../../web/dist/compressed/", $name, ".gz")).as_slice()),)*
                    _ => None,
                },
            }
        }
    };
}
precompressed!(
    "darkroom_web_bg.wasm",
    "darkroom_web_js.js",
    "darkroom_verify_js.js",
    "common.js",
    "inbox.js",
    "submit.js",
    "verify.js",
    "worker.js",
);

/// The entity tag of a file whose content `sha256` (hex) names, sent in
/// `coding`: for the client's files the bundle's hash, which changes with
/// any file of it; for the proving key, its own.
pub fn etag(sha256: &str, coding: Option<Coding>) -> String {
    format!(
        "\"{}.{}\"",
        &sha256[..32.min(sha256.len())],
        coding.map_or("identity", Coding::token)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each precompressed file decodes, by another implementation than the
    /// one that made it, to exactly the bytes served without a coding (so
    /// to the bytes the pages' hashes pin).
    #[test]
    fn every_precompressed_file_decodes_to_the_file_served() {
        use std::io::Read;
        assert_eq!(PRECOMPRESSED.len(), 8);
        for &name in PRECOMPRESSED {
            let plain = file(name).unwrap().0;
            let mut from_br = Vec::new();
            brotli_decompressor::Decompressor::new(encoded(name, Coding::Brotli).unwrap(), 4096)
                .read_to_end(&mut from_br)
                .unwrap();
            assert!(from_br == plain, "{name}.br");
            let mut from_gz = Vec::new();
            flate2::read::GzDecoder::new(encoded(name, Coding::Gzip).unwrap())
                .read_to_end(&mut from_gz)
                .unwrap();
            assert!(from_gz == plain, "{name}.gz");
            let br = encoded(name, Coding::Brotli).unwrap().len();
            assert!(
                br < plain.len() / 2,
                "{name}: brotli {br} of {}",
                plain.len()
            );
        }
        assert!(encoded("SHA256SUMS", Coding::Brotli).is_none());
    }

    #[test]
    fn the_coding_follows_accept_encoding() {
        let choose = Coding::choose;
        assert_eq!(choose(None), None);
        assert_eq!(choose(Some("")), None);
        assert_eq!(choose(Some("identity")), None);
        // What Tor Browser (Firefox ESR) and Chromium send.
        assert_eq!(
            choose(Some("gzip, deflate, br, zstd")),
            Some(Coding::Brotli)
        );
        assert_eq!(choose(Some("gzip, deflate, br")), Some(Coding::Brotli));
        assert_eq!(choose(Some("gzip, deflate")), Some(Coding::Gzip));
        assert_eq!(choose(Some("x-gzip")), Some(Coding::Gzip));
        assert_eq!(choose(Some("BR;q=0.5")), Some(Coding::Brotli));
        assert_eq!(choose(Some("br;q=0, gzip")), Some(Coding::Gzip));
        assert_eq!(choose(Some("br;q=0, gzip;q=0.0")), None);
        assert_eq!(choose(Some("*")), Some(Coding::Brotli));
        assert_eq!(choose(Some("br;q=0, *")), Some(Coding::Gzip));
        assert_eq!(choose(Some("*;q=0")), None);
        assert_eq!(choose(Some("br;q=nonsense, gzip")), Some(Coding::Gzip));
    }

    /// `SHA256SUMS` was written for the files compiled in: a bundle rebuilt
    /// without its sums (or page scripts edited without a rebuild) fails.
    #[test]
    fn sums_match_the_files_compiled_in() {
        let mut seen = 0;
        for line in SHA256SUMS.lines() {
            let (sum, path) = line.split_once("  ").expect("sha256sum format");
            let bytes = match path.rsplit('/').next().unwrap() {
                "darkroom_web.js" => GLUE,
                "worker.js" => WORKER_SRC,
                "verify.js" => VERIFY_SRC,
                name => file(name).expect("a served file").0,
            };
            assert_eq!(sum, hex::encode(Sha256::digest(bytes)), "{path}");
            seen += 1;
        }
        assert_eq!(seen, 9);
        // The served worker is the glue and the worker's code, nothing else.
        assert_eq!(
            file("worker.js").unwrap().0.len(),
            GLUE.len() + 1 + WORKER_SRC.len()
        );
        assert!(
            file("darkroom_web.js").is_none(),
            "only pinned scripts are served"
        );
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

//! The fuzz targets' bodies. Each takes arbitrary bytes, must not panic,
//! and asserts what must hold whatever the input:
//!
//! - `strip`: stripping is idempotent, and the content digest of a file is
//!   the digest of its stripped copy.
//! - `attestation`: a parsed attestation re-encodes to what parses back to
//!   it, in binary and JSON.
//! - `envelope`: opening never yields a file that failed its checks, and
//!   the server's header and size checks do not panic.
//! - `bundle`: a parsed bundle round-trips, and verification answers.
//! - `export`: listing an archive keeps only members at allowed paths, and
//!   the index and checksum parsers answer.
//! - `upload`: the upload handler answers every body with a 2xx or a 4xx
//!   and stores a submission exactly when it answers 2xx, leaving nothing
//!   in temporary space.
//!
//! The cargo-fuzz binaries (`fuzz_targets/`) call these, and the test suite
//! replays the seed corpora (`corpus/`) through the same functions.

use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use darkroom_circuits::groth16::{self, Setup, Verifier};
use darkroom_circuits::statement::Version;
use darkroom_core::archive;
use darkroom_core::bundle::Bundle;
use darkroom_core::capture::{self, Attestation};
use darkroom_core::digest::ContentDigest;
use darkroom_core::envelope;
use darkroom_core::export::{self, Index};
use darkroom_core::recipient::Kind;
use darkroom_server::store::{SqliteStore, Store};
use darkroom_server::{config, intake, App, Config};

/// The fuzzing identity: a public fixture, never a newsroom's key.
pub const IDENTITY: &str = include_str!("../fuzz-identity.txt");

/// The biggest input worth trying whole (libFuzzer's default is 4 KiB;
/// seeds are larger).
const MAX_INPUT: usize = 4 << 20;

/// The fixture's identity, parsed once.
pub fn identity() -> &'static age::x25519::Identity {
    static ID: OnceLock<age::x25519::Identity> = OnceLock::new();
    ID.get_or_init(|| {
        IDENTITY
            .lines()
            .find(|l| l.starts_with("AGE-SECRET-KEY-1"))
            .expect("the fixture holds an identity")
            .parse()
            .expect("the fixture identity parses")
    })
}

/// Verifying keys from a development setup with a fixed seed: the same on
/// every run, so a crash reproduces.
fn verifier() -> &'static Verifier {
    static V: OnceLock<Verifier> = OnceLock::new();
    V.get_or_init(|| {
        use rand_chacha::rand_core::SeedableRng;
        let mut rng = rand_chacha::ChaCha20Rng::seed_from_u64(0x0da7_c700);
        let (_, vk) = groth16::setup_dev(Version::V1, &mut rng).expect("setup");
        Verifier::new(vk, Version::V1, Setup::Development)
    })
}

/// Stripping and the digest, with and without a claimed file name (and
/// what cannot be cleaned sent as it is, so that it is exercised too).
pub fn strip(data: &[u8]) {
    use darkroom_core::strip::Uncleanable::SendAsIs;
    if data.len() > MAX_INPUT {
        return;
    }
    // The last byte picks the name the file claims, so seeds stay whole.
    let names = [
        None,
        None,
        Some("p.jpg"),
        Some("p.png"),
        Some("p.webp"),
        Some("p.heic"),
        Some("p.mov"),
        Some("p.tif"),
        Some("p.pdf"),
        Some("p.docx"),
    ];
    let name = names[data.last().map_or(0, |b| usize::from(*b) % names.len())];
    let mut out = Vec::new();
    let stripped = darkroom_core::strip::strip(Cursor::new(data), name, SendAsIs, &mut out);
    let digest = ContentDigest::of(data, name);
    let Ok(_) = stripped else {
        // What cannot be stripped cannot be digested either.
        assert!(digest.is_err(), "digested a file that strip refuses");
        return;
    };
    let mut again = Vec::new();
    darkroom_core::strip::strip(Cursor::new(&out), name, SendAsIs, &mut again)
        .expect("a stripped file strips again");
    assert!(again == out, "stripping is not idempotent");
    let (digest, _) = digest.expect("a file that strips has a digest");
    let (of_stripped, _) = ContentDigest::of(&out[..], name).expect("the stripped copy digests");
    assert_eq!(digest, of_stripped, "stripping changed the content digest");
}

/// Capture attestations: binary, JSON, and inside a JPEG.
pub fn attestation(data: &[u8]) {
    if let Ok(a) = Attestation::from_bytes(data) {
        let bytes = a.to_bytes();
        assert_eq!(Attestation::from_bytes(&bytes).expect("re-parses"), a);
        let _ = a.verify();
    }
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(a) = Attestation::from_json(text) {
            assert_eq!(Attestation::from_json(&a.to_json()).expect("re-parses"), a);
            let _ = a.verify();
        }
    }
    if data.len() <= MAX_INPUT {
        if let Ok(Some(a)) = capture::find_in_jpeg(data) {
            let _ = a.verify();
        }
    }
}

/// JPEG coefficients: what reads is written back losslessly (the same
/// coefficients, so the same tile root), and what is written reads and is
/// plain (nothing but its coefficients reaches a decoder). The segment
/// walker that bounds a publication's size reads anything without a
/// panic, and agrees with the decoder on the frame.
pub fn jpeg(data: &[u8]) {
    use darkroom_core::jpeg;
    use darkroom_core::tiles::{self, Seed};
    if data.len() > MAX_INPUT {
        return;
    }
    let layout = jpeg::layout(data);
    let Ok(c) = jpeg::decode(data) else {
        return;
    };
    if let Ok(l) = layout {
        assert_eq!((l.frame.width, l.frame.height), (c.width, c.height));
    }
    let seed = Seed::from_bytes([7; 32]);
    let root = tiles::root(&c, &seed);
    if let Ok(out) = jpeg::write(&c) {
        let back = jpeg::decode(&out).expect("a written JPEG reads");
        let written = jpeg::layout(&out).expect("a written JPEG's segments read");
        assert_eq!(written.plain(), Ok(()), "a written JPEG is plain");
        assert_eq!(
            tiles::root(&back, &seed),
            root,
            "writing changed a coefficient"
        );
    }
}

/// Opening an envelope with the fixture identity, and the server's checks
/// on what it cannot open.
pub fn envelope(data: &[u8]) {
    for kind in [Kind::Classical, Kind::Hybrid] {
        if let Ok(Some(header)) = intake::check_header(data, kind, 1) {
            let _ = intake::check_size(data.len() as u64, header.len);
        }
    }
    let mut out = Vec::new();
    let id: &dyn age::Identity = identity();
    if let Ok(opened) = envelope::open(data, &[id], &mut out) {
        assert_eq!(
            opened.content_len,
            out.len() as u64,
            "a short write was accepted"
        );
        let (digest, _) = ContentDigest::of(&out[..], Some(&opened.manifest.file_name))
            .expect("an opened file has a digest");
        assert_eq!(
            digest, opened.manifest.content_digest,
            "the digest was not checked"
        );
    }
}

/// Proof bundles: parsing, both encodings, verification, and the server's
/// check.
pub fn bundle(data: &[u8]) {
    let _ = intake::check_bundle(data, Some(verifier()), &[]);
    let Ok(b) = Bundle::parse(data) else {
        return;
    };
    assert_eq!(
        Bundle::from_bytes(&b.to_bytes()).expect("binary round trip"),
        b
    );
    assert_eq!(Bundle::from_json(&b.to_json()).expect("JSON round trip"), b);
    let _ = b.verify(verifier());
}

/// Export archives: the listing, then the index and checksums of what it
/// kept; and the two parsers on the raw input.
pub fn export(data: &[u8]) {
    if let Ok(listing) = archive::list(Cursor::new(data)) {
        for (name, &(offset, size)) in &listing.members {
            assert!(export::valid_member(name), "kept a member at {name:?}");
            if offset == archive::DUPLICATE {
                continue;
            }
            let member = usize::try_from(offset)
                .ok()
                .and_then(|o| data.get(o..o.checked_add(usize::try_from(size).ok()?)?));
            let Some(member) = member else { continue };
            match name.as_str() {
                "export.json" => {
                    let _ = Index::parse(member);
                }
                "SHA256SUMS" => {
                    if let Ok(text) = std::str::from_utf8(member) {
                        let _ = export::parse_sums(text);
                    }
                }
                _ => {}
            }
        }
    }
    let _ = Index::parse(data);
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = export::parse_sums(text);
    }
}

/// The boundary every `upload` input is sent with.
pub const BOUNDARY: &str = "darkroom-fuzz";

struct Upload {
    runtime: tokio::runtime::Runtime,
    app: Arc<App>,
    dir: PathBuf,
    one: std::sync::Mutex<()>,
}

static UPLOAD_DIR: OnceLock<PathBuf> = OnceLock::new();

/// Where the `upload` target keeps its store (default: a folder in the
/// system's temporary folder); only the first call, before any upload,
/// counts.
pub fn upload_data_in(dir: PathBuf) {
    let _ = UPLOAD_DIR.set(dir);
}

fn upload_app() -> &'static Upload {
    static U: OnceLock<Upload> = OnceLock::new();
    U.get_or_init(|| {
        let dir = UPLOAD_DIR.get_or_init(|| {
            std::env::temp_dir().join(format!("darkroom-fuzz-upload-{}", std::process::id()))
        });
        let dir = dir.clone();
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("a data directory");
        let recipient = identity().to_public().to_string();
        let file = config::File::with_recipients(vec![recipient]);
        let mut config = Config::from_file(file, Path::new("."), false).expect("config");
        config.verifier = Some(verifier().clone());
        let store = SqliteStore::open(&dir).expect("store");
        store.recover().expect("recover");
        Upload {
            runtime: tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("runtime"),
            app: App::new(config, Arc::new(store)),
            dir,
            one: std::sync::Mutex::new(()),
        }
    })
}

/// The upload API with `data` as its multipart body.
pub fn upload(data: &[u8]) {
    upload_status(data);
}

/// The same, returning the status it answered.
pub fn upload_status(data: &[u8]) -> u16 {
    use tower::ServiceExt;
    let u = upload_app();
    // One upload at a time: the checks below count what the store holds.
    let _one = u.one.lock().unwrap_or_else(|e| e.into_inner());
    let count = || u.app.store.list().expect("the store lists").len();
    let before = count();
    let request = axum::http::Request::post("/api/v1/submissions")
        .header(
            axum::http::header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .body(axum::body::Body::from(data.to_vec()))
        .expect("a request");
    let response = u
        .runtime
        .block_on(darkroom_server::router(u.app.clone()).oneshot(request))
        .expect("the router answers");
    let status = response.status();
    assert!(
        status.is_success() || status.is_client_error(),
        "answered {status}"
    );
    let expected = before + usize::from(status.is_success());
    assert_eq!(count(), expected, "stored or lost a submission on {status}");
    let leftover = std::fs::read_dir(u.dir.join("tmp")).expect("tmp").count();
    assert_eq!(leftover, 0, "temporary files left after {status}");
    status.as_u16()
}

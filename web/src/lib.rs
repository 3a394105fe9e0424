//! Browser bindings of Darkroom's core and circuits: the submit page strips,
//! proves and seals on the source's own device with the same code as the
//! `darkroom` CLI, so the server receives only ciphertext.
//!
//! [`client`] holds the logic as plain Rust (tested natively); the
//! `#[wasm_bindgen]` functions below only translate errors and types for
//! JavaScript. `web/js/worker.js` calls them from a Web Worker.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod client;
#[cfg(feature = "verifier")]
pub mod verify;

use std::io::{self, Write};

use darkroom_core::pow::{Challenge, PowError};
use wasm_bindgen::prelude::*;

pub use darkroom_circuits as circuits;
pub use darkroom_core as core;

fn js(e: client::ClientError) -> JsError {
    JsError::new(&e.to_string())
}

/// The bundle's version and the statement it proves, for the page footer.
#[wasm_bindgen]
pub fn version() -> String {
    client::version()
}

/// The newsroom, as its signed manifest says: the page encrypts to, proves
/// against and believes only this.
#[wasm_bindgen]
pub struct Newsroom(client::Newsroom);

#[wasm_bindgen]
impl Newsroom {
    /// What the page shows of it (name, key, fingerprint, expiry), as JSON.
    pub fn summary_json(&self) -> String {
        self.0.summary_json()
    }

    /// Refuses this manifest if it is older than `newest` (the summary's
    /// `seen` the tab kept from an earlier load, JSON), or another of the
    /// same date.
    pub fn check_seen(&self, newest: Option<String>) -> Result<(), JsError> {
        self.0.check_seen(newest.as_deref()).map_err(js)
    }
}

/// Checks the server's signed manifest (`manifest` bytes, `signature`
/// text) at `now` (Unix seconds) with the key the source pasted, if any
/// (else the key the manifest names, whose fingerprint the page shows),
/// and that the served `config` (JSON), the page's `host` and the code it
/// runs (`loaded`, JSON: the WebAssembly hash and script integrity values)
/// agree with it.
#[wasm_bindgen]
pub fn newsroom(
    manifest: &[u8],
    signature: &str,
    now: f64,
    pinned: Option<String>,
    config: &str,
    host: &str,
    loaded: &str,
) -> Result<Newsroom, JsError> {
    client::newsroom(
        manifest,
        signature,
        now.max(0.0) as u64,
        pinned.as_deref(),
        config,
        host,
        loaded,
    )
    .map(Newsroom)
    .map_err(js)
}

/// A provenance proof with its secret opening, which never leaves the
/// WebAssembly memory: [`seal_with_proof`] seals it into the envelope.
#[cfg(feature = "prover")]
#[wasm_bindgen]
pub struct Proof(client::Proven);

#[cfg(feature = "prover")]
#[wasm_bindgen]
impl Proof {
    /// The proof bundle's JSON, uploaded beside the envelope.
    pub fn bundle_json(&self) -> String {
        self.0.bundle.to_json()
    }

    /// What the proof discloses, in words ("one of N devices").
    pub fn describe(&self) -> String {
        darkroom_core::provenance::describe(&self.0.bundle.public, Some(self.0.devices))
    }
}

/// Tries `tries` nonces from `start` on a busy drop box's proof-of-work
/// challenge (`GET /api/v1/pow`, as JSON); the `Darkroom-PoW` header's
/// value if one of them solves it. The worker calls it in slices, to show
/// progress.
#[wasm_bindgen]
pub fn pow_search(challenge: &str, start: f64, tries: u32) -> Result<Option<String>, JsError> {
    let refused = |e: PowError| JsError::new(&e.to_string());
    let challenge: Challenge =
        serde_json::from_str(challenge).map_err(|_| refused(PowError::Malformed))?;
    let token = challenge.token_bytes().map_err(refused)?;
    let mut puzzle = challenge.puzzle(&token).map_err(refused)?;
    // A safe integer from the page's random start.
    let start = start.clamp(0.0, 9_007_199_254_740_991.0) as u64;
    Ok(puzzle
        .search(start, u64::from(tries))
        .map(|n| challenge.answer(n)))
}

/// Checks a published photo against its publication bundle, trusting the
/// registries of the newsroom's manifest (signed by `key`) and its
/// verifying key `vk`; the verdict as JSON ([`verify::publication`]).
#[cfg(feature = "verifier")]
#[wasm_bindgen]
pub fn verify_publication(
    manifest: &[u8],
    signature: &str,
    key: &str,
    now: f64,
    vk: &[u8],
    bundle: &str,
    image: &[u8],
) -> Result<String, JsError> {
    verify::publication(
        manifest,
        signature,
        key,
        now.max(0.0) as u64,
        vk,
        bundle,
        image,
    )
    .map_err(js)
}

/// Starts a proof of `bytes`' provenance ([`client::start_proof`]), split into `shares` shares of its
/// multi-scalar multiplications for the page's workers; the worker then
/// hands each share's scalars to another worker (or computes it with
/// [`ProofJob::compute`]), adds their sums and finishes.
#[cfg(feature = "prover")]
#[wasm_bindgen]
#[allow(clippy::too_many_arguments)]
pub fn prove_start(
    bytes: &[u8],
    name: &str,
    sidecar: Option<String>,
    registries: Vec<String>,
    proving_key: &[u8],
    newsroom: &Newsroom,
    window: &str,
    region: &str,
    shares: u32,
) -> Result<ProofJob, JsError> {
    client::start_proof(
        bytes,
        name,
        sidecar.as_deref(),
        &registries,
        proving_key,
        &newsroom.0,
        window,
        region,
        shares as usize,
    )
    .map(ProofJob)
    .map_err(js)
}

/// A proof under way in shares; its witness stays in WebAssembly memory
/// except for the scalars handed to the page's own workers.
#[cfg(feature = "prover")]
#[wasm_bindgen]
pub struct ProofJob(client::Started);

#[cfg(feature = "prover")]
#[wasm_bindgen]
impl ProofJob {
    /// How many shares the proof is split into.
    pub fn shares(&self) -> u32 {
        self.0.shares() as u32
    }

    /// Share `index`'s scalars, for another of the page's workers.
    pub fn scalars(&self, index: u32) -> Result<Vec<u8>, JsError> {
        self.0
            .scalars(index as usize)
            .map(|b| b.to_vec())
            .map_err(js)
    }

    /// Computes share `index` in this worker.
    pub fn compute(&mut self, index: u32) -> Result<(), JsError> {
        self.0.compute(index as usize).map_err(js)
    }

    /// Takes another worker's sums for a share.
    pub fn add(&mut self, partial: &[u8]) -> Result<(), JsError> {
        self.0.add(partial).map_err(js)
    }

    /// The shares still missing.
    pub fn missing(&self) -> Vec<u32> {
        self.0.missing().into_iter().map(|i| i as u32).collect()
    }

    /// The proof, checked; after a refusal the shares can be computed
    /// here and this called again.
    pub fn finish(&mut self) -> Result<Proof, JsError> {
        self.0.finish().map(Proof).map_err(js)
    }
}

/// Runs the prover's hot code on a few points, so that the engine has
/// optimised it before a proof (a helper does it when it starts, the
/// worker when a provable file is chosen); whether the sums came out right.
#[cfg(feature = "prover")]
#[wasm_bindgen]
pub fn warm_up() -> bool {
    darkroom_circuits::shares::warm_up()
}

/// The proving key file in a compact proving key (the form the page
/// fetches: curve points compressed, no matrices), for [`prove_start`] and
/// [`proving_share`]; refused unless it is one.
#[cfg(feature = "prover")]
#[wasm_bindgen]
pub fn expand_proving_key(compact: &[u8]) -> Result<Vec<u8>, JsError> {
    darkroom_circuits::groth16::expand_compact_proving_key(compact).map_err(|e| {
        JsError::new(&format!(
            "the newsroom's proving key could not be read: {e}"
        ))
    })
}

/// Another worker's share `index` of `of` of a proving key file.
#[cfg(feature = "prover")]
#[wasm_bindgen]
pub fn proving_share(proving_key: &[u8], index: u32, of: u32) -> Result<ProvingShare, JsError> {
    client::ProvingShare::read(proving_key, index as usize, of as usize)
        .map(ProvingShare)
        .map_err(js)
}

/// A worker's share of a proving key.
#[cfg(feature = "prover")]
#[wasm_bindgen]
pub struct ProvingShare(client::ProvingShare);

#[cfg(feature = "prover")]
#[wasm_bindgen]
impl ProvingShare {
    /// The sums for a share's scalars.
    pub fn sum(&self, scalars: &[u8]) -> Result<Vec<u8>, JsError> {
        self.0.sum(scalars).map_err(js)
    }
}

/// An envelope made in the browser.
#[wasm_bindgen]
pub struct Sealed(client::Sealed);

#[wasm_bindgen]
impl Sealed {
    /// The envelope's bytes (a `Uint8Array`); a second call returns nothing.
    pub fn take_envelope(&mut self) -> Vec<u8> {
        std::mem::take(&mut self.0.envelope)
    }

    /// The strip report as JSON.
    pub fn report_json(&self) -> String {
        self.0.report_json()
    }

    /// The commitment `C`, `0x…`.
    pub fn commitment(&self) -> String {
        self.0.commitment.clone()
    }
}

/// Strips `bytes` and seals it to the recipients `newsroom` signed
/// ([`client::seal`]), with the opening of `proof`, if any (made for these same bytes)
/// inside the envelope, so the newsroom can match the file to the proof.
#[cfg(feature = "prover")]
#[wasm_bindgen]
// Each of the source's choices is an argument of its own for the worker.
#[allow(clippy::too_many_arguments)]
pub fn seal_with_proof(
    bytes: &[u8],
    name: &str,
    newsroom: &Newsroom,
    message: Option<String>,
    reply_recipient: Option<String>,
    send_as_is: bool,
    keep_credentials: bool,
    proof: &Proof,
) -> Result<Sealed, JsError> {
    let send = client::Send {
        message,
        reply_recipient,
        send_as_is,
        keep_credentials,
    };
    client::seal(bytes, name, &newsroom.0, send, Some(&proof.0))
        .map(Sealed)
        .map_err(js)
}

#[wasm_bindgen]
extern "C" {
    /// A file the worker reads a slice at a time (with `FileReaderSync`):
    /// `{size, read(offset, length) -> Uint8Array}`.
    pub type FileSource;
    #[wasm_bindgen(method, getter)]
    fn size(this: &FileSource) -> f64;
    #[wasm_bindgen(method)]
    fn read(this: &FileSource, offset: f64, length: u32) -> Vec<u8>;

    /// Where an envelope goes as it is made: `{write(Uint8Array)}`, which
    /// must copy the bytes before it returns.
    pub type EnvelopeSink;
    #[wasm_bindgen(method)]
    fn write(this: &EnvelopeSink, chunk: &[u8]);
}

/// How much is read from a file, or handed to the page, at a time.
const SLICE: usize = 4 << 20;

/// A [`FileSource`] as `Read + Seek`, buffered a slice at a time.
struct SourceReader {
    source: FileSource,
    size: u64,
    pos: u64,
}

impl io::Read for SourceReader {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let want = (self.size.saturating_sub(self.pos)).min(buf.len() as u64) as u32;
        if want == 0 {
            return Ok(0);
        }
        let data = self.source.read(self.pos as f64, want);
        if data.is_empty() || data.len() > buf.len() {
            return Err(io::Error::other(
                "the file could not be read; choose it again",
            ));
        }
        buf[..data.len()].copy_from_slice(&data);
        self.pos += data.len() as u64;
        Ok(data.len())
    }
}

impl io::Seek for SourceReader {
    fn seek(&mut self, pos: io::SeekFrom) -> io::Result<u64> {
        let to = match pos {
            io::SeekFrom::Start(n) => Some(n),
            io::SeekFrom::End(d) => self.size.checked_add_signed(d),
            io::SeekFrom::Current(d) => self.pos.checked_add_signed(d),
        };
        self.pos = to.ok_or_else(|| io::Error::other("seek before the start of the file"))?;
        Ok(self.pos)
    }
}

fn reader(source: FileSource) -> io::BufReader<SourceReader> {
    let size = source.size() as u64;
    io::BufReader::with_capacity(
        SLICE,
        SourceReader {
            source,
            size,
            pos: 0,
        },
    )
}

/// An [`EnvelopeSink`] as `Write`.
struct SinkWriter(EnvelopeSink);

impl io::Write for SinkWriter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.write(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// What sealing the file would remove and what risks remain, and whether
/// it carries a capture attestation ([`client::inspect`]), reading the file
/// a slice at a time.
#[wasm_bindgen]
pub fn inspect_file(
    source: FileSource,
    name: &str,
    sidecar: Option<String>,
) -> Result<String, JsError> {
    client::inspect_stream(reader(source), name, sidecar.as_deref()).map_err(js)
}

/// As [`seal_with_proof`], reading the file a slice at a time and handing the
/// envelope to `sink` as it is made (4 MiB at a time): neither is ever
/// whole in memory, whatever the file's size. The returned [`Sealed`] has
/// no envelope of its own.
#[wasm_bindgen]
// Each of the source's choices is an argument of its own for the worker.
#[allow(clippy::too_many_arguments)]
pub fn seal_file(
    source: FileSource,
    name: &str,
    newsroom: &Newsroom,
    message: Option<String>,
    reply_recipient: Option<String>,
    send_as_is: bool,
    keep_credentials: bool,
    sink: EnvelopeSink,
) -> Result<Sealed, JsError> {
    let send = client::Send {
        message,
        reply_recipient,
        send_as_is,
        keep_credentials,
    };
    let mut out = io::BufWriter::with_capacity(SLICE, SinkWriter(sink));
    let sealed =
        client::seal_stream(reader(source), name, &newsroom.0, send, None, &mut out).map_err(js)?;
    out.flush().map_err(|e| JsError::new(&e.to_string()))?;
    Ok(Sealed(sealed))
}

/// The WebAssembly memory this client holds, in bytes (it only grows).
#[wasm_bindgen]
pub fn memory_bytes() -> f64 {
    #[cfg(target_arch = "wasm32")]
    {
        (std::arch::wasm32::memory_size(0) * 65_536) as f64
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        0.0
    }
}

/// A new codename: seven words from the EFF long list, about 90 bits.
#[wasm_bindgen]
pub fn new_codename() -> String {
    darkroom_core::codename::generate().to_string()
}

/// The keys a codename stretches into (Argon2id, 64 MiB): the lookup and
/// verifier the server checks, and the reply identity, which never leaves
/// the WebAssembly memory.
#[wasm_bindgen]
pub struct CodenameKeys(darkroom_core::codename::CodenameKeys);

#[wasm_bindgen]
impl CodenameKeys {
    /// The account's lookup key, hex.
    pub fn lookup(&self) -> String {
        self.0.lookup_hex()
    }

    /// The login verifier, hex (a secret: sent only to the server).
    pub fn verifier(&self) -> String {
        self.0.verifier_hex().to_string()
    }

    /// The reply recipient of the kind of `newsroom`'s keys (`age1pq1…`
    /// or `age1…`): replies are sealed to it and to the newsroom together.
    pub fn recipient(&self, newsroom: &Newsroom) -> String {
        self.0.recipient(newsroom.0.kind())
    }

    /// Opens the replies served to this codename (one after another in
    /// `sealed`, each `lengths[k]` bytes), checks that `newsroom` signed
    /// each, and puts them in the newsroom's order, saying of each what
    /// the server may have done: a JSON array (see
    /// `client::Newsroom::open_replies`).
    pub fn open_replies(
        &self,
        newsroom: &Newsroom,
        sealed: &[u8],
        lengths: &[u32],
    ) -> Result<String, JsError> {
        let mut parts = Vec::with_capacity(lengths.len());
        let mut at = 0usize;
        for &n in lengths {
            let end = at
                .checked_add(n as usize)
                .filter(|&e| e <= sealed.len())
                .ok_or_else(|| JsError::new("the replies were cut short"))?;
            parts.push(&sealed[at..end]);
            at = end;
        }
        Ok(newsroom.0.open_replies(&self.0, &parts))
    }
}

/// Stretches a typed codename under the server's salt (hex).
#[wasm_bindgen]
pub fn derive_codename(codename: &str, salt: &str) -> Result<CodenameKeys, JsError> {
    let salt =
        darkroom_core::codename::parse_salt(salt).map_err(|e| JsError::new(&e.to_string()))?;
    darkroom_core::codename::derive(codename, &salt)
        .map(CodenameKeys)
        .map_err(|e| JsError::new(&e.to_string()))
}

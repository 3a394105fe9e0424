//! The source's side, as one path that every client takes: the CLI
//! (`darkroom submit`, `seal --prove`, `prove`) and the page's worker
//! (`darkroom-web`). Each keeps only its I/O (files and HTTP; the worker
//! and the page); the decisions are made here, so the two cannot disagree.
//!
//! 1. [`trust`]: the newsroom's signed manifest, checked against the key
//!    the source gave or pinned, the dates, the address the client is on
//!    and the configuration the server serves. Nothing else the server
//!    says is believed.
//! 2. [`check_proof`], then [`Checked::plan`]: a proof's inputs from a
//!    signed photo, against the registries and proof keys the manifest
//!    signed, refused before any work where it can be. The edges run the
//!    prover (all cores in the CLI, the page's workers in a browser) and
//!    [`Pending::finish`] the proof.
//! 3. [`SealOptions::proven`]: what a proof adds to the
//!    envelope (its opening, its digest, the tile seed).

use darkroom_circuits::statement::{PublicInputs, Version, Witness};

use crate::bundle::Bundle;
use crate::capture::Attestation;
use crate::digest::{ContentDigest, Opening};
use crate::envelope::{SealOptions, SealedTiles};
use crate::newsroom::{self, Manifest, NewsroomKey, Seen, TrustError};
use crate::provenance::{self, Region, TimeWindow};
use crate::registry::Registry;
use crate::served::ServedConfig;
use crate::{Error, ProofError};

/// The newsroom a server belongs to, as its checked manifest says.
#[derive(Debug)]
pub struct Trusted {
    /// What the newsroom signed.
    pub manifest: Manifest,
    /// The manifest's date and hash, for the client to keep as the newest
    /// it has taken from this server ([`Manifest::check_not_older`]).
    pub seen: Seen,
}

/// Checks a server's manifest (exact bytes `json`, minisign `signature`)
/// with the newsroom `key` at `now`, refuses it if it is older than the
/// newest this client already took from the server (`newest`), for
/// another onion address than `host`, or if the server's configuration
/// disagrees with it. The first refusal is returned.
pub fn trust(
    json: &[u8],
    signature: &str,
    key: &NewsroomKey,
    now: u64,
    newest: Option<&Seen>,
    host: &str,
    config: &ServedConfig,
) -> Result<Trusted, TrustError> {
    let manifest = Manifest::verify(json, signature, key, now)?;
    let seen = manifest.check_not_older(json, newest)?;
    manifest.check_host(host)?;
    manifest.check_config(config)?;
    Ok(Trusted { manifest, seen })
}

/// A proof, the opening it commits with, the digest it was made for, and
/// how many devices its registry holds.
#[derive(Clone, Debug)]
pub struct Proven {
    /// What is uploaded beside the envelope.
    pub bundle: Bundle,
    /// `r`: sealed into the envelope for the newsroom, never uploaded
    /// otherwise.
    pub opening: Opening,
    /// The file's content digest.
    pub digest: ContentDigest,
    /// The registry's device count: the proof's anonymity set.
    pub devices: usize,
    /// A version 2 attestation's seed and the photo's tile root: sealed
    /// for the newsroom, never sent otherwise.
    pub tiles: Option<SealedTiles>,
}

impl SealOptions {
    /// The same options for a file proven before sealing: the proof's
    /// opening is the commitment's, the file must still have the digest
    /// the proof was made for, and a version 2 photo's tile seed is sealed
    /// for the newsroom. Every client seals a proof this way.
    pub fn proven(mut self, proven: Option<&Proven>) -> Self {
        if let Some(p) = proven {
            self.opening = Some(p.opening.clone());
            self.expect_digest = Some(p.digest);
            self.tiles = p.tiles.clone();
        }
        self
    }
}

/// What a source asks to prove about a photo.
pub struct ProofRequest<'a> {
    /// The photo, as it is on the device.
    pub bytes: &'a [u8],
    /// Its file name (its extension must not lie about its format).
    pub name: &'a str,
    /// Its capture attestation (embedded, or from a sidecar), if any.
    pub attestation: Option<Attestation>,
    /// The registries the client was given.
    pub registries: &'a [Registry],
    /// The newsroom's checked manifest: every registry must be one it
    /// signed, with its device count. `None` only for a proof made for no
    /// newsroom in particular (`darkroom prove`).
    pub newsroom: Option<&'a Manifest>,
    /// The fewest devices the chosen registry may hold, if the source
    /// asked for more than the default ([`Manifest::min_anonymity`]).
    pub min_anonymity: Option<usize>,
    /// How much of the capture time to disclose.
    pub window: TimeWindow,
    /// How much of the capture place to disclose.
    pub region: Region,
}

/// A proof's inputs, ready for a prover, and what goes with the proof
/// once it is made ([`Pending::finish`]).
pub struct Planned {
    /// The statement's public inputs.
    pub public: PublicInputs,
    /// The witness (secret: the photo's signature, device and place).
    pub witness: Witness,
    /// Everything but the proof.
    pub pending: Pending,
}

/// A proof's bundle, opening and digest, waiting for the proof.
pub struct Pending(Proven);

impl Pending {
    /// The proof made, with everything that goes with it.
    pub fn finish(self, proof: [u8; darkroom_circuits::groth16::PROOF_LEN]) -> Proven {
        let mut proven = self.0;
        proven.bundle.proof = proof;
        proven
    }
}

/// A proof request checked, before any proving work: the photo's
/// attestation verified and its registry chosen.
pub struct Checked<'a> {
    attestation: Attestation,
    signed: ContentDigest,
    digest: ContentDigest,
    registry: &'a Registry,
    window: TimeWindow,
    region: Region,
}

/// Checks a request before any proving work (and before the proving key is
/// read). Refuses: a photo with no attestation, or one whose attestation
/// does not verify or is for another image; with a newsroom, any registry
/// it did not sign (a server that serves one is not believed, and nothing
/// is proven against it); a registry too small to hide the camera.
pub fn check_proof(request: ProofRequest<'_>) -> Result<Checked<'_>, Error> {
    let attestation = request.attestation.ok_or(ProofError::NoAttestation)?;
    let (digest, _) = ContentDigest::of(request.bytes, Some(request.name))?;
    attestation.verify()?;
    let signed = attestation.signed_value(request.bytes, &digest)?;
    let min = match request.newsroom {
        Some(m) => {
            for r in request.registries {
                m.check_registry(r)?;
            }
            m.min_anonymity(request.min_anonymity)
        }
        None => request.min_anonymity.unwrap_or(newsroom::MIN_ANONYMITY),
    };
    let registry = newsroom::pick_registry(request.registries, &attestation.device, min)?;
    Ok(Checked {
        attestation,
        signed,
        digest,
        registry,
        window: request.window,
        region: request.region,
    })
}

impl Checked<'_> {
    /// Prepares the proof's inputs for the proof keys named by `statement`
    /// and `circuit_id` (the prover's; with a newsroom, each client first
    /// checks them with [`Manifest::check_keys`], in its own words).
    pub fn plan(self, statement: Version, circuit_id: [u8; 32]) -> Result<Planned, Error> {
        let opening = Opening::random();
        let (public, witness) = provenance::prepare(
            statement,
            &self.attestation,
            &self.signed,
            self.registry,
            self.window,
            self.region,
            &opening,
        )?;
        let pending = Pending(Proven {
            bundle: Bundle {
                statement,
                circuit_id,
                public,
                proof: [0; darkroom_circuits::groth16::PROOF_LEN],
            },
            opening,
            digest: self.digest,
            devices: self.registry.devices().len(),
            tiles: self.attestation.seed.map(|seed| SealedTiles {
                seed,
                root: self.signed,
            }),
        });
        Ok(Planned {
            public,
            witness,
            pending,
        })
    }
}

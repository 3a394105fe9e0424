//! The transcript's file format: text headers, and the SHA-256 that names
//! each file in the hash chain.

use ark_bn254::Fr;
use ark_relations::gr1cs::ConstraintSynthesizer;
use ark_serialize::CanonicalSerialize;
use sha2::{Digest, Sha256};

use crate::statement::Version;

use super::*;

/// A file's header lines, as (name, value).
pub(super) type Fields = Vec<(String, String)>;

/// The headers of a ceremony file, and where its body starts.
pub(super) fn split_header(bytes: &[u8]) -> Result<(Fields, &[u8]), CeremonyError> {
    let bad = || CeremonyError::Malformed("not a darkroom ceremony file (bad header)".into());
    let end = bytes
        .windows(2)
        .take(2048)
        .position(|w| w == b"\n\n")
        .ok_or_else(bad)?;
    let text = std::str::from_utf8(&bytes[..end]).map_err(|_| bad())?;
    let mut lines = text.lines();
    if lines.next() != Some(MAGIC) {
        return Err(bad());
    }
    let fields = lines
        .map(|l| {
            l.split_once(": ")
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .ok_or_else(bad)
        })
        .collect::<Result<Vec<_>, _>>()?;
    if fields.len() > 8 {
        return Err(bad());
    }
    Ok((fields, &bytes[end + 2..]))
}

pub(super) fn field<'a>(fields: &'a [(String, String)], name: &str) -> Option<&'a str> {
    fields
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

pub(super) fn hash32(hex_text: Option<&str>) -> Option<[u8; 32]> {
    let mut out = [0u8; 32];
    hex::decode_to_slice(hex_text?, &mut out).ok()?;
    Some(out)
}

/// SHA-256 of a file's bytes: how the chain names a file.
pub fn file_hash(bytes: &[u8]) -> [u8; 32] {
    Sha256::digest(bytes).into()
}

/// The statement a transcript's initial file names: which circuit to
/// replay it with.
pub fn statement_of(initial: &[u8]) -> Result<Version, CeremonyError> {
    let (fields, _) = split_header(initial)?;
    let named = field(&fields, "statement").unwrap_or("");
    Version::from_id(named).ok_or_else(|| {
        CeremonyError::Malformed(format!(
            "the initial file names statement {named:?}, which this version of Darkroom does not know"
        ))
    })
}

/// The transcript's first file: phase 1 and the key with `δ = 1` of
/// `circuit`, which proves `statement`.
pub fn initial_file<C: ConstraintSynthesizer<Fr>>(
    phase1: &Phase1,
    ptau_sha256: &[u8; 32],
    statement: Version,
    circuit: C,
) -> Result<Vec<u8>, CeremonyError> {
    let pk = initial(phase1, circuit)?;
    let mut out = format!(
        "{MAGIC}\nkind: initial\nstatement: {}\nptau-sha256: {}\ndomain: {}\n\n",
        statement.id(),
        hex::encode(ptau_sha256),
        phase1.domain_size()
    )
    .into_bytes();
    let ser = |e| CeremonyError::Malformed(format!("cannot encode the parameters: {e}"));
    phase1.serialize_compressed(&mut out).map_err(ser)?;
    pk.serialize_compressed(&mut out).map_err(ser)?;
    Ok(out)
}

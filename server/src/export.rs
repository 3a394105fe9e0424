//! Export archives for the offline newsroom: a tar file (POSIX ustar) with
//! each envelope, its proof, a JSON index and a `SHA256SUMS` manifest that
//! `sha256sum -c` checks. The format is in `docs/formats.md` §5.

use std::io::{self, Read, Write};

use darkroom_core::export::{Entry, HashingReader, Index, SourceRef};
use sha2::{Digest, Sha256};

use crate::store::{Store, StoreError, Submission};

pub use darkroom_core::export::{FORMAT, ROOT, VERSION};

/// What an export held.
#[derive(Debug)]
pub struct Summary {
    /// Submissions written.
    pub submissions: usize,
    /// Envelope bytes written.
    pub bytes: u64,
}

/// Why an export failed.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// Reading the store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Writing failed.
    #[error("cannot write the archive: {0}")]
    Io(#[from] io::Error),
    /// A stored envelope no longer has the digest recorded at arrival.
    #[error("the stored envelope of {0} is damaged (its SHA-256 changed since it arrived); the export was stopped")]
    Damaged(String),
}

fn header(path: &str, size: u64) -> io::Result<tar::Header> {
    let mut h = tar::Header::new_ustar();
    h.set_path(path)?;
    h.set_size(size);
    h.set_mode(0o644);
    // Times in the archive would tell arrival more precisely than the day.
    h.set_mtime(0);
    h.set_entry_type(tar::EntryType::Regular);
    h.set_cksum();
    Ok(h)
}

/// Writes the archive of `submissions` to `out`.
pub fn write<W: Write>(
    store: &dyn Store,
    submissions: &[Submission],
    today: u64,
    out: W,
) -> Result<Summary, ExportError> {
    let mut tar = tar::Builder::new(out);
    let mut sums = String::new();
    let mut entries = Vec::new();
    let mut bytes = 0;
    for s in submissions {
        let envelope = format!("{}/envelope.age", s.designation);
        let mut reader = HashingReader::new(store.envelope(&s.id)?.take(s.size));
        tar.append(&header(&format!("{ROOT}/{envelope}"), s.size)?, &mut reader)?;
        let digest = hex::encode(reader.finish());
        if digest != s.envelope_sha256 {
            return Err(ExportError::Damaged(s.designation.clone()));
        }
        sums.push_str(&format!("{digest}  {envelope}\n"));
        bytes += s.size;
        let proof = match &s.bundle {
            Some(b) => {
                let path = format!("{}/proof.json", s.designation);
                tar.append(&header(&format!("{ROOT}/{path}"), b.len() as u64)?, &b[..])?;
                sums.push_str(&format!("{}  {path}\n", hex::encode(Sha256::digest(b))));
                Some(path)
            }
            None => None,
        };
        entries.push(Entry {
            designation: s.designation.clone(),
            arrival_day: darkroom_core::calendar::format_day(s.arrival_day),
            size: s.size,
            label: s.label.as_str().to_string(),
            window: s.disclosed.as_ref().map(|d| d.window.clone()),
            region: s.disclosed.as_ref().map(|d| d.region.clone()),
            envelope,
            envelope_sha256: s.envelope_sha256.clone(),
            proof,
            source: s.source.clone().zip(s.source_recipient.clone()).map(
                |(designation, reply_recipient)| SourceRef {
                    designation,
                    reply_recipient,
                },
            ),
        });
    }
    let index = Index {
        format: FORMAT.to_string(),
        version: VERSION,
        created_day: darkroom_core::calendar::format_day(today),
        submissions: entries,
    };
    let mut json = serde_json::to_vec_pretty(&index).map_err(io::Error::other)?;
    json.push(b'\n');
    tar.append(
        &header(&format!("{ROOT}/export.json"), json.len() as u64)?,
        &json[..],
    )?;
    sums.push_str(&format!(
        "{}  export.json\n",
        hex::encode(Sha256::digest(&json))
    ));
    tar.append(
        &header(&format!("{ROOT}/SHA256SUMS"), sums.len() as u64)?,
        sums.as_bytes(),
    )?;
    tar.into_inner()?.flush()?;
    Ok(Summary {
        submissions: submissions.len(),
        bytes,
    })
}

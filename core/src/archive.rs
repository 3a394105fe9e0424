//! Reading an export archive (docs/formats.md §5) without extracting it:
//! the tar is listed, each member is checked against the paths the format
//! allows, and only the offsets of acceptable members are kept. The
//! archive is untrusted (the server that made it may have been
//! compromised), so nothing is unpacked by the archive's own names.
//!
//! Behind the `archive` feature: only the newsroom tool reads archives.

use std::collections::BTreeMap;
use std::io::{Read, Seek};

use crate::export::{valid_designation, valid_member, ROOT};

/// The most members an archive may have.
pub const MAX_MEMBERS: usize = 1_000_000;

/// Where a member that appears twice is marked: neither copy is used.
pub const DUPLICATE: u64 = u64::MAX;

/// An archive's acceptable members and what was wrong with the others.
#[derive(Debug)]
pub struct Listing<R> {
    /// The archive, to read members from.
    pub file: R,
    /// Member name (inside [`ROOT`]) → (offset of its data, size); the
    /// offset is [`DUPLICATE`] for a member that appears twice.
    pub members: BTreeMap<String, (u64, u64)>,
    /// One line for each member ignored, and why.
    pub problems: Vec<String>,
}

/// Why an archive could not be listed at all.
#[derive(Debug, thiserror::Error)]
pub enum ArchiveError {
    /// Not a readable tar archive.
    #[error("this archive cannot be read: {0}")]
    Unreadable(std::io::Error),
    /// A damaged entry.
    #[error("this archive is damaged: {0}")]
    Damaged(std::io::Error),
    /// More members than an export can have.
    #[error("this archive has more than {MAX_MEMBERS} members; it is not an export")]
    TooMany,
}

/// Lists a tar archive's members without extracting anything: each must be
/// a regular file at a path the format allows, once.
pub fn list<R: Read + Seek>(file: R) -> Result<Listing<R>, ArchiveError> {
    let mut archive = tar::Archive::new(file);
    let mut members = BTreeMap::new();
    let mut problems = Vec::new();
    let prefix = format!("{ROOT}/");
    let mut count = 0;
    for entry in archive
        .entries_with_seek()
        .map_err(ArchiveError::Unreadable)?
    {
        count += 1;
        if count > MAX_MEMBERS {
            return Err(ArchiveError::TooMany);
        }
        let entry = entry.map_err(ArchiveError::Damaged)?;
        let raw = String::from_utf8_lossy(&entry.path_bytes()).into_owned();
        let shown = crate::text::printable_name(&raw);
        let kind = entry.header().entry_type();
        if kind.is_dir() {
            let d = raw.trim_end_matches('/');
            let ok = d == ROOT || d.strip_prefix(&prefix).is_some_and(valid_designation);
            if !ok {
                problems.push(format!(
                    "member {shown:?} is a folder outside the export format; ignored"
                ));
            }
            continue;
        }
        let Some(name) = raw.strip_prefix(&prefix).filter(|n| valid_member(n)) else {
            problems.push(format!("member {shown:?} is not a path the export format allows (absolute, `..`, or unknown); ignored"));
            continue;
        };
        if !(kind.is_file() || kind == tar::EntryType::Continuous) {
            problems.push(format!(
                "member {shown:?} is not a regular file (a link or a device); ignored"
            ));
            continue;
        }
        if members
            .insert(name.to_string(), (entry.raw_file_position(), entry.size()))
            .is_some()
        {
            problems.push(format!(
                "member {shown:?} appears twice; neither copy is used"
            ));
            members.insert(name.to_string(), (DUPLICATE, 0));
        }
    }
    Ok(Listing {
        file: archive.into_inner(),
        members,
        problems,
    })
}

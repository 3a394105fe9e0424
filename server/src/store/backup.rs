//! Backups of a live store, and restoring one into a new data directory.
//!
//! A backup is a tar file (`darkroom-backup/darkroom.sqlite3` and
//! `darkroom-backup/blobs/ID.age`) made while the server runs: the database
//! is copied by `VACUUM INTO` (a consistent snapshot, with no freed pages
//! holding deleted rows), then the envelopes its rows name; one deleted in
//! between loses its row in the copy. Entries carry no times. It holds what
//! the store holds: ciphertext, proofs, and the journalists' password hashes
//! and TOTP secrets, so it is kept encrypted (docs/operating.md).
//!
//! Restoring checks every envelope against the digest its row recorded at
//! arrival and that rows and envelopes match one to one, in a folder beside
//! the target that becomes the data directory only when all is well.

use std::fs::{self, File};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::*;

/// The archive's top folder.
pub const ROOT: &str = "darkroom-backup";

/// What a backup or restore held.
#[derive(Debug, PartialEq, Eq)]
pub struct Backed {
    /// Submissions (envelopes) in it.
    pub submissions: usize,
    /// Envelope bytes.
    pub bytes: u64,
}

/// Why a restore failed; nothing was made.
#[derive(Debug, thiserror::Error)]
pub enum RestoreError {
    /// The target is in use.
    #[error("{0} already exists and is not empty; restore into a new data directory")]
    NotEmpty(PathBuf),
    /// The archive is not a Darkroom backup, or is damaged.
    #[error("not a valid Darkroom backup: {0}")]
    Invalid(String),
    /// Reading or writing failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

fn entry(path: &str, size: u64) -> io::Result<tar::Header> {
    let mut h = tar::Header::new_ustar();
    h.set_path(path)?;
    h.set_size(size);
    h.set_mode(0o600);
    h.set_mtime(0);
    h.set_cksum();
    Ok(h)
}

pub(super) fn backup(store: &SqliteStore, out: &mut dyn Write) -> Result<Backed, StoreError> {
    let snapshot = store
        .root
        .join("tmp")
        .join(format!("backup-{}.sqlite3", random_id()));
    // Removed whatever happens (and by recovery after a crash).
    struct Gone(PathBuf);
    impl Drop for Gone {
        fn drop(&mut self) {
            let _ = fs::remove_file(&self.0);
        }
    }
    let _gone = Gone(snapshot.clone());
    store
        .db()
        .execute("VACUUM INTO ?1", [snapshot.to_string_lossy().as_ref()])?;
    let copy = Connection::open(&snapshot)?;
    let ids: Vec<String> = {
        let mut stmt = copy.prepare("SELECT id FROM submissions ORDER BY id")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        rows.collect::<Result<_, _>>()?
    };
    let mut tar = tar::Builder::new(out);
    let mut backed = Backed {
        submissions: 0,
        bytes: 0,
    };
    for id in &ids {
        let mut f = match File::open(store.blob(id)) {
            Ok(f) => f,
            // Deleted (expired) since the snapshot: its row goes too.
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                copy.execute("DELETE FROM submissions WHERE id = ?1", [id])?;
                continue;
            }
            Err(e) => return Err(e.into()),
        };
        let size = f.metadata()?.len();
        tar.append(&entry(&format!("{ROOT}/blobs/{id}.age"), size)?, &mut f)?;
        backed.submissions += 1;
        backed.bytes += size;
    }
    drop(copy);
    let db = fs::read(&snapshot)?;
    tar.append(
        &entry(&format!("{ROOT}/darkroom.sqlite3"), db.len() as u64)?,
        db.as_slice(),
    )?;
    tar.into_inner()?.flush()?;
    Ok(backed)
}

/// Restores `archive` into `target`, which must not exist or be empty.
pub fn restore(archive: &mut dyn Read, target: &Path) -> Result<Backed, RestoreError> {
    if fs::read_dir(target).is_ok_and(|mut d| d.next().is_some()) {
        return Err(RestoreError::NotEmpty(target.to_path_buf()));
    }
    let parent = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    fs::create_dir_all(parent).map_err(StoreError::from)?;
    let staging = parent.join(format!(".darkroom-restore-{}", random_id()));
    let result = unpack(archive, &staging).and_then(|backed| {
        if target.exists() {
            fs::remove_dir(target).map_err(StoreError::from)?;
        }
        fs::rename(&staging, target).map_err(StoreError::from)?;
        sync_dir(parent).map_err(StoreError::from)?;
        Ok(backed)
    });
    if result.is_err() {
        let _ = fs::remove_dir_all(&staging);
    }
    result
}

fn invalid(why: impl Into<String>) -> RestoreError {
    RestoreError::Invalid(why.into())
}

fn unpack(archive: &mut dyn Read, dir: &Path) -> Result<Backed, RestoreError> {
    fs::create_dir(dir).map_err(StoreError::from)?;
    for d in ["blobs", "tmp"] {
        fs::create_dir(dir.join(d)).map_err(StoreError::from)?;
    }
    let mut blobs: std::collections::HashMap<String, (String, u64)> = Default::default();
    let mut has_db = false;
    let mut tar = tar::Archive::new(archive);
    for entry in tar.entries().map_err(|e| invalid(e.to_string()))? {
        let mut entry = entry.map_err(|e| invalid(e.to_string()))?;
        if entry.header().entry_type() != tar::EntryType::Regular {
            return Err(invalid("it holds something other than plain files"));
        }
        let path = entry
            .path()
            .map_err(|e| invalid(e.to_string()))?
            .to_string_lossy()
            .into_owned();
        let rest = path
            .strip_prefix(&format!("{ROOT}/"))
            .ok_or_else(|| invalid(format!("unexpected entry {path:?}")))?;
        let (to, id) = if rest == "darkroom.sqlite3" {
            if has_db {
                return Err(invalid("two databases"));
            }
            has_db = true;
            (dir.join(rest), None)
        } else {
            let id = rest
                .strip_prefix("blobs/")
                .and_then(|n| n.strip_suffix(".age"))
                .filter(|id| valid_id(id))
                .ok_or_else(|| invalid(format!("unexpected entry {path:?}")))?;
            if blobs.contains_key(id) {
                return Err(invalid(format!("{id} twice")));
            }
            (dir.join(rest), Some(id.to_string()))
        };
        let mut f = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&to)
            .map_err(StoreError::from)?;
        let mut hash = Sha256::new();
        let mut buf = vec![0u8; 1 << 16];
        let mut size = 0u64;
        loop {
            let n = entry.read(&mut buf).map_err(|e| invalid(e.to_string()))?;
            if n == 0 {
                break;
            }
            hash.update(&buf[..n]);
            f.write_all(&buf[..n]).map_err(StoreError::from)?;
            size += n as u64;
        }
        f.set_modified(std::time::UNIX_EPOCH)
            .map_err(StoreError::from)?;
        f.sync_all().map_err(StoreError::from)?;
        if let Some(id) = id {
            blobs.insert(id, (hex::encode(hash.finalize()), size));
        }
    }
    if !has_db {
        return Err(invalid("it has no database"));
    }
    sync_dir(&dir.join("blobs")).map_err(StoreError::from)?;
    // Opening it migrates an older store and restricts the folder.
    let store = SqliteStore::open(dir).map_err(|e| invalid(e.to_string()))?;
    let rows = store.list().map_err(|e| invalid(e.to_string()))?;
    let mut backed = Backed {
        submissions: 0,
        bytes: 0,
    };
    for row in &rows {
        match blobs.remove(&row.id) {
            Some((sha, size)) if sha == row.envelope_sha256 => {
                backed.submissions += 1;
                backed.bytes += size;
            }
            Some(_) => {
                return Err(invalid(format!(
                    "the envelope of {} is damaged (its SHA-256 differs from the one recorded at arrival)",
                    row.designation
                )))
            }
            None => {
                return Err(invalid(format!(
                    "the envelope of {} is missing",
                    row.designation
                )))
            }
        }
    }
    if let Some(id) = blobs.keys().next() {
        return Err(invalid(format!("envelope {id} has no record")));
    }
    Ok(backed)
}

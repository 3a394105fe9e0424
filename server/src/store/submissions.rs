//! Submissions: an envelope staged to a temporary file, committed (blob
//! fsynced and renamed, then its row), listed, read, deleted, expired, and
//! recovered after a crash.

use std::fs::{self, File};
use std::io::{self, Read};
use std::time::UNIX_EPOCH;

use rusqlite::{params, OptionalExtension};
use sha2::Digest;

use super::sources::ensure_source;
use super::*;

const COLUMNS: &str = "id, designation, arrival_day, expires_day, size, envelope_sha256, label, window, region, bundle";
/// [`COLUMNS`] of `submissions s`, and the designation of its source.
const SELECT_SUBMISSIONS: &str = "SELECT s.id, s.designation, s.arrival_day, s.expires_day, s.size, s.envelope_sha256, s.label, s.window, s.region, s.bundle, o.designation, o.recipient, s.camera FROM submissions s LEFT JOIN sources o ON o.id = s.source";

fn row_to_submission(row: &rusqlite::Row<'_>) -> rusqlite::Result<Submission> {
    let window: Option<String> = row.get(7)?;
    let region: Option<String> = row.get(8)?;
    Ok(Submission {
        id: row.get(0)?,
        designation: row.get(1)?,
        arrival_day: row.get(2)?,
        expires_day: row.get(3)?,
        size: row.get(4)?,
        envelope_sha256: row.get(5)?,
        label: Label::parse(&row.get::<_, String>(6)?),
        disclosed: window.zip(region).map(|(window, region)| Disclosed {
            window,
            region,
            camera: row
                .get::<_, Option<String>>(12)
                .ok()
                .flatten()
                .unwrap_or_default(),
        }),
        bundle: row.get(9)?,
        source: row.get(10)?,
        source_recipient: row.get(11)?,
        commitment: None,
    })
}

impl SqliteStore {
    /// The row of a durable envelope, and its source account if new, in
    /// one transaction.
    pub(super) fn record(
        &self,
        id: &str,
        meta: &Submission,
        source: Option<&Source>,
    ) -> Result<String, StoreError> {
        let (window, region, camera) = match &meta.disclosed {
            Some(d) => (
                Some(d.window.as_str()),
                Some(d.region.as_str()),
                Some(d.camera.as_str()),
            ),
            None => (None, None, None),
        };
        let mut db = self.db();
        let tx = db.transaction()?;
        let source_id = match source {
            Some(s) => Some(ensure_source(&tx, s)?),
            None => None,
        };
        // Kept after the submission expires, so an old proof cannot be
        // replayed; only its hash, which says nothing a proof does not.
        if let Some(c) = &meta.commitment {
            let digest = hex::encode(sha2::Sha256::digest(c.as_bytes()));
            match tx.execute(
                "INSERT INTO proof_commitments (digest) VALUES (?1)",
                [digest],
            ) {
                Ok(_) => {}
                Err(e) if is_constraint(&e) => return Err(StoreError::Exists(Taken::Proof)),
                Err(e) => return Err(e.into()),
            }
        }
        // A designation already in use is drawn again.
        for _ in 0..16 {
            let designation = crate::designation::random();
            let inserted = tx.execute(
                &format!("INSERT INTO submissions ({COLUMNS}, source, camera) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"),
                params![
                    id,
                    designation,
                    meta.arrival_day,
                    meta.expires_day,
                    meta.size,
                    meta.envelope_sha256,
                    meta.label.as_str(),
                    window,
                    region,
                    meta.bundle,
                    source_id,
                    camera,
                ],
            );
            match inserted {
                Ok(_) => {
                    tx.commit()?;
                    return Ok(designation);
                }
                Err(e) if is_constraint(&e) => continue,
                Err(e) => return Err(e.into()),
            }
        }
        Err(StoreError::Exists(Taken::Designation))
    }

    pub(super) fn remove_blob(&self, id: &str) -> Result<(), StoreError> {
        let _files = self.blob_files();
        match fs::remove_file(self.blob(id)) {
            Ok(()) => Ok(sync_dir(&self.root.join("blobs"))?),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(e.into()),
        }
    }
}

pub(super) fn stage(store: &SqliteStore) -> Result<Staged, StoreError> {
    let id = random_id();
    let path = store.root.join("tmp").join(format!("{id}.partial"));
    let file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)?;
    Ok(Staged {
        id,
        path,
        file: Some(file),
    })
}

pub(super) fn commit(
    store: &SqliteStore,
    mut staged: Staged,
    meta: &Submission,
    source: Option<&Source>,
) -> Result<String, StoreError> {
    let file = staged.take();
    // Modification times would tell arrival to the second.
    file.set_modified(UNIX_EPOCH)?;
    file.sync_all()?;
    drop(file);
    let blob = store.blob(&staged.id);
    fs::rename(&staged.path, &blob)?;
    sync_dir(&store.root.join("blobs"))?;
    sync_dir(&store.root.join("tmp"))?;
    let recorded = store.record(&staged.id, meta, source);
    if recorded.is_err() {
        let _ = store.remove_blob(&staged.id);
    }
    recorded
}

pub(super) fn list(store: &SqliteStore) -> Result<Vec<Submission>, StoreError> {
    let db = store.db();
    let mut stmt = db.prepare(&format!(
        "{SELECT_SUBMISSIONS} ORDER BY s.arrival_day DESC, s.designation"
    ))?;
    let rows = stmt.query_map([], row_to_submission)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub(super) fn get(store: &SqliteStore, id: &str) -> Result<Option<Submission>, StoreError> {
    if !valid_id(id) {
        return Ok(None);
    }
    Ok(store
        .db()
        .query_row(
            &format!("{SELECT_SUBMISSIONS} WHERE s.id = ?1"),
            [id],
            row_to_submission,
        )
        .optional()?)
}

pub(super) fn envelope(store: &SqliteStore, id: &str) -> Result<Box<dyn Read + Send>, StoreError> {
    if !valid_id(id) {
        return Err(StoreError::NotFound);
    }
    match File::open(store.blob(id)) {
        Ok(f) => Ok(Box::new(f)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Err(StoreError::NotFound),
        Err(e) => Err(e.into()),
    }
}

pub(super) fn delete(store: &SqliteStore, id: &str) -> Result<bool, StoreError> {
    if !valid_id(id) {
        return Ok(false);
    }
    // The row goes first: a crash after it leaves an orphan blob, which
    // recovery removes, never a row without its envelope.
    let n = store
        .db()
        .execute("DELETE FROM submissions WHERE id = ?1", [id])?;
    store.remove_blob(id)?;
    Ok(n > 0)
}

pub(super) fn expire(store: &SqliteStore, today: Day) -> Result<usize, StoreError> {
    let ids: Vec<String> = {
        let db = store.db();
        let mut stmt = db.prepare("SELECT id FROM submissions WHERE expires_day < ?1")?;
        let rows = stmt.query_map([today], |r| r.get(0))?;
        rows.collect::<Result<_, _>>()?
    };
    for id in &ids {
        store.delete(id)?;
    }
    // Replies expire too, and an account left with nothing goes.
    let db = store.db();
    db.execute("DELETE FROM replies WHERE expires_day < ?1", [today])?;
    db.execute(
        "DELETE FROM sources WHERE created_day < ?1
           AND id NOT IN (SELECT source FROM submissions WHERE source IS NOT NULL)
           AND id NOT IN (SELECT source FROM replies)",
        [today],
    )?;
    Ok(ids.len())
}

pub(super) fn recover(store: &SqliteStore) -> Result<Recovery, StoreError> {
    let mut recovery = Recovery::default();
    for entry in fs::read_dir(store.root.join("tmp"))? {
        let path = entry?.path();
        if path.is_file() {
            fs::remove_file(&path)?;
            recovery.temporary += 1;
        }
    }
    let known: std::collections::HashSet<String> = {
        let db = store.db();
        let mut stmt = db.prepare("SELECT id FROM submissions")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        rows.collect::<Result<_, _>>()?
    };
    for entry in fs::read_dir(store.root.join("blobs"))? {
        let path = entry?.path();
        let id = path
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| n.strip_suffix(".age"))
            .unwrap_or_default()
            .to_string();
        if !known.contains(&id) {
            fs::remove_file(&path)?;
            recovery.orphans += 1;
        }
    }
    // A row without its blob cannot arise (the blob is durable before
    // the row is written); if a disk lost one anyway, the row goes too.
    for id in known {
        if !store.blob(&id).exists() {
            store
                .db()
                .execute("DELETE FROM submissions WHERE id = ?1", [&id])?;
        }
    }
    // A settling cut short leaves its fresh `tmp/` beside the store.
    for entry in fs::read_dir(&store.root)? {
        let entry = entry?;
        if entry.file_type()?.is_dir() && entry.file_name().to_string_lossy().starts_with(".tmp-") {
            fs::remove_dir_all(entry.path())?;
        }
    }
    sync_dir(&store.root.join("tmp"))?;
    sync_dir(&store.root.join("blobs"))?;
    Ok(recovery)
}

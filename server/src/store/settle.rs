//! Settling: what a seized disk may say about when submissions arrived.
//!
//! A file's birth and change times cannot be set, so an envelope written at
//! arrival carries its arrival to the nanosecond until it is written again.
//! Settling writes every envelope of the current day (and, once more, those
//! of past days not yet rewritten on a later day) into fresh inodes, in
//! shuffled order, then empties the write-ahead log and gives every file and
//! directory of the store the settling time. Afterwards an envelope's times
//! say only "arrived before this settling"; once it has been settled on a
//! later day than its arrival, only its day remains (which its row keeps
//! anyway). Rows carry days only, in tables keyed by random ids, and
//! SQLite's `secure_delete` zeroes what is deleted.
//!
//! The server settles at start and every `settle_minutes`; `darkroom admin
//! settle` does it by hand (for example before shutting a server down).

use std::fs::{self, File, FileTimes};
use std::io;
use std::path::Path;
use std::time::UNIX_EPOCH;

use rand::seq::SliceRandom;

use super::*;

/// What a settling did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Settled {
    /// Envelopes written into fresh inodes.
    pub rewritten: usize,
    /// False when nothing had arrived or was pending since the last one
    /// (then nothing on disk was touched).
    pub touched: bool,
}

/// A submission needs writing again while it has not been rewritten on a
/// later day than its arrival; a settling happens only when one of them is
/// new (never settled) or from a past day.
const PENDING: &str = "settled_day <= arrival_day";
const DUE: &str = "settled_day = 0 OR (settled_day <= arrival_day AND arrival_day < ?1)";

pub(super) fn settle(store: &SqliteStore, today: Day) -> Result<Settled, StoreError> {
    let due: bool = store
        .db()
        .prepare(&format!("SELECT 1 FROM submissions WHERE {DUE}"))?
        .exists([today])?;
    if !due {
        return Ok(Settled::default());
    }
    let mut ids: Vec<String> = {
        let db = store.db();
        let mut stmt = db.prepare(&format!("SELECT id FROM submissions WHERE {PENDING}"))?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        rows.collect::<Result<_, _>>()?
    };
    ids.shuffle(&mut rand::rngs::OsRng);
    let blobs = store.root.join("blobs");
    for id in &ids {
        // A submission deleted meanwhile is not brought back: its row is
        // gone before its file, and the file goes under the same lock.
        let _files = store.blob_files();
        let still: bool = store
            .db()
            .prepare("SELECT 1 FROM submissions WHERE id = ?1")?
            .exists([id])?;
        if still {
            rewrite(&store.blob(id), &blobs)?;
        }
    }
    sync_dir(&blobs)?;
    {
        let mut db = store.db();
        let tx = db.transaction()?;
        for id in &ids {
            tx.execute(
                "UPDATE submissions SET settled_day = ?1 WHERE id = ?2",
                rusqlite::params![today, id],
            )?;
        }
        tx.commit()?;
        // The log's frames are the latest pages, in the order written.
        db.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
    }
    fresh_tmp(&store.root)?;
    touch_all(&store.root)?;
    Ok(Settled {
        rewritten: ids.len(),
        touched: true,
    })
}

/// Copies `blob` into a fresh file beside it and renames that over it.
/// (A crash leaves a `.settling` file, which recovery removes.)
fn rewrite(blob: &Path, dir: &Path) -> Result<(), StoreError> {
    let mut from = match File::open(blob) {
        Ok(f) => f,
        // Deleted meanwhile: nothing to settle.
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e.into()),
    };
    let fresh = dir.join(format!(".{}.settling", random_id()));
    let result = (|| -> Result<(), StoreError> {
        let mut to = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&fresh)?;
        io::copy(&mut from, &mut to)?;
        to.set_times(epoch())?;
        to.sync_all()?;
        drop(to);
        fs::rename(&fresh, blob)?;
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&fresh);
    }
    result
}

fn epoch() -> FileTimes {
    FileTimes::new()
        .set_accessed(UNIX_EPOCH)
        .set_modified(UNIX_EPOCH)
}

/// `tmp/` changed when each upload began: an empty one is swapped for a
/// fresh directory. One with an upload in it is left for the next time.
fn fresh_tmp(root: &Path) -> Result<(), StoreError> {
    let next = root.join(format!(".tmp-{}", random_id()));
    fs::create_dir(&next)?;
    restrict_dir(&next)?;
    match fs::rename(&next, root.join("tmp")) {
        Ok(()) => Ok(()),
        Err(_) => {
            // Not empty (an upload is in flight), or something odd: the old
            // one stays.
            fs::remove_dir(&next)?;
            Ok(())
        }
    }
}

#[cfg(unix)]
fn restrict_dir(dir: &Path) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(dir, fs::Permissions::from_mode(0o700))
}

#[cfg(not(unix))]
fn restrict_dir(_: &Path) -> io::Result<()> {
    Ok(())
}

/// Every file and directory of the store, its own times now the
/// settling's: the database's shared-memory file, for one, keeps the time
/// of the last write through its mapping otherwise.
fn touch_all(root: &Path) -> Result<(), StoreError> {
    let now = FileTimes::new()
        .set_accessed(std::time::SystemTime::now())
        .set_modified(std::time::SystemTime::now());
    for dir in [root.join("blobs"), root.join("tmp"), root.to_path_buf()] {
        for entry in fs::read_dir(&dir)? {
            let entry = entry?;
            if entry.file_type()?.is_file() {
                let name = entry.file_name();
                let name = name.to_string_lossy();
                // Envelopes keep the epoch; their change time is already
                // the settling's, or they were settled before.
                if dir.ends_with("blobs") {
                    continue;
                }
                if name.starts_with("darkroom.sqlite3") {
                    File::options()
                        .write(true)
                        .open(entry.path())?
                        .set_times(now)?;
                }
            }
        }
        // A directory's times: opened read-only, futimens needs ownership
        // only.
        File::open(&dir)?.set_times(now)?;
    }
    Ok(())
}

//! The tables, the migrations that bring older stores up to them, and the
//! instance's settings.

use std::fs;
use std::io;
use std::path::Path;
use std::sync::Mutex;

use rand::RngCore;
use rusqlite::Connection;

use super::*;

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS submissions (
    id TEXT PRIMARY KEY,
    designation TEXT NOT NULL UNIQUE,
    arrival_day INTEGER NOT NULL,
    expires_day INTEGER NOT NULL,
    size INTEGER NOT NULL,
    envelope_sha256 TEXT NOT NULL,
    label TEXT NOT NULL,
    window TEXT,
    region TEXT,
    bundle BLOB
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS sources (
    id TEXT PRIMARY KEY,
    lookup TEXT NOT NULL UNIQUE,
    designation TEXT NOT NULL UNIQUE,
    verifier_hash TEXT NOT NULL,
    recipient TEXT NOT NULL,
    created_day INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS replies (
    id TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    day INTEGER NOT NULL,
    expires_day INTEGER NOT NULL,
    sealed BLOB NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS replies_by_source ON replies (source);
CREATE TABLE IF NOT EXISTS proof_commitments (
    digest TEXT PRIMARY KEY
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS settings (
    name TEXT PRIMARY KEY,
    value BLOB NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS journalists (
    name TEXT PRIMARY KEY,
    password_hash TEXT NOT NULL,
    totp_secret BLOB NOT NULL,
    failures INTEGER NOT NULL DEFAULT 0,
    locked_until INTEGER NOT NULL DEFAULT 0,
    last_totp_step INTEGER NOT NULL DEFAULT 0,
    generation INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
";

impl SqliteStore {
    /// Opens (creating if needed) the store in `root`.
    pub fn open(root: &Path) -> Result<SqliteStore, StoreError> {
        for d in ["blobs", "tmp"] {
            fs::create_dir_all(root.join(d))?;
        }
        restrict(root)?;
        let db = Connection::open(root.join("darkroom.sqlite3"))?;
        db.busy_timeout(std::time::Duration::from_secs(10))?;
        db.pragma_update(None, "journal_mode", "WAL")?;
        db.pragma_update(None, "synchronous", "FULL")?;
        db.pragma_update(None, "secure_delete", "ON")?;
        db.execute_batch(SCHEMA)?;
        // Stores made before source accounts existed lack the link.
        let has_source: bool = db
            .prepare("SELECT 1 FROM pragma_table_info('submissions') WHERE name = 'source'")?
            .exists([])?;
        if !has_source {
            db.execute_batch("ALTER TABLE submissions ADD COLUMN source TEXT")?;
        }
        // Stores made before proofs named their anonymity set.
        let has_camera: bool = db
            .prepare("SELECT 1 FROM pragma_table_info('submissions') WHERE name = 'camera'")?
            .exists([])?;
        if !has_camera {
            db.execute_batch("ALTER TABLE submissions ADD COLUMN camera TEXT")?;
        }
        // Stores made before sessions could be ended.
        let has_generation: bool = db
            .prepare("SELECT 1 FROM pragma_table_info('journalists') WHERE name = 'generation'")?
            .exists([])?;
        if !has_generation {
            db.execute_batch(
                "ALTER TABLE journalists ADD COLUMN generation INTEGER NOT NULL DEFAULT 0",
            )?;
        }
        // Stores made before arrivals were settled: every envelope is
        // settled once.
        let has_settled: bool = db
            .prepare("SELECT 1 FROM pragma_table_info('submissions') WHERE name = 'settled_day'")?
            .exists([])?;
        if !has_settled {
            db.execute_batch(
                "ALTER TABLE submissions ADD COLUMN settled_day INTEGER NOT NULL DEFAULT 0",
            )?;
        }
        Ok(SqliteStore {
            root: root.to_path_buf(),
            db: Mutex::new(db),
            blob_files: Mutex::new(()),
        })
    }
}

#[cfg(unix)]
fn restrict(root: &Path) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(root, fs::Permissions::from_mode(0o700))
}

#[cfg(not(unix))]
fn restrict(_: &Path) -> io::Result<()> {
    Ok(())
}

pub(super) fn instance_salt(store: &SqliteStore) -> Result<[u8; 16], StoreError> {
    let mut fresh = [0u8; 16];
    rand::rngs::OsRng.fill_bytes(&mut fresh);
    let db = store.db();
    db.execute(
        "INSERT OR IGNORE INTO settings (name, value) VALUES ('codename_salt', ?1)",
        [&fresh[..]],
    )?;
    let salt: Vec<u8> = db.query_row(
        "SELECT value FROM settings WHERE name = 'codename_salt'",
        [],
        |r| r.get(0),
    )?;
    salt.try_into()
        .map_err(|_| StoreError::Io(io::Error::other("the stored codename salt is malformed")))
}

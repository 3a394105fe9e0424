//! Storage behind a small trait: submissions (an envelope blob and a row of
//! metadata), journalist accounts, source accounts (made with a codename)
//! and the newsroom's sealed replies to them.
//!
//! The embedded backend, [`SqliteStore`], keeps metadata in SQLite (WAL,
//! `synchronous = FULL`) and each envelope as a file. A submission becomes
//! visible only after its blob is fsynced, renamed into `blobs/` (and the
//! directory fsynced) and its row is committed; a crash before the commit
//! leaves at most a temporary file or an orphan blob, which [`Store::recover`]
//! removes at start. A crash at any point therefore leaves the whole
//! submission or none of it.

use std::fs::{self, File};
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{SystemTime, UNIX_EPOCH};

use rand::RngCore;
use rusqlite::{params, Connection, OptionalExtension};
use sha2::Digest;

/// Days since 1970-01-01 (UTC): the only precision at which arrival is kept.
pub type Day = u64;

/// Today's day number.
pub fn today() -> Day {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() / 86_400)
        .unwrap_or(0)
}

/// A storage failure. Its text names no source data.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The filesystem failed.
    #[error("storage I/O failed: {0}")]
    Io(#[from] io::Error),
    /// The database failed.
    #[error("database error: {0}")]
    Db(#[from] rusqlite::Error),
    /// A unique value (designation, journalist name) is taken.
    #[error("{0} already exists")]
    Exists(String),
    /// Nothing by that id.
    #[error("not found")]
    NotFound,
}

/// How a submission arrived, as shown to journalists.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Label {
    /// Sealed by the source, with a provenance proof that verifies. The
    /// server cannot see the file, so whether the proof is about *this*
    /// file is known only when the envelope is opened offline.
    ProofAttached,
    /// Sealed by the source, without a proof.
    NoProof,
    /// Sealed by this server from a plain form upload (no JavaScript).
    SealedByServer,
}

impl Label {
    /// The label's text.
    pub fn as_str(self) -> &'static str {
        match self {
            Label::ProofAttached => "proof attached",
            Label::NoProof => "no proof",
            Label::SealedByServer => "sealed by server",
        }
    }

    /// What a journalist is told: a server that cannot see the file
    /// cannot say the proof is about it.
    pub fn for_journalists(self) -> &'static str {
        match self {
            Label::ProofAttached => {
                "proof attached; it matches the content only when opened offline"
            }
            other => other.as_str(),
        }
    }

    fn parse(s: &str) -> Label {
        match s {
            // Stores written before 0.2 said "attested".
            "proof attached" | "attested" => Label::ProofAttached,
            "sealed by server" => Label::SealedByServer,
            _ => Label::NoProof,
        }
    }
}

/// What a valid proof disclosed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Disclosed {
    /// The time window, in words.
    pub window: String,
    /// The region, in words.
    pub region: String,
    /// The camera's anonymity set: "one of N devices" (empty for rows
    /// stored before it was kept).
    pub camera: String,
}

/// A stored submission's metadata.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Submission {
    /// Random, 32 hex digits; names the blob.
    pub id: String,
    /// A random human-readable designation (`amber-falcon-42`).
    pub designation: String,
    /// The arrival day.
    pub arrival_day: Day,
    /// The last day it is kept.
    pub expires_day: Day,
    /// The envelope's size in bytes (padded by the source's client).
    pub size: u64,
    /// SHA-256 of the envelope, hex.
    pub envelope_sha256: String,
    /// How it arrived.
    pub label: Label,
    /// What its proof disclosed, if it has one.
    pub disclosed: Option<Disclosed>,
    /// The proof bundle (JSON), if any.
    pub bundle: Option<Vec<u8>>,
    /// The designation of the source account it was sent under, if any
    /// (filled in when read; ignored by [`Store::commit`]).
    pub source: Option<String>,
    /// That account's reply recipient (filled in when read).
    pub source_recipient: Option<String>,
    /// The commitment `C` its proof names, hex: [`Store::commit`] refuses
    /// one seen before, so a proof is taken once (not read back).
    pub commitment: Option<String>,
}

/// A source account, made when a source sends under a codename. The
/// codename itself is never stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Source {
    /// Random, 32 hex digits.
    pub id: String,
    /// The lookup key derived from the codename, hex.
    pub lookup: String,
    /// What journalists call this source (`quiet-heron`).
    pub designation: String,
    /// argon2id PHC string of the login verifier derived from the codename.
    pub verifier_hash: String,
    /// The age recipient replies are sealed to.
    pub recipient: String,
    /// The day the account was made.
    pub created_day: Day,
}

/// A reply to a source, sealed by the journalist's browser or the offline
/// newsroom tool: the server holds only ciphertext.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reply {
    /// Random, 32 hex digits.
    pub id: String,
    /// The source account's id.
    pub source: String,
    /// The day it was stored.
    pub day: Day,
    /// The last day it is kept.
    pub expires_day: Day,
    /// The age file.
    pub sealed: Vec<u8>,
}

/// A journalist account.
#[derive(Clone)]
pub struct Journalist {
    /// Login name.
    pub name: String,
    /// argon2id PHC string.
    pub password_hash: String,
    /// The TOTP secret.
    pub totp_secret: zeroize::Zeroizing<Vec<u8>>,
    /// Consecutive failed logins.
    pub failures: u32,
    /// Unix seconds before which logins are refused.
    pub locked_until: u64,
    /// The last TOTP time step accepted (each is accepted once).
    pub last_totp_step: u64,
}

/// An envelope being received, in a temporary file that is removed unless
/// it is committed.
pub struct Staged {
    id: String,
    path: PathBuf,
    file: Option<File>,
}

impl Staged {
    /// The submission id it will have.
    pub fn id(&self) -> &str {
        &self.id
    }
    /// Takes the file to write to; give it back with [`Staged::put`].
    pub fn take(&mut self) -> File {
        self.file
            .take()
            .expect("a staged blob's file is taken once")
    }
    /// Gives the file back after writing.
    pub fn put(&mut self, file: File) {
        self.file = Some(file);
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        // Uncommitted: the partial envelope goes. (After a commit the path
        // no longer exists, and this does nothing.)
        let _ = fs::remove_file(&self.path);
    }
}

/// What [`Store::recover`] cleaned up.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Recovery {
    /// Temporary files of uploads that never finished.
    pub temporary: usize,
    /// Blobs renamed into place whose row was never committed.
    pub orphans: usize,
}

/// Where submissions and accounts live. Handlers see only this trait.
pub trait Store: Send + Sync + 'static {
    /// A temporary place for an incoming envelope.
    fn stage(&self) -> Result<Staged, StoreError>;
    /// Makes a staged envelope durable, then records it under a fresh
    /// random designation (`meta.designation` is ignored), which it returns.
    /// With `source`, the submission is linked to that account, which is
    /// created in the same transaction if no account has its lookup
    /// (`source.id` and `source.designation` are then drawn afresh).
    fn commit(
        &self,
        staged: Staged,
        meta: &Submission,
        source: Option<&Source>,
    ) -> Result<String, StoreError>;
    /// Every submission, newest arrival day first.
    fn list(&self) -> Result<Vec<Submission>, StoreError>;
    /// One submission.
    fn get(&self, id: &str) -> Result<Option<Submission>, StoreError>;
    /// Reads a submission's envelope.
    fn envelope(&self, id: &str) -> Result<Box<dyn Read + Send>, StoreError>;
    /// Deletes a submission; false if there was none.
    fn delete(&self, id: &str) -> Result<bool, StoreError>;
    /// Deletes every submission whose last day is before `today`.
    fn expire(&self, today: Day) -> Result<usize, StoreError>;
    /// Removes what a crash left: temporary files and orphan blobs.
    fn recover(&self) -> Result<Recovery, StoreError>;
    /// The per-instance salt codenames are stretched with, made on first
    /// use.
    fn instance_salt(&self) -> Result<[u8; 16], StoreError>;
    /// The source account with this lookup key.
    fn source_by_lookup(&self, lookup: &str) -> Result<Option<Source>, StoreError>;
    /// The source account with this designation.
    fn source_by_designation(&self, designation: &str) -> Result<Option<Source>, StoreError>;
    /// Stores a reply to a source; returns its id.
    fn add_reply(&self, reply: &Reply) -> Result<String, StoreError>;
    /// A source's replies, newest day first.
    fn replies(&self, source: &str) -> Result<Vec<Reply>, StoreError>;
    /// Deletes one of a source's replies; false if it had none by that id.
    fn delete_reply(&self, source: &str, reply: &str) -> Result<bool, StoreError>;
    /// Deletes a source account and its replies; its submissions stay,
    /// no longer linked to anyone. False if there was no such account.
    fn delete_source(&self, source: &str) -> Result<bool, StoreError>;
    /// Adds a journalist.
    fn add_journalist(&self, j: &Journalist) -> Result<(), StoreError>;
    /// Replaces a journalist's password and TOTP secret.
    fn reset_journalist(&self, j: &Journalist) -> Result<(), StoreError>;
    /// One journalist.
    fn journalist(&self, name: &str) -> Result<Option<Journalist>, StoreError>;
    /// Records a login attempt's outcome.
    fn record_login(
        &self,
        name: &str,
        failures: u32,
        locked_until: u64,
        last_totp_step: u64,
    ) -> Result<(), StoreError>;
}

/// SQLite for metadata, one file per envelope.
pub struct SqliteStore {
    root: PathBuf,
    /// One connection; SQLite serialises writers anyway, and every
    /// statement here is short.
    db: Mutex<Connection>,
}

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
    last_totp_step INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
";

fn random_id() -> String {
    let mut b = [0u8; 16];
    rand::rngs::OsRng.fill_bytes(&mut b);
    hex::encode(b)
}

fn valid_id(id: &str) -> bool {
    id.len() == 32
        && id
            .bytes()
            .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
}

fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}

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
        Ok(SqliteStore {
            root: root.to_path_buf(),
            db: Mutex::new(db),
        })
    }

    fn blob(&self, id: &str) -> PathBuf {
        self.root.join("blobs").join(format!("{id}.age"))
    }

    fn db(&self) -> std::sync::MutexGuard<'_, Connection> {
        // A panic while holding the lock leaves SQLite consistent (its own
        // transactions), so a poisoned lock is still usable.
        self.db.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The row of a durable envelope, and its source account if new, in
    /// one transaction.
    fn record(
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
                Err(e) if is_constraint(&e) => return Err(StoreError::Exists("proof".into())),
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
        Err(StoreError::Exists("designation".into()))
    }

    fn remove_blob(&self, id: &str) -> Result<(), StoreError> {
        match fs::remove_file(self.blob(id)) {
            Ok(()) => Ok(sync_dir(&self.root.join("blobs"))?),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(e.into()),
        }
    }
}

/// The id of the account with `s.lookup`, made now if there is none.
fn ensure_source(tx: &rusqlite::Transaction<'_>, s: &Source) -> Result<String, StoreError> {
    let existing: Option<String> = tx
        .query_row(
            "SELECT id FROM sources WHERE lookup = ?1",
            [&s.lookup],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(id) = existing {
        return Ok(id);
    }
    for attempt in 0..16 {
        let id = random_id();
        let inserted = tx.execute(
            &format!("INSERT INTO sources ({SOURCE_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"),
            params![
                id,
                s.lookup,
                crate::designation::source(attempt),
                s.verifier_hash,
                s.recipient,
                s.created_day
            ],
        );
        match inserted {
            Ok(_) => return Ok(id),
            Err(e) if is_constraint(&e) => continue,
            Err(e) => return Err(e.into()),
        }
    }
    Err(StoreError::Exists("source designation".into()))
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

const COLUMNS: &str = "id, designation, arrival_day, expires_day, size, envelope_sha256, label, window, region, bundle";
/// [`COLUMNS`] of `submissions s`, and the designation of its source.
const SELECT_SUBMISSIONS: &str = "SELECT s.id, s.designation, s.arrival_day, s.expires_day, s.size, s.envelope_sha256, s.label, s.window, s.region, s.bundle, o.designation, o.recipient, s.camera FROM submissions s LEFT JOIN sources o ON o.id = s.source";

fn row_to_source(row: &rusqlite::Row<'_>) -> rusqlite::Result<Source> {
    Ok(Source {
        id: row.get(0)?,
        lookup: row.get(1)?,
        designation: row.get(2)?,
        verifier_hash: row.get(3)?,
        recipient: row.get(4)?,
        created_day: row.get(5)?,
    })
}

const SOURCE_COLUMNS: &str = "id, lookup, designation, verifier_hash, recipient, created_day";

fn row_to_reply(row: &rusqlite::Row<'_>) -> rusqlite::Result<Reply> {
    Ok(Reply {
        id: row.get(0)?,
        source: row.get(1)?,
        day: row.get(2)?,
        expires_day: row.get(3)?,
        sealed: row.get(4)?,
    })
}

fn is_constraint(e: &rusqlite::Error) -> bool {
    matches!(e, rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::ConstraintViolation)
}

fn row_to_journalist(row: &rusqlite::Row<'_>) -> rusqlite::Result<Journalist> {
    Ok(Journalist {
        name: row.get(0)?,
        password_hash: row.get(1)?,
        totp_secret: zeroize::Zeroizing::new(row.get(2)?),
        failures: row.get(3)?,
        locked_until: row.get(4)?,
        last_totp_step: row.get(5)?,
    })
}

impl Store for SqliteStore {
    fn stage(&self) -> Result<Staged, StoreError> {
        let id = random_id();
        let path = self.root.join("tmp").join(format!("{id}.partial"));
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

    fn commit(
        &self,
        mut staged: Staged,
        meta: &Submission,
        source: Option<&Source>,
    ) -> Result<String, StoreError> {
        let file = staged.take();
        // Modification times would tell arrival to the second.
        file.set_modified(UNIX_EPOCH)?;
        file.sync_all()?;
        drop(file);
        let blob = self.blob(&staged.id);
        fs::rename(&staged.path, &blob)?;
        sync_dir(&self.root.join("blobs"))?;
        sync_dir(&self.root.join("tmp"))?;
        let recorded = self.record(&staged.id, meta, source);
        if recorded.is_err() {
            let _ = self.remove_blob(&staged.id);
        }
        recorded
    }

    fn list(&self) -> Result<Vec<Submission>, StoreError> {
        let db = self.db();
        let mut stmt = db.prepare(&format!(
            "{SELECT_SUBMISSIONS} ORDER BY s.arrival_day DESC, s.designation"
        ))?;
        let rows = stmt.query_map([], row_to_submission)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn get(&self, id: &str) -> Result<Option<Submission>, StoreError> {
        if !valid_id(id) {
            return Ok(None);
        }
        Ok(self
            .db()
            .query_row(
                &format!("{SELECT_SUBMISSIONS} WHERE s.id = ?1"),
                [id],
                row_to_submission,
            )
            .optional()?)
    }

    fn envelope(&self, id: &str) -> Result<Box<dyn Read + Send>, StoreError> {
        if !valid_id(id) {
            return Err(StoreError::NotFound);
        }
        match File::open(self.blob(id)) {
            Ok(f) => Ok(Box::new(f)),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Err(StoreError::NotFound),
            Err(e) => Err(e.into()),
        }
    }

    fn delete(&self, id: &str) -> Result<bool, StoreError> {
        if !valid_id(id) {
            return Ok(false);
        }
        // The row goes first: a crash after it leaves an orphan blob, which
        // recovery removes, never a row without its envelope.
        let n = self
            .db()
            .execute("DELETE FROM submissions WHERE id = ?1", [id])?;
        self.remove_blob(id)?;
        Ok(n > 0)
    }

    fn expire(&self, today: Day) -> Result<usize, StoreError> {
        let ids: Vec<String> = {
            let db = self.db();
            let mut stmt = db.prepare("SELECT id FROM submissions WHERE expires_day < ?1")?;
            let rows = stmt.query_map([today], |r| r.get(0))?;
            rows.collect::<Result<_, _>>()?
        };
        for id in &ids {
            self.delete(id)?;
        }
        // Replies expire too, and an account left with nothing goes.
        let db = self.db();
        db.execute("DELETE FROM replies WHERE expires_day < ?1", [today])?;
        db.execute(
            "DELETE FROM sources WHERE created_day < ?1
               AND id NOT IN (SELECT source FROM submissions WHERE source IS NOT NULL)
               AND id NOT IN (SELECT source FROM replies)",
            [today],
        )?;
        Ok(ids.len())
    }

    fn recover(&self) -> Result<Recovery, StoreError> {
        let mut recovery = Recovery::default();
        for entry in fs::read_dir(self.root.join("tmp"))? {
            let path = entry?.path();
            if path.is_file() {
                fs::remove_file(&path)?;
                recovery.temporary += 1;
            }
        }
        let known: std::collections::HashSet<String> = {
            let db = self.db();
            let mut stmt = db.prepare("SELECT id FROM submissions")?;
            let rows = stmt.query_map([], |r| r.get(0))?;
            rows.collect::<Result<_, _>>()?
        };
        for entry in fs::read_dir(self.root.join("blobs"))? {
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
            if !self.blob(&id).exists() {
                self.db()
                    .execute("DELETE FROM submissions WHERE id = ?1", [&id])?;
            }
        }
        sync_dir(&self.root.join("tmp"))?;
        sync_dir(&self.root.join("blobs"))?;
        Ok(recovery)
    }

    fn instance_salt(&self) -> Result<[u8; 16], StoreError> {
        let mut fresh = [0u8; 16];
        rand::rngs::OsRng.fill_bytes(&mut fresh);
        let db = self.db();
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

    fn source_by_lookup(&self, lookup: &str) -> Result<Option<Source>, StoreError> {
        Ok(self
            .db()
            .query_row(
                &format!("SELECT {SOURCE_COLUMNS} FROM sources WHERE lookup = ?1"),
                [lookup],
                row_to_source,
            )
            .optional()?)
    }

    fn source_by_designation(&self, designation: &str) -> Result<Option<Source>, StoreError> {
        Ok(self
            .db()
            .query_row(
                &format!("SELECT {SOURCE_COLUMNS} FROM sources WHERE designation = ?1"),
                [designation],
                row_to_source,
            )
            .optional()?)
    }

    fn add_reply(&self, reply: &Reply) -> Result<String, StoreError> {
        let id = random_id();
        let n = self.db().execute(
            "INSERT INTO replies (id, source, day, expires_day, sealed)
             SELECT ?1, id, ?3, ?4, ?5 FROM sources WHERE id = ?2",
            params![id, reply.source, reply.day, reply.expires_day, reply.sealed],
        )?;
        if n == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(id)
    }

    fn replies(&self, source: &str) -> Result<Vec<Reply>, StoreError> {
        let db = self.db();
        let mut stmt = db.prepare(
            "SELECT id, source, day, expires_day, sealed FROM replies WHERE source = ?1 ORDER BY day DESC, id",
        )?;
        let rows = stmt.query_map([source], row_to_reply)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn delete_reply(&self, source: &str, reply: &str) -> Result<bool, StoreError> {
        let n = self.db().execute(
            "DELETE FROM replies WHERE id = ?1 AND source = ?2",
            [reply, source],
        )?;
        Ok(n > 0)
    }

    fn delete_source(&self, source: &str) -> Result<bool, StoreError> {
        let mut db = self.db();
        let tx = db.transaction()?;
        tx.execute("DELETE FROM replies WHERE source = ?1", [source])?;
        tx.execute(
            "UPDATE submissions SET source = NULL WHERE source = ?1",
            [source],
        )?;
        let n = tx.execute("DELETE FROM sources WHERE id = ?1", [source])?;
        tx.commit()?;
        Ok(n > 0)
    }

    fn add_journalist(&self, j: &Journalist) -> Result<(), StoreError> {
        let r = self.db().execute(
            "INSERT INTO journalists (name, password_hash, totp_secret) VALUES (?1, ?2, ?3)",
            params![j.name, j.password_hash, j.totp_secret.as_slice()],
        );
        match r {
            Ok(_) => Ok(()),
            Err(rusqlite::Error::SqliteFailure(f, _))
                if f.code == rusqlite::ErrorCode::ConstraintViolation =>
            {
                Err(StoreError::Exists(format!("journalist {}", j.name)))
            }
            Err(e) => Err(e.into()),
        }
    }

    fn reset_journalist(&self, j: &Journalist) -> Result<(), StoreError> {
        let n = self.db().execute(
            "UPDATE journalists SET password_hash = ?2, totp_secret = ?3, failures = 0, locked_until = 0, last_totp_step = 0 WHERE name = ?1",
            params![j.name, j.password_hash, j.totp_secret.as_slice()],
        )?;
        if n == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    fn journalist(&self, name: &str) -> Result<Option<Journalist>, StoreError> {
        Ok(self
            .db()
            .query_row(
                "SELECT name, password_hash, totp_secret, failures, locked_until, last_totp_step FROM journalists WHERE name = ?1",
                [name],
                row_to_journalist,
            )
            .optional()?)
    }

    fn record_login(
        &self,
        name: &str,
        failures: u32,
        locked_until: u64,
        last_totp_step: u64,
    ) -> Result<(), StoreError> {
        self.db().execute(
            "UPDATE journalists SET failures = ?2, locked_until = ?3, last_totp_step = ?4 WHERE name = ?1",
            params![name, failures, locked_until, last_totp_step],
        )?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn meta(id: &str, expires_day: Day) -> Submission {
        Submission {
            id: id.into(),
            designation: String::new(),
            arrival_day: 20_000,
            expires_day,
            size: 3,
            envelope_sha256: "00".into(),
            label: Label::NoProof,
            disclosed: None,
            bundle: None,
            source: None,
            source_recipient: None,
            commitment: None,
        }
    }

    fn put(store: &SqliteStore, expires_day: Day) -> String {
        let mut staged = store.stage().unwrap();
        let mut f = staged.take();
        f.write_all(b"abc").unwrap();
        staged.put(f);
        let id = staged.id().to_string();
        let designation = store.commit(staged, &meta(&id, expires_day), None).unwrap();
        assert_eq!(store.get(&id).unwrap().unwrap().designation, designation);
        id
    }

    #[test]
    fn commit_list_read_delete() {
        let dir = tempfile::tempdir().unwrap();
        let store = SqliteStore::open(dir.path()).unwrap();
        let id = put(&store, 20_090);
        assert_eq!(store.list().unwrap().len(), 1);
        let mut body = Vec::new();
        store.envelope(&id).unwrap().read_to_end(&mut body).unwrap();
        assert_eq!(body, b"abc");
        let mtime = fs::metadata(store.blob(&id)).unwrap().modified().unwrap();
        assert_eq!(mtime, UNIX_EPOCH, "blob mtimes are normalised");
        assert!(fs::read_dir(dir.path().join("tmp"))
            .unwrap()
            .next()
            .is_none());
        assert!(store.delete(&id).unwrap());
        assert!(store.list().unwrap().is_empty());
        assert!(!store.blob(&id).exists());
        assert!(store.get("../../etc/passwd").unwrap().is_none());
    }

    /// A proof's commitment is taken once, even after its submission is
    /// gone; the refused upload leaves no row, blob or temporary file.
    #[test]
    fn a_commitment_seen_before_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let store = SqliteStore::open(dir.path()).unwrap();
        let with = |c: &str| {
            let mut staged = store.stage().unwrap();
            let mut f = staged.take();
            f.write_all(b"abc").unwrap();
            staged.put(f);
            let mut m = meta(staged.id(), 20_090);
            m.commitment = Some(c.to_string());
            store.commit(staged, &m, None)
        };
        let first = with("0x01").unwrap();
        assert!(!first.is_empty());
        let id = store.list().unwrap()[0].id.clone();
        assert!(matches!(with("0x01"), Err(StoreError::Exists(w)) if w == "proof"));
        store.delete(&id).unwrap();
        assert!(matches!(with("0x01"), Err(StoreError::Exists(_))));
        assert!(store.list().unwrap().is_empty());
        for d in ["blobs", "tmp"] {
            assert_eq!(fs::read_dir(dir.path().join(d)).unwrap().count(), 0, "{d}");
        }
        with("0x02").unwrap();
        assert_eq!(store.list().unwrap().len(), 1);
    }

    #[test]
    fn expiry_keeps_the_last_day() {
        let dir = tempfile::tempdir().unwrap();
        let store = SqliteStore::open(dir.path()).unwrap();
        put(&store, 100);
        let later = put(&store, 101);
        assert_eq!(store.expire(100).unwrap(), 0);
        assert_eq!(store.expire(101).unwrap(), 1);
        assert_eq!(store.list().unwrap()[0].id, later);
    }

    #[test]
    fn replies_expire_and_then_an_empty_account_goes() {
        let dir = tempfile::tempdir().unwrap();
        let store = SqliteStore::open(dir.path()).unwrap();
        let new = Source {
            id: String::new(),
            lookup: "ab".repeat(32),
            designation: String::new(),
            verifier_hash: "$argon2id$x".into(),
            recipient: "age1x".into(),
            created_day: 100,
        };
        let staged = store.stage().unwrap();
        let id = staged.id().to_string();
        store.commit(staged, &meta(&id, 101), Some(&new)).unwrap();
        let source = store.source_by_lookup(&new.lookup).unwrap().unwrap();
        assert_eq!(
            store.list().unwrap()[0].source.as_deref(),
            Some(source.designation.as_str())
        );
        let reply = Reply {
            id: String::new(),
            source: source.id.clone(),
            day: 100,
            expires_day: 102,
            sealed: vec![1, 2, 3],
        };
        let reply_id = store.add_reply(&reply).unwrap();
        let nobody = Reply {
            source: "0".repeat(32),
            ..reply.clone()
        };
        assert!(matches!(
            store.add_reply(&nobody),
            Err(StoreError::NotFound)
        ));
        // The submission expires; the reply keeps the account.
        assert_eq!(store.expire(102).unwrap(), 1);
        assert_eq!(store.replies(&source.id).unwrap()[0].id, reply_id);
        assert!(store.source_by_lookup(&new.lookup).unwrap().is_some());
        // Then the reply, and with it the empty account.
        store.expire(103).unwrap();
        assert!(store.replies(&source.id).unwrap().is_empty());
        assert!(store.source_by_lookup(&new.lookup).unwrap().is_none());
    }

    #[test]
    fn recovery_removes_partials_and_orphans_only() {
        let dir = tempfile::tempdir().unwrap();
        let store = SqliteStore::open(dir.path()).unwrap();
        let kept = put(&store, 1);
        // An upload cut off mid-way, and a blob renamed but never recorded.
        let mut staged = store.stage().unwrap();
        std::mem::forget(staged.take());
        std::mem::forget(staged);
        fs::write(store.blob(&random_id()), b"orphan").unwrap();
        let store = SqliteStore::open(dir.path()).unwrap();
        assert_eq!(
            store.recover().unwrap(),
            Recovery {
                temporary: 1,
                orphans: 1
            }
        );
        assert_eq!(fs::read_dir(dir.path().join("blobs")).unwrap().count(), 1);
        assert!(store.get(&kept).unwrap().is_some());
    }
}

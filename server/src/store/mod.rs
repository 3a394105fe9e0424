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
//!
//! # Layout
//! - `schema`: the tables, migrations of older stores, and the instance's
//!   settings.
//! - `submissions`: staging, committing, listing, expiring and recovering
//!   submissions.
//! - `backup`: backups of a live store, and restoring one.
//! - `settle`: rewriting envelopes so that the disk keeps no arrival time
//!   finer than the day.
//! - `sources`: source accounts made with a codename, and their replies.
//! - `journalists`: journalist accounts and their login state (sessions
//!   themselves live in memory, in `auth`).

use std::fs::{self, File};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{SystemTime, UNIX_EPOCH};

use rand::RngCore;
use rusqlite::Connection;

pub use backup::{restore, Backed, RestoreError};
pub use settle::Settled;

mod backup;
mod journalists;
mod schema;
mod settle;
mod sources;
mod submissions;
#[cfg(test)]
mod tests;

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
    /// A unique value (designation, journalist name, a proof's
    /// commitment) is taken.
    #[error("{0} already exists")]
    Exists(Taken),
    /// Nothing by that id.
    #[error("not found")]
    NotFound,
}

/// What a [`StoreError::Exists`] found taken: callers match on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Taken {
    /// A proof's commitment: the proof was sent before.
    Proof,
    /// A submission's designation.
    Designation,
    /// A source's designation.
    SourceDesignation,
    /// A journalist's name.
    Journalist(String),
}

impl std::fmt::Display for Taken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Taken::Proof => f.write_str("proof"),
            Taken::Designation => f.write_str("designation"),
            Taken::SourceDesignation => f.write_str("source designation"),
            Taken::Journalist(name) => write!(f, "journalist {name}"),
        }
    }
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

    /// What a source's receipt calls it: a message of `locales/*/pages.ftl`.
    pub fn for_sources(self) -> &'static str {
        match self {
            Label::ProofAttached => "label-proof-attached",
            Label::NoProof => "label-no-proof",
            Label::SealedByServer => "label-sealed-by-server",
        }
    }

    /// What a journalist is told, as a message of `locales/*/pages.ftl`:
    /// a server that cannot see the file cannot say the proof is about it.
    pub fn for_journalists(self) -> &'static str {
        match self {
            Label::ProofAttached => "label-proof-attached-journalist",
            Label::NoProof => "label-no-proof",
            Label::SealedByServer => "label-sealed-by-server",
        }
    }

    /// Where the file was sealed, as the journalist list says it: its
    /// message.
    pub fn sealed_where(self) -> &'static str {
        match self {
            Label::SealedByServer => "sealed-by-server",
            Label::ProofAttached | Label::NoProof => "sealed-on-device",
        }
    }

    /// The label its text names (a stored row's, a receipt's).
    pub(crate) fn parse(s: &str) -> Label {
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
    /// The last TOTP time step accepted (each is accepted once).
    pub last_totp_step: u64,
    /// Raised by a reset or `admin end-sessions`; a session started under
    /// another generation is over.
    pub generation: u64,
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
    /// Writes the envelopes that arrival times could still be read from
    /// into fresh inodes, in shuffled order, and gives the store's files
    /// the settling's time (see the `settle` module).
    fn settle(&self, today: Day) -> Result<Settled, StoreError>;
    /// Writes a backup of the live store (see the `backup` module).
    fn backup(&self, out: &mut dyn Write) -> Result<Backed, StoreError>;
    /// Bytes free for the store on its filesystem (for an unprivileged
    /// process).
    fn free_bytes(&self) -> Result<u64, StoreError>;
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
    /// Spends a TOTP step: true for exactly one caller, the one that moves
    /// the account's last step past it.
    fn spend_totp_step(&self, name: &str, step: u64) -> Result<bool, StoreError>;
    /// A journalist's credential generation; `None` if there is no such
    /// journalist.
    fn journalist_generation(&self, name: &str) -> Result<Option<u64>, StoreError>;
    /// Removes a journalist (their sessions end with them); false if there
    /// was none.
    fn remove_journalist(&self, name: &str) -> Result<bool, StoreError>;
    /// Ends one journalist's sessions, or everyone's; returns how many
    /// accounts it touched.
    fn end_sessions(&self, name: Option<&str>) -> Result<usize, StoreError>;
    /// Every journalist's name.
    fn journalist_names(&self) -> Result<Vec<String>, StoreError>;
}

/// SQLite for metadata, one file per envelope.
pub struct SqliteStore {
    root: PathBuf,
    /// One connection; SQLite serialises writers anyway, and every
    /// statement here is short.
    db: Mutex<Connection>,
    /// Held while an envelope file is rewritten by settling or removed, so
    /// a settling never brings back an envelope deleted meanwhile.
    blob_files: Mutex<()>,
}

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

fn is_constraint(e: &rusqlite::Error) -> bool {
    matches!(e, rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::ConstraintViolation)
}

impl SqliteStore {
    fn blob(&self, id: &str) -> PathBuf {
        self.root.join("blobs").join(format!("{id}.age"))
    }

    fn blob_files(&self) -> std::sync::MutexGuard<'_, ()> {
        self.blob_files.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn db(&self) -> std::sync::MutexGuard<'_, Connection> {
        // A panic while holding the lock leaves SQLite consistent (its own
        // transactions), so a poisoned lock is still usable.
        self.db.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// The trait's methods, each implemented in the module of its concern.
impl Store for SqliteStore {
    fn stage(&self) -> Result<Staged, StoreError> {
        submissions::stage(self)
    }

    fn commit(
        &self,
        staged: Staged,
        meta: &Submission,
        source: Option<&Source>,
    ) -> Result<String, StoreError> {
        submissions::commit(self, staged, meta, source)
    }

    fn list(&self) -> Result<Vec<Submission>, StoreError> {
        submissions::list(self)
    }

    fn get(&self, id: &str) -> Result<Option<Submission>, StoreError> {
        submissions::get(self, id)
    }

    fn envelope(&self, id: &str) -> Result<Box<dyn Read + Send>, StoreError> {
        submissions::envelope(self, id)
    }

    fn delete(&self, id: &str) -> Result<bool, StoreError> {
        submissions::delete(self, id)
    }

    fn expire(&self, today: Day) -> Result<usize, StoreError> {
        submissions::expire(self, today)
    }

    fn recover(&self) -> Result<Recovery, StoreError> {
        submissions::recover(self)
    }

    fn settle(&self, today: Day) -> Result<Settled, StoreError> {
        settle::settle(self, today)
    }

    fn backup(&self, out: &mut dyn Write) -> Result<Backed, StoreError> {
        backup::backup(self, out)
    }

    fn free_bytes(&self) -> Result<u64, StoreError> {
        let s = rustix::fs::statvfs(&self.root).map_err(io::Error::from)?;
        Ok(s.f_bavail.saturating_mul(s.f_frsize))
    }

    fn instance_salt(&self) -> Result<[u8; 16], StoreError> {
        schema::instance_salt(self)
    }

    fn source_by_lookup(&self, lookup: &str) -> Result<Option<Source>, StoreError> {
        sources::source_by_lookup(self, lookup)
    }

    fn source_by_designation(&self, designation: &str) -> Result<Option<Source>, StoreError> {
        sources::source_by_designation(self, designation)
    }

    fn add_reply(&self, reply: &Reply) -> Result<String, StoreError> {
        sources::add_reply(self, reply)
    }

    fn replies(&self, source: &str) -> Result<Vec<Reply>, StoreError> {
        sources::replies(self, source)
    }

    fn delete_reply(&self, source: &str, reply: &str) -> Result<bool, StoreError> {
        sources::delete_reply(self, source, reply)
    }

    fn delete_source(&self, source: &str) -> Result<bool, StoreError> {
        sources::delete_source(self, source)
    }

    fn add_journalist(&self, j: &Journalist) -> Result<(), StoreError> {
        journalists::add_journalist(self, j)
    }

    fn reset_journalist(&self, j: &Journalist) -> Result<(), StoreError> {
        journalists::reset_journalist(self, j)
    }

    fn journalist(&self, name: &str) -> Result<Option<Journalist>, StoreError> {
        journalists::journalist(self, name)
    }

    fn spend_totp_step(&self, name: &str, step: u64) -> Result<bool, StoreError> {
        journalists::spend_totp_step(self, name, step)
    }

    fn journalist_generation(&self, name: &str) -> Result<Option<u64>, StoreError> {
        journalists::journalist_generation(self, name)
    }

    fn remove_journalist(&self, name: &str) -> Result<bool, StoreError> {
        journalists::remove_journalist(self, name)
    }

    fn end_sessions(&self, name: Option<&str>) -> Result<usize, StoreError> {
        journalists::end_sessions(self, name)
    }

    fn journalist_names(&self) -> Result<Vec<String>, StoreError> {
        journalists::journalist_names(self)
    }
}

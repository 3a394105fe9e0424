//! Journalist accounts: password hash, TOTP secret, the last TOTP step
//! used, and the credential generation every session must match.
//!
//! (The `failures` and `locked_until` columns of older stores are no longer
//! used: failed logins slow an account down in memory, see
//! `crate::throttle`, and never lock it.)

use rusqlite::{params, OptionalExtension};

use super::*;

fn row_to_journalist(row: &rusqlite::Row<'_>) -> rusqlite::Result<Journalist> {
    Ok(Journalist {
        name: row.get(0)?,
        password_hash: row.get(1)?,
        totp_secret: zeroize::Zeroizing::new(row.get(2)?),
        last_totp_step: row.get(3)?,
        generation: row.get(4)?,
    })
}

pub(super) fn add_journalist(store: &SqliteStore, j: &Journalist) -> Result<(), StoreError> {
    let r = store.db().execute(
        "INSERT INTO journalists (name, password_hash, totp_secret) VALUES (?1, ?2, ?3)",
        params![j.name, j.password_hash, j.totp_secret.as_slice()],
    );
    match r {
        Ok(_) => Ok(()),
        Err(rusqlite::Error::SqliteFailure(f, _))
            if f.code == rusqlite::ErrorCode::ConstraintViolation =>
        {
            Err(StoreError::Exists(Taken::Journalist(j.name.clone())))
        }
        Err(e) => Err(e.into()),
    }
}

pub(super) fn reset_journalist(store: &SqliteStore, j: &Journalist) -> Result<(), StoreError> {
    let n = store.db().execute(
        "UPDATE journalists SET password_hash = ?2, totp_secret = ?3, failures = 0, locked_until = 0, last_totp_step = 0, generation = generation + 1 WHERE name = ?1",
        params![j.name, j.password_hash, j.totp_secret.as_slice()],
    )?;
    if n == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

pub(super) fn journalist(
    store: &SqliteStore,
    name: &str,
) -> Result<Option<Journalist>, StoreError> {
    Ok(store
        .db()
        .query_row(
            "SELECT name, password_hash, totp_secret, last_totp_step, generation FROM journalists WHERE name = ?1",
            [name],
            row_to_journalist,
        )
        .optional()?)
}

/// Spends a TOTP step: true only for the one caller that moves the account
/// past it (a code is accepted once, even by logins racing each other).
pub(super) fn spend_totp_step(
    store: &SqliteStore,
    name: &str,
    step: u64,
) -> Result<bool, StoreError> {
    let n = store.db().execute(
        "UPDATE journalists SET last_totp_step = ?2 WHERE name = ?1 AND last_totp_step < ?2",
        params![name, step],
    )?;
    Ok(n == 1)
}

pub(super) fn journalist_generation(
    store: &SqliteStore,
    name: &str,
) -> Result<Option<u64>, StoreError> {
    Ok(store
        .db()
        .query_row(
            "SELECT generation FROM journalists WHERE name = ?1",
            [name],
            |r| r.get(0),
        )
        .optional()?)
}

pub(super) fn remove_journalist(store: &SqliteStore, name: &str) -> Result<bool, StoreError> {
    Ok(store
        .db()
        .execute("DELETE FROM journalists WHERE name = ?1", [name])?
        == 1)
}

pub(super) fn end_sessions(store: &SqliteStore, name: Option<&str>) -> Result<usize, StoreError> {
    let db = store.db();
    Ok(match name {
        Some(n) => db.execute(
            "UPDATE journalists SET generation = generation + 1 WHERE name = ?1",
            [n],
        )?,
        None => db.execute("UPDATE journalists SET generation = generation + 1", [])?,
    })
}

/// Every journalist's name, sorted.
pub(super) fn journalist_names(store: &SqliteStore) -> Result<Vec<String>, StoreError> {
    let db = store.db();
    let mut q = db.prepare("SELECT name FROM journalists ORDER BY name")?;
    let names = q.query_map([], |r| r.get(0))?.collect::<Result<_, _>>()?;
    Ok(names)
}

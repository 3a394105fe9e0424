//! Journalist accounts: password hash, TOTP secret, and the state of their
//! logins (failures, lock-out, the last TOTP step used).

use rusqlite::{params, OptionalExtension};

use super::*;

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
            Err(StoreError::Exists(format!("journalist {}", j.name)))
        }
        Err(e) => Err(e.into()),
    }
}

pub(super) fn reset_journalist(store: &SqliteStore, j: &Journalist) -> Result<(), StoreError> {
    let n = store.db().execute(
        "UPDATE journalists SET password_hash = ?2, totp_secret = ?3, failures = 0, locked_until = 0, last_totp_step = 0 WHERE name = ?1",
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
            "SELECT name, password_hash, totp_secret, failures, locked_until, last_totp_step FROM journalists WHERE name = ?1",
            [name],
            row_to_journalist,
        )
        .optional()?)
}

pub(super) fn record_login(
    store: &SqliteStore,
    name: &str,
    failures: u32,
    locked_until: u64,
    last_totp_step: u64,
) -> Result<(), StoreError> {
    store.db().execute(
        "UPDATE journalists SET failures = ?2, locked_until = ?3, last_totp_step = ?4 WHERE name = ?1",
        params![name, failures, locked_until, last_totp_step],
    )?;
    Ok(())
}

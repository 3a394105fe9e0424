//! Source accounts made with a codename, and the newsroom's sealed replies
//! to them.

use rusqlite::{params, OptionalExtension};

use super::*;

const SOURCE_COLUMNS: &str = "id, lookup, designation, verifier_hash, recipient, created_day";

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

fn row_to_reply(row: &rusqlite::Row<'_>) -> rusqlite::Result<Reply> {
    Ok(Reply {
        id: row.get(0)?,
        source: row.get(1)?,
        day: row.get(2)?,
        expires_day: row.get(3)?,
        sealed: row.get(4)?,
    })
}

/// The id of the account with `s.lookup`, made now if there is none.
pub(super) fn ensure_source(
    tx: &rusqlite::Transaction<'_>,
    s: &Source,
) -> Result<String, StoreError> {
    let existing: Option<String> = tx
        .query_row(
            "SELECT id FROM sources WHERE lookup = ?1",
            [&s.lookup],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(id) = existing {
        // A reply key of the newsroom's new kind, checked by
        // `sources::for_submission`.
        tx.execute(
            "UPDATE sources SET recipient = ?1 WHERE id = ?2 AND recipient != ?1",
            params![s.recipient, id],
        )?;
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
    Err(StoreError::Exists(Taken::SourceDesignation))
}

pub(super) fn source_by_lookup(
    store: &SqliteStore,
    lookup: &str,
) -> Result<Option<Source>, StoreError> {
    Ok(store
        .db()
        .query_row(
            &format!("SELECT {SOURCE_COLUMNS} FROM sources WHERE lookup = ?1"),
            [lookup],
            row_to_source,
        )
        .optional()?)
}

pub(super) fn source_by_designation(
    store: &SqliteStore,
    designation: &str,
) -> Result<Option<Source>, StoreError> {
    Ok(store
        .db()
        .query_row(
            &format!("SELECT {SOURCE_COLUMNS} FROM sources WHERE designation = ?1"),
            [designation],
            row_to_source,
        )
        .optional()?)
}

pub(super) fn add_reply(store: &SqliteStore, reply: &Reply) -> Result<String, StoreError> {
    let id = random_id();
    let n = store.db().execute(
        "INSERT INTO replies (id, source, day, expires_day, sealed)
         SELECT ?1, id, ?3, ?4, ?5 FROM sources WHERE id = ?2",
        params![id, reply.source, reply.day, reply.expires_day, reply.sealed],
    )?;
    if n == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(id)
}

pub(super) fn replies(store: &SqliteStore, source: &str) -> Result<Vec<Reply>, StoreError> {
    let db = store.db();
    let mut stmt = db.prepare(
        "SELECT id, source, day, expires_day, sealed FROM replies WHERE source = ?1 ORDER BY day DESC, id",
    )?;
    let rows = stmt.query_map([source], row_to_reply)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub(super) fn delete_reply(
    store: &SqliteStore,
    source: &str,
    reply: &str,
) -> Result<bool, StoreError> {
    let n = store.db().execute(
        "DELETE FROM replies WHERE id = ?1 AND source = ?2",
        [reply, source],
    )?;
    Ok(n > 0)
}

pub(super) fn delete_source(store: &SqliteStore, source: &str) -> Result<bool, StoreError> {
    let mut db = store.db();
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

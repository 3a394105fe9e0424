//! The store on a real SQLite database and file system.

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
    assert!(matches!(
        with("0x01"),
        Err(StoreError::Exists(Taken::Proof))
    ));
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

fn inode(store: &SqliteStore, id: &str) -> u64 {
    use std::os::unix::fs::MetadataExt;
    fs::metadata(store.blob(id)).unwrap().ino()
}

#[test]
fn settling_rewrites_the_day_then_once_more_the_next_day_then_never() {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(dir.path()).unwrap();
    // `put` records arrival on day 20_000.
    let a = put(&store, 20_090);
    let b = put(&store, 20_090);
    let ino = inode(&store, &a);
    let s = store.settle(20_000).unwrap();
    assert_eq!((s.rewritten, s.touched), (2, true));
    assert_ne!(inode(&store, &a), ino);
    // Nothing new that day: nothing touched.
    let ino = inode(&store, &a);
    assert_eq!(store.settle(20_000).unwrap(), Settled::default());
    assert_eq!(inode(&store, &a), ino);
    // A third arrives the same day: all three are written again, so the
    // first two do not stand apart from it.
    let c = put(&store, 20_090);
    assert_eq!(store.settle(20_000).unwrap().rewritten, 3);
    assert_ne!(inode(&store, &a), ino);
    // The next day, once more; after that, never.
    assert_eq!(store.settle(20_001).unwrap().rewritten, 3);
    assert_eq!(store.settle(20_002).unwrap(), Settled::default());
    for id in [&a, &b, &c] {
        let mut body = Vec::new();
        store.envelope(id).unwrap().read_to_end(&mut body).unwrap();
        assert_eq!(body, b"abc");
        // The modification time stays the epoch.
        assert_eq!(
            fs::metadata(store.blob(id)).unwrap().modified().unwrap(),
            std::time::UNIX_EPOCH
        );
    }
    // No settling leftovers; `tmp/` is fresh and empty.
    assert_eq!(fs::read_dir(dir.path().join("blobs")).unwrap().count(), 3);
    assert_eq!(fs::read_dir(dir.path().join("tmp")).unwrap().count(), 0);
}

#[test]
fn settling_leaves_an_upload_in_flight_alone_and_recovery_sweeps_a_cut_settling() {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(dir.path()).unwrap();
    put(&store, 20_090);
    let mut staged = store.stage().unwrap();
    let mut f = staged.take();
    assert_eq!(store.settle(20_000).unwrap().rewritten, 1);
    // The upload's temporary file is still where it was, and commits.
    f.write_all(b"abc").unwrap();
    staged.put(f);
    let id = staged.id().to_string();
    store.commit(staged, &meta(&id, 20_090), None).unwrap();
    // A settling killed half-way leaves a fresh copy and a fresh tmp/.
    fs::write(dir.path().join("blobs").join(".x.settling"), b"ab").unwrap();
    fs::create_dir(dir.path().join(".tmp-x")).unwrap();
    let store = SqliteStore::open(dir.path()).unwrap();
    assert_eq!(store.recover().unwrap().orphans, 1);
    assert!(!dir.path().join(".tmp-x").exists());
    assert_eq!(store.list().unwrap().len(), 2);
}

#[test]
fn a_settling_never_brings_back_a_deleted_envelope() {
    let dir = tempfile::tempdir().unwrap();
    let store = std::sync::Arc::new(SqliteStore::open(dir.path()).unwrap());
    let ids: Vec<String> = (0..40).map(|_| put(&store, 20_090)).collect();
    // Delete them while a settling rewrites them.
    let settler = {
        let store = store.clone();
        std::thread::spawn(move || store.settle(20_000).unwrap())
    };
    for id in &ids {
        assert!(store.delete(id).unwrap());
    }
    settler.join().unwrap();
    let left: Vec<_> = fs::read_dir(dir.path().join("blobs"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

/// The journalist list says where each file was sealed: the form's uploads
/// by this server, everything else on the source's device.
#[test]
fn labels_say_where_the_file_was_sealed() {
    let english = crate::i18n::Tr::default();
    assert_eq!(
        english.plain(Label::SealedByServer.sealed_where()),
        "by this server, from the form"
    );
    for l in [Label::ProofAttached, Label::NoProof] {
        assert_eq!(english.plain(l.sealed_where()), "on the source’s device");
    }
    assert_eq!(
        english.plain(Label::ProofAttached.for_journalists()),
        "proof attached; it matches the content only when opened offline"
    );
    // A source's receipt says the label as it is stored.
    for l in [Label::ProofAttached, Label::NoProof, Label::SealedByServer] {
        assert_eq!(english.plain(l.for_sources()), l.as_str());
    }
    for l in [Label::ProofAttached, Label::NoProof, Label::SealedByServer] {
        assert_eq!(Label::parse(l.as_str()), l);
    }
}

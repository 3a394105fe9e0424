//! `darkroom inbox`: the source reads the newsroom's replies. The codename
//! is stretched here, and the replies are decrypted here: the server gets
//! only the lookup and verifier keys. Each reply's signature is checked
//! against the newsroom key pinned for the server; one the newsroom did
//! not sign (the server can make those) is shown as forged.

use std::io::Read;
use std::path::Path;
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use base64::Engine;
use serde_json::{json, Value};
use zeroize::Zeroizing;

use crate::output::printable;
use crate::transport::Server;

/// A codename from a file (`-`: standard input), or asked on the terminal.
pub fn read_codename(file: Option<&Path>) -> Result<Zeroizing<String>> {
    let mut text = Zeroizing::new(String::new());
    match file {
        Some(p) if p == Path::new("-") => {
            std::io::stdin()
                .take(4096)
                .read_to_string(&mut text)
                .context("cannot read the codename from standard input")?;
        }
        Some(p) => {
            crate::output::open_input(p)?
                .take(4096)
                .read_to_string(&mut text)
                .with_context(|| format!("cannot read the codename from {}", p.display()))?;
        }
        None => {
            use age::secrecy::ExposeSecret;
            let typed = age::cli_common::read_secret("Codename", "Codename", None)
                .map_err(|e| anyhow::anyhow!("could not read the codename: {e}"))?;
            text.push_str(typed.expose_secret());
        }
    }
    if text.trim().is_empty() {
        bail!("no codename given");
    }
    Ok(text)
}

pub fn run(args: &crate::cli::InboxArgs) -> Result<ExitCode> {
    let codename = read_codename(args.codename_file.as_deref())?;
    let server = Server::connect(&args.server, args.proxy.as_deref())?;
    let newsroom = super::trust::newsroom(&server, &args.pin)?;
    let (delete, delete_account) = (args.delete.as_deref(), args.delete_account);
    let base = server.base();
    let client = &server.client;
    let keys = server.codename_keys(&codename)?;
    drop(codename);
    let mut body = json!({ "lookup": keys.lookup_hex(), "verifier": *keys.verifier_hex() });
    let path = if delete.is_some() || delete_account {
        if let Some(id) = delete {
            body["reply"] = json!(id);
        } else {
            body["account"] = json!(true);
        }
        "/api/v1/inbox/delete"
    } else {
        "/api/v1/inbox"
    };
    let response = client
        .post(format!("{base}{path}"))
        .header("content-type", "application/json")
        .body(body.to_string())
        .send()
        .with_context(|| format!("cannot reach the Darkroom server at {base}"))?;
    let status = response.status();
    let answer: Value = response.json().unwrap_or(Value::Null);
    if !status.is_success() {
        let why = printable(answer["error"].as_str().unwrap_or("no reason given"));
        bail!("{why}");
    }
    if let Some(what) = answer["deleted"].as_str() {
        println!(
            "{}",
            if what == "account" {
                "Deleted your account and every reply to it; this codename no longer opens anything."
            } else {
                "Deleted the reply."
            }
        );
        return Ok(ExitCode::SUCCESS);
    }
    let replies = answer["replies"].as_array().cloned().unwrap_or_default();
    if replies.is_empty() {
        println!("No replies yet.");
    }
    let b64 = base64::engine::general_purpose::STANDARD;
    let sealed: Vec<Vec<u8>> = replies
        .iter()
        .map(|r| {
            b64.decode(r["sealed"].as_str().unwrap_or_default())
                .unwrap_or_default()
        })
        .collect();
    let sealed: Vec<&[u8]> = sealed.iter().map(Vec::as_slice).collect();
    // In the newsroom's order, with its signed days; what the server may
    // have done (a reply shown twice, some missing) is said.
    let mut forged = 0;
    let mut noted = 0;
    let read =
        darkroom_core::reply::open_all(&sealed, &keys, Some(&newsroom.key), &keys.recipients());
    for darkroom_core::reply::Received { shown, reply } in read {
        let r = &replies[shown.served];
        let id = printable(r["id"].as_str().unwrap_or_default());
        match (&shown.seq, &shown.day) {
            (Some(seq), Some(day)) => {
                println!("== reply {id}, number {seq}, dated {day} by the newsroom")
            }
            _ => println!(
                "== reply {id}, listed by the server under {}",
                printable(r["day"].as_str().unwrap_or_default())
            ),
        }
        if let Some(note) = &shown.note {
            noted += 1;
            println!("!! {note}");
        }
        match reply {
            Ok((reply, a)) => {
                if a.is_genuine() {
                    println!("({})", a.describe());
                } else {
                    forged += 1;
                    println!("!! {}", a.describe());
                }
                println!("{}", printable(&reply.text));
            }
            Err(e) => println!("(this reply cannot be opened: {e})"),
        }
        println!();
    }
    if noted > 0 {
        eprintln!(
            "darkroom: {noted} of {} replies are not where the newsroom put them (see the lines marked !!)",
            replies.len()
        );
    }
    if forged > 0 {
        eprintln!(
            "darkroom: {forged} of {} replies are FORGED: the newsroom did not sign them",
            replies.len()
        );
        return Ok(ExitCode::from(crate::exit::DOES_NOT_HOLD));
    }
    Ok(ExitCode::SUCCESS)
}

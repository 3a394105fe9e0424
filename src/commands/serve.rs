//! `darkroom serve`: the drop-box server, on a configuration that names
//! only the newsroom's recipients, or on DEMO keys made in the data
//! directory.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::{bail, Context, Result};
use darkroom_server::config::{self, Config, DEMO_MARKER};
use darkroom_server::store::{SqliteStore, Store};
use darkroom_server::{auth, App};

use super::demo;
use crate::cli::ServeArgs;

const DEFAULT_DATA: &str = "darkroom-data";
const DEMO_JOURNALIST: &str = "demo";

pub fn run(args: &ServeArgs) -> Result<ExitCode> {
    let (config_path, is_demo) = (args.config.as_deref(), args.demo);
    let (file, base) = match config_path {
        Some(p) => (
            config::File::load(p)?,
            p.parent().map(Path::to_path_buf).unwrap_or_default(),
        ),
        None if is_demo => (config::File::with_recipients(Vec::new()), PathBuf::new()),
        None => bail!(
            "give --config darkroom.toml naming the newsroom's recipients (age1…), or run `darkroom serve --demo` to try Darkroom with demo keys"
        ),
    };
    let data = args
        .data
        .clone()
        .or_else(|| file.data.as_ref().map(|d| base.join(d)))
        .unwrap_or_else(|| PathBuf::from(DEFAULT_DATA));
    let listen = args.listen.clone().unwrap_or_else(|| file.listen.clone());
    let journalist_listen = file.journalist_listen.clone();
    let file = if is_demo {
        demo_file(file, &data)?
    } else {
        if data.join(DEMO_MARKER).exists() {
            bail!(
                "{} was made by `serve --demo` and holds a DEMO newsroom identity; use another --data for real submissions",
                data.display()
            );
        }
        if file.manifest.is_none() {
            bail!(
                "the configuration names no newsroom manifest: sources' clients trust only what the newsroom signed, so they would refuse this server. On the offline machine, sign one (darkroom newsroom manifest -s SIGNING-KEY --recipients …) and set `manifest` and `newsroom_key` in the configuration"
            );
        }
        file
    };
    let config = Config::from_file(file, &base, is_demo)?;
    if let Some(p) = &config.published {
        println!(
            "newsroom manifest: signed by {} (fingerprint: {}), valid until {}",
            p.key,
            p.key.fingerprint(),
            darkroom_core::calendar::format(p.manifest.expires)
        );
        if let Some(w) = p.expiry_warning(config::now()) {
            println!("{w}");
        }
    }
    std::fs::create_dir_all(&data).with_context(|| format!("cannot create {}", data.display()))?;
    let store = SqliteStore::open(&data)
        .with_context(|| format!("cannot open the data directory {}", data.display()))?;
    let recovered = store.recover()?;
    if recovered.temporary + recovered.orphans > 0 {
        println!(
            "recovered from an interrupted run: removed {} unfinished upload(s) and {} unrecorded envelope(s)",
            recovered.temporary, recovered.orphans
        );
    }
    if is_demo {
        demo_journalist(&store, &config.newsroom)?;
    }
    if (config.server_sealing || config.server_inbox) && swap_is_on() {
        println!("warning: swap is on; the plaintext of form uploads, held in memory while the server seals them, could be written to swap (and, with server_inbox, reply keys). Turn swap off or encrypt it, or set server_sealing = false and server_inbox = false");
    }
    let app = App::new(config, Arc::new(store));

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the server's runtime")?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(&listen)
            .await
            .with_context(|| format!("cannot listen on {listen}"))?;
        let addr = listener.local_addr()?;
        let journalists = match &journalist_listen {
            Some(j) => {
                let l = tokio::net::TcpListener::bind(j)
                    .await
                    .with_context(|| format!("cannot listen on {j} (journalist_listen)"))?;
                println!(
                    "Journalist pages on http://{}/journalist (for the journalist onion only)",
                    l.local_addr()?
                );
                Some(l)
            }
            None => {
                if !is_demo {
                    println!("warning: the journalist pages share the sources' address; set journalist_listen and serve it on an onion with client authorization (darkroom admin torrc, darkroom admin onion-client)");
                }
                None
            }
        };
        // Tests and scripts read this line to find the port.
        println!("Darkroom is listening on http://{addr}");
        use std::io::Write;
        std::io::stdout().flush()?;
        darkroom_server::serve(listener, journalists, app, shutdown()).await?;
        println!("Darkroom stopped");
        Ok::<_, anyhow::Error>(())
    })?;
    Ok(ExitCode::SUCCESS)
}

/// Whether the kernel has any swap area active (Linux; elsewhere, unknown
/// and taken as no).
fn swap_is_on() -> bool {
    std::fs::read_to_string("/proc/swaps")
        .map(|s| s.lines().skip(1).any(|l| !l.trim().is_empty()))
        .unwrap_or(false)
}

async fn shutdown() {
    let ctrl_c = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut term =
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(s) => s,
                Err(_) => {
                    let _ = ctrl_c.await;
                    return;
                }
            };
        tokio::select! {
            _ = ctrl_c => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    let _ = ctrl_c.await;
}

/// DEMO keys in the data directory, made once: a newsroom identity, proof
/// keys, and a capture device in a registry, so every path can be tried.
fn demo_file(mut file: config::File, data: &Path) -> Result<config::File> {
    println!("================================================================");
    println!(" DARKROOM DEMO SERVER: the newsroom key, proof keys and journalist");
    println!(
        " below are DEMO keys stored unprotected in {}.",
        data.display()
    );
    println!(" Never use them for real submissions.");
    println!("================================================================");
    let (_, recipient) = demo::newsroom_identity(data)?;
    let proof = demo::provenance_setup(data)?;
    let registry = proof
        .registry
        .first()
        .cloned()
        .context("the demo registry")?;
    let keys = proof.keys.context("the demo proof keys")?;
    file.newsroom = "Darkroom DEMO newsroom".into();
    file.recipients = vec![recipient];
    file.registries = vec![registry.clone()];
    file.verifying_key = Some(keys.join("verifying.key"));
    file.proving_key = Some(keys.join("proving.key"));
    // Demo keys come from a single-party setup, like everything else here.
    file.insecure_dev_keys = true;
    // The demo shows every path, the labelled no-JavaScript inbox too.
    file.server_inbox = true;
    // A DEMO manifest, signed afresh on every start (so it never expires
    // and always names this build's client) by a DEMO signing key.
    let signing = demo::signing_key(data)?;
    let manifest = super::newsroom::build_manifest(
        &super::newsroom::ManifestContent {
            name: file.newsroom.clone(),
            recipients: file.recipients.clone(),
            registries: vec![registry.clone()],
            keys: Some(keys.clone()),
            onion: None,
            valid_days: 30,
            demo: true,
        },
        &signing.public(),
    )?;
    let manifest_path = data.join("DEMO-manifest.json");
    super::newsroom::write_signed(&manifest, &signing, &manifest_path)?;
    file.manifest = Some(manifest_path);
    file.newsroom_key = Some(signing.public().to_base64());
    println!("newsroom recipient (public): {}", file.recipients[0]);
    // Scripts and tests read this line.
    println!("newsroom signing key: {}", signing.public());
    println!(
        "  (DEMO key in {}; its fingerprint: {})",
        data.join(demo::SIGNING_KEY).display(),
        signing.public().fingerprint()
    );
    println!(
        "demo capture device: {} (registry {})",
        data.join("DEMO-device.key").display(),
        registry.display()
    );
    Ok(file)
}

/// The demo journalist gets a fresh password and TOTP secret on each start.
fn demo_journalist(store: &SqliteStore, issuer: &str) -> Result<()> {
    let exists = store.journalist(DEMO_JOURNALIST)?.is_some();
    let creds = auth::enroll(store, DEMO_JOURNALIST, issuer, exists).map_err(anyhow::Error::msg)?;
    println!("DEMO journalist login at /journalist/login:");
    println!("  name:        {DEMO_JOURNALIST}");
    println!("  password:    {}", &*creds.password);
    println!("  TOTP secret: {}", &*creds.totp_base32);
    println!("  TOTP URI:    {}", &*creds.totp_uri);
    Ok(())
}

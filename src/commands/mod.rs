//! One module per subcommand.

mod admin;
mod ceremony;
mod check_server;
mod credentials;
mod demo;
mod doctor;
mod inbox;
mod newsroom;
mod newsroom_export;
mod newsroom_report;
mod provenance;
mod publish;
mod seal;
mod serve;
mod strip;
mod submit;
mod trust;

use std::process::ExitCode;

use anyhow::Result;

use crate::cli::{Admin, Capture, Ceremony, Cli, Command, Export, Newsroom, Registry};

pub fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Strip {
            input,
            output,
            report_json,
            send_as_is,
        } => strip::run(&input, &output, report_json.as_deref(), send_as_is),
        Command::Digest { input } => strip::digest(&input),
        Command::Seal {
            input,
            to,
            message,
            message_file,
            naming,
            output,
            prove,
            proof,
        } => {
            let message = seal::message(message, message_file.as_deref())?;
            seal::run(
                &input,
                to,
                message,
                &naming,
                &output,
                prove.then_some(&proof),
            )
        }
        Command::Setup {
            dev: _,
            output,
            statement,
        } => provenance::setup_dev(&output, statement),
        Command::Capture(Capture::Keygen { output }) => provenance::device_keygen(&output),
        Command::Capture(Capture::Sign {
            input,
            key,
            time,
            lat,
            lon,
            sidecar,
            v1,
            output,
        }) => provenance::sign(&input, &key, time, lat.zip(lon), sidecar, v1, &output),
        Command::Registry(Registry::Build { input, output }) => {
            provenance::registry_build(&input, &output)
        }
        Command::Registry(Registry::Root { input, statement }) => {
            provenance::registry_root(&input, statement)
        }
        Command::Prove {
            input,
            proof,
            output,
            opening_out,
        } => provenance::prove_cmd(&input, &proof, &output, &opening_out),
        Command::Publish {
            input,
            opening,
            bundle,
            redact,
            crop,
            keys,
            insecure_dev_keys,
            output,
            proof,
        } => publish::run(&publish::Args {
            input: &input,
            opening: opening.as_deref(),
            bundle: bundle.as_deref(),
            redact: &redact,
            crop: crop.as_deref(),
            keys: keys.as_deref(),
            insecure_dev_keys,
            output: &output,
            proof: &proof,
        }),
        Command::Verify {
            bundle,
            keys,
            root,
            registry,
            manifest,
            newsroom_key,
            image,
            opening,
            insecure_dev_keys,
        } => provenance::verify(
            &bundle,
            &keys,
            &provenance::TrustArgs {
                roots: &root,
                registries: &registry,
                manifest: manifest.as_deref().zip(newsroom_key.as_deref()),
            },
            image.as_deref(),
            opening.as_deref(),
            insecure_dev_keys,
        ),
        Command::Ceremony(Ceremony::Init {
            ptau,
            output,
            statement,
        }) => ceremony::init(&ptau, &output, statement),
        Command::Ceremony(Ceremony::Contribute {
            transcript,
            ptau,
            entropy,
        }) => ceremony::contribute(&transcript, &ptau, entropy),
        Command::Ceremony(Ceremony::Verify {
            transcript,
            ptau,
            ptau_sha256,
            keys,
        }) => ceremony::verify(&transcript, &ptau, ptau_sha256.as_deref(), keys.as_deref()),
        Command::Ceremony(Ceremony::Beacon {
            transcript,
            ptau,
            beacon,
            iterations,
        }) => ceremony::beacon(&transcript, &ptau, &beacon, iterations),
        Command::Ceremony(Ceremony::Finalize {
            transcript,
            ptau,
            output,
        }) => ceremony::finalize(&transcript, &ptau, &output),
        Command::Export(Export::Snarkjs {
            keys,
            bundle,
            output,
        }) => provenance::export_snarkjs(&keys, &bundle, &output),
        Command::Newsroom(Newsroom::Keygen {
            output,
            passphrase,
            signing_key_out,
            classical,
        }) => {
            let kind = if classical {
                darkroom_core::recipient::Kind::Classical
            } else {
                darkroom_core::recipient::Kind::Hybrid
            };
            newsroom::keygen(&output, passphrase, signing_key_out.as_deref(), kind)
        }
        Command::Newsroom(Newsroom::SigningKeygen { output, passphrase }) => {
            newsroom::signing_keygen(&output, passphrase)
        }
        Command::Newsroom(Newsroom::Manifest {
            signing_key,
            name,
            recipients,
            registry,
            keys,
            onion,
            valid_days,
            output,
        }) => newsroom::manifest(
            &signing_key,
            &newsroom::ManifestArgs {
                name,
                recipients,
                registries: registry,
                keys,
                onion,
                valid_days,
                demo: false,
            },
            &output,
        ),
        Command::Newsroom(Newsroom::Open {
            input,
            identities,
            output,
            keys,
            registry,
            insecure_dev_keys,
            c2pa_trust,
        }) => newsroom::open(
            &input,
            &identities,
            &output,
            keys.as_deref(),
            &registry,
            insecure_dev_keys,
            c2pa_trust.as_deref(),
        ),
        Command::Demo { dir, photo } => demo::run(&dir, photo.as_deref()),
        Command::Doctor { config, torrc } => doctor::run(&config, &torrc),
        Command::Serve {
            config,
            data,
            listen,
            demo,
        } => serve::run(config.as_deref(), data, listen, demo),
        Command::Submit(args) => submit::run(&args),
        Command::Inbox(args) => inbox::run(&args),
        Command::CheckServer(args) => check_server::run(&args),
        Command::Newsroom(Newsroom::Reply {
            signing_key,
            to,
            report,
            source,
            recipients,
            message_file,
            output,
            thread_file,
        }) => newsroom::reply(
            &signing_key,
            &newsroom::ReplyTo::from_args(to, report, source)?,
            &recipients,
            message_file.as_deref(),
            &output,
            thread_file.as_deref(),
        ),
        Command::Admin(Admin::AddJournalist { name, data, reset }) => {
            admin::add_journalist(&name, &data, reset)
        }
        Command::Admin(Admin::RemoveJournalist { name, data }) => {
            admin::remove_journalist(&name, &data)
        }
        Command::Admin(Admin::EndSessions { name, all: _, data }) => {
            admin::end_sessions(name.as_deref(), &data)
        }
        Command::Admin(Admin::Settle { data }) => admin::settle(&data),
        Command::Admin(Admin::Backup { data, output }) => admin::backup(&data, &output),
        Command::Admin(Admin::Restore { backup, data }) => admin::restore(&backup, &data),
        Command::Admin(Admin::OnionClient {
            name,
            onion,
            output,
        }) => admin::onion_client(&name, &onion, &output),
        Command::Admin(Admin::Torrc { config, tor_dir }) => admin::torrc(&config, &tor_dir),
        Command::Admin(Admin::Export { data, output }) => admin::export(&data, &output),
    }
}

/// The input's file name as a string, for type checks and manifests.
fn file_name(path: &std::path::Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

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
        Command::Strip(args) => strip::run(&args),
        Command::Digest { input } => strip::digest(&input),
        Command::Seal(args) => seal::run(&args),
        Command::Setup {
            dev: _,
            output,
            statement,
        } => provenance::setup_dev(&output, statement),
        Command::Capture(Capture::Keygen { output }) => provenance::device_keygen(&output),
        Command::Capture(Capture::Sign(args)) => provenance::sign(&args),
        Command::Registry(Registry::Build { input, output }) => {
            provenance::registry_build(&input, &output)
        }
        Command::Registry(Registry::Root { input, statement }) => {
            provenance::registry_root(&input, statement)
        }
        Command::Prove(args) => provenance::prove_cmd(&args),
        Command::Publish(args) => publish::run(&args),
        Command::Verify(args) => provenance::verify(&args),
        Command::Ceremony(Ceremony::Init(args)) => ceremony::init(&args),
        Command::Ceremony(Ceremony::Contribute(args)) => ceremony::contribute(&args),
        Command::Ceremony(Ceremony::Verify(args)) => ceremony::verify(&args),
        Command::Ceremony(Ceremony::Beacon(args)) => ceremony::beacon(&args),
        Command::Ceremony(Ceremony::Finalize(args)) => ceremony::finalize(&args),
        Command::Export(Export::Snarkjs(args)) => provenance::export_snarkjs(&args),
        Command::Newsroom(Newsroom::Keygen(args)) => newsroom::keygen(&args),
        Command::Newsroom(Newsroom::SigningKeygen { output, passphrase }) => {
            newsroom::signing_keygen(&output, passphrase)
        }
        Command::Newsroom(Newsroom::Manifest(args)) => newsroom::manifest(&args),
        Command::Newsroom(Newsroom::Open(args)) => newsroom::open(&args),
        Command::Newsroom(Newsroom::Reply(args)) => newsroom::reply(&args),
        Command::Demo { dir, photo } => demo::run(&dir, photo.as_deref()),
        Command::Doctor { config, torrc } => doctor::run(&config, &torrc),
        Command::Serve(args) => serve::run(&args),
        Command::Submit(args) => submit::run(&args),
        Command::Inbox(args) => inbox::run(&args),
        Command::CheckServer(args) => check_server::run(&args),
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

use std::path::PathBuf;

use clap::{Parser, Subcommand};
use darkroom_circuits::statement::Version;

/// A statement named on the command line: `v1`, `v2`, or its full id.
fn statement(s: &str) -> Result<Version, String> {
    Version::from_id(s)
        .or_else(|| Version::from_id(&format!("darkroom-provenance-{s}")))
        .ok_or_else(|| format!("{s:?} is not a statement (v1 or v2)"))
}

/// Darkroom: a zero-knowledge drop box for photos and documents.
#[derive(Debug, Parser)]
#[command(name = "darkroom", version, about, long_about = None, after_help = crate::exit::HELP)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Remove metadata from a photo, video, audio file or document, losslessly.
    Strip(StripArgs),
    /// Print a file's content digest, which stripping does not change.
    Digest {
        /// The file.
        input: PathBuf,
    },
    /// Strip a file and seal it to the newsroom's key.
    Seal(SealArgs),
    /// Make development proof keys (NOT for production: whoever runs it can forge proofs).
    Setup {
        /// Required: say that these are development keys.
        #[arg(long, required = true)]
        dev: bool,
        /// The folder to write proving.key and verifying.key into.
        #[arg(short, long)]
        output: PathBuf,
        /// The statement the keys prove: v2 (7,948 constraints), or v1 (11,350) for newsrooms that still verify it.
        #[arg(long, value_parser = statement, default_value = "v2")]
        statement: Version,
    },
    /// The multi-party setup of the proof keys (production keys come from here).
    #[command(subcommand)]
    Ceremony(Ceremony),
    /// Simulate a capture device: make its key, sign photos.
    #[command(subcommand)]
    Capture(Capture),
    /// The registry of trusted capture devices.
    #[command(subcommand)]
    Registry(Registry),
    /// Prove that a signed photo is an unaltered capture by a registered device.
    Prove(ProveArgs),
    /// Publish part of a signed photo, offline: crop it, blank redacted
    /// areas, and write a publication bundle that lets anyone check the
    /// published image against the capture device's signature.
    ///
    /// The photo, its opening file and its proof are what `newsroom open`
    /// wrote. Crops and redactions snap outward to the 64-pixel tile grid;
    /// redacted tiles become flat grey, the rest is kept losslessly.
    Publish(PublishArgs),
    /// Check a proof bundle and say in plain words what it proves.
    ///
    /// A publication bundle (from `darkroom publish`) is checked against
    /// its published image (--image): the image must be an untouched part
    /// of the signed capture.
    ///
    /// Without a registry you trust (--root, --registry or --manifest) the
    /// proof is reported as untrusted, with exit code 3.
    Verify(VerifyArgs),
    /// Export proofs for other verifiers.
    #[command(subcommand)]
    Export(Export),
    /// Newsroom tools, for the offline machine.
    #[command(subcommand)]
    Newsroom(Newsroom),
    /// Check a deployment: configuration, manifest, keys, permissions, disk, swap, core dumps, clock and Tor, one line each.
    Doctor {
        /// The server's configuration (darkroom.toml).
        #[arg(long)]
        config: PathBuf,
        /// Tor's configuration, with both onion services.
        #[arg(long, default_value = "/etc/tor/torrc")]
        torrc: PathBuf,
    },
    /// Run the drop-box server.
    Serve(ServeArgs),
    /// Strip and seal a file on this device, then upload it to a Darkroom server.
    Submit(SubmitArgs),
    /// Read the newsroom's replies to your codename; they are decrypted here.
    Inbox(InboxArgs),
    /// Check a Darkroom server against its newsroom's signed manifest: what it serves to sources must be what the newsroom signed (exit 3 on any disagreement).
    CheckServer(CheckServerArgs),
    /// Server administration, on the server machine.
    #[command(subcommand)]
    Admin(Admin),
    /// Walk through stripping, sealing and opening with a demo key.
    Demo {
        /// Where to keep the demo key and files.
        #[arg(long, default_value = "demo")]
        dir: PathBuf,
        /// A photo of your own to use instead of the built-in sample.
        photo: Option<PathBuf>,
    },
}

/// Which newsroom a source's client trusts: the signing key it pins for
/// a server, given once and remembered.
#[derive(Debug, clap::Args)]
pub struct PinArgs {
    /// The newsroom's signing key (RW…), as the newsroom publishes it; pinned for this server.
    #[arg(long, value_name = "KEY", conflicts_with = "newsroom_key_file")]
    pub newsroom_key: Option<String>,
    /// Read the newsroom's signing key from this file (RW…, or a minisign .pub file).
    #[arg(long, value_name = "FILE")]
    pub newsroom_key_file: Option<PathBuf>,
    /// On first contact with a server, trust the key its manifest names and pin it (compare its fingerprint with what the newsroom publishes).
    #[arg(long)]
    pub trust_on_first_use: bool,
    /// Replace the key pinned for this server with --newsroom-key (only after the newsroom announced a new key).
    #[arg(long)]
    pub replace_pin: bool,
}

/// Where a proof's inputs come from and how much it discloses.
#[derive(Debug, clap::Args)]
pub struct ProofArgs {
    /// A device registry you trust (from `darkroom registry build`); repeatable. The proof names the largest one holding the camera.
    #[arg(long)]
    pub registry: Vec<PathBuf>,
    /// Refuse a registry holding fewer devices than this: a proof tells the camera apart from no more than that many (default 32; a demo newsroom's manifest allows 1).
    #[arg(long, value_name = "N")]
    pub min_anonymity: Option<usize>,
    /// The folder with proving.key and verifying.key.
    #[arg(long)]
    pub keys: Option<PathBuf>,
    /// How much of the capture time to disclose: day, month, year, none, or START..END.
    #[arg(long, default_value = "month")]
    pub time_window: String,
    /// How much of the capture place to disclose: none, or LAT_LO,LON_LO,LAT_HI,LON_HI.
    #[arg(long, default_value = "none", allow_hyphen_values = true)]
    pub region: String,
    /// A capture sidecar to use instead of looking in or beside the photo.
    #[arg(long, value_name = "FILE")]
    pub attestation: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Ceremony {
    /// Start a transcript from a snarkjs powers-of-tau file (phase 1).
    Init(CeremonyInitArgs),
    /// Check the transcript, then add your contribution with fresh randomness.
    Contribute(CeremonyContributeArgs),
    /// Replay and check every step of a transcript.
    Verify(CeremonyVerifyArgs),
    /// Add a contribution derived from a public random beacon.
    Beacon(CeremonyBeaconArgs),
    /// Check the transcript and write its final proving.key and verifying.key.
    Finalize(CeremonyFinalizeArgs),
}

#[derive(Debug, Subcommand)]
pub enum Capture {
    /// Make a device key and print its public key.
    Keygen {
        /// Where to write the private key; never overwritten.
        #[arg(short, long)]
        output: PathBuf,
    },
    /// Sign a photo's content digest, time and place.
    Sign(CaptureSignArgs),
}

#[derive(Debug, Subcommand)]
pub enum Registry {
    /// Build a registry from a list of device public keys, one a line.
    Build {
        /// The device list (64 hex digits a line; # comments allowed).
        input: PathBuf,
        /// Where to write the registry.
        #[arg(short, long)]
        output: PathBuf,
    },
    /// Print a registry's root: the one proofs of a statement name.
    Root {
        /// The registry file.
        input: PathBuf,
        /// The statement whose tree's root to print (v1: binary, v2: quaternary).
        #[arg(long, value_parser = statement, default_value = "v2")]
        statement: Version,
    },
}

#[derive(Debug, Subcommand)]
pub enum Export {
    /// Write verification_key.json, proof.json and public.json for `snarkjs groth16 verify`.
    Snarkjs(ExportSnarkjsArgs),
}

#[derive(Debug, Subcommand)]
pub enum Newsroom {
    /// Make a newsroom identity (private key) and print its recipient: hybrid post-quantum (ML-KEM-768 with X25519, age1pq1…) unless --classical.
    Keygen(NewsroomKeygenArgs),
    /// Make the newsroom's signing key (minisign format), which signs its manifest and its replies; prints the public key sources pin.
    SigningKeygen {
        /// Where to write the secret key; never overwritten. The public key goes to OUTPUT.pub.
        #[arg(short, long)]
        output: PathBuf,
        /// Protect the key with a passphrase (minisign's own scheme, so `minisign -S` can use it).
        #[arg(long)]
        passphrase: bool,
    },
    /// Sign the newsroom manifest: what sources' clients may encrypt to, prove against and run.
    Manifest(NewsroomManifestArgs),
    /// Seal a reply to a source (their codename's recipient, from the opened envelope or the source's page) and to the newsroom, signed with the newsroom's signing key, for upload on the source's page.
    Reply(NewsroomReplyArgs),
    /// Decrypt an export (or envelopes), check every digest, commitment and proof, and write the files and a report.
    Open(NewsroomOpenArgs),
}

#[derive(Debug, Subcommand)]
pub enum Admin {
    /// Add a journalist; prints a password and a TOTP code to set up once.
    AddJournalist {
        /// The login name (lowercase letters, digits, - and _).
        name: String,
        /// The server's data directory.
        #[arg(long)]
        data: PathBuf,
        /// Give an existing journalist a new password and TOTP secret.
        #[arg(long)]
        reset: bool,
    },
    /// Remove a journalist; their sessions end at their next request.
    RemoveJournalist {
        /// The login name.
        name: String,
        /// The server's data directory.
        #[arg(long)]
        data: PathBuf,
    },
    /// End a journalist's sessions (or, with --all, everyone's) on the
    /// running server, at their next request.
    EndSessions {
        /// The login name.
        #[arg(required_unless_present = "all", conflicts_with = "all")]
        name: Option<String>,
        /// Every journalist's sessions.
        #[arg(long)]
        all: bool,
        /// The server's data directory.
        #[arg(long)]
        data: PathBuf,
    },
    /// Back up a store, live: the database and every envelope, in one tar file (it holds journalists' TOTP secrets: encrypt it).
    Backup {
        /// The server's data directory.
        #[arg(long)]
        data: PathBuf,
        /// Where to write the backup (.tar); never overwritten.
        #[arg(short, long)]
        output: PathBuf,
    },
    /// Restore a backup into a new data directory, checking every envelope against its recorded digest.
    Restore {
        /// The backup (.tar) from `darkroom admin backup`.
        backup: PathBuf,
        /// The new data directory (must not exist, or be empty).
        #[arg(long)]
        data: PathBuf,
    },
    /// Settle the store now: rewrite recent envelopes into fresh files in
    /// shuffled order, so the disk keeps no arrival time finer than the day
    /// (the server does this every settle_minutes).
    Settle {
        /// The server's data directory.
        #[arg(long)]
        data: PathBuf,
    },
    /// Make a Tor client-authorization key for one journalist's Tor Browser, for the journalist onion.
    OnionClient {
        /// Who it is for (names the files).
        name: String,
        /// The journalist onion's address (….onion).
        #[arg(long)]
        onion: String,
        /// The folder to write NAME.auth_private (for the journalist) and NAME.auth (for Tor's authorized_clients/) into.
        #[arg(short, long)]
        output: PathBuf,
    },
    /// Print the torrc lines for the source and journalist onions of a configuration.
    Torrc {
        /// The server's configuration (listen and journalist_listen).
        #[arg(long)]
        config: PathBuf,
        /// Where Tor keeps onion service keys.
        #[arg(long, default_value = "/var/lib/tor")]
        tor_dir: String,
    },
    /// Export every submission as one archive for the offline newsroom machine.
    Export {
        /// The server's data directory.
        #[arg(long)]
        data: PathBuf,
        /// Where to write the archive (.tar); never overwritten.
        #[arg(short, long)]
        output: PathBuf,
    },
}

/// How the file to send is named, and what happens when Darkroom cannot
/// clean it.
#[derive(Debug, clap::Args)]
pub struct SendArgs {
    /// The file name the newsroom sees (default: the input's name).
    #[arg(long, value_name = "NAME")]
    pub file_name: Option<String>,
    /// Send a file whose metadata Darkroom cannot remove exactly as it is,
    /// with everything it reveals, instead of refusing it.
    #[arg(long)]
    pub send_as_is: bool,
    /// Keep the file's Content Credentials (C2PA) for the newsroom: the
    /// original file, with ALL its metadata (location included) and the
    /// device's certificate, is sealed beside the stripped one, so the
    /// newsroom can check the camera's signature. Only the newsroom can
    /// open it; the stripped file is still what anyone else sees.
    #[arg(long)]
    pub keep_credentials: bool,
}

/// `darkroom submit`: what to send, to which server, and how.
#[derive(Debug, clap::Args)]
pub struct SubmitArgs {
    /// The file to send.
    pub input: PathBuf,
    /// The server's address, e.g. http://xyz.onion.
    #[arg(long)]
    pub server: String,
    /// A message for the newsroom. It shows in the process list and shell history; prefer --message-file.
    #[arg(long, conflicts_with = "message_file")]
    pub message: Option<String>,
    /// Read the message for the newsroom from a file (UTF-8).
    #[arg(long, value_name = "FILE")]
    pub message_file: Option<PathBuf>,
    #[command(flatten)]
    pub naming: SendArgs,
    /// A proxy for the connection, e.g. socks5h://127.0.0.1:9050 for Tor (the default for an .onion address, which needs a socks5h:// proxy).
    #[arg(long, value_name = "URL")]
    pub proxy: Option<String>,
    /// Also prove the photo's provenance and upload the proof with it.
    #[arg(long, requires_all = ["registry", "keys"])]
    pub prove: bool,
    #[command(flatten)]
    pub proof: ProofArgs,
    /// Get a new codename, so the newsroom can reply (read replies with `darkroom inbox`). It is printed once.
    #[arg(long, conflicts_with = "codename_file")]
    pub codename: bool,
    /// Send under the codename in this file (`-` for standard input), so the newsroom links it to what you sent before.
    #[arg(long, value_name = "FILE")]
    pub codename_file: Option<PathBuf>,
    #[command(flatten)]
    pub pin: PinArgs,
}

/// `darkroom inbox`: which server, which codename, what to delete.
#[derive(Debug, clap::Args)]
pub struct InboxArgs {
    /// The server's address, e.g. http://xyz.onion.
    #[arg(long)]
    pub server: String,
    /// Read the codename from this file (`-` for standard input); otherwise it is asked on the terminal.
    #[arg(long, value_name = "FILE")]
    pub codename_file: Option<PathBuf>,
    /// A proxy for the connection, e.g. socks5h://127.0.0.1:9050 for Tor (the default for an .onion address, which needs a socks5h:// proxy).
    #[arg(long, value_name = "URL")]
    pub proxy: Option<String>,
    /// Delete this reply (its id, as listed).
    #[arg(long, value_name = "ID", conflicts_with = "delete_account")]
    pub delete: Option<String>,
    /// Delete your account and every reply to it.
    #[arg(long)]
    pub delete_account: bool,
    #[command(flatten)]
    pub pin: PinArgs,
}

/// `darkroom check-server`: the server and the newsroom key to check it against.
#[derive(Debug, clap::Args)]
pub struct CheckServerArgs {
    /// The server's address, e.g. http://xyz.onion.
    pub server: String,
    /// A proxy for the connection, e.g. socks5h://127.0.0.1:9050 for Tor (the default for an .onion address, which needs a socks5h:// proxy).
    #[arg(long, value_name = "URL")]
    pub proxy: Option<String>,
    /// The newsroom's signing key (RW…), as the newsroom publishes it.
    #[arg(
        long,
        value_name = "KEY",
        required_unless_present = "newsroom_key_file"
    )]
    pub newsroom_key: Option<String>,
    /// Read the newsroom's signing key from this file (RW…, or a minisign .pub file).
    #[arg(long, value_name = "FILE", conflicts_with = "newsroom_key")]
    pub newsroom_key_file: Option<PathBuf>,
}

/// What `darkroom strip` is given.
#[derive(Debug, clap::Args)]
pub struct StripArgs {
    /// The file: a photo, video, audio file or document (docs/formats.md §1 lists the formats). A file whose metadata Darkroom cannot remove is refused, unless --send-as-is.
    pub input: PathBuf,
    /// Where to write the stripped file.
    #[arg(short, long)]
    pub output: PathBuf,
    /// Also write the strip report as JSON.
    #[arg(long, value_name = "FILE")]
    pub report_json: Option<PathBuf>,
    /// Copy a file whose metadata Darkroom cannot remove unchanged, instead of refusing it.
    #[arg(long)]
    pub send_as_is: bool,
}

/// What `darkroom seal` is given.
#[derive(Debug, clap::Args)]
pub struct SealArgs {
    /// The file to send.
    pub input: PathBuf,
    /// A newsroom recipient (age1…); repeat for several.
    #[arg(long = "to", value_name = "RECIPIENT", required = true)]
    pub to: Vec<String>,
    /// A message for the newsroom, sealed with the file. It shows in
    /// the process list and shell history; prefer --message-file.
    #[arg(long, conflicts_with = "message_file")]
    pub message: Option<String>,
    /// Read the message for the newsroom from a file (UTF-8).
    #[arg(long, value_name = "FILE")]
    pub message_file: Option<PathBuf>,
    #[command(flatten)]
    pub naming: SendArgs,
    /// Where to write the envelope.
    #[arg(short, long)]
    pub output: PathBuf,
    /// Also prove the photo's provenance; the bundle is written beside
    /// the envelope as ENVELOPE.proof.json, with the same commitment.
    #[arg(long, requires_all = ["registry", "keys"])]
    pub prove: bool,
    #[command(flatten)]
    pub proof: ProofArgs,
}

/// What `darkroom prove` is given.
#[derive(Debug, clap::Args)]
pub struct ProveArgs {
    /// The signed photo (APP11 attestation, or a PHOTO.capture.json sidecar beside it).
    pub input: PathBuf,
    #[command(flatten)]
    pub proof: ProofArgs,
    /// Where to write the bundle (.json, or .bin for the binary form).
    #[arg(short, long)]
    pub output: PathBuf,
    /// Where to write the opening r, which links the proof to the photo. Keep it secret.
    #[arg(long, value_name = "FILE")]
    pub opening_out: PathBuf,
}

/// What `darkroom publish` is given.
#[derive(Debug, clap::Args)]
pub struct PublishArgs {
    /// The photo as `newsroom open` wrote it (its attestation must be version 2).
    pub input: PathBuf,
    /// The opening file (default: PHOTO.opening.json).
    #[arg(long, value_name = "FILE")]
    pub opening: Option<PathBuf>,
    /// The photo's proof bundle (default: PHOTO.proof.json).
    #[arg(long, value_name = "FILE")]
    pub bundle: Option<PathBuf>,
    /// An area to hide, in pixels; repeatable.
    #[arg(long, value_name = "X,Y,W,H")]
    pub redact: Vec<String>,
    /// The area to publish, in pixels (default: the whole photo).
    #[arg(long, value_name = "X,Y,W,H")]
    pub crop: Option<String>,
    /// With the verifying keys: check the proof before publishing.
    #[arg(long)]
    pub keys: Option<PathBuf>,
    /// Accept keys from `darkroom setup --dev` (testing only).
    #[arg(long)]
    pub insecure_dev_keys: bool,
    /// Where to write the published image.
    #[arg(short, long)]
    pub output: PathBuf,
    /// Where to write the publication bundle.
    #[arg(long, value_name = "FILE")]
    pub proof: PathBuf,
}

/// What `darkroom verify` is given.
#[derive(Debug, clap::Args)]
pub struct VerifyArgs {
    /// The bundle (JSON or binary).
    pub bundle: PathBuf,
    /// The folder with verifying.key.
    #[arg(long)]
    pub keys: PathBuf,
    /// A registry root you trust; repeatable. The proof must name one.
    #[arg(long, value_name = "HEX")]
    pub root: Vec<String>,
    /// A registry file you trust (its root and device count); repeatable.
    #[arg(long, value_name = "FILE")]
    pub registry: Vec<PathBuf>,
    /// A newsroom manifest: trust the registries it lists (checked with --newsroom-key).
    #[arg(long, value_name = "FILE", requires = "newsroom_key")]
    pub manifest: Option<PathBuf>,
    /// The newsroom's signing key (RW…) that must have signed --manifest.
    #[arg(long, value_name = "KEY", requires = "manifest")]
    pub newsroom_key: Option<String>,
    /// Also check that this photo is the one committed to (with --opening); for a publication bundle, the published image.
    #[arg(long)]
    pub image: Option<PathBuf>,
    /// The opening file written by prove (or from the envelope).
    #[arg(long, requires = "image")]
    pub opening: Option<PathBuf>,
    /// Accept keys from `darkroom setup --dev`, whose maker can forge proofs (testing only).
    #[arg(long)]
    pub insecure_dev_keys: bool,
}

/// What `darkroom serve` is given.
#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// The configuration (darkroom.toml): the newsroom's recipients, trusted registries, limits.
    #[arg(long, conflicts_with = "demo")]
    pub config: Option<PathBuf>,
    /// The data directory (default: the config's `data`, else ./darkroom-data).
    #[arg(long)]
    pub data: Option<PathBuf>,
    /// The address to listen on (default: the config's `listen`, else 127.0.0.1:8080).
    #[arg(long)]
    pub listen: Option<String>,
    /// Make a DEMO newsroom key, proof keys and journalist in the data directory (never for real use).
    #[arg(long)]
    pub demo: bool,
}

/// What `darkroom ceremony init` is given.
#[derive(Debug, clap::Args)]
pub struct CeremonyInitArgs {
    /// The .ptau file (BN254, power 13 or more; 14 for v1), e.g. from the Perpetual Powers of Tau.
    #[arg(long)]
    pub ptau: PathBuf,
    /// The transcript folder to create.
    #[arg(short, long)]
    pub output: PathBuf,
    /// The statement the keys will prove: v2 (a 2^13 domain), or v1 (2^14).
    #[arg(long, value_parser = statement, default_value = "v2")]
    pub statement: Version,
}

/// What `darkroom ceremony contribute` is given.
#[derive(Debug, clap::Args)]
pub struct CeremonyContributeArgs {
    /// The transcript folder.
    pub transcript: PathBuf,
    /// The public .ptau file the ceremony started from: the transcript's phase 1 must be its.
    #[arg(long)]
    pub ptau: PathBuf,
    /// Extra text mixed into the system's randomness (it is not needed, and never stored).
    #[arg(long)]
    pub entropy: Option<String>,
}

/// What `darkroom ceremony verify` is given.
#[derive(Debug, clap::Args)]
pub struct CeremonyVerifyArgs {
    /// The transcript folder.
    pub transcript: PathBuf,
    /// The public .ptau file the ceremony started from: the transcript's phase 1 must be its, point for point.
    #[arg(long)]
    pub ptau: PathBuf,
    /// The SHA-256 (hex) of the .ptau file as its publisher announced it: the file is refused unless it has it.
    #[arg(long, value_name = "HEX")]
    pub ptau_sha256: Option<String>,
    /// Also check that this folder holds the transcript's final keys.
    #[arg(long)]
    pub keys: Option<PathBuf>,
}

/// What `darkroom ceremony beacon` is given.
#[derive(Debug, clap::Args)]
pub struct CeremonyBeaconArgs {
    /// The transcript folder.
    pub transcript: PathBuf,
    /// The public .ptau file the ceremony started from.
    #[arg(long)]
    pub ptau: PathBuf,
    /// The beacon value, in hex (e.g. a future block hash announced in advance).
    #[arg(long, value_name = "HEX")]
    pub beacon: String,
    /// Rounds of SHA-256 applied to the beacon before use.
    #[arg(long, default_value_t = 1 << 20)]
    pub iterations: u64,
}

/// What `darkroom ceremony finalize` is given.
#[derive(Debug, clap::Args)]
pub struct CeremonyFinalizeArgs {
    /// The transcript folder.
    pub transcript: PathBuf,
    /// The public .ptau file the ceremony started from.
    #[arg(long)]
    pub ptau: PathBuf,
    /// The folder to write the keys into.
    #[arg(short, long)]
    pub output: PathBuf,
}

/// What `darkroom capture sign` is given.
#[derive(Debug, clap::Args)]
pub struct CaptureSignArgs {
    /// The photo.
    pub input: PathBuf,
    /// The device's private key.
    #[arg(long)]
    pub key: PathBuf,
    /// Capture time, Unix seconds (default: now).
    #[arg(long)]
    pub time: Option<u64>,
    /// Latitude in degrees (with --lon; default: no position fix).
    #[arg(long, requires = "lon", allow_hyphen_values = true)]
    pub lat: Option<f64>,
    /// Longitude in degrees.
    #[arg(long, requires = "lat", allow_hyphen_values = true)]
    pub lon: Option<f64>,
    /// Write the attestation to OUTPUT's .capture.json sidecar and copy the photo unchanged.
    #[arg(long)]
    pub sidecar: bool,
    /// Sign the content digest only (attestation version 1): the photo can be proven whole, but no part of it published. Files other than JPEG are always signed so.
    #[arg(long)]
    pub v1: bool,
    /// Where to write the signed photo.
    #[arg(short, long)]
    pub output: PathBuf,
}

/// What `darkroom export snarkjs` is given.
#[derive(Debug, clap::Args)]
pub struct ExportSnarkjsArgs {
    /// The folder with verifying.key.
    #[arg(long)]
    pub keys: PathBuf,
    /// The bundle.
    pub bundle: PathBuf,
    /// The folder to write into.
    #[arg(short, long)]
    pub output: PathBuf,
}

/// What `darkroom newsroom keygen` is given.
#[derive(Debug, clap::Args)]
pub struct NewsroomKeygenArgs {
    /// Where to write the identity; never overwritten.
    #[arg(short, long)]
    pub output: PathBuf,
    /// Make a classical X25519 identity (age1…) instead, for age tools that do not read hybrid keys; envelopes sealed to it are not protected against a future quantum computer.
    #[arg(long)]
    pub classical: bool,
    /// Protect the identity (and the signing key) with a passphrase.
    #[arg(long)]
    pub passphrase: bool,
    /// Also make the newsroom's signing key here (its public key goes to FILE.pub).
    #[arg(long, value_name = "FILE")]
    pub signing_key_out: Option<PathBuf>,
}

/// What `darkroom newsroom manifest` is given.
#[derive(Debug, clap::Args)]
pub struct NewsroomManifestArgs {
    /// The newsroom's signing key.
    #[arg(short = 's', long = "signing-key", value_name = "FILE")]
    pub signing_key: PathBuf,
    /// The newsroom's name, as the drop box's configuration gives it.
    #[arg(long, default_value = "Darkroom")]
    pub name: String,
    /// The newsroom's age recipients (age1…); repeatable.
    #[arg(long = "recipients", value_name = "RECIPIENT", required = true, num_args = 1..)]
    pub recipients: Vec<String>,
    /// A device registry sources may prove against; repeatable.
    #[arg(long, value_name = "FILE")]
    pub registry: Vec<PathBuf>,
    /// The folder with the proof keys' verifying.key.
    #[arg(long)]
    pub keys: Option<PathBuf>,
    /// The drop box's onion address (….onion).
    #[arg(long, value_name = "ADDR")]
    pub onion: Option<String>,
    /// How many days the manifest holds.
    #[arg(long, default_value_t = 90)]
    pub valid_days: u64,
    /// Where to write the manifest; its signature goes to OUTPUT.minisig.
    #[arg(short, long)]
    pub output: PathBuf,
}

/// What `darkroom newsroom reply` is given.
#[derive(Debug, clap::Args)]
pub struct NewsroomReplyArgs {
    /// The newsroom's signing key.
    #[arg(short = 's', long = "signing-key", value_name = "FILE")]
    pub signing_key: PathBuf,
    /// The source's reply recipient (age1…).
    #[arg(long, required_unless_present = "report")]
    pub to: Option<String>,
    /// Take the recipient the source sealed from an opened export's report.json (with --source).
    #[arg(long, value_name = "FILE", requires = "source", conflicts_with = "to")]
    pub report: Option<PathBuf>,
    /// The source's designation in that report.
    #[arg(long, requires = "report")]
    pub source: Option<String>,
    /// The newsroom's recipients (age1…), so the newsroom can read its own reply; repeatable.
    #[arg(short = 'r', long = "recipient", required = true)]
    pub recipients: Vec<String>,
    /// The reply text (UTF-8; default: standard input).
    #[arg(long, value_name = "FILE")]
    pub message_file: Option<PathBuf>,
    /// Where to write the sealed reply; never overwritten.
    #[arg(short, long)]
    pub output: PathBuf,
    /// The newsroom's record of its replies to each source (their numbers and chain), kept on this machine [default: replies.json beside the signing key].
    #[arg(long, value_name = "FILE")]
    pub thread_file: Option<PathBuf>,
}

/// What `darkroom newsroom open` is given.
#[derive(Debug, clap::Args)]
pub struct NewsroomOpenArgs {
    /// An export archive (.tar) or its extracted folder, an envelope, or a folder of envelopes.
    pub input: PathBuf,
    /// An identity file (plain, from age-keygen, or passphrase-protected); repeatable.
    #[arg(short = 'i', long = "identity", required = true)]
    pub identities: Vec<PathBuf>,
    /// The folder to write files and manifests into.
    #[arg(short, long)]
    pub output: PathBuf,
    /// The folder with verifying.key, to check the proofs in an export.
    #[arg(long)]
    pub keys: Option<PathBuf>,
    /// A registry the newsroom trusts; repeatable. Proofs must name one.
    #[arg(long)]
    pub registry: Vec<PathBuf>,
    /// Accept development proof keys, whose maker can forge proofs (testing only).
    #[arg(long, requires = "keys")]
    pub insecure_dev_keys: bool,
    /// The roots (PEM) the newsroom trusts to sign Content Credentials
    /// (C2PA), to check the originals sources kept for them.
    #[arg(long, value_name = "FILE")]
    pub c2pa_trust: Option<PathBuf>,
}

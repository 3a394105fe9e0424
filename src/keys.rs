//! Newsroom keys. Identities: made here, or by `age-keygen`, optionally
//! wrapped with a passphrase (age's scrypt recipient), exactly as `age -p`
//! would. Signing keys: minisign's format, optionally protected with a
//! passphrase by minisign's own scheme, so Debian's `minisign` can use
//! them as well.

use std::fs::{self, OpenOptions};
use std::io::{BufReader, Read, Write};
use std::path::Path;

use age::secrecy::{ExposeSecret, SecretString};
use anyhow::{bail, Context, Result};
use darkroom_core::recipient::Kind;
use zeroize::Zeroizing;

/// Set to a file holding the passphrase, for scripts and tests; otherwise
/// the passphrase is asked for on the terminal.
pub const PASSPHRASE_FILE_ENV: &str = "DARKROOM_PASSPHRASE_FILE";

const MAX_IDENTITY_FILE: u64 = 1 << 20;

/// The most scrypt work (`N = 2^22`: 4 GiB and a few seconds) asked of a
/// passphrase-protected identity file before it is refused. age's own
/// default is 16 times what this machine does in a second *now*, so a key
/// wrapped on a fast machine, opened on a slower offline laptop or on a busy
/// one, was refused, and the refusal read as a wrong passphrase. The file is
/// the newsroom's own, so a fixed ceiling is enough.
const MAX_WORK_FACTOR: u8 = 22;

/// Writes a new identity of `kind` to `path` (mode 0600, never
/// overwriting) and returns its recipient.
pub fn generate(path: &Path, passphrase: Option<SecretString>, kind: Kind) -> Result<String> {
    let (recipient, secret) = match kind {
        Kind::Hybrid => {
            let identity = darkroom_core::hybrid::Identity::generate();
            (
                identity.to_public().to_string(),
                identity.to_secret_string(),
            )
        }
        Kind::Classical => {
            let identity = age::x25519::Identity::generate();
            let secret = identity.to_string();
            (
                identity.to_public().to_string(),
                Zeroizing::new(secret.expose_secret().to_string()),
            )
        }
    };
    let text = Zeroizing::new(format!(
        "# Darkroom newsroom identity ({}). Keep it offline; never copy it to the server.\n# public key: {recipient}\n{}\n",
        kind.name(),
        &*secret
    ));
    write_secret(path, |file| match passphrase {
        None => file.write_all(text.as_bytes()).map_err(anyhow::Error::from),
        Some(p) => wrap(&text, p, file),
    })?;
    Ok(recipient)
}

/// Creates `path` (mode 0600, never overwriting a key), writes it with
/// `write` and syncs it; on any failure the file is removed again.
fn write_secret(path: &Path, write: impl FnOnce(&mut fs::File) -> Result<()>) -> Result<()> {
    let mut opts = OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    let mut file = opts.open(path).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            anyhow::anyhow!(
                "{} already exists; Darkroom never overwrites a key",
                path.display()
            )
        } else {
            anyhow::Error::new(e).context(format!("cannot create {}", path.display()))
        }
    })?;
    if let Err(e) = write(&mut file).and_then(|_| Ok(file.sync_all()?)) {
        let _ = fs::remove_file(path);
        return Err(e);
    }
    Ok(())
}

/// The newsroom's signing key, read from its file.
pub struct SigningKey {
    secret: minisign::SecretKey,
    public: minisign::PublicKey,
}

impl SigningKey {
    /// The public key sources pin.
    pub fn public(&self) -> darkroom_core::newsroom::NewsroomKey {
        darkroom_core::newsroom::NewsroomKey::parse(&self.public.to_base64())
            .expect("minisign's own public key parses")
    }

    /// A minisign signature (the text of a `.minisig` file) over `data`,
    /// with `comment` as its trusted comment.
    pub fn sign(&self, data: &[u8], comment: &str) -> Result<String> {
        let sig = minisign::sign(Some(&self.public), &self.secret, data, Some(comment), None)
            .map_err(|e| anyhow::anyhow!("could not sign: {e}"))?;
        Ok(sig.into_string())
    }
}

/// `KEY` → `KEY.pub`, where the signing key's public half is written.
pub fn public_path(secret: &Path) -> std::path::PathBuf {
    crate::output::with_suffix(secret, ".pub")
}

/// Writes a new signing key to `path` (mode 0600, never overwriting) and
/// its public key to `path.pub`; returns the public key.
pub fn generate_signing(
    path: &Path,
    passphrase: Option<SecretString>,
) -> Result<darkroom_core::newsroom::NewsroomKey> {
    let public_file = public_path(path);
    if public_file.exists() {
        bail!(
            "{} already exists; Darkroom never overwrites a key",
            public_file.display()
        );
    }
    let minisign::KeyPair { pk, sk } = match passphrase {
        None => minisign::KeyPair::generate_unencrypted_keypair(),
        Some(p) => {
            minisign::KeyPair::generate_encrypted_keypair(Some(p.expose_secret().to_string()))
        }
    }
    .map_err(|e| anyhow::anyhow!("could not make a signing key: {e}"))?;
    let text = Zeroizing::new(
        sk.to_box(Some(
            "Darkroom newsroom signing key. Keep it offline; never copy it to the server.",
        ))
        .map_err(|e| anyhow::anyhow!("could not encode the signing key: {e}"))?
        .into_string(),
    );
    write_secret(path, |file| Ok(file.write_all(text.as_bytes())?))?;
    let public = pk
        .to_box()
        .map_err(|e| anyhow::anyhow!("could not encode the public key: {e}"))?
        .into_string();
    let mut out = crate::output::Pending::beside(&public_file)?;
    out.write_all(public.as_bytes())?;
    out.commit_new(&public_file)?;
    Ok(darkroom_core::newsroom::NewsroomKey::parse(
        &pk.to_base64(),
    )?)
}

/// Reads a signing key, asking for its passphrase if it has one.
pub fn read_signing(path: &Path) -> Result<SigningKey> {
    let mut text = Zeroizing::new(String::new());
    fs::File::open(path)
        .with_context(|| format!("cannot open signing key {}", path.display()))?
        .take(4096)
        .read_to_string(&mut text)
        .with_context(|| format!("{} is not a signing key", path.display()))?;
    let not_a_key = || {
        anyhow::anyhow!(
            "{} is not a newsroom signing key (a minisign secret key)",
            path.display()
        )
    };
    if !text.starts_with("untrusted comment:") || text.lines().count() != 2 {
        return Err(not_a_key());
    }
    let boxed = || minisign::SecretKeyBox::from_string(&text);
    let secret = match boxed()
        .and_then(|b| b.into_unencrypted_secret_key())
        .ok()
        .filter(|k| !k.is_encrypted())
    {
        Some(k) => k,
        None => {
            let p = passphrase(&format!("Passphrase for {}", path.display()), false)?;
            boxed()
                .and_then(|b| b.into_secret_key(Some(p.expose_secret().to_string())))
                .ok()
                .filter(|k| !k.is_encrypted())
                .ok_or_else(|| {
                    anyhow::anyhow!(
                        "wrong passphrase for {}, or it is not a signing key",
                        path.display()
                    )
                })?
        }
    };
    let public = minisign::PublicKey::from_secret_key(&secret).map_err(|_| not_a_key())?;
    Ok(SigningKey { secret, public })
}

fn wrap(text: &str, passphrase: SecretString, out: &mut impl Write) -> Result<()> {
    let encryptor = age::Encryptor::with_user_passphrase(passphrase);
    let armored = age::armor::ArmoredWriter::wrap_output(out, age::armor::Format::AsciiArmor)?;
    let mut w = encryptor.wrap_output(armored)?;
    w.write_all(text.as_bytes())?;
    w.finish()?.finish()?;
    Ok(())
}

/// Reads the identities in each file, unwrapping passphrase-protected ones.
pub fn read(paths: &[impl AsRef<Path>]) -> Result<Vec<Box<dyn age::Identity>>> {
    let mut all = Vec::new();
    for path in paths {
        let path = path.as_ref();
        let mut data = Zeroizing::new(Vec::new());
        fs::File::open(path)
            .with_context(|| format!("cannot open identity file {}", path.display()))?
            .take(MAX_IDENTITY_FILE)
            .read_to_end(&mut data)?;
        let trimmed = data.trim_ascii_start();
        let plain = if trimmed.starts_with(b"age-encryption.org/")
            || trimmed.starts_with(b"-----BEGIN AGE ENCRYPTED FILE-----")
        {
            unwrap(&data, path)?
        } else {
            data
        };
        let ids = identities(&plain, path)?;
        if ids.is_empty() {
            bail!(
                "{} holds no identity (AGE-SECRET-KEY-PQ-1… or AGE-SECRET-KEY-1…)",
                path.display()
            );
        }
        all.extend(ids);
    }
    Ok(all)
}

/// The identities in an identity file's text: hybrid ones
/// (`AGE-SECRET-KEY-PQ-1…`, which the `age` crate does not read yet) here,
/// the rest by the `age` crate.
fn identities(plain: &[u8], path: &Path) -> Result<Vec<Box<dyn age::Identity>>> {
    let not_identities = || anyhow::anyhow!("{} is not an age identity file", path.display());
    let text = std::str::from_utf8(plain).map_err(|_| not_identities())?;
    let mut ids: Vec<Box<dyn age::Identity>> = Vec::new();
    let mut rest = Zeroizing::new(String::new());
    for line in text.lines() {
        if line.trim_start().starts_with("AGE-SECRET-KEY-PQ-") {
            let id = line
                .parse::<darkroom_core::hybrid::Identity>()
                .map_err(|e| anyhow::anyhow!("cannot use the keys in {}: {e}", path.display()))?;
            ids.push(Box::new(id));
        } else {
            rest.push_str(line);
            rest.push('\n');
        }
    }
    let has_more = rest
        .lines()
        .any(|l| !l.trim().is_empty() && !l.starts_with('#'));
    if has_more {
        let file = age::IdentityFile::from_buffer(rest.as_bytes()).map_err(|_| not_identities())?;
        ids.extend(
            file.into_identities()
                .map_err(|e| anyhow::anyhow!("cannot use the keys in {}: {e}", path.display()))?,
        );
    }
    Ok(ids)
}

fn unwrap(data: &[u8], path: &Path) -> Result<Zeroizing<Vec<u8>>> {
    let passphrase = passphrase(&format!("Passphrase for {}", path.display()), false)?;
    let armored = age::armor::ArmoredReader::new(BufReader::new(data));
    let decryptor = age::Decryptor::new_buffered(BufReader::new(armored)).map_err(|_| {
        anyhow::anyhow!(
            "{} is not a valid passphrase-protected identity",
            path.display()
        )
    })?;
    let mut identity = age::scrypt::Identity::new(passphrase);
    identity.set_max_work_factor(MAX_WORK_FACTOR);
    let mut reader = decryptor
        .decrypt(std::iter::once(&identity as &dyn age::Identity))
        .map_err(|e| match e {
            age::DecryptError::ExcessiveWork { required, .. } => anyhow::anyhow!(
                "{} asks for more passphrase work (scrypt 2^{required}) than darkroom does \
                 (2^{MAX_WORK_FACTOR}); wrap the key again on this machine",
                path.display()
            ),
            age::DecryptError::DecryptionFailed | age::DecryptError::KeyDecryptionFailed => {
                anyhow::anyhow!("wrong passphrase for {}", path.display())
            }
            _ => anyhow::anyhow!(
                "{} is not a valid passphrase-protected identity",
                path.display()
            ),
        })?;
    let mut plain = Zeroizing::new(Vec::new());
    reader.read_to_end(&mut plain)?;
    Ok(plain)
}

/// The passphrase from [`PASSPHRASE_FILE_ENV`], or asked on the terminal.
pub fn passphrase(prompt: &str, confirm: bool) -> Result<SecretString> {
    if let Some(file) = std::env::var_os(PASSPHRASE_FILE_ENV) {
        let text =
            Zeroizing::new(fs::read_to_string(&file).context("cannot read the passphrase file")?);
        let p = text.trim_end_matches(['\r', '\n']);
        if p.is_empty() {
            bail!("the passphrase file is empty");
        }
        return Ok(SecretString::from(p.to_string()));
    }
    let confirm = confirm.then_some("Type it again");
    let p = age::cli_common::read_secret(prompt, "Passphrase", confirm)
        .map_err(|e| anyhow::anyhow!("could not read a passphrase: {e}"))?;
    if p.expose_secret().is_empty() {
        bail!("an empty passphrase protects nothing; run again and type one");
    }
    Ok(p)
}

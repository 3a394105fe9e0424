//! Newsroom identities: made here, or by `age-keygen`, optionally wrapped
//! with a passphrase (age's scrypt recipient), exactly as `age -p` would.

use std::fs::{self, OpenOptions};
use std::io::{BufReader, Read, Write};
use std::path::Path;

use age::secrecy::{ExposeSecret, SecretString};
use anyhow::{bail, Context, Result};
use zeroize::Zeroizing;

/// Set to a file holding the passphrase, for scripts and tests; otherwise
/// the passphrase is asked for on the terminal.
pub const PASSPHRASE_FILE_ENV: &str = "DARKROOM_PASSPHRASE_FILE";

const MAX_IDENTITY_FILE: u64 = 1 << 20;

/// Writes a new identity to `path` (mode 0600, never overwriting) and
/// returns its recipient.
pub fn generate(path: &Path, passphrase: Option<SecretString>) -> Result<String> {
    let identity = age::x25519::Identity::generate();
    let recipient = identity.to_public().to_string();
    let secret = identity.to_string();
    let text = Zeroizing::new(format!(
        "# Darkroom newsroom identity. Keep it offline; never copy it to the server.\n# public key: {recipient}\n{}\n",
        secret.expose_secret()
    ));
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
    let written = match passphrase {
        None => file.write_all(text.as_bytes()).map_err(anyhow::Error::from),
        Some(p) => wrap(&text, p, &mut file),
    };
    if let Err(e) = written.and_then(|_| Ok(file.sync_all()?)) {
        let _ = fs::remove_file(path);
        return Err(e);
    }
    Ok(recipient)
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
pub fn read(paths: &[impl AsRef<Path>]) -> Result<Vec<Box<dyn age::Identity + Send + Sync>>> {
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
        let file = age::IdentityFile::from_buffer(&plain[..])
            .map_err(|_| anyhow::anyhow!("{} is not an age identity file", path.display()))?;
        let ids = file
            .into_identities()
            .map_err(|e| anyhow::anyhow!("cannot use the keys in {}: {e}", path.display()))?;
        if ids.is_empty() {
            bail!("{} holds no identity (AGE-SECRET-KEY-1…)", path.display());
        }
        all.extend(ids);
    }
    Ok(all)
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
    let identity = age::scrypt::Identity::new(passphrase);
    let mut reader = decryptor
        .decrypt(std::iter::once(&identity as &dyn age::Identity))
        .map_err(|_| anyhow::anyhow!("wrong passphrase for {}", path.display()))?;
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

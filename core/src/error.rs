use std::io;

/// Everything that can go wrong in this crate, by concern. A step that
/// belongs to one concern returns that concern's error (stripping returns a
/// [`StripError`], a reply a [`EnvelopeError`]); one that crosses them, such
/// as sealing a file (strip, then seal) or checking a proof request, returns
/// this. Each message is one sentence a source or a newsroom can act on, and
/// is the concern's own: this type adds no words to it.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Removing metadata, or reading the file to do it, failed.
    #[error(transparent)]
    Strip(#[from] StripError),
    /// Sealing or opening an envelope or a reply failed.
    #[error(transparent)]
    Envelope(#[from] EnvelopeError),
    /// A capture, registry, proof bundle or publication is refused.
    #[error(transparent)]
    Proof(#[from] ProofError),
    /// A newsroom key, manifest or signature is refused.
    #[error(transparent)]
    Trust(#[from] TrustError),
}

/// Why a file's metadata could not be removed, or why it is refused before
/// anything is sealed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StripError {
    /// Reading the input or writing the output failed.
    #[error("could not read or write the data: {0}")]
    Io(#[from] io::Error),
    /// A file of a known format could not be parsed.
    #[error("this {format} file is damaged ({detail}); export it again from the app that made it")]
    Corrupt {
        /// The format's name (`JPEG`, `PNG`, `MP4`…).
        format: &'static str,
        /// What was wrong, and where.
        detail: String,
    },
    /// The input was empty.
    #[error("the file is empty; choose the file again")]
    Empty,
    /// Darkroom cannot remove this kind of file's metadata, and the source
    /// did not choose to send it as it is.
    #[error("this {kind} was refused, because Darkroom cannot remove its metadata. {advice} To send it anyway, exactly as it is, choose to send it as it is (`--send-as-is`)")]
    CannotClean {
        /// The kind's name, as [`crate::MediaKind::name`] gives it.
        kind: &'static str,
        /// What it may reveal, and what the source can do instead.
        advice: &'static str,
    },
    /// The file's name promises a type its content does not have.
    #[error("this file is named like a {claimed} but its content is {found}; Darkroom will not guess, so check that you picked the right file")]
    WrongType {
        /// What the name's extension claims.
        claimed: &'static str,
        /// What the content is.
        found: &'static str,
    },
    /// The source asked to keep Content Credentials a file does not have.
    #[error("this file carries no Content Credentials (C2PA) to keep; send it without keeping them, and nothing but the stripped file is sealed")]
    NoCredentials,
}

/// Why an envelope or a reply could not be sealed or opened.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum EnvelopeError {
    /// Reading the input or writing the output failed.
    #[error("could not read or write the data: {0}")]
    Io(#[from] io::Error),
    /// A recipient string was not an age recipient of a kind Darkroom
    /// seals to (`age1pq1…` hybrid or `age1…` X25519).
    #[error("{0:?} is not a newsroom key; it should start with \"age1pq1\" (hybrid post-quantum) or \"age1\" (classical)")]
    BadRecipient(String),
    /// A reply to a source whose reply key is not of the newsroom's kind.
    #[error("this source's reply key is {sources} and the newsroom's keys are {newsroom}; a reply is sealed to both, so it can be sent once the source sends again with a current Darkroom client, which registers a reply key of the newsroom's kind")]
    ReplyKind {
        /// The source's reply key's kind.
        sources: crate::recipient::Kind,
        /// The newsroom's.
        newsroom: crate::recipient::Kind,
    },
    /// Hybrid and classical recipients in one list.
    #[error("these keys mix hybrid post-quantum (age1pq1…) and classical (age1…) recipients; one file is sealed to keys of one kind, as a classical key beside the others would undo their post-quantum protection")]
    MixedRecipients,
    /// Sealing was asked for with no recipient.
    #[error("no newsroom key given; pass at least one recipient (age1…)")]
    NoRecipients,
    /// The input is not an age file at all.
    #[error("this is not a Darkroom envelope (not an age-encrypted file)")]
    NotAnEnvelope,
    /// None of the given identities can open the envelope.
    #[error(
        "none of the given keys can open this envelope; it was sealed to another newsroom key"
    )]
    NoMatchingKey,
    /// The ciphertext was cut short or altered.
    #[error("the envelope is truncated or has been tampered with; ask for it to be sent again")]
    Damaged,
    /// The envelope decrypted but was not produced by a version we know.
    #[error("this envelope uses format version {0}, which this version of Darkroom does not know; upgrade Darkroom")]
    UnsupportedVersion(u8),
    /// The envelope decrypted but its framing, manifest or padding is wrong.
    #[error("the envelope's contents are malformed ({0}); it was not made by a Darkroom client")]
    Malformed(String),
    /// The file inside the envelope does not match the digest its manifest states.
    #[error(
        "the file inside the envelope does not match its recorded content digest; do not trust it"
    )]
    DigestMismatch,
    /// The message or manifest is larger than an envelope allows.
    #[error("the message is too long; keep it under 256 KiB, or send longer text as a file")]
    MessageTooLong,
    /// A reply is longer than a reply may be.
    #[error("the reply is too long; keep it under 32 KiB")]
    ReplyTooLong,
    /// The input changed while it was being sealed.
    #[error("the file changed while it was being sealed; close any app that is editing it and try again")]
    InputChanged,
    /// age refused to encrypt.
    #[error("could not encrypt: {0}")]
    Encrypt(String),
}

/// Why a capture cannot be proven, or a proof, registry or publication is
/// refused.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ProofError {
    /// A capture attestation could not be read or does not verify.
    #[error("the capture attestation is invalid: {0}")]
    Attestation(String),
    /// A photo with no attestation was to be proven.
    #[error("this photo carries no capture attestation (no APP11 segment and no .capture.json sidecar); only photos signed by a capture device can be proven")]
    NoAttestation,
    /// A latitude or longitude outside its range.
    #[error("{0} is not a valid latitude or longitude in degrees")]
    BadCoordinate(String),
    /// A registry file or device list is wrong.
    #[error("the device registry is invalid: {0}")]
    Registry(String),
    /// The capture cannot be proven as asked.
    #[error("cannot prove this capture: {0}")]
    Provenance(String),
    /// A publication (a redacted or cropped photo and its proof) cannot be
    /// made or does not check.
    #[error("{0}")]
    Publication(String),
    /// A proof bundle could not be read.
    #[error("this is not a valid proof bundle: {0}")]
    Bundle(String),
    /// A proof bundle does not verify.
    #[error("the proof is INVALID: {0}")]
    ProofInvalid(String),
}

/// age's own text is not used for these. Its message for recipients of two
/// kinds is made by a macro (`i18n-embed-fl` 0.9) whose argument order changes
/// from one compile to the next, so linking it would make the WebAssembly
/// build differ from build to build; `scripts/build-web` checks it is not
/// linked.
impl From<age::EncryptError> for EnvelopeError {
    fn from(e: age::EncryptError) -> Self {
        use age::EncryptError as E;
        EnvelopeError::Encrypt(match e {
            E::MissingRecipients => "there is no recipient to encrypt to".into(),
            E::IncompatibleRecipients { .. } | E::InvalidRecipientLabels(_) => {
                "these recipients cannot share one file (a classical and a post-quantum key, say)"
                    .into()
            }
            E::MixedRecipientAndPassphrase => {
                "a passphrase cannot be combined with other recipients".into()
            }
            E::EncryptedIdentities(_) => "an encrypted identity cannot be used here".into(),
            E::Io(e) => e.to_string(),
        })
    }
}

/// An envelope's stream could not be read or written.
impl From<io::Error> for Error {
    fn from(e: io::Error) -> Self {
        Error::Envelope(EnvelopeError::Io(e))
    }
}

impl From<age::EncryptError> for Error {
    fn from(e: age::EncryptError) -> Self {
        Error::Envelope(e.into())
    }
}

impl StripError {
    pub(crate) fn corrupt(format: &'static str, detail: impl Into<String>) -> Self {
        StripError::Corrupt {
            format,
            detail: detail.into(),
        }
    }
}

/// Why a newsroom key, manifest or reply signature is refused. Each is
/// one sentence a source can act on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum TrustError {
    /// Not a minisign public key.
    #[error("{0:?} is not a newsroom signing key (a minisign public key, RW… as the newsroom publishes it)")]
    BadKey(String),
    /// The signature is not the pinned key's, or does not verify.
    #[error("the newsroom manifest is not signed by the newsroom key {0}: the server, or something between you and it, changed it; send nothing")]
    BadSignature(String),
    /// The manifest is past its expiry date.
    #[error("the newsroom manifest expired on {0}; the newsroom must sign a new one, so send nothing until it does")]
    Expired(String),
    /// The manifest's issue date is in the future.
    #[error("the newsroom manifest says it was issued on {0}, which is in the future; check this device's clock")]
    NotYetValid(String),
    /// The manifest does not parse or breaks a rule of its format.
    #[error("the newsroom manifest is malformed ({0}); send nothing")]
    Malformed(String),
    /// What the server serves disagrees with what the newsroom signed.
    #[error("the server disagrees with the newsroom's signed manifest: {0}; send nothing, and tell the newsroom through another channel")]
    Disagrees(String),
    /// The server is reached under a host name that is not one.
    #[error("{0}")]
    BadHost(String),
    /// The server serves an older manifest than one this client already
    /// took from it.
    #[error("the server serves a newsroom manifest issued on {served}, older than the one issued on {seen} that this device already took from it: the server, or something between you and it, is taking you back to keys or code the newsroom has retired; send nothing, and tell the newsroom through another channel")]
    Rollback {
        /// When the manifest served was issued.
        served: String,
        /// When the newest one seen was issued.
        seen: String,
    },
    /// No trusted registry holds the device with enough others.
    #[error("{0}")]
    Anonymity(String),
    /// A registry the newsroom did not sign, or signed with another size.
    #[error("{0}")]
    Unlisted(String),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn age_encrypt_errors_get_our_own_one_line_text() {
        let labels = |l: &str| std::iter::once(l.to_string()).collect();
        let two_kinds = EnvelopeError::from(age::EncryptError::IncompatibleRecipients {
            l_labels: labels("postquantum"),
            r_labels: labels("other"),
        })
        .to_string();
        assert_eq!(
            two_kinds,
            "could not encrypt: these recipients cannot share one file (a classical and a post-quantum key, say)"
        );
        assert!(!two_kinds.contains("postquantum"), "{two_kinds}");
        let none = EnvelopeError::from(age::EncryptError::MissingRecipients).to_string();
        assert_eq!(
            none,
            "could not encrypt: there is no recipient to encrypt to"
        );
        let io = EnvelopeError::from(age::EncryptError::Io(std::io::Error::other("disk full")));
        assert_eq!(io.to_string(), "could not encrypt: disk full");
    }
}

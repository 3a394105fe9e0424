//! Exit codes: one meaning each, the same for every command, so that a
//! script can tell "it could not be checked" from "it was checked and is
//! false".

/// Refused or could not be done: bad input, a file that cannot be read,
/// a server that cannot be reached. The message says what to do.
pub const REFUSED: u8 = 1;

/// What `darkroom --help` says of the codes.
pub const HELP: &str = "Exit codes, the same for every command:
  0  done; whatever was checked holds
  1  refused or could not be done (bad input, unreadable file, unreachable server); the message says what to do
  2  usage error (the command line itself)
  3  checked, and it does NOT hold: a proof is invalid or names a registry you do not trust, a publication is not what was verified, a reply is forged, a server disagrees with its newsroom's manifest, Content Credentials are invalid, a ceremony transcript or its keys do not check";

/// Checked, and it does not hold.
pub const DOES_NOT_HOLD: u8 = 3;

/// An error meaning "checked, and it does not hold" (exit code 3): the
/// check itself ran; its answer is no.
#[derive(Debug)]
pub struct DoesNotHold(pub String);

impl std::fmt::Display for DoesNotHold {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for DoesNotHold {}

/// The exit code for a command's error: [`DOES_NOT_HOLD`] for a check
/// that failed (a [`DoesNotHold`], or a proof core found invalid),
/// [`REFUSED`] for anything else.
pub fn code_for(err: &anyhow::Error) -> u8 {
    use darkroom_core::{Error, ProofError};
    let invalid_proof = matches!(
        err.downcast_ref::<ProofError>(),
        Some(ProofError::ProofInvalid(_))
    ) || matches!(
        err.downcast_ref::<Error>(),
        Some(Error::Proof(ProofError::ProofInvalid(_)))
    );
    if invalid_proof || err.downcast_ref::<DoesNotHold>().is_some() {
        DOES_NOT_HOLD
    } else {
        REFUSED
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_check_exits_3_and_anything_else_1() {
        use darkroom_core::{Error, ProofError, StripError};
        let invalid = || ProofError::ProofInvalid("x".into());
        assert_eq!(code_for(&invalid().into()), DOES_NOT_HOLD);
        assert_eq!(code_for(&Error::from(invalid()).into()), DOES_NOT_HOLD);
        assert_eq!(code_for(&DoesNotHold("x".into()).into()), DOES_NOT_HOLD);
        let context = anyhow::Error::from(DoesNotHold("x".into())).context("while checking");
        assert_eq!(code_for(&context), DOES_NOT_HOLD);
        assert_eq!(code_for(&Error::from(StripError::Empty).into()), REFUSED);
        assert_eq!(code_for(&anyhow::anyhow!("no such file")), REFUSED);
    }
}

//! From a signed capture to the statement's public inputs and witness, and
//! from public inputs back to plain words.

use std::str::FromStr;

use darkroom_circuits::field;
use darkroom_circuits::groth16::Verifier;
use darkroom_circuits::statement::{PublicInputs, Version, Witness, NO_FIX};
use darkroom_circuits::Fr;

use crate::bundle::Bundle;
use crate::capture::{shift_lat, shift_lon, unshift, Attestation};
use crate::digest::{ContentDigest, Opening};
use crate::registry::Registry;
use crate::{calendar, newsroom, ProofError};

/// How much of the capture time a proof discloses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimeWindow {
    /// The UTC day.
    Day,
    /// The UTC month.
    Month,
    /// The UTC year.
    Year,
    /// Nothing at all.
    None,
    /// An explicit range, inclusive.
    Range(u64, u64),
}

impl FromStr for TimeWindow {
    type Err = ProofError;
    fn from_str(s: &str) -> Result<Self, ProofError> {
        let bad = || {
            ProofError::Provenance(format!("{s:?} is not a time window; use day, month, year, none or START..END (Unix seconds or YYYY-MM-DD)"))
        };
        Ok(match s {
            "day" => TimeWindow::Day,
            "month" => TimeWindow::Month,
            "year" => TimeWindow::Year,
            "none" => TimeWindow::None,
            _ => {
                let (a, b) = s.split_once("..").ok_or_else(bad)?;
                let start = a
                    .parse::<u64>()
                    .ok()
                    .or_else(|| calendar::parse_date(a))
                    .ok_or_else(bad)?;
                let end = b
                    .parse::<u64>()
                    .ok()
                    .or_else(|| calendar::parse_date(b).map(|d| d + 86_399))
                    .ok_or_else(bad)?;
                if start > end {
                    return Err(bad());
                }
                TimeWindow::Range(start, end)
            }
        })
    }
}

impl TimeWindow {
    /// `[t_lo, t_hi]` for a capture at `t`.
    pub fn resolve(self, t: u64) -> (u64, u64) {
        match self {
            TimeWindow::Day => calendar::day_of(t),
            TimeWindow::Month => calendar::month_of(t),
            TimeWindow::Year => calendar::year_of(t),
            TimeWindow::None => (0, u64::MAX),
            TimeWindow::Range(a, b) => (a, b),
        }
    }
}

/// How much of the capture place a proof discloses.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Region {
    /// Nothing: any place, or no fix at all.
    None,
    /// A box in degrees: `lat_lo, lon_lo, lat_hi, lon_hi`.
    Box(f64, f64, f64, f64),
}

impl FromStr for Region {
    type Err = ProofError;
    fn from_str(s: &str) -> Result<Self, ProofError> {
        if s == "none" {
            return Ok(Region::None);
        }
        let bad = || {
            ProofError::Provenance(format!(
                "{s:?} is not a region; use none or LAT_LO,LON_LO,LAT_HI,LON_HI in degrees"
            ))
        };
        let v: Vec<f64> = s
            .split(',')
            .map(|p| p.trim().parse::<f64>())
            .collect::<Result<_, _>>()
            .map_err(|_| bad())?;
        if v.len() != 4 || v[0] > v[2] || v[1] > v[3] {
            return Err(bad());
        }
        shift_lat(v[0])?;
        shift_lat(v[2])?;
        shift_lon(v[1])?;
        shift_lon(v[3])?;
        Ok(Region::Box(v[0], v[1], v[2], v[3]))
    }
}

impl Region {
    /// `(lat_lo, lat_hi, lon_lo, lon_hi)`, shifted.
    pub fn resolve(self) -> Result<(u32, u32, u32, u32), ProofError> {
        Ok(match self {
            Region::None => (0, u32::MAX, 0, u32::MAX),
            Region::Box(a, b, c, d) => (shift_lat(a)?, shift_lat(c)?, shift_lon(b)?, shift_lon(d)?),
        })
    }
}

/// Checks a signed capture against the image, the registry and the chosen
/// disclosure, and builds the inputs of statement `version`. Each failure
/// says what to change.
pub fn prepare(
    version: Version,
    attestation: &Attestation,
    digest: &ContentDigest,
    registry: &Registry,
    window: TimeWindow,
    region: Region,
    opening: &Opening,
) -> Result<(PublicInputs, Witness), ProofError> {
    attestation.verify()?;
    let c = &attestation.capture;
    if c.digest != digest.0 {
        return Err(ProofError::Provenance(
            "the capture attestation was made for a different image (the signed value differs)"
                .into(),
        ));
    }
    let path = registry
        .path_of(&attestation.device, version)
        .ok_or_else(|| {
            ProofError::Provenance(
                "the device that signed this capture is not in the registry".into(),
            )
        })?;
    let (t_lo, t_hi) = window.resolve(c.t);
    if !(t_lo..=t_hi).contains(&c.t) {
        return Err(ProofError::Provenance(format!(
            "the capture time, {}, is outside the time window",
            calendar::format(c.t)
        )));
    }
    let (lat_lo, lat_hi, lon_lo, lon_hi) = region.resolve()?;
    if !(lat_lo..=lat_hi).contains(&c.lat) || !(lon_lo..=lon_hi).contains(&c.lon) {
        return Err(ProofError::Provenance(if c.lat == NO_FIX {
            "the device had no position fix for this capture; use --region none".into()
        } else {
            "the capture place is outside the region".into()
        }));
    }
    let public = PublicInputs {
        root: registry.root(version),
        commitment: opening.commit(digest).0,
        t_lo,
        t_hi,
        lat_lo,
        lat_hi,
        lon_lo,
        lon_hi,
    };
    let witness = Witness::new(
        c,
        *opening.value(),
        &attestation.device,
        &attestation.signature,
        &path,
    );
    Ok((public, witness))
}

fn degrees(v: u32, limit: i64) -> String {
    unshift(v, limit)
        .map(|d| format!("{d:.7}"))
        .unwrap_or_default()
}

/// The capture time a proof discloses, in words.
pub fn describe_time(p: &PublicInputs) -> String {
    if (p.t_lo, p.t_hi) == (0, u64::MAX) {
        "at an undisclosed time".to_string()
    } else {
        format!(
            "between {} and {}",
            calendar::format(p.t_lo),
            calendar::format(p.t_hi.min(253_402_300_799))
        )
    }
}

/// The capture place a proof discloses, in words.
pub fn describe_place(p: &PublicInputs) -> String {
    if (p.lat_lo, p.lat_hi, p.lon_lo, p.lon_hi) == (0, u32::MAX, 0, u32::MAX) {
        "at an undisclosed place (possibly with no position fix)".to_string()
    } else {
        format!(
            "within latitude {}..{}, longitude {}..{} (degrees)",
            degrees(p.lat_lo, 90),
            degrees(p.lat_hi, 90),
            degrees(p.lon_lo, 180),
            degrees(p.lon_hi, 180)
        )
    }
}

/// What a valid proof with these public inputs establishes, in words;
/// `devices` is how many devices its registry holds, when known: the
/// proof hides which of them took the photo, and no more.
pub fn describe(p: &PublicInputs, devices: Option<usize>) -> String {
    format!(
        "captured by {} in registry {} {}, {}; the image and the device are hidden; the image is committed to as {}",
        newsroom::anonymity_set(devices),
        field::to_hex(&p.root),
        describe_time(p),
        describe_place(p),
        field::to_hex(&p.commitment)
    )
}

/// A registry a verifier trusts: its root, and how many devices it holds
/// when that is known (from its file or a newsroom manifest).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TrustedRoot {
    /// The root.
    pub root: Fr,
    /// Its device count.
    pub devices: Option<usize>,
}

impl TrustedRoot {
    /// The roots of registry files, one per statement, with their counts.
    /// Trusting a registry's roots for every statement at once is sound:
    /// the trees have different arities, so a proof of one statement
    /// cannot end at another statement's root without a Poseidon
    /// collision between widths, and the proof's keys fix its statement.
    pub fn of(registries: &[Registry]) -> Vec<TrustedRoot> {
        registries
            .iter()
            .flat_map(|r| {
                Version::ALL.map(|v| TrustedRoot {
                    root: r.root(v),
                    devices: Some(r.devices().len()),
                })
            })
            .collect()
    }

    /// The roots a newsroom manifest lists, with their counts.
    pub fn from_manifest(m: &newsroom::Manifest) -> Result<Vec<TrustedRoot>, ProofError> {
        m.registries
            .iter()
            .map(|r| {
                Ok(TrustedRoot {
                    root: field::from_hex(&r.root).map_err(|_| {
                        ProofError::Registry(format!("{:?} is not a registry root", r.root))
                    })?,
                    devices: Some(r.devices),
                })
            })
            .collect()
    }
}

/// Checks a bundle as a verifier does, and returns what it establishes in
/// words: the proof against `verifier`, its registry against `trusted`
/// (when given), and, when an image's digest and opening are given, that
/// the proof commits to that image.
pub fn check(
    bundle: &Bundle,
    verifier: &Verifier,
    trusted: Option<&[TrustedRoot]>,
    image: Option<(&ContentDigest, &Opening)>,
) -> Result<String, ProofError> {
    bundle.made_by(verifier)?;
    let mut devices = None;
    if let Some(trusted) = trusted {
        let Some(t) = trusted.iter().find(|t| t.root == bundle.public.root) else {
            return Err(ProofError::ProofInvalid(format!(
                "it names registry {}, which is not a registry you trust",
                field::to_hex(&bundle.public.root)
            )));
        };
        devices = t.devices;
    }
    bundle.verify(verifier)?;
    let mut text = describe(&bundle.public, devices);
    if let Some((digest, opening)) = image {
        if opening.commit(digest).0 != bundle.public.commitment {
            return Err(ProofError::ProofInvalid(
                "this image, with this opening, is not the one the proof commits to".into(),
            ));
        }
        text.push_str("; and this image is the one committed");
    }
    Ok(text)
}

//! The device registry: the public keys of trusted capture devices, and the
//! roots of their Poseidon Merkle trees, which proofs name. The same leaves
//! make one tree per statement: binary of depth 20 for
//! `darkroom-provenance-v1`, quaternary of depth 10 for
//! `darkroom-provenance-v2`.
//!
//! ```json
//! { "format": "darkroom-registry", "version": 1, "depth": 20,
//!   "root": "0x…", "root_v2": "0x…",
//!   "devices": ["<packed public key, hex>", …] }
//! ```
//!
//! The file keeps the devices in leaf order and the roots; reading it
//! rebuilds the trees and refuses a file whose roots do not match (a file
//! written before v2 has no `root_v2`; it is computed).

use darkroom_circuits::babyjubjub::Point;
use darkroom_circuits::merkle::{self, Path, Tree};
use darkroom_circuits::statement::Version;
use darkroom_circuits::{eddsa, field, Fr};
use serde::{Deserialize, Serialize};

use crate::ProofError;

const FORMAT: &str = "darkroom-registry";

/// A registry and its tree.
#[derive(Clone, Debug)]
pub struct Registry {
    devices: Vec<Point>,
    /// One tree per statement, in [`Version::ALL`]'s order.
    trees: Vec<Tree>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    format: String,
    version: u8,
    depth: usize,
    root: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    root_v2: Option<String>,
    devices: Vec<String>,
}

fn bad(detail: impl Into<String>) -> ProofError {
    ProofError::Registry(detail.into())
}

impl Registry {
    /// Builds the registry over these devices, in order. Small-order keys
    /// and duplicates are refused.
    pub fn new(devices: Vec<Point>) -> Result<Self, ProofError> {
        let mut seen = std::collections::HashSet::new();
        for (i, d) in devices.iter().enumerate() {
            if darkroom_circuits::babyjubjub::has_small_order(d) {
                return Err(bad(format!("device {} has a small-order key", i + 1)));
            }
            if !seen.insert(darkroom_circuits::babyjubjub::pack(d)) {
                return Err(bad(format!("device {} is listed twice", i + 1)));
            }
        }
        let leaves: Vec<Fr> = devices.iter().map(merkle::leaf).collect();
        let trees = Version::ALL
            .iter()
            .map(|v| Tree::with_shape(v.tree(), leaves.clone()).map_err(|e| bad(e.to_string())))
            .collect::<Result<_, _>>()?;
        Ok(Registry { devices, trees })
    }

    /// Parses a device list: one packed public key (64 hex digits) a line;
    /// blank lines and `#` comments are ignored.
    pub fn from_device_list(text: &str) -> Result<Self, ProofError> {
        let mut devices = Vec::new();
        for (n, line) in text.lines().enumerate() {
            let line = line.split('#').next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            let key = eddsa::public_key_from_hex(line)
                .map_err(|e| bad(format!("line {}: {e}", n + 1)))?;
            devices.push(key);
        }
        Registry::new(devices)
    }

    fn tree(&self, version: Version) -> &Tree {
        let i = Version::ALL.iter().position(|v| *v == version).unwrap_or(0);
        &self.trees[i]
    }

    /// The Merkle root that proofs of `version` name.
    pub fn root(&self, version: Version) -> Fr {
        self.tree(version).root()
    }

    /// Whether `device` is registered.
    pub fn contains(&self, device: &Point) -> bool {
        self.devices.contains(device)
    }

    /// The devices, in leaf order.
    pub fn devices(&self) -> &[Point] {
        &self.devices
    }

    /// The membership path of `device` in the tree of `version`, if it is
    /// registered.
    pub fn path_of(&self, device: &Point, version: Version) -> Option<Path> {
        let i = self.devices.iter().position(|d| d == device)?;
        self.tree(version).path(i)
    }

    /// The registry file.
    pub fn to_json(&self) -> String {
        let file = File {
            format: FORMAT.into(),
            version: 1,
            depth: merkle::DEPTH,
            root: field::to_hex(&self.root(Version::V1)),
            root_v2: Some(field::to_hex(&self.root(Version::V2))),
            devices: self.devices.iter().map(eddsa::public_key_hex).collect(),
        };
        let mut out = serde_json::to_string_pretty(&file).unwrap_or_default();
        out.push('\n');
        out
    }

    /// Reads a registry file and checks its root.
    pub fn from_json(text: &str) -> Result<Self, ProofError> {
        let file: File = serde_json::from_str(text).map_err(|e| bad(format!("{e}")))?;
        if file.format != FORMAT || file.version != 1 {
            return Err(bad("not a version 1 Darkroom registry"));
        }
        if file.depth != merkle::DEPTH {
            return Err(bad(format!(
                "depth {} is not {}",
                file.depth,
                merkle::DEPTH
            )));
        }
        let root = field::from_hex(&file.root).map_err(|_| bad("bad root"))?;
        let root_v2 = file
            .root_v2
            .as_deref()
            .map(field::from_hex)
            .transpose()
            .map_err(|_| bad("bad root_v2"))?;
        let devices = file
            .devices
            .iter()
            .enumerate()
            .map(|(i, d)| {
                eddsa::public_key_from_hex(d).map_err(|e| bad(format!("device {}: {e}", i + 1)))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let registry = Registry::new(devices)?;
        if registry.root(Version::V1) != root
            || root_v2.is_some_and(|r| r != registry.root(Version::V2))
        {
            return Err(bad("its root does not match its devices"));
        }
        Ok(registry)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use darkroom_circuits::eddsa::PrivateKey;

    #[test]
    fn builds_round_trips_and_refuses_tampering() {
        let keys: Vec<_> = (1..=3u8)
            .map(|i| PrivateKey::from_bytes([i; 32]).public())
            .collect();
        let list: String = keys
            .iter()
            .map(|k| format!("{}  # device\n\n", eddsa::public_key_hex(k)))
            .collect();
        let r = Registry::from_device_list(&list).unwrap();
        let back = Registry::from_json(&r.to_json()).unwrap();
        for v in Version::ALL {
            assert_eq!(back.root(v), r.root(v));
            let path = r.path_of(&keys[2], v).unwrap();
            assert_eq!(path.root(merkle::leaf(&keys[2])), r.root(v));
        }
        assert_ne!(r.root(Version::V1), r.root(Version::V2));
        // A file written before v2 (no root_v2) still reads.
        let old: serde_json::Value = serde_json::from_str(&r.to_json()).unwrap();
        let mut old = old.as_object().unwrap().clone();
        old.remove("root_v2");
        let old = Registry::from_json(&serde_json::to_string(&old).unwrap()).unwrap();
        assert_eq!(old.root(Version::V2), r.root(Version::V2));
        // A wrong root_v2 is refused like a wrong root.
        let wrong = r.to_json().replace(
            &field::to_hex(&r.root(Version::V2)),
            &field::to_hex(&r.root(Version::V1)),
        );
        assert!(matches!(
            Registry::from_json(&wrong),
            Err(crate::ProofError::Registry(..))
        ));

        let tampered = r.to_json().replacen(
            &eddsa::public_key_hex(&keys[0]),
            &eddsa::public_key_hex(&PrivateKey::from_bytes([9; 32]).public()),
            1,
        );
        assert!(matches!(
            Registry::from_json(&tampered),
            Err(crate::ProofError::Registry(..))
        ));
        assert!(matches!(
            Registry::from_device_list(&format!("{list}{}", eddsa::public_key_hex(&keys[0]))), Err(crate::ProofError::Registry(m)) if m.contains("listed twice")));
        assert!(matches!(
            Registry::from_device_list("zz"),
            Err(crate::ProofError::Registry(..))
        ));
        // The identity (0, 1): small order.
        let mut id = "01".to_string();
        id.push_str(&"00".repeat(31));
        assert!(matches!(
            Registry::from_device_list(&id),
            Err(crate::ProofError::Registry(..))
        ));
    }
}

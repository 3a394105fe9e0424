//! The device registry's Poseidon Merkle tree, depth 20.
//!
//! A leaf is `Poseidon(A.x, A.y)` of a device's public key; an empty slot is
//! 0; a node is `Poseidon(left, right)`. A path lists the 20 siblings from
//! the leaf up, and its direction bits are the leaf's index, least
//! significant first: bit `i` is 1 when the node at level `i` is a right
//! child.

use crate::babyjubjub::Point;
use crate::{poseidon, Error, Fr};

/// The tree's depth: room for 2²⁰ (about a million) devices.
pub const DEPTH: usize = 20;

/// The most leaves a tree holds.
pub const CAPACITY: usize = 1 << DEPTH;

fn hash2(left: Fr, right: Fr) -> Fr {
    match poseidon::hash(&[left, right]) {
        Ok(h) => h,
        Err(_) => unreachable!("Poseidon(2) is defined"),
    }
}

/// A device's leaf, `Poseidon(A.x, A.y)`.
pub fn leaf(a: &Point) -> Fr {
    hash2(a.x, a.y)
}

/// A membership proof for one leaf.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Path {
    /// Siblings from the leaf's level up to just below the root.
    pub siblings: [Fr; DEPTH],
    /// The leaf's index; its bits are the path's direction bits.
    pub index: u32,
}

impl Path {
    /// Direction bit at `level`: true when that level's node is a right child.
    pub fn direction(&self, level: usize) -> bool {
        (self.index >> level) & 1 == 1
    }

    /// The root this path leads to from `leaf`.
    pub fn root(&self, leaf: Fr) -> Fr {
        let mut node = leaf;
        for (level, sibling) in self.siblings.iter().enumerate() {
            node = if self.direction(level) {
                hash2(*sibling, node)
            } else {
                hash2(node, *sibling)
            };
        }
        node
    }
}

/// A whole tree, every level kept (only the occupied part of each).
#[derive(Clone, Debug)]
pub struct Tree {
    levels: Vec<Vec<Fr>>,
    empty: [Fr; DEPTH + 1],
}

impl Tree {
    /// Builds the tree over `leaves`, in order.
    pub fn new(leaves: Vec<Fr>) -> Result<Self, Error> {
        if leaves.len() > CAPACITY {
            return Err(Error::RegistryFull(leaves.len()));
        }
        let mut empty = [Fr::from(0u64); DEPTH + 1];
        for level in 1..=DEPTH {
            empty[level] = hash2(empty[level - 1], empty[level - 1]);
        }
        let mut levels = vec![leaves];
        for level in 0..DEPTH {
            let below = &levels[level];
            let above = below
                .chunks(2)
                .map(|pair| hash2(pair[0], pair.get(1).copied().unwrap_or(empty[level])))
                .collect();
            levels.push(above);
        }
        Ok(Tree { levels, empty })
    }

    /// The root.
    pub fn root(&self) -> Fr {
        self.levels[DEPTH]
            .first()
            .copied()
            .unwrap_or(self.empty[DEPTH])
    }

    /// The leaves, in order.
    pub fn leaves(&self) -> &[Fr] {
        &self.levels[0]
    }

    /// The path from leaf `index`, if there is such a leaf.
    pub fn path(&self, index: usize) -> Option<Path> {
        if index >= self.levels[0].len() {
            return None;
        }
        let mut siblings = [Fr::from(0u64); DEPTH];
        let mut i = index;
        for (level, sibling) in siblings.iter_mut().enumerate() {
            *sibling = self.levels[level]
                .get(i ^ 1)
                .copied()
                .unwrap_or(self.empty[level]);
            i >>= 1;
        }
        Some(Path {
            siblings,
            index: index as u32,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_lead_to_the_root() {
        let leaves: Vec<Fr> = (1..=5u64).map(Fr::from).collect();
        let tree = Tree::new(leaves.clone()).unwrap();
        for (i, l) in leaves.iter().enumerate() {
            assert_eq!(tree.path(i).unwrap().root(*l), tree.root());
        }
        assert!(tree.path(5).is_none());
        let mut wrong = tree.path(2).unwrap();
        wrong.index ^= 1;
        assert_ne!(wrong.root(leaves[2]), tree.root());
    }

    #[test]
    fn empty_tree_root_is_the_all_zero_root() {
        let tree = Tree::new(vec![]).unwrap();
        let one = Tree::new(vec![Fr::from(0u64)]).unwrap();
        assert_eq!(tree.root(), one.root());
    }
}

//! Random designations for submissions and source accounts: easy to say in a newsroom, and
//! unrelated to anything about the source or the arrival order.

use rand::Rng;

const ADJECTIVES: &[&str] = &[
    "amber", "ashen", "azure", "bold", "brisk", "calm", "cedar", "clear", "coral", "crisp",
    "dusky", "eager", "early", "faint", "fern", "fleet", "frosty", "gentle", "gilded", "glad",
    "grand", "hazel", "hidden", "humble", "ivory", "jade", "keen", "lilac", "little", "lucid",
    "lunar", "mellow", "misty", "mossy", "noble", "ochre", "olive", "pale", "plain", "polar",
    "quiet", "rapid", "rosy", "russet", "rustic", "sable", "silent", "silver", "sly", "solar",
    "steady", "stone", "sunny", "swift", "tawny", "tidal", "timber", "topaz", "umber", "velvet",
    "vivid", "wary", "wild", "woven",
];

const NOUNS: &[&str] = &[
    "badger", "beacon", "birch", "bison", "brook", "canyon", "cedar", "comet", "condor", "crane",
    "delta", "dune", "eagle", "ember", "falcon", "fjord", "finch", "forest", "fox", "glacier",
    "harbor", "hawk", "heron", "island", "jaguar", "kestrel", "lagoon", "lark", "lynx", "maple",
    "marten", "meadow", "mesa", "moth", "oak", "orchid", "osprey", "otter", "owl", "pebble",
    "pine", "plover", "quarry", "raven", "reef", "ridge", "river", "robin", "sparrow", "spruce",
    "summit", "swan", "thistle", "tide", "tundra", "valley", "vole", "walrus", "willow", "wren",
    "yak", "yarrow", "zephyr", "gull",
];

/// A new random designation, such as `amber-falcon-42`; about 400,000 are
/// possible, and the store refuses a repeat.
pub fn random() -> String {
    let mut rng = rand::rngs::OsRng;
    format!(
        "{}-{}-{}",
        ADJECTIVES[rng.gen_range(0..ADJECTIVES.len())],
        NOUNS[rng.gen_range(0..NOUNS.len())],
        rng.gen_range(0..100)
    )
}

/// A new random designation for a source account, such as `quiet-heron`;
/// from the ninth `attempt` on (the store retries on a repeat), a number
/// is added.
pub fn source(attempt: u32) -> String {
    let mut rng = rand::rngs::OsRng;
    let name = format!(
        "{}-{}",
        ADJECTIVES[rng.gen_range(0..ADJECTIVES.len())],
        NOUNS[rng.gen_range(0..NOUNS.len())]
    );
    if attempt < 8 {
        name
    } else {
        format!("{name}-{}", rng.gen_range(100..1000))
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn designations_are_slugs_and_vary() {
        let a: std::collections::HashSet<String> = (0..50).map(|_| super::random()).collect();
        assert!(a.len() > 40);
        for d in &a {
            assert!(d
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'));
        }
    }
}

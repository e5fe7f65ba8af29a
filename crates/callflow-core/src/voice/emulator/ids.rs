//! Session, call and event ids drawn from a seed, so that runs repeat exactly.

/// A stream of UUID-shaped ids (version 4 layout) from a seed (splitmix64).
#[derive(Debug, Clone)]
pub(crate) struct Ids {
    state: u64,
}

impl Ids {
    pub(crate) fn new(seed: u64) -> Ids {
        Ids { state: seed }
    }

    /// The next number of the stream.
    pub(crate) fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// The next id, such as `"8f14e45f-ceea-467a-9b1c-2f4d6e8a0b3c"`.
    pub(crate) fn next_id(&mut self) -> String {
        let high = self.next_u64();
        let low = self.next_u64();
        let version = (high & 0xFFFF_FFFF_FFFF_0FFF) | 0x4000;
        let variant = (low & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000;
        format!(
            "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
            version >> 32,
            (version >> 16) & 0xFFFF,
            version & 0xFFFF,
            variant >> 48,
            variant & 0xFFFF_FFFF_FFFF
        )
    }
}

#[cfg(test)]
mod tests {
    use super::Ids;

    #[test]
    fn ids_repeat_for_a_seed_and_differ_between_seeds() {
        let first: Vec<String> = (0..3)
            .map({
                let mut ids = Ids::new(1);
                move |_| ids.next_id()
            })
            .collect();
        let again: Vec<String> = (0..3)
            .map({
                let mut ids = Ids::new(1);
                move |_| ids.next_id()
            })
            .collect();
        assert_eq!(first, again);
        assert_ne!(first[0], first[1]);
        assert_ne!(Ids::new(2).next_id(), first[0]);
        let id = &first[0];
        assert_eq!(id.len(), 36);
        assert_eq!(&id[14..15], "4");
        assert!(matches!(&id[19..20], "8" | "9" | "a" | "b"));
    }
}

//! [`Stars`]: a star level of 1 to 5, parsed at the edge. On the wire it is the plain number;
//! a 0 or a 6 is refused while deserializing, with the range in the message.

use serde::{Deserialize, Serialize};

/// A star level, 1 to 5. A result that is not rated has no `Stars` (it is a 0 in
/// [`crate::StarResult`], which reports what the council found rather than a level held).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub struct Stars(u8);

impl Stars {
    pub const MIN: u8 = 1;
    pub const MAX: u8 = 5;

    pub const fn new(stars: u8) -> Option<Self> {
        if stars >= Self::MIN && stars <= Self::MAX {
            Some(Self(stars))
        } else {
            None
        }
    }

    pub const fn get(self) -> u8 {
        self.0
    }
}

/// A number outside 1..=5 where a star level is expected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StarsOutOfRange(pub u8);

impl std::fmt::Display for StarsOutOfRange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "stars must be between {} and {}, got {}",
            Stars::MIN,
            Stars::MAX,
            self.0
        )
    }
}

impl std::error::Error for StarsOutOfRange {}

impl TryFrom<u8> for Stars {
    type Error = StarsOutOfRange;

    fn try_from(stars: u8) -> Result<Self, Self::Error> {
        Self::new(stars).ok_or(StarsOutOfRange(stars))
    }
}

impl TryFrom<i32> for Stars {
    type Error = StarsOutOfRange;

    fn try_from(stars: i32) -> Result<Self, Self::Error> {
        let n = u8::try_from(stars.clamp(0, i32::from(u8::MAX))).unwrap_or(u8::MAX);
        Self::new(n).ok_or(StarsOutOfRange(n))
    }
}

impl From<Stars> for u8 {
    fn from(stars: Stars) -> Self {
        stars.0
    }
}

impl std::fmt::Display for Stars {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_to_five_are_star_levels_and_nothing_else() {
        for n in 0..=u8::MAX {
            assert_eq!(Stars::new(n).is_some(), (1..=5).contains(&n), "{n}");
        }
    }

    #[test]
    fn on_the_wire_a_level_is_its_number() {
        let four = Stars::new(4).unwrap();
        assert_eq!(serde_json::to_value(four).unwrap(), serde_json::json!(4));
        assert_eq!(serde_json::from_str::<Stars>("4").unwrap(), four);
        assert_eq!(four.to_string(), "4");
    }

    #[test]
    fn zero_and_six_are_refused_with_the_range_named() {
        for bad in ["0", "6"] {
            let err = serde_json::from_str::<Stars>(bad).unwrap_err().to_string();
            assert!(err.contains("between 1 and 5"), "{bad}: {err}");
        }
        assert!(serde_json::from_str::<Stars>("-1").is_err());
    }

    #[test]
    fn a_stored_number_out_of_range_is_refused() {
        assert_eq!(Stars::try_from(3_i32), Ok(Stars(3)));
        assert_eq!(Stars::try_from(0_i32), Err(StarsOutOfRange(0)));
        assert_eq!(Stars::try_from(1000_i32), Err(StarsOutOfRange(u8::MAX)));
    }
}

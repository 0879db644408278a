//! Money as integer đồng: VND has no minor unit in use, and floats would round.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// An amount in Vietnamese đồng.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, ToSchema,
)]
#[serde(transparent)]
#[schema(value_type = i64, example = 150000)]
pub struct Dong(pub i64);

impl Dong {
    /// `150000` → `150.000 ₫`, the way Vietnamese people write prices.
    pub fn display_vi(self) -> String {
        let digits = self.0.unsigned_abs().to_string();
        let mut grouped = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                grouped.push('.');
            }
            grouped.push(c);
        }
        let sign = if self.0 < 0 { "-" } else { "" };
        format!("{sign}{grouped} ₫")
    }
}

#[cfg(test)]
mod tests {
    use super::Dong;

    #[test]
    fn groups_thousands_with_dots() {
        assert_eq!(Dong(0).display_vi(), "0 ₫");
        assert_eq!(Dong(999).display_vi(), "999 ₫");
        assert_eq!(Dong(150_000).display_vi(), "150.000 ₫");
        assert_eq!(Dong(1_234_567).display_vi(), "1.234.567 ₫");
        assert_eq!(Dong(-5_000).display_vi(), "-5.000 ₫");
    }
}

//! Points, and averages of points to two decimals without floating point.
//!
//! Every option of 26/2026 is worth a whole number of points, so a single sheet's total is an
//! integer. Only averages (of council members' totals, or of their points on one criterion)
//! have decimals. They are held as integer hundredths so that comparisons with the band edges
//! (30, 50, 70, 90) and with a minimum's points are exact and identical on the server and in
//! the SPA: no `89.99999999` that displays as 90.00 but ranks as 4 stars.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use utoipa::ToSchema;

/// Points as printed on a sheet: whole, never negative. Wire types spell it `u32`: utoipa
/// cannot see through an alias and would describe it as a reference to a `u32` schema.
pub type Points = u32;

/// A number of points with two decimals, held as integer hundredths (`8533` = 85.33).
///
/// On the wire it is a JSON number (`85.33`), which is what a reader expects; inside, it is an
/// integer. An average is truncated to hundredths, never rounded up, so the figure shown can
/// never cross a band edge or a minimum that the exact average did not reach: every threshold
/// is a whole number of points, and for a whole number `t`, `floor(x) >= t` exactly when
/// `x >= t`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, ToSchema)]
#[schema(value_type = f64, example = 85.33)]
pub struct Hundredths(pub i64);

impl Hundredths {
    pub const ZERO: Hundredths = Hundredths(0);

    /// Whole points.
    pub fn from_points(points: Points) -> Self {
        Self(i64::from(points) * 100)
    }

    /// `sum / count` truncated to hundredths. A count of zero gives zero (an average of
    /// nothing); callers refuse an empty council before they get here.
    pub fn average(sum: u64, count: u64) -> Self {
        if count == 0 {
            return Self::ZERO;
        }
        // Points are at most a few hundred per sheet, so `sum * 100` cannot overflow u64.
        let value = sum.saturating_mul(100) / count;
        Self(i64::try_from(value).unwrap_or(i64::MAX))
    }

    /// Whether this is at least `points` whole points.
    pub fn reaches(self, points: Points) -> bool {
        self >= Self::from_points(points)
    }
}

impl fmt::Display for Hundredths {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        write!(f, "{sign}{}.{:02}", abs / 100, abs % 100)
    }
}

impl Serialize for Hundredths {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // i64 → f64 is exact below 2^53 hundredths, far beyond any score.
        serializer.serialize_f64(self.0 as f64 / 100.0)
    }
}

impl<'de> Deserialize<'de> for Hundredths {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = f64::deserialize(deserializer)?;
        if !value.is_finite() {
            return Err(serde::de::Error::custom("points must be a finite number"));
        }
        // Nearest hundredth: 85.33 arrives as 85.32999… and must stay 8533.
        Ok(Self((value * 100.0).round() as i64))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn averages_are_truncated_to_hundredths_not_rounded() {
        assert_eq!(Hundredths::average(256, 3), Hundredths(8533)); // 85.333…
        assert_eq!(Hundredths::average(269, 3), Hundredths(8966)); // 89.666…, not 89.67
        assert_eq!(Hundredths::average(270 - 1, 3).to_string(), "89.66");
    }

    #[test]
    fn an_average_just_below_a_band_edge_never_displays_as_the_edge() {
        // 89.9966… must not show as 90.00.
        let avg = Hundredths::average(26_999, 300);
        assert_eq!(avg.to_string(), "89.99");
        assert!(!avg.reaches(90));
        assert!(Hundredths::average(27_000, 300).reaches(90));
    }

    #[test]
    fn an_average_of_nothing_is_zero() {
        assert_eq!(Hundredths::average(10, 0), Hundredths::ZERO);
    }

    #[test]
    fn hundredths_travel_as_json_numbers_and_come_back_exactly() {
        let json = serde_json::to_string(&Hundredths(8533)).unwrap();
        assert_eq!(json, "85.33");
        let back: Hundredths = serde_json::from_str(&json).unwrap();
        assert_eq!(back, Hundredths(8533));
        let whole: Hundredths = serde_json::from_str("90").unwrap();
        assert_eq!(whole, Hundredths(9000));
    }

    #[test]
    fn hundredths_display_with_two_decimals() {
        assert_eq!(Hundredths(5).to_string(), "0.05");
        assert_eq!(Hundredths(10_000).to_string(), "100.00");
        assert_eq!(Hundredths(-150).to_string(), "-1.50");
    }
}

//! The legal instruments that govern OCOP evaluation, and what each says about parts and levels.
//!
//! The same facts are data in `data/criteria/instruments.json` (the server loads that file); this
//! table is the compiled twin the pure rules need, and a test keeps the two equal. A sheet names
//! its instrument by the code printed on it (`26/2026/QĐ-TTg`), so an imported instrument not
//! listed here can still be validated with [`crate::validate_with`] and an explicit part split.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::Points;

/// A decision of the Prime Minister that sets criteria, bands and recognition levels.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ToSchema,
)]
pub enum Instrument {
    /// Quyết định 1048/QĐ-TTg (21/8/2019): the first national criteria set.
    #[serde(rename = "1048/QĐ-TTg")]
    Qd1048Of2019,
    /// Quyết định 148/QĐ-TTg (24/2/2023), before its 2025 amendment.
    #[serde(rename = "148/QĐ-TTg")]
    Qd148Of2023,
    /// 148/QĐ-TTg as amended by 1489/QĐ-TTg (6/7/2025) for two-level local government.
    #[serde(rename = "1489/QĐ-TTg")]
    Qd1489Of2025,
    /// Quyết định 26/2026/QĐ-TTg (22/5/2026): the regime for new work.
    #[serde(rename = "26/2026/QĐ-TTg")]
    Qd26Of2026,
}

/// Who recognises (and issues the certificate): the level of government.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum RecognitionLevel {
    /// Historical: district councils recognised 3 stars under 148/2023 until July 2025.
    District,
    /// UBND cấp tỉnh (the provincial chairman).
    Province,
    /// The ministry (Bộ Nông nghiệp và Môi trường since 2025).
    Central,
}

impl RecognitionLevel {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::District => "district",
            Self::Province => "province",
            Self::Central => "central",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::District, Self::Province, Self::Central]
            .into_iter()
            .find(|l| l.as_str() == s)
    }
}

impl Instrument {
    pub const ALL: [Instrument; 4] = [
        Self::Qd1048Of2019,
        Self::Qd148Of2023,
        Self::Qd1489Of2025,
        Self::Qd26Of2026,
    ];

    /// The code as printed on the sheets and used in `instruments.json`.
    pub fn code(self) -> &'static str {
        match self {
            Self::Qd1048Of2019 => "1048/QĐ-TTg",
            Self::Qd148Of2023 => "148/QĐ-TTg",
            Self::Qd1489Of2025 => "1489/QĐ-TTg",
            Self::Qd26Of2026 => "26/2026/QĐ-TTg",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|i| i.code() == code.trim())
    }

    /// Maxima of parts A, B and C. 1048/2019 weighed quality more (A35 B25 C40); 148/2023 and
    /// 26/2026 (Art. 3.1) use A40 B25 C35. 1489 amended procedure, not the sheets.
    pub fn part_split(self) -> [(&'static str, Points); 3] {
        match self {
            Self::Qd1048Of2019 => [("A", 35), ("B", 25), ("C", 40)],
            Self::Qd148Of2023 | Self::Qd1489Of2025 | Self::Qd26Of2026 => {
                [("A", 40), ("B", 25), ("C", 35)]
            }
        }
    }

    /// First day the instrument applied.
    pub fn effective_from(self) -> NaiveDate {
        let (y, m, d) = match self {
            Self::Qd1048Of2019 => (2019, 8, 21),
            Self::Qd148Of2023 => (2023, 2, 24),
            Self::Qd1489Of2025 => (2025, 7, 6),
            Self::Qd26Of2026 => (2026, 5, 22),
        };
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
    }

    /// Last day it applied to new work, if it has ended. 148 and 1489 ceased 60 days after
    /// 26/2026 took effect (Art. 11.2), i.e. their last day is 20/7/2026.
    pub fn effective_to(self) -> Option<NaiveDate> {
        let (y, m, d) = match self {
            Self::Qd1048Of2019 => (2023, 2, 23),
            Self::Qd148Of2023 => (2025, 7, 5),
            Self::Qd1489Of2025 => (2026, 7, 20),
            Self::Qd26Of2026 => return None,
        };
        NaiveDate::from_ymd_opt(y, m, d)
    }

    /// Which level recognises which stars. 1–2 stars are never recognised (no decision, no
    /// certificate), under every instrument.
    pub fn recognition(self) -> &'static [(RecognitionLevel, &'static [u8])] {
        use RecognitionLevel::*;
        match self {
            // 148 as first issued: district 3★, province 4★, central 5★.
            Self::Qd148Of2023 => &[(District, &[3]), (Province, &[4]), (Central, &[5])],
            // 1048, 1489 (districts abolished) and 26/2026 (Art. 4): province 3–4★, central 5★.
            Self::Qd1048Of2019 | Self::Qd1489Of2025 | Self::Qd26Of2026 => {
                &[(Province, &[3, 4]), (Central, &[5])]
            }
        }
    }

    /// The level that recognises `stars` under this instrument; `None` for 1–2 stars.
    pub fn recognising_level(self, stars: u8) -> Option<RecognitionLevel> {
        self.recognition()
            .iter()
            .find(|(_, s)| s.contains(&stars))
            .map(|(level, _)| *level)
    }

    /// The instrument that governs new work started on `day`: the latest one in effect. Where two
    /// overlap (26/2026 from 22/5/2026 and 1489 until 20/7/2026, Art. 11.2 letting dossiers filed
    /// before go on under the old rules), new work follows the newer one.
    pub fn in_force_on(day: NaiveDate) -> Option<Instrument> {
        Self::ALL
            .into_iter()
            .rev()
            .find(|i| i.effective_from() <= day && i.effective_to().is_none_or(|to| day <= to))
    }

    /// Certificates of every instrument are valid 36 months from issue.
    pub fn certificate_months(self) -> u32 {
        36
    }
}

/// Which criteria set a sheet, a score or a dossier belongs to, kept with it forever.
///
/// The instrument is a code string rather than [`Instrument`] so that an instrument imported
/// as data after this build still has a name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ToSchema)]
pub struct CriteriaSetRef {
    #[schema(example = "26/2026/QĐ-TTg")]
    pub instrument: String,
    /// Product set code in that instrument's classification.
    #[schema(example = "I.6")]
    pub product_set: String,
    /// Increases when a corrected transcription of the same sheet is loaded; a dossier keeps
    /// the version it was scored with.
    #[schema(example = 1, minimum = 1)]
    pub version: u32,
}

#[cfg(test)]
mod tests {
    use super::*;
    use RecognitionLevel::*;

    #[test]
    fn the_instrument_in_force_is_the_newest_in_effect_that_day() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(Instrument::in_force_on(day(2019, 8, 20)), None);
        assert_eq!(
            Instrument::in_force_on(day(2019, 8, 21)),
            Some(Instrument::Qd1048Of2019)
        );
        assert_eq!(
            Instrument::in_force_on(day(2023, 2, 24)),
            Some(Instrument::Qd148Of2023)
        );
        assert_eq!(
            Instrument::in_force_on(day(2025, 7, 6)),
            Some(Instrument::Qd1489Of2025)
        );
        // The overlap: new work follows 26/2026 from its first day.
        assert_eq!(
            Instrument::in_force_on(day(2026, 5, 22)),
            Some(Instrument::Qd26Of2026)
        );
        assert_eq!(
            Instrument::in_force_on(day(2030, 1, 1)),
            Some(Instrument::Qd26Of2026)
        );
    }

    #[test]
    fn instrument_codes_round_trip_through_text_and_json() {
        for instrument in Instrument::ALL {
            assert_eq!(Instrument::parse(instrument.code()), Some(instrument));
            let json = serde_json::to_string(&instrument).unwrap();
            assert_eq!(json, format!("\"{}\"", instrument.code()));
        }
        assert_eq!(Instrument::parse("99/2099/QĐ-TTg"), None);
    }

    #[test]
    fn part_splits_follow_each_instrument_and_sum_to_100() {
        assert_eq!(
            Instrument::Qd1048Of2019.part_split(),
            [("A", 35), ("B", 25), ("C", 40)]
        );
        for i in [Instrument::Qd148Of2023, Instrument::Qd26Of2026] {
            assert_eq!(i.part_split(), [("A", 40), ("B", 25), ("C", 35)]);
        }
        for i in Instrument::ALL {
            assert_eq!(i.part_split().iter().map(|(_, p)| p).sum::<u32>(), 100);
        }
    }

    #[test]
    fn under_26_2026_the_province_recognises_3_and_4_stars_and_the_ministry_5() {
        let i = Instrument::Qd26Of2026;
        assert_eq!(i.recognising_level(1), None);
        assert_eq!(i.recognising_level(2), None);
        assert_eq!(i.recognising_level(3), Some(Province));
        assert_eq!(i.recognising_level(4), Some(Province));
        assert_eq!(i.recognising_level(5), Some(Central));
    }

    #[test]
    fn under_148_the_district_recognised_3_stars_and_the_province_4() {
        let i = Instrument::Qd148Of2023;
        assert_eq!(i.recognising_level(3), Some(District));
        assert_eq!(i.recognising_level(4), Some(Province));
        assert_eq!(i.recognising_level(5), Some(Central));
    }

    #[test]
    fn under_1048_and_1489_the_province_recognises_3_and_4_stars() {
        for i in [Instrument::Qd1048Of2019, Instrument::Qd1489Of2025] {
            assert_eq!(i.recognising_level(3), Some(Province));
            assert_eq!(i.recognising_level(4), Some(Province));
            assert_eq!(i.recognising_level(5), Some(Central));
            assert_eq!(i.recognising_level(2), None);
        }
    }

    #[test]
    fn old_regimes_end_sixty_days_after_26_2026_takes_effect() {
        let start = Instrument::Qd26Of2026.effective_from();
        let end = Instrument::Qd1489Of2025.effective_to().unwrap();
        // Art. 11.2: they cease to have effect on day 60 after 22/5/2026, so 20/7 is the last day.
        assert_eq!((end - start).num_days(), 59);
    }
}

//! What the signed-in shell reads besides the screens: the caller's unit (for the banner of an
//! abolished unit) and the alerts the menu counts.

use ocop_core::UnitId;
use ocop_core::units::UnitOut;
use ocop_evaluations::AlertOut;

use super::{ApiResult, Call, alerts, json};
use crate::format::wire;

pub async fn unit(id: UnitId) -> ApiResult<UnitOut> {
    json(Call::get(&format!("/units/{}", id.0))).await
}

/// How many alerts each menu entry carries.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MenuCounts {
    pub cycles: usize,
    pub rounds: usize,
    pub certificates: usize,
    pub all: usize,
}

impl MenuCounts {
    /// By the alert's target, except a sheet to score: its target is the dossier, but the work
    /// is done from the round.
    pub fn of(alerts: &[AlertOut]) -> Self {
        let mut counts = Self {
            all: alerts.len(),
            ..Self::default()
        };
        for alert in alerts {
            if wire(&alert.kind) == "sheet_to_score" {
                counts.rounds += 1;
                continue;
            }
            match alert.target.as_str() {
                "cycle" => counts.cycles += 1,
                "round" => counts.rounds += 1,
                "certificate" => counts.certificates += 1,
                _ => {}
            }
        }
        counts
    }
}

pub async fn menu_counts() -> ApiResult<MenuCounts> {
    alerts().await.map(|list| MenuCounts::of(&list))
}

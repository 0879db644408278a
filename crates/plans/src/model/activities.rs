//! Activities (nhiệm vụ) of a plan: the propaganda, training classes, study tours, fairs and
//! trade promotion events, points of sale to build, council set-up and clips the plan assigns
//! to a lead department for some quarters. Training classes record who attended (an officer or
//! a producer) so that "100% of OCOP officers trained" is computed; fairs record the products
//! shown.

use chrono::{DateTime, NaiveDate, Utc};
use ocop_core::{DomainError, DomainResult, ProductId, SubjectId, UnitId, UserId};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

use super::{ActivityId, ParticipantId, PlanId, word_enum};

word_enum! {
    pub enum ActivityKind {
        /// Tuyên truyền.
        Propaganda = "propaganda",
        /// Lớp tập huấn, đào tạo.
        Training = "training",
        /// Tham quan, học tập kinh nghiệm.
        StudyTour = "study_tour",
        /// Hội chợ.
        Fair = "fair",
        /// Sự kiện xúc tiến thương mại.
        TradePromotion = "trade_promotion",
        /// Xây dựng điểm giới thiệu, bán sản phẩm.
        PointOfSaleBuilding = "point_of_sale_building",
        /// Kiện toàn hội đồng đánh giá, phân hạng.
        CouncilSetup = "council_setup",
        /// Phóng sự, clip quảng bá.
        Clip = "clip",
        Other = "other",
    }
}

impl ActivityKind {
    /// Whether the activity records who attended.
    pub fn has_participants(self) -> bool {
        matches!(self, Self::Training | Self::StudyTour)
    }

    /// Whether the activity records the products it showed.
    pub fn has_products(self) -> bool {
        matches!(self, Self::Fair | Self::TradePromotion)
    }
}

word_enum! {
    pub enum ActivityStatus {
        Planned = "planned",
        InProgress = "in_progress",
        /// Carried out; it counts in the metrics from its end date.
        Done = "done",
        Cancelled = "cancelled",
    }
}

word_enum! {
    /// Who a training class was for.
    pub enum Audience {
        /// Cán bộ quản lý OCOP (province, commune).
        Officer = "officer",
        /// Leaders and members of subjects.
        Producer = "producer",
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
pub struct ActivityIn {
    pub kind: ActivityKind,
    #[validate(length(min = 3, max = 300))]
    pub title: String,
    /// The department that leads it, e.g. "Sở Nông nghiệp và Môi trường".
    #[validate(length(min = 2, max = 200))]
    pub lead_department: String,
    /// The cooperating units, by name.
    #[serde(default)]
    #[validate(length(max = 20))]
    pub cooperating_units: Vec<String>,
    /// The quarters (1–4) of the plan's year it runs in.
    #[serde(default)]
    pub quarters: Vec<u8>,
    /// Where it is held: the plan's unit or a unit under it.
    pub unit_id: UnitId,
    #[validate(length(max = 300))]
    pub place: Option<String>,
    pub starts_on: Option<NaiveDate>,
    pub ends_on: Option<NaiveDate>,
    #[serde(default = "planned")]
    pub status: ActivityStatus,
    #[validate(length(max = 4000))]
    pub results: Option<String>,
}

fn planned() -> ActivityStatus {
    ActivityStatus::Planned
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema, Validate)]
pub struct ActivityPatch {
    #[validate(length(min = 3, max = 300))]
    pub title: Option<String>,
    #[validate(length(min = 2, max = 200))]
    pub lead_department: Option<String>,
    #[validate(length(max = 20))]
    pub cooperating_units: Option<Vec<String>>,
    pub quarters: Option<Vec<u8>>,
    pub unit_id: Option<UnitId>,
    #[validate(length(max = 300))]
    pub place: Option<String>,
    pub starts_on: Option<NaiveDate>,
    pub ends_on: Option<NaiveDate>,
    pub status: Option<ActivityStatus>,
    #[validate(length(max = 4000))]
    pub results: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ActivityOut {
    pub id: ActivityId,
    pub plan_id: PlanId,
    pub kind: ActivityKind,
    pub title: String,
    pub lead_department: String,
    pub cooperating_units: Vec<String>,
    pub quarters: Vec<u8>,
    pub unit_id: UnitId,
    pub unit_name: String,
    pub place: Option<String>,
    pub starts_on: Option<NaiveDate>,
    pub ends_on: Option<NaiveDate>,
    pub status: ActivityStatus,
    pub results: Option<String>,
    pub participant_count: i64,
    pub product_count: i64,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema, IntoParams, Validate)]
#[into_params(parameter_in = Query)]
pub struct ActivityQuery {
    pub kind: Option<ActivityKind>,
    pub status: Option<ActivityStatus>,
    /// Activities running in this quarter.
    #[validate(range(min = 1, max = 4))]
    pub quarter: Option<u8>,
}

/// The rules an activity's facts follow: quarters 1–4 without repeats, dates in order, and a
/// finished activity says when it ended.
pub fn check_activity(
    quarters: &[u8],
    starts_on: Option<NaiveDate>,
    ends_on: Option<NaiveDate>,
    status: ActivityStatus,
) -> DomainResult<()> {
    let mut seen = [false; 5];
    for q in quarters {
        if !(1..=4).contains(q) || seen[*q as usize] {
            return Err(DomainError::field("quarters", "range"));
        }
        seen[*q as usize] = true;
    }
    if let (Some(s), Some(e)) = (starts_on, ends_on)
        && e < s
    {
        return Err(DomainError::field("ends_on", "before_start"));
    }
    if status == ActivityStatus::Done && ends_on.or(starts_on).is_none() {
        return Err(DomainError::field("ends_on", "required"));
    }
    Ok(())
}

/// The day a finished activity counts from: its end, or its start for a one-day event.
pub fn held_on(ends_on: Option<NaiveDate>, starts_on: Option<NaiveDate>) -> Option<NaiveDate> {
    ends_on.or(starts_on)
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
pub struct ParticipantIn {
    #[validate(length(min = 2, max = 200))]
    pub full_name: String,
    pub audience: Audience,
    /// The officer's account, when the participant has one: "officers trained" counts accounts.
    pub user_id: Option<UserId>,
    /// The producer's subject.
    pub subject_id: Option<SubjectId>,
    /// The unit the participant works in or comes from.
    pub unit_id: UnitId,
    #[validate(length(max = 200))]
    pub position: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ParticipantOut {
    pub id: ParticipantId,
    pub activity_id: ActivityId,
    pub full_name: String,
    pub audience: Audience,
    pub user_id: Option<UserId>,
    pub subject_id: Option<SubjectId>,
    pub subject_name: Option<String>,
    pub unit_id: UnitId,
    pub unit_name: String,
    pub position: Option<String>,
    pub created_at: DateTime<Utc>,
}

/// A producer is recorded with its subject, an officer without one.
pub fn check_participant(p: &ParticipantIn) -> DomainResult<()> {
    match (p.audience, p.subject_id, p.user_id) {
        (Audience::Producer, None, _) => Err(DomainError::field("subject_id", "required")),
        (Audience::Officer, Some(_), _) => Err(DomainError::field("subject_id", "not_for_officer")),
        (Audience::Producer, Some(_), Some(_)) => {
            Err(DomainError::field("user_id", "not_for_producer"))
        }
        _ => Ok(()),
    }
}

/// A product shown at a fair or trade promotion event.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
pub struct ActivityProductIn {
    pub product_id: ProductId,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ActivityProductOut {
    pub activity_id: ActivityId,
    pub product_id: ProductId,
    pub product_name: String,
    pub subject_id: SubjectId,
    pub subject_name: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(2027, 3, d)
    }

    #[test]
    fn quarters_are_one_to_four_without_repeats() {
        assert!(check_activity(&[1, 3], None, None, ActivityStatus::Planned).is_ok());
        assert!(check_activity(&[0], None, None, ActivityStatus::Planned).is_err());
        assert!(check_activity(&[2, 2], None, None, ActivityStatus::Planned).is_err());
        assert!(check_activity(&[5], None, None, ActivityStatus::Planned).is_err());
    }

    #[test]
    fn a_done_activity_has_a_date_and_dates_are_in_order() {
        assert!(check_activity(&[], None, None, ActivityStatus::Done).is_err());
        assert!(check_activity(&[], day(3), None, ActivityStatus::Done).is_ok());
        assert!(check_activity(&[], day(5), day(4), ActivityStatus::Planned).is_err());
    }

    #[test]
    fn producers_come_with_their_subject() {
        let p = ParticipantIn {
            full_name: "Nguyễn Văn A".into(),
            audience: Audience::Producer,
            user_id: None,
            subject_id: None,
            unit_id: UnitId(1),
            position: None,
        };
        assert!(check_participant(&p).is_err());
        let officer = ParticipantIn {
            audience: Audience::Officer,
            ..p
        };
        assert!(check_participant(&officer).is_ok());
    }
}

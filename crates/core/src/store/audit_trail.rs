//! The whole audit trail, filtered, for the system administrator: who changed what, across every
//! area, between two days.

use chrono::NaiveDate;
use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

use super::audit::{AuditEventOut, event, page_of};
use crate::clock::start_of_vietnam_day;
use crate::error::FieldErrors;
use crate::{Action, DomainResult, Page, PageQuery, Principal};

/// The whole trail, newest first, filtered. Only a system administrator reads it: it names every
/// record of every area.
pub async fn trail<C: ConnectionTrait>(
    db: &C,
    principal: &Principal,
    query: &TrailQuery,
) -> DomainResult<Page<AuditEventOut>> {
    principal.require(Action::AuditVerify)?;
    let (page, per_page) = PageQuery {
        page: query.page,
        per_page: query.per_page,
    }
    .resolve()?;
    if let (Some(from), Some(to)) = (query.from, query.to) {
        let mut errors = FieldErrors::default();
        errors.check(from <= to, "to", "before_from");
        errors.into_result()?;
    }
    let mut select = event::Entity::find();
    if let Some(entity) = query.entity {
        select = select.filter(event::Column::Entity.eq(entity.as_str()));
    }
    if let Some(id) = query.entity_id.as_deref().map(str::trim) {
        select = select.filter(event::Column::EntityId.eq(id));
    }
    if let Some(actor) = query.actor_id {
        select = select.filter(event::Column::ActorId.eq(actor));
    }
    if let Some(action) = query.action.as_deref().map(str::trim) {
        select = select.filter(event::Column::Action.eq(action));
    }
    // Days are Vietnam's, both ends included: from the start of `from` to the start of the day
    // after `to`.
    if let Some(from) = query.from {
        select = select.filter(event::Column::At.gte(start_of_vietnam_day(from)));
    }
    if let Some(after) = query.to.and_then(|to| to.succ_opt()) {
        select = select.filter(event::Column::At.lt(start_of_vietnam_day(after)));
    }
    page_of(db, select, page, per_page).await
}

/// The kinds of record the trail names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum TrailEntity {
    Subject,
    Product,
    User,
    Cycle,
    Round,
    Certificate,
    ScoreSheet,
    CriteriaInstrument,
    CriteriaSet,
    Classification,
    AdminUnit,
    AdminUnitClosure,
    BudgetLine,
    BudgetAllocation,
    BudgetDocument,
}

impl TrailEntity {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Subject => "subject",
            Self::Product => "product",
            Self::User => "user",
            Self::Cycle => "cycle",
            Self::Round => "round",
            Self::Certificate => "certificate",
            Self::ScoreSheet => "score_sheet",
            Self::CriteriaInstrument => "criteria_instrument",
            Self::CriteriaSet => "criteria_set",
            Self::Classification => "classification",
            Self::AdminUnit => "admin_unit",
            Self::AdminUnitClosure => "admin_unit_closure",
            Self::BudgetLine => "budget_line",
            Self::BudgetAllocation => "budget_allocation",
            Self::BudgetDocument => "budget_document",
        }
    }
}

/// The filters of the whole trail.
#[derive(Debug, Clone, Default, Deserialize, IntoParams, Validate)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct TrailQuery {
    pub entity: Option<TrailEntity>,
    /// The record's id as the trail holds it (a uuid, or a number for units).
    #[param(max_length = 64)]
    #[validate(length(min = 1, max = 64))]
    pub entity_id: Option<String>,
    #[param(value_type = Option<String>, format = Uuid)]
    pub actor_id: Option<Uuid>,
    /// The action's name, e.g. `subject.update`.
    #[param(max_length = 64)]
    #[validate(length(min = 1, max = 64))]
    pub action: Option<String>,
    /// From this day (Vietnam), included.
    pub from: Option<NaiveDate>,
    /// Up to this day (Vietnam), included.
    pub to: Option<NaiveDate>,
    #[param(minimum = 1, maximum = 1_000_000)]
    #[validate(range(min = 1, max = crate::page::MAX_PAGE))]
    pub page: Option<u64>,
    #[param(minimum = 1, maximum = 100)]
    #[validate(range(min = 1, max = crate::page::MAX_PER_PAGE))]
    pub per_page: Option<u64>,
}

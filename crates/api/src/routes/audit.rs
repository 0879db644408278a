//! The history of a record, for those who may see the record, and the check of the audit chain.

use actix_web::{get, web};
use ocop_core::store::audit::{self, AuditEventOut, ChainReport, TrailQuery};
use ocop_core::{Action, DomainError, Page, PageQuery};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

use crate::error::ApiError;
use crate::extract::{Auth, ValidatedQuery};
use crate::responses::ReadErrors;
use crate::state::AppState;

#[derive(Debug, Clone, Copy, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum AuditEntity {
    Subject,
    Product,
    User,
    Cycle,
    Round,
    Certificate,
    BudgetLine,
    BudgetAllocation,
}

#[derive(Debug, Deserialize, IntoParams, validator::Validate)]
#[into_params(parameter_in = Query)]
pub struct AuditQuery {
    pub entity: AuditEntity,
    /// The record's id.
    pub id: uuid::Uuid,
}

/// Who changed a record, when, and what, newest first. A record outside the caller's scope
/// answers 404, like the record itself.
#[utoipa::path(
    operation_id = "audit.history",
    tag = "audit",
    params(AuditQuery, PageQuery),
    security(("bearer" = [])),
    responses((status = 200, body = Page<AuditEventOut>), ReadErrors)
)]
#[get("/audit")]
pub async fn history(
    state: web::Data<AppState>,
    auth: Auth,
    query: ValidatedQuery<AuditQuery>,
    page: ValidatedQuery<PageQuery>,
) -> Result<web::Json<Page<AuditEventOut>>, ApiError> {
    let principal = &auth.0.principal;
    principal.require(Action::AuditRead)?;
    let (page, per_page) = page.0.resolve()?;
    let AuditQuery { entity, id } = query.0;
    // Seeing the history means seeing the record: the scoped read is the check.
    let name = match entity {
        AuditEntity::Subject => {
            ocop_subjects::store::get(&state.db, principal, ocop_core::SubjectId(id)).await?;
            "subject"
        }
        AuditEntity::Product => {
            ocop_products::store::products::get(&state.db, principal, ocop_core::ProductId(id))
                .await?;
            "product"
        }
        AuditEntity::User => {
            principal
                .require(Action::UsersRead)
                .map_err(|_| DomainError::not_found("user"))?;
            ocop_core::store::users::get(&state.db, principal, ocop_core::UserId(id)).await?;
            "user"
        }
        AuditEntity::Cycle => {
            ocop_evaluations::store::read::cycles::get(
                &state.db,
                &auth.0,
                ocop_evaluations::CycleId(id),
            )
            .await?;
            "cycle"
        }
        AuditEntity::Round => {
            ocop_evaluations::store::read::rounds::get_round(
                &state.db,
                &auth.0,
                ocop_evaluations::RoundId(id),
            )
            .await?;
            "round"
        }
        AuditEntity::Certificate => {
            ocop_evaluations::store::read::certificates::get(
                &state.db,
                &auth.0,
                ocop_evaluations::CertificateId(id),
                auth.0.today(),
                "",
            )
            .await?;
            "certificate"
        }
        AuditEntity::BudgetLine => {
            principal
                .require(Action::BudgetsRead)
                .map_err(|_| DomainError::not_found("budget_line"))?;
            ocop_budgets::store::lines::get(&state.db, principal, ocop_budgets::LineId(id)).await?;
            "budget_line"
        }
        AuditEntity::BudgetAllocation => {
            principal
                .require(Action::BudgetsRead)
                .map_err(|_| DomainError::not_found("budget_allocation"))?;
            ocop_budgets::store::allocations::get(
                &state.db,
                principal,
                ocop_budgets::AllocationId(id),
            )
            .await?;
            "budget_allocation"
        }
    };
    Ok(web::Json(
        audit::history(&state.db, name, &id.to_string(), page, per_page).await?,
    ))
}

/// The whole audit trail, newest first: by kind of record, record, actor, action and Vietnam
/// days (`from` and `to` included). System administrators only.
#[utoipa::path(
    operation_id = "audit.trail",
    tag = "audit",
    params(TrailQuery),
    security(("bearer" = [])),
    responses((status = 200, body = Page<AuditEventOut>), ReadErrors)
)]
#[get("/audit/trail")]
pub async fn trail(
    state: web::Data<AppState>,
    auth: Auth,
    query: ValidatedQuery<TrailQuery>,
) -> Result<web::Json<Page<AuditEventOut>>, ApiError> {
    Ok(web::Json(
        audit::trail(&state.db, &auth.0.principal, &query.0).await?,
    ))
}

/// Re-walks the whole audit chain, oldest row first, and names the first row whose content no
/// longer gives its hash or that does not link to the row before it. System administrators only.
#[utoipa::path(
    operation_id = "audit.verify",
    tag = "audit",
    security(("bearer" = [])),
    responses((status = 200, body = ChainReport), ReadErrors)
)]
#[get("/audit/verify")]
pub async fn verify(
    state: web::Data<AppState>,
    auth: Auth,
) -> Result<web::Json<ChainReport>, ApiError> {
    auth.0.principal.require(Action::AuditVerify)?;
    Ok(web::Json(audit::verify(&state.db).await?))
}

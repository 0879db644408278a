//! The administrative units the caller may pick from.

use actix_web::{get, web};
use ocop_core::Action;
use ocop_core::UnitId;
use ocop_core::store::units;
use ocop_core::units::{UnitOut, UnitQuery};

use crate::error::ApiError;
use crate::extract::{Auth, ValidatedQuery};
use crate::responses::ReadErrors;
use crate::state::AppState;

/// Units in the caller's scope (in force today unless `history=true`), ordered by code.
/// Reference data bounded by the size of a province, so not paged.
#[utoipa::path(
    operation_id = "units.list",
    tag = "units",
    params(UnitQuery),
    security(("bearer" = [])),
    responses((status = 200, body = Vec<UnitOut>), ReadErrors)
)]
#[get("/units")]
pub async fn list(
    state: web::Data<AppState>,
    auth: Auth,
    query: ValidatedQuery<UnitQuery>,
) -> Result<web::Json<Vec<UnitOut>>, ApiError> {
    auth.0.principal.require(Action::UnitsRead)?;
    Ok(web::Json(
        units::list(&state.db, &auth.0.principal, &query.0, auth.0.today()).await?,
    ))
}

/// One unit in the caller's scope, in force or not (a unit abolished in 2025 names its
/// successors); outside the scope, 404.
#[utoipa::path(
    operation_id = "units.get",
    tag = "units",
    params(("id" = i32, Path, description = "The unit's id")),
    security(("bearer" = [])),
    responses((status = 200, body = UnitOut), ReadErrors)
)]
#[get("/units/{id}")]
pub async fn get(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<i32>,
) -> Result<web::Json<UnitOut>, ApiError> {
    auth.0.principal.require(Action::UnitsRead)?;
    Ok(web::Json(
        units::get(&state.db, &auth.0.principal, UnitId(id.into_inner())).await?,
    ))
}

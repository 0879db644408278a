//! The administrative units the caller may pick from.

use actix_web::{get, web};
use ocop_core::Action;
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

//! The product classification trees, by legal instrument.

use actix_web::{get, web};
use ocop_products::ClassificationOut;
use ocop_products::store::classification;

use crate::error::ApiError;
use crate::extract::Auth;
use crate::responses::ReadErrors;
use crate::state::AppState;

/// Every classification version with its sectors, groups and product sets; `in_force` marks
/// the one new products are filed under.
#[utoipa::path(
    operation_id = "classifications.list",
    tag = "products",
    security(("bearer" = [])),
    responses((status = 200, body = Vec<ClassificationOut>), ReadErrors)
)]
#[get("/classifications")]
pub async fn list(
    state: web::Data<AppState>,
    _auth: Auth,
) -> Result<web::Json<Vec<ClassificationOut>>, ApiError> {
    Ok(web::Json(
        classification::list(&state.db, state.clock.today()).await?,
    ))
}

//! The plans endpoints: phases, annual plans and their moves, targets, progress, activities with
//! their participants and products.

use chrono::NaiveDate;
use gloo_net::http::Method;
use ocop_core::{Page, ProductId, UnitId};
use ocop_plans::{
    ActivityId, ActivityIn, ActivityOut, ActivityProductIn, ActivityProductOut, MetricInfo,
    ParticipantId, ParticipantIn, ParticipantOut, PhaseOut, PlanId, PlanIn, PlanOut, PlanPatch,
    PlanProgress, PlanQuery, PlanTransitionIn, TargetId, TargetIn, TargetOut,
};

use super::{ApiResult, Call, get_with_query, if_match, json, send};

pub async fn phases() -> ApiResult<Vec<PhaseOut>> {
    json(Call::get("/phases")).await
}

pub async fn metrics() -> ApiResult<Vec<MetricInfo>> {
    json(Call::get("/plans/metrics")).await
}

pub async fn plans(query: &PlanQuery) -> ApiResult<Page<PlanOut>> {
    json(get_with_query("/plans", query)).await
}

pub async fn plan(id: PlanId) -> ApiResult<PlanOut> {
    json(Call::get(&format!("/plans/{id}"))).await
}

pub async fn create_plan(input: &PlanIn) -> ApiResult<PlanOut> {
    json(Call::json(Method::POST, "/plans", input)?).await
}

/// Fields left `None` in `patch` are not sent, so they stay as they are.
pub async fn patch_plan(id: PlanId, version: i32, patch: &PlanPatch) -> ApiResult<PlanOut> {
    let body = crate::format::merge_patch(patch, &[]);
    let call = Call::json(Method::PATCH, &format!("/plans/{id}"), &body)?
        .header("If-Match", if_match(version));
    json(call).await
}

pub async fn delete_plan(id: PlanId, version: i32) -> ApiResult<()> {
    let call =
        Call::new(Method::DELETE, &format!("/plans/{id}")).header("If-Match", if_match(version));
    send(call).await.map(|_| ())
}

pub async fn move_plan(id: PlanId, version: i32, input: &PlanTransitionIn) -> ApiResult<PlanOut> {
    let call = Call::json(Method::POST, &format!("/plans/{id}/transitions"), input)?
        .header("If-Match", if_match(version));
    json(call).await
}

pub async fn targets(plan: PlanId) -> ApiResult<Vec<TargetOut>> {
    json(Call::get(&format!("/plans/{plan}/targets"))).await
}

pub async fn create_target(plan: PlanId, input: &TargetIn) -> ApiResult<TargetOut> {
    json(Call::json(
        Method::POST,
        &format!("/plans/{plan}/targets"),
        input,
    )?)
    .await
}

/// `patch` is a merge-patch object (a `TargetPatch` with only the changed fields).
pub async fn patch_target(
    id: TargetId,
    version: i32,
    patch: &serde_json::Value,
) -> ApiResult<TargetOut> {
    let call = Call::json(Method::PATCH, &format!("/targets/{id}"), patch)?
        .header("If-Match", if_match(version));
    json(call).await
}

pub async fn delete_target(id: TargetId, version: i32) -> ApiResult<()> {
    let call =
        Call::new(Method::DELETE, &format!("/targets/{id}")).header("If-Match", if_match(version));
    send(call).await.map(|_| ())
}

/// The plan's targets with their progress on `as_of` (default: the server's today, which the
/// answer's `as_of` tells), for the area of `unit` (default: the plan's unit).
pub async fn progress(
    plan: PlanId,
    as_of: Option<NaiveDate>,
    unit: Option<UnitId>,
) -> ApiResult<PlanProgress> {
    let mut call = Call::get(&format!("/plans/{plan}/progress"));
    if let Some(as_of) = as_of {
        call.query
            .push(("as_of".to_string(), as_of.format("%Y-%m-%d").to_string()));
    }
    if let Some(unit) = unit {
        call.query.push(("unit_id".to_string(), unit.0.to_string()));
    }
    json(call).await
}

pub async fn activities(plan: PlanId) -> ApiResult<Vec<ActivityOut>> {
    json(Call::get(&format!("/plans/{plan}/activities"))).await
}

pub async fn create_activity(plan: PlanId, input: &ActivityIn) -> ApiResult<ActivityOut> {
    json(Call::json(
        Method::POST,
        &format!("/plans/{plan}/activities"),
        input,
    )?)
    .await
}

/// `patch` is a merge-patch object (an `ActivityPatch` with only the changed fields).
pub async fn patch_activity(
    id: ActivityId,
    version: i32,
    patch: &serde_json::Value,
) -> ApiResult<ActivityOut> {
    let call = Call::json(Method::PATCH, &format!("/activities/{id}"), patch)?
        .header("If-Match", if_match(version));
    json(call).await
}

pub async fn delete_activity(id: ActivityId, version: i32) -> ApiResult<()> {
    let call = Call::new(Method::DELETE, &format!("/activities/{id}"))
        .header("If-Match", if_match(version));
    send(call).await.map(|_| ())
}

pub async fn participants(activity: ActivityId) -> ApiResult<Vec<ParticipantOut>> {
    json(Call::get(&format!("/activities/{activity}/participants"))).await
}

pub async fn add_participant(
    activity: ActivityId,
    input: &ParticipantIn,
) -> ApiResult<ParticipantOut> {
    let path = format!("/activities/{activity}/participants");
    json(Call::json(Method::POST, &path, input)?).await
}

pub async fn remove_participant(activity: ActivityId, id: ParticipantId) -> ApiResult<()> {
    let path = format!("/activities/{activity}/participants/{id}");
    send(Call::new(Method::DELETE, &path)).await.map(|_| ())
}

pub async fn activity_products(activity: ActivityId) -> ApiResult<Vec<ActivityProductOut>> {
    json(Call::get(&format!("/activities/{activity}/products"))).await
}

pub async fn add_activity_product(
    activity: ActivityId,
    product_id: ProductId,
) -> ApiResult<ActivityProductOut> {
    let path = format!("/activities/{activity}/products");
    json(Call::json(
        Method::POST,
        &path,
        &ActivityProductIn { product_id },
    )?)
    .await
}

pub async fn remove_activity_product(activity: ActivityId, product: ProductId) -> ApiResult<()> {
    let path = format!("/activities/{activity}/products/{product}");
    send(Call::new(Method::DELETE, &path)).await.map(|_| ())
}

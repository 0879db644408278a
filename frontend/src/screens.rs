//! The screens behind the shell, each compiled into its own part of the wasm and fetched the
//! first time it is opened (Leptos' `#[lazy]`, split by `cargo xtask spa`), so a first visit
//! downloads the sign-in, the shell and the runtime only. Each function renders one route.

use leptos::prelude::*;
use ocop_core::{ProductId, SubjectId, UserId};
use ocop_evaluations::{CertificateId, CycleId, RoundId};
use ocop_plans::{PlanId, PointOfSaleId};

use crate::pages::admin::{AuditTrail, CouncilMembers, UserForm, UserList};
use crate::pages::alerts::AlertList;
use crate::pages::catalogue::{CatalogueList, CatalogueProduct};
use crate::pages::certificates::{CertificateList, CertificatePrint, CertificateView};
use crate::pages::cycles::{CycleDetail, CycleList, CycleNew};
use crate::pages::dashboard::DashboardPage;
use crate::pages::home::HomePage;
use crate::pages::plans::{PlanList, PlanNew, PlanView};
use crate::pages::products::{ProductForm, ProductList, ProductView};
use crate::pages::rounds::{RoundDetail, RoundList, ScorePage};
use crate::pages::subjects::{SubjectForm, SubjectList, SubjectView};
use crate::pages::trade::{PointOfSaleList, PointOfSaleNew, PointOfSaleView};
use crate::route::Route;

#[lazy]
fn home() -> AnyView {
    view! { <HomePage /> }.into_any()
}

/// The figures at a glance: its charts and report downloads.
#[lazy]
fn dashboard() -> AnyView {
    view! { <DashboardPage /> }.into_any()
}

#[lazy]
fn subjects(id: Option<SubjectId>, edit: bool) -> AnyView {
    match (id, edit) {
        (None, false) => view! { <SubjectList /> }.into_any(),
        (None, true) => view! { <SubjectForm id=None /> }.into_any(),
        (Some(id), false) => view! { <SubjectView id /> }.into_any(),
        (Some(id), true) => view! { <SubjectForm id=Some(id) /> }.into_any(),
    }
}

#[lazy]
fn products(id: Option<ProductId>, edit: bool) -> AnyView {
    match (id, edit) {
        (None, false) => view! { <ProductList /> }.into_any(),
        (None, true) => view! { <ProductForm id=None /> }.into_any(),
        (Some(id), false) => view! { <ProductView id /> }.into_any(),
        (Some(id), true) => view! { <ProductForm id=Some(id) /> }.into_any(),
    }
}

#[lazy]
fn cycle_list() -> AnyView {
    view! { <CycleList /> }.into_any()
}

#[lazy]
fn cycle_new() -> AnyView {
    view! { <CycleNew /> }.into_any()
}

/// The dossier and its wizard, the largest screen.
#[lazy]
fn cycle(id: CycleId) -> AnyView {
    view! { <CycleDetail id /> }.into_any()
}

#[lazy]
fn rounds(id: Option<RoundId>) -> AnyView {
    match id {
        None => view! { <RoundList /> }.into_any(),
        Some(id) => view! { <RoundDetail id /> }.into_any(),
    }
}

#[lazy]
fn score(round_id: RoundId, cycle_id: CycleId) -> AnyView {
    view! { <ScorePage round_id cycle_id /> }.into_any()
}

#[lazy]
fn certificates(id: Option<CertificateId>) -> AnyView {
    match id {
        None => view! { <CertificateList /> }.into_any(),
        Some(id) => view! { <CertificateView id /> }.into_any(),
    }
}

#[lazy]
fn certificate_print(id: CertificateId) -> AnyView {
    view! { <CertificatePrint id /> }.into_any()
}

#[lazy]
fn alerts() -> AnyView {
    view! { <AlertList /> }.into_any()
}

/// Annual plans: the list (`None, false`), a new plan (`None, true`), one plan.
#[lazy]
fn plans(id: Option<PlanId>, new: bool) -> AnyView {
    match (id, new) {
        (None, false) => view! { <PlanList /> }.into_any(),
        (None, true) => view! { <PlanNew /> }.into_any(),
        (Some(id), _) => view! { <PlanView id /> }.into_any(),
    }
}

/// Trade promotion: the points of sale and their map (`None, false`), a new point
/// (`None, true`), one point.
#[lazy]
fn trade(id: Option<PointOfSaleId>, new: bool) -> AnyView {
    match (id, new) {
        (None, false) => view! { <PointOfSaleList /> }.into_any(),
        (None, true) => view! { <PointOfSaleNew /> }.into_any(),
        (Some(id), _) => view! { <PointOfSaleView id /> }.into_any(),
    }
}

/// The public catalogue (`None` the list, else one entry), for visitors as for the signed-in.
#[lazy]
fn catalogue(id: Option<ProductId>) -> AnyView {
    match id {
        None => view! { <CatalogueList /> }.into_any(),
        Some(id) => view! { <CatalogueProduct id /> }.into_any(),
    }
}

/// Administration: accounts (`None` the list; `Some(None)` a new one), council members, the
/// audit trail.
#[lazy]
fn admin(route: AdminScreen) -> AnyView {
    match route {
        AdminScreen::Users => view! { <UserList /> }.into_any(),
        AdminScreen::UserNew => view! { <UserForm id=None /> }.into_any(),
        AdminScreen::User(id) => view! { <UserForm id=Some(id) /> }.into_any(),
        AdminScreen::CouncilMembers => view! { <CouncilMembers /> }.into_any(),
        AdminScreen::Audit => view! { <AuditTrail /> }.into_any(),
    }
}

#[derive(Clone, Copy)]
enum AdminScreen {
    Users,
    UserNew,
    User(UserId),
    CouncilMembers,
    Audit,
}

/// The screen of `route`, once its part of the wasm is loaded (at once when it already is).
/// `None` for the routes the shell does not show (the print page, the public check, not found).
pub fn screen(route: Route) -> Option<AnyView> {
    if matches!(route, Route::NotFound | Route::Verify(_)) {
        return None;
    }
    let load = async move {
        match route {
            Route::Home => home().await,
            Route::Dashboard => dashboard().await,
            Route::Subjects => subjects(None, false).await,
            Route::SubjectNew => subjects(None, true).await,
            Route::Subject(id) => subjects(Some(id), false).await,
            Route::SubjectEdit(id) => subjects(Some(id), true).await,
            Route::Products => products(None, false).await,
            Route::ProductNew => products(None, true).await,
            Route::Product(id) => products(Some(id), false).await,
            Route::ProductEdit(id) => products(Some(id), true).await,
            Route::Cycles => cycle_list().await,
            Route::CycleNew => cycle_new().await,
            Route::Cycle(id) => cycle(id).await,
            Route::Rounds => rounds(None).await,
            Route::Round(id) => rounds(Some(id)).await,
            Route::RoundScore(round_id, cycle_id) => score(round_id, cycle_id).await,
            Route::Certificates => certificates(None).await,
            Route::Certificate(id) => certificates(Some(id)).await,
            Route::CertificatePrint(id) => certificate_print(id).await,
            Route::Alerts => alerts().await,
            Route::Plans => plans(None, false).await,
            Route::PlanNew => plans(None, true).await,
            Route::Plan(id) => plans(Some(id), false).await,
            Route::PointsOfSale => trade(None, false).await,
            Route::PointOfSaleNew => trade(None, true).await,
            Route::PointOfSale(id) => trade(Some(id), false).await,
            Route::Users => admin(AdminScreen::Users).await,
            Route::UserNew => admin(AdminScreen::UserNew).await,
            Route::User(id) => admin(AdminScreen::User(id)).await,
            Route::CouncilMembers => admin(AdminScreen::CouncilMembers).await,
            Route::Audit => admin(AdminScreen::Audit).await,
            Route::Catalogue => catalogue(None).await,
            Route::CatalogueItem(id) => catalogue(Some(id)).await,
            Route::NotFound | Route::Verify(_) => ().into_any(),
        }
    };
    let pending = move || view! { <p class="muted loading-screen" aria-busy="true">"…"</p> };
    Some(view! { <Suspense fallback=pending>{Suspend::new(load)}</Suspense> }.into_any())
}

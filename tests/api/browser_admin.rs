//! Administration in the browser: the system administrator creates a commune officer through the
//! form (role, commune picked in the grouped unit picker, initial password typed twice), lands on
//! the new account's page and finds it in the list; disables another account behind its
//! confirmation; reads the creation in the audit trail. The new officer then signs in with that
//! password and lands on their own home page. The API confirms each step afterwards.
//!
//! Runs only with `OCOP_BROWSER_TESTS=1` and a built SPA, like the other browser tests.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::browser::{Browser, Tools, browser_tests_enabled, run_in_browser, sign_in};
use crate::helpers::{ADMIN_EMAIL, COMMUNE_A, PASSWORD, spawn_app_with_spa};

const PHONE: (u32, u32) = (390, 844);
const DESKTOP: (u32, u32) = (1280, 800);

/// What the administrator types and does.
#[derive(Clone)]
struct AdminPlan {
    email: String,
    full_name: String,
    password: String,
    commune: i64,
    /// The account to disable.
    other_id: String,
}

#[tokio::test]
async fn the_admin_creates_a_commune_officer_who_signs_in_and_disables_another_account() {
    if !browser_tests_enabled() {
        return;
    }
    let tools = Tools::find("admin");
    let app = spawn_app_with_spa(Some(tools.spa_dir.clone())).await;
    let admin = app.admin().await;
    let commune = app.unit(&admin, COMMUNE_A).await;
    let other = app.user_with_role(&admin, "viewer", COMMUNE_A, None).await;
    let run = uuid::Uuid::new_v4().as_u128() % 1_000_000;
    let plan = AdminPlan {
        email: format!("can.bo.xa.{run}@test.ocop.vn"),
        full_name: format!("Trần Thị Xã {run}"),
        password: format!("mat khau xa moi {run}"),
        commune,
        other_id: other.id.clone(),
    };

    run_in_browser(&tools, &app.address, |b| scenario(b, plan.clone())).await;

    // The account exists with the chosen role and unit, and its password works.
    let found: Value = app
        .get(&admin, &format!("/api/v1/users?q={}", plan.email))
        .await
        .json()
        .await
        .expect("json");
    let items = found["items"].as_array().expect("user items");
    assert_eq!(items.len(), 1, "one account matches: {found}");
    let officer = &items[0];
    assert_eq!(officer["email"], plan.email.as_str());
    assert_eq!(officer["full_name"], plan.full_name.as_str());
    assert_eq!(officer["role"], "commune_officer");
    assert_eq!(officer["unit_id"], plan.commune);
    assert_eq!(officer["status"], "active");
    assert_eq!(
        app.login(&plan.email, &plan.password).await.status(),
        StatusCode::OK
    );
    // The other account is disabled: its sign-in is refused and its token no longer works.
    let disabled: Value = app
        .get(&admin, &format!("/api/v1/users/{}", plan.other_id))
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(disabled["status"], "disabled", "{disabled}");
    assert_ne!(
        app.login(&other.email, PASSWORD).await.status(),
        StatusCode::OK,
        "a disabled account cannot sign in"
    );
    assert_eq!(
        app.get(&other, "/api/v1/me").await.status(),
        StatusCode::UNAUTHORIZED
    );
    // The trail holds the creation, by the administrator.
    let trail: Value = app
        .get(
            &admin,
            &format!(
                "/api/v1/audit/trail?entity=user&entity_id={}&action=user.create",
                officer["id"].as_str().expect("officer id")
            ),
        )
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(trail["total"], 1, "{trail}");
    assert_eq!(trail["items"][0]["actor_id"], json!(admin.id));
}

async fn scenario(b: Browser, plan: AdminPlan) {
    sign_in(&b, ADMIN_EMAIL).await;

    // The form: every field, the commune found by typing its name without diacritics.
    b.goto("/#/users/new").await;
    b.element("#user-form").await;
    b.fill("#field-email", &plan.email).await;
    b.fill("#field-full_name", &plan.full_name).await;
    b.select("#field-role", "commune_officer").await;
    b.fill("#unit-filter", "buon ma thuot").await;
    b.select("#field-unit_id", &plan.commune.to_string()).await;
    b.fill("#field-password", &plan.password).await;
    b.fill("#field-password_again", &plan.password).await;
    b.shot("01-new-officer").await;
    b.click("#form-submit").await;
    // Created: the new account's own page.
    b.until(
        "the new account's page",
        "return /^#\\/users\\/[0-9a-f-]{36}$/.test(location.hash) && \
                !!document.querySelector('#user-title') && \
                document.querySelector('#user-title').textContent.includes(arguments[0]);",
        vec![json!(plan.full_name)],
    )
    .await;
    b.element("#user-access").await;
    b.shot("02-officer-page").await;

    // The list finds it by its email, and the filters stay in the address.
    b.goto("/#/users?role=commune_officer").await;
    b.element("#list-table").await;
    b.fill("#filter-q", &plan.email).await;
    b.contains("#list-table", &plan.email).await;
    b.until(
        "the search in the address",
        "return location.hash.includes('q=') && location.hash.includes('role=commune_officer');",
        vec![],
    )
    .await;
    b.shot("03-list").await;
    b.resize(PHONE.0, PHONE.1).await;
    b.fits_width("the users list on a phone").await;
    b.shot("04-list-phone").await;
    b.resize(DESKTOP.0, DESKTOP.1).await;

    // Disabling another account, behind its confirmation.
    b.goto(&format!("/#/users/{}", plan.other_id)).await;
    b.element("#user-status .badge.user-active").await;
    b.click("#user-status-toggle").await;
    b.element("#user-status-confirm").await;
    b.shot("05-disable-confirm").await;
    b.click("#user-status-confirm").await;
    b.element("#user-status .badge.user-disabled").await;
    b.shot("06-disabled").await;

    // The audit trail lists the creation.
    b.goto("/#/audit?entity=user&action=user.create").await;
    b.contains("#list-table", &plan.full_name).await;
    b.shot("07-audit").await;

    // The new officer signs in with the password the administrator chose.
    b.click("#logout").await;
    b.element("#login-email").await;
    // From the address's root, as someone opening the app would.
    b.goto("/").await;
    b.element("#login-email").await;
    b.fill("#login-email", &plan.email).await;
    b.fill("#login-password", &plan.password).await;
    b.click("#login-submit").await;
    b.until(
        "the officer's home page",
        "const home = document.querySelector('#home'); \
         return !!home && home.dataset.role === 'commune_officer' && \
                ['', '#', '#/', '#/home'].includes(location.hash) && \
                document.querySelector('#user-name').textContent.includes(arguments[0]);",
        vec![json!(plan.full_name)],
    )
    .await;
    b.shot("08-officer-home").await;
}

//! The role × unit matrix: who reaches which rows. Out of scope reads as 404, a forbidden
//! action as 403.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::helpers::*;

#[tokio::test]
async fn commune_officer_cannot_read_another_communes_subject() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let officer_a = app
        .user_with_role(&admin, "commune_officer", COMMUNE_A, None)
        .await;
    let theirs = app
        .create_subject(&admin, COMMUNE_B, "HTX Nước mắm Tuy Hòa")
        .await;
    let ours = app
        .create_subject(&officer_a, COMMUNE_A, "HTX Cà phê Buôn Ma Thuột")
        .await;

    let path = format!("/api/v1/subjects/{}", theirs["id"].as_str().unwrap());
    assert_eq!(
        app.get(&officer_a, &path).await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.patch(&officer_a, &path, 1, json!({"name": "Chiếm"}))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    let audit = app
        .get(
            &officer_a,
            &format!(
                "/api/v1/audit?entity=subject&id={}",
                theirs["id"].as_str().unwrap()
            ),
        )
        .await;
    assert_eq!(audit.status(), StatusCode::NOT_FOUND);
    let list: Value = app
        .get(&officer_a, "/api/v1/subjects")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(list["total"], 1);
    assert_eq!(list["items"][0]["id"], ours["id"]);

    let other_unit = app.unit(&admin, COMMUNE_B).await;
    let res = app
        .post(
            &officer_a,
            "/api/v1/subjects",
            subject_body(other_unit, "HTX ngoài phạm vi"),
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn a_producer_sees_and_edits_only_its_own_subject_and_products() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let own = app.create_subject(&admin, COMMUNE_A, "HTX của tôi").await;
    let other = app.create_subject(&admin, COMMUNE_A, "HTX hàng xóm").await;
    let other_product = app
        .create_product(
            &admin,
            other["id"].as_str().unwrap(),
            "Sản phẩm hàng xóm",
            "I.6",
        )
        .await;
    let producer = app
        .user_with_role(&admin, "producer", COMMUNE_A, own["id"].as_str())
        .await;

    let list: Value = app
        .get(&producer, "/api/v1/subjects")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(list["total"], 1);
    let path = format!("/api/v1/products/{}", other_product["id"].as_str().unwrap());
    assert_eq!(
        app.get(&producer, &path).await.status(),
        StatusCode::NOT_FOUND
    );

    // Producers register products for their own subject without naming it.
    let mut body = product_body("", "Cà phê của tôi", "I.6");
    body.as_object_mut().unwrap().remove("subject_id");
    let mine = app.post(&producer, "/api/v1/products", body).await;
    assert_eq!(mine.status(), StatusCode::CREATED);
    // ...but cannot change their subject's standing.
    let own_path = format!("/api/v1/subjects/{}", own["id"].as_str().unwrap());
    assert_eq!(
        app.patch(&producer, &own_path, 1, json!({"status": "suspended"}))
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.patch(&producer, &own_path, 1, json!({"phone": "0911222333"}))
            .await
            .status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn the_role_matrix_holds_for_every_endpoint() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let subject = app.create_subject(&admin, COMMUNE_A, "HTX Ma trận").await;
    let sid = subject["id"].as_str().unwrap().to_string();
    let unit = app.unit(&admin, COMMUNE_A).await;

    // (role, home unit, may list users, may create subjects, may create products, may read subjects)
    let matrix = [
        ("province_officer", "66", true, true, true, true),
        ("commune_officer", COMMUNE_A, true, true, true, true),
        ("council_member", "66", false, false, false, true),
        ("viewer", COMMUNE_A, false, false, false, true),
    ];
    for (role, home, users, subjects, products, reads) in matrix {
        let user = app.user_with_role(&admin, role, home, None).await;
        let expect =
            |allowed: bool, ok: StatusCode| if allowed { ok } else { StatusCode::FORBIDDEN };
        assert_eq!(
            app.get(&user, "/api/v1/users").await.status(),
            expect(users, StatusCode::OK),
            "{role} list users"
        );
        let created = app
            .post(
                &user,
                "/api/v1/subjects",
                subject_body(unit, &format!("HTX của {role}")),
            )
            .await;
        assert_eq!(
            created.status(),
            expect(subjects, StatusCode::CREATED),
            "{role} create subject"
        );
        let product = app
            .post(
                &user,
                "/api/v1/products",
                product_body(&sid, &format!("Sản phẩm {role}"), "I.6"),
            )
            .await;
        assert_eq!(
            product.status(),
            expect(products, StatusCode::CREATED),
            "{role} create product"
        );
        let read = app.get(&user, &format!("/api/v1/subjects/{sid}")).await;
        assert_eq!(
            read.status(),
            expect(reads, StatusCode::OK),
            "{role} read subject"
        );
        let units = app
            .call(&user, Method::GET, "/api/v1/units?level=commune", None)
            .await;
        assert_eq!(units.status(), StatusCode::OK, "{role} units");
    }
}

#[tokio::test]
async fn officers_grant_only_roles_below_their_own() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let commune = app
        .user_with_role(&admin, "commune_officer", COMMUNE_A, None)
        .await;
    let unit = app.unit(&admin, COMMUNE_A).await;
    let body = |role: &str| json!({"email": format!("{role}@x.vn"), "full_name": "A", "role": role, "unit_id": unit, "password": PASSWORD});
    assert_eq!(
        app.post(&commune, "/api/v1/users", body("viewer"))
            .await
            .status(),
        StatusCode::CREATED
    );
    assert_eq!(
        app.post(&commune, "/api/v1/users", body("province_officer"))
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.post(&commune, "/api/v1/users", body("system_admin"))
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn a_new_communes_officer_sees_records_kept_on_the_old_units_it_absorbed() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    // Phường Tuy Hòa (22015) absorbed the old Phường 1 (22015) and Phường 2 (22018) of Tuy Hòa.
    let units: Value = app
        .get(&admin, "/api/v1/units?history=true&q=22018")
        .await
        .json()
        .await
        .unwrap();
    let old = units
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["code"] == "22018" && u["valid_to"] == "2025-06-30")
        .unwrap();
    assert_eq!(old["successor_ids"].as_array().unwrap().len(), 1);
    let officer = app
        .user_with_role(&admin, "commune_officer", COMMUNE_B, None)
        .await;
    let picker: Value = app
        .get(&officer, "/api/v1/units?history=true")
        .await
        .json()
        .await
        .unwrap();
    assert!(
        picker
            .as_array()
            .unwrap()
            .iter()
            .any(|u| u["id"] == old["id"])
    );
}

/// A round's agenda shows each caller only the dossiers they may read on their own; the
/// council sees all it scores.
#[tokio::test]
async fn a_rounds_agenda_shows_only_the_dossiers_the_caller_may_read() {
    use crate::evaluations::{add_to_agenda, cast, checked_dossier, round_with_council};
    let app = spawn_app().await;
    let cast = cast(&app).await;
    let id = checked_dossier(&app, &cast, 2026, "first_rating", Some(3)).await;
    let round = round_with_council(&app, &cast, "province").await;
    let round_id = round["id"].as_str().unwrap();
    add_to_agenda(&app, &cast, round_id, &id).await;
    let elsewhere = app
        .user_with_role(&cast.admin, "commune_officer", COMMUNE_B, None)
        .await;
    let agenda_of = |user: &User| {
        let (app, path) = (&app, format!("/api/v1/rounds/{round_id}"));
        let user = user.clone();
        async move {
            let one: Value = app.get(&user, &path).await.json().await.unwrap();
            let all: Value = app.get(&user, "/api/v1/rounds").await.json().await.unwrap();
            assert_eq!(one["agenda"], all[0]["agenda"], "the list agrees");
            one["agenda"]
                .as_array()
                .unwrap()
                .iter()
                .map(|item| item["cycle_id"].as_str().unwrap().to_string())
                .collect::<Vec<_>>()
        }
    };
    for (who, user) in [
        ("the council's chair", &cast.chair),
        ("a council member", &cast.member),
        ("the province", &cast.province),
        ("the dossier's commune", &cast.commune),
    ] {
        assert_eq!(agenda_of(user).await, vec![id.clone()], "{who}");
    }
    assert!(agenda_of(&elsewhere).await.is_empty(), "another commune");
    let direct = app.get(&elsewhere, &format!("/api/v1/cycles/{id}")).await;
    assert_eq!(direct.status(), StatusCode::NOT_FOUND, "another commune");
}

#[tokio::test]
async fn one_unit_is_read_within_scope_with_its_dates_and_successors() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let officer = app
        .user_with_role(&admin, "commune_officer", COMMUNE_A, None)
        .await;
    let own = app.unit(&admin, COMMUNE_A).await;
    let other = app.unit(&admin, COMMUNE_B).await;

    let res = app.get(&officer, &format!("/api/v1/units/{own}")).await;
    assert_eq!(res.status(), StatusCode::OK);
    let unit: Value = res.json().await.expect("json");
    assert_eq!(unit["code"], COMMUNE_A);
    assert!(unit["valid_to"].is_null(), "in force: {unit}");

    // Another commune is outside the officer's scope: as if it did not exist.
    let res = app.get(&officer, &format!("/api/v1/units/{other}")).await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    let res = app.get(&officer, "/api/v1/units/99999999").await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);

    // A district, a level abolished on 1 July 2025 (no unit succeeds it), reads with its last day.
    let district = app.abolished_district(&admin).await;
    let unit: Value = app
        .get(&admin, &format!("/api/v1/units/{district}"))
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(unit["valid_to"], "2025-06-30", "{unit}");
    assert_eq!(unit["level"], "district", "{unit}");
}

/// Accounts made before 1 July 2025 may still sit on a district that no longer exists (no new
/// one can be made there). Such an account still signs in and reads its unit's last day, which
/// the SPA shows in a banner asking for a move to a unit in force; it can file nothing on the
/// abolished unit.
#[tokio::test]
async fn an_account_left_on_an_abolished_district_signs_in_and_learns_its_unit_ended() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let officer = app
        .user_with_role(&admin, "commune_officer", COMMUNE_A, None)
        .await;
    let district = app.abolished_district(&admin).await;
    // As the account stood before the reform: behind the API's back, since it refuses this.
    let db = sea_orm::Database::connect(&app.database_url)
        .await
        .expect("connect");
    sea_orm::ConnectionTrait::execute_unprepared(
        &db,
        &format!(
            "UPDATE app_user SET role = 'district_officer', unit_id = {district} \
             WHERE email = '{}'",
            officer.email
        ),
    )
    .await
    .expect("move the account");

    let historical = app.login_ok(&officer.email).await;
    let unit: Value = app
        .get(&historical, &format!("/api/v1/units/{district}"))
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(unit["valid_to"], "2025-06-30", "{unit}");
    let res = app.get(&historical, "/api/v1/subjects").await;
    assert_eq!(res.status(), StatusCode::OK);
    let res = app
        .post(
            &historical,
            "/api/v1/subjects",
            subject_body(district, "HTX Huyện Cũ"),
        )
        .await;
    assert!(
        res.status() == StatusCode::FORBIDDEN || res.status() == StatusCode::UNPROCESSABLE_ENTITY,
        "nothing is filed on an abolished unit: {}",
        res.status()
    );
}

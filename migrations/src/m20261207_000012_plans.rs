//! Plans: programme phases, annual plans and their targets and activities (with training
//! participants and the products shown at fairs), points of sale and the products on sale,
//! e-commerce listings, and the revenue subjects report. Dated facts (`since`/`until`,
//! `opened_on`/`closed_on`, an activity's end) are kept rather than deleted, so the metrics as
//! of a past day read the records as they stood.

use sea_orm_migration::{prelude::*, schema::*};

use crate::index;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The tables in creation order; dropped in reverse.
const TABLES: [&str; 10] = [
    "programme_phase",
    "annual_plan",
    "plan_target",
    "plan_activity",
    "activity_participant",
    "activity_product",
    "point_of_sale",
    "point_of_sale_product",
    "ecommerce_listing",
    "revenue_report",
];

fn a(name: &str) -> Alias {
    Alias::new(name)
}

/// A foreign key `fk_<table>_<column>` to `to(id)`; `cascade` deletes the children with the parent.
fn fk(table: &str, column: &str, to: &str, cascade: bool) -> ForeignKeyCreateStatement {
    let mut key = ForeignKey::create();
    key.name(format!("fk_{table}_{column}"))
        .from(a(table), a(column))
        .to(a(to), a("id"));
    if cascade {
        key.on_delete(ForeignKeyAction::Cascade);
    }
    key.to_owned()
}

/// `version`, `created_at`, `updated_at`: every record the API edits carries them.
fn stamps(table: &mut TableCreateStatement) -> &mut TableCreateStatement {
    table
        .col(integer(a("version")).default(1))
        .col(timestamp_with_time_zone(a("created_at")))
        .col(timestamp_with_time_zone(a("updated_at")))
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let mut phase = Table::create();
        phase
            .table(a("programme_phase"))
            .col(uuid(a("id")).primary_key())
            .col(integer(a("unit_id")))
            .col(string_len(a("name"), 300))
            .col(integer(a("start_year")))
            .col(integer(a("end_year")))
            .col(string_len_null(a("decision_number"), 100))
            .col(date_null(a("decision_date")))
            .col(big_integer_null(a("planned_total")))
            .foreign_key(&mut fk("programme_phase", "unit_id", "admin_unit", false));
        manager.create_table(stamps(&mut phase).to_owned()).await?;

        let mut plan = Table::create();
        plan.table(a("annual_plan"))
            .col(uuid(a("id")).primary_key())
            .col(integer(a("unit_id")))
            .col(uuid_null(a("phase_id")))
            .col(integer(a("year")))
            .col(string_len(a("title"), 300))
            .col(text_null(a("summary")))
            .col(string_len(a("state"), 16))
            .col(string_len_null(a("decision_number"), 100))
            .col(date_null(a("decision_date")))
            .col(date_null(a("closed_on")))
            .foreign_key(&mut fk("annual_plan", "unit_id", "admin_unit", false))
            .foreign_key(&mut fk("annual_plan", "phase_id", "programme_phase", false));
        manager.create_table(stamps(&mut plan).to_owned()).await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_annual_plan_unit_year")
                    .table(a("annual_plan"))
                    .col(a("unit_id"))
                    .col(a("year"))
                    .unique()
                    .to_owned(),
            )
            .await?;

        let mut target = Table::create();
        target
            .table(a("plan_target"))
            .col(uuid(a("id")).primary_key())
            .col(uuid(a("plan_id")))
            .col(string_len(a("metric"), 40))
            // The metric's filter as JSON (`MetricFilter`).
            .col(text(a("filter")))
            .col(string_len(a("title"), 500))
            .col(integer(a("unit_id")))
            .col(integer(a("start_year")))
            .col(integer(a("end_year")))
            .col(string_len(a("direction"), 16))
            .col(big_integer(a("target")))
            .col(big_integer_null(a("target_max")))
            .col(big_integer_null(a("baseline_numerator")))
            .col(big_integer_null(a("baseline_denominator")))
            .col(integer(a("position")))
            .foreign_key(&mut fk("plan_target", "plan_id", "annual_plan", true))
            .foreign_key(&mut fk("plan_target", "unit_id", "admin_unit", false));
        manager.create_table(stamps(&mut target).to_owned()).await?;
        manager
            .create_index(index(a("plan_target"), &["plan_id"]))
            .await?;

        let mut activity = Table::create();
        activity
            .table(a("plan_activity"))
            .col(uuid(a("id")).primary_key())
            .col(uuid(a("plan_id")))
            .col(string_len(a("kind"), 32))
            .col(string_len(a("title"), 300))
            .col(string_len(a("lead_department"), 200))
            // JSON array of names.
            .col(text(a("cooperating_units")))
            // The quarters as digits, e.g. "13" for the first and third.
            .col(string_len(a("quarters"), 4))
            .col(integer(a("unit_id")))
            .col(string_len_null(a("place"), 300))
            .col(date_null(a("starts_on")))
            .col(date_null(a("ends_on")))
            .col(string_len(a("status"), 16))
            .col(text_null(a("results")))
            .foreign_key(&mut fk("plan_activity", "plan_id", "annual_plan", true))
            .foreign_key(&mut fk("plan_activity", "unit_id", "admin_unit", false));
        manager
            .create_table(stamps(&mut activity).to_owned())
            .await?;
        manager
            .create_index(index(a("plan_activity"), &["plan_id"]))
            .await?;
        manager
            .create_index(index(a("plan_activity"), &["kind", "status", "ends_on"]))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(a("activity_participant"))
                    .col(uuid(a("id")).primary_key())
                    .col(uuid(a("activity_id")))
                    .col(string_len(a("full_name"), 200))
                    .col(string_len(a("audience"), 16))
                    .col(uuid_null(a("user_id")))
                    .col(uuid_null(a("subject_id")))
                    .col(integer(a("unit_id")))
                    .col(string_len_null(a("position"), 200))
                    .col(timestamp_with_time_zone(a("created_at")))
                    .foreign_key(&mut fk(
                        "activity_participant",
                        "activity_id",
                        "plan_activity",
                        true,
                    ))
                    .foreign_key(&mut fk(
                        "activity_participant",
                        "user_id",
                        "app_user",
                        false,
                    ))
                    .foreign_key(&mut fk(
                        "activity_participant",
                        "subject_id",
                        "subject",
                        false,
                    ))
                    .foreign_key(&mut fk(
                        "activity_participant",
                        "unit_id",
                        "admin_unit",
                        false,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(a("activity_participant"), &["activity_id"]))
            .await?;
        // An account attends a class once (NULLs — people without an account — are distinct).
        manager
            .create_index(
                Index::create()
                    .name("ux_activity_participant_user")
                    .table(a("activity_participant"))
                    .col(a("activity_id"))
                    .col(a("user_id"))
                    .unique()
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(a("activity_product"))
                    .col(uuid(a("activity_id")))
                    .col(uuid(a("product_id")))
                    .col(timestamp_with_time_zone(a("created_at")))
                    .primary_key(Index::create().col(a("activity_id")).col(a("product_id")))
                    .foreign_key(&mut fk(
                        "activity_product",
                        "activity_id",
                        "plan_activity",
                        true,
                    ))
                    .foreign_key(&mut fk("activity_product", "product_id", "product", false))
                    .to_owned(),
            )
            .await?;

        let mut point = Table::create();
        point
            .table(a("point_of_sale"))
            .col(uuid(a("id")).primary_key())
            .col(string_len(a("kind"), 16))
            .col(string_len(a("name"), 300))
            .col(integer(a("unit_id")))
            .col(string_len(a("address"), 500))
            .col(double_null(a("latitude")))
            .col(double_null(a("longitude")))
            .col(uuid_null(a("operator_subject_id")))
            .col(date(a("opened_on")))
            .col(date_null(a("closed_on")))
            .foreign_key(&mut fk("point_of_sale", "unit_id", "admin_unit", false))
            .foreign_key(&mut fk(
                "point_of_sale",
                "operator_subject_id",
                "subject",
                false,
            ));
        manager.create_table(stamps(&mut point).to_owned()).await?;
        manager
            .create_index(index(a("point_of_sale"), &["unit_id"]))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(a("point_of_sale_product"))
                    .col(uuid(a("id")).primary_key())
                    .col(uuid(a("point_of_sale_id")))
                    .col(uuid(a("product_id")))
                    .col(date(a("since")))
                    .col(date_null(a("until")))
                    .col(timestamp_with_time_zone(a("created_at")))
                    .foreign_key(&mut fk(
                        "point_of_sale_product",
                        "point_of_sale_id",
                        "point_of_sale",
                        true,
                    ))
                    .foreign_key(&mut fk(
                        "point_of_sale_product",
                        "product_id",
                        "product",
                        false,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(a("point_of_sale_product"), &["point_of_sale_id"]))
            .await?;
        manager
            .create_index(index(a("point_of_sale_product"), &["product_id"]))
            .await?;

        let mut listing = Table::create();
        listing
            .table(a("ecommerce_listing"))
            .col(uuid(a("id")).primary_key())
            .col(uuid(a("product_id")))
            .col(string_len(a("platform"), 100))
            .col(string_len(a("url"), 1000))
            .col(date(a("since")))
            .col(date_null(a("until")))
            .foreign_key(&mut fk("ecommerce_listing", "product_id", "product", false));
        manager
            .create_table(stamps(&mut listing).to_owned())
            .await?;
        manager
            .create_index(index(a("ecommerce_listing"), &["product_id"]))
            .await?;

        let mut revenue = Table::create();
        revenue
            .table(a("revenue_report"))
            .col(uuid(a("id")).primary_key())
            .col(uuid(a("subject_id")))
            .col(integer(a("year")))
            .col(string_len(a("channel"), 16))
            .col(big_integer(a("amount")))
            .col(date(a("reported_on")))
            .foreign_key(&mut fk("revenue_report", "subject_id", "subject", false));
        manager
            .create_table(stamps(&mut revenue).to_owned())
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_revenue_report_subject_year_channel")
                    .table(a("revenue_report"))
                    .col(a("subject_id"))
                    .col(a("year"))
                    .col(a("channel"))
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in TABLES.iter().rev() {
            manager
                .drop_table(Table::drop().table(a(table)).to_owned())
                .await?;
        }
        Ok(())
    }
}

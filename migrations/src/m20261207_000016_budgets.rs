//! Budgets: supporting documents, budget lines per unit, phase, year and funding source
//! (original and revised, every revision kept with its day), allocations of a line to a plan
//! or an activity, and the append-only ledger of disbursements and their reversals.
//!
//! The running totals (`budget_line.allocated`, `budget_allocation.disbursed`) are what the
//! service's conditional updates test, so a check and its write are one statement. The database
//! keeps the last word too: amounts are positive, nothing is disbursed beyond its allocation nor
//! below zero, and an entry is reversed at most once (`reverses_id` is unique).

use sea_orm_migration::{prelude::*, schema::*};

use crate::{a, drop_tables, fk, index};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The tables in creation order; dropped in reverse. No foreign key cascades: money records
/// outlive nothing they point at, so deleting a plan or an activity with allocations is refused.
const TABLES: [&str; 5] = [
    "budget_document",
    "budget_line",
    "budget_line_revision",
    "budget_allocation",
    "budget_ledger_entry",
];

/// `column > 0`.
fn positive(column: &str) -> SimpleExpr {
    Expr::col(a(column)).gt(0)
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(a("budget_document"))
                    .col(uuid(a("id")).primary_key())
                    .col(integer(a("unit_id")))
                    .col(string_len(a("file_name"), 200))
                    .col(string_len(a("content_type"), 100))
                    .col(big_integer(a("byte_size")))
                    .col(string_len(a("sha256"), 64))
                    .col(uuid(a("created_by")))
                    .col(timestamp_with_time_zone(a("created_at")))
                    .foreign_key(&mut fk("budget_document", "unit_id", "admin_unit", false))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(a("budget_line"))
                    .col(uuid(a("id")).primary_key())
                    .col(integer(a("unit_id")))
                    .col(uuid_null(a("phase_id")))
                    .col(integer(a("year")))
                    .col(string_len(a("source_code"), 40))
                    .col(string_len(a("title"), 300))
                    .col(string_len_null(a("decision_number"), 100))
                    .col(big_integer(a("original")).check(positive("original")))
                    .col(big_integer_null(a("revised")))
                    .col(string_len_null(a("revision_decision"), 100))
                    .col(date_null(a("revised_on")))
                    .col(big_integer(a("allocated")).default(0))
                    .col(integer(a("version")).default(1))
                    .col(timestamp_with_time_zone(a("created_at")))
                    .col(timestamp_with_time_zone(a("updated_at")))
                    .check(Expr::col(a("allocated")).gte(0))
                    .foreign_key(&mut fk("budget_line", "unit_id", "admin_unit", false))
                    .foreign_key(&mut fk("budget_line", "phase_id", "programme_phase", false))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(a("budget_line"), &["unit_id", "year"]))
            .await?;

        // The line's revisions in the order decided: a report as of a day reads the amount in
        // force then, which a later revision must not overwrite.
        manager
            .create_table(
                Table::create()
                    .table(a("budget_line_revision"))
                    .col(uuid(a("id")).primary_key())
                    .col(uuid(a("line_id")))
                    .col(big_integer(a("amount")).check(positive("amount")))
                    .col(string_len(a("decision_number"), 100))
                    .col(date(a("revised_on")))
                    .col(uuid(a("recorded_by")))
                    .col(timestamp_with_time_zone(a("recorded_at")))
                    .foreign_key(&mut fk(
                        "budget_line_revision",
                        "line_id",
                        "budget_line",
                        false,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(a("budget_line_revision"), &["line_id", "revised_on"]))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(a("budget_allocation"))
                    .col(uuid(a("id")).primary_key())
                    .col(uuid(a("line_id")))
                    // The line's unit, kept on the row so that scoped reads need no join.
                    .col(integer(a("unit_id")))
                    .col(uuid_null(a("plan_id")))
                    .col(uuid_null(a("activity_id")))
                    .col(string_len(a("purpose"), 300))
                    .col(big_integer(a("amount")).check(positive("amount")))
                    .col(big_integer(a("disbursed")).default(0))
                    .col(date(a("allocated_on")))
                    // An allocation beyond the line's remainder: who approved it, why, by which
                    // decision. All three or none.
                    .col(uuid_null(a("approved_by")))
                    .col(text_null(a("approval_reason")))
                    .col(string_len_null(a("approval_decision"), 100))
                    .col(uuid(a("created_by")))
                    .col(integer(a("version")).default(1))
                    .col(timestamp_with_time_zone(a("created_at")))
                    .col(timestamp_with_time_zone(a("updated_at")))
                    .check(
                        Expr::col(a("disbursed"))
                            .gte(0)
                            .and(Expr::col(a("disbursed")).lte(Expr::col(a("amount")))),
                    )
                    .foreign_key(&mut fk(
                        "budget_allocation",
                        "line_id",
                        "budget_line",
                        false,
                    ))
                    .foreign_key(&mut fk(
                        "budget_allocation",
                        "plan_id",
                        "annual_plan",
                        false,
                    ))
                    .foreign_key(&mut fk(
                        "budget_allocation",
                        "activity_id",
                        "plan_activity",
                        false,
                    ))
                    .to_owned(),
            )
            .await?;
        for columns in [&["line_id"][..], &["activity_id"], &["plan_id"]] {
            manager
                .create_index(index(a("budget_allocation"), columns))
                .await?;
        }

        manager
            .create_table(
                Table::create()
                    .table(a("budget_ledger_entry"))
                    .col(uuid(a("id")).primary_key())
                    .col(uuid(a("allocation_id")))
                    .col(uuid(a("line_id")))
                    .col(integer(a("unit_id")))
                    .col(string_len(a("kind"), 16))
                    .col(big_integer(a("amount")).check(positive("amount")))
                    .col(date(a("entry_date")))
                    .col(string_len(a("payee"), 300))
                    .col(string_len(a("document_number"), 100))
                    .col(uuid_null(a("document_id")))
                    .col(uuid_null(a("reverses_id")).unique_key())
                    .col(text_null(a("note")))
                    .col(uuid(a("posted_by")))
                    .col(timestamp_with_time_zone(a("posted_at")))
                    .foreign_key(&mut fk(
                        "budget_ledger_entry",
                        "allocation_id",
                        "budget_allocation",
                        false,
                    ))
                    .foreign_key(&mut fk(
                        "budget_ledger_entry",
                        "line_id",
                        "budget_line",
                        false,
                    ))
                    .foreign_key(&mut fk(
                        "budget_ledger_entry",
                        "document_id",
                        "budget_document",
                        false,
                    ))
                    .foreign_key(&mut fk(
                        "budget_ledger_entry",
                        "reverses_id",
                        "budget_ledger_entry",
                        false,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(a("budget_ledger_entry"), &["allocation_id"]))
            .await?;
        manager
            .create_index(index(a("budget_ledger_entry"), &["unit_id", "entry_date"]))
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, &TABLES).await
    }
}

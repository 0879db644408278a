//! ocop-migrations: the schema, one migration per change. A migration that has landed is never
//! edited; a change is a new file. The same Rust source gives SQLite and PostgreSQL their DDL.

pub use sea_orm_migration::prelude::*;

mod m20261123_000001_units_and_classification;
mod m20261123_000002_subjects_and_products;
mod m20261123_000003_identity_and_audit;
mod m20261123_000004_criteria;
mod m20261123_000005_evaluation_cycle;
mod m20261201_000006_unit_closure;
mod m20261201_000007_auth_hardening;
mod m20261201_000008_record_versions;
mod m20261201_000009_dossier_findings;
mod m20261201_000010_change_pipeline;
mod m20261201_000011_finding_records;
mod m20261207_000012_plans;
mod m20261207_000013_catalogue;
mod m20261207_000014_canonical_gtin;
mod m20261207_000015_catalogue_lapse_by_time;
mod m20261207_000016_budgets;
mod m20261207_000017_cycle_history_index;
mod m20261207_000018_cycle_stay_start;
mod m20261207_000019_cycle_result_figures;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261123_000001_units_and_classification::Migration),
            Box::new(m20261123_000002_subjects_and_products::Migration),
            Box::new(m20261123_000003_identity_and_audit::Migration),
            Box::new(m20261123_000004_criteria::Migration),
            Box::new(m20261123_000005_evaluation_cycle::Migration),
            Box::new(m20261201_000006_unit_closure::Migration),
            Box::new(m20261201_000007_auth_hardening::Migration),
            Box::new(m20261201_000008_record_versions::Migration),
            Box::new(m20261201_000009_dossier_findings::Migration),
            Box::new(m20261201_000010_change_pipeline::Migration),
            Box::new(m20261201_000011_finding_records::Migration),
            Box::new(m20261207_000012_plans::Migration),
            Box::new(m20261207_000013_catalogue::Migration),
            Box::new(m20261207_000014_canonical_gtin::Migration),
            Box::new(m20261207_000015_catalogue_lapse_by_time::Migration),
            Box::new(m20261207_000016_budgets::Migration),
            Box::new(m20261207_000017_cycle_history_index::Migration),
            Box::new(m20261207_000018_cycle_stay_start::Migration),
            Box::new(m20261207_000019_cycle_result_figures::Migration),
        ]
    }
}

/// A table or column name. (Migrations that landed before these helpers keep their own copies:
/// a landed migration is not edited.)
pub(crate) fn a(name: &str) -> Alias {
    Alias::new(name)
}

/// A foreign key `fk_<table>_<column>` to `to(id)`; `cascade` deletes the children with the
/// parent.
pub(crate) fn fk(table: &str, column: &str, to: &str, cascade: bool) -> ForeignKeyCreateStatement {
    let mut key = ForeignKey::create();
    key.name(format!("fk_{table}_{column}"))
        .from(a(table), a(column))
        .to(a(to), a("id"));
    if cascade {
        key.on_delete(ForeignKeyAction::Cascade);
    }
    key.to_owned()
}

/// Drops `tables`, the last first (the reverse of their creation order).
pub(crate) async fn drop_tables(manager: &SchemaManager<'_>, tables: &[&str]) -> Result<(), DbErr> {
    for table in tables.iter().rev() {
        manager
            .drop_table(Table::drop().table(a(table)).to_owned())
            .await?;
    }
    Ok(())
}

/// Creates a plain index on `table(columns)` named `ix_<table>_<columns>`.
pub(crate) fn index(
    table: impl Iden + Clone + 'static,
    columns: &[&'static str],
) -> IndexCreateStatement {
    let name = format!("ix_{}_{}", table.to_string(), columns.join("_"));
    let mut stmt = Index::create();
    stmt.name(name).table(table);
    for c in columns {
        stmt.col(Alias::new(*c));
    }
    stmt.to_owned()
}

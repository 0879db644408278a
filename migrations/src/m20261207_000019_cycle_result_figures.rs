//! A council's result, frozen on the cycle as a JSON document, also gives its two figures that
//! reports count as columns: the stars (0 when not rated) and the average in integer hundredths
//! (as the result holds it). The council-results report read them out of 50,000 documents per
//! call, which was most of its time; the document stays the record, the columns are written
//! with it and never apart. Results already frozen get them from their documents.

use sea_orm::DbBackend;
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::{big_integer_null, small_integer_null};

use crate::a;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Each frozen result and the columns its figures go to.
const RESULTS: [(&str, &str, &str); 2] = [
    (
        "council_result",
        "council_stars",
        "council_average_hundredths",
    ),
    (
        "central_result",
        "central_stars",
        "central_average_hundredths",
    ),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite alters one at a time.
        for (_, stars, average) in RESULTS {
            for column in [small_integer_null(a(stars)), big_integer_null(a(average))] {
                let mut column = column;
                manager
                    .alter_table(
                        Table::alter()
                            .table(a("evaluation_cycle"))
                            .add_column(&mut column)
                            .to_owned(),
                    )
                    .await?;
            }
        }
        let field = |document: &str, name: &str| match manager.get_database_backend() {
            DbBackend::Postgres => format!("(CAST({document} AS json) #>> '{{result,{name}}}')"),
            _ => format!("json_extract({document}, '$.result.{name}')"),
        };
        for (document, stars, average) in RESULTS {
            // The JSON number is the hundredths over 100, printed shortest: ROUND gives them back.
            let sql = format!(
                "UPDATE evaluation_cycle SET {stars} = CAST({s} AS SMALLINT), \
                   {average} = CAST(ROUND(CAST({v} AS DOUBLE PRECISION) * 100) AS BIGINT) \
                 WHERE {document} IS NOT NULL",
                s = field(document, "stars"),
                v = field(document, "average"),
            );
            manager.get_connection().execute_unprepared(&sql).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in RESULTS
            .iter()
            .flat_map(|(_, stars, average)| [stars, average])
        {
            manager
                .alter_table(
                    Table::alter()
                        .table(a("evaluation_cycle"))
                        .drop_column(a(column))
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}

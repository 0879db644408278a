//! A statement's row read as cells, each by its column's kind. The statements cast their
//! integers to BIGINT and their decimals to DOUBLE PRECISION, so each kind reads the same way
//! on both databases.

use chrono::NaiveDate;
use ocop_core::DomainResult;
use sea_orm::QueryResult;

use crate::model::{Cell, Column, ColumnKind};

/// The row's cells, in the columns' order (the statement's select list is in that order).
pub fn cells(row: &QueryResult, columns: &[Column]) -> DomainResult<Vec<Cell>> {
    columns
        .iter()
        .enumerate()
        .map(|(i, column)| cell(row, i, column.kind))
        .collect()
}

fn cell(row: &QueryResult, i: usize, kind: ColumnKind) -> DomainResult<Cell> {
    Ok(match kind {
        ColumnKind::Text => row
            .try_get_by_index::<Option<String>>(i)?
            .map_or(Cell::Null, Cell::Text),
        ColumnKind::Integer | ColumnKind::Dong => row
            .try_get_by_index::<Option<i64>>(i)?
            .map_or(Cell::Null, Cell::Int),
        ColumnKind::Date => row
            .try_get_by_index::<Option<NaiveDate>>(i)?
            .map_or(Cell::Null, Cell::Date),
        ColumnKind::Number => row
            .try_get_by_index::<Option<f64>>(i)?
            .map_or(Cell::Null, |x| Cell::Float(round(x, 2))),
        ColumnKind::Ratio => row
            .try_get_by_index::<Option<f64>>(i)?
            .map_or(Cell::Null, |x| Cell::Float(round(x, 4))),
    })
}

/// `x` to `decimals` places: figures that come from instants (days between two moments) or
/// averages carry noise no reader wants.
pub fn round(x: f64, decimals: i32) -> f64 {
    let scale = 10_f64.powi(decimals);
    (x * scale).round() / scale
}

#[cfg(test)]
mod tests {
    use super::round;

    #[test]
    fn figures_are_rounded_to_their_places() {
        assert_eq!(round(5.000_011_574, 2), 5.0);
        assert_eq!(round(85.333_333, 2), 85.33);
        assert_eq!(round(0.666_666, 4), 0.6667);
    }
}

//! The certificate flows that need more than a count of rows: products recognised and
//! re-rated in a window, each product once.

use std::collections::HashSet;

use chrono::NaiveDate;
use ocop_core::{DomainResult, UnitId};
use ocop_evaluations::DossierType;
use ocop_evaluations::store::tallies as certs;
use sea_orm::ConnectionTrait;

use super::{count_by, stars_in};
use crate::model::{Metric, MetricFilter};

/// Products recognised (a certificate issued on a first-rating dossier) or re-rated (on a
/// re-rating dossier) in the window, per unit, each product once. An upgrade renews a
/// recognition with more stars: it is neither.
pub(super) async fn recognised<C: ConnectionTrait>(
    db: &C,
    metric: Metric,
    filter: &MetricFilter,
    area: UnitId,
    window: (NaiveDate, NaiveDate),
) -> DomainResult<Vec<(UnitId, i64)>> {
    let dossier = if metric == Metric::ReRatedProducts {
        DossierType::ReRating
    } else {
        DossierType::FirstRating
    };
    let rows = certs::issued(db, area, window.0, window.1).await?;
    let mut seen = HashSet::new();
    Ok(count_by(
        rows.into_iter()
            .filter(|c| {
                c.dossier == dossier
                    && stars_in(filter, c.stars)
                    && filter.level.is_none_or(|l| l == c.level)
                    && seen.insert(c.product_id)
            })
            .map(|c| c.unit_id),
    ))
}

//! The progress of a plan's targets on a day, rolled up the unit tree. Nothing is stored: each
//! target's actual is tallied from the live records of its area ([`crate::store::metrics`]),
//! split over the units directly under the area, and assessed by the pure rules of
//! [`crate::model`]. Visible exactly when the plan is; the view can be narrowed to a unit the
//! caller covers, which narrows each share target's area to the deeper of the two. A count or a
//! money target keeps its own unit as the area: its target and baseline are figures for that
//! unit, and a part of it judged against them would read as falling short (`by_unit` shows the
//! parts). A share compares at any level, so it narrows; its typed baseline, being the figure
//! of the target's unit, then gives way to the one tallied over the narrowed area.
//!
//! Targets of a plan often share a metric, a filter and an area: the tallies and the unit groups
//! are read once per call ([`Memo`]).

use std::collections::{BTreeSet, HashMap};

use chrono::NaiveDate;
use ocop_core::store::units;
use ocop_core::{Action, DomainError, DomainResult, Principal, UnitId};
use sea_orm::DatabaseConnection;

use crate::model::{
    Accumulation, Assessment, Measure, Metric, MetricFilter, PlanId, PlanProgress, Quantity,
    TargetOut, TargetProgress, UnitActual, assess, percent_of_target, roll_up,
};
use crate::store::{metrics, plans, targets};

/// The days a target is counted over on `as_of`: the flow window (the period's first day to
/// the day asked, clipped to the period's end; empty — ending before it starts — when the day
/// asked is before the period) and the stock day (the day asked, capped at the period's end).
pub fn counting_days(
    period: (NaiveDate, NaiveDate),
    as_of: NaiveDate,
) -> ((NaiveDate, NaiveDate), NaiveDate) {
    let (first, last) = period;
    let day = as_of.min(last);
    ((first, day), day)
}

/// The area a target is counted over when viewed from `view`: the deeper of the target's unit
/// and the view when one contains the other, none when they lie apart. `under(root, u)` says
/// whether `u` lies in `root`'s subtree (itself included).
pub fn area_for(
    target_unit: UnitId,
    view: UnitId,
    under: impl Fn(UnitId, UnitId) -> bool,
) -> Option<UnitId> {
    if under(view, target_unit) {
        Some(target_unit)
    } else if under(target_unit, view) {
        Some(view)
    } else {
        None
    }
}

/// What one tally is asked for; the filter as its JSON text (it is small and has no `Hash`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct TallyKey {
    metric: Metric,
    filter: String,
    area: UnitId,
    window: (NaiveDate, NaiveDate),
    day: NaiveDate,
}

/// The reads of one progress call, kept so that targets asking the same reuse the answer.
#[derive(Default)]
struct Memo {
    groups: HashMap<(UnitId, NaiveDate), HashMap<UnitId, Vec<UnitId>>>,
    tallies: HashMap<TallyKey, Vec<(UnitId, Quantity)>>,
}

impl Memo {
    /// The units directly under `area` on `day`, with the units each groups.
    async fn groups_under(
        &mut self,
        db: &DatabaseConnection,
        area: UnitId,
        day: NaiveDate,
    ) -> DomainResult<HashMap<UnitId, Vec<UnitId>>> {
        if let Some(hit) = self.groups.get(&(area, day)) {
            return Ok(hit.clone());
        }
        let groups = units::groups_under(db, area, day).await?;
        self.groups.insert((area, day), groups.clone());
        Ok(groups)
    }

    /// The metric's figures per unit of `area` (see [`metrics::tally`]).
    async fn tally(
        &mut self,
        db: &DatabaseConnection,
        metric: Metric,
        filter: &MetricFilter,
        area: UnitId,
        window: (NaiveDate, NaiveDate),
        day: NaiveDate,
    ) -> DomainResult<Vec<(UnitId, Quantity)>> {
        let key = TallyKey {
            metric,
            filter: serde_json::to_string(filter)
                .map_err(|e| DomainError::Internal(format!("metric filter: {e}")))?,
            area,
            window,
            day,
        };
        if let Some(hit) = self.tallies.get(&key) {
            return Ok(hit.clone());
        }
        let rows = metrics::tally(db, metric, filter, area, window, day).await?;
        self.tallies.insert(key, rows.clone());
        Ok(rows)
    }
}

/// The area a target of `measure` over `target_unit` is counted over when viewed from `view`:
/// a share narrows to the deeper of the two ([`area_for`]); a count or an amount stays its
/// target's unit, since its target and baseline are that unit's figures. None when the two lie
/// apart.
pub fn target_area(
    measure: Measure,
    target_unit: UnitId,
    view: UnitId,
    under: impl Fn(UnitId, UnitId) -> bool,
) -> Option<UnitId> {
    let area = area_for(target_unit, view, under)?;
    Some(match measure {
        Measure::Share => area,
        Measure::Count | Measure::Money => target_unit,
    })
}

/// The figures of every target of `plan` as of `as_of`, viewed from `unit` (default: the
/// plan's unit).
pub async fn progress(
    db: &DatabaseConnection,
    principal: &Principal,
    plan: PlanId,
    unit: Option<UnitId>,
    as_of: NaiveDate,
    today: NaiveDate,
) -> DomainResult<PlanProgress> {
    principal.require(Action::PlansRead)?;
    if as_of > today {
        return Err(DomainError::field("as_of", "in_future"));
    }
    let plan_row = plans::plan_in_scope(db, principal, plan).await?;
    let view = unit.unwrap_or(UnitId(plan_row.unit_id));
    if !principal.covers_unit(view) {
        return Err(DomainError::not_found("unit"));
    }
    let view_name = units::names_by_ids(db, [view.0]).await?;
    if view_name.is_empty() {
        return Err(DomainError::not_found("unit"));
    }
    let rows = targets::list(db, principal, plan).await?;
    // Subtrees per unit, read once each: the view's and each target unit's.
    let mut subtrees: HashMap<UnitId, BTreeSet<UnitId>> = HashMap::new();
    let mut memo = Memo::default();
    let mut out = Vec::new();
    for t in rows {
        for u in [view, t.unit_id] {
            if let std::collections::hash_map::Entry::Vacant(slot) = subtrees.entry(u) {
                slot.insert(units::subtree(db, u).await?);
            }
        }
        let under = |root: UnitId, u: UnitId| subtrees.get(&root).is_some_and(|s| s.contains(&u));
        let Some(area) = target_area(t.metric.measure(), t.unit_id, view, under) else {
            continue;
        };
        out.push(target_progress(db, &mut memo, t, area, as_of).await?);
    }
    // The names of the areas and their groups, in one query.
    let ids: BTreeSet<i32> = out
        .iter()
        .flat_map(|t| std::iter::once(t.unit_id.0).chain(t.by_unit.iter().map(|u| u.unit_id.0)))
        .collect();
    let names = units::names_by_ids(db, ids).await?;
    for t in &mut out {
        t.unit_name = names.get(&t.unit_id.0).cloned().unwrap_or_default();
        for u in &mut t.by_unit {
            u.unit_name = names.get(&u.unit_id.0).cloned().unwrap_or_default();
        }
    }
    Ok(PlanProgress {
        plan_id: plan,
        unit_id: view,
        as_of,
        targets: out,
    })
}

/// One target's figures over `area` (names filled in by the caller).
async fn target_progress(
    db: &DatabaseConnection,
    memo: &mut Memo,
    t: TargetOut,
    area: UnitId,
    as_of: NaiveDate,
) -> DomainResult<TargetProgress> {
    let metric = t.metric;
    let measure = metric.measure();
    let accumulation = metric.accumulation();
    let period = t.period();
    let (window, day) = counting_days(period, as_of);
    let per_unit = memo.tally(db, metric, &t.filter, area, window, day).await?;
    // A split commune falls in two groups: the total is summed over the units, not the groups.
    let actual = metrics::total(measure, &per_unit);
    let groups = memo.groups_under(db, area, day).await?;
    let by_unit = roll_up(measure, &per_unit, &groups)
        .into_iter()
        .map(|(unit_id, q)| UnitActual {
            unit_id,
            unit_name: String::new(),
            actual: q,
            value: q.value(),
        })
        .collect();
    // A typed baseline is the figure of the target's own unit: over a narrowed area (a share
    // viewed from a unit under the target's) it does not apply and is tallied like an untyped one.
    let typed = t.baseline.filter(|_| area == t.unit_id);
    let baseline = match (typed, accumulation) {
        (Some(typed), _) => typed,
        (None, Accumulation::Flow) => Quantity::zero(measure),
        (None, Accumulation::Stock) => {
            // The state of the records on the day before the period starts.
            let before = period.0.pred_opt().unwrap_or(period.0);
            let rows = memo
                .tally(db, metric, &t.filter, area, (before, before), before)
                .await?;
            metrics::total(measure, &rows)
        }
    };
    let actual_value = actual.value();
    let assessment = Assessment {
        direction: t.direction,
        accumulation,
        baseline: baseline.value(),
        target: t.target as f64,
        period,
    };
    let reading = actual_value.unwrap_or(0.0);
    let (status, basis) = assess(&assessment, reading, as_of);
    Ok(TargetProgress {
        target_id: t.id,
        title: t.title,
        metric,
        measure,
        accumulation,
        filter: t.filter,
        direction: t.direction,
        unit_id: area,
        unit_name: String::new(),
        period_start: period.0,
        period_end: period.1,
        baseline,
        baseline_value: baseline.value(),
        target: t.target,
        target_max: t.target_max,
        actual,
        actual_value,
        percent: actual_value
            .and_then(|v| percent_of_target(t.direction, basis.start, t.target as f64, v)),
        status,
        basis,
        above_range: t.target_max.is_some_and(|max| reading > max as f64),
        by_unit,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn a_flow_runs_from_the_period_start_to_the_day_asked() {
        let ((from, to), on) = counting_days((d(2027, 1, 1), d(2027, 12, 31)), d(2027, 3, 10));
        assert_eq!(
            (from, to, on),
            (d(2027, 1, 1), d(2027, 3, 10), d(2027, 3, 10))
        );
    }

    #[test]
    fn after_the_period_the_window_and_the_stock_day_stop_at_its_end() {
        let ((from, to), on) = counting_days((d(2026, 1, 1), d(2026, 12, 31)), d(2027, 3, 10));
        assert_eq!(
            (from, to, on),
            (d(2026, 1, 1), d(2026, 12, 31), d(2026, 12, 31))
        );
    }

    #[test]
    fn the_area_is_the_deeper_of_the_target_unit_and_the_view() {
        let (province, commune, other) = (UnitId(1), UnitId(2), UnitId(3));
        let under = |root: UnitId, u: UnitId| root == u || (root == province && u == commune);
        assert_eq!(area_for(province, commune, under), Some(commune));
        assert_eq!(area_for(commune, province, under), Some(commune));
        assert_eq!(area_for(province, province, under), Some(province));
        assert_eq!(area_for(commune, other, under), None);
    }

    #[test]
    fn only_a_share_narrows_to_the_view() {
        let (province, commune) = (UnitId(1), UnitId(2));
        let under = |root: UnitId, u: UnitId| root == u || (root == province && u == commune);
        assert_eq!(
            target_area(Measure::Share, province, commune, under),
            Some(commune)
        );
        assert_eq!(
            target_area(Measure::Count, province, commune, under),
            Some(province)
        );
        assert_eq!(
            target_area(Measure::Money, province, commune, under),
            Some(province)
        );
        assert_eq!(
            target_area(Measure::Count, commune, province, under),
            Some(commune)
        );
        assert_eq!(target_area(Measure::Count, commune, UnitId(3), under), None);
    }

    #[test]
    fn before_the_period_the_flow_window_is_empty() {
        let ((from, to), _) = counting_days((d(2028, 1, 1), d(2028, 12, 31)), d(2027, 3, 10));
        assert!(to < from);
    }
}

//! The target form's inputs as typed: filled from a target being edited, read back into a
//! `TargetIn` (with the filter fields the metric takes) or the fields to fix, and the merge
//! patch an edit sends.

use leptos::prelude::*;
use ocop_core::{FieldError, UnitId};
use ocop_plans::{
    Audience, Direction, Measure, Metric, MetricFilter, MetricInfo, PointOfSaleKind, Quantity,
    TargetIn, TargetOut, TargetPatch,
};
use ocop_subjects::SubjectKind;

use super::{amount_text, parse_amount};
use crate::components::fields::local_error;
use crate::format::{from_wire, merge_patch, optional, wire};
use crate::i18n::plans::pl;

/// The form's inputs as typed.
#[derive(Clone, Copy)]
pub(super) struct Inputs {
    pub(super) metric: RwSignal<String>,
    pub(super) title: RwSignal<String>,
    pub(super) unit_id: RwSignal<String>,
    pub(super) start_year: RwSignal<String>,
    pub(super) end_year: RwSignal<String>,
    pub(super) direction: RwSignal<String>,
    pub(super) target: RwSignal<String>,
    pub(super) target_max: RwSignal<String>,
    pub(super) baseline: RwSignal<String>,
    pub(super) baseline_of: RwSignal<String>,
    pub(super) min_stars: RwSignal<String>,
    pub(super) max_stars: RwSignal<String>,
    pub(super) level: RwSignal<String>,
    pub(super) audience: RwSignal<String>,
    pub(super) subject_kinds: RwSignal<Vec<String>>,
    pub(super) point_kinds: RwSignal<Vec<String>>,
}

impl Inputs {
    pub(super) fn new(year: i32, editing: Option<&TargetOut>) -> Self {
        let s = |v: String| RwSignal::new(v);
        let Some(t) = editing else {
            return Self {
                metric: s(String::new()),
                title: s(String::new()),
                unit_id: s(String::new()),
                start_year: s(year.to_string()),
                end_year: s(year.to_string()),
                direction: s(Direction::AtLeast.as_str().to_string()),
                target: s(String::new()),
                target_max: s(String::new()),
                baseline: s(String::new()),
                baseline_of: s(String::new()),
                min_stars: s(String::new()),
                max_stars: s(String::new()),
                level: s(String::new()),
                audience: s(String::new()),
                subject_kinds: RwSignal::new(Vec::new()),
                point_kinds: RwSignal::new(Vec::new()),
            };
        };
        let f = &t.filter;
        let opt = |v: Option<u8>| v.map(|v| v.to_string()).unwrap_or_default();
        let (baseline, baseline_of) = match t.baseline {
            Some(q) => (
                q.numerator.to_string(),
                q.denominator.map(|d| d.to_string()).unwrap_or_default(),
            ),
            None => (String::new(), String::new()),
        };
        Self {
            metric: s(t.metric.as_str().to_string()),
            title: s(t.title.clone()),
            unit_id: s(t.unit_id.0.to_string()),
            start_year: s(t.start_year.to_string()),
            end_year: s(t.end_year.to_string()),
            direction: s(t.direction.as_str().to_string()),
            target: s(amount_text(t.measure, t.target)),
            target_max: s(t
                .target_max
                .map(|m| amount_text(t.measure, m))
                .unwrap_or_default()),
            baseline: s(baseline),
            baseline_of: s(baseline_of),
            min_stars: s(opt(f.min_stars)),
            max_stars: s(opt(f.max_stars)),
            level: s(f.level.map(|l| wire(&l)).unwrap_or_default()),
            audience: s(f
                .audience
                .map(|a| a.as_str().to_string())
                .unwrap_or_default()),
            subject_kinds: RwSignal::new(
                f.subject_kinds
                    .iter()
                    .map(|k| k.as_str().to_string())
                    .collect(),
            ),
            point_kinds: RwSignal::new(
                f.point_kinds
                    .iter()
                    .map(|k| k.as_str().to_string())
                    .collect(),
            ),
        }
    }

    pub(super) fn metric(&self) -> Option<Metric> {
        self.metric.with(|m| Metric::parse(m))
    }

    /// The filter from the fields the metric takes; the others are left empty.
    fn filter(&self, takes: &[String]) -> MetricFilter {
        let has = |name: &str| takes.iter().any(|f| f == name);
        let star = |v: RwSignal<String>| v.get_untracked().parse::<u8>().ok();
        MetricFilter {
            min_stars: has("min_stars").then(|| star(self.min_stars)).flatten(),
            max_stars: has("max_stars").then(|| star(self.max_stars)).flatten(),
            level: has("level")
                .then(|| from_wire(&self.level.get_untracked()))
                .flatten(),
            audience: has("audience")
                .then(|| Audience::parse(&self.audience.get_untracked()))
                .flatten(),
            subject_kinds: if has("subject_kinds") {
                self.subject_kinds
                    .get_untracked()
                    .iter()
                    .filter_map(|k| SubjectKind::parse(k))
                    .collect()
            } else {
                Vec::new()
            },
            point_kinds: if has("point_kinds") {
                self.point_kinds
                    .get_untracked()
                    .iter()
                    .filter_map(|k| PointOfSaleKind::parse(k))
                    .collect()
            } else {
                Vec::new()
            },
        }
    }

    /// The whole target as typed, or the fields to fix.
    pub(super) fn read(
        &self,
        infos: &[MetricInfo],
        t: &crate::i18n::Dict,
    ) -> Result<TargetIn, Vec<FieldError>> {
        let p = pl(t);
        let mut errors = Vec::new();
        let metric = self.metric();
        if metric.is_none() {
            errors.push(local_error("metric", t.required));
        }
        let measure = metric.map_or(Measure::Count, Metric::measure);
        let title = optional(&self.title.get_untracked());
        if title.is_none() {
            errors.push(local_error("title", t.required));
        }
        let unit = self.unit_id.get_untracked().parse::<i32>().ok().map(UnitId);
        if unit.is_none() {
            errors.push(local_error("unit_id", t.required));
        }
        let year = |v: RwSignal<String>, name: &str, errors: &mut Vec<FieldError>| {
            let y = v.get_untracked().trim().parse::<i32>().ok();
            if y.is_none() {
                errors.push(local_error(name, t.whole_number));
            }
            y
        };
        let start_year = year(self.start_year, "start_year", &mut errors);
        let end_year = year(self.end_year, "end_year", &mut errors);
        let amount = |v: RwSignal<String>, name: &str, m: Measure, errors: &mut Vec<FieldError>| {
            parse_amount(m, &v.get_untracked()).unwrap_or_else(|()| {
                errors.push(local_error(name, p.not_found_number));
                None
            })
        };
        let target = amount(self.target, "target", measure, &mut errors);
        if target.is_none() && !errors.iter().any(|e| e.field == "target") {
            errors.push(local_error("target", t.required));
        }
        let target_max = amount(self.target_max, "target_max", measure, &mut errors);
        // A baseline's parts are counts (or đồng), never percentages.
        let numerator = amount(
            self.baseline,
            "baseline.numerator",
            Measure::Count,
            &mut errors,
        );
        let denominator = if measure == Measure::Share {
            amount(
                self.baseline_of,
                "baseline.denominator",
                Measure::Count,
                &mut errors,
            )
        } else {
            None
        };
        let baseline = numerator.map(|n| Quantity {
            numerator: n,
            denominator,
        });
        let takes = metric
            .and_then(|m| infos.iter().find(|i| i.metric == m))
            .map(|i| i.filters.clone())
            .unwrap_or_default();
        match (metric, title, unit, start_year, end_year, target) {
            (
                Some(metric),
                Some(title),
                Some(unit_id),
                Some(start_year),
                Some(end_year),
                Some(target),
            ) if errors.is_empty() => Ok(TargetIn {
                metric,
                filter: self.filter(&takes),
                title,
                unit_id,
                start_year,
                end_year,
                direction: Direction::parse(&self.direction.get_untracked())
                    .unwrap_or(Direction::AtLeast),
                target,
                target_max,
                baseline,
            }),
            _ => Err(errors),
        }
    }
}

/// What an edit sends: every field but the metric, with the range's top and the baseline
/// cleared when emptied.
pub(super) fn patch_of(input: TargetIn) -> serde_json::Value {
    let patch = TargetPatch {
        title: Some(input.title),
        filter: Some(input.filter),
        unit_id: Some(input.unit_id),
        start_year: Some(input.start_year),
        end_year: Some(input.end_year),
        direction: Some(input.direction),
        target: Some(input.target),
        clear_target_max: input.target_max.is_none(),
        target_max: input.target_max,
        clear_baseline: input.baseline.is_none(),
        baseline: input.baseline,
    };
    merge_patch(&patch, &[])
}

//! The points of sale on a map drawn from their own coordinates: no tile server and no province
//! boundary is available offline, so the frame is the points' bounding box with a margin, in an
//! equirectangular projection (longitudes shrunk by the cosine of the middle latitude, so a
//! kilometre is about as long both ways), with a light graticule labelled in degrees. Each point
//! is a circle coloured by kind, named by its `<title>`, and a link to the point.

use leptos::prelude::*;
use ocop_plans::{PointOfSaleKind, PointOfSaleOut};

use crate::route::Route;
use crate::state::use_app;

/// The drawing's width in user units; the height follows the frame's shape.
const WIDTH: f64 = 600.0;
const MIN_HEIGHT: f64 = 260.0;
const MAX_HEIGHT: f64 = 450.0;
/// Room around the points, as a share of their spread.
const MARGIN: f64 = 0.12;
/// The smallest spread shown, in degrees (a single point, or points in one street).
const MIN_SPAN: f64 = 0.05;

/// A kind's colour on the map and in the legend.
pub fn colour(kind: PointOfSaleKind) -> &'static str {
    match kind {
        PointOfSaleKind::Kiosk => "#d97706",
        PointOfSaleKind::DisplayPoint => "#2563eb",
        PointOfSaleKind::Shop => "#059669",
        PointOfSaleKind::OcopCentre => "#b91c1c",
    }
}

/// The part of the earth drawn, and the drawing's size.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Frame {
    pub west: f64,
    pub east: f64,
    pub south: f64,
    pub north: f64,
    pub width: f64,
    pub height: f64,
}

impl Frame {
    /// The frame around `(latitude, longitude)` points; `None` when there are none.
    pub fn fit(points: &[(f64, f64)]) -> Option<Self> {
        let first = points.first()?;
        let (mut south, mut north, mut west, mut east) = (first.0, first.0, first.1, first.1);
        for &(lat, lon) in points {
            south = south.min(lat);
            north = north.max(lat);
            west = west.min(lon);
            east = east.max(lon);
        }
        let mid = (south + north) / 2.0;
        let shrink = mid.to_radians().cos().max(0.1);
        let lat_span = (north - south).max(MIN_SPAN) * (1.0 + 2.0 * MARGIN);
        let lon_span = (east - west).max(MIN_SPAN) * (1.0 + 2.0 * MARGIN);
        let mid_lon = (west + east) / 2.0;
        // One scale both ways: widen whichever span keeps the height within bounds.
        let mut lat_span = lat_span;
        let mut lon_span = lon_span;
        let height = WIDTH * lat_span / (lon_span * shrink);
        let height = if height < MIN_HEIGHT {
            lat_span = MIN_HEIGHT * lon_span * shrink / WIDTH;
            MIN_HEIGHT
        } else if height > MAX_HEIGHT {
            lon_span = lat_span * WIDTH / (MAX_HEIGHT * shrink);
            MAX_HEIGHT
        } else {
            height
        };
        Some(Self {
            west: mid_lon - lon_span / 2.0,
            east: mid_lon + lon_span / 2.0,
            south: mid - lat_span / 2.0,
            north: mid + lat_span / 2.0,
            width: WIDTH,
            height,
        })
    }

    /// Where a point falls in the drawing (y grows southwards).
    pub fn project(&self, lat: f64, lon: f64) -> (f64, f64) {
        let x = (lon - self.west) / (self.east - self.west) * self.width;
        let y = (self.north - lat) / (self.north - self.south) * self.height;
        (x, y)
    }

    /// The graticule's step in degrees: a round number giving a few lines across the frame.
    pub fn step(&self) -> f64 {
        let span = (self.east - self.west).max(self.north - self.south);
        [0.01, 0.02, 0.05, 0.1, 0.2, 0.25, 0.5, 1.0, 2.0, 5.0, 10.0]
            .into_iter()
            .find(|step| span / step <= 6.0)
            .unwrap_or(20.0)
    }

    /// The round degrees inside `[from, to]` at `step`.
    pub fn ticks(from: f64, to: f64, step: f64) -> Vec<f64> {
        let first = (from / step).ceil() as i64;
        let last = (to / step).floor() as i64;
        (first..=last).map(|i| i as f64 * step).collect()
    }
}

/// A degree label, as many decimals as the step needs: `108.5°E`, `12.25°N`.
pub fn degrees(value: f64, step: f64, positive: char, negative: char) -> String {
    let decimals = if step >= 1.0 {
        0
    } else if step >= 0.1 && (step * 10.0).fract().abs() < 1e-9 {
        1
    } else {
        2
    };
    let hemisphere = if value < 0.0 { negative } else { positive };
    format!("{:.*}°{hemisphere}", decimals, value.abs())
}

/// `#pos-map`: the points with coordinates; nothing when none has any.
#[component]
pub fn PointsMap(points: Vec<PointOfSaleOut>) -> impl IntoView {
    let app = use_app();
    let placed: Vec<(PointOfSaleOut, f64, f64)> = points
        .into_iter()
        .filter_map(|p| match (p.latitude, p.longitude) {
            (Some(lat), Some(lon)) => Some((p, lat, lon)),
            _ => None,
        })
        .collect();
    let coordinates: Vec<(f64, f64)> = placed.iter().map(|(_, lat, lon)| (*lat, *lon)).collect();
    let Some(frame) = Frame::fit(&coordinates) else {
        return view! { <p id="pos-map-empty" class="muted">{move || app.lang.get().trade().map_empty}</p> }
            .into_any();
    };
    let step = frame.step();
    let meridians = Frame::ticks(frame.west, frame.east, step)
        .into_iter()
        .map(|lon| {
            let (x, _) = frame.project(frame.north, lon);
            view! {
                <g class="graticule">
                    <line x1=x y1="0" x2=x y2=frame.height />
                    <text x=x + 3.0 y=frame.height - 4.0>{degrees(lon, step, 'E', 'W')}</text>
                </g>
            }
        })
        .collect_view();
    let parallels = Frame::ticks(frame.south, frame.north, step)
        .into_iter()
        .map(|lat| {
            let (_, y) = frame.project(lat, frame.west);
            view! {
                <g class="graticule">
                    <line x1="0" y1=y x2=frame.width y2=y />
                    <text x="3" y=y - 3.0>{degrees(lat, step, 'N', 'S')}</text>
                </g>
            }
        })
        .collect_view();
    let dots = placed
        .into_iter()
        .map(|(p, lat, lon)| {
            let (x, y) = frame.project(lat, lon);
            let closed = p.closed_on.is_some();
            view! {
                <g class="map-point" class:closed=closed data-id=p.id.to_string()>
                    <a href=Route::PointOfSale(p.id).href()>
                        <circle cx=x cy=y r="9" fill=colour(p.kind) stroke="#ffffff" stroke-width="1.5" />
                        <title>{p.name}</title>
                    </a>
                </g>
            }
        })
        .collect_view();
    view! {
        <svg
            id="pos-map"
            class="pos-map"
            role="group"
            aria-label=move || app.lang.get().trade().map_label
            viewBox=format!("0 0 {} {:.0}", frame.width, frame.height)
            preserveAspectRatio="xMidYMid meet"
        >
            <rect class="map-ground" x="0" y="0" width=frame.width height=frame.height />
            {meridians}
            {parallels}
            {dots}
        </svg>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_frame_holds_every_point_with_a_margin_and_one_scale() {
        let points = [(12.60, 107.90), (12.80, 108.30), (12.70, 108.10)];
        let frame = Frame::fit(&points).unwrap_or_else(|| unreachable!());
        for (lat, lon) in points {
            let (x, y) = frame.project(lat, lon);
            assert!(x > 10.0 && x < frame.width - 10.0, "x {x}");
            assert!(y > 10.0 && y < frame.height - 10.0, "y {y}");
        }
        // A degree of latitude is longer on the drawing than a degree of longitude.
        let per_lat = frame.height / (frame.north - frame.south);
        let per_lon = frame.width / (frame.east - frame.west);
        let shrink = 12.7_f64.to_radians().cos();
        assert!((per_lon / per_lat - shrink).abs() < 0.01);
        // North is up.
        assert!(frame.project(12.8, 108.0).1 < frame.project(12.6, 108.0).1);
    }

    #[test]
    fn one_point_or_none_still_draws_sensibly() {
        assert_eq!(Frame::fit(&[]), None);
        let frame = Frame::fit(&[(12.5, 108.0)]).unwrap_or_else(|| unreachable!());
        let (x, y) = frame.project(12.5, 108.0);
        assert!((x - frame.width / 2.0).abs() < 1e-6);
        assert!((y - frame.height / 2.0).abs() < 1e-6);
        assert!(frame.height >= MIN_HEIGHT && frame.height <= MAX_HEIGHT);
    }

    #[test]
    fn the_graticule_has_a_few_round_lines_with_degree_labels() {
        let frame = Frame::fit(&[(12.0, 107.5), (13.5, 108.9)]).unwrap_or_else(|| unreachable!());
        let step = frame.step();
        let lines = Frame::ticks(frame.west, frame.east, step).len();
        assert!((2..=7).contains(&lines), "{lines} lines at {step}");
        assert_eq!(Frame::ticks(12.1, 12.9, 0.25), vec![12.25, 12.5, 12.75]);
        assert_eq!(degrees(108.5, 0.5, 'E', 'W'), "108.5°E");
        assert_eq!(degrees(12.25, 0.25, 'N', 'S'), "12.25°N");
        assert_eq!(degrees(-3.0, 1.0, 'N', 'S'), "3°S");
    }
}

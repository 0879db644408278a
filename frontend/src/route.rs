//! Screens addressed by the URL hash (`#/subjects/<id>`), so reloads and the back button work
//! without the server knowing any client route. A list's filters ride in the hash's query
//! (`#/cycles?state=scored&q=ca+phe`), so a filtered list can be shared and bookmarked.

use ocop_core::{ProductId, SubjectId, UserId};
use ocop_evaluations::{CertificateId, CycleId, RoundId};
use ocop_plans::PlanId;
use ocop_plans::PointOfSaleId;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// The signed-in user's work, different for each role.
    Home,
    /// The figures of a unit at a glance, drawn from the reports (unit, day and year in the
    /// query: `#/dashboard?unit_id=12&as_of=2027-03-10&year=2027`).
    Dashboard,
    /// A hash no screen answers to.
    NotFound,
    Subjects,
    SubjectNew,
    Subject(SubjectId),
    SubjectEdit(SubjectId),
    Products,
    ProductNew,
    Product(ProductId),
    ProductEdit(ProductId),
    Cycles,
    /// A new dossier; the product may come preselected in the query (`?product=<id>`).
    CycleNew,
    Cycle(CycleId),
    Rounds,
    Round(RoundId),
    /// A council member's sheet: the round, then the dossier's cycle.
    RoundScore(RoundId, CycleId),
    Certificates,
    Certificate(CertificateId),
    /// The certificate alone on an A4 page, to print or save as PDF.
    CertificatePrint(CertificateId),
    Alerts,
    /// Annual plans: the list, a new one, one plan with its targets' progress and activities.
    Plans,
    PlanNew,
    Plan(PlanId),
    /// Points of sale: the list with its map (filters in the query), a new one, one point.
    PointsOfSale,
    PointOfSaleNew,
    PointOfSale(PointOfSaleId),
    Users,
    UserNew,
    User(UserId),
    CouncilMembers,
    Audit,
    /// The public verification page: a form to type a code, or one certificate's status.
    /// Needs no sign-in.
    Verify(Option<String>),
    /// The public catalogue of certified products in force (filters in the query), and one
    /// entry by its product's id. Needs no sign-in.
    Catalogue,
    CatalogueItem(ProductId),
}

/// The header's sections, to mark the active link.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Home,
    Dashboard,
    Subjects,
    Products,
    Cycles,
    Rounds,
    Certificates,
    Alerts,
    Plans,
    PointsOfSale,
    Users,
    CouncilMembers,
    Audit,
}

/// Verification codes are short and URL-safe; anything else is not one.
fn is_code(text: &str) -> bool {
    !text.is_empty()
        && text.len() <= 64
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// `Some(route)` when `id` parses, else the "not found" page: a mistyped link must say so.
fn with_id<T: std::str::FromStr>(id: &str, route: impl FnOnce(T) -> Route) -> Route {
    id.parse().map(route).unwrap_or(Route::NotFound)
}

impl Route {
    pub fn parse(hash: &str) -> Self {
        let path = hash.trim_start_matches('#');
        let path = path.split_once('?').map_or(path, |(path, _)| path);
        let path = path.trim_matches('/');
        let parts: Vec<&str> = path.split('/').collect();
        match parts.as_slice() {
            [""] | ["home"] => Self::Home,
            ["dashboard"] => Self::Dashboard,
            ["subjects"] => Self::Subjects,
            ["subjects", "new"] => Self::SubjectNew,
            ["subjects", id] => with_id(id, Self::Subject),
            ["subjects", id, "edit"] => with_id(id, Self::SubjectEdit),
            ["products"] => Self::Products,
            ["products", "new"] => Self::ProductNew,
            ["products", id] => with_id(id, Self::Product),
            ["products", id, "edit"] => with_id(id, Self::ProductEdit),
            ["cycles"] => Self::Cycles,
            ["cycles", "new"] => Self::CycleNew,
            ["cycles", id] => with_id(id, Self::Cycle),
            ["rounds"] => Self::Rounds,
            ["rounds", id] => with_id(id, Self::Round),
            ["rounds", round, "score", cycle] => match (round.parse(), cycle.parse()) {
                (Ok(round), Ok(cycle)) => Self::RoundScore(round, cycle),
                _ => Self::NotFound,
            },
            ["certificates"] => Self::Certificates,
            ["certificates", id] => with_id(id, Self::Certificate),
            ["certificates", id, "print"] => with_id(id, Self::CertificatePrint),
            ["alerts"] => Self::Alerts,
            ["plans"] => Self::Plans,
            ["plans", "new"] => Self::PlanNew,
            ["plans", id] => with_id(id, Self::Plan),
            ["points-of-sale"] => Self::PointsOfSale,
            ["points-of-sale", "new"] => Self::PointOfSaleNew,
            ["points-of-sale", id] => with_id(id, Self::PointOfSale),
            ["users"] => Self::Users,
            ["users", "new"] => Self::UserNew,
            ["users", id] => with_id(id, Self::User),
            ["council-members"] => Self::CouncilMembers,
            ["audit"] => Self::Audit,
            ["verify"] => Self::Verify(None),
            ["verify", code] if is_code(code) => Self::Verify(Some((*code).to_string())),
            ["catalogue"] => Self::Catalogue,
            ["catalogue", id] => with_id(id, Self::CatalogueItem),
            _ => Self::NotFound,
        }
    }

    pub fn href(&self) -> String {
        match self {
            Self::Home => "#/".to_string(),
            Self::Dashboard => "#/dashboard".to_string(),
            // Not a place one links to; its own hash is whatever was mistyped.
            Self::NotFound => "#/not-found".to_string(),
            Self::Subjects => "#/subjects".to_string(),
            Self::SubjectNew => "#/subjects/new".to_string(),
            Self::Subject(id) => format!("#/subjects/{id}"),
            Self::SubjectEdit(id) => format!("#/subjects/{id}/edit"),
            Self::Products => "#/products".to_string(),
            Self::ProductNew => "#/products/new".to_string(),
            Self::Product(id) => format!("#/products/{id}"),
            Self::ProductEdit(id) => format!("#/products/{id}/edit"),
            Self::Cycles => "#/cycles".to_string(),
            Self::CycleNew => "#/cycles/new".to_string(),
            Self::Cycle(id) => format!("#/cycles/{id}"),
            Self::Rounds => "#/rounds".to_string(),
            Self::Round(id) => format!("#/rounds/{id}"),
            Self::RoundScore(round, cycle) => format!("#/rounds/{round}/score/{cycle}"),
            Self::Certificates => "#/certificates".to_string(),
            Self::Certificate(id) => format!("#/certificates/{id}"),
            Self::CertificatePrint(id) => format!("#/certificates/{id}/print"),
            Self::Alerts => "#/alerts".to_string(),
            Self::Plans => "#/plans".to_string(),
            Self::PlanNew => "#/plans/new".to_string(),
            Self::Plan(id) => format!("#/plans/{id}"),
            Self::PointsOfSale => "#/points-of-sale".to_string(),
            Self::PointOfSaleNew => "#/points-of-sale/new".to_string(),
            Self::PointOfSale(id) => format!("#/points-of-sale/{id}"),
            Self::Users => "#/users".to_string(),
            Self::UserNew => "#/users/new".to_string(),
            Self::User(id) => format!("#/users/{id}"),
            Self::CouncilMembers => "#/council-members".to_string(),
            Self::Audit => "#/audit".to_string(),
            Self::Verify(None) => "#/verify".to_string(),
            Self::Verify(Some(code)) => format!("#/verify/{code}"),
            Self::Catalogue => "#/catalogue".to_string(),
            Self::CatalogueItem(id) => format!("#/catalogue/{id}"),
        }
    }

    pub fn section(&self) -> Option<Section> {
        Some(match self {
            Self::Home => Section::Home,
            Self::Dashboard => Section::Dashboard,
            Self::Subjects | Self::SubjectNew | Self::Subject(_) | Self::SubjectEdit(_) => {
                Section::Subjects
            }
            Self::Products | Self::ProductNew | Self::Product(_) | Self::ProductEdit(_) => {
                Section::Products
            }
            Self::Cycles | Self::CycleNew | Self::Cycle(_) => Section::Cycles,
            Self::Rounds | Self::Round(_) | Self::RoundScore(..) => Section::Rounds,
            Self::Certificates | Self::Certificate(_) | Self::CertificatePrint(_) => {
                Section::Certificates
            }
            Self::Alerts => Section::Alerts,
            Self::Plans | Self::PlanNew | Self::Plan(_) => Section::Plans,
            Self::PointsOfSale | Self::PointOfSaleNew | Self::PointOfSale(_) => {
                Section::PointsOfSale
            }
            Self::Users | Self::UserNew | Self::User(_) => Section::Users,
            Self::CouncilMembers => Section::CouncilMembers,
            Self::Audit => Section::Audit,
            // Public pages, not a section of anyone's work.
            Self::NotFound | Self::Verify(_) | Self::Catalogue | Self::CatalogueItem(_) => {
                return None;
            }
        })
    }

    pub fn current() -> Self {
        Self::parse(&current_hash())
    }

    /// Sets the hash; the `hashchange` listener then updates the app's route signal.
    pub fn push(&self) {
        if let Some(window) = web_sys::window() {
            let _ = window.location().set_hash(&self.href());
        }
    }
}

fn current_hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// The query of the current hash (`#/cycles?state=scored` gives `[("state", "scored")]`),
/// decoded.
pub fn query() -> Vec<(String, String)> {
    parse_query(&current_hash())
}

/// One parameter of the current hash's query.
pub fn query_param(name: &str) -> Option<String> {
    query().into_iter().find(|(k, _)| k == name).map(|(_, v)| v)
}

fn parse_query(hash: &str) -> Vec<(String, String)> {
    let Some((_, query)) = hash.split_once('?') else {
        return Vec::new();
    };
    query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (decode(k), decode(v))
        })
        .collect()
}

/// Percent-decoding in Rust rather than the browser's, so the parsing is tested natively.
fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                match text
                    .get(i + 1..i + 3)
                    .map(|hex| u8::from_str_radix(hex, 16))
                {
                    Some(Ok(byte)) => {
                        out.push(byte);
                        i += 2;
                    }
                    _ => out.push(b'%'),
                }
            }
            byte => out.push(byte),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Writes a list's filters into the address without a `hashchange`, so the open screen is not
/// rebuilt but a reload, a bookmark or a shared link shows the same list. Empty values are left
/// out.
pub fn replace_query(route: &Route, params: &[(&str, String)]) {
    let query: Vec<String> = params
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| {
            let v: String = js_sys::encode_uri_component(v).into();
            format!("{k}={v}")
        })
        .collect();
    let mut href = route.href();
    if !query.is_empty() {
        href.push('?');
        href.push_str(&query.join("&"));
    }
    if current_hash() == href {
        return;
    }
    if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&href));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_route_parses_back_from_its_href() {
        let subject: SubjectId = "0192f5e4-7c1a-7b3e-9d2a-4f6b8c0d1e2f"
            .parse()
            .unwrap_or_else(|_| unreachable!());
        let product = ProductId(subject.0);
        let user = UserId(subject.0);
        let id = subject.0;
        let (cycle, round, certificate) = (CycleId(id), RoundId(id), CertificateId(id));
        for route in [
            Route::Home,
            Route::Dashboard,
            Route::Subjects,
            Route::SubjectNew,
            Route::Subject(subject),
            Route::SubjectEdit(subject),
            Route::Products,
            Route::ProductNew,
            Route::Product(product),
            Route::ProductEdit(product),
            Route::Cycles,
            Route::CycleNew,
            Route::Cycle(cycle),
            Route::Rounds,
            Route::Round(round),
            Route::RoundScore(round, cycle),
            Route::Certificates,
            Route::Certificate(certificate),
            Route::CertificatePrint(certificate),
            Route::Alerts,
            Route::Plans,
            Route::PlanNew,
            Route::Plan(PlanId(id)),
            Route::PointsOfSale,
            Route::PointOfSaleNew,
            Route::PointOfSale(PointOfSaleId(id)),
            Route::Users,
            Route::UserNew,
            Route::User(user),
            Route::CouncilMembers,
            Route::Audit,
            Route::Verify(None),
            Route::Verify(Some("AB12-cd34".to_string())),
            Route::Catalogue,
            Route::CatalogueItem(product),
        ] {
            assert_eq!(Route::parse(&route.href()), route);
        }
    }

    #[test]
    fn unknown_or_malformed_hashes_are_not_found() {
        assert_eq!(Route::parse(""), Route::Home);
        assert_eq!(Route::parse("#/"), Route::Home);
        assert_eq!(Route::parse("#/products/not-a-uuid"), Route::NotFound);
        assert_eq!(Route::parse("#/cycles/not-a-uuid"), Route::NotFound);
        assert_eq!(Route::parse("#/plans/not-a-uuid"), Route::NotFound);
        assert_eq!(Route::parse("#/plans?year=2027&state=draft"), Route::Plans);
        assert_eq!(
            Route::parse("#/dashboard?unit_id=12&as_of=2027-03-10&year=2027"),
            Route::Dashboard
        );
        assert_eq!(Route::parse("#/points-of-sale/x"), Route::NotFound);
        assert_eq!(
            Route::parse("#/points-of-sale?unit=12&kind=shop&open_on=2027-03-10"),
            Route::PointsOfSale
        );
        assert_eq!(Route::parse("#/rounds/x/score/y"), Route::NotFound);
        assert_eq!(Route::parse("#/verify/<script>"), Route::NotFound);
        assert_eq!(Route::parse("#/nowhere"), Route::NotFound);
        assert_eq!(Route::parse("#/catalogue/not-a-uuid"), Route::NotFound);
        assert_eq!(Route::parse("#/catalogue/x/y"), Route::NotFound);
    }

    #[test]
    fn the_query_does_not_change_the_screen_and_is_decoded() {
        assert_eq!(Route::parse("#/cycles?state=scored&q=ca"), Route::Cycles);
        assert_eq!(
            parse_query("#/cycles?state=scored&q=ca+phe&empty=&t=c%C3%A0%2"),
            vec![
                ("state".to_string(), "scored".to_string()),
                ("q".to_string(), "ca phe".to_string()),
                ("empty".to_string(), String::new()),
                ("t".to_string(), "cà%2".to_string()),
            ]
        );
        assert!(parse_query("#/cycles").is_empty());
        assert_eq!(
            Route::parse("#/catalogue?product_set=I.6&min_stars=4&province=66&q=c%C3%A0+ph%C3%AA"),
            Route::Catalogue
        );
        assert_eq!(
            parse_query("#/catalogue?min_stars=4&q=c%C3%A0+ph%C3%AA"),
            vec![
                ("min_stars".to_string(), "4".to_string()),
                ("q".to_string(), "cà phê".to_string()),
            ]
        );
    }

    #[test]
    fn the_catalogue_is_no_section_of_the_menu() {
        let product: ProductId = "0192f5e4-7c1a-7b3e-9d2a-4f6b8c0d1e2f"
            .parse()
            .unwrap_or_else(|_| unreachable!());
        assert_eq!(Route::Catalogue.section(), None);
        assert_eq!(Route::CatalogueItem(product).section(), None);
    }
}

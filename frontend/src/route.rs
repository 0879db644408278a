//! Screens addressed by the URL hash (`#/subjects/<id>`), so reloads and the back button work
//! without the server knowing any client route.

use ocop_core::{ProductId, SubjectId};
use ocop_evaluations::{CertificateId, CycleId, RoundId};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    Subjects,
    SubjectNew,
    SubjectEdit(SubjectId),
    Products,
    ProductNew,
    ProductEdit(ProductId),
    Cycles,
    CycleNew,
    Cycle(CycleId),
    Rounds,
    Round(RoundId),
    /// A council member's sheet: the round, then the dossier's cycle.
    RoundScore(RoundId, CycleId),
    Certificates,
    Certificate(CertificateId),
    Alerts,
    /// The public verification page of a certificate's QR code; needs no sign-in.
    Verify(String),
}

/// The header's sections, to mark the active link.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Subjects,
    Products,
    Cycles,
    Rounds,
    Certificates,
    Alerts,
}

/// Verification codes are short and URL-safe; anything else is not one.
fn is_code(text: &str) -> bool {
    !text.is_empty()
        && text.len() <= 64
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

impl Route {
    /// Unknown or malformed hashes land on a list rather than an error page.
    pub fn parse(hash: &str) -> Self {
        let path = hash.trim_start_matches('#').trim_matches('/');
        let parts: Vec<&str> = path.split('/').collect();
        match parts.as_slice() {
            ["products"] => Self::Products,
            ["products", "new"] => Self::ProductNew,
            ["products", id] => id.parse().map(Self::ProductEdit).unwrap_or(Self::Products),
            ["subjects", "new"] => Self::SubjectNew,
            ["subjects", id] => id.parse().map(Self::SubjectEdit).unwrap_or(Self::Subjects),
            ["cycles"] => Self::Cycles,
            ["cycles", "new"] => Self::CycleNew,
            ["cycles", id] => id.parse().map(Self::Cycle).unwrap_or(Self::Cycles),
            ["rounds"] => Self::Rounds,
            ["rounds", id] => id.parse().map(Self::Round).unwrap_or(Self::Rounds),
            ["rounds", round, "score", cycle] => match (round.parse(), cycle.parse()) {
                (Ok(round), Ok(cycle)) => Self::RoundScore(round, cycle),
                _ => Self::Rounds,
            },
            ["certificates"] => Self::Certificates,
            ["certificates", id] => id
                .parse()
                .map(Self::Certificate)
                .unwrap_or(Self::Certificates),
            ["alerts"] => Self::Alerts,
            ["verify", code] if is_code(code) => Self::Verify((*code).to_string()),
            _ => Self::Subjects,
        }
    }

    pub fn href(&self) -> String {
        match self {
            Self::Subjects => "#/subjects".to_string(),
            Self::SubjectNew => "#/subjects/new".to_string(),
            Self::SubjectEdit(id) => format!("#/subjects/{id}"),
            Self::Products => "#/products".to_string(),
            Self::ProductNew => "#/products/new".to_string(),
            Self::ProductEdit(id) => format!("#/products/{id}"),
            Self::Cycles => "#/cycles".to_string(),
            Self::CycleNew => "#/cycles/new".to_string(),
            Self::Cycle(id) => format!("#/cycles/{id}"),
            Self::Rounds => "#/rounds".to_string(),
            Self::Round(id) => format!("#/rounds/{id}"),
            Self::RoundScore(round, cycle) => format!("#/rounds/{round}/score/{cycle}"),
            Self::Certificates => "#/certificates".to_string(),
            Self::Certificate(id) => format!("#/certificates/{id}"),
            Self::Alerts => "#/alerts".to_string(),
            Self::Verify(code) => format!("#/verify/{code}"),
        }
    }

    pub fn section(&self) -> Option<Section> {
        Some(match self {
            Self::Subjects | Self::SubjectNew | Self::SubjectEdit(_) => Section::Subjects,
            Self::Products | Self::ProductNew | Self::ProductEdit(_) => Section::Products,
            Self::Cycles | Self::CycleNew | Self::Cycle(_) => Section::Cycles,
            Self::Rounds | Self::Round(_) | Self::RoundScore(..) => Section::Rounds,
            Self::Certificates | Self::Certificate(_) => Section::Certificates,
            Self::Alerts => Section::Alerts,
            Self::Verify(_) => return None,
        })
    }

    pub fn current() -> Self {
        let hash = web_sys::window()
            .and_then(|w| w.location().hash().ok())
            .unwrap_or_default();
        Self::parse(&hash)
    }

    /// Sets the hash; the `hashchange` listener then updates the app's route signal.
    pub fn push(&self) {
        if let Some(window) = web_sys::window() {
            let _ = window.location().set_hash(&self.href());
        }
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
        let id = subject.0;
        let (cycle, round, certificate) = (CycleId(id), RoundId(id), CertificateId(id));
        for route in [
            Route::Subjects,
            Route::SubjectNew,
            Route::SubjectEdit(subject),
            Route::Products,
            Route::ProductNew,
            Route::ProductEdit(product),
            Route::Cycles,
            Route::CycleNew,
            Route::Cycle(cycle),
            Route::Rounds,
            Route::Round(round),
            Route::RoundScore(round, cycle),
            Route::Certificates,
            Route::Certificate(certificate),
            Route::Alerts,
            Route::Verify("AB12-cd34".to_string()),
        ] {
            assert_eq!(Route::parse(&route.href()), route);
        }
    }

    #[test]
    fn junk_falls_back_to_a_list() {
        assert_eq!(Route::parse(""), Route::Subjects);
        assert_eq!(Route::parse("#/products/not-a-uuid"), Route::Products);
        assert_eq!(Route::parse("#/cycles/not-a-uuid"), Route::Cycles);
        assert_eq!(Route::parse("#/rounds/x/score/y"), Route::Rounds);
        assert_eq!(Route::parse("#/verify/<script>"), Route::Subjects);
        assert_eq!(Route::parse("#/nowhere"), Route::Subjects);
    }
}

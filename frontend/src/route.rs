//! Screens addressed by the URL hash (`#/subjects/<id>`), so reloads and the back button work
//! without the server knowing any client route.

use ocop_core::{ProductId, SubjectId};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route {
    Subjects,
    SubjectNew,
    SubjectEdit(SubjectId),
    Products,
    ProductNew,
    ProductEdit(ProductId),
}

impl Route {
    /// Unknown or malformed hashes land on the subjects list rather than an error page.
    pub fn parse(hash: &str) -> Self {
        let path = hash.trim_start_matches('#').trim_matches('/');
        let parts: Vec<&str> = path.split('/').collect();
        match parts.as_slice() {
            ["products"] => Self::Products,
            ["products", "new"] => Self::ProductNew,
            ["products", id] => id.parse().map(Self::ProductEdit).unwrap_or(Self::Products),
            ["subjects", "new"] => Self::SubjectNew,
            ["subjects", id] => id.parse().map(Self::SubjectEdit).unwrap_or(Self::Subjects),
            _ => Self::Subjects,
        }
    }

    pub fn href(self) -> String {
        match self {
            Self::Subjects => "#/subjects".to_string(),
            Self::SubjectNew => "#/subjects/new".to_string(),
            Self::SubjectEdit(id) => format!("#/subjects/{id}"),
            Self::Products => "#/products".to_string(),
            Self::ProductNew => "#/products/new".to_string(),
            Self::ProductEdit(id) => format!("#/products/{id}"),
        }
    }

    pub fn is_products(self) -> bool {
        matches!(
            self,
            Self::Products | Self::ProductNew | Self::ProductEdit(_)
        )
    }

    pub fn current() -> Self {
        let hash = web_sys::window()
            .and_then(|w| w.location().hash().ok())
            .unwrap_or_default();
        Self::parse(&hash)
    }

    /// Sets the hash; the `hashchange` listener then updates the app's route signal.
    pub fn push(self) {
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
        for route in [
            Route::Subjects,
            Route::SubjectNew,
            Route::SubjectEdit(subject),
            Route::Products,
            Route::ProductNew,
            Route::ProductEdit(product),
        ] {
            assert_eq!(Route::parse(&route.href()), route);
        }
    }

    #[test]
    fn junk_falls_back_to_a_list() {
        assert_eq!(Route::parse(""), Route::Subjects);
        assert_eq!(Route::parse("#/products/not-a-uuid"), Route::Products);
        assert_eq!(Route::parse("#/nowhere"), Route::Subjects);
    }
}

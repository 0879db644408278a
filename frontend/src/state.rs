//! The app-wide reactive state: language, signed-in user, current screen, the notice, and the
//! reference data (communes, classification) that several screens share once loaded.

use std::time::Duration;

use leptos::prelude::*;
use ocop_core::access::{Action, permits};
use ocop_core::units::{UnitLevel, UnitOut, UnitQuery};
use ocop_core::users::UserOut;
use ocop_products::{CategoryLevel, CategoryOut, ClassificationOut};

use crate::api::{self, ApiError};
use crate::i18n::{Dict, Lang};
use crate::route::Route;
use crate::session;

const NOTICE_MS: u64 = 5000;

#[derive(Clone, Copy)]
pub struct AppState {
    pub lang: RwSignal<Lang>,
    pub user: RwSignal<Option<UserOut>>,
    pub route: RwSignal<Route>,
    /// The message and a serial, so an old timer does not hide a newer message.
    pub notice: RwSignal<Option<(u64, String)>>,
}

impl AppState {
    pub fn new() -> Self {
        Self {
            lang: RwSignal::new(session::lang()),
            user: RwSignal::new(session::stored_user()),
            route: RwSignal::new(Route::current()),
            notice: RwSignal::new(None),
        }
    }

    /// The strings of the current language; tracked, so views re-render on a switch.
    pub fn t(&self) -> &'static Dict {
        self.lang.get().dict()
    }

    /// For event handlers and async code, which must not subscribe.
    pub fn t_now(&self) -> &'static Dict {
        self.lang.get_untracked().dict()
    }

    pub fn set_lang(&self, lang: Lang) {
        session::save_lang(lang);
        self.lang.set(lang);
    }

    pub fn can(&self, action: Action) -> bool {
        self.user
            .with(|user| user.as_ref().is_some_and(|u| permits(u.role, action)))
    }

    pub fn is_admin(&self) -> bool {
        self.user.with(|user| {
            user.as_ref()
                .is_some_and(|u| u.role == ocop_core::Role::SystemAdmin)
        })
    }

    pub fn go(&self, route: Route) {
        route.push();
        self.follow(route);
    }

    /// Called for every `hashchange`; equal routes are ignored so an open form is not rebuilt.
    pub fn follow(&self, route: Route) {
        if self.route.get_untracked() != route {
            self.route.set(route);
        }
    }

    pub fn notify(&self, message: impl Into<String>) {
        let serial = self
            .notice
            .with_untracked(|n| n.as_ref().map_or(0, |(s, _)| s + 1));
        self.notice.set(Some((serial, message.into())));
        let notice = self.notice;
        set_timeout(
            move || {
                if notice.with_untracked(|n| n.as_ref().is_some_and(|(s, _)| *s == serial)) {
                    notice.set(None);
                }
            },
            Duration::from_millis(NOTICE_MS),
        );
    }

    /// The text to show for a failed call that is not about one form's fields.
    pub fn describe(&self, error: &ApiError) -> String {
        let t = self.t_now();
        match error {
            // In full, field errors included, and with no code left raw.
            ApiError::Problem(p) => self.lang.get_untracked().problem(p),
            ApiError::Network(e) => format!("{}: {e}", t.network_error),
            ApiError::SessionEnded => t.session_ended.to_string(),
        }
    }
}

pub fn use_app() -> AppState {
    expect_context::<AppState>()
}

/// Reference data loaded once per sign-in.
#[derive(Clone, Copy)]
pub struct RefData {
    pub communes: LocalResource<Result<Vec<UnitOut>, ApiError>>,
    pub classifications: LocalResource<Result<Vec<ClassificationOut>, ApiError>>,
}

impl RefData {
    pub fn load() -> Self {
        Self {
            communes: LocalResource::new(|| async {
                api::units(&UnitQuery {
                    level: Some(UnitLevel::Commune),
                    ..Default::default()
                })
                .await
            }),
            classifications: LocalResource::new(api::classifications),
        }
    }

    /// `(id, name)` of the communes in the caller's scope; tracked.
    pub fn commune_options(&self) -> Vec<(String, String)> {
        self.communes
            .get()
            .and_then(Result::ok)
            .unwrap_or_default()
            .into_iter()
            .map(|u| (u.id.0.to_string(), u.name))
            .collect()
    }

    /// The product sets of the classification in force, as "code — name"; tracked.
    pub fn product_set_options(&self) -> Vec<(String, String)> {
        self.product_sets()
            .into_iter()
            .map(|c| (c.code.clone(), format!("{} — {}", c.code, c.name)))
            .collect()
    }

    fn product_sets(&self) -> Vec<CategoryOut> {
        self.classifications
            .get()
            .and_then(Result::ok)
            .unwrap_or_default()
            .into_iter()
            .find(|c| c.in_force)
            .map(|c| {
                c.categories
                    .into_iter()
                    .filter(|cat| cat.level == CategoryLevel::ProductSet)
                    .collect()
            })
            .unwrap_or_default()
    }
}

pub fn use_refs() -> RefData {
    expect_context::<RefData>()
}

//! The catalogue as a visitor browses it: the certified products in force as cards (photo,
//! name, stars, product set, producer, province, price), filtered by text, product set,
//! minimum stars and province (kept in the address, so a filtered catalogue can be shared),
//! read from the feed a page at a time: "show more" follows the feed's cursor, so entries are
//! neither repeated nor skipped while the catalogue changes.

use leptos::prelude::*;
use leptos::task::spawn_local;
use ocop_catalogue::{CatalogueItem, FeedQuery};
use ocop_core::Dong;

use super::on_this_origin;
use super::options::Facets;
use crate::api;
use crate::components::filters::{FilterSelect, SearchInput, UrlParam, keep_in_url};
use crate::components::remote::stars_text;
use crate::format::{self, optional};
use crate::route::Route;
use crate::state::{AppState, use_app};

/// A page of cards: four rows of a desktop's grid.
const PAGE: u64 = 24;
const STARS: [u8; 3] = [3, 4, 5];

/// What the filter bar holds, as typed.
#[derive(Clone, Copy)]
struct Filter {
    q: RwSignal<String>,
    product_set: RwSignal<String>,
    min_stars: RwSignal<String>,
    province: RwSignal<String>,
}

impl Filter {
    fn new() -> Self {
        Self {
            q: RwSignal::new(String::new()),
            product_set: RwSignal::new(String::new()),
            min_stars: RwSignal::new(String::new()),
            province: RwSignal::new(String::new()),
        }
    }

    /// The first page's query; tracked.
    fn query(&self) -> FeedQuery {
        FeedQuery {
            product_set: optional(&self.product_set.get()),
            min_stars: self.min_stars.get().parse().ok(),
            province: optional(&self.province.get()),
            q: optional(&self.q.get()),
            limit: Some(PAGE),
            ..FeedQuery::default()
        }
    }
}

/// The entries read so far for the current filter, and the cursor of the rest.
#[derive(Clone, Copy)]
struct Feed {
    items: RwSignal<Vec<CatalogueItem>>,
    next: RwSignal<Option<String>>,
    /// The first page of the current filter has arrived.
    loaded: RwSignal<bool>,
    busy: RwSignal<bool>,
    error: RwSignal<Option<String>>,
    /// Bumped by every new filter, so a late answer for an older one is dropped.
    serial: StoredValue<u64>,
    facets: RwSignal<Facets>,
}

impl Feed {
    fn new() -> Self {
        Self {
            items: RwSignal::new(Vec::new()),
            next: RwSignal::new(None),
            loaded: RwSignal::new(false),
            busy: RwSignal::new(false),
            error: RwSignal::new(None),
            serial: StoredValue::new(0),
            facets: RwSignal::new(Facets::default()),
        }
    }

    /// Reads `query`'s page: the first one replaces the cards, a later one (`cursor` set) adds
    /// to them.
    fn load(self, app: AppState, query: FeedQuery) {
        let more = query.cursor.is_some();
        if !more {
            self.serial.update_value(|s| *s += 1);
        }
        let serial = self.serial.get_value();
        self.busy.set(true);
        self.error.set(None);
        spawn_local(async move {
            let result = api::catalogue(&query).await;
            if self.serial.try_get_value() != Some(serial) {
                return;
            }
            self.busy.try_set(false);
            match result {
                Ok(page) => {
                    self.facets.try_update(|f| f.record(&page.items));
                    self.items.try_update(|items| {
                        if !more {
                            items.clear();
                        }
                        items.extend(page.items);
                    });
                    self.next.try_set(page.next);
                    self.loaded.try_set(true);
                }
                Err(error) => {
                    self.error.try_set(Some(app.describe(&error)));
                }
            }
        });
    }
}

#[component]
pub fn CatalogueList() -> impl IntoView {
    let app = use_app();
    let filter = Filter::new();
    keep_in_url(
        Route::Catalogue,
        vec![
            UrlParam::new("q", filter.q),
            UrlParam::new("product_set", filter.product_set),
            UrlParam::new("min_stars", filter.min_stars),
            UrlParam::new("province", filter.province),
        ],
        // The feed pages by cursor, not by number: the address never carries a page.
        RwSignal::new(1),
    );
    let feed = Feed::new();
    Effect::new(move || feed.load(app, filter.query()));
    // The filters' choices; without them (an error) the ones the pages carry still come.
    spawn_local(async move {
        if let Ok(counts) = api::catalogue_facets().await {
            feed.facets.try_update(|f| f.load(&counts));
        }
    });
    let more = move |_| {
        if let Some(cursor) = feed.next.get_untracked() {
            let query = FeedQuery {
                cursor: Some(cursor),
                ..untrack(|| filter.query())
            };
            feed.load(app, query);
        }
    };

    let c = move || app.lang.get().catalogue();
    let set_options = Signal::derive(move || {
        let current = filter.product_set.get();
        feed.facets.with(|f| {
            f.product_sets
                .options(c().all_product_sets, &current, false)
        })
    });
    let province_options = Signal::derive(move || {
        let current = filter.province.get();
        feed.facets
            .with(|f| f.provinces.options(c().all_provinces, &current, true))
    });
    let star_options = Signal::derive(move || {
        let lang = app.lang.get();
        let mut options = vec![(String::new(), c().any_stars.to_string())];
        options.extend(STARS.map(|n| (n.to_string(), lang.stars_at_least(n))));
        options
    });

    view! {
        <section class="page catalogue">
            <div class="page-head">
                <div>
                    <h1 id="catalogue-heading">{move || c().title}</h1>
                    <p class="muted">{move || c().intro}</p>
                </div>
            </div>
            <div class="filters">
                <SearchInput value=filter.q />
                <FilterSelect id="filter-product_set" label=|l| l.catalogue().filter_product_set value=filter.product_set options=set_options />
                <FilterSelect id="filter-min_stars" label=|l| l.catalogue().filter_stars value=filter.min_stars options=star_options />
                <FilterSelect id="filter-province" label=|l| l.catalogue().filter_province value=filter.province options=province_options />
            </div>
            {move || feed.error.get().map(|e| view! { <p id="load-error" class="form-error">{e}</p> })}
            <Show
                when=move || feed.loaded.get()
                fallback=move || view! { <p class="muted" aria-busy="true">{move || app.t().loading}</p> }
            >
                <Show when=move || feed.items.with(Vec::is_empty)>
                    <p id="catalogue-empty" class="muted">{move || c().none}</p>
                </Show>
                <ul id="catalogue-items" class="catalogue-grid" class:stale=move || feed.busy.get() aria-busy=move || feed.busy.get().to_string()>
                    <For each=move || feed.items.get() key=|item| item.id let:item>
                        {card(app, item)}
                    </For>
                </ul>
                <div class="catalogue-more">
                    <p id="catalogue-count" class="muted">
                        {move || app.lang.get().catalogue_shown(feed.items.with(Vec::len), feed.next.with(Option::is_some))}
                    </p>
                    <Show when=move || feed.next.with(Option::is_some)>
                        <button id="catalogue-more" type="button" class="primary" disabled=move || feed.busy.get() on:click=more>
                            {move || c().more}
                        </button>
                    </Show>
                </div>
            </Show>
        </section>
    }
}

/// One entry as a card that opens its page.
fn card(app: AppState, item: CatalogueItem) -> impl IntoView {
    let href = Route::CatalogueItem(ocop_core::ProductId(item.id)).href();
    let stars = item.certificate.stars;
    let photo = match item.images.first() {
        Some(src) => view! { <img src=on_this_origin(src) alt="" loading="lazy" /> }.into_any(),
        None => view! {
            <span class="no-photo">{move || app.lang.get().catalogue().no_photo}</span>
        }
        .into_any(),
    };
    let price = format::price_range(item.price.min.map(Dong), item.price.max.map(Dong));
    view! {
        <li class="catalogue-card" data-id=item.id.to_string()>
            <a class="catalogue-link" href=href>
                <div class="catalogue-photo">{photo}</div>
                <div class="catalogue-body">
                    <h2 class="catalogue-name">{item.name}</h2>
                    <p
                        class="catalogue-stars"
                        data-stars=stars.to_string()
                        aria-label=move || app.lang.get().stars_words(stars)
                    >
                        {stars_text(stars)}
                    </p>
                    <p class="sub">{item.product_set.name}</p>
                    <p class="sub">{item.subject.name}" · "{item.origin.province.name}</p>
                    {(!price.is_empty()).then(|| view! { <p class="catalogue-price">{price}</p> })}
                </div>
            </a>
        </li>
    }
}

//! Products: the filtered, sorted, paged list (its filters in the address); the record in
//! `view`, the form in `form`, the images in `images`.

mod fields;
mod form;
mod images;
mod view;

pub use form::ProductForm;
pub use view::ProductView;

use leptos::prelude::*;
use ocop_core::access::Action;
use ocop_products::{ProductOut, ProductQuery, ProductSort, ProductStatus};

use crate::api;
use crate::components::filters::{
    CommunePicker, FilterSelect, Filters, SearchBox, UrlParam, keep_in_url,
};
use crate::components::list_table::{Column, sorted_list_table};
use crate::format::{self, from_wire, optional, wire};
use crate::route::Route;
use crate::state::{AppState, use_app, use_refs};

const PER_PAGE: u64 = 20;

/// The products list's filters, provided for the whole signed-in session.
#[derive(Clone, Copy)]
pub struct ProductFilters(pub Filters);

impl ProductFilters {
    pub fn new() -> Self {
        Self(Filters::new(&wire(&ProductSort::default())))
    }

    /// The query for the current filter; tracked.
    fn query(&self) -> ProductQuery {
        let f = self.0;
        ProductQuery {
            q: optional(&f.q.get()),
            unit_id: f.unit.get().parse().ok(),
            subject_id: None,
            product_set: optional(&f.category.get()),
            status: from_wire(&f.status.get()),
            sort: from_wire(&f.sort.get()),
            page: Some(f.page.get()),
            per_page: Some(PER_PAGE),
        }
    }
}

pub const STATUSES: [ProductStatus; 3] = [
    ProductStatus::Active,
    ProductStatus::Suspended,
    ProductStatus::Discontinued,
];

#[component]
pub fn ProductList() -> impl IntoView {
    let app = use_app();
    let refs = use_refs();
    let filters = expect_context::<ProductFilters>();
    let f = filters.0;
    keep_in_url(
        Route::Products,
        vec![
            UrlParam::new("q", f.q),
            UrlParam::new("unit", f.unit),
            UrlParam::new("product_set", f.category),
            UrlParam::new("status", f.status),
            UrlParam::with_default("sort", f.sort, &wire(&ProductSort::default())),
        ],
        f.page,
    );
    f.reset_page_on_change();
    let data = LocalResource::new(move || {
        let query = filters.query();
        async move { api::products(&query).await }
    });

    let set_options = Signal::derive(move || {
        let mut options = vec![(String::new(), app.t().all_product_sets.to_string())];
        options.extend(refs.product_set_options());
        options
    });
    let status_options = Signal::derive(move || {
        let lang = app.lang.get();
        let mut options = vec![(String::new(), lang.dict().all_statuses.to_string())];
        options
            .extend(STATUSES.map(|s| (s.as_str().to_string(), lang.product_status(s).to_string())));
        options
    });
    let sort_options = Signal::derive(move || {
        let t = app.t();
        [
            (ProductSort::NameAsc, t.sort_name_asc),
            (ProductSort::NameDesc, t.sort_name_desc),
            (ProductSort::UpdatedDesc, t.sort_updated_desc),
            (ProductSort::CreatedDesc, t.sort_created_desc),
            (ProductSort::PriceAsc, t.sort_price_asc),
            (ProductSort::PriceDesc, t.sort_price_desc),
        ]
        .map(|(sort, label)| (wire(&sort), label.to_string()))
        .to_vec()
    });

    view! {
        <section class="page">
            <div class="page-head">
                <h1>{move || app.t().products_title}</h1>
                <Show when=move || app.can(Action::ProductsCreate)>
                    <a id="new-button" class="button primary" href=Route::ProductNew.href()>
                        {move || app.t().new_product}
                    </a>
                </Show>
            </div>
            <div class="filters">
                <SearchBox filters=f />
                <CommunePicker value=f.unit />
                <FilterSelect id="filter-product_set" label=|l| l.rec_filter_product_set() value=f.category options=set_options />
                <FilterSelect id="filter-status" label=|l| l.rec_filter_status() value=f.status options=status_options />
                <FilterSelect id="filter-sort" label=|l| l.rec_sort_label() value=f.sort options=sort_options />
            </div>
            {sorted_list_table(data, &COLUMNS, Some(f.page), Some(f.sort), product_row)}
        </section>
    }
}

const COLUMNS: [Column; 6] = [
    Column::text(|t| t.product_name).sorts("name"),
    Column::text(|t| t.product_set),
    Column::text(|t| t.origin_unit),
    Column::num(|t| t.price).sorts("price_min"),
    Column::text(|t| t.status),
    Column::num(|t| t.updated).sorts_desc("updated_at"),
];

fn product_row(app: AppState, p: ProductOut) -> impl IntoView {
    let route = Route::Product(p.id);
    let href = route.href();
    let status = p.status;
    view! {
        <tr class="clickable" on:click=move |_| app.go(route.clone())>
            <td>
                <a href=href>{p.name}</a>
                <div class="sub">{p.subject_name}</div>
            </td>
            <td>{format!("{} — {}", p.product_set.code, p.product_set.name)}</td>
            <td>{p.origin_unit_name}</td>
            <td class="num">{format::price_range(p.price_min, p.price_max)}</td>
            <td>
                <span class=format!("badge {}", status.as_str())>{move || app.lang.get().product_status(status)}</span>
            </td>
            <td class="num">{format::date(&p.updated_at)}</td>
        </tr>
    }
}

//! The product page's "e-commerce platforms" section: where the product is listed online (each a
//! link opened in a new tab), since when and until when, live or ended; and for those who record
//! trade (producers for their own products, officers) add, edit (the form in `listing_form`),
//! end and delete.

use leptos::prelude::*;
use leptos::task::spawn_local;
use ocop_core::ProductId;
use ocop_core::access::Action;
use ocop_plans::{ListingOut, ListingPatch, ListingQuery};

use super::listing_form::ListingForm;
use super::{today, tr};
use crate::api;
use crate::format::{self, merge_patch};
use crate::state::{AppState, use_app};

/// What the form is doing: nothing, a new listing, or editing one.
#[derive(Clone, PartialEq)]
pub(super) enum Editing {
    Closed,
    New,
    Listing(ListingOut),
}

#[component]
pub fn ProductListings(product_id: ProductId) -> impl IntoView {
    let app = use_app();
    let version = RwSignal::new(0_u32);
    let data = LocalResource::new(move || {
        version.track();
        let query = ListingQuery {
            product_id: Some(product_id),
            per_page: Some(100),
            ..Default::default()
        };
        async move { api::listings(&query).await }
    });
    let reload = Callback::new(move |()| version.update(|v| *v += 1));
    let editing = RwSignal::new(Editing::Closed);
    let can = move || app.can(Action::TradeRecord);
    view! {
        <section class="card" id="product-listings-card">
            <div class="section-head">
                <h2>{move || tr(app).listings_title}</h2>
                <Show when=move || can() && editing.with(|e| *e == Editing::Closed)>
                    <button id="add-listing" type="button" on:click=move |_| editing.set(Editing::New)>
                        {move || tr(app).add_listing}
                    </button>
                </Show>
            </div>
            {move || match data.get() {
                None => view! { <p class="muted">{app.t().loading}</p> }.into_any(),
                Some(Err(error)) => view! { <p class="form-error">{app.describe(&error)}</p> }.into_any(),
                Some(Ok(page)) => listing_list(app, page.items, editing, reload).into_any(),
            }}
            {move || match editing.get() {
                Editing::Closed => ().into_any(),
                Editing::New => view! { <ListingForm product_id before=None editing reload /> }.into_any(),
                Editing::Listing(l) => view! { <ListingForm product_id before=Some(l) editing reload /> }.into_any(),
            }}
        </section>
    }
}

fn is_live(l: &ListingOut) -> bool {
    let day = today();
    l.since <= day && l.until.is_none_or(|until| until >= day)
}

fn listing_list(
    app: AppState,
    listings: Vec<ListingOut>,
    editing: RwSignal<Editing>,
    reload: Callback<()>,
) -> impl IntoView {
    if listings.is_empty() {
        return view! { <p class="muted" id="product-listings">{move || tr(app).no_listings}</p> }
            .into_any();
    }
    let rows = listings
        .into_iter()
        .map(|l| listing_row(app, l, editing, reload))
        .collect_view();
    view! { <ul class="links listings" id="product-listings">{rows}</ul> }.into_any()
}

fn listing_row(
    app: AppState,
    l: ListingOut,
    editing: RwSignal<Editing>,
    reload: Callback<()>,
) -> impl IntoView {
    let live = is_live(&l);
    let days = match l.until {
        Some(until) => format!("{} – {}", format::day(&l.since), format::day(&until)),
        None => format!("{} –", format::day(&l.since)),
    };
    let confirming = RwSignal::new(false);
    let stored = StoredValue::new(l.clone());
    let end = move |_| {
        let l = stored.get_value();
        let patch = merge_patch(
            &ListingPatch {
                until: Some(today().max(l.since)),
                ..Default::default()
            },
            &[],
        );
        spawn_local(async move {
            match api::patch_listing(l.id, l.version, &patch).await {
                Ok(_) => {
                    app.notify(app.t_now().saved);
                    reload.run(());
                }
                Err(error) => app.notify(app.describe(&error)),
            }
        });
    };
    let delete = move |_| {
        if !confirming.get_untracked() {
            confirming.set(true);
            return;
        }
        let l = stored.get_value();
        spawn_local(async move {
            match api::delete_listing(l.id, l.version).await {
                Ok(()) => {
                    app.notify(tr(app).deleted);
                    reload.run(());
                }
                Err(error) => app.notify(app.describe(&error)),
            }
        });
    };
    let actions = app.can(Action::TradeRecord).then(|| {
        view! {
            <span class="row-actions">
                <button type="button" class="linklike edit-listing" on:click=move |_| editing.set(Editing::Listing(stored.get_value()))>
                    {move || tr(app).edit_listing}
                </button>
                {live.then(|| view! {
                    <button type="button" class="linklike end-listing" on:click=end>
                        {move || tr(app).end_listing}
                    </button>
                })}
                <button type="button" class="linklike danger delete-listing" on:click=delete>
                    {move || if confirming.get() { tr(app).confirm_delete } else { tr(app).delete_listing }}
                </button>
            </span>
        }
    });
    let href = l.url.clone();
    view! {
        <li data-id=l.id.to_string()>
            <strong class="platform">{l.platform}</strong>
            " "
            <a class="listing-link" href=href target="_blank" rel="noopener noreferrer">{l.url}</a>
            " "
            <span class=if live { "badge active" } else { "badge archived" }>
                {move || if live { tr(app).live } else { tr(app).ended }}
            </span>
            <span class="sub">{format!(" · {days}")}</span>
            {actions}
        </li>
    }
}

//! A product's images: thumbnails (fetched with the token, shown through object URLs) and the
//! upload input.

use leptos::prelude::*;
use leptos::task::spawn_local;
use ocop_core::ProductId;
use ocop_products::ImageOut;
use wasm_bindgen::JsCast;

use crate::api;
use crate::state::use_app;

/// What the server accepts; it checks the bytes too, this only saves a pointless upload.
const ACCEPTED: [&str; 3] = ["image/jpeg", "image/png", "image/webp"];

#[component]
pub fn ImageGallery(
    product_id: ProductId,
    images: RwSignal<Vec<ImageOut>>,
    can_upload: Signal<bool>,
) -> impl IntoView {
    let app = use_app();
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);

    let upload = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(file) = input.files().and_then(|files| files.get(0)) else {
            return;
        };
        // Cleared so choosing the same file again still fires `change`.
        input.set_value("");
        error.set(None);
        if !ACCEPTED.contains(&file.type_().as_str()) {
            error.set(Some(app.t_now().image_type.to_string()));
            return;
        }
        busy.set(true);
        spawn_local(async move {
            let result = api::upload_image(product_id, &file).await;
            busy.set(false);
            match result {
                Ok(image) => {
                    images.update(|list| list.push(image));
                    app.notify(app.t_now().image_uploaded);
                }
                Err(e) => error.set(Some(app.describe(&e))),
            }
        });
    };

    view! {
        <section class="card images">
            <h2>{move || app.t().images}</h2>
            <div class="thumbs">
                {move || {
                    let list = images.get();
                    if list.is_empty() {
                        view! { <p class="muted">{app.t().no_images}</p> }.into_any()
                    } else {
                        list.into_iter().map(|image| view! { <Thumb image /> }).collect_view().into_any()
                    }
                }}
            </div>
            <Show when=move || can_upload.get()>
                <label for="field-image" class="upload">{move || app.t().upload_image}</label>
                <input
                    id="field-image"
                    type="file"
                    accept=ACCEPTED.join(",")
                    disabled=move || busy.get()
                    on:change=upload
                />
                <Show when=move || busy.get()>
                    <span class="muted">{move || app.t().uploading}</span>
                </Show>
            </Show>
            <span class="field-error" id="error-image">{move || error.get()}</span>
        </section>
    }
}

#[component]
fn Thumb(image: ImageOut) -> impl IntoView {
    let url = image.url.clone();
    let src = LocalResource::new(move || {
        let url = url.clone();
        async move { api::image_object_url(&url).await.ok() }
    });
    // Object URLs pin the bytes in memory until revoked.
    on_cleanup(move || {
        if let Some(Some(Some(object_url))) = src.try_get_untracked() {
            let _ = web_sys::Url::revoke_object_url(&object_url);
        }
    });
    // Sent percent-encoded (see `api::upload_image`); shown as the person named it.
    let name = js_sys::decode_uri_component(&image.file_name)
        .map(String::from)
        .unwrap_or(image.file_name);
    let alt = name.clone();
    view! {
        <figure class="thumb">
            {move || src.get().flatten().map(|object_url| view! { <img src=object_url alt=alt.clone() /> })}
            <figcaption title=name.clone()>{name.clone()}</figcaption>
        </figure>
    }
}

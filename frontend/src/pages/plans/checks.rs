//! A set of checkboxes over `(value, label)` pairs (quarters, subject kinds, point kinds).

use leptos::prelude::*;

/// A set of checkboxes over `(value, label)` pairs, holding the checked values.
#[component]
pub fn Checks(
    #[prop(into)] id: String,
    value: RwSignal<Vec<String>>,
    #[prop(into)] options: Signal<Vec<(String, String)>>,
) -> impl IntoView {
    view! {
        <div class="checks" id=id>
            {move || {
                options
                    .get()
                    .into_iter()
                    .map(|(key, label)| {
                        let k1 = key.clone();
                        let k2 = key.clone();
                        view! {
                            <label class="check">
                                <input
                                    type="checkbox"
                                    value=key
                                    prop:checked=move || value.with(|v| v.contains(&k1))
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        let k = k2.clone();
                                        value.update(|v| {
                                            v.retain(|x| *x != k);
                                            if on {
                                                v.push(k);
                                            }
                                        });
                                    }
                                />
                                {label}
                            </label>
                        }
                    })
                    .collect_view()
            }}
        </div>
    }
}

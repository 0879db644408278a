//! Samples and attachments of a dossier: the count of samples handed in, the attached files
//! (downloaded with the token) and the upload of a new one with its kind.

use leptos::prelude::*;
use leptos::task::spawn_local;
use ocop_evaluations::{AttachmentKind, CycleId, CycleOut};
use wasm_bindgen::JsCast;

use crate::api;
use crate::components::fields::{Field, FormErrors, SelectInput, TextInput};
use crate::format;
use crate::state::use_app;

use super::dossier::DossierFields;

#[component]
pub(super) fn FilesStep(
    cycle_id: CycleId,
    cycle: RwSignal<Option<CycleOut>>,
    fields: DossierFields,
    errors: FormErrors,
    /// Files may be attached from the idea's acceptance, the samples counted only later
    /// (`model::editing`): each has its own switch.
    #[prop(into)]
    editable: Signal<bool>,
    #[prop(into)] samples_editable: Signal<bool>,
) -> impl IntoView {
    let app = use_app();
    let kind = RwSignal::new(AttachmentKind::TestResult.as_str().to_string());
    let busy = RwSignal::new(false);
    let upload_error = RwSignal::new(None::<String>);
    let kind_options = Signal::derive(move || {
        let lang = app.lang.get();
        AttachmentKind::ALL
            .map(|k| (k.as_str().to_string(), lang.attachment_kind(k).to_string()))
            .to_vec()
    });

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
        input.set_value("");
        upload_error.set(None);
        let kind = kind
            .with_untracked(|k| AttachmentKind::parse(k))
            .unwrap_or(AttachmentKind::Other);
        busy.set(true);
        spawn_local(async move {
            let result = api::upload_attachment(cycle_id, kind, &file).await;
            busy.set(false);
            match result {
                Ok(attachment) => {
                    cycle.update(|c| {
                        if let Some(c) = c {
                            c.attachments.push(attachment);
                        }
                    });
                    app.notify(app.t_now().ev.file_uploaded);
                }
                Err(e) => upload_error.set(Some(app.describe(&e))),
            }
        });
    };

    let rows = move || {
        let list = cycle.with(|c| {
            c.as_ref()
                .map(|c| c.attachments.clone())
                .unwrap_or_default()
        });
        if list.is_empty() {
            return view! { <tr><td colspan="4" class="muted">{app.t().ev.no_files}</td></tr> }
                .into_any();
        }
        list.into_iter()
            .map(|a| {
                let name = js_sys::decode_uri_component(&a.file_name)
                    .map(String::from)
                    .unwrap_or(a.file_name.clone());
                let url = a.url.clone();
                let save_as = name.clone();
                let open = move |_| {
                    let (url, save_as) = (url.clone(), save_as.clone());
                    spawn_local(async move {
                        if let Err(e) = api::download(&url, &save_as).await {
                            app.notify(app.describe(&e));
                        }
                    });
                };
                let kind = a.kind;
                view! {
                    <tr data-id=a.id.to_string()>
                        <td><button type="button" class="linklike file-link" on:click=open>{name}</button></td>
                        <td>{move || app.lang.get().attachment_kind(kind)}</td>
                        <td class="num">{format!("{} KB", (a.byte_size + 1023) / 1024)}</td>
                        <td class="num">{format::date(&a.created_at)}</td>
                    </tr>
                }
            })
            .collect_view()
            .into_any()
    };

    view! {
        <fieldset class="grid" disabled=move || !samples_editable.get()>
            <Field name="samples" label=|t| t.ev.samples errors hint=|t| t.ev.samples_hint>
                <TextInput id="field-samples" value=fields.samples numeric=true />
            </Field>
        </fieldset>
        <h3>{move || app.t().ev.attachments}</h3>
        <table class="list" id="attachments">
            <thead>
                <tr>
                    <th>{move || app.t().ev.file}</th>
                    <th>{move || app.t().kind}</th>
                    <th class="num">{move || app.t().ev.size}</th>
                    <th class="num">{move || app.t().ev.uploaded_on}</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
        <Show when=move || editable.get()>
            <div class="upload-row">
                <SelectInput id="attachment-kind" value=kind options=kind_options />
                <input id="attachment-file" type="file" disabled=move || busy.get() on:change=upload />
                <Show when=move || busy.get()>
                    <span class="muted">{move || app.t().uploading}</span>
                </Show>
            </div>
            <span class="field-error" id="error-attachment">{move || upload_error.get()}</span>
        </Show>
    }
}

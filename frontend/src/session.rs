//! What survives a reload, kept in localStorage: the tokens, the signed-in user (so the header
//! renders before `/me` answers) and the UI language.

use ocop_core::users::{TokenOut, UserOut};

use crate::i18n::Lang;

const ACCESS_TOKEN: &str = "ocop.access_token";
const REFRESH_TOKEN: &str = "ocop.refresh_token";
const USER: &str = "ocop.user";
const LANG: &str = "ocop.lang";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

fn get(key: &str) -> Option<String> {
    storage()?.get_item(key).ok()?
}

// Storage can refuse (private mode, quota); the app then simply forgets on reload.
fn set(key: &str, value: &str) {
    if let Some(storage) = storage() {
        let _ = storage.set_item(key, value);
    }
}

fn remove(key: &str) {
    if let Some(storage) = storage() {
        let _ = storage.remove_item(key);
    }
}

pub fn access_token() -> Option<String> {
    get(ACCESS_TOKEN)
}

pub fn refresh_token() -> Option<String> {
    get(REFRESH_TOKEN)
}

pub fn save_tokens(tokens: &TokenOut) {
    set(ACCESS_TOKEN, &tokens.access_token);
    set(REFRESH_TOKEN, &tokens.refresh_token);
    save_user(&tokens.user);
}

pub fn stored_user() -> Option<UserOut> {
    access_token()?;
    serde_json::from_str(&get(USER)?).ok()
}

pub fn save_user(user: &UserOut) {
    if let Ok(json) = serde_json::to_string(user) {
        set(USER, &json);
    }
}

pub fn clear() {
    remove(ACCESS_TOKEN);
    remove(REFRESH_TOKEN);
    remove(USER);
}

pub fn lang() -> Lang {
    get(LANG)
        .as_deref()
        .and_then(Lang::parse)
        .unwrap_or_default()
}

pub fn save_lang(lang: Lang) {
    set(LANG, lang.code());
}

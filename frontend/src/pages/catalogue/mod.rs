//! The public catalogue of certified OCOP products, for people who never sign in: the list with
//! its filters and "show more" paging in `list`, one product's page in `product`, the filters'
//! choices in `options`, and the bar a visitor sees around them in `frame`. The list and the
//! product page are a lazy part of the wasm (see `screens`); the frame is in the shell.

mod frame;
mod list;
mod options;
mod product;

pub use frame::PublicFrame;
pub use list::CatalogueList;
pub use product::CatalogueProduct;

/// The feed gives image addresses absolute, on the configured public address; the page asks
/// for them as paths of the origin it was served from, which answers the same API, so they
/// load when the two differ (an internal name, a test server).
fn on_this_origin(url: &str) -> String {
    let Some(rest) = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
    else {
        return url.to_string();
    };
    match rest.find('/') {
        Some(at) => rest[at..].to_string(),
        None => "/".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::on_this_origin;

    #[test]
    fn absolute_addresses_become_paths_of_this_origin() {
        assert_eq!(
            on_this_origin("https://ocop.test.example/api/v1/public/products/1/images/2"),
            "/api/v1/public/products/1/images/2"
        );
        assert_eq!(on_this_origin("http://127.0.0.1:8080/a?b=c"), "/a?b=c");
        assert_eq!(on_this_origin("https://ocop.test.example"), "/");
        assert_eq!(on_this_origin("/already/a/path"), "/already/a/path");
    }
}

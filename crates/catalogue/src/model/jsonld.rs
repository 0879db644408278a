//! schema.org JSON-LD of catalogue entries, for search engines and platforms that read linked
//! data: a `Product` whose `hasCertification` is the OCOP `Certification` (its number, the stars
//! as a `Rating` of 3 to 5, active (the catalogue holds only certificates in force), who issued it, its dates and the
//! verification page), and a page of the feed as an `ItemList`. Pure: the entry must already
//! carry absolute URLs.

use serde_json::{Map, Value, json};

use crate::CatalogueItem;

const CONTEXT: &str = "https://schema.org";
/// schema.org's `certificationStatus` of a certificate in force: every entry's, since an entry
/// leaves the catalogue the day its certificate stops being in force.
const ACTIVE: &str = "https://schema.org/CertificationActive";

/// The entry as a schema.org `Product` (without `@context` when `nested`).
fn product_node(item: &CatalogueItem) -> Value {
    let producer = json!({
        "@type": "Organization",
        "name": item.subject.name,
        "address": {
            "@type": "PostalAddress",
            "addressLocality": item.origin.commune.name,
            "addressRegion": item.origin.province.name,
            "addressCountry": "VN",
        },
    });
    let certificate = &item.certificate;
    let mut node = Map::new();
    node.insert("@type".into(), json!("Product"));
    node.insert("@id".into(), json!(format!("urn:uuid:{}", item.id)));
    node.insert("productID".into(), json!(item.id.to_string()));
    node.insert("name".into(), json!(item.name));
    node.insert("description".into(), json!(item.description));
    node.insert("category".into(), json!(item.product_set.name));
    if !item.images.is_empty() {
        node.insert("image".into(), json!(item.images));
    }
    if let Some(gtin) = &item.gtin {
        node.insert("gtin".into(), json!(gtin));
    }
    node.insert("brand".into(), producer.clone());
    node.insert("manufacturer".into(), producer);
    node.insert(
        "countryOfOrigin".into(),
        json!({"@type": "Country", "name": "VN"}),
    );
    if let Some(offers) = offers(item) {
        node.insert("offers".into(), offers);
    }
    node.insert(
        "hasCertification".into(),
        json!({
            "@type": "Certification",
            "name": format!("OCOP {} sao", certificate.stars),
            "certificationIdentification": certificate.number,
            "certificationRating": {
                "@type": "Rating",
                "ratingValue": certificate.stars,
                "bestRating": 5,
                "worstRating": 3,
            },
            "certificationStatus": ACTIVE,
            "issuedBy": {"@type": "Organization", "name": certificate.issuing_body},
            "validFrom": certificate.issued_on,
            "expires": certificate.expires_on,
            "url": certificate.verification_url,
        }),
    );
    Value::Object(node)
}

/// The declared price range in đồng, when there is one.
fn offers(item: &CatalogueItem) -> Option<Value> {
    let (min, max) = (item.price.min, item.price.max);
    let low = min.or(max)?;
    Some(json!({
        "@type": "AggregateOffer",
        "priceCurrency": item.price.currency,
        "lowPrice": low,
        "highPrice": max.unwrap_or(low),
    }))
}

/// One entry as a JSON-LD document.
pub fn product(item: &CatalogueItem) -> Value {
    let mut node = product_node(item);
    if let Value::Object(map) = &mut node {
        map.insert("@context".into(), json!(CONTEXT));
    }
    node
}

/// A page of the feed as a JSON-LD `ItemList` at `url`.
pub fn item_list(items: &[CatalogueItem], url: &str) -> Value {
    let elements: Vec<Value> = items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            json!({
                "@type": "ListItem",
                "position": i + 1,
                "item": product_node(item),
            })
        })
        .collect();
    json!({
        "@context": CONTEXT,
        "@type": "ItemList",
        "url": url,
        "numberOfItems": items.len(),
        "itemListElement": elements,
    })
}

#[cfg(test)]
mod tests {
    use chrono::{DateTime, NaiveDate};
    use uuid::Uuid;

    use super::*;
    use crate::{Coded, ItemCertificate, ItemSubject, Origin, PriceRange};

    fn coded(code: &str, name: &str) -> Coded {
        Coded {
            code: code.into(),
            name: name.into(),
        }
    }

    fn item() -> CatalogueItem {
        let day = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap_or_default();
        CatalogueItem {
            id: Uuid::from_u128(7),
            version: 3,
            updated_at: DateTime::UNIX_EPOCH,
            name: "Cà phê bột Ea Tu".into(),
            description: "Rang mộc".into(),
            product_set: coded("I.6", "Cà phê, ca cao"),
            sector: coded("I", "THỰC PHẨM"),
            gtin: Some("8938505974192".into()),
            price: PriceRange {
                min: Some(120_000),
                max: None,
                currency: "VND".into(),
            },
            certificate: ItemCertificate {
                number: "12/2026/OCOP".into(),
                verification_code: "ABCD2345".into(),
                stars: 4,
                issuing_body: "UBND tỉnh Đắk Lắk".into(),
                issued_on: day(5, 4),
                expires_on: day(5, 4),
                valid_through: day(5, 3),
                verification_url: "https://ocop.example/verify/ABCD2345".into(),
            },
            subject: ItemSubject {
                id: Uuid::from_u128(9),
                name: "HTX Ea Tu".into(),
                kind: "cooperative".into(),
            },
            origin: Origin {
                commune: coded("24121", "Phường Tân Lập"),
                province: coded("66", "Tỉnh Đắk Lắk"),
                former: Vec::new(),
            },
            images: vec!["https://ocop.example/api/v1/public/products/x/images/y".into()],
            listings: Vec::new(),
            points_of_sale: Vec::new(),
        }
    }

    #[test]
    fn a_product_carries_its_certification_with_the_required_properties() {
        let doc = product(&item());
        assert_eq!(doc["@context"], "https://schema.org");
        assert_eq!(doc["@type"], "Product");
        assert_eq!(doc["gtin"], "8938505974192");
        assert_eq!(doc["manufacturer"]["name"], "HTX Ea Tu");
        assert_eq!(doc["offers"]["lowPrice"], 120_000);
        assert_eq!(doc["offers"]["highPrice"], 120_000);
        assert_eq!(doc["offers"]["priceCurrency"], "VND");
        let cert = &doc["hasCertification"];
        assert_eq!(cert["@type"], "Certification");
        assert_eq!(cert["certificationIdentification"], "12/2026/OCOP");
        assert_eq!(cert["certificationRating"]["@type"], "Rating");
        assert_eq!(cert["certificationRating"]["ratingValue"], 4);
        assert_eq!(cert["certificationRating"]["bestRating"], 5);
        assert_eq!(cert["certificationRating"]["worstRating"], 3);
        assert_eq!(cert["certificationStatus"], ACTIVE);
        assert_eq!(cert["issuedBy"]["name"], "UBND tỉnh Đắk Lắk");
        assert_eq!(cert["validFrom"], "2026-05-04");
        assert_eq!(cert["expires"], "2026-05-04");
        assert_eq!(cert["url"], "https://ocop.example/verify/ABCD2345");
    }

    #[test]
    fn a_product_without_prices_has_no_offer() {
        let mut bare = item();
        bare.price.min = None;
        bare.gtin = None;
        let doc = product(&bare);
        assert!(doc.get("offers").is_none());
        assert!(doc.get("gtin").is_none());
    }

    #[test]
    fn a_page_is_an_item_list_of_products_in_order() {
        let list = item_list(
            &[item(), item()],
            "https://ocop.example/api/v1/public/products",
        );
        assert_eq!(list["@type"], "ItemList");
        assert_eq!(list["numberOfItems"], 2);
        assert_eq!(list["itemListElement"][1]["position"], 2);
        assert_eq!(list["itemListElement"][0]["item"]["@type"], "Product");
        assert!(list["itemListElement"][0]["item"].get("@context").is_none());
    }
}

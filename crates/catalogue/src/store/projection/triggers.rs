//! Which catalogue entries a change touches: its events name products, certificates, cycles,
//! producers, listings and points of sale; they are resolved to product ids in one statement.
//! The certificate events also say how the entry changed (a new certificate, a supersession, a
//! revocation), which decides the kind the catalogue announces.

use std::collections::{BTreeSet, HashMap};

use ocop_core::DomainResult;
use sea_orm::{ConnectionTrait, Statement, Value};
use uuid::Uuid;

use ocop_core::store::projection::ChangeEvent;

/// What a certificate event did to its product's entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum CertificateAct {
    Revoked,
    Superseded,
    /// A new certificate: it outranks the supersession it brings along.
    Issued,
}

/// The ids a change's events name, by what they are.
#[derive(Debug, Default)]
pub(crate) struct Triggers {
    products: BTreeSet<Uuid>,
    certificates: BTreeSet<Uuid>,
    cycles: BTreeSet<Uuid>,
    subjects: BTreeSet<Uuid>,
    listings: BTreeSet<Uuid>,
    points: BTreeSet<Uuid>,
    /// The strongest certificate act per product.
    pub acts: HashMap<Uuid, CertificateAct>,
}

impl Triggers {
    pub fn from_events(events: &[ChangeEvent<'_>]) -> Self {
        let mut t = Self::default();
        for event in events {
            let Ok(id) = Uuid::parse_str(event.entity_id) else {
                continue;
            };
            let payload_product = event
                .payload
                .get("product_id")
                .and_then(|v| v.as_str())
                .and_then(|s| Uuid::parse_str(s).ok());
            match event.kind.entity {
                "product" => {
                    t.products.insert(id);
                }
                "certificate" => {
                    t.certificates.insert(id);
                    let act = match event.kind.name {
                        "certificate.issued" => Some(CertificateAct::Issued),
                        "certificate.superseded" => Some(CertificateAct::Superseded),
                        "certificate.revoked" => Some(CertificateAct::Revoked),
                        _ => None,
                    };
                    if let (Some(act), Some(product)) = (act, payload_product) {
                        t.products.insert(product);
                        let slot = t.acts.entry(product).or_insert(act);
                        *slot = (*slot).max(act);
                    }
                }
                // Re-rating filings and decisions change the facts of the product's certificate.
                "cycle" => {
                    t.cycles.insert(id);
                }
                "subject" => {
                    t.subjects.insert(id);
                }
                "listing" => {
                    t.listings.insert(id);
                    // A deleted listing is gone from its table: its payload names the product.
                    t.products.extend(payload_product);
                }
                "point_of_sale" => {
                    t.points.insert(id);
                    t.products.extend(payload_product);
                }
                _ => {}
            }
        }
        t
    }

    pub fn is_empty(&self) -> bool {
        self.products.is_empty()
            && self.certificates.is_empty()
            && self.cycles.is_empty()
            && self.subjects.is_empty()
            && self.listings.is_empty()
            && self.points.is_empty()
    }

    /// The products whose entries may have changed, in one statement. A producer's products
    /// include those of its entries (a deleted producer leaves entries to remove).
    pub async fn resolve<C: ConnectionTrait>(&self, db: &C) -> DomainResult<BTreeSet<Uuid>> {
        let mut out = self.products.clone();
        let parts: [(&str, &BTreeSet<Uuid>); 6] = [
            (
                "SELECT product_id FROM certificate WHERE id IN",
                &self.certificates,
            ),
            (
                "SELECT product_id FROM evaluation_cycle WHERE id IN",
                &self.cycles,
            ),
            (
                "SELECT id AS product_id FROM product WHERE subject_id IN",
                &self.subjects,
            ),
            (
                "SELECT product_id FROM catalogue_item WHERE subject_id IN",
                &self.subjects,
            ),
            (
                "SELECT product_id FROM ecommerce_listing WHERE id IN",
                &self.listings,
            ),
            (
                "SELECT product_id FROM point_of_sale_product WHERE point_of_sale_id IN",
                &self.points,
            ),
        ];
        let mut sql = Vec::new();
        let mut values: Vec<Value> = Vec::new();
        for (select, ids) in parts {
            if ids.is_empty() {
                continue;
            }
            sql.push(format!(
                "{select} ({})",
                in_list(values.len() + 1, ids.len())
            ));
            values.extend(ids.iter().map(|id| Value::from(*id)));
        }
        if sql.is_empty() {
            return Ok(out);
        }
        let statement =
            Statement::from_sql_and_values(db.get_database_backend(), sql.join(" UNION "), values);
        for row in db.query_all_raw(statement).await? {
            out.insert(row.try_get::<Uuid>("", "product_id")?);
        }
        Ok(out)
    }
}

/// `$first, $first+1, ...` for `n` values: numbered placeholders, in the order they appear (as
/// SQLite numbers them).
pub(crate) fn in_list(first: usize, n: usize) -> String {
    (first..first + n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use ocop_core::store::outbox::EventType;
    use serde_json::json;

    #[test]
    fn a_re_rating_is_a_new_certificate_not_a_supersession() {
        let product = Uuid::from_u128(1);
        let issued = json!({"product_id": product});
        let superseded = json!({"product_id": product});
        let ignored = json!({});
        let (a, b, c) = (
            Uuid::from_u128(2).to_string(),
            Uuid::from_u128(3).to_string(),
            Uuid::from_u128(4).to_string(),
        );
        let events = [
            ChangeEvent {
                kind: EventType::new("certificate.issued", 1, "certificate"),
                entity_id: &a,
                entity_version: 1,
                payload: &issued,
            },
            ChangeEvent {
                kind: EventType::new("certificate.superseded", 1, "certificate"),
                entity_id: &b,
                entity_version: 2,
                payload: &superseded,
            },
            ChangeEvent {
                kind: EventType::new("catalogue.updated", 1, "catalogue_item"),
                entity_id: &c,
                entity_version: 2,
                payload: &ignored,
            },
        ];
        let t = Triggers::from_events(&events);
        assert_eq!(t.acts.get(&product), Some(&CertificateAct::Issued));
        assert!(t.products.contains(&product));
        assert!(!t.products.contains(&Uuid::from_u128(4)));
        assert_eq!(in_list(3, 2), "$3, $4");
    }
}

//! The catalogue's projection: keeps `catalogue_item` in step with the products, certificates,
//! producers, images, listings and points of sale it shows, in the transaction of the change that
//! alters them, and announces each entry's change in the outbox (`crate::events`).
//!
//! A change's events name what it touched ([`triggers`]); the entries of those products are
//! rebuilt from their sources in a few batched statements ([`sources`], [`rows`]), compared with
//! the stored ones, and only those that differ are written, each with one event.

mod rows;
mod sources;
mod triggers;

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use chrono::{DateTime, NaiveDate, Utc};
use ocop_core::clock::vietnam_day;
use ocop_core::store::audit::Actor;
use ocop_core::store::change::Change;
use ocop_core::store::projection::{ChangeEvent, ProjectedEvent, Projection};
use ocop_core::{Clock, DomainError, DomainResult};
use sea_orm::entity::prelude::*;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveValue::Set, ConnectionTrait, DatabaseConnection, DatabaseTransaction};
use serde_json::json;
use uuid::Uuid;

pub use rows::image_path;
use rows::{Entry, LapseKind};
use triggers::{CertificateAct, Triggers};

use super::entities::catalogue_item;
use crate::{CatalogueItem, ChangeKind, next_stored_version, seen_version};

/// Products per batch: keeps every statement well under the databases' bind-parameter limits.
const BATCH: usize = 400;

/// The projection the api installs at start.
pub fn projection() -> Arc<dyn Projection> {
    Arc::new(CatalogueProjection)
}

struct CatalogueProjection;

#[async_trait::async_trait]
impl Projection for CatalogueProjection {
    async fn project(
        &self,
        txn: &DatabaseTransaction,
        at: DateTime<Utc>,
        events: &[ChangeEvent<'_>],
    ) -> DomainResult<Vec<ProjectedEvent>> {
        let triggers = Triggers::from_events(events);
        if triggers.is_empty() {
            return Ok(Vec::new());
        }
        let products = triggers.resolve(txn).await?;
        project_products(txn, at, &products, &triggers.acts).await
    }

    fn committed(&self) {
        super::last_change::note_commit();
    }
}

/// Brings the entries of `products` up to date at `at`; one event per entry that changed.
async fn project_products<C: ConnectionTrait>(
    db: &C,
    at: DateTime<Utc>,
    products: &BTreeSet<Uuid>,
    acts: &HashMap<Uuid, CertificateAct>,
) -> DomainResult<Vec<ProjectedEvent>> {
    let today = vietnam_day(at);
    let ids: Vec<Uuid> = products.iter().copied().collect();
    let mut events = Vec::new();
    for batch in ids.chunks(BATCH) {
        let sources = sources::read(db, batch, today).await?;
        let entries = rows::entries(&sources);
        let stored: HashMap<Uuid, catalogue_item::Model> = catalogue_item::Entity::find()
            .filter(catalogue_item::Column::ProductId.is_in(batch.to_vec()))
            .all(db)
            .await?
            .into_iter()
            .map(|m| (m.product_id, m))
            .collect();
        let mut writes = Vec::new();
        for entry in entries {
            let old = stored.get(&entry.product_id);
            if old.is_some_and(|old| unchanged(&entry, old)) {
                continue;
            }
            let version = next_stored_version(old.map(|o| (o.version, o.lapses_on)), today);
            // A new certificate that takes over from one still in force is a supersession (a
            // re-rating): the holders of the old mark hear it replaced; after a lapse it is a
            // new certification. (`certificate.superseded` names no product, so it is told here.)
            let replaced = old
                .is_some_and(|o| o.certificate_id != entry.certificate_id && o.lapses_on > today);
            let act = match acts.get(&entry.product_id) {
                Some(CertificateAct::Issued) if replaced => Some(&CertificateAct::Superseded),
                act => act,
            };
            let was_out = old.is_some_and(|o| o.lapses_on <= today);
            let kind = kind_of(&entry, old.is_some(), was_out, act, today);
            events.push(announce(
                kind,
                entry.product_id,
                seen_version(version, entry.lapses_on, today),
            ));
            writes.push(active(entry, version, at)?);
        }
        let gone: Vec<Uuid> = stored
            .values()
            .filter(|old| {
                !sources
                    .products
                    .iter()
                    .any(|p| p.product_id == old.product_id)
            })
            .map(|old| {
                let version = next_stored_version(Some((old.version, old.lapses_on)), today);
                events.push(announce(ChangeKind::Deleted, old.product_id, version));
                old.product_id
            })
            .collect();
        if !writes.is_empty() {
            catalogue_item::Entity::insert_many(writes)
                .on_conflict(
                    OnConflict::column(catalogue_item::Column::ProductId)
                        .update_columns(UPDATED_COLUMNS)
                        .to_owned(),
                )
                .exec(db)
                .await?;
        }
        if !gone.is_empty() {
            catalogue_item::Entity::delete_many()
                .filter(catalogue_item::Column::ProductId.is_in(gone))
                .exec(db)
                .await?;
        }
    }
    Ok(events)
}

/// Every column but the key.
const UPDATED_COLUMNS: [catalogue_item::Column; 21] = {
    use catalogue_item::Column::*;
    [
        SubjectId,
        CertificateId,
        VerificationCode,
        Stars,
        IssuedOn,
        ExpiresOn,
        RevokedOn,
        SupersededOn,
        ReRatingFiledOn,
        ReRatingDecidedOn,
        LapsesOn,
        LapsesByTimeOn,
        LapseKind,
        ProductSet,
        Sector,
        ProvinceCode,
        CommuneCode,
        SearchText,
        Document,
        Version,
        UpdatedAt,
    ]
};

/// What a platform is told happened to the entry.
fn kind_of(
    entry: &Entry,
    existed: bool,
    was_out: bool,
    act: Option<&CertificateAct>,
    today: NaiveDate,
) -> ChangeKind {
    match act {
        Some(CertificateAct::Issued) if existed => ChangeKind::Certified,
        Some(CertificateAct::Issued) => ChangeKind::Created,
        _ if !existed => ChangeKind::Created,
        Some(CertificateAct::Superseded) => ChangeKind::Superseded,
        Some(CertificateAct::Revoked) => ChangeKind::Revoked,
        // Only the write that ends it is an expiry: an edit of an entry already out is not.
        None if !was_out && entry.lapse_kind == LapseKind::Expired && entry.lapses_on <= today => {
            ChangeKind::Expired
        }
        None => ChangeKind::Updated,
    }
}

fn announce(kind: ChangeKind, product_id: Uuid, version: i32) -> ProjectedEvent {
    ProjectedEvent {
        kind: crate::events::for_kind(kind),
        entity_id: product_id.to_string(),
        entity_version: version,
        payload: json!({"kind": kind.as_str(), "product_id": product_id}),
    }
}

/// Whether the stored row already says what `entry` says (the document compared without its
/// version and instant).
fn unchanged(entry: &Entry, old: &catalogue_item::Model) -> bool {
    let Ok(mut document) = serde_json::from_str::<CatalogueItem>(&old.document) else {
        return false;
    };
    document.version = 0;
    document.updated_at = DateTime::UNIX_EPOCH;
    document == entry.document
        && old.subject_id == entry.subject_id
        && old.certificate_id == entry.certificate_id
        && old.verification_code == entry.verification_code
        && old.stars == entry.stars
        && old.issued_on == entry.facts.issued_on
        && old.expires_on == entry.expires_on
        && old.revoked_on == entry.facts.revoked_on
        && old.superseded_on == entry.facts.superseded_on
        && old.re_rating_filed_on == entry.facts.re_rating_filed_on
        && old.re_rating_decided_on == entry.facts.re_rating_decided_on
        && old.lapses_on == entry.lapses_on
        && old.lapse_kind == entry.lapse_kind.as_str()
        && old.product_set == entry.product_set
        && old.sector == entry.sector
        && old.province_code == entry.province_code
        && old.commune_code == entry.commune_code
        && old.search_text == entry.search_text
}

fn active(
    entry: Entry,
    version: i32,
    at: DateTime<Utc>,
) -> DomainResult<catalogue_item::ActiveModel> {
    let mut document = entry.document;
    document.version = version;
    document.updated_at = at;
    let document = serde_json::to_string(&document)
        .map_err(|e| DomainError::Internal(format!("catalogue document: {e}")))?;
    Ok(catalogue_item::ActiveModel {
        product_id: Set(entry.product_id),
        subject_id: Set(entry.subject_id),
        certificate_id: Set(entry.certificate_id),
        verification_code: Set(entry.verification_code),
        stars: Set(entry.stars),
        issued_on: Set(entry.facts.issued_on),
        expires_on: Set(entry.expires_on),
        revoked_on: Set(entry.facts.revoked_on),
        superseded_on: Set(entry.facts.superseded_on),
        re_rating_filed_on: Set(entry.facts.re_rating_filed_on),
        re_rating_decided_on: Set(entry.facts.re_rating_decided_on),
        lapses_on: Set(entry.lapses_on),
        lapses_by_time_on: Set((entry.lapses_on > vietnam_day(at)).then_some(entry.lapses_on)),
        lapse_kind: Set(entry.lapse_kind.as_str().to_string()),
        product_set: Set(entry.product_set),
        sector: Set(entry.sector),
        province_code: Set(entry.province_code),
        commune_code: Set(entry.commune_code),
        search_text: Set(entry.search_text),
        document: Set(document),
        version: Set(version),
        updated_at: Set(at),
    })
}

/// Fills the catalogue from the certificates when it is empty and certificates exist: a
/// database upgraded from before the catalogue. One change, by the system, with one audit entry
/// and the entries' events. Returns how many entries it wrote.
pub async fn rebuild_all(db: &DatabaseConnection, clock: Clock) -> DomainResult<u64> {
    let has_entries = catalogue_item::Entity::find().one(db).await?.is_some();
    if has_entries {
        return Ok(0);
    }
    let backend = db.get_database_backend();
    let certified: BTreeSet<Uuid> = db
        .query_all_raw(sea_orm::Statement::from_string(
            backend,
            "SELECT DISTINCT product_id FROM certificate",
        ))
        .await?
        .into_iter()
        .map(|row| row.try_get::<Uuid>("", "product_id"))
        .collect::<Result<_, _>>()?;
    if certified.is_empty() {
        return Ok(0);
    }
    let mut change = Change::begin(db, Actor::System(clock.now())).await?;
    let events = project_products(&change, change.at(), &certified, &HashMap::new()).await?;
    let written = u64::try_from(events.len()).unwrap_or(u64::MAX);
    for event in events {
        change.emit(
            event.kind,
            event.entity_id,
            event.entity_version,
            &event.payload,
        )?;
    }
    change.audit(
        "catalogue_item",
        "all",
        "catalogue.rebuild",
        json!({ "entries": written }),
    );
    change.commit().await?;
    Ok(written)
}

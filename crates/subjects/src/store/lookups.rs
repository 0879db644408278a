//! What other crates need to know of subjects, without reaching the entity: a subject in scope as
//! a small [`SubjectRef`], and batched lookups by id for rows the caller has already read through
//! a scope of its own (a product, a dossier, a certificate), which carry their subject's id.

use std::collections::HashMap;

use ocop_core::{DomainError, DomainResult, Scope, SubjectId, UnitId};
use sea_orm::entity::prelude::*;
use sea_orm::{ConnectionTrait, PaginatorTrait, QuerySelect};

use super::queries::find_in_scope;
use super::read::{kind_of, status_of};
use super::subject;
use crate::model::{SubjectKind, SubjectStatus};

/// What another record needs of its subject.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubjectRef {
    pub id: SubjectId,
    pub name: String,
    pub kind: SubjectKind,
    pub status: SubjectStatus,
    pub unit_id: UnitId,
}

impl TryFrom<subject::Model> for SubjectRef {
    type Error = DomainError;

    fn try_from(m: subject::Model) -> DomainResult<Self> {
        Ok(Self {
            id: SubjectId(m.id),
            kind: kind_of(&m.kind)?,
            status: status_of(&m.status)?,
            unit_id: UnitId(m.unit_id),
            name: m.name,
        })
    }
}

/// A subject the scope may see, or `None`.
pub async fn ref_in_scope<C: ConnectionTrait>(
    db: &C,
    scope: &Scope,
    id: SubjectId,
) -> DomainResult<Option<SubjectRef>> {
    find_in_scope(db, scope, id)
        .await?
        .map(SubjectRef::try_from)
        .transpose()
}

/// The subject of a record already read in scope; not found when it is gone.
pub async fn ref_by_id<C: ConnectionTrait>(db: &C, id: SubjectId) -> DomainResult<SubjectRef> {
    subject::Entity::find_by_id(id.0)
        .one(db)
        .await?
        .ok_or(DomainError::not_found("subject"))?
        .try_into()
}

/// The subjects of records already read in scope, by id, in one query.
pub async fn refs_by_ids<C: ConnectionTrait>(
    db: &C,
    ids: impl IntoIterator<Item = Uuid>,
) -> DomainResult<HashMap<Uuid, SubjectRef>> {
    subject::Entity::find()
        .filter(subject::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|m| Ok((m.id, SubjectRef::try_from(m)?)))
        .collect()
}

/// The names of the subjects of records already read in scope, by id, in one query.
pub async fn names_by_ids<C: ConnectionTrait>(
    db: &C,
    ids: impl IntoIterator<Item = Uuid>,
) -> DomainResult<HashMap<Uuid, String>> {
    let rows: Vec<(Uuid, String)> = subject::Entity::find()
        .select_only()
        .column(subject::Column::Id)
        .column(subject::Column::Name)
        .filter(subject::Column::Id.is_in(ids))
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().collect())
}

/// Whether any subject is registered at all (the demo seeds only an empty database).
pub async fn any_exist<C: ConnectionTrait>(db: &C) -> DomainResult<bool> {
    Ok(subject::Entity::find().count(db).await? > 0)
}

//! The product form's state as typed, how it reads back into the wire types, and the diff
//! an edit sends.

use leptos::prelude::*;
use ocop_core::{Dong, FieldError, SubjectId, UnitId};
use ocop_products::{ProductIn, ProductOut, ProductPatch, ProductStatus};
use serde_json::Value;

use crate::components::fields::local_error;
use crate::format::{changed, changed_option, merge_patch, optional, whole_number};
use crate::i18n::Dict;

#[derive(Clone, Copy)]
pub(super) struct Fields {
    pub(super) subject_id: RwSignal<String>,
    pub(super) name: RwSignal<String>,
    pub(super) product_set: RwSignal<String>,
    pub(super) origin_unit_id: RwSignal<String>,
    pub(super) description: RwSignal<String>,
    pub(super) ingredients: RwSignal<String>,
    pub(super) packaging: RwSignal<String>,
    pub(super) price_min: RwSignal<String>,
    pub(super) price_max: RwSignal<String>,
    pub(super) capacity_value: RwSignal<String>,
    pub(super) capacity_unit: RwSignal<String>,
    pub(super) gtin: RwSignal<String>,
    pub(super) status: RwSignal<String>,
}

impl Fields {
    pub(super) fn new() -> Self {
        let text = || RwSignal::new(String::new());
        Self {
            subject_id: text(),
            name: text(),
            product_set: text(),
            origin_unit_id: text(),
            description: text(),
            ingredients: text(),
            packaging: text(),
            price_min: text(),
            price_max: text(),
            capacity_value: text(),
            capacity_unit: text(),
            gtin: text(),
            status: text(),
        }
    }

    pub(super) fn fill(&self, p: &ProductOut) {
        let number = |n: Option<i64>| n.map(|n| n.to_string()).unwrap_or_default();
        // Prices read the way they are written in Vietnam (250.000); `whole_number` takes it back.
        let price = |d: Option<Dong>| {
            d.map(|d| d.display_vi().trim_end_matches(" ₫").to_string())
                .unwrap_or_default()
        };
        self.subject_id.set(p.subject_id.to_string());
        self.name.set(p.name.clone());
        self.product_set.set(p.product_set.code.clone());
        self.origin_unit_id.set(p.origin_unit_id.0.to_string());
        self.description.set(p.description.clone());
        self.ingredients.set(p.ingredients.clone());
        self.packaging.set(p.packaging.clone());
        self.price_min.set(price(p.price_min));
        self.price_max.set(price(p.price_max));
        self.capacity_value.set(number(p.capacity_value));
        self.capacity_unit
            .set(p.capacity_unit.clone().unwrap_or_default());
        self.gtin.set(p.gtin.clone().unwrap_or_default());
        self.status.set(p.status.as_str().to_string());
    }

    /// The form as a new product, or what cannot be read. `pick_subject` is false for producers,
    /// whose own subject the server fills in.
    pub(super) fn read(&self, t: &Dict, pick_subject: bool) -> Result<ProductIn, Vec<FieldError>> {
        let mut errors = Vec::new();
        let subject_id = self
            .subject_id
            .with_untracked(|s| s.parse::<SubjectId>().ok());
        if pick_subject && subject_id.is_none() {
            errors.push(local_error("subject_id", t.required));
        }
        let product_set = self.product_set.get_untracked();
        if product_set.is_empty() {
            errors.push(local_error("product_set", t.required));
        }
        let mut number = |field: &'static str, signal: RwSignal<String>| {
            whole_number(&signal.get_untracked()).unwrap_or_else(|()| {
                errors.push(local_error(field, t.whole_number));
                None
            })
        };
        let price_min = number("price_min", self.price_min);
        let price_max = number("price_max", self.price_max);
        let capacity_value = number("capacity_value", self.capacity_value);
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(ProductIn {
            subject_id: subject_id.filter(|_| pick_subject),
            name: self.name.get_untracked().trim().to_string(),
            product_set,
            origin_unit_id: self
                .origin_unit_id
                .with_untracked(|u| u.parse().ok().map(UnitId)),
            description: self.description.get_untracked().trim().to_string(),
            ingredients: self.ingredients.get_untracked().trim().to_string(),
            packaging: self.packaging.get_untracked().trim().to_string(),
            price_min,
            price_max,
            capacity_value,
            capacity_unit: optional(&self.capacity_unit.get_untracked()),
            // Spaces people type between digit groups are not part of the number.
            gtin: optional(&self.gtin.get_untracked().replace(' ', "")),
        })
    }
}

/// Only the changed fields, as a merge patch. The subject of a product is fixed once created.
pub(super) fn diff(input: ProductIn, status: Option<ProductStatus>, before: &ProductOut) -> Value {
    let mut cleared = Vec::new();
    let patch = ProductPatch {
        name: changed(input.name, &before.name),
        product_set: changed(input.product_set, &before.product_set.code),
        // The origin cannot be cleared, only moved.
        origin_unit_id: input
            .origin_unit_id
            .and_then(|u| changed(u, &before.origin_unit_id)),
        description: changed(input.description, &before.description),
        ingredients: changed(input.ingredients, &before.ingredients),
        packaging: changed(input.packaging, &before.packaging),
        price_min: changed_option(
            input.price_min,
            before.price_min.map(|d| d.0),
            "price_min",
            &mut cleared,
        ),
        price_max: changed_option(
            input.price_max,
            before.price_max.map(|d| d.0),
            "price_max",
            &mut cleared,
        ),
        capacity_value: changed_option(
            input.capacity_value,
            before.capacity_value,
            "capacity_value",
            &mut cleared,
        ),
        capacity_unit: changed_option(
            input.capacity_unit,
            before.capacity_unit.clone(),
            "capacity_unit",
            &mut cleared,
        ),
        gtin: changed_option(input.gtin, before.gtin.clone(), "gtin", &mut cleared),
        status: status.and_then(|s| changed(s, &before.status)),
    };
    merge_patch(&patch, &cleared)
}

//! The events products emit into the outbox, one per change, all about the entity `product`
//! (the product's id, its version after the change). Payloads: the [`crate::ProductOut`] after
//! the change for created and updated; `{product_id, image_id}` for the images. Adding an image
//! does not move the product's version (nothing another client read is lost by it), so
//! `product.image_added` carries the version the product already had.

use ocop_core::store::outbox::EventType;

pub const PRODUCT_CREATED: EventType = EventType::new("product.created", 1, "product");
pub const PRODUCT_UPDATED: EventType = EventType::new("product.updated", 1, "product");
pub const PRODUCT_IMAGE_ADDED: EventType = EventType::new("product.image_added", 1, "product");
pub const PRODUCT_IMAGE_REMOVED: EventType = EventType::new("product.image_removed", 1, "product");

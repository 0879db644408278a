//! The database side of products: the classification trees, products, and their images. The
//! entities and the queries; the use cases that change them are in [`crate::service`].

pub mod classification;
pub mod images;
pub mod products;

//! The database side of products: the classification trees, products, and their images.

pub mod classification;
pub mod images;
pub mod products;

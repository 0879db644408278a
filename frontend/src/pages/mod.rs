//! The screens: sign-in, and a list and a form for each of subjects and products.

pub mod login;
pub mod products;
pub mod subjects;

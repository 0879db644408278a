//! The screens: sign-in, a list and a form for each of subjects and products, and the
//! evaluation screens: cycles and their dossiers, rounds and score sheets, certificates, the
//! public verification page and the alerts; the public catalogue; the dashboard of figures.

pub mod admin;
pub mod alerts;
pub mod catalogue;
pub mod certificates;
pub mod cycles;
pub mod dashboard;
pub mod home;
pub mod login;
pub mod not_found;
pub mod plans;
pub mod products;
pub mod rounds;
pub mod subjects;
pub mod trade;
pub mod verify;

//! The events evaluations announces through the outbox, one constant per kind. Payloads are
//! version 1; a change of a payload's shape is a new version, never an edit of this one.

use ocop_core::store::outbox::EventType;

/// A product's cycle opened (payload: the cycle's product, subject, year, entry state).
pub const CYCLE_OPENED: EventType = EventType::new("cycle.opened", 1, "cycle");
/// A cycle moved (payload: from, to, reason, product_id).
pub const CYCLE_MOVED: EventType = EventType::new("cycle.moved", 1, "cycle");
/// The dossier's contents changed (payload: the fields changed).
pub const CYCLE_DOSSIER_UPDATED: EventType = EventType::new("cycle.dossier_updated", 1, "cycle");
/// A file was attached to a dossier (the attachment has no version: 1).
pub const CYCLE_ATTACHMENT_ADDED: EventType =
    EventType::new("cycle.attachment_added", 1, "attachment");
/// A 90-point candidate was put before the ministry's council (payload: the central round).
pub const CYCLE_CENTRAL_ROUND_SET: EventType =
    EventType::new("cycle.central_round_set", 1, "cycle");
/// The ministry's council froze its result on a candidate (payload: the round and the result).
pub const CYCLE_CENTRAL_RESULT_RECORDED: EventType =
    EventType::new("cycle.central_result_recorded", 1, "cycle");
pub const ROUND_CREATED: EventType = EventType::new("round.created", 1, "round");
pub const ROUND_COUNCIL_SET: EventType = EventType::new("round.council_set", 1, "round");
/// A dossier was put on a round's agenda.
pub const ROUND_AGENDA_CHANGED: EventType = EventType::new("round.agenda_changed", 1, "round");
pub const ROUND_CLOSED: EventType = EventType::new("round.closed", 1, "round");
/// A member saved or submitted their sheet.
pub const SHEET_SAVED: EventType = EventType::new("sheet.saved", 1, "score_sheet");
/// A member declared a conflict of interest on a dossier (entity: the round, whose council
/// changed).
pub const SHEET_RECUSED: EventType = EventType::new("sheet.recused", 1, "round");
/// The chair recorded a finding (findings have no version: 1).
pub const FINDING_RECORDED: EventType = EventType::new("finding.recorded", 1, "finding");
pub const FINDING_WITHDRAWN: EventType = EventType::new("finding.withdrawn", 1, "finding");
/// A certificate was issued with a recognition decision.
pub const CERTIFICATE_ISSUED: EventType = EventType::new("certificate.issued", 1, "certificate");
/// An earlier certificate of the product gave way to a new one.
pub const CERTIFICATE_SUPERSEDED: EventType =
    EventType::new("certificate.superseded", 1, "certificate");
pub const CERTIFICATE_REVOKED: EventType = EventType::new("certificate.revoked", 1, "certificate");
/// A person imported a legal instrument (the start-up load announces nothing).
pub const CRITERIA_INSTRUMENT_IMPORTED: EventType =
    EventType::new("criteria.instrument_imported", 1, "criteria_instrument");
/// A person imported a criteria sheet (entity version: the sheet's version in its set).
pub const CRITERIA_SHEET_IMPORTED: EventType =
    EventType::new("criteria.sheet_imported", 1, "criteria_set");

//! The events plans emit into the outbox, one per change, each about one entity with its version
//! after the change. Payloads: the `…Out` after the change; `{id}` for deletions, whose version
//! is one past the last. Participants and products of an activity are announced as changes of
//! the activity (its version does not move: they are rows of their own), points of sale's
//! products likewise.

use ocop_core::store::outbox::EventType;

pub const PHASE_CREATED: EventType = EventType::new("phase.created", 1, "phase");
pub const PHASE_UPDATED: EventType = EventType::new("phase.updated", 1, "phase");

pub const PLAN_CREATED: EventType = EventType::new("plan.created", 1, "plan");
pub const PLAN_UPDATED: EventType = EventType::new("plan.updated", 1, "plan");
/// Approved, closed or sent back to draft; the payload is the plan after the move.
pub const PLAN_MOVED: EventType = EventType::new("plan.moved", 1, "plan");
pub const PLAN_DELETED: EventType = EventType::new("plan.deleted", 1, "plan");

pub const TARGET_CREATED: EventType = EventType::new("target.created", 1, "target");
pub const TARGET_UPDATED: EventType = EventType::new("target.updated", 1, "target");
pub const TARGET_DELETED: EventType = EventType::new("target.deleted", 1, "target");

pub const ACTIVITY_CREATED: EventType = EventType::new("activity.created", 1, "activity");
pub const ACTIVITY_UPDATED: EventType = EventType::new("activity.updated", 1, "activity");
pub const ACTIVITY_DELETED: EventType = EventType::new("activity.deleted", 1, "activity");
pub const ACTIVITY_PARTICIPANT_ADDED: EventType =
    EventType::new("activity.participant_added", 1, "activity");
pub const ACTIVITY_PARTICIPANT_REMOVED: EventType =
    EventType::new("activity.participant_removed", 1, "activity");
pub const ACTIVITY_PRODUCT_ADDED: EventType =
    EventType::new("activity.product_added", 1, "activity");
pub const ACTIVITY_PRODUCT_REMOVED: EventType =
    EventType::new("activity.product_removed", 1, "activity");

pub const POINT_OF_SALE_CREATED: EventType =
    EventType::new("point_of_sale.created", 1, "point_of_sale");
pub const POINT_OF_SALE_UPDATED: EventType =
    EventType::new("point_of_sale.updated", 1, "point_of_sale");
pub const POINT_OF_SALE_PRODUCT_ADDED: EventType =
    EventType::new("point_of_sale.product_added", 1, "point_of_sale");
pub const POINT_OF_SALE_PRODUCT_ENDED: EventType =
    EventType::new("point_of_sale.product_ended", 1, "point_of_sale");

pub const LISTING_CREATED: EventType = EventType::new("listing.created", 1, "listing");
pub const LISTING_UPDATED: EventType = EventType::new("listing.updated", 1, "listing");
pub const LISTING_DELETED: EventType = EventType::new("listing.deleted", 1, "listing");

pub const REVENUE_REPORTED: EventType = EventType::new("revenue.reported", 1, "revenue_report");
pub const REVENUE_UPDATED: EventType = EventType::new("revenue.updated", 1, "revenue_report");

//! The events budgets emit into the outbox, one per change, each about one entity with its
//! version after the change. Payloads: the `…Out` after the change. Ledger entries never change,
//! so they are announced at version 1, with their allocation's new balance in the payload.

use ocop_core::store::outbox::EventType;

pub const LINE_CREATED: EventType = EventType::new("budget_line.created", 1, "budget_line");
pub const LINE_REVISED: EventType = EventType::new("budget_line.revised", 1, "budget_line");
pub const ALLOCATION_CREATED: EventType =
    EventType::new("budget_allocation.created", 1, "budget_allocation");
pub const ENTRY_POSTED: EventType = EventType::new("budget_entry.posted", 1, "budget_entry");

//! Typed ids of the evaluation records, so a round id can never be passed where a cycle id is
//! expected. On the wire they are plain uuid strings.

ocop_core::uuid_id!(
    /// A product's annual cycle (and its dossier).
    CycleId
);
ocop_core::uuid_id!(
    /// An evaluation round (province or central council).
    RoundId
);
ocop_core::uuid_id!(
    /// A recognition certificate.
    CertificateId
);
ocop_core::uuid_id!(
    /// A council member's score sheet on one dossier in one round.
    SheetId
);
ocop_core::uuid_id!(
    /// A file attached to a dossier.
    AttachmentId
);

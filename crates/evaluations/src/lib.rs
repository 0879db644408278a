//! ocop-evaluations: criteria sets as versioned legal data, the OCOP cycle, councils, score sheets, star rank and certificates.

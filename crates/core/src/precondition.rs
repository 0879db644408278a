//! What a client says it last saw of a record it changes: the version it read (`If-Match`), or
//! that there is no record yet (`If-None-Match: *`) for a `PUT` that may create one.

use crate::{DomainError, DomainResult};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Precondition {
    Version(i32),
    Absent,
}

impl Precondition {
    /// Fails with the stale-version error (412) when the record is not as the client saw it;
    /// `current` is the stored version, `None` when there is no record.
    pub fn check(self, current: Option<i32>) -> DomainResult<()> {
        match (self, current) {
            (Precondition::Version(read), Some(stored)) if read == stored => Ok(()),
            (Precondition::Absent, None) => Ok(()),
            (read, stored) => Err(DomainError::StaleVersion {
                expected: match read {
                    Precondition::Version(v) => v,
                    Precondition::Absent => 0,
                },
                current: stored.unwrap_or(0),
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn holds_only_when_the_record_is_as_seen() {
        assert!(Precondition::Version(3).check(Some(3)).is_ok());
        assert!(Precondition::Absent.check(None).is_ok());
        assert!(Precondition::Version(3).check(Some(4)).is_err());
        assert!(Precondition::Version(1).check(None).is_err());
        assert!(Precondition::Absent.check(Some(1)).is_err());
    }
}

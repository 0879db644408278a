//! Who may do what, and on which rows. The role × action table is the single place that says
//! which role may call which operation; [`Scope`] says which rows a call may touch.

use std::collections::BTreeSet;
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::{DomainError, DomainResult, SubjectId, UnitId, UserId};

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    SystemAdmin,
    ProvinceOfficer,
    /// Historical: districts were abolished on 1 July 2025, but their officers' records remain.
    DistrictOfficer,
    CommuneOfficer,
    CouncilMember,
    Producer,
    Viewer,
}

impl Role {
    pub const ALL: [Role; 7] = [
        Role::SystemAdmin,
        Role::ProvinceOfficer,
        Role::DistrictOfficer,
        Role::CommuneOfficer,
        Role::CouncilMember,
        Role::Producer,
        Role::Viewer,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::SystemAdmin => "system_admin",
            Self::ProvinceOfficer => "province_officer",
            Self::DistrictOfficer => "district_officer",
            Self::CommuneOfficer => "commune_officer",
            Self::CouncilMember => "council_member",
            Self::Producer => "producer",
            Self::Viewer => "viewer",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == s)
    }

    pub fn is_officer(self) -> bool {
        matches!(
            self,
            Self::ProvinceOfficer | Self::DistrictOfficer | Self::CommuneOfficer
        )
    }

    /// Rank in the chain of command; lower is higher. Roles outside the chain rank last.
    fn rank(self) -> u8 {
        match self {
            Self::SystemAdmin => 0,
            Self::ProvinceOfficer => 1,
            Self::DistrictOfficer => 2,
            Self::CommuneOfficer => 3,
            Self::CouncilMember | Self::Producer | Self::Viewer => 4,
        }
    }

    /// Whether a user of this role may create or edit a user with role `other`: only roles
    /// strictly below one's own, and council members only from the province up, since councils
    /// sit at province level.
    pub fn can_grant(self, other: Role) -> bool {
        match self {
            Self::SystemAdmin => true,
            _ if !self.is_officer() => false,
            _ if other == Self::CouncilMember => self == Self::ProvinceOfficer,
            _ => other.rank() > self.rank(),
        }
    }
}

/// Declares [`Action`] and [`Action::ALL`] from one list, so a new action is in `ALL` (and so
/// granted to system administrators) without a second list to keep in step.
macro_rules! actions {
    ($( $(#[$meta:meta])* $name:ident, )*) => {
        /// Every operation that needs a permission.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Action {
            $( $(#[$meta])* $name, )*
        }

        impl Action {
            pub const ALL: &'static [Action] = &[$( Action::$name, )*];
        }
    };
}

actions! {
    UnitsRead,
    UsersRead,
    UsersManage,
    SubjectsRead,
    SubjectsCreate,
    SubjectsUpdate,
    /// Archive or delete a subject, or change its status or registration code.
    SubjectsAdminister,
    ProductsRead,
    ProductsCreate,
    ProductsUpdate,
    AuditRead,
    /// Re-walk the audit chain, read the whole trail and the outbox: system administrators only.
    AuditVerify,
    /// Import criteria instruments and sheets (legal data): system administrators only.
    CriteriaManage,
    CyclesRead,
    /// Register a product idea or open a product's cycle for a year.
    CyclesOpen,
    /// Edit a dossier's forms and attachments (who may edit which part depends on the state).
    DossierEdit,
    RoundsRead,
    /// Convene rounds, seat councils, set agendas: the provincial OCOP body.
    RoundsManage,
    /// Score dossiers as a seated council member.
    SheetsScore,
    CertificatesRead,
    /// Record a revocation decision.
    CertificatesRevoke,
    AlertsRead,
    /// Read phases, plans, targets and their progress, activities, points of sale and listings.
    PlansRead,
    /// Draft, approve and close plans; set targets; record activities, participants and points
    /// of sale; open phases (each within the unit scope).
    PlansManage,
    /// Record e-commerce listings and reported revenue: officers, and producers for their own.
    TradeRecord,
    /// Issue, rotate and revoke the API keys of machine clients: system administrators only.
    ApiKeysManage,
    /// Read budget lines, allocations and the ledger of the caller's area.
    BudgetsRead,
    /// Record budget lines and their revisions, allocate them, post disbursements and reversals.
    BudgetsManage,
    /// Approve an allocation beyond what is left on its line: the provincial body only.
    BudgetsApprove,
    /// Read the reports and dashboards of the caller's area.
    ReportsRead,
}

/// The role × action table. Rows are roles; a role may do exactly the actions in its groups.
const PERMISSIONS: &[(Role, &[&[Action]])] = {
    use Action::*;
    // Officers keep the records of their area.
    const RECORDS: &[Action] = &[
        UnitsRead,
        UsersRead,
        UsersManage,
        SubjectsRead,
        SubjectsCreate,
        SubjectsUpdate,
        SubjectsAdminister,
        ProductsRead,
        ProductsCreate,
        ProductsUpdate,
        AuditRead,
    ];
    const EVALUATION_READ: &[Action] = &[CyclesRead, RoundsRead, CertificatesRead];
    // Ideas and dossiers are the producers' and the communes'.
    const FILING: &[Action] = &[CyclesOpen, DossierEdit];
    // The province convenes councils and records decisions.
    const PROVINCE: &[Action] = &[RoundsManage, CertificatesRevoke];
    // Officers plan and report the programme of their area.
    const PLANNING: &[Action] = &[PlansRead, PlansManage, TradeRecord];
    // Officers keep the books of their area's programme and read its reports.
    const BOOKS: &[Action] = &[BudgetsRead, BudgetsManage, ReportsRead];
    &[
        (Role::SystemAdmin, &[Action::ALL]),
        (
            Role::ProvinceOfficer,
            &[
                RECORDS,
                EVALUATION_READ,
                PROVINCE,
                PLANNING,
                BOOKS,
                &[AlertsRead, BudgetsApprove],
            ],
        ),
        // Districts were abolished in July 2025: their officers keep reading, but take no part
        // in the cycle.
        (
            Role::DistrictOfficer,
            &[
                RECORDS,
                EVALUATION_READ,
                &[AlertsRead, PlansRead, BudgetsRead, ReportsRead],
            ],
        ),
        (
            Role::CommuneOfficer,
            &[
                RECORDS,
                EVALUATION_READ,
                FILING,
                PLANNING,
                BOOKS,
                &[AlertsRead],
            ],
        ),
        (
            Role::CouncilMember,
            &[
                &[UnitsRead, SubjectsRead, ProductsRead],
                EVALUATION_READ,
                &[SheetsScore, AlertsRead],
            ],
        ),
        (
            Role::Producer,
            &[
                &[
                    UnitsRead,
                    SubjectsRead,
                    SubjectsUpdate,
                    ProductsRead,
                    ProductsCreate,
                    ProductsUpdate,
                    AuditRead,
                    CyclesRead,
                    CertificatesRead,
                    AlertsRead,
                    TradeRecord,
                ],
                FILING,
            ],
        ),
        (
            Role::Viewer,
            &[
                &[
                    UnitsRead,
                    SubjectsRead,
                    ProductsRead,
                    PlansRead,
                    BudgetsRead,
                    ReportsRead,
                ],
                EVALUATION_READ,
            ],
        ),
    ]
};

pub fn permits(role: Role, action: Action) -> bool {
    PERMISSIONS
        .iter()
        .any(|(r, groups)| *r == role && groups.iter().any(|g| g.contains(&action)))
}

/// The rows a caller may touch. Built once per request from the caller's home unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// System administrators.
    All,
    /// Rows whose unit is in this unit's subtree in the tree in force, plus the historical units
    /// that became part of it (queries read it from the unit closure).
    Subtree(UnitId),
    /// A producer: its own subject and that subject's products.
    Subject(SubjectId),
    /// No rows at all (a producer account not linked to a subject).
    Nothing,
}

/// The authenticated caller.
#[derive(Debug, Clone)]
pub struct Principal {
    pub user_id: UserId,
    pub role: Role,
    pub unit_id: UnitId,
    pub subject_id: Option<SubjectId>,
    /// The home unit's subtree (with history). Producers use it only to pick units.
    pub units: Arc<BTreeSet<UnitId>>,
}

impl Principal {
    /// Fails with 403 when the role may not do `action` at all.
    pub fn require(&self, action: Action) -> DomainResult<()> {
        if permits(self.role, action) {
            Ok(())
        } else {
            Err(DomainError::Forbidden { reason: "role" })
        }
    }

    /// The rows this caller's data queries are limited to.
    pub fn scope(&self) -> Scope {
        match (self.role, self.subject_id) {
            (Role::SystemAdmin, _) => Scope::All,
            (Role::Producer, Some(subject)) => Scope::Subject(subject),
            (Role::Producer, None) => Scope::Nothing,
            _ => Scope::Subtree(self.unit_id),
        }
    }

    /// Whether `unit` lies in the caller's unit subtree (admins: everywhere).
    pub fn covers_unit(&self, unit: UnitId) -> bool {
        self.role == Role::SystemAdmin || self.units.contains(&unit)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_role_has_a_row_in_the_table() {
        for role in Role::ALL {
            assert!(
                PERMISSIONS.iter().any(|(r, _)| *r == role),
                "{role:?} has no row"
            );
        }
    }

    #[test]
    fn role_names_round_trip() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
        assert_eq!(Role::parse("root"), None);
    }

    #[test]
    fn only_officers_and_admins_manage_users() {
        for role in Role::ALL {
            let expected = role == Role::SystemAdmin || role.is_officer();
            assert_eq!(permits(role, Action::UsersManage), expected, "{role:?}");
        }
    }

    #[test]
    fn readers_cannot_write() {
        for role in [Role::Viewer, Role::CouncilMember] {
            for action in [
                Action::SubjectsCreate,
                Action::SubjectsUpdate,
                Action::ProductsCreate,
                Action::ProductsUpdate,
            ] {
                assert!(!permits(role, action), "{role:?} {action:?}");
            }
        }
    }

    #[test]
    fn producers_edit_their_own_things_but_not_administer_subjects() {
        assert!(permits(Role::Producer, Action::SubjectsUpdate));
        assert!(permits(Role::Producer, Action::ProductsCreate));
        assert!(!permits(Role::Producer, Action::SubjectsCreate));
        assert!(!permits(Role::Producer, Action::SubjectsAdminister));
        assert!(!permits(Role::Producer, Action::UsersManage));
    }

    #[test]
    fn officers_plan_districts_and_viewers_read_producers_record_their_trade() {
        use Role::*;
        for role in Role::ALL {
            let manages = matches!(role, SystemAdmin | ProvinceOfficer | CommuneOfficer);
            assert_eq!(permits(role, Action::PlansManage), manages, "{role:?}");
            let reads = manages || matches!(role, DistrictOfficer | Viewer);
            assert_eq!(permits(role, Action::PlansRead), reads, "{role:?}");
            let records = manages || role == Producer;
            assert_eq!(permits(role, Action::TradeRecord), records, "{role:?}");
        }
    }

    #[test]
    fn officers_keep_the_books_and_only_the_province_approves_over_allocations() {
        use Role::*;
        for role in Role::ALL {
            let manages = matches!(role, SystemAdmin | ProvinceOfficer | CommuneOfficer);
            assert_eq!(permits(role, Action::BudgetsManage), manages, "{role:?}");
            let reads = manages || matches!(role, DistrictOfficer | Viewer);
            assert_eq!(permits(role, Action::BudgetsRead), reads, "{role:?}");
            assert_eq!(permits(role, Action::ReportsRead), reads, "{role:?}");
            let approves = matches!(role, SystemAdmin | ProvinceOfficer);
            assert_eq!(permits(role, Action::BudgetsApprove), approves, "{role:?}");
        }
    }

    #[test]
    fn grants_go_only_downwards() {
        use Role::*;
        assert!(SystemAdmin.can_grant(SystemAdmin));
        assert!(ProvinceOfficer.can_grant(CommuneOfficer));
        assert!(ProvinceOfficer.can_grant(CouncilMember));
        assert!(!ProvinceOfficer.can_grant(ProvinceOfficer));
        assert!(!ProvinceOfficer.can_grant(SystemAdmin));
        assert!(CommuneOfficer.can_grant(Producer));
        assert!(CommuneOfficer.can_grant(Viewer));
        assert!(!CommuneOfficer.can_grant(CouncilMember));
        assert!(!CommuneOfficer.can_grant(CommuneOfficer));
        assert!(!Producer.can_grant(Viewer));
        assert!(!Viewer.can_grant(Viewer));
    }
}

/// The caller of a use case as the audit trail records it: who, from which request, and when.
#[derive(Debug, Clone)]
pub struct Caller {
    pub principal: Principal,
    pub request_id: String,
    pub ip: Option<String>,
    /// When the request is served, read once from the [`crate::Clock`]: every row the use case
    /// stamps carries this instant.
    pub at: chrono::DateTime<chrono::Utc>,
}

impl Caller {
    /// The caller's day in Vietnam.
    pub fn today(&self) -> chrono::NaiveDate {
        crate::clock::vietnam_day(self.at)
    }
}

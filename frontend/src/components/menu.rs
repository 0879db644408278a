//! The menu's table: which sections each role works in, and each section's link, label and
//! count. Kept apart from the header so the table can be tested natively.

use ocop_core::Role;
use ocop_core::access::Action;

use crate::api::MenuCounts;
use crate::i18n::Lang;
use crate::route::{Route, Section};

/// What every officer works on, in menu order.
const OFFICER: &[Section] = &[
    Section::Home,
    Section::Dashboard,
    Section::Subjects,
    Section::Products,
    Section::Cycles,
    Section::Rounds,
    Section::Certificates,
    Section::Alerts,
    Section::Plans,
    Section::PointsOfSale,
];

/// The sections a role works in, in menu order: an officer's, then the administration the
/// role takes part in. Each is shown only if the role may also read it, so the menu never
/// offers a page that answers "forbidden".
fn sections(role: Role) -> Vec<Section> {
    use Section::*;
    match role {
        Role::Producer => vec![Home, Products, Cycles, Certificates],
        Role::CouncilMember => vec![Home, Rounds],
        // Officers set up the accounts of their area (producers, commune officers, the
        // province's council members), within what they may grant.
        Role::CommuneOfficer => [OFFICER, &[Users]].concat(),
        Role::ProvinceOfficer => [OFFICER, &[Users, CouncilMembers]].concat(),
        Role::SystemAdmin => [OFFICER, &[Users, CouncilMembers, Audit]].concat(),
        // Readers: the lists, nothing to act on.
        Role::DistrictOfficer | Role::Viewer => {
            vec![
                Home,
                Dashboard,
                Subjects,
                Products,
                Cycles,
                Rounds,
                Certificates,
                Plans,
                PointsOfSale,
            ]
        }
    }
}

/// The role's sections that `can` lets it read.
pub fn menu(role: Role, can: impl Fn(Action) -> bool) -> Vec<Section> {
    sections(role)
        .into_iter()
        .filter(|s| needs(*s).is_none_or(&can))
        .collect()
}

fn needs(section: Section) -> Option<Action> {
    Some(match section {
        Section::Home => return None,
        Section::Dashboard => Action::ReportsRead,
        Section::Subjects => Action::SubjectsRead,
        Section::Products => Action::ProductsRead,
        Section::Cycles => Action::CyclesRead,
        Section::Rounds => Action::RoundsRead,
        Section::Certificates => Action::CertificatesRead,
        Section::Alerts => Action::AlertsRead,
        Section::Plans => Action::PlansRead,
        Section::PointsOfSale => Action::PlansRead,
        Section::Users => Action::UsersManage,
        // The page lists and creates accounts, so it asks what the users page asks.
        Section::CouncilMembers => Action::UsersManage,
        // The whole trail is the administrator's (contract D).
        Section::Audit => Action::AuditVerify,
    })
}

pub fn route(section: Section) -> Route {
    match section {
        Section::Home => Route::Home,
        Section::Dashboard => Route::Dashboard,
        Section::Subjects => Route::Subjects,
        Section::Products => Route::Products,
        Section::Cycles => Route::Cycles,
        Section::Rounds => Route::Rounds,
        Section::Certificates => Route::Certificates,
        Section::Alerts => Route::Alerts,
        Section::Plans => Route::Plans,
        Section::PointsOfSale => Route::PointsOfSale,
        Section::Users => Route::Users,
        Section::CouncilMembers => Route::CouncilMembers,
        Section::Audit => Route::Audit,
    }
}

/// The link's id, which the browser tests click.
pub fn link_id(section: Section) -> &'static str {
    match section {
        Section::Home => "nav-home",
        Section::Dashboard => "nav-dashboard",
        Section::Subjects => "nav-subjects",
        Section::Products => "nav-products",
        Section::Cycles => "nav-cycles",
        Section::Rounds => "nav-rounds",
        Section::Certificates => "nav-certificates",
        Section::Alerts => "nav-alerts",
        Section::Plans => "nav-plans",
        Section::PointsOfSale => "nav-points-of-sale",
        Section::Users => "nav-users",
        Section::CouncilMembers => "nav-council-members",
        Section::Audit => "nav-audit",
    }
}

pub fn label(section: Section, lang: Lang) -> &'static str {
    let t = lang.dict();
    let s = lang.shell();
    match section {
        Section::Home => s.nav_home,
        Section::Dashboard => lang.dashboard().nav,
        Section::Subjects => t.nav_subjects,
        Section::Products => t.nav_products,
        Section::Cycles => t.ev.nav_cycles,
        Section::Rounds => t.ev.nav_rounds,
        Section::Certificates => t.ev.nav_certificates,
        Section::Alerts => t.ev.nav_alerts,
        Section::Plans => lang.plans().nav,
        Section::PointsOfSale => lang.trade().nav,
        Section::Users => s.nav_users,
        Section::CouncilMembers => s.nav_council_members,
        Section::Audit => s.nav_audit,
    }
}

pub fn count(section: Section, counts: MenuCounts) -> usize {
    match section {
        Section::Cycles => counts.cycles,
        Section::Rounds => counts.rounds,
        Section::Certificates => counts.certificates,
        Section::Alerts => counts.all,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use ocop_core::access::permits;

    use super::*;
    use Section::*;

    fn of(role: Role) -> Vec<Section> {
        menu(role, |action| permits(role, action))
    }

    #[test]
    fn each_role_is_offered_its_own_work() {
        assert_eq!(of(Role::Producer), [Home, Products, Cycles, Certificates]);
        assert_eq!(of(Role::CouncilMember), [Home, Rounds]);
        let officer = [
            Home,
            Dashboard,
            Subjects,
            Products,
            Cycles,
            Rounds,
            Certificates,
            Alerts,
            Plans,
            PointsOfSale,
        ];
        assert!(of(Role::CommuneOfficer).starts_with(&officer));
        assert_eq!(of(Role::CommuneOfficer)[officer.len()..], [Users]);
        assert_eq!(
            of(Role::ProvinceOfficer)[officer.len()..],
            [Users, CouncilMembers]
        );
        let admin = of(Role::SystemAdmin);
        assert!(admin.starts_with(&officer));
        assert!(admin.ends_with(&[Users, CouncilMembers, Audit]));
        assert_eq!(
            of(Role::Viewer),
            [
                Home,
                Dashboard,
                Subjects,
                Products,
                Cycles,
                Rounds,
                Certificates,
                Plans,
                PointsOfSale
            ]
        );
        assert_eq!(
            of(Role::DistrictOfficer),
            [
                Home,
                Dashboard,
                Subjects,
                Products,
                Cycles,
                Rounds,
                Certificates,
                Plans,
                PointsOfSale
            ]
        );
    }

    #[test]
    fn every_role_has_a_home_and_no_link_it_may_not_follow() {
        for role in Role::ALL {
            assert_eq!(of(role).first(), Some(&Home), "{role:?}");
            assert_eq!(of(role).len(), sections(role).len(), "{role:?}");
        }
    }
}

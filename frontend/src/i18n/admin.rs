//! The strings of the administration screens (accounts, council members, the audit trail) and
//! the names of what the audit trail records, in Vietnamese and English.

use ocop_core::users::UserStatus;

use super::{Lang, pick};

pub struct Admin {
    pub users_title: &'static str,
    pub new_user: &'static str,
    pub edit_user: &'static str,
    pub all_roles: &'static str,
    pub all_units: &'static str,
    pub all_statuses: &'static str,
    pub not_allowed: &'static str,
    pub audit_not_allowed: &'static str,

    pub full_name: &'static str,
    pub email: &'static str,
    pub role: &'static str,
    pub unit: &'static str,
    pub status: &'static str,
    pub created_on: &'static str,
    pub subject: &'static str,
    pub subject_hint_producer: &'static str,
    pub subject_hint_member: &'static str,
    pub subject_fixed: &'static str,
    pub no_subject: &'static str,
    pub find_subject: &'static str,
    pub find_unit: &'static str,
    pub other_units: &'static str,
    pub password: &'static str,
    pub password_again: &'static str,
    pub password_hint: &'static str,
    pub password_short: &'static str,
    pub passwords_differ: &'static str,
    pub required: &'static str,
    pub bad_email: &'static str,
    pub email_fixed: &'static str,
    pub read_only: &'static str,
    pub own_account: &'static str,
    pub created: &'static str,

    pub account: &'static str,
    pub disable: &'static str,
    pub enable: &'static str,
    pub disable_confirm: &'static str,
    pub enable_confirm: &'static str,
    pub disabled_done: &'static str,
    pub enabled_done: &'static str,
    pub confirm: &'static str,
    pub reset_password: &'static str,
    pub reset_intro: &'static str,
    pub new_password: &'static str,
    pub reset_confirm: &'static str,
    pub reset_done: &'static str,
    pub changes_of_account: &'static str,
    pub acts_of_account: &'static str,

    pub council_title: &'static str,
    pub council_intro: &'static str,
    pub new_council_member: &'static str,
    pub rounds_sat: &'static str,
    pub no_rounds: &'static str,
    pub round_closed: &'static str,

    pub audit_title: &'static str,
    pub at: &'static str,
    pub actor: &'static str,
    pub action: &'static str,
    pub record: &'static str,
    pub details: &'static str,
    pub all_entities: &'static str,
    pub all_actions: &'static str,
    pub record_id: &'static str,
    pub from: &'static str,
    pub to: &'static str,
    pub one_actor: &'static str,
    pub one_record: &'static str,
    pub clear_filters: &'static str,
    pub system: &'static str,
    pub only_this_actor: &'static str,
    pub only_this_record: &'static str,
    pub fields_changed: fn(usize) -> String,
    pub password_changed: &'static str,
}

const VI: Admin = Admin {
    users_title: "Người dùng",
    new_user: "Thêm người dùng",
    edit_user: "Tài khoản người dùng",
    all_roles: "Mọi vai trò",
    all_units: "Mọi đơn vị",
    all_statuses: "Mọi trạng thái",
    not_allowed: "Bạn không có quyền quản lý người dùng. Trang này dành cho quản trị hệ thống và cán bộ được giao quản lý tài khoản.",
    audit_not_allowed: "Chỉ quản trị hệ thống được xem nhật ký của toàn hệ thống.",

    full_name: "Họ và tên",
    email: "Email",
    role: "Vai trò",
    unit: "Đơn vị",
    status: "Trạng thái",
    created_on: "Ngày tạo",
    subject: "Chủ thể",
    subject_hint_producer: "Chủ thể OCOP mà tài khoản này đại diện (bắt buộc).",
    subject_hint_member: "Chủ thể mà thành viên có liên quan (nếu có), để không chấm hồ sơ của chính chủ thể đó.",
    subject_fixed: "Chủ thể gắn với tài khoản không đổi được sau khi tạo.",
    no_subject: "— Không —",
    find_subject: "Lọc chủ thể theo tên…",
    find_unit: "Lọc đơn vị theo tên…",
    other_units: "Đơn vị khác",
    password: "Mật khẩu ban đầu",
    password_again: "Nhập lại mật khẩu",
    password_hint: "Từ 12 đến 128 ký tự.",
    password_short: "Mật khẩu cần từ 12 đến 128 ký tự",
    passwords_differ: "Hai lần nhập mật khẩu không khớp nhau",
    required: "Trường này là bắt buộc",
    bad_email: "Địa chỉ email không hợp lệ",
    email_fixed: "Email dùng để đăng nhập, không đổi được sau khi tạo.",
    read_only: "Bạn chỉ được xem tài khoản này: vai trò của nó không thấp hơn vai trò của bạn.",
    own_account: "Đây là tài khoản của chính bạn: không tự khóa hay đặt lại mật khẩu tại đây.",
    created: "Đã tạo tài khoản.",

    account: "Khóa và mật khẩu",
    disable: "Khóa tài khoản",
    enable: "Mở khóa tài khoản",
    disable_confirm: "Khóa tài khoản này? Người dùng bị đăng xuất ngay và không đăng nhập được nữa cho đến khi được mở khóa.",
    enable_confirm: "Mở khóa tài khoản này? Người dùng sẽ đăng nhập lại được.",
    disabled_done: "Đã khóa tài khoản.",
    enabled_done: "Đã mở khóa tài khoản.",
    confirm: "Xác nhận",
    reset_password: "Đặt lại mật khẩu",
    reset_intro: "Nhập mật khẩu mới hai lần. Người dùng sẽ bị đăng xuất khỏi mọi phiên đang mở.",
    new_password: "Mật khẩu mới",
    reset_confirm: "Đặt mật khẩu mới cho tài khoản này?",
    reset_done: "Đã đặt mật khẩu mới.",
    changes_of_account: "Lịch sử thay đổi tài khoản",
    acts_of_account: "Việc người này đã làm",

    council_title: "Thành viên hội đồng",
    council_intro: "Tài khoản của thành viên các hội đồng đánh giá, phân hạng sản phẩm OCOP và các đợt đánh giá họ tham gia.",
    new_council_member: "Thêm thành viên hội đồng",
    rounds_sat: "Đợt đánh giá tham gia",
    no_rounds: "Chưa tham gia đợt nào",
    round_closed: "đã kết thúc",

    audit_title: "Nhật ký hệ thống",
    at: "Thời điểm",
    actor: "Người thực hiện",
    action: "Hành động",
    record: "Bản ghi",
    details: "Chi tiết",
    all_entities: "Mọi loại bản ghi",
    all_actions: "Mọi hành động",
    record_id: "Mã bản ghi",
    from: "Từ ngày",
    to: "Đến ngày",
    one_actor: "Chỉ việc của một người",
    one_record: "Chỉ một bản ghi",
    clear_filters: "Bỏ mọi bộ lọc",
    system: "Hệ thống",
    only_this_actor: "Chỉ xem việc của người này",
    only_this_record: "Chỉ xem lịch sử bản ghi này",
    fields_changed: |n| format!("{n} trường thay đổi"),
    password_changed: "Đã đổi mật khẩu",
};

const EN: Admin = Admin {
    users_title: "Users",
    new_user: "Add a user",
    edit_user: "User account",
    all_roles: "All roles",
    all_units: "All units",
    all_statuses: "All statuses",
    not_allowed: "You are not allowed to manage users. This page is for system administrators and officers who manage accounts.",
    audit_not_allowed: "Only system administrators may read the whole system's audit trail.",

    full_name: "Full name",
    email: "Email",
    role: "Role",
    unit: "Unit",
    status: "Status",
    created_on: "Created on",
    subject: "Subject",
    subject_hint_producer: "The OCOP subject this account acts for (required).",
    subject_hint_member: "The subject the member is linked to, if any, so that they never score its dossiers.",
    subject_fixed: "The subject of an account cannot change once it is created.",
    no_subject: "— None —",
    find_subject: "Filter subjects by name…",
    find_unit: "Filter units by name…",
    other_units: "Other units",
    password: "Initial password",
    password_again: "Repeat the password",
    password_hint: "12 to 128 characters.",
    password_short: "The password needs 12 to 128 characters",
    passwords_differ: "The two passwords differ",
    required: "This field is required",
    bad_email: "Not a valid email address",
    email_fixed: "The email signs the user in and cannot change once the account exists.",
    read_only: "You may only view this account: its role is not below yours.",
    own_account: "This is your own account: you cannot disable it or reset its password here.",
    created: "Account created.",

    account: "Access and password",
    disable: "Disable the account",
    enable: "Enable the account",
    disable_confirm: "Disable this account? The user is signed out at once and cannot sign in until it is enabled again.",
    enable_confirm: "Enable this account? The user will be able to sign in again.",
    disabled_done: "Account disabled.",
    enabled_done: "Account enabled.",
    confirm: "Confirm",
    reset_password: "Reset the password",
    reset_intro: "Type the new password twice. The user is signed out of every open session.",
    new_password: "New password",
    reset_confirm: "Set a new password for this account?",
    reset_done: "New password set.",
    changes_of_account: "Changes to this account",
    acts_of_account: "What this person did",

    council_title: "Council members",
    council_intro: "The accounts of the members of the OCOP evaluation councils, and the rounds they sit on.",
    new_council_member: "Add a council member",
    rounds_sat: "Rounds sat on",
    no_rounds: "No round yet",
    round_closed: "closed",

    audit_title: "Audit trail",
    at: "When",
    actor: "By",
    action: "Action",
    record: "Record",
    details: "Details",
    all_entities: "All kinds of record",
    all_actions: "All actions",
    record_id: "Record id",
    from: "From",
    to: "To",
    one_actor: "One person's actions only",
    one_record: "One record only",
    clear_filters: "Clear all filters",
    system: "The system",
    only_this_actor: "Only this person's actions",
    only_this_record: "Only this record's history",
    fields_changed: |n| {
        if n == 1 {
            "1 field changed".to_string()
        } else {
            format!("{n} fields changed")
        }
    },
    password_changed: "Password changed",
};

/// The kinds of record the audit trail names, in the order the filter offers them.
pub const ENTITIES: [&str; 12] = [
    "user",
    "subject",
    "product",
    "cycle",
    "round",
    "certificate",
    "score_sheet",
    "criteria_instrument",
    "criteria_set",
    "classification",
    "admin_unit",
    "admin_unit_closure",
];

/// Every action the server records, with the kind of record it is about.
pub const ACTIONS: [(&str, &str); 31] = [
    ("user", "user.create"),
    ("user", "user.update"),
    ("user", "user.bootstrap_admin"),
    ("user", "auth.login"),
    ("subject", "subject.create"),
    ("subject", "subject.update"),
    ("subject", "subject.delete"),
    ("product", "product.create"),
    ("product", "product.update"),
    ("product", "product.image_add"),
    ("product", "product.image_remove"),
    ("cycle", "cycle.transition"),
    ("cycle", "cycle.dossier_update"),
    ("cycle", "cycle.attachment_add"),
    ("round", "round.create"),
    ("round", "round.council"),
    ("round", "round.agenda_add"),
    ("round", "round.close"),
    ("round", "round.finding_record"),
    ("round", "round.finding_withdraw"),
    ("round", "council.recusal"),
    ("certificate", "certificate.issue"),
    ("certificate", "certificate.revoke"),
    ("score_sheet", "sheet.save"),
    ("score_sheet", "sheet.submit"),
    ("criteria_instrument", "criteria.instrument_import"),
    ("criteria_set", "criteria.sheet_import"),
    ("criteria_set", "criteria.sheet_load"),
    ("classification", "classification.load"),
    ("admin_unit", "units.load"),
    ("admin_unit_closure", "units.closure_derive"),
];

impl Lang {
    pub fn admin(self) -> &'static Admin {
        match self {
            Self::Vi => &VI,
            Self::En => &EN,
        }
    }

    pub fn user_status(self, status: UserStatus) -> &'static str {
        let vi = self == Self::Vi;
        match status {
            UserStatus::Active => pick(vi, "Đang hoạt động", "Active"),
            UserStatus::Disabled => pick(vi, "Đã khóa", "Disabled"),
        }
    }

    /// A kind of record as the audit trail names it; an unknown one is "another record".
    pub fn audit_entity(self, entity: &str) -> &'static str {
        let vi = self == Self::Vi;
        match entity {
            "user" => pick(vi, "Tài khoản", "Account"),
            "subject" => pick(vi, "Chủ thể", "Subject"),
            "product" => pick(vi, "Sản phẩm", "Product"),
            "cycle" => pick(vi, "Hồ sơ đánh giá", "Dossier"),
            "round" => pick(vi, "Đợt đánh giá", "Round"),
            "certificate" => pick(vi, "Giấy chứng nhận", "Certificate"),
            "score_sheet" => pick(vi, "Phiếu chấm điểm", "Score sheet"),
            "criteria_instrument" => pick(vi, "Bộ tiêu chí", "Criteria instrument"),
            "criteria_set" => pick(vi, "Phiếu tiêu chí", "Criteria sheet"),
            "classification" => pick(vi, "Bảng phân nhóm sản phẩm", "Product classification"),
            "admin_unit" => pick(vi, "Đơn vị hành chính", "Administrative units"),
            "admin_unit_closure" => pick(vi, "Cây đơn vị hành chính", "Administrative tree"),
            _ => pick(vi, "Bản ghi khác", "Other record"),
        }
    }

    /// An action of the audit trail, said as what happened.
    pub fn audit_action(self, action: &str) -> &'static str {
        let vi = self == Self::Vi;
        match action {
            "user.create" => pick(vi, "Tạo tài khoản", "Account created"),
            "user.update" => pick(vi, "Sửa tài khoản", "Account changed"),
            "user.bootstrap_admin" => {
                pick(vi, "Tạo quản trị đầu tiên", "First administrator created")
            }
            "auth.login" => pick(vi, "Đăng nhập", "Signed in"),
            "subject.create" => pick(vi, "Thêm chủ thể", "Subject added"),
            "subject.update" => pick(vi, "Sửa chủ thể", "Subject changed"),
            "subject.delete" => pick(vi, "Xóa chủ thể", "Subject deleted"),
            "product.create" => pick(vi, "Thêm sản phẩm", "Product added"),
            "product.update" => pick(vi, "Sửa sản phẩm", "Product changed"),
            "product.image_add" => pick(vi, "Thêm ảnh sản phẩm", "Image added"),
            "product.image_remove" => pick(vi, "Gỡ ảnh sản phẩm", "Image removed"),
            "cycle.transition" => pick(vi, "Chuyển bước hồ sơ", "Dossier moved on"),
            "cycle.dossier_update" => pick(vi, "Cập nhật hồ sơ", "Dossier updated"),
            "cycle.attachment_add" => pick(vi, "Đính kèm tệp", "File attached"),
            "round.create" => pick(vi, "Mở đợt đánh giá", "Round opened"),
            "round.council" => pick(vi, "Lập hội đồng", "Council seated"),
            "round.agenda_add" => pick(vi, "Đưa hồ sơ vào đợt", "Dossier put on the agenda"),
            "round.close" => pick(vi, "Kết thúc đợt", "Round closed"),
            "round.finding_record" => pick(vi, "Ghi nhận phát hiện", "Finding recorded"),
            "round.finding_withdraw" => pick(vi, "Rút phát hiện", "Finding withdrawn"),
            "council.recusal" => pick(vi, "Thành viên xin rút", "Member recused"),
            "certificate.issue" => pick(vi, "Cấp giấy chứng nhận", "Certificate issued"),
            "certificate.revoke" => pick(vi, "Thu hồi giấy chứng nhận", "Certificate revoked"),
            "sheet.save" => pick(vi, "Lưu phiếu chấm", "Sheet saved"),
            "sheet.submit" => pick(vi, "Nộp phiếu chấm", "Sheet submitted"),
            "criteria.instrument_import" => pick(vi, "Nhập bộ tiêu chí", "Instrument imported"),
            "criteria.sheet_import" => pick(vi, "Nhập phiếu tiêu chí", "Criteria sheet imported"),
            "criteria.sheet_load" => pick(vi, "Nạp phiếu tiêu chí", "Criteria sheet loaded"),
            "classification.load" => pick(vi, "Nạp bảng phân nhóm", "Classification loaded"),
            "units.load" => pick(vi, "Nạp đơn vị hành chính", "Units loaded"),
            "units.closure_derive" => pick(vi, "Dựng cây đơn vị", "Unit tree derived"),
            _ => pick(vi, "Thao tác khác", "Other action"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_listed_entity_and_action_has_a_name() {
        for lang in [Lang::Vi, Lang::En] {
            let other_entity = lang.audit_entity("?");
            let other_action = lang.audit_action("?");
            for entity in ENTITIES {
                assert_ne!(lang.audit_entity(entity), other_entity, "{entity}");
            }
            for (entity, action) in ACTIONS {
                assert!(ENTITIES.contains(&entity), "{entity}");
                assert_ne!(lang.audit_action(action), other_action, "{action}");
            }
        }
    }
}

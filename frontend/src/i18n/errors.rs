//! Problems as people read them: the label of every field the server may name, a sentence per
//! field error that names the field and says what is wrong, the dossier's missing parts, the
//! reasons of a refusal, and star levels in words. No wire name (`role`, `unit_id`, an enum's
//! snake_case) reaches the screen: a field without a known label shows the server's message
//! alone, and a refusal's code is translated or left out.

use ocop_core::FieldError;
use ocop_evaluations::CycleState;

use super::{Lang, pick};
use crate::api::Problem;

impl Lang {
    /// The label of a field the server names, for messages shown away from the field's input.
    /// Nested names (`form_01.phone`, `decision.number`) and sheet choices (`choices[1.2]`) are
    /// read too; `None` for a name we do not know, which is then never shown.
    pub fn field_label(self, field: &str) -> Option<String> {
        let vi = self == Self::Vi;
        if let Some(code) = field
            .strip_prefix("choices[")
            .and_then(|rest| rest.strip_suffix(']'))
        {
            return Some(format!("{} {code}", pick(vi, "Tiêu chí", "Criterion")));
        }
        let known = |name: &str| -> Option<&'static str> {
            Some(match name {
                "name" => pick(vi, "Tên", "Name"),
                "product_name" => pick(vi, "Tên sản phẩm", "Product name"),
                "full_name" => pick(vi, "Họ và tên", "Full name"),
                "email" => "Email",
                "phone" => pick(vi, "Số điện thoại", "Phone number"),
                "password" | "new_password" => pick(vi, "Mật khẩu", "Password"),
                "role" => pick(vi, "Vai trò", "Role"),
                "unit_id" => pick(vi, "Đơn vị hành chính", "Administrative unit"),
                "origin_unit_id" => pick(vi, "Nơi xuất xứ", "Place of origin"),
                "subject_id" => pick(vi, "Chủ thể", "Subject"),
                "product_id" => pick(vi, "Sản phẩm", "Product"),
                "product_set" => pick(vi, "Bộ sản phẩm", "Product set"),
                "kind" => pick(vi, "Loại hình", "Kind"),
                "status" => pick(vi, "Trạng thái", "Status"),
                "address" => pick(vi, "Địa chỉ", "Address"),
                "registration_code" => pick(vi, "Mã số đăng ký", "Registration code"),
                "legal_representative" | "representative" => {
                    pick(vi, "Người đại diện", "Legal representative")
                }
                "founded_on" => pick(vi, "Ngày thành lập", "Founding date"),
                "member_count" => pick(vi, "Số thành viên", "Number of members"),
                "price_min" => pick(vi, "Giá thấp nhất", "Lowest price"),
                "price_max" => pick(vi, "Giá cao nhất", "Highest price"),
                "capacity_value" => pick(vi, "Dung tích / khối lượng", "Capacity"),
                "capacity_unit" => pick(vi, "Đơn vị đo", "Unit of measure"),
                "gtin" => pick(vi, "Mã GTIN (mã vạch)", "GTIN (barcode)"),
                "description" => pick(vi, "Mô tả", "Description"),
                "ingredients" => pick(vi, "Thành phần", "Ingredients"),
                "packaging" => pick(vi, "Bao bì", "Packaging"),
                "year" => pick(vi, "Năm", "Year"),
                "idea" => pick(vi, "Ý tưởng sản phẩm", "Product idea"),
                "business_plan" => pick(vi, "Phương án kinh doanh", "Business plan"),
                "form_01" => pick(vi, "Mẫu 01 — Phiếu đăng ký", "Form 01 — registration"),
                "form_02" | "self_assessment" => pick(
                    vi,
                    "Mẫu 02 — Phiếu tự đánh giá",
                    "Form 02 — self-assessment",
                ),
                "form_03" => pick(
                    vi,
                    "Mẫu 03 — Phiếu kiểm tra của xã",
                    "Form 03 — the commune's check",
                ),
                "samples" => pick(vi, "Mẫu sản phẩm", "Product samples"),
                "file" | "attachment" => pick(vi, "Tệp đính kèm", "Attachment"),
                "stars_sought" => pick(vi, "Hạng sao đăng ký", "Stars applied for"),
                "annual_output" => pick(vi, "Sản lượng hằng năm", "Annual output"),
                "notes" => pick(vi, "Ghi chú", "Notes"),
                "local_raw_material" => pick(vi, "Nguyên liệu địa phương", "Local raw material"),
                "local_labour" => pick(vi, "Lao động địa phương", "Local labour"),
                "idea_origin" => pick(vi, "Nguồn gốc ý tưởng", "Origin of the idea"),
                "conclusion" => pick(vi, "Kết luận", "Conclusion"),
                "reason" => pick(vi, "Lý do", "Reason"),
                "stars" => pick(vi, "Hạng sao", "Stars"),
                "average" => pick(vi, "Điểm trung bình", "Average score"),
                "member_sheets" => pick(vi, "Phiếu chấm của thành viên", "Members' sheets"),
                "recognition_decision" | "decision" => {
                    pick(vi, "Quyết định công nhận", "Recognition decision")
                }
                "number" => pick(vi, "Số quyết định", "Decision number"),
                "decided_on" => pick(vi, "Ngày quyết định", "Decision date"),
                "signer" => pick(vi, "Người ký", "Signer"),
                "round_id" => pick(vi, "Đợt đánh giá", "Round"),
                "level" => pick(vi, "Cấp đánh giá", "Level"),
                "chair_id" => pick(vi, "Chủ tịch hội đồng", "Council chair"),
                "secretary_id" => pick(vi, "Thư ký hội đồng", "Council secretary"),
                "member_ids" | "members" => pick(vi, "Thành viên hội đồng", "Council members"),
                "ground" => pick(vi, "Căn cứ thu hồi", "Ground for revocation"),
                "revoked_on" => pick(vi, "Ngày thu hồi", "Revocation date"),
                "sort" => pick(vi, "Sắp xếp", "Sort order"),
                "q" => pick(vi, "Từ khóa tìm kiếm", "Search text"),
                "page" | "per_page" => pick(vi, "Trang", "Page"),
                "from" => pick(vi, "Từ ngày", "From"),
                "to" => pick(vi, "Đến ngày", "To"),
                _ => return None,
            })
        };
        known(field)
            .or_else(|| field.rsplit('.').next().and_then(known))
            .map(str::to_string)
    }

    /// One field error as a sentence that names the field (`label`, the form's own when it has
    /// the input, else [`Lang::field_label`]) and says what to do. The server's message, already
    /// in this language, is kept where we have nothing better; its code is never shown.
    pub fn field_error(self, error: &FieldError, label: Option<&str>) -> String {
        let vi = self == Self::Vi;
        let own = self.field_label(&error.field);
        let label = label.map(str::to_string).or(own);
        let leaf = error.field.rsplit('.').next().unwrap_or(&error.field);
        let server = || {
            if error.message.trim().is_empty() {
                pick(vi, "Giá trị không hợp lệ", "Invalid value").to_string()
            } else {
                error.message.clone()
            }
        };
        // The dossier's missing parts read as what is missing, not as a field's complaint.
        match (error.field.as_str(), error.code.as_str()) {
            ("form_01", "required") => {
                return pick(
                    vi,
                    "Chưa có Mẫu 01 — Phiếu đăng ký sản phẩm",
                    "Form 01 (the product registration) is missing",
                )
                .to_string();
            }
            ("form_02" | "self_assessment", "required") => {
                return pick(
                    vi,
                    "Chưa có Mẫu 02 — Phiếu tự đánh giá, phân hạng",
                    "Form 02 (the self-assessment) is missing",
                )
                .to_string();
            }
            ("samples", "too_few") => {
                return pick(
                    vi,
                    "Chưa nộp đủ 5 mẫu sản phẩm",
                    "Fewer than the 5 product samples required",
                )
                .to_string();
            }
            ("form_03", "required") => {
                return pick(
                    vi,
                    "Chưa có Mẫu 03 — Phiếu kiểm tra, đánh giá của xã",
                    "Form 03 (the commune's check) is missing",
                )
                .to_string();
            }
            ("business_plan", "required") => {
                return pick(
                    vi,
                    "Chưa có phương án kinh doanh",
                    "The business plan is missing",
                )
                .to_string();
            }
            _ => {}
        }
        if leaf == "phone" && error.code == "format" {
            let what = pick(
                vi,
                "gồm 10 chữ số, bắt đầu bằng 0 (ví dụ 0912 345 678), hoặc +84 rồi 9 chữ số; \
                 số cố định có 11 chữ số, bắt đầu bằng 02",
                "has 10 digits starting with 0 (for example 0912 345 678), or +84 and 9 digits; \
                 a landline has 11 digits starting with 02",
            );
            let label = label.unwrap_or_else(|| pick(vi, "Số điện thoại", "Phone").into());
            return match self {
                Self::Vi => format!("{label} không hợp lệ: số điện thoại {what}"),
                Self::En => format!("{label} is not valid: a phone number {what}"),
            };
        }
        let Some(label) = label else {
            return server();
        };
        match error.code.as_str() {
            "required" => match self {
                Self::Vi => format!("{label}: bắt buộc, vui lòng nhập"),
                Self::En => format!("{label} is required"),
            },
            "length" => match self {
                Self::Vi => format!("{label}: độ dài không hợp lệ (quá ngắn hoặc quá dài)"),
                Self::En => format!("{label}: too short or too long"),
            },
            _ => format!("{label}: {}", server()),
        }
    }

    /// The detail of a refusal in words: the server sends a code (`role`,
    /// `council_chair_only`) or two states' wire names; `None` when there is nothing to add.
    pub fn problem_detail(self, kind: &str, detail: &str) -> Option<String> {
        let vi = self == Self::Vi;
        let detail = detail.trim();
        if detail.is_empty() {
            return None;
        }
        if kind.ends_with(":forbidden") {
            return match detail {
                "role" => Some(pick(
                    vi,
                    "vai trò của bạn không được làm việc này",
                    "your role does not allow this",
                )),
                "council_chair_only" => Some(pick(
                    vi,
                    "chỉ chủ tịch hội đồng được làm việc này",
                    "only the council's chair may do this",
                )),
                "grant" => Some(pick(
                    vi,
                    "bạn không được cấp hoặc sửa tài khoản có vai trò này",
                    "you may not grant or edit an account of this role",
                )),
                "not_on_council" => Some(pick(
                    vi,
                    "bạn không phải thành viên hội đồng của đợt này",
                    "you do not sit on this round's council",
                )),
                "conflict_of_interest" => Some(pick(
                    vi,
                    "bạn không chấm hồ sơ này do xung đột lợi ích",
                    "you do not score this dossier: conflict of interest",
                )),
                "scope" | "outside_scope" => Some(pick(
                    vi,
                    "bản ghi nằm ngoài phạm vi của bạn",
                    "the record lies outside your scope",
                )),
                "read_only" | "unit_not_in_force" => Some(pick(
                    vi,
                    "tài khoản chỉ được xem",
                    "the account may only read",
                )),
                _ => None,
            }
            .map(str::to_string);
        }
        if kind.ends_with(":invalid_transition") {
            let (from, to) = detail.split_once(" → ")?;
            let state = |s: &str| crate::format::from_wire::<CycleState>(s.trim());
            return Some(format!(
                "{} → {}",
                self.cycle_state(state(from)?),
                self.cycle_state(state(to)?)
            ));
        }
        // Other details are prose (a JSON parser's complaint); a bare code is left out.
        let is_code = detail
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        (!is_code).then(|| detail.to_string())
    }

    /// A whole problem in one line, for refusals not about one form: the title, the detail in
    /// words, and every field error as a sentence.
    pub fn problem(self, problem: &Problem) -> String {
        let mut text = problem.title.clone();
        if let Some(detail) = problem
            .detail
            .as_deref()
            .and_then(|d| self.problem_detail(&problem.kind, d))
        {
            text = format!("{text}: {detail}");
        }
        let fields: Vec<String> = problem
            .errors
            .iter()
            .map(|e| self.field_error(e, None))
            .collect();
        if !fields.is_empty() {
            text = format!("{text}. {}", fields.join("; "));
        }
        text
    }

    /// The heading above a refused move's list of missing parts.
    pub fn dossier_incomplete(self) -> &'static str {
        pick(
            self == Self::Vi,
            "Hồ sơ chưa đủ. Còn thiếu (bấm để mở phần cần bổ sung):",
            "The dossier is incomplete. Missing (click to open the part to complete):",
        )
    }

    /// A star level in words; 0 is no star at all, never "0 sao" nor "1 sao".
    pub fn stars_words(self, stars: u8) -> String {
        match (self, stars) {
            (Self::Vi, 0) => "Chưa đạt sao".to_string(),
            (Self::En, 0) => "No star".to_string(),
            (Self::Vi, n) => format!("{n} sao"),
            (Self::En, 1) => "1 star".to_string(),
            (Self::En, n) => format!("{n} stars"),
        }
    }

    /// The warning before submitting a self-assessment that ranks below the stars applied for.
    pub fn below_sought(self, total: &str, got: u8, sought: u8) -> String {
        let got_words = self.stars_words(got);
        match self {
            Self::Vi => format!(
                "Lưu ý: tự đánh giá {total} điểm ({}), thấp hơn hạng {sought} sao đăng ký ở Mẫu 01. \
                 Bạn vẫn có thể nộp, hoặc sửa Mẫu 01 / Mẫu 02 trước.",
                got_words.to_lowercase()
            ),
            Self::En => format!(
                "Note: the self-assessment scores {total} points ({}), below the {sought} stars \
                 applied for in Form 01. You may still submit, or correct Form 01 / Form 02 first.",
                got_words.to_lowercase()
            ),
        }
    }

    /// Mẫu 01 pre-filled from the subject's record.
    pub fn form01_prefilled(self) -> &'static str {
        pick(
            self == Self::Vi,
            "Đã điền sẵn từ hồ sơ chủ thể; kiểm tra rồi bấm Lưu.",
            "Filled in from the subject's record; check it and save.",
        )
    }

    /// A part that the dossier's state does not ask for (a plan skipped by entering at
    /// implementation).
    pub fn not_required_now(self) -> &'static str {
        pick(
            self == Self::Vi,
            "không bắt buộc ở bước này",
            "not required at this step",
        )
    }

    /// Why a tab cannot be edited now.
    pub fn part_locked(self) -> &'static str {
        pick(
            self == Self::Vi,
            "Phần này không sửa được ở bước hiện tại của hồ sơ.",
            "This part cannot be changed at the dossier's current step.",
        )
    }

    pub fn what_is_required(self) -> &'static str {
        pick(
            self == Self::Vi,
            "Để chuyển sang bước tiếp theo, hồ sơ cần:",
            "To take the next step, the dossier needs:",
        )
    }

    pub fn subject_facts(self) -> &'static str {
        pick(
            self == Self::Vi,
            "Chủ thể (theo hồ sơ chủ thể)",
            "Subject (from its record)",
        )
    }
}

#[cfg(test)]
mod tests;

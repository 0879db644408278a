//! Search text: Vietnamese diacritics folded so "ca phe" finds "Cà phê".

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Lower-cases, removes tone and vowel marks and maps đ to d; runs of whitespace become one space.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last_space = true;
    for c in text.nfd() {
        if is_combining_mark(c) {
            continue;
        }
        let c = match c {
            'đ' | 'Đ' => 'd',
            c => c,
        };
        if c.is_whitespace() {
            if !last_space {
                out.push(' ');
            }
            last_space = true;
            continue;
        }
        out.extend(c.to_lowercase());
        last_space = false;
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// Escapes `%`, `_` and the escape character itself for a `LIKE ... ESCAPE '\'` pattern.
pub fn like_contains(folded: &str) -> String {
    let mut out = String::with_capacity(folded.len() + 2);
    out.push('%');
    for c in folded.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('%');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_vietnamese_marks_and_case() {
        assert_eq!(fold("Cà phê Buôn Ma Thuột"), "ca phe buon ma thuot");
        assert_eq!(fold("ĐẮK LẮK"), "dak lak");
        assert_eq!(fold("Rượu  cần\tYang Mao"), "ruou can yang mao");
        assert_eq!(fold("  Mật ong  "), "mat ong");
    }

    #[test]
    fn composed_and_decomposed_input_fold_alike() {
        let composed = "Hồ tiêu";
        let decomposed: String = composed.nfd().collect();
        assert_eq!(fold(composed), fold(&decomposed));
    }

    #[test]
    fn like_pattern_escapes_wildcards() {
        assert_eq!(like_contains("50%_a\\b"), "%50\\%\\_a\\\\b%");
    }
}

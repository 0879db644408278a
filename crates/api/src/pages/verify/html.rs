//! The verification pages as HTML strings. Every value that comes from the database or the
//! request goes through [`escape`] (a product named `<script>` prints as text); the markup
//! around them is fixed. No script and no inline style: the security headers forbid both, and
//! a phone on a slow line needs neither.

use std::fmt::Write;

use ocop_evaluations::{CertificateState, PublicCertificate};

use super::text::Lang;

/// `text` safe inside an element or a double-quoted attribute.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The page frame: language, phone viewport, the stylesheet, and a link to the same page in the
/// other language (`self_path` is the page's own path, already safe: fixed text and a code of
/// letters and digits).
fn document(lang: Lang, title: &str, self_path: &str, stylesheet: &str, main: &str) -> String {
    let other = lang.other();
    format!(
        "<!doctype html>\n<html lang=\"{code}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title}</title>\n<link rel=\"stylesheet\" href=\"{stylesheet}\">\n</head>\n\
         <body>\n<header><a class=\"brand\" href=\"/verify{here}\">OCOP</a>\
         <a class=\"lang\" href=\"{self_path}{there}\" hreflang=\"{other_code}\" lang=\"{other_code}\">{other_name}</a></header>\n\
         <main>\n{main}</main>\n</body>\n</html>\n",
        code = lang.code(),
        title = escape(title),
        stylesheet = escape(stylesheet),
        here = lang.query_suffix(),
        self_path = escape(self_path),
        there = other.query_suffix(),
        other_code = other.code(),
        other_name = other.name(),
    )
}

/// The form to type a code; it asks `GET /verify?code=...`, which redirects to the code's page.
fn form(lang: Lang) -> String {
    let words = lang.words();
    let keep_lang = match lang {
        Lang::En => "<input type=\"hidden\" name=\"lang\" value=\"en\">",
        Lang::Vi => "",
    };
    format!(
        "<form method=\"get\" action=\"/verify\">\
         <label for=\"code\">{label}</label>\
         <input id=\"code\" name=\"code\" required maxlength=\"40\" autocomplete=\"off\" \
         autocapitalize=\"characters\" spellcheck=\"false\" inputmode=\"text\">{keep_lang}\
         <button type=\"submit\">{check}</button></form>\n",
        label = words.code_label,
        check = words.check,
    )
}

pub fn form_page(lang: Lang, stylesheet: &str) -> String {
    let words = lang.words();
    let main = format!(
        "<h1>{}</h1>\n<p>{}</p>\n{}",
        words.form_title,
        words.form_help,
        form(lang)
    );
    document(lang, words.title, "/verify", stylesheet, &main)
}

/// The answer for a code that does not exist or cannot exist: the same words either way, and
/// nothing of the code echoed, so the page tells a guesser nothing.
pub fn not_found_page(lang: Lang, stylesheet: &str) -> String {
    let words = lang.words();
    let main = format!(
        "<div class=\"banner bad\" role=\"status\"><strong>{}</strong></div>\n<p>{}</p>\n{}",
        words.not_found_title,
        words.not_found,
        form(lang)
    );
    document(lang, words.not_found_title, "/verify", stylesheet, &main)
}

/// The colour of a state's banner.
fn tone(state: CertificateState) -> &'static str {
    use CertificateState as S;
    match state {
        S::Valid | S::ReRatingDue | S::Extended => "ok",
        S::Expiring | S::NotYetIssued => "warn",
        S::Expired | S::Revoked => "bad",
        S::Superseded => "info",
    }
}

fn banner(lang: Lang, cert: &PublicCertificate) -> String {
    let words = lang.words();
    let mut out = format!(
        "<div class=\"banner {}\" role=\"status\"><strong>{}</strong>",
        tone(cert.state),
        lang.banner(cert.state)
    );
    if let Some(note) = lang.banner_note(cert.state) {
        let _ = write!(out, "<p>{note}</p>");
    }
    if cert.state == CertificateState::Revoked {
        if let Some(day) = cert.revoked_on {
            let _ = write!(out, "<p>{}: {}</p>", words.revoked_on, lang.date(day));
        }
        if let Some(ground) = cert.revocation_ground {
            let _ = write!(out, "<p>{}: {}</p>", words.ground, lang.ground(ground));
        }
    }
    if cert.state == CertificateState::Superseded {
        if let Some(day) = cert.superseded_on {
            let _ = write!(out, "<p>{}: {}</p>", words.superseded_on, lang.date(day));
        }
        if let Some(code) = &cert.successor_code {
            let _ = write!(
                out,
                "<p><a href=\"/verify/{}{}\">{}</a></p>",
                escape(code),
                lang.query_suffix(),
                words.successor
            );
        }
    }
    out.push_str("</div>\n");
    out
}

/// Filled stars for the rating, empty ones up to five, and the number for screen readers.
fn stars(lang: Lang, stars: u8) -> String {
    let filled = usize::from(stars.min(5));
    format!(
        "<p class=\"stars\" aria-label=\"{stars} {word}\">{on}<span class=\"off\">{off}</span></p>\n",
        word = lang.words().stars,
        on = "★".repeat(filled),
        off = "☆".repeat(5 - filled),
    )
}

/// One certificate's page at `/verify/{code}`.
pub fn certificate_page(
    lang: Lang,
    code: &str,
    cert: &PublicCertificate,
    stylesheet: &str,
) -> String {
    let words = lang.words();
    let mut main = banner(lang, cert);
    if let Some(url) = &cert.image_url {
        let _ = writeln!(
            main,
            "<img class=\"photo\" src=\"{}\" alt=\"{}\">",
            escape(url),
            escape(&cert.product_name)
        );
    }
    let _ = writeln!(main, "<h1>{}</h1>", escape(&cert.product_name));
    main.push_str(&stars(lang, u8::from(cert.stars)));
    let place = if cert.province_name.is_empty() || cert.province_name == cert.unit_name {
        escape(&cert.unit_name)
    } else {
        format!(
            "{}, {}",
            escape(&cert.unit_name),
            escape(&cert.province_name)
        )
    };
    main.push_str("<dl>\n");
    for (term, value) in [
        (words.producer, escape(&cert.subject_name)),
        (words.place, place),
        (words.product_set, escape(&cert.product_set_name)),
        (words.number, escape(&cert.number)),
        (words.issuing_body, escape(&cert.issuing_body)),
        (words.issued_on, lang.date(cert.issued_on)),
        (words.expires_on, lang.date(cert.expires_on)),
        (words.code, escape(code)),
    ] {
        let _ = writeln!(main, "<dt>{term}</dt><dd>{value}</dd>");
    }
    main.push_str("</dl>\n");
    let _ = writeln!(
        main,
        "<p class=\"another\"><a href=\"/verify{}\">{}</a></p>",
        lang.query_suffix(),
        words.another
    );
    let title = format!("{} · {}", cert.product_name, words.title);
    document(lang, &title, &format!("/verify/{code}"), stylesheet, &main)
}

/// The pages' only style: one column, large type, the banner first. Served as a file
/// (`/verify.css`) because the content security policy allows styles from this origin only.
pub const STYLESHEET: &str = "\
*{box-sizing:border-box}\
body{margin:0;font:16px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1b1b1b;background:#f6f6f3}\
header{display:flex;justify-content:space-between;align-items:center;padding:.75rem 1rem;background:#1d5c2e}\
header a{color:#fff;text-decoration:none}\
.brand{font-weight:700;letter-spacing:.08em}\
.lang{font-size:.9rem;text-decoration:underline}\
main{max-width:40rem;margin:0 auto;padding:1rem}\
h1{font-size:1.4rem;line-height:1.3;margin:.75rem 0 .25rem;overflow-wrap:anywhere}\
.banner{border-radius:.5rem;padding:.9rem 1rem;margin:0 0 1rem;color:#fff}\
.banner strong{display:block;font-size:1.5rem;letter-spacing:.03em}\
.banner p{margin:.35rem 0 0}\
.banner a{color:#fff;font-weight:600}\
.ok{background:#1e7b34}.warn{background:#a45b00}.bad{background:#b3261e}.info{background:#4a5560}\
.photo{display:block;width:100%;max-height:60vh;object-fit:contain;background:#fff;border-radius:.5rem}\
.stars{font-size:1.75rem;color:#c98a00;margin:0 0 .75rem;letter-spacing:.1em}\
.stars .off{color:#c8c8c8}\
dl{margin:0;background:#fff;border-radius:.5rem;padding:.5rem 1rem}\
dt{font-size:.85rem;color:#5a5a5a;margin-top:.5rem}\
dd{margin:0 0 .25rem;overflow-wrap:anywhere}\
form{display:flex;flex-wrap:wrap;gap:.5rem;margin-top:1rem}\
label{width:100%;font-weight:600}\
input{flex:1 1 12rem;min-width:0;font:inherit;font-size:1.1rem;padding:.6rem;text-transform:uppercase;border:1px solid #888;border-radius:.4rem}\
button{font:inherit;padding:.6rem 1.2rem;border:0;border-radius:.4rem;background:#1d5c2e;color:#fff}\
.another{margin-top:1.25rem}\
";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_markup_character_is_escaped() {
        assert_eq!(
            escape("<script>alert(\"x\" & 'y')</script>"),
            "&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;"
        );
        assert_eq!(escape("Cà phê Ea Tu"), "Cà phê Ea Tu");
    }

    #[test]
    fn five_stars_at_most() {
        let three = stars(Lang::Vi, 3);
        assert!(
            three.contains("★★★<span class=\"off\">☆☆</span>"),
            "{three}"
        );
        assert!(stars(Lang::En, 5).contains("★★★★★<span class=\"off\"></span>"));
    }
}

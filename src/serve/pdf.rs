//! `/rapport.pdf` in the preview: the print layout as a PDF, made from the
//! site in memory the first time it is asked for (and kept until the next
//! build), so the consultant can look at the pages while writing. Without
//! a browser, a Danish page says what was looked for.

use crate::diagrams::esc;
use crate::output::Files;
use std::sync::{Arc, Mutex};

/// The PDF of one build: made on the first request, one at a time.
#[derive(Default)]
pub(crate) struct Lazy {
    input: Option<crate::pdf::Input>,
    made: Mutex<Option<Arc<Vec<u8>>>>,
}

impl Lazy {
    pub fn new(input: Option<crate::pdf::Input>) -> Lazy {
        Lazy {
            input,
            made: Mutex::default(),
        }
    }

    /// Status, content type and body for a request of the PDF.
    /// `files`: the site, asked for only when the PDF must be made.
    pub fn get(&self, files: impl FnOnce() -> Option<Files>) -> (u16, &'static str, Vec<u8>) {
        let mut made = super::lock(&self.made);
        if let Some(pdf) = made.as_ref() {
            return (200, "application/pdf", pdf.to_vec());
        }
        let (Some(files), Some(input)) = (files(), &self.input) else {
            return error_page("Rapporten er ikke bygget endnu.");
        };
        let search = crate::pdf::Search::system(None);
        let browser = match crate::pdf::find_browser(&search) {
            Ok(b) => b,
            Err(e) => return error_page(&e.to_string()),
        };
        match crate::pdf::from_files(&files, input, &browser, crate::pdf::TIMEOUT) {
            Ok(m) => {
                for w in &m.warnings {
                    eprintln!("omstil: advarsel: {w}");
                }
                let pdf = Arc::new(m.bytes);
                *made = Some(pdf.clone());
                (200, "application/pdf", pdf.to_vec())
            }
            Err(e) => error_page(&e.to_string()),
        }
    }
}

/// A page that says why there is no PDF.
fn error_page(why: &str) -> (u16, &'static str, Vec<u8>) {
    let paras: String = why
        .lines()
        .map(|l| format!("<p>{}</p>\n", esc(l)))
        .collect();
    let html = format!(
        "<!DOCTYPE html>\n<html lang=\"da\">\n<head>\n<meta charset=\"utf-8\">\n<title>Ingen PDF – omstil</title>\n</head>\n<body>\n<main>\n<h1>PDF'en kunne ikke laves</h1>\n{paras}<p><a href=\"/print.html\">Se udskriftsudgaven i browseren</a></p>\n</main>\n</body>\n</html>\n"
    );
    (503, "text/html; charset=utf-8", html.into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn without_a_build_the_page_says_so_in_danish() {
        let (status, ctype, body) = Lazy::default().get(|| None);
        assert_eq!(status, 503);
        assert!(ctype.starts_with("text/html"));
        let body = String::from_utf8(body).unwrap();
        assert!(body.contains("PDF'en kunne ikke laves"), "{body}");
        assert!(body.contains("ikke bygget"), "{body}");
    }
}

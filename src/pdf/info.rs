//! The PDF's document information (title, author, subject, creator), set
//! by an incremental update appended to Chromium's file: a new Info
//! object, a cross-reference section for it and a trailer pointing back
//! (`/Prev`) to the original one. The original bytes are kept, except that
//! the browser's creation and modification dates are blanked in place
//! (same length, so no offset moves), so that the same report gives the
//! same PDF.

use super::reader::{Error, Obj, Pdf};

/// What the Info dictionary says about the report.
#[derive(Clone, Debug, Default)]
pub struct Meta {
    pub title: String,
    /// The municipality.
    pub author: String,
    pub subject: Option<String>,
}

/// `pdf` with `meta` as its document information, and the bookmarks whose
/// titles lost a space at a line break mended from `headings` (the print
/// page's heading texts, see `outline`).
pub fn set_info(pdf: &[u8], meta: &Meta, headings: &[String]) -> Result<Vec<u8>, Error> {
    let p = Pdf::parse(pdf)?;
    let Some(root) = p.trailer.get("Root").cloned() else {
        return Err(Error("intet katalog (/Root)".into()));
    };
    let Some(Obj::Num(size)) = p.trailer.get("Size") else {
        return Err(Error("trailer uden /Size".into()));
    };
    let size = *size as u32;
    let old = match p.trailer.get("Info") {
        Some(Obj::Ref(n, _)) => Some((*n, p.object(*n)?)),
        _ => None,
    };
    let mut out = pdf.to_vec();
    let mut producer = None;
    if let Some((n, info)) = &old {
        producer = match info.get("Producer") {
            Some(Obj::Str(s)) => Some(s.clone()),
            _ => None,
        };
        if let Some((start, end)) = p.object_span(*n) {
            blank_dates(&mut out[start..end]);
        }
    }
    if !out.ends_with(b"\n") {
        out.push(b'\n');
    }
    // Mended bookmarks: new versions of their objects, same numbers.
    let mut mended = Vec::new();
    for (n, title) in super::outline::fixes(&p, headings)? {
        if let Some(obj) = super::outline::retitled(&p, n, &title) {
            mended.push((n, out.len()));
            out.extend_from_slice(&obj);
            out.push(b'\n');
        }
    }
    let obj_at = out.len();
    let mut dict = String::from("<</Title ");
    dict.push_str(&text(&meta.title));
    dict.push_str("\n/Author ");
    dict.push_str(&text(&meta.author));
    if let Some(s) = &meta.subject {
        dict.push_str("\n/Subject ");
        dict.push_str(&text(s));
    }
    dict.push_str("\n/Creator (omstil)");
    if let Some(pr) = producer {
        dict.push_str("\n/Producer ");
        dict.push_str(&text(&String::from_utf8_lossy(&pr)));
    }
    dict.push_str(">>");
    out.extend_from_slice(format!("{size} 0 obj\n{dict}\nendobj\n").as_bytes());
    let xref_at = out.len();
    let Obj::Ref(rn, rg) = root else {
        return Err(Error("/Root er ikke en reference".into()));
    };
    let mended_xref: String = mended
        .iter()
        .map(|(n, at)| format!("{n} 1\n{at:010} 00000 n \n"))
        .collect();
    out.extend_from_slice(
        format!(
            "xref\n{mended_xref}{size} 1\n{obj_at:010} 00000 n \ntrailer\n<</Size {}\n/Root {rn} {rg} R\n/Info {size} 0 R\n/Prev {}>>\nstartxref\n{xref_at}\n%%EOF\n",
            size + 1,
            p.startxref
        )
        .as_bytes(),
    );
    Ok(out)
}

/// Replaces the values of `/CreationDate (…)` and `/ModDate (…)` (and the
/// keys) by spaces.
fn blank_dates(obj: &mut [u8]) {
    for key in [&b"/CreationDate"[..], b"/ModDate"] {
        while let Some(i) = obj.windows(key.len()).position(|w| w == key) {
            let Some(close) = obj[i..].iter().position(|&c| c == b')') else {
                return;
            };
            obj[i..=i + close].fill(b' ');
        }
    }
}

/// A PDF text string: UTF-16BE with a byte-order mark, as hex.
pub(super) fn text(s: &str) -> String {
    let mut out = String::from("<FEFF");
    for u in s.encode_utf16() {
        out.push_str(&format!("{u:04X}"));
    }
    out.push('>');
    out
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A PDF file of `objs` (object k+1 is `objs[k]`; object 1 is the
    /// catalog) with a classic cross-reference table.
    pub(crate) fn assemble(objs: &[&str]) -> Vec<u8> {
        let mut out = b"%PDF-1.4\n".to_vec();
        let mut offs = Vec::new();
        for (k, o) in objs.iter().enumerate() {
            offs.push(out.len());
            out.extend_from_slice(format!("{} 0 obj\n{o}\nendobj\n", k + 1).as_bytes());
        }
        let x = out.len();
        out.extend_from_slice(
            format!("xref\n0 {}\n0000000000 65535 f \n", objs.len() + 1).as_bytes(),
        );
        for o in offs {
            out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
        }
        out.extend_from_slice(
            format!(
                "trailer\n<</Size {}\n/Root 1 0 R>>\nstartxref\n{x}\n%%EOF\n",
                objs.len() + 1
            )
            .as_bytes(),
        );
        out
    }

    const THREE: &[u8] = include_bytes!("../../tests/fixtures/pdf/tre-sider.pdf");

    #[test]
    fn the_new_info_is_read_back_and_the_old_dates_are_gone() {
        let meta = Meta {
            title: "Omstilling på børneområdet".into(),
            author: "Aabenraa Kommune".into(),
            subject: Some("Status 2026".into()),
        };
        let out = set_info(THREE, &meta, &[]).unwrap();
        assert!(out.starts_with(THREE.split(|&c| c == b'\n').next().unwrap()));
        let p = Pdf::parse(&out).unwrap();
        let Some(Obj::Ref(n, _)) = p.trailer.get("Info") else {
            panic!()
        };
        let info = p.object(*n).unwrap();
        let s = |k: &str| match info.get(k) {
            Some(Obj::Str(b)) => super::super::reader::text_string(b),
            o => panic!("{k}: {o:?}"),
        };
        assert_eq!(s("Title"), "Omstilling på børneområdet");
        assert_eq!(s("Author"), "Aabenraa Kommune");
        assert_eq!(s("Subject"), "Status 2026");
        assert_eq!(s("Creator"), "omstil");
        assert!(s("Producer").starts_with("Skia"));
        // Still the same pages and destinations through the new trailer.
        assert_eq!(p.pages().unwrap().len(), 3);
        assert_eq!(p.named_pages().unwrap().get("b"), Some(&3));
        assert!(!out.windows(13).any(|w| w == b"/CreationDate"));
        // Setting it twice works too (the /Prev chain).
        let again = set_info(&out, &meta, &[]).unwrap();
        assert_eq!(Pdf::parse(&again).unwrap().pages().unwrap().len(), 3);
    }

    #[test]
    fn the_same_input_gives_the_same_bytes() {
        let meta = Meta::default();
        assert_eq!(
            set_info(THREE, &meta, &[]).unwrap(),
            set_info(THREE, &meta, &[]).unwrap()
        );
    }
}

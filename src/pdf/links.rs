//! Links from the PDF to files of the site (a data file, a picture):
//! Chromium writes them as absolute `file:///` addresses of the folder it
//! printed from (a temporary or staging folder, gone afterwards). They are
//! rewritten to addresses relative to `rapport.pdf` at the site's root,
//! which work when the PDF is opened from the published site, and which
//! keep the PDF the same from one run to the next. The file is written
//! anew with a fresh cross-reference table (Skia writes one section).

use super::reader::{Error, Obj, Pdf};

/// `pdf` with every `/URI (PREFIX…)` made relative (`(…)`). A file with
/// more than one cross-reference section is returned as it is.
pub fn relative_uris(pdf: &[u8], prefix: &str) -> Result<Vec<u8>, Error> {
    let needle = format!("/URI ({prefix}");
    let needle = needle.as_bytes();
    if !pdf.windows(needle.len()).any(|w| w == needle) {
        return Ok(pdf.to_vec());
    }
    let p = Pdf::parse(pdf)?;
    if p.trailer.get("Prev").is_some() {
        return Ok(pdf.to_vec());
    }
    let mut offsets = p.offsets();
    offsets.sort_by_key(|&(_, o)| o);
    let body_end = p.startxref;
    let mut out = Vec::with_capacity(pdf.len());
    // Old offset → new offset for each object, in file order.
    let mut moved = Vec::with_capacity(offsets.len());
    let mut at = 0;
    let mut k = 0;
    let cut = prefix.len();
    while at < body_end {
        while k < offsets.len() && offsets[k].1 <= at {
            let (n, o) = offsets[k];
            moved.push((n, out.len() - (at - o)));
            k += 1;
        }
        let next_obj = offsets.get(k).map_or(body_end, |&(_, o)| o).min(body_end);
        let chunk = &pdf[at..next_obj];
        let mut last = 0;
        let mut i = 0;
        while i + needle.len() <= chunk.len() {
            if &chunk[i..i + needle.len()] == needle {
                out.extend_from_slice(&chunk[last..i + 6]);
                last = i + 6 + cut;
                i = last;
            } else {
                i += 1;
            }
        }
        out.extend_from_slice(&chunk[last..]);
        at = next_obj;
    }
    while k < offsets.len() {
        moved.push((offsets[k].0, out.len()));
        k += 1;
    }
    moved.sort();
    let size = moved.last().map_or(1, |&(n, _)| n + 1);
    let xref_at = out.len();
    let mut xref = format!("xref\n0 {size}\n");
    let mut next = moved.iter().peekable();
    for n in 0..size {
        match next.peek() {
            Some(&&(m, o)) if m == n => {
                xref.push_str(&format!("{o:010} 00000 n \n"));
                next.next();
            }
            _ if n == 0 => xref.push_str("0000000000 65535 f \n"),
            _ => xref.push_str("0000000000 00000 f \n"),
        }
    }
    let mut trailer = format!("trailer\n<</Size {size}");
    for key in ["Root", "Info"] {
        if let Some(Obj::Ref(n, g)) = p.trailer.get(key) {
            trailer.push_str(&format!("\n/{key} {n} {g} R"));
        }
    }
    trailer.push_str(&format!(">>\nstartxref\n{xref_at}\n%%EOF\n"));
    out.extend_from_slice(xref.as_bytes());
    out.extend_from_slice(trailer.as_bytes());
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_links_into_the_printed_folder_become_relative() {
        let objs = [
            "<</Type /Catalog /Pages 2 0 R /Dests 4 0 R>>",
            "<</Type /Pages /Count 1 /Kids [3 0 R]>>",
            "<</Type /Page /Parent 2 0 R /Annots [5 0 R 6 0 R]>>",
            "<</a [3 0 R /XYZ 0 0 0]>>",
            "<</Type /Annot /A <</S /URI /URI (file:///tmp/omstil-side-1-0/noegletal/data/x.csv)>>>>",
            "<</Type /Annot /A <</S /URI /URI (https://eksempel.dk/)>>>>",
        ];
        let pdf = super::super::info::tests::assemble(&objs);
        let out = relative_uris(&pdf, "file:///tmp/omstil-side-1-0/").unwrap();
        let s = String::from_utf8_lossy(&out);
        assert!(s.contains("/URI (noegletal/data/x.csv)"), "{s}");
        assert!(s.contains("/URI (https://eksempel.dk/)"));
        assert!(!s.contains("omstil-side"));
        let p = Pdf::parse(&out).unwrap();
        assert_eq!(p.named_pages().unwrap().get("a"), Some(&1));
        for n in 1..=6 {
            p.object(n).unwrap();
        }
        let Some(Obj::Dict(a)) = p.object(5).unwrap().get("A").cloned() else {
            panic!()
        };
        assert_eq!(
            a.get("URI"),
            Some(&Obj::Str(b"noegletal/data/x.csv".to_vec()))
        );
        // Nothing to do: the same bytes.
        assert_eq!(relative_uris(&pdf, "file:///andet/").unwrap(), pdf);
    }
}

//! Files under `billeder/`, copied to the site unchanged once they are
//! known to be safe to publish: a regular file inside the report, an image
//! or a document (no pages or scripts), and for SVG without anything that
//! would run or load from elsewhere when the file is opened on its own.

use super::{Cx, MAX_FILE_BYTES, list_dir, model};
use crate::diag::{Pos, rel_name};
use crate::sandbox::Refusal;

/// What may be copied from `billeder/`: images and documents. Pages and
/// scripts (`.html`, `.js`, …) would run on the published site.
const ASSET_EXTENSIONS: &[&str] = &[
    "png", "jpg", "jpeg", "gif", "webp", "avif", "svg", "ico", "bmp", "pdf", "docx", "xlsx",
    "pptx", "doc", "xls", "ppt", "odt", "ods", "odp", "csv", "txt", "mp4", "webm", "mp3", "ogg",
    "zip",
];

/// Files under `billeder/` are copied to the output unchanged, once they
/// are known to be a regular file inside the report, of a known kind, and
/// (for SVG) without scripts.
pub(super) fn load_assets(cx: &mut Cx) -> Vec<model::Asset> {
    let dir = cx.root.join("billeder");
    let mut out = Vec::new();
    let Some(entries) = list_dir(cx, &dir, 8) else {
        return out;
    };
    for entry in entries {
        let path = entry.path();
        let name = rel_name(&cx.root, path);
        if entry.file_type().is_dir() || entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        match cx.sandbox.check_file(path) {
            Ok(_) => {}
            Err(Refusal::Dir) => {
                cx.diags
                    .warning(
                        &name,
                        Pos::FILE,
                        "Genvejen (symlink) peger på en mappe og bliver ikke kopieret.",
                    )
                    .hint("Læg filerne direkte i `billeder/`.");
                continue;
            }
            Err(refusal) => {
                cx.refuse(&name, &refusal);
                continue;
            }
        }
        let ext = name
            .rsplit_once('.')
            .map(|(_, e)| e.to_ascii_lowercase())
            .unwrap_or_default();
        if !ASSET_EXTENSIONS.contains(&ext.as_str()) {
            cx.diags
                .warning(
                    &name,
                    Pos::FILE,
                    "Filen bliver ikke kopieret med: `billeder/` må kun indeholde billeder og dokumenter.",
                )
                .hint("Tilladt er fx .png, .jpg, .svg, .pdf og .docx; websider og scripts (.html, .js) kan ikke lægges med i rapporten.");
            continue;
        }
        // Read again only after the watcher named it (`serve`).
        let cached = cx.cache.as_ref().and_then(|c| c.bytes(&name));
        let read = match cached {
            Some(b) => Ok(b),
            None => cx.sandbox.read(path, 4 * MAX_FILE_BYTES).map(|b| {
                let b = std::sync::Arc::new(b);
                if let Some(c) = &cx.cache {
                    c.store_bytes(&name, &b);
                }
                b
            }),
        };
        match read {
            Ok(bytes) => {
                if ext == "svg"
                    && let Some(what) = svg_danger(&bytes)
                {
                    cx.diags
                        .error(&name, Pos::FILE, format!("SVG-filen indeholder {what}, som ville køre eller hente noget, når filen åbnes."))
                        .hint("Gem tegningen igen uden scripts (fx som «almindelig SVG» eller PNG), eller fjern den del.");
                    continue;
                }
                out.push(model::Asset { rel: name, bytes });
            }
            Err(Refusal::TooBig(_)) => {
                cx.diags
                    .warning(
                        &name,
                        Pos::FILE,
                        "Filen er over 40 MB og bliver ikke kopieret med.",
                    )
                    .hint("Gør billedet mindre.");
            }
            Err(refusal) => cx.refuse(&name, &refusal),
        }
    }
    out
}

/// What in an SVG file could run a script or load something from
/// elsewhere when the file is opened on its own, if anything. Errs on the
/// side of refusing: scripts, event handlers, `<foreignObject>`, entity
/// declarations, style sheets, and any link that is not to a place in the
/// same file or an embedded image.
pub(crate) fn svg_danger(bytes: &[u8]) -> Option<&'static str> {
    let text = String::from_utf8_lossy(bytes).to_ascii_lowercase();
    // Elements by local name, with or without a namespace prefix.
    for (at, _) in text.match_indices('<') {
        let tag = &text[at + 1..];
        let name_len = tag
            .bytes()
            .take_while(|c| c.is_ascii_alphanumeric() || b":-_.".contains(c))
            .count();
        let local = tag[..name_len].rsplit(':').next().unwrap_or("");
        match local {
            "script" => return Some("et script (`<script>`)"),
            "foreignobject" => return Some("`<foreignObject>`"),
            // An animation that sets a link can make it `javascript:`.
            "set" | "animate" => {
                let end = tag.find('>').unwrap_or(tag.len());
                if tag[..end].contains("href") {
                    return Some("en animation af et link");
                }
            }
            _ => {}
        }
    }
    if text.contains("javascript:") {
        return Some("en `javascript:`-adresse");
    }
    if text.contains("<!entity") {
        return Some("en entitet (`<!ENTITY`)");
    }
    if text.contains("@import") || text.contains("<?xml-stylesheet") {
        return Some("et stylesheet udefra");
    }
    let b = text.as_bytes();
    let mut i = 0;
    while let Some(at) = text[i..].find("on") {
        let at = i + at;
        i = at + 2;
        let before = if at == 0 { b' ' } else { b[at - 1] };
        if !(before.is_ascii_whitespace() || before == b'/' || before == b'"' || before == b'\'') {
            continue;
        }
        let rest = &text[at + 2..];
        let name_len = rest.bytes().take_while(|c| c.is_ascii_alphabetic()).count();
        if name_len > 0 && rest[name_len..].trim_start().starts_with('=') {
            return Some("en hændelses-attribut (`on…=`)");
        }
    }
    // Every href (also xlink:href) and url(…) must stay in the file.
    for key in ["href", "url("] {
        let mut i = 0;
        while let Some(at) = text[i..].find(key) {
            let at = i + at;
            i = at + key.len();
            let rest = text[i..].trim_start();
            let rest = if key == "href" {
                match rest.strip_prefix('=') {
                    Some(r) => r.trim_start(),
                    None => continue,
                }
            } else {
                rest
            };
            let value = rest.trim_start_matches(['"', '\'']).trim_start();
            if !(value.starts_with('#')
                || value.starts_with("data:image/png")
                || value.starts_with("data:image/jpeg")
                || value.starts_with("data:image/gif")
                || value.starts_with("data:image/webp"))
            {
                return Some("et link eller en adresse uden for filen");
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn svgs_that_could_run_or_load_something_are_caught() {
        for bad in [
            "<svg><script>alert(1)</script></svg>",
            "<svg xmlns:s=\"http://www.w3.org/2000/svg\"><s:script>alert(1)</s:script></svg>",
            "<svg><foreignObject><iframe src=x></iframe></foreignObject></svg>",
            "<svg onload=\"alert(1)\"></svg>",
            "<svg><rect\nonclick =\"alert(1)\"/></svg>",
            "<svg><a xlink:href=\"jav&#x61;script:alert(1)\"><rect/></a></svg>",
            "<svg><a><set attributeName=\"href\" to=\"jav&#x61;script:alert(1)\"/><rect/></a></svg>",
            "<svg><image href=\"https://e.dk/spor.png\"/></svg>",
            "<svg><image href=\"data:image/svg+xml;base64,PHN2Zz4=\"/></svg>",
            "<svg><style>@import url(https://e.dk/a.css);</style></svg>",
            "<svg><rect style=\"fill:url(https://e.dk/a.svg#g)\"/></svg>",
            "<!DOCTYPE svg [<!ENTITY a \"b\">]><svg>&a;</svg>",
            "<?xml-stylesheet href=\"https://e.dk/a.css\"?><svg/>",
        ] {
            assert!(svg_danger(bad.as_bytes()).is_some(), "{bad}");
        }
        for good in [
            include_str!("../../content/billeder/logo.svg"),
            include_str!("../init_template/billeder/logo.svg"),
            "<svg><defs><linearGradient id=\"g\"/></defs><rect fill=\"url(#g)\"/><use href=\"#g\"/><text>Tal om bo og ophold=fint</text></svg>",
        ] {
            assert_eq!(svg_danger(good.as_bytes()), None, "{good}");
        }
    }
}

// Browser checks over every page of a built omstil site (default: output/):
//  - axe-core, WCAG 2.1 A/AA rules: 0 violations on every page;
//  - the page loads nothing from outside the site (network log);
//  - served from a sub-path (/boern/omstilling/) and opened from file://;
//  - the skip link is the first tab stop and moves focus to <main>;
//  - at 390 px (phone) and 1280 px (desktop): no diagram text rendered
//    below 12 CSS px, no horizontal overflow of the page itself;
//  - search: ASCII spellings find Danish words, the query stays in the
//    header field, snippets mark the hit.
// Usage: node tests/browser/check.mjs [SITE_DIR]   (Chromium at /usr/bin/chromium)
import { chromium } from "playwright-core";
import { createServer } from "node:http";
import { readFileSync, readdirSync, statSync, existsSync } from "node:fs";
import { join, extname, resolve, relative, sep } from "node:path";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

const require = createRequire(import.meta.url);
const site = resolve(process.argv[2] || "output");
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const PREFIX = "/boern/omstilling/";
const TYPES = { ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript", ".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg", ".csv": "text/csv" };

function walk(dir) {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}
// ONLY=regex limits the per-page checks to matching paths (while working).
const only = process.env.ONLY ? new RegExp(process.env.ONLY) : null;
const pages = walk(site).filter((p) => p.endsWith(".html")).map((p) => relative(site, p).split(sep).join("/"))
  .filter((p) => !only || only.test(p)).sort();

const server = createServer((req, res) => {
  const url = decodeURIComponent(new URL(req.url, "http://x").pathname);
  if (!url.startsWith(PREFIX)) { res.writeHead(404); return res.end("not under the sub-path"); }
  let file = join(site, url.slice(PREFIX.length));
  if (!file.startsWith(site)) { res.writeHead(403); return res.end(); }
  if (existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
  if (!existsSync(file)) { res.writeHead(404); return res.end("missing"); }
  res.writeHead(200, { "content-type": TYPES[extname(file)] || "application/octet-stream" });
  res.end(readFileSync(file));
});
await new Promise((r) => server.listen(0, "127.0.0.1", r));
const base = `http://127.0.0.1:${server.address().port}${PREFIX}`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
let context = await browser.newContext();
let passed = 0;
let failed = 0;
const fail = (msg) => { failed++; console.log(`FAIL ${msg}`); };

// Smallest rendered size (CSS px) of the visible SVG text on the page: the
// computed font size times the text's scale on screen (getScreenCTM), so a
// diagram squeezed by its viewBox counts at the size the reader sees.
function smallestSvgText() {
  let min = Infinity;
  let where = "";
  for (const t of document.querySelectorAll("svg text")) {
    if (!t.textContent.trim() || !t.getClientRects().length) continue;
    const m = t.getScreenCTM();
    if (!m) continue;
    const px = parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b);
    if (px < min) { min = px; where = `"${t.textContent.trim().slice(0, 30)}"`; }
  }
  return { min, where };
}

// Phone and desktop: every page at each width.
const WIDTHS = [390, 1280];
const MIN_TEXT_PX = 12;
for (const width of WIDTHS) {
  await context.close().catch(() => {});
  context = await browser.newContext({ viewport: { width, height: width < 800 ? 844 : 800 } });
  let smallest = { min: Infinity, path: "" };
  for (const path of pages) {
    const page = await context.newPage();
    const outside = [];
    const missing = [];
    page.on("request", (r) => { if (!r.url().startsWith(base) && !r.url().startsWith("data:")) outside.push(r.url()); });
    page.on("response", (r) => { if (r.status() >= 400 && !path.startsWith("404")) missing.push(`${r.status()} ${r.url()}`); });
    await page.goto(base + path, { waitUntil: "load" });
    await page.addScriptTag({ content: axeSource });
    const result = await page.evaluate(async () =>
      // eslint-disable-next-line no-undef
      await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] }, resultTypes: ["violations"] }));
    let ok = true;
    const at = `${path} @${width}px`;
    for (const v of result.violations) {
      ok = false;
      fail(`${at}: axe ${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`);
    }
    if (outside.length) { ok = false; fail(`${at}: loads from outside the site: ${outside.join(", ")}`); }
    if (missing.length) { ok = false; fail(`${at}: missing resources: ${missing.join(", ")}`); }
    const text = await page.evaluate(smallestSvgText);
    if (text.min < MIN_TEXT_PX - 0.05) { ok = false; fail(`${at}: diagram text rendered at ${text.min.toFixed(1)} px (< ${MIN_TEXT_PX}): ${text.where}`); }
    if (text.min < smallest.min) smallest = { min: text.min, path };
    const over = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
    if (over.scroll > over.inner) { ok = false; fail(`${at}: the page is ${over.scroll} px wide, wider than the window (${over.inner} px)`); }
    if (ok) passed++;
    await page.close();
  }
  console.log(`at ${width} px: smallest diagram text ${smallest.min.toFixed(1)} px (${smallest.path})`);
}

// Keyboard: the skip link is the first tab stop and moves focus to <main>.
{
  const page = await context.newPage();
  await page.goto(base + "index.html");
  await page.keyboard.press("Tab");
  const first = await page.evaluate(() => document.activeElement?.className);
  await page.keyboard.press("Enter");
  const after = await page.evaluate(() => document.activeElement?.id || location.hash);
  if (first === "skip-link" && (after === "indhold" || after === "#indhold")) passed++;
  else fail(`keyboard: first tab stop is "${first}", after Enter focus is "${after}"`);
  await page.close();
}

// file://: open the front page from disk and follow every navigation link.
{
  const page = await context.newPage();
  const bad = [];
  page.on("requestfailed", (r) => bad.push(r.url()));
  await page.goto(pathToFileURL(join(site, "index.html")).href);
  const links = await page.$$eval(".sidebar a", (as) => as.map((a) => a.href));
  for (const href of links) {
    await page.goto(href);
    const h1 = await page.$eval("h1", (e) => e.textContent).catch(() => null);
    if (!h1) bad.push(`${href} (no <h1>)`);
  }
  if (bad.length || links.length < 5) fail(`file://: ${links.length} nav links, problems: ${bad.join(", ")}`);
  else passed++;
  await page.close();
}

// Search from file://: a Danish query finds pages, inflected forms too.
{
  const page = await context.newPage();
  await page.goto(pathToFileURL(join(site, "soeg.html")).href + "?q=anbringelserne");
  const hits = await page.$$eval("#soeg-resultater a", (as) => as.map((a) => a.href));
  const status = await page.$eval("#soeg-status", (e) => e.textContent);
  let ok = hits.length > 0;
  for (const href of hits.slice(0, 5)) {
    const r = await page.goto(href).catch(() => null);
    if (!r || !(await page.$("h1"))) ok = false;
  }
  if (ok) passed++;
  else fail(`search: ${hits.length} hits for "anbringelserne" (${status})`);
  await page.close();
}

// Search that finds: ASCII spellings of Danish letters, snippets with the
// hit marked, a specific page above the overview that lists it, and the
// query kept in the header's field.
{
  const page = await context.newPage();
  const problems = [];
  const query = async (q) => {
    await page.goto(pathToFileURL(join(site, "soeg.html")).href + "?q=" + encodeURIComponent(q));
    return page.$$eval("#soeg-resultater li", (ls) => ls.map((l) => ({
      href: l.querySelector("a").getAttribute("href"),
      marks: [...l.querySelectorAll("mark")].map((m) => m.textContent),
    })));
  };
  for (const [ascii, danish] of [["boern", "børn"], ["raadgiver", "rådgiver"], ["foraeldre", "forældre"]]) {
    const a = await query(ascii);
    const d = await query(danish);
    if (!a.length || a.length !== d.length) problems.push(`"${ascii}" finds ${a.length} pages, "${danish}" ${d.length}`);
    if (!a.some((h) => h.marks.some((m) => m.toLowerCase().startsWith(danish.slice(0, 4))))) problems.push(`"${ascii}": no snippet marks "${danish}"`);
  }
  if (!(await query("børn og unge")).length) problems.push(`"børn og unge" finds nothing (a common word in the query)`);
  const fam = await query("familiebehandling");
  const overviews = ["tilbudsvifte.html", "udviklingsplan.html", "forandringsteori.html", "sporbarhed.html"];
  if (!fam.length || overviews.includes(fam[0].href)) problems.push(`"familiebehandling": an overview ranks first (${fam.slice(0, 3).map((h) => h.href).join(", ")})`);
  await query("anbringelser");
  const kept = await page.$eval("#soeg-felt", (e) => e.value);
  if (kept !== "anbringelser") problems.push(`the header field holds "${kept}" on the results page`);
  if (problems.length) fail(`search: ${problems.join("; ")}`);
  else passed++;
  await page.close();
}

await browser.close();
server.close();
console.log(`browser checks over ${pages.length} pages`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);

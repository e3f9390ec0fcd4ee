// Screenshots of a built site at phone and desktop width, for looking at.
// Usage: node tests/browser/shots.mjs SITE_DIR OUT_DIR WIDTH page.html[?q=…] …
import { chromium } from "playwright-core";
import { pathToFileURL } from "node:url";
import { join, resolve } from "node:path";

const [site, out, width, ...pages] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const page = await browser.newPage({ viewport: { width: Number(width), height: 844 } });
for (const p of pages) {
  const [file, query] = p.split(/(?=[?#])/);
  await page.goto(pathToFileURL(join(resolve(site), file)).href + (query || ""));
  const name = `${file.replace(/[/.]/g, "_")}${query ? "_" + query.replace(/\W/g, "_") : ""}-${width}.png`;
  await page.screenshot({ path: join(out, name), fullPage: process.env.FULL === "1" });
  console.log(join(out, name));
}
await browser.close();

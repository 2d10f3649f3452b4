// build.mjs bundles the explorer into dist/ with esbuild: dist/app.js (all
// of src/ and its npm packages, minified), index.html and style.css.
//
//   node build.mjs            build
//   node build.mjs --budget   build, then report sizes (dist/budget.json)
//                             and fail if the page's own code exceeds its
//                             budget (npm run build does this)
//
// The budget (issue 7): the page's own code under 300 KB gzipped, besides
// the renderer. "Own code" is measured by bundling src/ alone, with every
// npm package left external.
import * as esbuild from "esbuild";
import { mkdir, copyFile, readFile, writeFile, readdir, rm } from "node:fs/promises";
import { gzipSync } from "node:zlib";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.join(here, "dist");
const BUDGET_OWN_GZIP = 300 * 1024;

const common = {
  entryPoints: [path.join(here, "src", "main.js")],
  bundle: true,
  format: "esm",
  target: ["es2022"],
  minify: true,
  legalComments: "linked",
  logLevel: "warning",
};

await mkdir(dist, { recursive: true });
// Drop old outputs (but keep anything else a person put there).
for (const f of await readdir(dist)) {
  if (/^(app\.js|app\.js\.map|app\.js\.LEGAL\.txt|index\.html|style\.css)$/.test(f)) await rm(path.join(dist, f));
}
const result = await esbuild.build({ ...common, outfile: path.join(dist, "app.js"), metafile: true });
await copyFile(path.join(here, "src", "index.html"), path.join(dist, "index.html"));
await copyFile(path.join(here, "src", "style.css"), path.join(dist, "style.css"));

if (process.argv.includes("--budget")) {
  const gz = (buf) => gzipSync(buf, { level: 9 }).length;
  const app = await readFile(path.join(dist, "app.js"));
  const own = await esbuild.build({ ...common, packages: "external", write: false, legalComments: "none", outfile: path.join(dist, "own.js") });
  const ownJS = Buffer.from(own.outputFiles[0].contents);
  const css = await readFile(path.join(dist, "style.css"));
  const html = await readFile(path.join(dist, "index.html"));
  const ownTotal = gz(ownJS) + gz(css) + gz(html);
  const byPkg = {};
  for (const [file, info] of Object.entries(result.metafile.outputs[path.relative(process.cwd(), path.join(dist, "app.js"))]?.inputs || {})) {
    const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file);
    const key = m ? m[1] : "src";
    byPkg[key] = (byPkg[key] || 0) + info.bytesInOutput;
  }
  const report = {
    bundle_bytes: app.length,
    bundle_gzip_bytes: gz(app),
    own_code_gzip_bytes: ownTotal,
    own_code_budget_bytes: BUDGET_OWN_GZIP,
    minified_bytes_by_package: byPkg,
  };
  console.log(
    `ui: dist/app.js ${(report.bundle_gzip_bytes / 1024).toFixed(1)} KB gzipped; the page's own code ${(ownTotal / 1024).toFixed(1)} KB gzipped (budget ${BUDGET_OWN_GZIP / 1024} KB; details in dist/budget.json)`,
  );
  await writeFile(path.join(dist, "budget.json"), JSON.stringify(report, null, 2));
  if (ownTotal > BUDGET_OWN_GZIP) {
    console.error(`budget: the page's own code is ${ownTotal} bytes gzipped, over ${BUDGET_OWN_GZIP}`);
    process.exit(1);
  }
}

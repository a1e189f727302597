// npm run build: compile assets/saferplan.scss with GOV.UK Frontend and copy the
// scripts SaferPlan serves into src/saferplan/static/govuk/ (git-ignored output).
//
// Nothing with the Crown is copied (favicons, crest, touch icons, manifest) and no
// GDS Transport font: both are reserved for GOV.UK. SaferPlan's own favicon lives in
// src/saferplan/static/saferplan/.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as sass from "sass";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "src", "saferplan", "static", "govuk");
const govuk = join(root, "node_modules", "govuk-frontend", "dist", "govuk");

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const result = sass.compile(join(root, "assets", "saferplan.scss"), {
  importers: [new sass.NodePackageImporter(root)],
  style: "compressed",
  sourceMap: false,
  quietDeps: true,
});
const css = result.css;
for (const forbidden of ["GDS Transport", "@font-face"]) {
  if (css.includes(forbidden)) {
    throw new Error(`the stylesheet must not contain ${forbidden}`);
  }
}
writeFileSync(join(out, "saferplan.css"), css + "\n");

// Drop the sourceMappingURL comment: the map is not shipped, and a dangling
// reference breaks collectstatic with manifest storage.
const js = readFileSync(join(govuk, "govuk-frontend.min.js"), "utf8").replace(
  /\n?\/\/# sourceMappingURL=\S+\s*$/,
  "\n",
);
writeFileSync(join(out, "govuk-frontend.min.js"), js);
writeFileSync(
  join(out, "README.txt"),
  "Built by `npm run build` from govuk-frontend (MIT licence). Do not edit; do not commit.\n",
);
console.log(`built ${out}: saferplan.css (${css.length} bytes), govuk-frontend.min.js`);

// Fills a PDF form as Firefox does: values into pdf.js's annotation storage,
// then saveDocument (which writes the fields' appearances).
// node pdfjs.mjs PDFJS_DIR IN.pdf OUT.pdf VALUES.json
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const [dir, input, output, valuesFile] = process.argv.slice(2);
const pdfjs = await import(pathToFileURL(path.join(dir, "node_modules/pdfjs-dist/legacy/build/pdf.mjs")).href);
const values = JSON.parse(fs.readFileSync(valuesFile, "utf8"));
const doc = await pdfjs.getDocument({ data: new Uint8Array(fs.readFileSync(input)), verbosity: 0 }).promise;
const fields = await doc.getFieldObjects();
for (const [name, value] of Object.entries(values)) {
  if (!fields[name]) throw new Error(`no field ${name}`);
  for (const field of fields[name]) doc.annotationStorage.setValue(field.id, { value });
}
fs.writeFileSync(output, await doc.saveDocument());
await doc.destroy();

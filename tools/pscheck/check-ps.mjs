// Parses PowerShell files with tree-sitter-powershell (WebAssembly build, so no native compiler is
// needed) and lists every syntax error as file:line:col. Exit 0: all parse; 1: errors; 2: bad usage.
// Run with `node --liftoff-only`: without it V8 optimises the 1 MB grammar and a run costs ~5 s of CPU.
import { Parser, Language } from 'web-tree-sitter';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: node --liftoff-only check-ps.mjs FILE.ps1 [FILE.psd1 ...]');
  process.exit(2);
}

const require = createRequire(import.meta.url);
await Parser.init();
const language = await Language.load(require.resolve('tree-sitter-powershell/tree-sitter-powershell.wasm'));
const parser = new Parser();
parser.setLanguage(language);

// The grammar rejects several switch clauses on one line although PowerShell accepts them; say so,
// because the fix (one clause per line) is not obvious from "syntax error".
const insideSwitch = (node) => {
  for (let n = node; n; n = n.parent) if (n.type === 'switch_statement') return true;
  return false;
};

let failedFiles = 0;
for (const file of files) {
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    console.log(`${file}: cannot read (${err.code ?? err.message})`);
    failedFiles++;
    continue;
  }
  // A UTF-8 byte order mark is legal in PowerShell files; the grammar does not expect it.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const tree = parser.parse(text);
  const problems = [];
  const walk = (node) => {
    if (node.isError || node.isMissing) {
      const where = `${file}:${node.startPosition.row + 1}:${node.startPosition.column + 1}`;
      const what = node.isMissing ? `missing ${node.type}` : 'syntax error';
      const hint = insideSwitch(node) ? ' (inside a switch: put each clause on its own line)' : '';
      problems.push(`${where}: ${what}${hint}`);
      return;
    }
    if (node.hasError) for (const child of node.children) walk(child);
  };
  walk(tree.rootNode);
  tree.delete();
  if (problems.length) {
    failedFiles++;
    for (const p of problems) console.log(p);
  } else {
    console.log(`${file}: OK`);
  }
}
parser.delete();
console.log(`pscheck: ${files.length} file(s) checked, ${failedFiles} with syntax errors`);
process.exit(failedFiles ? 1 : 0);

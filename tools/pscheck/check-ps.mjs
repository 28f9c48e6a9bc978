// Parses PowerShell files (and the ```powershell blocks of markdown files) with tree-sitter-powershell
// (WebAssembly build, so no native compiler is needed) and lists every syntax error as file:line:col. Exit 0: all parse; 1: errors; 2: bad usage.
// Run with `node --liftoff-only`: without it V8 optimises the 1 MB grammar and a run costs ~5 s of CPU.
import { Parser, Language } from 'web-tree-sitter';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: node --liftoff-only check-ps.mjs FILE.ps1|FILE.psd1|FILE.md ...  (.md: its ```powershell blocks)');
  process.exit(2);
}

const require = createRequire(import.meta.url);
await Parser.init();
const language = await Language.load(require.resolve('tree-sitter-powershell/tree-sitter-powershell.wasm'));
const parser = new Parser();
parser.setLanguage(language);

// Known limits of tree-sitter-powershell 0.26.4, all valid PowerShell:
// 1. A parameter whose name ends in a digit (-IPv4, -IPv6) is read as a stream redirection ("4>").
//    ConnDiag's own parameters are named so, so the digits are masked with letters before parsing
//    (same length, so reported columns stay right).
// 2. Several switch clauses on one line are rejected: put each clause on its own line (hint below).
// 3. Bare-word array arguments (Get-Process a, b) are rejected: quote the elements ('a', 'b').
const maskDigitParameters = (text) =>
  text.replace(/(^|[\s(;{])(-[A-Za-z][A-Za-z0-9]*?)(\d+)(?=[\s:);}|]|$)/gm,
    (_, before, name, digits) => before + name + 'x'.repeat(digits.length));

// Markdown: each ```powershell block is a script of its own. Lines outside the block are kept as
// empty lines, so reported line numbers are the markdown file's.
const powershellBlocks = (text) => {
  const lines = text.split('\n');
  const blocks = [];
  let start = -1;
  lines.forEach((line, i) => {
    if (start < 0 && /^```(powershell|pwsh|ps1)\s*$/i.test(line)) start = i;
    else if (start >= 0 && /^```\s*$/.test(line)) {
      blocks.push('\n'.repeat(start + 1) + lines.slice(start + 1, i).join('\n'));
      start = -1;
    }
  });
  return blocks;
};

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
  const problems = [];
  const sources = file.endsWith('.md') ? powershellBlocks(text) : [text];
  for (const source of sources) {
    const tree = parser.parse(maskDigitParameters(source));
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
  }
  if (problems.length) {
    failedFiles++;
    for (const p of problems) console.log(p);
  } else {
    console.log(`${file}: OK`);
  }
}
parser.delete();
console.log(`pscheck: ${files.length} file(s) checked, ${failedFiles} with syntax errors`);
if (failedFiles) {
  console.log("pscheck: if the code is valid PowerShell, it may hit a grammar limit: quote bare-word array elements ('a', 'b'), and put each switch clause on its own line.");
}
process.exit(failedFiles ? 1 : 0);

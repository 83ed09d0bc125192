#!/usr/bin/env node
// The issue-13 baseline for the fix guard: ESLint with eslint-plugin-playwright on the labelled Playwright fixes
// (playwright-ts, playwright-js) of a fix-guard JSON Lines file. A case counts as rejected when a rule fires on the
// proposed file more often than on the original (so warnings the original already had do not count).
//
// Not part of the build. Install the tools in a folder outside the repository and point the script at it:
//   mkdir -p /tmp/eslint-bench && (cd /tmp/eslint-bench && npm i eslint eslint-plugin-playwright typescript-eslint)
//   node docs/bench/fix-guard-eslint-baseline.mjs ../shared/corpus/fix-guard.dev.jsonl --tools /tmp/eslint-bench
// With --guard FILE (the output of ./feedback guard on the same input) it puts the guard's verdicts beside.
// With --list it prints every case. Two configurations are run: the plugin's recommended set, and every rule of
// the plugin at "warn" (its best recall, at the cost of rejecting genuine fixes too).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const args = process.argv.slice(2);
const input = args.find((a) => !a.startsWith('--') && !isOptionValue(a));
const tools = option('--tools') ?? '/tmp/eslint-bench';
const guardFile = option('--guard');
const list = args.includes('--list');
if (!input) {
  console.error('usage: fix-guard-eslint-baseline.mjs FILE.jsonl [--tools DIR] [--guard VERDICTS.jsonl] [--list]');
  process.exit(2);
}

function option(name) {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

function isOptionValue(a) {
  const i = args.indexOf(a);
  return i > 0 && args[i - 1].startsWith('--') && !['--list'].includes(args[i - 1]);
}

const require = createRequire(path.join(path.resolve(tools), 'noop.js'));
const { ESLint } = require('eslint');
const playwright = require('eslint-plugin-playwright');
const tseslint = require('typescript-eslint');

const recommended = playwright.configs['flat/recommended'].rules;
const everyRule = Object.fromEntries(Object.keys(playwright.rules).map((r) => [`playwright/${r}`, 'warn']));

function linter(rules) {
  return new ESLint({
    cwd: path.resolve(tools),
    overrideConfigFile: true,
    overrideConfig: [{
      files: ['**/*.{js,ts,mjs,cjs,jsx,tsx}'],
      languageOptions: { parser: tseslint.parser, ecmaVersion: 'latest', sourceType: 'module' },
      plugins: { playwright },
      rules,
    }],
  });
}

async function firing(eslint, text, file) {
  const [result] = await eslint.lintText(text, { filePath: path.join(path.resolve(tools), 'cases', file) });
  const counts = new Map();
  for (const m of result.messages) {
    const id = m.ruleId ?? (m.fatal ? 'parse-error' : 'other');
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

function added(before, after) {
  return [...after].filter(([rule, n]) => n > (before.get(rule) ?? 0)).map(([rule]) => rule.replace('playwright/', ''));
}

const cases = readFileSync(input, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l))
  .filter((c) => c.framework === 'playwright-ts' || c.framework === 'playwright-js');
const guard = new Map();
if (guardFile) {
  for (const l of readFileSync(guardFile, 'utf8').split('\n').filter((x) => x.trim())) {
    const v = JSON.parse(l);
    guard.set(v.id, v.verdict);
  }
}

const configs = [['recommended', linter(recommended)], ['all rules', linter(everyRule)]];
const results = [];
for (const c of cases) {
  const row = { id: c.id, expected: c.expected, hard: c.hard === true, rules: c.rules ?? [], eslint: {} };
  for (const [name, eslint] of configs) {
    const before = await firing(eslint, c.original, c.file);
    const after = await firing(eslint, c.proposed, c.file);
    row.eslint[name] = added(before, after);
  }
  results.push(row);
}

const bad = results.filter((r) => r.expected === 'reject');
const good = results.filter((r) => r.expected === 'accept');
const pct = (n, d) => (d === 0 ? '-' : (n / d).toFixed(3));
console.log(`${input}: ${results.length} Playwright fixes (${bad.length} bad, ${good.length} good)`);
for (const [name] of configs) {
  const badRejected = bad.filter((r) => r.eslint[name].length > 0).length;
  const goodRejected = good.filter((r) => r.eslint[name].length > 0).length;
  console.log(`ESLint + eslint-plugin-playwright (${name}): bad rejected ${badRejected}/${bad.length} `
    + `(${pct(badRejected, bad.length)}), good rejected ${goodRejected}/${good.length} (${pct(goodRejected, good.length)})`);
}
if (guard.size > 0) {
  const badRejected = bad.filter((r) => guard.get(r.id) === 'reject').length;
  const goodRejected = good.filter((r) => guard.get(r.id) === 'reject').length;
  console.log(`fix guard (same cases): bad rejected ${badRejected}/${bad.length} (${pct(badRejected, bad.length)}), `
    + `good rejected ${goodRejected}/${good.length} (${pct(goodRejected, good.length)})`);
}
console.log('\nbad fixes by required rule (rejected by recommended / all rules / guard):');
const byRule = new Map();
for (const r of bad) {
  for (const rule of r.rules) {
    const s = byRule.get(rule) ?? { n: 0, rec: 0, all: 0, guard: 0 };
    s.n++;
    s.rec += r.eslint.recommended.length > 0 ? 1 : 0;
    s.all += r.eslint['all rules'].length > 0 ? 1 : 0;
    s.guard += guard.get(r.id) === 'reject' ? 1 : 0;
    byRule.set(rule, s);
  }
}
for (const [rule, s] of [...byRule].sort()) {
  console.log(`  ${rule.padEnd(20)} ${String(s.n).padStart(3)}  ${s.rec}/${s.n}  ${s.all}/${s.n}`
    + (guard.size > 0 ? `  ${s.guard}/${s.n}` : ''));
}
if (list) {
  console.log('\ncases:');
  for (const r of results) {
    console.log(`  ${r.id.padEnd(9)} ${r.expected.padEnd(6)} ${r.hard ? 'hard ' : '     '}`
      + `rec=[${r.eslint.recommended.join(',')}] all=[${r.eslint['all rules'].join(',')}]`
      + (guard.size > 0 ? ` guard=${guard.get(r.id)}` : ''));
  }
}

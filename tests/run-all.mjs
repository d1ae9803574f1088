#!/usr/bin/env node
// `npm test`: type-check, unit + integration (vitest), e2e (Playwright in Chromium), then one
// line of totals for both runners together. Every step runs even if an earlier one failed,
// so one report shows everything that is wrong.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const results = path.join(root, 'test-results');
fs.mkdirSync(results, { recursive: true });

function run(label, cmd, args) {
  process.stdout.write(`\n=== ${label} ===\n`);
  const out = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0' } });
  return out.status === 0;
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

const typesOk = ['tsconfig.node.json', 'tsconfig.web.json', 'tsconfig.e2e.json']
  .map((p) => run(`type-check (${p})`, bin('tsc'), ['-p', p]))
  .every(Boolean);

const unitFile = path.join(results, 'unit.json');
fs.rmSync(unitFile, { force: true });
const unitOk = run('unit + integration (vitest)', bin('vitest'), [
  'run', '--reporter=default', '--reporter=json', `--outputFile.json=${unitFile}`,
]);
const unit = readJson(unitFile);

const e2eFile = path.join(results, 'e2e.json');
fs.rmSync(e2eFile, { force: true });
const e2eOk = run('e2e (Playwright)', bin('playwright'), ['test']);
const e2e = readJson(e2eFile);

let passed = 0;
let failed = 0;
if (unit) {
  passed += unit.numPassedTests;
  failed += unit.numFailedTests;
} else failed += 1;
if (e2e) {
  passed += e2e.stats.expected + (e2e.stats.flaky ?? 0);
  failed += e2e.stats.unexpected;
} else failed += 1;
// A failing runner with no failing test (a crash, a suite that did not load) still fails.
if (!unitOk && unit && unit.numFailedTests === 0) failed += 1;
if (!e2eOk && e2e && e2e.stats.unexpected === 0) failed += 1;
if (!typesOk) {
  process.stdout.write('type-check failed\n');
  failed += 1;
}

process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
process.exitCode = failed === 0 && typesOk && unitOk && e2eOk ? 0 : 1;

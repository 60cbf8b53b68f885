/**
 * The docs agree with the code: the README's inputs and outputs with action.yml, and action.yml with INPUTS and OUTPUT_NAMES; the
 * exit codes, RetCode hints and scenario format with theirs; every workflow in the Markdown is valid and uses real inputs and outputs.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it, onTestFinished } from 'vitest';
import { EXIT } from '../../src/cli/run.js';
import { checkScenario, currentStep } from '../../src/emulator/scenario.js';
import { INPUTS } from '../../src/core/inputs.js';
import { OUTPUT_NAMES } from '../../src/report/outputs.js';
import { retCodeHint } from '../../src/udts/errors.js';
import { VERSION } from '../../src/version.js';

interface ActionYml {
  inputs: Record<string, { description: string; required?: boolean; default?: string }>;
  outputs: Record<string, { description: string }>;
  runs: { using: string; main: string };
}

const action = parse(readFileSync('action.yml', 'utf8')) as ActionYml;
const readme = readFileSync('README.md', 'utf8');
const doc = (name: string): string => readFileSync(join('docs', name), 'utf8');
/** Every Markdown file with examples: the README and docs/. */
const allDocs = [readme, ...readdirSync('docs').filter((file) => file.endsWith('.md')).map(doc)].join('\n');
const packageJson = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string; scripts: Record<string, string> };

/** The rows of the first Markdown table after the heading line `heading`, its header and |---| rows dropped. */
function tableAfter(markdown: string, heading: string): string[][] {
  const lines = markdown.split('\n');
  const start = lines.indexOf(heading);
  if (start < 0) throw new Error(`no heading '${heading}'`);
  const first = lines.findIndex((line, index) => index > start && line.startsWith('|'));
  const end = lines.findIndex((line, index) => index > first && !line.startsWith('|'));
  return lines.slice(first + 2, end < 0 ? undefined : end).map(cells);
}

/** The cells of one table row: split on unescaped '|', trimmed, one level of `code` unwrapped. */
function cells(line: string): string[] {
  return line.trim().replace(/^\||\|$/g, '').split(/(?<!\\)\|/).map((cell) => cell.trim().replace(/\\\|/g, '|').replace(/^`([^`]*)`$/, '$1'));
}

/** The fenced code blocks of one language in a Markdown text (by default, all of them). */
function codeBlocks(language: string, markdown = allDocs): string[] {
  return [...markdown.matchAll(new RegExp('^```' + language + '\\n([\\s\\S]*?)^```$', 'gm'))].map((m) => m[1] ?? '');
}

describe('the docs and the code agree', () => {
  it('action.yml runs dist/index.js on node24, and that file exists; package.json and src/version.ts give the same version', () => {
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js' });
    expect(existsSync(action.runs.main)).toBe(true);
    expect(packageJson.version).toBe(VERSION);
  });

  it('inputs: the README table, action.yml and src/core/inputs.ts give the same names in order, descriptions, defaults and required flags', () => {
    const fromYml = Object.entries(action.inputs).map(([name, spec]) => [name, spec.description, spec.default ?? '', spec.required ?? false] as const);
    expect(fromYml).toEqual(INPUTS.map((input) => [input.name, input.description, input.default, 'required' in input ? input.required : false]));
    expect(tableAfter(readme, '## Inputs')).toEqual(fromYml.map(([name, description, fallback, required]) => [name, required ? 'yes' : 'no', fallback, description]));
  });

  it('outputs: the README table, action.yml and OUTPUT_NAMES give the same names in order, each described', () => {
    expect(Object.keys(action.outputs)).toEqual([...OUTPUT_NAMES]);
    for (const [name, spec] of Object.entries(action.outputs)) expect(spec.description, name).toMatch(/\S/);
    expect(tableAfter(readme, '## Outputs')).toEqual(Object.entries(action.outputs).map(([name, spec]) => [name, spec.description]));
  });

  it('exit code table (docs/cli.md): the codes the CLI returns', () => {
    const codes = tableAfter(doc('cli.md'), '## Exit codes').map((row) => Number(row[0]));
    expect(codes.sort((a, b) => a - b)).toEqual(Object.values(EXIT).sort((a, b) => a - b));
  });

  it('troubleshooting covers every RetCode the action has a hint for', () => {
    const rows = tableAfter(doc('troubleshooting.md'), '# Troubleshooting');
    const documented = new Set(rows.flatMap((row) => (row[0] ?? '').split(',').map((code) => Number(code.trim()))));
    const hinted = Array.from({ length: 1_000 }, (_, code) => code).filter((code) => retCodeHint(code, 'GetUDTSTaskStatus') !== undefined);
    expect(hinted.length).toBeGreaterThan(5);
    expect(hinted.filter((code) => !documented.has(code))).toEqual([]);
  });

  it("the quick start's commands are npm scripts that work on a fresh clone", () => {
    const quickStart = readme.slice(readme.indexOf('## Quick start'));
    const commands = (codeBlocks('sh', quickStart)[0] ?? '').split('\n').map((line) => line.replace(/#.*/, '').trim()).filter(Boolean);
    const { scripts } = packageJson;
    for (const command of commands) expect(scripts, command).toHaveProperty(/^npm (run )?(\S+)$/.exec(command)?.[2] ?? command);
    // npm test keeps that promise on a fresh clone: it installs what it needs first.
    if (commands.includes('npm test')) expect(scripts.pretest).toBe('node scripts/ensure-deps.mjs');
  });

  it("the emulator's scenario example (docs/emulator.md) is a scenario the emulator loads, and means what the text says", () => {
    const scenario = checkScenario(JSON.parse(codeBlocks('json', doc('emulator.md'))[0] ?? ''), 'docs example');
    const byRequest = scenario.tasks['udts-abc123'];
    const byTime = scenario.tasks['udts-timed'];
    if (!byRequest || !byTime) throw new Error('the docs example lost a task');
    expect([0, 2, 3, 4, 9].map((i) => currentStep(byRequest, i, 0).data?.Status ?? currentStep(byRequest, i, 0).fault?.kind))
      .toEqual(['Loading', 'Loading', 'retcode', 'Done', 'Done']);
    expect(currentStep(byTime, 0, 10_000).data?.Status).toBe('Synced');
  });

  const workflows = codeBlocks('yaml')
    .map((text) => ({ text, doc: parse(text) as Record<string, unknown> | null }))
    .filter((block): block is { text: string; doc: Record<string, unknown> } => typeof block.doc?.jobs === 'object');

  it('workflow examples use only real inputs and read only real outputs of the action', () => {
    const inputNames = new Set(Object.keys(action.inputs));
    for (const { text, doc } of workflows) {
      const steps = Object.values(doc.jobs as Record<string, { steps?: Array<Record<string, unknown>> }>).flatMap((job) => job.steps ?? []);
      const ours = steps.filter((step) => typeof step.uses === 'string' && /udts-wait\/udts-wait@|^\.\/\.udts-wait$/.test(step.uses));
      expect(ours.length, text).toBeGreaterThan(0);
      for (const step of ours) {
        expect(step.with, text).toBeTypeOf('object');
        const unknown = Object.keys(step.with as object).filter((name) => !inputNames.has(name));
        expect(unknown, text).toEqual([]);
      }
      const ids = new Set(ours.map((step) => step.id).filter(Boolean));
      for (const [, id, output] of text.matchAll(/steps\.([\w-]+)\.outputs\.([\w-]+)/g)) {
        if (ids.has(id)) expect(OUTPUT_NAMES as readonly string[], `${id}.outputs.${output}`).toContain(output);
      }
    }
  });

  it('workflow examples pass @action-validator/cli', () => {
    const dir = mkdtempSync(join(tmpdir(), 'udts-wait-readme-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const failures: string[] = [];
    workflows.forEach(({ text }, index) => {
      const file = join(dir, `example-${index + 1}.yml`);
      writeFileSync(file, text);
      try {
        execFileSync(join('node_modules', '.bin', 'action-validator'), [file], { stdio: 'pipe' });
      } catch (error) {
        failures.push(`${text}\n${String((error as { stdout?: Buffer }).stdout ?? error)}`);
      }
    });
    expect(failures).toEqual([]);
  });
});

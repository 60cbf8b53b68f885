// @ts-check
// Schema check of action.yml and every workflow with @action-validator/cli.
// action-validator 0.6.0 (the newest published) bundles a schema from before `runs.using: node24`
// and rejects it. So action.yml is checked as written for `node24`, and validated through a copy
// that says `node20`: every other key still meets the schema.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const action = readFileSync('action.yml', 'utf8');
if (!/^ {2}using: '?node24'?$/m.test(action)) {
  console.error("action.yml: runs.using must be 'node24' (the runtime GitHub runs JavaScript actions on)");
  process.exit(1);
}
const copy = join(mkdtempSync(join(tmpdir(), 'udts-wait-meta-')), 'action.yml');
writeFileSync(copy, action.replace(/^( {2}using: '?)node24/m, '$1node20'));

const workflowDir = '.github/workflows';
const workflows = existsSync(workflowDir)
  ? readdirSync(workflowDir).filter((f) => /\.ya?ml$/.test(f)).map((f) => join(workflowDir, f))
  : [];
let failed = false;
for (const file of [copy, ...workflows]) {
  try {
    execFileSync('npx', ['action-validator', file], { stdio: 'pipe' });
    console.log(`ok  ${file === copy ? 'action.yml' : file}`);
  } catch (error) {
    failed = true;
    const out = /** @type {{ stdout?: Buffer }} */ (error).stdout?.toString() ?? String(error);
    console.error(`FAIL ${file === copy ? 'action.yml' : file}\n${out}`);
  }
}
process.exit(failed ? 1 : 0);

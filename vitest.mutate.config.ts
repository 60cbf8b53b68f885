import type { RunnerTestCase } from 'vitest';
import { defineConfig } from 'vitest/config';
import type { Vitest } from 'vitest/node';
import type { Reporter } from 'vitest/reporters';

/**
 * A test file that fails to load (a mutant made a module throw on import) collects no test, and
 * Stryker's vitest runner 9.6.1 reads "no test failed" as a survived mutant (stryker-js#6150). This
 * gives such a file one failed test carrying its load error, in the state Stryker reads, so the mutant
 * counts as killed.
 */
class LoadFailureAsFailedTest implements Reporter {
  private vitest?: Vitest;

  onInit(vitest: Vitest): void {
    this.vitest = vitest;
  }

  onTestRunEnd(): void {
    for (const file of this.vitest?.state.getFiles() ?? []) {
      if (file.result?.state !== 'fail' || file.tasks.length > 0) continue;
      const loads = { type: 'test', id: `${file.id}_load`, name: 'the file loads', mode: 'run', file, suite: file, result: { state: 'fail', errors: file.result.errors } };
      file.tasks.push(loads as unknown as RunnerTestCase);
    }
  }
}

/**
 * The tests `npm run mutate` runs against each mutant: the unit tests of the files it mutates
 * (stryker.config.mjs), each module's behaviour pinned in its own test file. The tests of the front
 * doors, the report and the emulator pass through these modules too, but would double the run (15
 * minutes on 2 cores instead of 7) to kill mutants by accident; the end-to-end, CLI and docs tests
 * run the bundle in dist/, which a mutant of src/ never reaches.
 */
export default defineConfig({
  test: {
    include: ['__tests__/unit/udts/**/*.test.ts', '__tests__/unit/wait/**/*.test.ts', '__tests__/unit/settings.test.ts'],
    reporters: ['default', new LoadFailureAsFailedTest()],
  },
});

// @ts-check
/**
 * `npm run mutate`: Stryker changes the code one small edit at a time (a mutant) and runs the unit
 * tests that cover it against each; a mutant no test notices marks behaviour no test pins. A run takes
 * minutes, so it is not part of .ci/run. Equivalent mutants (edits that change nothing observable) are
 * named where they are, by a `// Stryker disable next-line <mutator>: <reason>` comment in src/.
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  vitest: { configFile: 'vitest.mutate.config.ts' },
  mutate: [
    'src/udts/**/*.ts',
    'src/wait/**/*.ts',
    'src/core/settings.ts',
    'src/core/input-values.ts',
  ],
  // Each mutant runs only the tests that reach it.
  coverageAnalysis: 'perTest',
  // One test process per core.
  concurrency: 2,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  // The console shows the survivors and the table per file, not every test's kill count.
  clearTextReporter: { reportTests: false },
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  // The bar is 90% per file (README, "Mutation testing"); the run fails if the whole falls below it.
  thresholds: { high: 95, low: 90, break: 90 },
  tempDirName: '.stryker-tmp',
};

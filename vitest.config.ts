import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['__tests__/**/*.test.ts'],
    // End-to-end tests spawn the bundle and the emulator; give them room on a 2-core machine.
    testTimeout: 30_000,
    // vitest's default on 2 cores is one worker, and each test file pays its own start-up in it (about
    // 0.25 s each); most files wait on child processes or sockets, so two workers keep both cores busy.
    maxWorkers: 2,
    hookTimeout: 30_000,
  },
});

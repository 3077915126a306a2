import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/support/fast-check-seed.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // vitest's default is one worker less than the cores: on a 2-core machine one file at a time, while the
    // fault suite's worker mostly waits on its child processes and the SMTP/load files on sockets. At least two
    // files at once keeps both cores busy (each file still runs alone in its own process).
    maxWorkers: Math.max(2, availableParallelism()),
  },
});

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Playwright specs live in tests/e2e and run under Playwright, never here.
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    pool: 'forks',
    // A bound on a hang, not a speed check (speed is npm run bench). Command-line tests run
    // several child processes each, every one starting TypeScript afresh: on the 2-core CI
    // machine under a full parallel run one such test took over 30 s.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});

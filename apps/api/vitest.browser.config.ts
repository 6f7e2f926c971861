import { defineConfig } from 'vitest/config';

/** The browser suite (scripts/ci/browser.sh): needs Chromium, so it is not part of `pnpm test`. */
export default defineConfig({
  test: {
    include: ['test/browser/**/*.browser.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

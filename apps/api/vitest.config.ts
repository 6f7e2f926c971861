import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    // Multi-process tests share one PostgreSQL server; the PostgreSQL pass runs them (CI always
    // has one), the embedded-PGlite pass leaves them out rather than skipping them.
    exclude: [...configDefaults.exclude, ...(process.env.DATABASE_URL ? [] : ['test/**/*.pg.test.ts'])],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Each file opens its own database; two at a time matches the two cores we plan for.
    maxWorkers: 2,
  },
});

import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Tests of PostgreSQL-only machinery (the LISTEN connection) run in the PostgreSQL pass.
    exclude: [...configDefaults.exclude, ...(process.env.DATABASE_URL ? [] : ['test/**/*.pg.test.ts'])],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    maxWorkers: 2,
  },
});

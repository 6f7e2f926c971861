import { operations } from '@qeetid/contract';
import { inspectRoutes } from 'hono/dev';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { honoPath } from '../../src/http/bind.ts';
import { startTestApp, type TestApp } from '../harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('route coverage', () => {
  it('serves exactly the method+path set of openapi.yaml, both ways, with no allowlist', () => {
    const served = inspectRoutes(t.app)
      .filter((r) => !r.isMiddleware)
      .map((r) => `${r.method} ${r.path}`)
      .sort();
    const specified = operations.map((o) => `${o.method.toUpperCase()} ${honoPath(o.path)}`).sort();
    expect(served).toEqual(specified);
    expect(served).toContain('GET /healthz');
  });

  it('has exactly one handler per operationId', async () => {
    const { handlers } = await import('../../src/handlers.ts');
    expect(Object.keys(handlers).sort()).toEqual(operations.map((o) => o.operationId).sort());
  });
});

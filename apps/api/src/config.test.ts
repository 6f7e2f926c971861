import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('defaults to port 4000 on the embedded database under ./.qeetid', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 4000, databaseUrl: undefined, issuer: 'http://localhost:4000', logLevel: 'info' });
    expect(c.dataDir.endsWith('/.qeetid')).toBe(true);
  });

  it('takes DATABASE_URL and a public issuer without its trailing slash', () => {
    const c = loadConfig({
      DATABASE_URL: 'postgres://u@db/qeet',
      QEETID_ISSUER: 'https://id.example.com/',
      PORT: '8080',
    });
    expect(c).toMatchObject({ databaseUrl: 'postgres://u@db/qeet', issuer: 'https://id.example.com', port: 8080 });
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', PORT: '' })).toMatchObject({ databaseUrl: undefined, port: 4000 });
  });

  it('names every invalid variable', () => {
    expect(() => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' })).toThrow(
      /PORT[\s\S]*DATABASE_URL[\s\S]*LOG_LEVEL/,
    );
  });
});

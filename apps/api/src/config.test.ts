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

  it('keeps 4 connections to PostgreSQL unless QEETID_DB_POOL_SIZE says otherwise', () => {
    expect(loadConfig({}).dbPoolSize).toBe(4);
    expect(loadConfig({ QEETID_DB_POOL_SIZE: '16' }).dbPoolSize).toBe(16);
    expect(() => loadConfig({ QEETID_DB_POOL_SIZE: '0' })).toThrow(/QEETID_DB_POOL_SIZE/);
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', PORT: '' })).toMatchObject({ databaseUrl: undefined, port: 4000 });
  });

  it('names every invalid variable', () => {
    expect(() => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' })).toThrow(
      /PORT[\s\S]*DATABASE_URL[\s\S]*LOG_LEVEL/,
    );
  });

  it('derives the WebAuthn relying party from the issuer unless QEETID_RP_ID / QEETID_ORIGINS say otherwise', () => {
    expect(loadConfig({ QEETID_ISSUER: 'https://id.example.com' }).webauthn).toEqual({
      rpId: 'id.example.com',
      rpName: 'Qeet ID',
      origins: ['https://id.example.com'],
    });
    const c = loadConfig({
      QEETID_RP_ID: 'example.com',
      QEETID_ORIGINS: 'https://app.example.com, https://example.com/',
    });
    expect(c.webauthn).toMatchObject({
      rpId: 'example.com',
      origins: ['https://app.example.com', 'https://example.com'],
    });
  });

  it('refuses an origin outside the RP ID', () => {
    expect(() => loadConfig({ QEETID_RP_ID: 'example.com', QEETID_ORIGINS: 'https://evil.test' })).toThrow(
      /QEETID_ORIGINS: https:\/\/evil.test not under QEETID_RP_ID example.com/,
    );
    expect(() => loadConfig({ QEETID_RP_ID: 'https://example.com' })).toThrow(/QEETID_RP_ID/);
  });

  it('defaults the token audience to the issuer and reads the sessions settings', () => {
    const key = Buffer.alloc(32, 7).toString('hex');
    const c = loadConfig({
      QEETID_ISSUER: 'https://id.example.com',
      QEETID_MASTER_KEY: key,
      QEETID_SMTP_URL: 'smtp://mail.example.com:587',
      QEETID_BREACHED_PASSWORDS_URL: 'https://range.example.com/range/',
    });
    expect(c).toMatchObject({
      audience: 'https://id.example.com',
      smtpUrl: 'smtp://mail.example.com:587',
      breachedPasswordsUrl: 'https://range.example.com/range',
      keyRefreshSeconds: 30,
    });
    expect(c.masterKey).toEqual(Buffer.alloc(32, 7));
    expect(loadConfig({ QEETID_AUDIENCE: 'api://backend' }).audience).toBe('api://backend');
  });

  it('refuses a master key that is not 32 bytes and a mail URL that is not SMTP', () => {
    expect(() => loadConfig({ QEETID_MASTER_KEY: 'short', QEETID_SMTP_URL: 'http://mail' })).toThrow(
      /QEETID_MASTER_KEY[\s\S]*QEETID_SMTP_URL/,
    );
  });
});

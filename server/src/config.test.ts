import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('has defaults a new user can start with', () => {
    const c = loadConfig({}, '/srv/app');
    expect(c).toMatchObject({ port: 4000, host: '0.0.0.0', dataDir: '/srv/app/.data', databaseUrl: undefined, seedDemoData: true, isProduction: false });
  });

  it('reads every variable and treats empty strings as unset', () => {
    const c = loadConfig({ PORT: '8080', DATA_DIR: 'var/db', DATABASE_URL: 'postgres://u:p@db:5432/x', NODE_ENV: 'production', HOST: '' }, '/srv');
    expect(c).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      dataDir: path.join('/srv', 'var/db'),
      databaseUrl: 'postgres://u:p@db:5432/x',
      seedDemoData: false,
      isProduction: true,
    });
    expect(loadConfig({ NODE_ENV: 'production', DEMO_DATA: 'true' }).seedDemoData).toBe(true);
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ PORT: '1.5' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV'],
    [{ DEMO_DATA: 'maybe' }, 'DEMO_DATA'],
    [{ CLOCK_AT: '2027-01-01' }, 'CLOCK_AT'],
    [{ CLOCK_AT: '2027-01-01T09:30:00' }, 'CLOCK_AT'],
    [{ CLOCK_AT: '2027-02-30T09:30:00+08:00' }, 'CLOCK_AT'],
    [{ CLOCK_AT: '2027-01-01T09:30:00+08:00', NODE_ENV: 'production' }, 'CLOCK_AT'],
  ])('refuses %j with a message naming %s', (env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(`${name}=`));
  });

  it('lists every bad variable at once', () => {
    try {
      loadConfig({ PORT: 'x', NODE_ENV: 'y' });
      expect.unreachable();
    } catch (e) {
      expect((e as ConfigError).problems).toHaveLength(2);
    }
  });

  it('reads CLOCK_AT as an instant (outside production)', () => {
    expect(loadConfig({ CLOCK_AT: '2027-01-01T09:30:00+08:00' }).clockAt?.toISOString()).toBe('2027-01-01T01:30:00.000Z');
    expect(loadConfig({}).clockAt).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { Role } from '../auth/role.js';
import type { Viewer } from '../auth/viewer.js';
import { QuotaBoardCache, quotaBoardKey } from './quota-board-cache.js';

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

const viewer = (scope: Viewer['scope']): Viewer => ({ kind: 'user', id: 1, name: 'v', role: Role.DEPARTMENT_HEAD, scope, departmentId: null });

describe('QuotaBoardCache', () => {
  it('answers a kept board until an invalidation on a topic the board reads', async () => {
    const cache = new QuotaBoardCache<number>();
    let computed = 0;
    const compute = async () => ++computed;
    expect(await cache.get('k', compute)).toBe(1);
    expect(await cache.get('k', compute)).toBe(1);
    cache.invalidate(['tasks', 'deadlines', 'activity']);
    expect(await cache.get('k', compute)).toBe(1);
    cache.invalidate(['publications', 'deadlines']);
    expect(await cache.get('k', compute)).toBe(2);
    cache.invalidate(['quotas']);
    expect(await cache.get('k', compute)).toBe(3);
    cache.clear();
    expect(await cache.get('k', compute)).toBe(4);
  });

  it('never keeps a board whose computation began before an invalidation and ended after it', async () => {
    const cache = new QuotaBoardCache<string>();
    const slow = deferred<string>();
    const first = cache.get('k', () => slow.promise);
    cache.invalidate(['publications']);
    // A caller arriving after the invalidation must not join the stale computation.
    const second = cache.get('k', async () => 'fresh');
    slow.resolve('stale');
    expect(await first).toBe('stale');
    expect(await second).toBe('fresh');
    expect(await cache.get('k', async () => 'recomputed')).toBe('fresh');

    const again = deferred<string>();
    const third = cache.get('j', () => again.promise);
    cache.invalidate(['quotas']);
    again.resolve('stale');
    await third;
    expect(await cache.get('j', async () => 'recomputed')).toBe('recomputed');
  });

  it('shares one computation among concurrent misses of a key, and forgets a failed one', async () => {
    const cache = new QuotaBoardCache<number>();
    let calls = 0;
    const gate = deferred<number>();
    const compute = () => {
      calls++;
      return gate.promise;
    };
    const all = Promise.all([cache.get('k', compute), cache.get('k', compute), cache.get('k', compute)]);
    gate.resolve(7);
    expect(await all).toEqual([7, 7, 7]);
    expect(calls).toBe(1);
    await expect(cache.get('e', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await cache.get('e', async () => 1)).toBe(1);
  });

  it('holds at most its bound, dropping the least recently used', async () => {
    const cache = new QuotaBoardCache<string>(3);
    for (const k of ['a', 'b', 'c']) await cache.get(k, async () => k);
    await cache.get('a', async () => 'a2'); // a is now the most recent
    await cache.get('d', async () => 'd');
    expect(cache.size).toBe(3);
    expect(await cache.get('b', async () => 'b2')).toBe('b2');
    expect(await cache.get('a', async () => 'a3')).toBe('a');
  });
});

describe('quotaBoardKey', () => {
  it('differs by period, withinId, day and scope, and not by the order of a scope', () => {
    const all = viewer(null);
    const base = quotaBoardKey('2026-Q4', null, '2026-11-20', all);
    expect(quotaBoardKey('2026-Q3', null, '2026-11-20', all)).not.toBe(base);
    expect(quotaBoardKey('2026-Q4', '5', '2026-11-20', all)).not.toBe(base);
    expect(quotaBoardKey('2026-Q4', null, '2026-11-21', all)).not.toBe(base);
    const scoped = viewer({ subtreePaths: ['/1/2/', '/1/3/'], exactIds: [9, 4] });
    expect(quotaBoardKey('2026-Q4', null, '2026-11-20', scoped)).not.toBe(base);
    expect(quotaBoardKey('2026-Q4', null, '2026-11-20', viewer({ subtreePaths: ['/1/3/', '/1/2/'], exactIds: [4, 9] }))).toBe(
      quotaBoardKey('2026-Q4', null, '2026-11-20', scoped),
    );
    expect(quotaBoardKey('2026-Q4', null, '2026-11-20', viewer({ subtreePaths: [], exactIds: [] }))).not.toBe(base);
    expect(quotaBoardKey('2026-Q4', null, '2026-11-20', viewer({ subtreePaths: ['/1/2/'], exactIds: [] }))).not.toBe(
      quotaBoardKey('2026-Q4', null, '2026-11-20', viewer({ subtreePaths: [], exactIds: [2] })),
    );
  });
});

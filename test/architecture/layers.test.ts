/**
 * The layers hold (issue 13): the domain (modules/*, core/) does not import the API layer
 * (graphql/ — except resolvers and per-request loaders, which are API code — nor app.ts), and the
 * only import circles are the ORM entities' own relations. Static checks over the sources.
 */
import fs from 'node:fs';
import path from 'node:path';
import madge from 'madge';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SRC = path.join(ROOT, 'server/src');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'migrations' ? [] : sources(full);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [full] : [];
  });
}

const importsOf = (file: string) => [...fs.readFileSync(file, 'utf8').matchAll(/from '([^']+)'/g)].map((m) => path.resolve(path.dirname(file), m[1]!));
/** API code inside a module: resolvers, HTTP routes and per-request loaders. */
const isApiCode = (file: string) => /\.(resolver|http|loader)\.ts$/.test(file);

describe('layers', () => {
  it('the domain never imports the GraphQL layer or the app', () => {
    const offenders: string[] = [];
    for (const file of sources(path.join(SRC, 'modules')).concat(sources(path.join(SRC, 'core')))) {
      if (isApiCode(file)) continue;
      for (const target of importsOf(file)) {
        const rel = path.relative(SRC, target);
        if (rel.startsWith('graphql/') || rel === 'app.js' || rel.startsWith('realtime/')) offenders.push(`${path.relative(SRC, file)} → ${rel}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('has no import circle except the ORM entities’ relations', async () => {
    const result = await madge(SRC, { fileExtensions: ['ts'], tsConfig: path.join(ROOT, 'tsconfig.json') });
    const circles = result.circular().filter((circle) => !circle.every((f) => f.endsWith('.entity.ts')));
    expect(circles).toEqual([]);
  }, 60_000);
});

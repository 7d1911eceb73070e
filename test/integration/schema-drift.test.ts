import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { printSchemaSdl } from '../../server/src/graphql/schema.js';

describe('schema/schema.graphql', () => {
  it('is what the server emits (run `npm run schema:emit` and commit it when this fails)', async () => {
    const committed = fs.readFileSync(path.resolve(import.meta.dirname, '../../schema/schema.graphql'), 'utf8');
    expect(committed).toBe(await printSchemaSdl());
  });
});

import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LABELS_FILE, renderEnumLabels, SCHEMA_FILE, schemaEnums } from '../../dashboard/scripts/enum-labels.mjs';

describe('dashboard/src/graphql/generated/enum-labels.ts', () => {
  const sdl = fs.readFileSync(SCHEMA_FILE, 'utf8');

  it('is what `npm run codegen` makes of schema/schema.graphql (run it and commit the file when this fails)', () => {
    expect(fs.readFileSync(LABELS_FILE, 'utf8')).toBe(renderEnumLabels(sdl));
  });

  it('has a label for every value of every enum of the schema (X_LABEL beside the enum on the server)', () => {
    const unlabelled = schemaEnums(sdl).flatMap((e) => e.values.filter((v) => !v.label?.trim()).map((v) => `${e.name}.${v.name}`));
    expect(unlabelled).toEqual([]);
  });

  it('refuses an enum that labels some of its values only', () => {
    expect(() => renderEnumLabels('type Query { a: A }\nenum A {\n  """甲"""\n  X\n  Y\n}\n')).toThrow('enum A: no label (description) for Y');
  });
});

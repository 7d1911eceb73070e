/**
 * Labels of enum values: one map per enum (`X_LABEL`, the Simplified Chinese wording users see), kept
 * beside the enum. The map is the only place the wording is written: the GraphQL enum's value
 * descriptions are built from it (`enumDescriptions`), so the schema carries each label, and the
 * dashboard's `graphql/generated/enum-labels.ts` is generated from the schema (`npm run codegen`).
 * A label is the short wording of a list or a badge; explanations belong in the enum type's description.
 */

/** `valuesConfig` for type-graphql's `registerEnumType`: each value's label as its description. */
export function enumDescriptions<E extends Record<string, string>>(
  enumObject: E,
  labels: Readonly<Record<E[keyof E], string>>,
): Record<keyof E, { description: string }> {
  const config: Partial<Record<keyof E, { description: string }>> = {};
  for (const key of Object.keys(enumObject) as (keyof E)[]) config[key] = { description: labels[enumObject[key]] };
  return config as Record<keyof E, { description: string }>;
}

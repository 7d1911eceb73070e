/** schema/schema.graphql */
export const SCHEMA_FILE: string;
/** dashboard/src/graphql/generated/enum-labels.ts */
export const LABELS_FILE: string;
/** The schema's enums (built-in ones aside) by name, each with its values' descriptions (null when missing). */
export function schemaEnums(sdl: string): { name: string; description: string | null; values: { name: string; label: string | null }[] }[];
/** The text of enum-labels.ts for a schema; throws when an enum labels some of its values but not all. */
export function renderEnumLabels(sdl: string): string;

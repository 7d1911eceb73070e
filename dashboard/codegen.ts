import type { CodegenConfig } from '@graphql-codegen/cli';

/** `npm run codegen`: typed documents from the emitted schema (output committed). */
const config: CodegenConfig = {
  schema: 'schema/schema.graphql',
  documents: ['dashboard/src/**/*.graphql'],
  ignoreNoDocuments: false,
  generates: {
    'dashboard/src/graphql/generated/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        skipTypename: false,
        scalars: { DateTime: 'string', LocalDate: 'string', JSONObject: 'Record<string, unknown>' },
      },
    },
  },
};
export default config;

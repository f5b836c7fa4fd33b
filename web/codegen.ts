import type { CodegenConfig } from '@graphql-codegen/cli';

// Typed documents from the API's own schema files: a query that does not
// match the schema fails the build, and every result is typed.
const config: CodegenConfig = {
  schema: '../graph/*.graphqls',
  documents: ['src/**/*.tsx', 'src/**/*.ts', '!src/gql/**/*'],
  ignoreNoDocuments: false,
  generates: {
    './src/gql/': {
      preset: 'client',
      config: {
        scalars: { Time: 'string', JSON: 'unknown' },
        enumsAsTypes: true,
        useTypeImports: true,
      },
      presetConfig: { fragmentMasking: false },
    },
  },
};
export default config;

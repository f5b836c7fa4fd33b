// GraphQL Code Generator for a TypeScript frontend (docs/clients.md).
// strictScalars makes generation fail if a custom scalar has no mapping.
import type { CodegenConfig } from "@graphql-codegen/cli";

const config: CodegenConfig = {
  schema: "../../schema.graphql",
  documents: "operations.graphql",
  generates: {
    "generated/graphql.ts": {
      plugins: ["typescript", "typescript-operations"],
      config: {
        strictScalars: true,
        scalars: {
          Time: "string", // RFC 3339
          JSON: "Record<string, unknown>",
        },
        enumsAsTypes: true,
        avoidOptionals: { field: true, inputValue: false },
      },
    },
  },
};

export default config;

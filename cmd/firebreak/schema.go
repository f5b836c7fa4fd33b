package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"firebreak/graph"
)

func newSchemaCommand() *cobra.Command {
	return &cobra.Command{
		Use:     "schema",
		Short:   "Print the served GraphQL schema as SDL (what schema.graphql holds)",
		Example: "  firebreak schema > schema.graphql",
		RunE: func(cmd *cobra.Command, _ []string) error {
			_, err := fmt.Fprint(cmd.OutOrStdout(), graph.SchemaSDL())
			return err
		},
	}
}

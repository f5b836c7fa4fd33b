package main

import (
	"fmt"

	"github.com/spf13/cobra"
	"github.com/uptrace/bun"

	"firebreak/internal/auth"
	"firebreak/internal/config"
	"firebreak/internal/links"
)

func newSignInLinkCommand() *cobra.Command {
	var email string
	cmd := &cobra.Command{
		Use:   "signin-link",
		Short: "Print a one-time link that signs a person in to the console",
		Long: "Prints a link to FIREBREAK_PUBLIC_URL that starts one browser session for the active person with\n" +
			"that e-mail address, once, within " + auth.SignInLinkLifetime.String() + ". For teams without an identity provider,\n" +
			"and for the first admin:\n\n  firebreak signin-link --email admin@firebreak.local",
		RunE: func(cmd *cobra.Command, _ []string) error {
			return withDatabase(cmd, func(db *bun.DB) error {
				token, _, err := auth.NewService(db).IssueSignInLink(cmd.Context(), email)
				if err != nil {
					return err
				}
				cfg, err := config.Load()
				if err != nil {
					return err
				}
				fmt.Fprintln(cmd.OutOrStdout(), links.Links{BaseURL: cfg.PublicURL}.SignInLink(token))
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&email, "email", "", "the person's e-mail address (required)")
	_ = cmd.MarkFlagRequired("email")
	return cmd
}

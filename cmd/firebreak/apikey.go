package main

import (
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/uptrace/bun"

	"firebreak/internal/auth"
	"firebreak/models"
)

func newAPIKeyCommand() *cobra.Command {
	cmd := &cobra.Command{Use: "apikey", Short: "Create or revoke API keys"}

	var name, email, role, keyName string
	var expiresIn time.Duration
	create := &cobra.Command{
		Use:   "create",
		Short: "Create a user (or reuse the one with --email) and print a new API key for them",
		Long: "Prints only the key, on one line, so scripts can capture it:\n\n" +
			"  KEY=$(firebreak apikey create --name Alice --role RESPONDER --email alice@example.com)",
		RunE: func(cmd *cobra.Command, _ []string) error {
			return withDatabase(cmd, func(db *bun.DB) error {
				p := auth.CreateKeyParams{Name: name, Email: email, Role: models.UserRole(strings.ToUpper(role)), KeyName: keyName}
				if expiresIn > 0 {
					at := time.Now().Add(expiresIn)
					p.ExpiresAt = &at
				}
				key, _, err := auth.NewService(db).CreateKey(cmd.Context(), p)
				if err != nil {
					return err
				}
				fmt.Fprintln(cmd.OutOrStdout(), key)
				return nil
			})
		},
	}
	create.Flags().StringVar(&name, "name", "", "the user's name (required)")
	create.Flags().StringVar(&email, "email", "", "the user's email; an existing user with it gets the new key")
	create.Flags().StringVar(&role, "role", "", "VIEWER, RESPONDER or ADMIN (required)")
	create.Flags().StringVar(&keyName, "key-name", "cli", "a label for the key")
	create.Flags().DurationVar(&expiresIn, "expires-in", 0, "expire the key after this long (e.g. 720h); default never")
	_ = create.MarkFlagRequired("name")
	_ = create.MarkFlagRequired("role")

	revoke := &cobra.Command{
		Use:   "revoke KEY_OR_PREFIX",
		Short: "Revoke a key (the whole key, or its fbk_XXXXXX prefix)",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return withDatabase(cmd, func(db *bun.DB) error {
				if err := auth.NewService(db).RevokeKey(cmd.Context(), args[0]); err != nil {
					return err
				}
				fmt.Fprintln(cmd.ErrOrStderr(), "revoked")
				return nil
			})
		},
	}
	cmd.AddCommand(create, revoke)
	return cmd
}

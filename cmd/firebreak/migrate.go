package main

import (
	"fmt"

	"github.com/spf13/cobra"
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/migrate"

	"firebreak/migrations"
)

func newMigrateCommand() *cobra.Command {
	cmd := &cobra.Command{Use: "migrate", Short: "Apply, roll back or list database migrations"}
	cmd.AddCommand(
		&cobra.Command{
			Use:   "up",
			Short: "Apply every pending migration",
			RunE: func(cmd *cobra.Command, _ []string) error {
				return withMigrator(cmd, func(m *migrate.Migrator) error {
					group, err := m.Migrate(cmd.Context())
					if err != nil {
						return err
					}
					if group.IsZero() {
						fmt.Fprintln(cmd.OutOrStdout(), "database is up to date")
						return nil
					}
					fmt.Fprintf(cmd.OutOrStdout(), "applied %s\n", group)
					return nil
				})
			},
		},
		&cobra.Command{
			Use:   "down",
			Short: "Roll back the last group of migrations",
			RunE: func(cmd *cobra.Command, _ []string) error {
				return withMigrator(cmd, func(m *migrate.Migrator) error {
					group, err := m.Rollback(cmd.Context())
					if err != nil {
						return err
					}
					if group.IsZero() {
						fmt.Fprintln(cmd.OutOrStdout(), "nothing to roll back")
						return nil
					}
					fmt.Fprintf(cmd.OutOrStdout(), "rolled back %s\n", group)
					return nil
				})
			},
		},
		&cobra.Command{
			Use:   "status",
			Short: "List migrations and whether each is applied",
			RunE: func(cmd *cobra.Command, _ []string) error {
				return withMigrator(cmd, func(m *migrate.Migrator) error {
					ms, err := m.MigrationsWithStatus(cmd.Context())
					if err != nil {
						return err
					}
					for _, mig := range ms {
						state := "pending"
						if mig.IsApplied() {
							state = fmt.Sprintf("applied (group %d)", mig.GroupID)
						}
						fmt.Fprintf(cmd.OutOrStdout(), "%-45s %s\n", mig.Name+"_"+mig.Comment, state)
					}
					return nil
				})
			},
		},
	)
	return cmd
}

func withMigrator(cmd *cobra.Command, fn func(*migrate.Migrator) error) error {
	return withDatabase(cmd, func(db *bun.DB) error {
		return migrations.WithLock(cmd.Context(), db, fn)
	})
}

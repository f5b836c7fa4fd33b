package main

import (
	"fmt"
	"time"

	"github.com/spf13/cobra"
	"github.com/uptrace/bun"

	"firebreak/internal/seed"
)

func newSeedCommand() *cobra.Command {
	var opts seed.Options
	cmd := &cobra.Command{
		Use:   "seed",
		Short: "Fill the database with realistic incident history (for demos and benchmarks)",
		RunE: func(cmd *cobra.Command, _ []string) error {
			if opts.Incidents < 1 {
				return fmt.Errorf("--incidents must be at least 1")
			}
			return withDatabase(cmd, func(db *bun.DB) error {
				res, err := seed.Run(cmd.Context(), db, opts, func(step string, took time.Duration) {
					fmt.Fprintf(cmd.ErrOrStderr(), "seed: %-22s %s\n", step, took.Round(time.Millisecond))
				})
				if err != nil {
					return err
				}
				fmt.Fprintf(cmd.OutOrStdout(), "added %d incidents, %d updates, %d timeline events in %s\n",
					res.Incidents, res.Updates, res.Events, res.Took.Round(time.Millisecond))
				return nil
			})
		},
	}
	cmd.Flags().IntVar(&opts.Incidents, "incidents", 1000, "how many incidents to add")
	cmd.Flags().IntVar(&opts.Years, "years", 3, "spread them over this many years back from now")
	return cmd
}

// Command firebreak is the whole product in one binary: the API server,
// (later) the workers, migrations and admin tasks.
package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"github.com/spf13/cobra"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := newRootCommand().ExecuteContext(ctx); err != nil {
		fmt.Fprintln(os.Stderr, "firebreak:", err)
		os.Exit(1)
	}
}

func newRootCommand() *cobra.Command {
	root := &cobra.Command{
		Use:           "firebreak",
		Short:         "Incident management: declare, follow and learn from incidents",
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.AddCommand(newServeCommand(), newWorkerCommand(), newAllCommand(), newMigrateCommand(), newAPIKeyCommand(), newSignInLinkCommand(), newSeedCommand(), newBenchCommand(), newSchemaCommand(), newHealthcheckCommand())
	return root
}

func setupLogging(level slog.Level) {
	slog.SetDefault(slog.New(slog.NewJSONHandler(os.Stderr, &slog.HandlerOptions{Level: level})))
}

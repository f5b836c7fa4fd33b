package main

import (
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"firebreak/internal/loadtest"
)

func newBenchCommand() *cobra.Command {
	cmd := &cobra.Command{Use: "bench", Short: "Load tools to run against a Firebreak server"}
	var cfg loadtest.SubscriberConfig
	subs := &cobra.Command{
		Use:   "subscribers",
		Short: "Open N live subscriptions, post updates at a rate, report delivery latency, losses and server memory",
		Example: "  firebreak bench subscribers --n 10000 --url http://127.0.0.1:8080 --key $KEY --rate 10 --duration 30s \\\n" +
			"    --server-pid $(pgrep -f 'firebreak serve')",
		RunE: func(cmd *cobra.Command, _ []string) error {
			if cfg.Key == "" || cfg.Subscribers < 1 || cfg.Rate <= 0 {
				return fmt.Errorf("--key, --n >= 1 and --rate > 0 are required")
			}
			rep, err := loadtest.RunSubscribers(cmd.Context(), cfg)
			fmt.Fprint(cmd.OutOrStdout(), rep)
			return err
		},
	}
	subs.Flags().IntVar(&cfg.Subscribers, "n", 1000, "subscriptions to open (one websocket each)")
	subs.Flags().StringVar(&cfg.URL, "url", "http://127.0.0.1:8080", "the server")
	subs.Flags().StringVar(&cfg.Key, "key", "", "a RESPONDER or ADMIN API key")
	subs.Flags().Float64Var(&cfg.Rate, "rate", 10, "status updates per second")
	subs.Flags().DurationVar(&cfg.Duration, "duration", 30*time.Second, "how long to post updates")
	subs.Flags().IntVar(&cfg.ServerPID, "server-pid", 0, "the server's process id, to measure its memory per subscriber")
	subs.Flags().DurationVar(&cfg.Settle, "settle", 5*time.Second, "idle time before measuring memory")
	subs.Flags().IntVar(&cfg.Dialers, "dialers", 100, "connections opened in parallel")
	cmd.AddCommand(subs, newTCPFloorCommand(), newRemindersBenchCommand(), newAlertsBenchCommand())
	return cmd
}

func newTCPFloorCommand() *cobra.Command {
	var cfg loadtest.TCPFloorConfig
	floor := &cobra.Command{
		Use:   "tcp-floor",
		Short: "Fan raw messages out over N loopback TCP connections: what the machine costs before Firebreak's work",
		Long: "Writes every message to every connection and reads it back in the same process, the way the\n" +
			"server and `bench subscribers` share one machine, with no websocket, GraphQL, database or Redis.\n" +
			"Compare its latency with `bench subscribers` at the same --n and --rate.",
		Example: "  firebreak bench tcp-floor --n 9900 --rate 10 --duration 10s",
		RunE: func(cmd *cobra.Command, _ []string) error {
			if cfg.Connections < 1 || cfg.Rate <= 0 {
				return fmt.Errorf("--n >= 1 and --rate > 0 are required")
			}
			rep, err := loadtest.RunTCPFloor(cmd.Context(), cfg)
			if err != nil {
				return err
			}
			fmt.Fprint(cmd.OutOrStdout(), rep)
			return nil
		},
	}
	floor.Flags().IntVar(&cfg.Connections, "n", 1000, "connections (each uses two file descriptors in this process)")
	floor.Flags().Float64Var(&cfg.Rate, "rate", 10, "messages per second, each sent on every connection")
	floor.Flags().DurationVar(&cfg.Duration, "duration", 10*time.Second, "how long to send")
	floor.Flags().IntVar(&cfg.Size, "size", 300, "bytes per message (an incidentEvents frame is about 300)")
	return floor
}

func newRemindersBenchCommand() *cobra.Command {
	var cfg loadtest.ReminderConfig
	cmd := &cobra.Command{
		Use:   "reminders",
		Short: "Make N open incidents' updates due at once and time one worker sending every reminder",
		Long: "Adds N incidents to DATABASE_URL's database (use one for benchmarks), makes their status updates\n" +
			"all due now, runs one worker on REDIS_URL and reports reminders per second and how late they fired.",
		Example: "  firebreak bench reminders --incidents 10000",
		RunE: func(cmd *cobra.Command, _ []string) error {
			if cfg.Incidents < 1 {
				return fmt.Errorf("--incidents must be at least 1")
			}
			svc, err := connect(cmd.Context())
			if err != nil {
				return err
			}
			defer svc.Close()
			rep, err := loadtest.RunReminders(cmd.Context(), svc.db, svc.rdb, svc.redis, cfg)
			fmt.Fprint(cmd.OutOrStdout(), rep)
			return err
		},
	}
	cmd.Flags().IntVar(&cfg.Incidents, "incidents", 10000, "open incidents due at once")
	cmd.Flags().IntVar(&cfg.Concurrency, "concurrency", 20, "the worker's task concurrency (FIREBREAK_WORKER_CONCURRENCY)")
	cmd.Flags().DurationVar(&cfg.Timeout, "timeout", 5*time.Minute, "give up after this long")
	return cmd
}

func newAlertsBenchCommand() *cobra.Command {
	var cfg loadtest.AlertsConfig
	cmd := &cobra.Command{
		Use:   "alerts",
		Short: "An alert storm through one Alertmanager webhook, then a steady rate of webhooks: latency, incidents, alerts",
		Long: "Creates an alert source and a SEV-2 route of its own, sends --groups × --alerts alerts in --waves\n" +
			"notifications per group (each carrying the group's alerts so far, every group at once, as Alertmanager\n" +
			"does), then --rate webhooks a second for --duration (open loop: latency counts from each webhook's\n" +
			"scheduled time), and reports latency, failures and what the API shows afterwards.",
		Example: "  firebreak bench alerts --url http://127.0.0.1:8080 --key $ADMIN_KEY --rate 100 --duration 30s",
		RunE: func(cmd *cobra.Command, _ []string) error {
			if cfg.Key == "" || cfg.Groups < 1 || cfg.AlertsPerGroup < 1 || cfg.Waves < 1 || cfg.Rate <= 0 {
				return fmt.Errorf("--key, and --groups, --alerts, --waves and --rate above 0, are required")
			}
			rep, err := loadtest.RunAlerts(cmd.Context(), cfg)
			fmt.Fprint(cmd.OutOrStdout(), rep)
			return err
		},
	}
	cmd.Flags().StringVar(&cfg.URL, "url", "http://127.0.0.1:8080", "the server")
	cmd.Flags().StringVar(&cfg.Key, "key", "", "an ADMIN API key")
	cmd.Flags().IntVar(&cfg.Groups, "groups", 10, "alert groups")
	cmd.Flags().IntVar(&cfg.AlertsPerGroup, "alerts", 100, "alerts per group")
	cmd.Flags().IntVar(&cfg.Waves, "waves", 10, "notifications per group the storm's alerts arrive in")
	cmd.Flags().Float64Var(&cfg.Rate, "rate", 100, "webhooks per second after the storm")
	cmd.Flags().DurationVar(&cfg.Duration, "duration", 30*time.Second, "how long to send them")
	return cmd
}

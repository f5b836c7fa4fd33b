package main

import (
	"fmt"
	"net/http"
	"time"

	"github.com/spf13/cobra"
)

// The container image has no shell, curl or wget: the binary checks itself.
func newHealthcheckCommand() *cobra.Command {
	return &cobra.Command{
		Use:     "healthcheck URL",
		Short:   "Exit 0 if URL answers 2xx within 3 seconds (container healthchecks)",
		Example: "  firebreak healthcheck http://127.0.0.1:8080/readyz",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			client := &http.Client{Timeout: 3 * time.Second}
			res, err := client.Get(args[0])
			if err != nil {
				return err
			}
			res.Body.Close()
			if res.StatusCode < 200 || res.StatusCode > 299 {
				return fmt.Errorf("%s answered %s", args[0], res.Status)
			}
			return nil
		},
	}
}

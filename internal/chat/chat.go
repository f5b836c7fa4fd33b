// Package chat is the incident bot: Firebreak in Slack. Each incident gets a
// response channel and one headline message — in that channel and in the
// announcements channel — that the bot keeps current by editing it in place.
// People run the incident from chat with /incident, the headline's buttons
// and a pinning reaction, as the Firebreak person with their Slack email,
// under the API's own role checks.
//
// Everything it sends hangs off the outbox: the event relay marks an
// incident as wanting a sync in the transaction that publishes its event
// (Want), a worker task brings Slack up to date from the record as it is
// then (Sync), and the reconciler re-queues incidents left behind, so Slack
// being down or rate-limiting loses nothing and never shows an older state.
package chat

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/slack-go/slack"
	"github.com/uptrace/bun"

	"firebreak/internal/catalog"
	"firebreak/internal/database"
	"firebreak/internal/incident"
	"firebreak/internal/links"
	"firebreak/internal/people"
	"firebreak/models"
)

// Config is the FIREBREAK_SLACK_* settings; no BotToken: no bot.
type Config struct {
	BotToken      string
	SigningSecret string
	// AnnounceChannel is the channel id where every public incident's
	// headline is also posted.
	AnnounceChannel string
	// APIURL is Slack's Web API (default https://slack.com/api/); tests
	// point it at a stand-in.
	APIURL string
	// UnknownRole is the role of a Slack user whose email no Firebreak
	// person has; empty: such people are refused.
	UnknownRole models.UserRole
	// PinReaction adds the message it is put on to the timeline (default
	// "pushpin").
	PinReaction string
}

// Validate reports settings that cannot work.
func (c Config) Validate() error {
	switch {
	case c.BotToken == "":
		return nil
	case c.SigningSecret == "":
		return errors.New("FIREBREAK_SLACK_SIGNING_SECRET is required with FIREBREAK_SLACK_BOT_TOKEN: requests from Slack cannot be verified without it")
	case c.UnknownRole != "" && !c.UnknownRole.IsValid():
		return fmt.Errorf("FIREBREAK_SLACK_UNKNOWN_ROLE %q is not VIEWER, RESPONDER or ADMIN (or empty: refuse)", c.UnknownRole)
	}
	return nil
}

// Bot is the incident bot.
type Bot struct {
	cfg       Config
	api       *slack.Client
	db        *bun.DB
	incidents *incident.Service
	catalog   *catalog.Service
	people    *people.Service
	links     links.Links
	now       func() time.Time
}

// New returns the bot, or nil when cfg has no bot token.
func New(cfg Config, db *bun.DB, incidents *incident.Service, cat *catalog.Service, ppl *people.Service, links links.Links) *Bot {
	if cfg.BotToken == "" {
		return nil
	}
	if cfg.PinReaction == "" {
		cfg.PinReaction = "pushpin"
	}
	opts := []slack.Option{slack.OptionHTTPClient(&http.Client{Timeout: 10 * time.Second})}
	if cfg.APIURL != "" {
		opts = append(opts, slack.OptionAPIURL(strings.TrimRight(cfg.APIURL, "/")+"/"))
	}
	return &Bot{cfg: cfg, api: slack.New(cfg.BotToken, opts...), db: db, incidents: incidents, catalog: cat,
		people: ppl, links: links, now: time.Now}
}

// Mount puts the endpoints Slack posts to on mux, each through edge (the
// API's deadlines for edge bodies and requests).
func (b *Bot) Mount(mux *http.ServeMux, edge func(http.Handler) http.Handler) {
	mux.Handle("POST /slack/commands", edge(http.HandlerFunc(b.Commands)))
	mux.Handle("POST /slack/interactions", edge(http.HandlerFunc(b.Interactions)))
	mux.Handle("POST /slack/events", edge(http.HandlerFunc(b.Events)))
}

// conn is what the bot runs statements on: the connection or transaction
// its context carries (a sync's own connection), else the pool.
func (b *Bot) conn(ctx context.Context) bun.IDB { return database.Handle(ctx, b.db) }

// Channel is an incident's Slack channel.
type Channel struct {
	IncidentID int64  `bun:"incident_id"`
	ID         string `bun:"channel_id"`
	Name       string `bun:"channel_name"`
}

// URL opens the channel in Slack (app_redirect finds the workspace).
func (c *Channel) URL() string { return "https://slack.com/app_redirect?channel=" + c.ID }

// Channels reads the incidents' Slack channels (whether or not the bot
// runs on this process).
type Channels struct{ db *bun.DB }

func NewChannels(db *bun.DB) *Channels { return &Channels{db: db} }

// Of returns the channels the bot created for the incidents, by incident.
func (c *Channels) Of(ctx context.Context, incidentIDs []int64) (map[int64]*Channel, error) {
	var rows []*Channel
	err := c.db.NewSelect().Table("chat_channels").Column("incident_id", "channel_id", "channel_name").
		Where("incident_id IN (?)", bun.In(incidentIDs)).Where("channel_id IS NOT NULL").Scan(ctx, &rows)
	if err != nil {
		return nil, err
	}
	out := make(map[int64]*Channel, len(rows))
	for _, r := range rows {
		out[r.IncidentID] = r
	}
	return out, nil
}

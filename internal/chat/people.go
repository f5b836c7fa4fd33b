package chat

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"firebreak/internal/apperr"
	"firebreak/internal/people"
	"firebreak/models"
)

// person returns the Firebreak person a Slack user is: the one with their
// Slack email; someone new with UnknownRole when that is set.
func (b *Bot) person(ctx context.Context, slackUserID string) (*models.User, error) {
	su, err := b.api.GetUserInfoContext(ctx, slackUserID)
	if err != nil {
		return nil, fmt.Errorf("look up Slack user %s: %w", slackUserID, err)
	}
	email := su.Profile.Email
	if email == "" {
		return nil, apperr.New(apperr.Forbidden, "Firebreak cannot see your Slack email address, so it cannot tell who you are")
	}
	u, err := b.people.ByEmail(ctx, email)
	if err != nil {
		return nil, err
	}
	if u == nil {
		if b.cfg.UnknownRole == "" {
			return nil, apperr.New(apperr.Forbidden, "no Firebreak person has the email %s: ask an admin to add you", email)
		}
		name := su.RealName
		if name == "" {
			name = su.Name
		}
		// Slack confirms its members' addresses, and the workspace is the
		// identity provider here: the Slack user is the identity.
		if u, err = b.people.SignedIn(ctx, people.SignIn{Issuer: "slack:" + su.TeamID, Subject: su.ID, Email: email, EmailVerified: true,
			Name: name, DefaultRole: b.cfg.UnknownRole}); err != nil {
			return nil, err
		}
	}
	if !u.Active() {
		return nil, apperr.New(apperr.Forbidden, "your Firebreak account has been deactivated")
	}
	return u, nil
}

// nameOf is a Slack user's name as Firebreak knows them, else as Slack does.
func (b *Bot) nameOf(ctx context.Context, slackUserID string) string {
	su, err := b.api.GetUserInfoContext(ctx, slackUserID)
	if err != nil {
		return "Someone"
	}
	if su.Profile.Email != "" {
		if u, err := b.people.ByEmail(ctx, su.Profile.Email); err == nil && u != nil {
			return u.Name
		}
	}
	if su.RealName != "" {
		return su.RealName
	}
	return su.Name
}

// slackMarkup matches Slack's <…> references: people, channels, links.
var slackMarkup = regexp.MustCompile(`<([@#!])?([^|>]+)(?:\|([^>]*))?>`)

// readable turns a message's markup into plain text with names: never a
// raw Slack id on the timeline.
func (b *Bot) readable(ctx context.Context, text string) string {
	lookups := 0
	out := slackMarkup.ReplaceAllStringFunc(text, func(ref string) string {
		m := slackMarkup.FindStringSubmatch(ref)
		switch {
		case m[1] == "@" && lookups < 20:
			lookups++
			return "@" + b.nameOf(ctx, m[2])
		case m[3] != "":
			return strings.TrimPrefix(m[3], "#")
		case m[1] == "":
			return m[2]
		}
		return ""
	})
	return strings.NewReplacer("&lt;", "<", "&gt;", ">", "&amp;", "&").Replace(out)
}

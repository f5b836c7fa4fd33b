package chat

import (
	"firebreak/internal/apperr"
	"firebreak/models"
)

// Settings is what admins may read of the bot's settings: never its
// token or signing secret.
type Settings struct {
	Enabled bool
	// AnnounceChannel is where every public incident's headline goes too.
	AnnounceChannel *string
	// UnknownRole is the role of Slack members Firebreak does not know yet
	// (nil: they are refused).
	UnknownRole *models.UserRole
	// PinReaction is the emoji that pins a message to the timeline.
	PinReaction *string
}

// Settings returns the bot's settings for an admin; a nil bot (no
// FIREBREAK_SLACK_BOT_TOKEN) is off.
func (b *Bot) Settings(actor *models.User) (Settings, error) {
	if !actor.IsAdmin() {
		return Settings{}, apperr.New(apperr.Forbidden, "only admins read the Slack settings")
	}
	if b == nil {
		return Settings{}, nil
	}
	s := Settings{Enabled: true}
	if b.cfg.AnnounceChannel != "" {
		s.AnnounceChannel = &b.cfg.AnnounceChannel
	}
	if b.cfg.UnknownRole != "" {
		s.UnknownRole = &b.cfg.UnknownRole
	}
	if b.cfg.PinReaction != "" {
		s.PinReaction = &b.cfg.PinReaction
	}
	return s, nil
}

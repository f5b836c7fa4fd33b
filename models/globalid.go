package models

import (
	"encoding/base64"
	"strconv"
	"strings"
)

// GlobalID is the opaque id the API gives a row of type typ:
// base64url("Incident:42"). It is stable: clients store it.
func GlobalID(typ string, id int64) string {
	return base64.RawURLEncoding.EncodeToString([]byte(typ + ":" + strconv.FormatInt(id, 10)))
}

// ParseGlobalID reads a global id back into its type name and row id; ok is
// false for anything GlobalID cannot have made.
func ParseGlobalID(gid string) (typ string, id int64, ok bool) {
	raw, err := base64.RawURLEncoding.DecodeString(gid)
	if err != nil {
		return "", 0, false
	}
	typ, num, found := strings.Cut(string(raw), ":")
	id, err = strconv.ParseInt(num, 10, 64)
	if !found || err != nil || id <= 0 {
		return "", 0, false
	}
	return typ, id, true
}

// The API's names of the types that have global ids.
const (
	TypeIncident                   = "Incident"
	TypeIncidentUpdate             = "IncidentUpdate"
	TypeTimelineEvent              = "TimelineEvent"
	TypeSeverity                   = "Severity"
	TypeProduct                    = "Product"
	TypeUser                       = "User"
	TypeNotification               = "Notification"
	TypeNotificationEndpoint       = "NotificationEndpoint"
	TypeDelivery                   = "Delivery"
	TypeRetrospective              = "Retrospective"
	TypeActionItem                 = "ActionItem"
	TypeContributingFactorCategory = "ContributingFactorCategory"
	TypeAPIKey                     = "ApiKey"
	TypeAuditEntry                 = "AuditEntry"
	TypeMaintenance                = "Maintenance"
	TypeStatusSubscriber           = "StatusSubscriber"
	TypeAlertSource                = "AlertSource"
	TypeAlertRoute                 = "AlertRoute"
	TypeAlertGroup                 = "AlertGroup"
)

// GlobalID is the APIKey's id in the API.
func (k *APIKey) GlobalID() string { return GlobalID(TypeAPIKey, k.ID) }

// GlobalID is the Incident's id in the API.
func (i *Incident) GlobalID() string { return GlobalID(TypeIncident, i.ID) }

// GlobalID is the IncidentUpdate's id in the API.
func (i *IncidentUpdate) GlobalID() string { return GlobalID(TypeIncidentUpdate, i.ID) }

// GlobalID is the TimelineEvent's id in the API.
func (t *TimelineEvent) GlobalID() string { return GlobalID(TypeTimelineEvent, t.ID) }

// GlobalID is the Severity's id in the API.
func (s *Severity) GlobalID() string { return GlobalID(TypeSeverity, s.ID) }

// GlobalID is the Product's id in the API.
func (p *Product) GlobalID() string { return GlobalID(TypeProduct, p.ID) }

// GlobalID is the User's id in the API.
func (u *User) GlobalID() string { return GlobalID(TypeUser, u.ID) }

// GlobalID is the Notification's id in the API.
func (n *Notification) GlobalID() string { return GlobalID(TypeNotification, n.ID) }

// GlobalID is the NotificationEndpoint's id in the API.
func (n *NotificationEndpoint) GlobalID() string { return GlobalID(TypeNotificationEndpoint, n.ID) }

// GlobalID is the Delivery's id in the API.
func (d *Delivery) GlobalID() string { return GlobalID(TypeDelivery, d.ID) }

// GlobalID is the Retrospective's id in the API.
func (r *Retrospective) GlobalID() string { return GlobalID(TypeRetrospective, r.ID) }

// GlobalID is the ActionItem's id in the API.
func (a *ActionItem) GlobalID() string { return GlobalID(TypeActionItem, a.ID) }

// GlobalID is the ContributingFactorCategory's id in the API.
func (c *ContributingFactorCategory) GlobalID() string {
	return GlobalID(TypeContributingFactorCategory, c.ID)
}

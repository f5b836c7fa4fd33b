package graph

import (
	"context"
	"reflect"
	"strings"
	"time"

	"github.com/99designs/gqlgen/graphql"

	"firebreak/internal/apperr"
)

// Bounds of every date and time a client sends (docs/operations.md): far
// outside them a value is a mistake or an attack, skews metrics, and some
// (year 0) cannot be stored at all.
var (
	EarliestTime = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	LatestTime   = time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC)
)

// checkArguments runs before every resolver that takes arguments and refuses
// text with NUL or control characters (terminal escapes, which end up in
// logs, chat and Markdown) and times outside the bounds, naming the field.
// One rule for every argument of every field, so no new field can forget it.
func checkArguments(ctx context.Context) error {
	if fc := graphql.GetFieldContext(ctx); fc != nil && len(fc.Args) > 0 {
		for name, value := range fc.Args {
			if err := checkValue(name, reflect.ValueOf(value)); err != nil {
				return err
			}
		}
	}
	return nil
}

var timeType = reflect.TypeOf(time.Time{})

func checkValue(field string, v reflect.Value) error {
	switch v.Kind() {
	case reflect.Invalid:
		return nil
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return nil
		}
		return checkValue(field, v.Elem())
	case reflect.String:
		return checkText(field, v.String())
	case reflect.Slice, reflect.Array:
		for i := 0; i < v.Len(); i++ {
			if err := checkValue(field, v.Index(i)); err != nil {
				return err
			}
		}
	case reflect.Map:
		iter := v.MapRange()
		for iter.Next() {
			name := field
			if iter.Key().Kind() == reflect.String {
				name = iter.Key().String()
			}
			if err := checkValue(name, iter.Value()); err != nil {
				return err
			}
		}
	case reflect.Struct:
		if v.Type() == timeType {
			if !v.CanInterface() {
				return nil
			}
			return checkTime(field, v.Interface().(time.Time))
		}
		t := v.Type()
		for i := 0; i < v.NumField(); i++ {
			if !t.Field(i).IsExported() {
				continue
			}
			if err := checkValue(jsonName(t.Field(i)), v.Field(i)); err != nil {
				return err
			}
		}
	}
	return nil
}

func jsonName(f reflect.StructField) string {
	if name, _, _ := strings.Cut(f.Tag.Get("json"), ","); name != "" && name != "-" {
		return name
	}
	return f.Name
}

// checkText allows tabs and line breaks, and refuses the other C0 and C1
// control characters (NUL and ESC among them) and DEL.
func checkText(field, s string) error {
	for _, r := range s {
		if r == '\t' || r == '\n' || r == '\r' {
			continue
		}
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f) {
			if r == 0 {
				return apperr.BadInput(field, "%s must not contain NUL characters", field)
			}
			return apperr.BadInput(field, "%s must not contain control characters (U+%04X)", field, r)
		}
	}
	return nil
}

func checkTime(field string, t time.Time) error {
	if t.Before(EarliestTime) || !t.Before(LatestTime) {
		return apperr.BadInput(field, "%s must be between %s and %s", field,
			EarliestTime.Format(time.DateOnly), LatestTime.Format(time.DateOnly))
	}
	return nil
}

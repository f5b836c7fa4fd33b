package graph

import (
	"fmt"
	"strings"
	"testing"
)

func aliasesOf(n int, field string) string {
	var b strings.Builder
	b.WriteString("{")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, " a%d: %s", i, field)
	}
	return b.String() + " }"
}

func fanOut(levels int) string {
	var b strings.Builder
	b.WriteString("query { me { ...F0 } }\n")
	for i := 0; i < levels; i++ {
		fmt.Fprintf(&b, "fragment F%d on User { ...F%d ...F%d }\n", i, i+1, i+1)
	}
	fmt.Fprintf(&b, "fragment F%d on User { id }\n", levels)
	return b.String()
}

// BenchmarkHostileDocuments measures how long the API takes to refuse the
// documents of issue 11 (each took seconds to minutes, and up to 8.5 GB,
// before the limits). Figures in docs/benchmarks.md:
//
//	go test -run XXX -bench HostileDocuments -benchmem ./graph
func BenchmarkHostileDocuments(b *testing.B) {
	conflicting := strings.Builder{}
	conflicting.WriteString("{")
	for i := 0; i < 500; i++ {
		fmt.Fprintf(&conflicting, " x: incident(number: %d) { id }", i)
	}
	conflicting.WriteString(" }")
	for _, tc := range []struct{ name, query string }{
		{"fragment-fan-out-2^30", fanOut(30)},
		{"4000-aliases", aliasesOf(4000, "incident(number: 1) { id title }")},
		{"20000-fields", "{ me { " + strings.Repeat("id ", 20000) + "} }"},
		{"1500-fields", "{ me { " + strings.Repeat("id ", 1500) + "} }"},
		{"500-conflicting-aliases", conflicting.String()},
		{"150-fact-sheets", aliasesOf(150, "incident(number: 1) { factSheet }")},
		{"450-counts", aliasesOf(450, "actionItems(first: 1) { totalCount }")},
		{"1000-aliases-allowed", aliasesOf(499, "me { id }")},
	} {
		b.Run(tc.name, func(b *testing.B) {
			h := newFuzzHandler()
			t := &testing.T{}
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				// A comment makes every document new to the query cache, as
				// an attacker's would be.
				i++
				rec := post(t, h, fmt.Sprintf("%s\n# %d", tc.query, i))
				if refused := strings.Contains(rec.Body.String(), `"errors"`); refused == strings.HasSuffix(tc.name, "allowed") {
					b.Fatalf("%.200s", rec.Body.String())
				}
			}
		})
	}
}

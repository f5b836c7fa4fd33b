package redisconn

import (
	"strings"
	"testing"
)

func TestParseKnowsBothForms(t *testing.T) {
	single, err := Parse("redis://:secret@127.0.0.1:6380/3")
	if err != nil || single.single == nil || single.single.Addr != "127.0.0.1:6380" || single.single.DB != 3 || single.single.Password != "secret" {
		t.Fatalf("one server: %+v %v", single, err)
	}
	sentinel, err := Parse("redis://127.0.0.1:26379/2?master_name=mymaster&addr=127.0.0.1:26380&addr=127.0.0.1:26381&password=primary-secret")
	if err != nil || sentinel.failover == nil {
		t.Fatalf("Sentinel: %v", err)
	}
	fo := sentinel.failover
	if fo.MasterName != "mymaster" || fo.DB != 2 || fo.Password != "primary-secret" || len(fo.SentinelAddrs) != 3 {
		t.Fatalf("Sentinel options: %+v", fo)
	}
	if s := sentinel.String(); !strings.Contains(s, "mymaster") || strings.Contains(s, "secret") {
		t.Fatalf("String %q", s)
	}
	cluster, err := Parse("redis://127.0.0.1:7000?addr=127.0.0.1:7001&addr=127.0.0.1:7002")
	if err != nil || cluster.cluster == nil || len(cluster.cluster.Addrs) != 3 {
		t.Fatalf("Cluster: %+v %v", cluster, err)
	}
	for _, bad := range []string{"redis://h:1/0?master_name=", "redis://h:1/0?master_name=m&nonsense=1", "mysql://h/0", "redis://h:1/x"} {
		if _, err := Parse(bad); err == nil {
			t.Errorf("%s accepted", bad)
		}
	}
}

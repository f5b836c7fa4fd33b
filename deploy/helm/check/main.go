// Command check validates rendered Kubernetes manifests (helm template's
// output, on standard input) against the Kubernetes API's own Go types: each
// document must decode strictly — no unknown field, no value of the wrong
// type — into the type its apiVersion and kind name, and carry what the API
// server requires. It stands in for kubeconform, whose schemas are fetched
// from the internet; these types are the ones the API server is built from.
package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	appsv1 "k8s.io/api/apps/v1"
	autoscalingv2 "k8s.io/api/autoscaling/v2"
	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	policyv1 "k8s.io/api/policy/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"sigs.k8s.io/yaml"
)

// serviceMonitor is the part of the Prometheus Operator's ServiceMonitor
// the chart uses (its CRD is not in the core API types).
type serviceMonitor struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata"`
	Spec              struct {
		Selector  metav1.LabelSelector `json:"selector"`
		Endpoints []struct {
			Port     string `json:"port"`
			Path     string `json:"path,omitempty"`
			Interval string `json:"interval,omitempty"`
		} `json:"endpoints"`
	} `json:"spec"`
}

func newObject(apiVersion, kind string) (any, error) {
	switch apiVersion + "/" + kind {
	case "apps/v1/Deployment":
		return &appsv1.Deployment{}, nil
	case "v1/Service":
		return &corev1.Service{}, nil
	case "v1/Secret":
		return &corev1.Secret{}, nil
	case "policy/v1/PodDisruptionBudget":
		return &policyv1.PodDisruptionBudget{}, nil
	case "autoscaling/v2/HorizontalPodAutoscaler":
		return &autoscalingv2.HorizontalPodAutoscaler{}, nil
	case "batch/v1/Job":
		return &batchv1.Job{}, nil
	case "monitoring.coreos.com/v1/ServiceMonitor":
		return &serviceMonitor{}, nil
	}
	return nil, fmt.Errorf("unknown apiVersion/kind %s %s", apiVersion, kind)
}

func main() {
	docs, err := split(os.Stdin)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	failed, checked := 0, 0
	for _, doc := range docs {
		name, err := check(doc)
		if err != nil {
			fmt.Fprintf(os.Stderr, "%s: %v\n", name, err)
			failed++
			continue
		}
		checked++
	}
	fmt.Printf("%d manifests valid, %d invalid\n", checked, failed)
	if failed > 0 || checked == 0 {
		os.Exit(1)
	}
}

// split cuts a YAML stream into its documents, skipping empty ones.
func split(r io.Reader) ([][]byte, error) {
	var docs [][]byte
	var cur bytes.Buffer
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	flush := func() {
		if strings.TrimSpace(stripComments(cur.String())) != "" {
			docs = append(docs, append([]byte(nil), cur.Bytes()...))
		}
		cur.Reset()
	}
	for sc.Scan() {
		if strings.TrimRight(sc.Text(), " ") == "---" {
			flush()
			continue
		}
		cur.WriteString(sc.Text() + "\n")
	}
	flush()
	return docs, sc.Err()
}

func stripComments(s string) string {
	var out []string
	for _, line := range strings.Split(s, "\n") {
		if !strings.HasPrefix(strings.TrimSpace(line), "#") {
			out = append(out, line)
		}
	}
	return strings.Join(out, "\n")
}

func check(doc []byte) (string, error) {
	var meta metav1.PartialObjectMetadata
	if err := yaml.Unmarshal(doc, &meta); err != nil {
		return "?", err
	}
	name := meta.Kind + "/" + meta.Name
	if meta.APIVersion == "" || meta.Kind == "" || meta.Name == "" {
		return name, errors.New("apiVersion, kind and metadata.name are required")
	}
	obj, err := newObject(meta.APIVersion, meta.Kind)
	if err != nil {
		return name, err
	}
	if err := yaml.UnmarshalStrict(doc, obj); err != nil {
		return name, err
	}
	return name, required(obj)
}

// required checks what the API server would refuse without.
func required(obj any) error {
	switch o := obj.(type) {
	case *appsv1.Deployment:
		return podSpec(o.Spec.Selector, o.Spec.Template)
	case *batchv1.Job:
		if p := o.Spec.Template.Spec.RestartPolicy; p != corev1.RestartPolicyNever && p != corev1.RestartPolicyOnFailure {
			return errors.New("a Job's restartPolicy must be Never or OnFailure")
		}
		return containers(o.Spec.Template.Spec)
	case *corev1.Service:
		if len(o.Spec.Ports) == 0 {
			return errors.New("a Service needs ports")
		}
	case *policyv1.PodDisruptionBudget:
		if o.Spec.Selector == nil || (o.Spec.MinAvailable == nil) == (o.Spec.MaxUnavailable == nil) {
			return errors.New("a PodDisruptionBudget needs a selector and one of minAvailable, maxUnavailable")
		}
	case *autoscalingv2.HorizontalPodAutoscaler:
		if o.Spec.ScaleTargetRef.Name == "" || o.Spec.MaxReplicas < 1 || (o.Spec.MinReplicas != nil && *o.Spec.MinReplicas > o.Spec.MaxReplicas) {
			return errors.New("an HPA needs a target and 1 ≤ minReplicas ≤ maxReplicas")
		}
	case *serviceMonitor:
		if len(o.Spec.Endpoints) == 0 {
			return errors.New("a ServiceMonitor needs endpoints")
		}
	}
	return nil
}

func podSpec(selector *metav1.LabelSelector, tpl corev1.PodTemplateSpec) error {
	if selector == nil || len(selector.MatchLabels) == 0 {
		return errors.New("spec.selector.matchLabels is required")
	}
	for k, v := range selector.MatchLabels {
		if tpl.Labels[k] != v {
			return fmt.Errorf("the selector's %s=%s does not match the pod template's labels", k, v)
		}
	}
	return containers(tpl.Spec)
}

func containers(spec corev1.PodSpec) error {
	if len(spec.Containers) == 0 {
		return errors.New("a pod needs containers")
	}
	for _, c := range spec.Containers {
		if c.Name == "" || c.Image == "" {
			return errors.New("every container needs a name and an image")
		}
		ports := map[string]bool{}
		for _, p := range c.Ports {
			ports[p.Name] = true
		}
		for _, probe := range []*corev1.Probe{c.ReadinessProbe, c.LivenessProbe} {
			if probe != nil && probe.HTTPGet != nil && probe.HTTPGet.Port.StrVal != "" && !ports[probe.HTTPGet.Port.StrVal] {
				return fmt.Errorf("container %s probes port %q, which it does not declare", c.Name, probe.HTTPGet.Port.StrVal)
			}
		}
		for _, e := range c.Env {
			if e.Name == "" || (e.Value != "" && e.ValueFrom != nil) {
				return fmt.Errorf("container %s: env entries need a name and one of value, valueFrom", c.Name)
			}
		}
	}
	return nil
}

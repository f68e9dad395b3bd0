package main

// The benchIndex op: Felix's own label index built on a whole generated cluster, timed inside this process, so that
// Palisade's match index build can be set beside it (docs/performance.md, "index build beside Felix"). Felix matches
// rule selectors to endpoints in labelindex.SelectorAndNamedPortIndex (label-restriction pruning, the structure
// Palisade's index follows) and policy selectors to endpoints in labelindex.InheritIndex (every selector against
// every endpoint).

import (
	"fmt"
	"net"

	log "github.com/sirupsen/logrus"

	"github.com/projectcalico/calico/felix/ip"
	"github.com/projectcalico/calico/felix/labelindex"
	"github.com/projectcalico/calico/felix/labelindex/ipsetmember"
	"github.com/projectcalico/calico/lib/std/uniquelabels"
	"github.com/projectcalico/calico/libcalico-go/lib/selector"
)

// benchItem is an endpoint or network set: its own labels and its label parents (profiles), in precedence order.
type benchItem struct {
	ID      string            `json:"id"`
	Labels  map[string]string `json:"labels"`
	Parents []string          `json:"parents"`
}

// benchIndex builds the index named by req.Index from req.Parents, req.Items and req.Selectors in that order (as
// Palisade's indexCluster loads a cluster), timing selector.Parse, label interning and the index's own work. PerPass
// is the number of selector-item matches found, which must equal Palisade's.
func benchIndex(req request) response {
	if len(req.Items) == 0 || len(req.Selectors) == 0 {
		return benchAnswer(nil, fmt.Errorf("benchIndex needs items (endpoints and network sets) and selectors"))
	}
	build, ok := indexBuilders[req.Index]
	if !ok {
		return benchAnswer(nil, fmt.Errorf(`benchIndex needs index: "SelectorAndNamedPortIndex" or "InheritIndex" (got %q)`, req.Index))
	}
	// Felix logs every selector added at Info; that is not the index's work.
	level := log.GetLevel()
	log.SetLevel(log.WarnLevel)
	defer log.SetLevel(level)
	cpu0, err := cpuSeconds()
	if err != nil {
		return benchAnswer(nil, err)
	}
	matches, err := build(req)
	if err != nil {
		return benchAnswer(nil, err)
	}
	cpu1, err := cpuSeconds()
	if err != nil {
		return benchAnswer(nil, err)
	}
	cpu := cpu1 - cpu0
	r := &benchResult{Ops: 1, Passes: 1, CPUSeconds: cpu, PerPass: matches}
	if cpu > 0 {
		r.OpsPerCPUSecond = 1 / cpu
	}
	return benchAnswer(r, nil)
}

var indexBuilders = map[string]func(request) (int64, error){
	"SelectorAndNamedPortIndex": buildNamedPortIndex,
	"InheritIndex":              buildInheritIndex,
}

func parseAll(sources []string) ([]*selector.Selector, error) {
	out := make([]*selector.Selector, len(sources))
	for i, s := range sources {
		sel, err := selector.Parse(s)
		if err != nil {
			return nil, fmt.Errorf("selectors[%d] %q: %v", i, s, err)
		}
		out[i] = sel
	}
	return out, nil
}

// buildNamedPortIndex gives every item one address of its own (10.0.0.0/8 by item number), so that each
// selector-item match is exactly one IP set member.
func buildNamedPortIndex(req request) (int64, error) {
	var matches int64
	idx := labelindex.NewSelectorAndNamedPortIndex(false)
	idx.OnMemberAdded = func(string, ipsetmember.IPSetMember) { matches++ }
	for id, labels := range req.Parents {
		idx.UpdateParentLabels(id, labels)
	}
	for i, item := range req.Items {
		addr := net.IPv4(10, byte(i>>16), byte(i>>8), byte(i)).To4()
		cidr := ip.FromNetIP(addr).AsCIDR()
		idx.UpdateEndpointOrSet(item.ID, uniquelabels.Make(item.Labels), []ip.CIDR{cidr}, nil, item.Parents)
	}
	sels, err := parseAll(req.Selectors)
	if err != nil {
		return 0, err
	}
	for i, sel := range sels {
		idx.UpdateIPSet(req.Selectors[i], sel, ipsetmember.ProtocolNone, "")
	}
	return matches, nil
}

func buildInheritIndex(req request) (int64, error) {
	var matches int64
	idx := labelindex.NewInheritIndex(func(_, _ any) { matches++ }, func(_, _ any) { matches-- })
	for id, labels := range req.Parents {
		idx.UpdateParentLabels(id, labels)
	}
	for _, item := range req.Items {
		idx.UpdateLabels(item.ID, uniquelabels.Make(item.Labels), item.Parents)
	}
	sels, err := parseAll(req.Selectors)
	if err != nil {
		return 0, err
	}
	for i, sel := range sels {
		idx.UpdateSelector(req.Selectors[i], sel)
	}
	return matches, nil
}

package main

// Benchmark ops: Calico's own selector code timed inside this process, so that Palisade's benchmark can set its
// figures beside upstream's on the same selectors and label maps (docs/performance.md, "calico-core"). Each op runs
// its loop for the requested time and reports operations per CPU second of the process (getrusage: user + system,
// every thread, so the garbage collector counts as it does for Node's process.cpuUsage) and per wall second.

import (
	"fmt"
	"syscall"
	"time"

	"github.com/projectcalico/calico/lib/std/uniquelabels"
	"github.com/projectcalico/calico/libcalico-go/lib/selector"
)

// maxBenchMS bounds one benchmark request, so a typo cannot hold the pipe for hours.
const maxBenchMS = 60_000

type benchResult struct {
	// Operations done in the timed loop: parses, or evaluations (one selector against one label map).
	Ops int64 `json:"ops"`
	// Full passes over the input (every selector, or every selector × its label maps).
	Passes           int64   `json:"passes"`
	CPUSeconds       float64 `json:"cpuSeconds"`
	WallSeconds      float64 `json:"wallSeconds"`
	OpsPerCPUSecond  float64 `json:"opsPerCpuSecond"`
	OpsPerWallSecond float64 `json:"opsPerWallSecond"`
	// What one pass computed, identical in every pass: selectors parsed (benchParse), the total length of
	// String() + UniqueID() (benchCanonical), or matches (benchEval). Returning it keeps the loop's work observable.
	PerPass int64 `json:"perPass"`
}

// benchSink holds the last parsed selector, so the parse loop's result escapes.
var benchSink *selector.Selector

func cpuSeconds() (float64, error) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, err
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()).Seconds(), nil
}

// timeLoop runs pass (one untimed pass first) until budget has passed; every pass must return the same value.
func timeLoop(budget time.Duration, opsPerPass int64, pass func() int64) (*benchResult, error) {
	want := pass()
	cpu0, err := cpuSeconds()
	if err != nil {
		return nil, fmt.Errorf("getrusage: %w", err)
	}
	start := time.Now()
	var passes int64
	for passes == 0 || time.Since(start) < budget {
		if got := pass(); got != want {
			return nil, fmt.Errorf("pass %d computed %d, the first pass %d", passes+1, got, want)
		}
		passes++
	}
	wall := time.Since(start).Seconds()
	cpu1, err := cpuSeconds()
	if err != nil {
		return nil, fmt.Errorf("getrusage: %w", err)
	}
	cpu := cpu1 - cpu0
	ops := passes * opsPerPass
	r := &benchResult{Ops: ops, Passes: passes, CPUSeconds: cpu, WallSeconds: wall, PerPass: want}
	if cpu > 0 {
		r.OpsPerCPUSecond = float64(ops) / cpu
	}
	if wall > 0 {
		r.OpsPerWallSecond = float64(ops) / wall
	}
	return r, nil
}

// benchInput checks a benchmark request's common fields and parses every selector once; an invalid one is
// reported by its index.
func benchInput(req request) ([]*selector.Selector, time.Duration, error) {
	if len(req.Selectors) == 0 {
		return nil, 0, fmt.Errorf("%s needs selectors: a non-empty list of selector strings", req.Op)
	}
	if req.MS <= 0 || req.MS > maxBenchMS {
		return nil, 0, fmt.Errorf("%s needs ms: the loop's duration in milliseconds, 1 to %d (got %v)", req.Op, maxBenchMS, req.MS)
	}
	parsed := make([]*selector.Selector, len(req.Selectors))
	for i, s := range req.Selectors {
		sel, err := selector.Parse(s)
		if err != nil {
			return nil, 0, fmt.Errorf("selectors[%d] %q: %v", i, s, err)
		}
		parsed[i] = sel
	}
	return parsed, time.Duration(req.MS * float64(time.Millisecond)), nil
}

func benchAnswer(r *benchResult, err error) response {
	if err != nil {
		return response{OK: boolp(false), Error: err.Error()}
	}
	return response{OK: boolp(true), Bench: r}
}

// benchParsing times selector.Parse over the selectors, handing each result to use, whose sum is the pass's value.
func benchParsing(req request, use func(*selector.Selector) int64) response {
	_, budget, err := benchInput(req)
	if err != nil {
		return benchAnswer(nil, err)
	}
	sources := req.Selectors
	return benchAnswer(timeLoop(budget, int64(len(sources)), func() int64 {
		var n int64
		for _, s := range sources {
			if sel, err := selector.Parse(s); err == nil {
				n += use(sel)
			}
		}
		return n
	}))
}

// benchParse times selector.Parse alone; it counts the selectors parsed. Calico's Parse also computes String(),
// UniqueID() and the label restrictions (Selector.updateFields), eagerly.
func benchParse(req request) response {
	return benchParsing(req, func(sel *selector.Selector) int64 {
		benchSink = sel
		return 1
	})
}

// benchCanonical times selector.Parse followed by String() and UniqueID(), Palisade's "parse + canonical + uniqueId";
// it sums their lengths.
func benchCanonical(req request) response {
	return benchParsing(req, func(sel *selector.Selector) int64 {
		return int64(len(sel.String()) + len(sel.UniqueID()))
	})
}

// benchEval times evaluation of every selector against its own label maps (labelMaps[i] for selectors[i]), through
// the API named by req.API: "Evaluate" takes a map[string]string and interns its values per lookup (the upstream
// doc calls it slow); "EvaluateLabels" takes labels interned once up front (uniquelabels.Map), as Felix does.
func benchEval(req request) response {
	sels, budget, err := benchInput(req)
	if err != nil {
		return benchAnswer(nil, err)
	}
	if len(req.LabelMaps) != len(sels) {
		return benchAnswer(nil, fmt.Errorf("benchEval needs labelMaps: one list of label maps per selector (%d selectors, %d lists)", len(sels), len(req.LabelMaps)))
	}
	var pairs int64
	for _, maps := range req.LabelMaps {
		pairs += int64(len(maps))
	}
	if pairs == 0 {
		return benchAnswer(nil, fmt.Errorf("benchEval needs labelMaps: at least one label map in all"))
	}
	switch req.API {
	case "Evaluate":
		return benchAnswer(timeLoop(budget, pairs, func() int64 {
			var n int64
			for i, sel := range sels {
				for _, labels := range req.LabelMaps[i] {
					if sel.Evaluate(labels) {
						n++
					}
				}
			}
			return n
		}))
	case "EvaluateLabels":
		interned := make([][]uniquelabels.Map, len(req.LabelMaps))
		for i, maps := range req.LabelMaps {
			interned[i] = make([]uniquelabels.Map, len(maps))
			for j, labels := range maps {
				interned[i][j] = uniquelabels.Make(labels)
			}
		}
		return benchAnswer(timeLoop(budget, pairs, func() int64 {
			var n int64
			for i, sel := range sels {
				for _, labels := range interned[i] {
					if sel.EvaluateLabels(labels) {
						n++
					}
				}
			}
			return n
		}))
	}
	return benchAnswer(nil, fmt.Errorf(`benchEval needs api: "Evaluate" or "EvaluateLabels" (got %q)`, req.API))
}

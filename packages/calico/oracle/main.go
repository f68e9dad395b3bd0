// Command calico-oracle answers selector and validation questions with Calico's
// own Go libraries, one JSON request per stdin line, one JSON response per
// stdout line (same order). It is a test-tier tool for Palisade's differential
// tests; see README.md beside this file.
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	api "github.com/projectcalico/api/pkg/apis/projectcalico/v3"
	"github.com/projectcalico/api/pkg/lib/numorstring"
	cerrors "github.com/projectcalico/calico/libcalico-go/lib/errors"
	"github.com/projectcalico/calico/libcalico-go/lib/selector"
	validator "github.com/projectcalico/calico/libcalico-go/lib/validator/v3"
	"k8s.io/apimachinery/pkg/runtime"
	utiljson "k8s.io/apimachinery/pkg/util/json"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

type request struct {
	Op       string            `json:"op"`
	Selector *string           `json:"selector,omitempty"`
	Labels   map[string]string `json:"labels,omitempty"`
	Object   json.RawMessage   `json:"object,omitempty"`
	Fragment string            `json:"fragment,omitempty"`
	// CRD asks validateFragment to also apply the CRD sub-schema at the fragment's place in its resource.
	CRD bool `json:"crd,omitempty"`
	// Benchmark ops (bench.go): the selectors, benchEval's label maps (one list per selector), the evaluation API
	// and the loop's duration.
	Selectors []string              `json:"selectors,omitempty"`
	LabelMaps [][]map[string]string `json:"labelMaps,omitempty"`
	API       string                `json:"api,omitempty"`
	MS        float64               `json:"ms,omitempty"`
	// benchIndex (bench_index.go): the items, their label parents' labels and which of Felix's indexes to build.
	Items   []benchItem                  `json:"items,omitempty"`
	Parents map[string]map[string]string `json:"parents,omitempty"`
	Index   string                       `json:"index,omitempty"`
}

type fieldError struct {
	Field   string `json:"field"`
	Reason  string `json:"reason"`
	Message string `json:"message"`
}

type response struct {
	// Selector answers.
	OK       *bool  `json:"ok,omitempty"`
	Match    *bool  `json:"match,omitempty"`
	Error    string `json:"error,omitempty"`
	Canon    string `json:"canonical,omitempty"`
	UniqueID string `json:"uniqueId,omitempty"`
	// Selector.LabelRestrictions(): per label, what a match needs (absent when there is no restriction).
	LabelRestrictions map[string]labelRestriction `json:"labelRestrictions,omitempty"`
	// Set when selector.Parse and selector.Validate disagree about validity.
	ValidateDisagrees string `json:"validateDisagrees,omitempty"`
	// Validation answers.
	Valid  *bool        `json:"valid,omitempty"`
	Errors []fieldError `json:"errors,omitempty"`
	// Answer to the version op: the calico module version the binary was built from.
	Version string `json:"version,omitempty"`
	// Answer to the version op: how many kinds have a CRD layer.
	CRDKinds int `json:"crdKinds,omitempty"`
	// Answer to the version op: the Calico release that version is (from go.mod's comment).
	Release string `json:"release,omitempty"`
	// Answer to the benchmark ops.
	Bench *benchResult `json:"bench,omitempty"`
	// Answer to convertAdmin: the GlobalNetworkPolicy Calico converts the object into.
	Converted json.RawMessage `json:"converted,omitempty"`
	// Protocol-level failures (bad request line, unknown op).
	ProtocolError string `json:"protocolError,omitempty"`
}

func boolp(b bool) *bool { return &b }

// decoder strictly decodes one JSON object into a fresh value of a fixed Go type.
type decoder func(raw []byte) (any, error)

// valueOf decodes into a T and hands on the value itself, as upstream's tables validate sub-objects
// (validator.Validate(api.Rule{...})).
func valueOf[T any]() decoder {
	return func(raw []byte) (any, error) {
		var v T
		err := strictDecode(raw, &v)
		return v, err
	}
}

// pointerTo decodes into a T and hands on a pointer, as Calico's clients validate whole resources.
func pointerTo[T any]() decoder {
	return func(raw []byte) (any, error) {
		v := new(T)
		err := strictDecode(raw, v)
		return v, err
	}
}

// Whole resources the oracle decodes, by kind.
var resources = map[string]decoder{
	api.KindGlobalNetworkPolicy:           pointerTo[api.GlobalNetworkPolicy](),
	api.KindNetworkPolicy:                 pointerTo[api.NetworkPolicy](),
	api.KindStagedGlobalNetworkPolicy:     pointerTo[api.StagedGlobalNetworkPolicy](),
	api.KindStagedNetworkPolicy:           pointerTo[api.StagedNetworkPolicy](),
	api.KindStagedKubernetesNetworkPolicy: pointerTo[api.StagedKubernetesNetworkPolicy](),
	api.KindHostEndpoint:                  pointerTo[api.HostEndpoint](),
	api.KindGlobalNetworkSet:              pointerTo[api.GlobalNetworkSet](),
	api.KindNetworkSet:                    pointerTo[api.NetworkSet](),
	api.KindTier:                          pointerTo[api.Tier](),
}

// Sub-objects the oracle decodes, by Go type name.
var fragments = map[string]decoder{
	"Rule":                    valueOf[api.Rule](),
	"EntityRule":              valueOf[api.EntityRule](),
	"ICMPFields":              valueOf[api.ICMPFields](),
	"HTTPMatch":               valueOf[api.HTTPMatch](),
	"ServiceAccountMatch":     valueOf[api.ServiceAccountMatch](),
	"ServiceMatch":            valueOf[api.ServiceMatch](),
	"Protocol":                valueOf[numorstring.Protocol](),
	"Port":                    valueOf[numorstring.Port](),
	"EndpointPort":            valueOf[api.EndpointPort](),
	"HostEndpointSpec":        valueOf[api.HostEndpointSpec](),
	"GlobalNetworkSetSpec":    valueOf[api.GlobalNetworkSetSpec](),
	"NetworkSetSpec":          valueOf[api.NetworkSetSpec](),
	"GlobalNetworkPolicySpec": valueOf[api.GlobalNetworkPolicySpec](),
	"NetworkPolicySpec":       valueOf[api.NetworkPolicySpec](),
	"TierSpec":                valueOf[api.TierSpec](),
}

// strictDecode is the JSON half of the strict decoding calicoctl applies
// (go-yaml-wrapper UnmarshalStrict: a json.Decoder with DisallowUnknownFields).
func strictDecode(raw []byte, into any) error {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(into); err != nil {
		return err
	}
	if dec.More() {
		return errors.New("trailing data after object")
	}
	return nil
}

func decodeError(err error) fieldError {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return fieldError{Field: te.Field, Reason: "decode", Message: err.Error()}
	}
	msg := err.Error()
	if strings.HasPrefix(msg, "json: unknown field ") {
		field := strings.Trim(strings.TrimPrefix(msg, "json: unknown field "), `"`)
		return fieldError{Field: field, Reason: "unknown field", Message: msg}
	}
	return fieldError{Field: "", Reason: "decode", Message: msg}
}

func validateValue(v any) (resp response) {
	defer func() {
		if r := recover(); r != nil {
			resp = response{Valid: boolp(false), Errors: []fieldError{{Reason: "panic", Message: fmt.Sprint(r)}}}
		}
	}()
	err := validator.Validate(v)
	if err == nil {
		return response{Valid: boolp(true), Errors: []fieldError{}}
	}
	var ve cerrors.ErrorValidation
	if errors.As(err, &ve) {
		out := make([]fieldError, 0, len(ve.ErroredFields))
		for _, f := range ve.ErroredFields {
			out = append(out, fieldError{Field: f.Name, Reason: f.Reason, Message: f.String()})
		}
		return response{Valid: boolp(false), Errors: out}
	}
	return response{Valid: boolp(false), Errors: []fieldError{{Reason: "error", Message: err.Error()}}}
}

func handle(req request) response {
	switch req.Op {
	case "parse":
		if req.Selector == nil {
			return response{ProtocolError: "parse needs selector"}
		}
		return parse(*req.Selector)
	case "eval":
		if req.Selector == nil {
			return response{ProtocolError: "eval needs selector"}
		}
		sel, err := selector.Parse(*req.Selector)
		if err != nil {
			return response{OK: boolp(false), Error: err.Error()}
		}
		labels := req.Labels
		if labels == nil {
			labels = map[string]string{}
		}
		return response{OK: boolp(true), Match: boolp(sel.Evaluate(labels))}
	case "validate":
		var head struct {
			Kind string `json:"kind"`
		}
		if err := json.Unmarshal(req.Object, &head); err != nil {
			return response{Valid: boolp(false), Errors: []fieldError{decodeError(err)}}
		}
		decode, ok := resources[head.Kind]
		if !ok {
			return response{Valid: boolp(false), Errors: []fieldError{{Field: "kind", Reason: "unsupported kind", Message: fmt.Sprintf("oracle does not handle kind %q", head.Kind)}}}
		}
		obj, err := decode(req.Object)
		if err != nil {
			return response{Valid: boolp(false), Errors: []fieldError{decodeError(err)}}
		}
		var crdErrs field.ErrorList
		if crd, ok := crds[head.Kind]; ok {
			// v3.32.1 checks the Go object as the API server would see it: converted to unstructured, the CRD's
			// defaults applied, then its schema and CEL rules; Calico's own rules then see the defaulted object.
			u, err := runtime.DefaultUnstructuredConverter.ToUnstructured(obj)
			if err != nil {
				return response{ProtocolError: "to unstructured: " + err.Error()}
			}
			crdErrs = crd.validate(u)
			if err := runtime.DefaultUnstructuredConverter.FromUnstructured(u, obj); err != nil {
				return response{ProtocolError: "from unstructured: " + err.Error()}
			}
		}
		resp := validateValue(obj)
		if len(crdErrs) > 0 {
			resp.Valid = boolp(false)
			resp.Errors = append(resp.Errors, crdFieldErrors(crdErrs)...)
		}
		return resp
	case "validateFragment":
		decode, ok := fragments[req.Fragment]
		if !ok {
			return response{ProtocolError: fmt.Sprintf("unknown fragment %q", req.Fragment)}
		}
		if !req.CRD {
			return decodeAndValidate(decode, req.Object)
		}
		if crds == nil {
			return response{ProtocolError: "crd checks need the oracle started with -crds"}
		}
		layer, err := crds.fragment(req.Fragment)
		if err != nil {
			return response{ProtocolError: err.Error()}
		}
		obj, err := decode(req.Object)
		if err != nil {
			return response{Valid: boolp(false), Errors: []fieldError{decodeError(err)}}
		}
		// As for resources, the CRD layer sees the decoded Go value as it marshals.
		marshalled, err := json.Marshal(obj)
		if err != nil {
			return response{ProtocolError: "re-encoding fragment: " + err.Error()}
		}
		var u any
		if err := utiljson.Unmarshal(marshalled, &u); err != nil {
			return response{ProtocolError: "re-decoding fragment: " + err.Error()}
		}
		resp := validateValue(obj)
		if errs := layer.validate(u); len(errs) > 0 {
			resp.Valid = boolp(false)
			resp.Errors = append(resp.Errors, crdFieldErrors(errs)...)
		}
		return resp
	case "version":
		return response{OK: boolp(true), Version: calicoVersion, Release: calicoRelease, CRDKinds: len(crds)}
	case "convertAdmin":
		return convertAdmin(req.Object)
	case "benchParse":
		return benchParse(req)
	case "benchCanonical":
		return benchCanonical(req)
	case "benchEval":
		return benchEval(req)
	case "benchIndex":
		return benchIndex(req)
	}
	return response{ProtocolError: fmt.Sprintf("unknown op %q", req.Op)}
}

func decodeAndValidate(decode decoder, raw []byte) response {
	obj, err := decode(raw)
	if err != nil {
		return response{Valid: boolp(false), Errors: []fieldError{decodeError(err)}}
	}
	return validateValue(obj)
}

// labelRestriction is parser.LabelRestriction with plain strings; a nil value list means "any value", an empty
// one "no value can match".
type labelRestriction struct {
	MustBePresent       bool     `json:"mustBePresent"`
	MustBeAbsent        bool     `json:"mustBeAbsent"`
	MustHaveOneOfValues []string `json:"mustHaveOneOfValues"`
}

func restrictionsOf(sel *selector.Selector) map[string]labelRestriction {
	lr := sel.LabelRestrictions()
	if len(lr) == 0 {
		return nil
	}
	out := make(map[string]labelRestriction, len(lr))
	for k, r := range lr {
		var values []string
		if r.MustHaveOneOfValues != nil {
			values = make([]string, 0, len(r.MustHaveOneOfValues))
			for _, v := range r.MustHaveOneOfValues {
				values = append(values, v.Value())
			}
		}
		out[k.Value()] = labelRestriction{MustBePresent: r.MustBePresent, MustBeAbsent: r.MustBeAbsent, MustHaveOneOfValues: values}
	}
	return out
}

func parse(s string) response {
	sel, perr := selector.Parse(s)
	verr := selector.Validate(s)
	var resp response
	if perr != nil {
		resp = response{OK: boolp(false), Error: perr.Error()}
	} else {
		resp = response{OK: boolp(true), Canon: sel.String(), UniqueID: sel.UniqueID(), LabelRestrictions: restrictionsOf(sel)}
	}
	if (perr == nil) != (verr == nil) {
		resp.ValidateDisagrees = fmt.Sprintf("Parse err=%v, Validate err=%v", perr, verr)
	}
	return resp
}

// safeHandle answers one request; a panic in Calico's code becomes that request's protocol error, so the process
// (and every request queued behind it) survives.
func safeHandle(req request) (resp response) {
	defer func() {
		if r := recover(); r != nil {
			resp = response{ProtocolError: fmt.Sprintf("panic while handling %s: %v", req.Op, r)}
		}
	}()
	return handle(req)
}

// crds holds the CRD layer, when the oracle was started with -crds DIR.
var crds crdValidators

// calicoVersion and calicoRelease are set at build time with -ldflags "-X main.calicoVersion=... -X
// main.calicoRelease=..." (build.sh reads them from go.mod).
var (
	calicoVersion = "unknown"
	calicoRelease = "unknown"
)

func main() {
	crdDir := flag.String("crds", "", "directory of projectcalico.org/v3 CRD YAML files whose schema and CEL rules whole resources must also pass")
	flag.Parse()
	if *crdDir != "" {
		loaded, err := loadCRDs(*crdDir)
		if err != nil {
			fmt.Fprintln(os.Stderr, "crds:", err)
			os.Exit(2)
		}
		crds = loaded
	}
	in := bufio.NewReaderSize(os.Stdin, 1<<20)
	out := bufio.NewWriterSize(os.Stdout, 1<<16)
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	for {
		line, err := in.ReadBytes('\n')
		if len(bytes.TrimSpace(line)) > 0 {
			var req request
			var resp response
			if derr := json.Unmarshal(line, &req); derr != nil {
				resp = response{ProtocolError: "bad request: " + derr.Error()}
			} else {
				resp = safeHandle(req)
			}
			if werr := enc.Encode(resp); werr != nil {
				fmt.Fprintln(os.Stderr, "write:", werr)
				os.Exit(1)
			}
			if ferr := out.Flush(); ferr != nil {
				fmt.Fprintln(os.Stderr, "flush:", ferr)
				os.Exit(1)
			}
		}
		if err == io.EOF {
			return
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "read:", err)
			os.Exit(1)
		}
	}
}

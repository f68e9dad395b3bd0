package main

// The CRD layer: what a Kubernetes API server serving the v3.32.1 projectcalico.org/v3 CRDs checks on create
// (apiextensions-apiserver's customResourceStrategy.Validate): schema defaults, the OpenAPI schema,
// x-kubernetes-list-type set/map invariants and the CEL x-kubernetes-validations. v3.32.1's validator.Validate
// applies these to whole resources; the v3.31.0 validator this oracle links does not, so the oracle runs them with
// Kubernetes' own code over the CRD files it is given (-crds DIR, normally shared/calico/crds/projectcalico.org-v3).

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	apiextensionsinternal "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions"
	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	structuralschema "k8s.io/apiextensions-apiserver/pkg/apiserver/schema"
	"k8s.io/apiextensions-apiserver/pkg/apiserver/schema/cel"
	structuraldefaulting "k8s.io/apiextensions-apiserver/pkg/apiserver/schema/defaulting"
	"k8s.io/apiextensions-apiserver/pkg/apiserver/schema/listtype"
	apiextensionsvalidation "k8s.io/apiextensions-apiserver/pkg/apiserver/validation"
	"k8s.io/apimachinery/pkg/util/validation/field"
	celconfig "k8s.io/apiserver/pkg/apis/cel"
	"sigs.k8s.io/yaml"
)

type crdValidator struct {
	props      *apiextensionsinternal.JSONSchemaProps
	structural *structuralschema.Structural
	schema     apiextensionsvalidation.SchemaValidator
	cel        *cel.Validator
}

// crdValidators maps a kind to the validator built from its CRD's projectcalico.org/v3 schema.
type crdValidators map[string]*crdValidator

func newCRDValidator(props *apiextensionsinternal.JSONSchemaProps, isResourceRoot bool) (*crdValidator, error) {
	ss, err := structuralschema.NewStructural(props)
	if err != nil {
		return nil, err
	}
	sv, _, err := apiextensionsvalidation.NewSchemaValidator(props)
	if err != nil {
		return nil, err
	}
	return &crdValidator{
		props:      props,
		structural: ss,
		schema:     sv,
		cel:        cel.NewValidator(ss, isResourceRoot, celconfig.PerCallLimit),
	}, nil
}

// fragmentSchemas says where each fragment sits in a CRD: the kind, then property names ("[]" = list items).
var fragmentSchemas = map[string][]string{
	"Rule":                 {"GlobalNetworkPolicy", "spec", "ingress", "[]"},
	"EntityRule":           {"GlobalNetworkPolicy", "spec", "ingress", "[]", "source"},
	"ICMPFields":           {"GlobalNetworkPolicy", "spec", "ingress", "[]", "icmp"},
	"HTTPMatch":            {"GlobalNetworkPolicy", "spec", "ingress", "[]", "http"},
	"Protocol":             {"GlobalNetworkPolicy", "spec", "ingress", "[]", "protocol"},
	"HostEndpointSpec":     {"HostEndpoint", "spec"},
	"GlobalNetworkSetSpec": {"GlobalNetworkSet", "spec"},
	"NetworkSetSpec":       {"NetworkSet", "spec"},
}

// fragmentLayers caches the sub-schema validators (building one compiles its CEL rules).
var fragmentLayers = map[string]*crdValidator{}

// fragment returns the CRD layer for a sub-object: the sub-schema at its place in its kind's CRD, so that a
// fragment is checked as it would be inside a resource.
func (v crdValidators) fragment(name string) (*crdValidator, error) {
	if layer, ok := fragmentLayers[name]; ok {
		return layer, nil
	}
	layer, err := v.buildFragment(name)
	if err != nil {
		return nil, err
	}
	fragmentLayers[name] = layer
	return layer, nil
}

func (v crdValidators) buildFragment(name string) (*crdValidator, error) {
	where, ok := fragmentSchemas[name]
	if !ok {
		return nil, fmt.Errorf("no CRD place known for fragment %q", name)
	}
	root, ok := v[where[0]]
	if !ok {
		return nil, fmt.Errorf("no CRD loaded for kind %q", where[0])
	}
	props := root.props
	for _, step := range where[1:] {
		if step == "[]" {
			if props.Items == nil || props.Items.Schema == nil {
				return nil, fmt.Errorf("%v: no list items at %q", where, step)
			}
			props = props.Items.Schema
			continue
		}
		next, ok := props.Properties[step]
		if !ok {
			return nil, fmt.Errorf("%v: no property %q", where, step)
		}
		props = &next
	}
	return newCRDValidator(props, false)
}

func loadCRDs(dir string) (crdValidators, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.yaml"))
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("no CRD files in %s", dir)
	}
	out := crdValidators{}
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		var crd apiextensionsv1.CustomResourceDefinition
		if err := yaml.UnmarshalStrict(raw, &crd); err != nil {
			return nil, fmt.Errorf("%s: %w", f, err)
		}
		for _, v := range crd.Spec.Versions {
			if v.Name != "v3" || v.Schema == nil || v.Schema.OpenAPIV3Schema == nil {
				continue
			}
			var internal apiextensionsinternal.JSONSchemaProps
			if err := apiextensionsv1.Convert_v1_JSONSchemaProps_To_apiextensions_JSONSchemaProps(v.Schema.OpenAPIV3Schema, &internal, nil); err != nil {
				return nil, fmt.Errorf("%s: %w", f, err)
			}
			cv, err := newCRDValidator(&internal, true)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", f, err)
			}
			out[crd.Spec.Names.Kind] = cv
		}
	}
	return out, nil
}

// validate runs the CRD checks on an unstructured value in the API server's order.
func (c *crdValidator) validate(obj any) field.ErrorList {
	structuraldefaulting.Default(obj, c.structural)
	var errs field.ErrorList
	errs = append(errs, apiextensionsvalidation.ValidateCustomResource(nil, obj, c.schema)...)
	if m, ok := obj.(map[string]any); ok {
		errs = append(errs, listtype.ValidateListSetsAndMaps(nil, c.structural, m)...)
	}
	// As the API server does (hasBlockingErr), CEL rules run only when no error makes them meaningless.
	blocking := false
	for _, e := range errs {
		switch e.Type {
		case field.ErrorTypeNotSupported, field.ErrorTypeRequired, field.ErrorTypeTooLong, field.ErrorTypeTooMany,
			field.ErrorTypeTypeInvalid:
			blocking = true
		}
	}
	if blocking {
		errs = append(errs, field.Invalid(nil, nil, "some validation rules were not checked because the object was invalid"))
	} else if c.cel != nil {
		celErrs, _ := c.cel.Validate(context.Background(), nil, c.structural, obj, nil, celconfig.RuntimeCELCostBudget)
		errs = append(errs, celErrs...)
	}
	return errs
}

func crdFieldErrors(errs field.ErrorList) []fieldError {
	out := make([]fieldError, 0, len(errs))
	for _, e := range errs {
		name := e.Field
		if name == "<nil>" {
			name = ""
		}
		out = append(out, fieldError{Field: name, Reason: "crd: " + string(e.Type), Message: e.Error()})
	}
	return out
}

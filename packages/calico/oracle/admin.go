package main

import (
	"encoding/json"
	"fmt"

	"github.com/projectcalico/calico/libcalico-go/lib/backend/k8s/conversion"
	adminpolicy "sigs.k8s.io/network-policy-api/apis/v1alpha1"
)

// convertAdmin runs Calico's own conversion of an AdminNetworkPolicy or BaselineAdminNetworkPolicy into the
// GlobalNetworkPolicy Felix evaluates (libcalico-go/lib/backend/k8s/conversion), for differential tests of
// Palisade's conversion. Rules Calico cannot convert come back as its conversion error beside the policy.
func convertAdmin(raw json.RawMessage) response {
	var head struct {
		Kind string `json:"kind"`
	}
	if err := json.Unmarshal(raw, &head); err != nil {
		return response{ProtocolError: "convertAdmin: " + err.Error()}
	}
	c := conversion.NewConverter()
	var converted any
	var convErr error
	switch head.Kind {
	case "AdminNetworkPolicy":
		var anp adminpolicy.AdminNetworkPolicy
		if err := strictDecode(raw, &anp); err != nil {
			return response{Valid: boolp(false), Errors: []fieldError{decodeError(err)}}
		}
		kvp, err := c.K8sAdminNetworkPolicyToCalico(&anp)
		convErr = err
		if kvp != nil {
			converted = kvp.Value
		}
	case "BaselineAdminNetworkPolicy":
		var banp adminpolicy.BaselineAdminNetworkPolicy
		if err := strictDecode(raw, &banp); err != nil {
			return response{Valid: boolp(false), Errors: []fieldError{decodeError(err)}}
		}
		kvp, err := c.K8sBaselineAdminNetworkPolicyToCalico(&banp)
		convErr = err
		if kvp != nil {
			converted = kvp.Value
		}
	default:
		return response{ProtocolError: fmt.Sprintf("convertAdmin: unsupported kind %q", head.Kind)}
	}
	out, err := json.Marshal(converted)
	if err != nil {
		return response{ProtocolError: "convertAdmin: " + err.Error()}
	}
	resp := response{OK: boolp(true), Converted: out}
	if convErr != nil {
		resp.Error = convErr.Error()
	}
	return resp
}

// Command kube-apiserver is upstream's API server command, built from the k8s.io/kubernetes module so the test
// tier runs the real admission, validation (CRD schemas and CEL rules) and RBAC code paths.
package main

import (
	"os"

	"k8s.io/component-base/cli"
	"k8s.io/kubernetes/cmd/kube-apiserver/app"
)

func main() {
	os.Exit(cli.Run(app.NewAPIServerCommand()))
}

// Command etcd is upstream etcd's server entry point, built from the module proxy so the test tier needs no
// prebuilt download.
package main

import (
	"os"

	"go.etcd.io/etcd/server/v3/etcdmain"
)

func main() {
	etcdmain.Main(os.Args)
}

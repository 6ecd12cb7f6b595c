// Command example-profile writes the example profiles of the Proflens site.
//
// With -scenario DIR it writes the leak scenario that "Try an example" opens
// (three heap snapshots and a goroutine dump, see scenario.go):
//
//	cd examples/example-profile && go build -trimpath -o /tmp/order-service . &&
//	    /tmp/order-service -scenario ../../www/public/example
//
// (built and run under that name because the profiles record the binary's path).
// Without it, it writes a small CPU profile (www/public/example.pb.gz):
//
//	cd examples/example-profile && go run -trimpath . -o ../../www/public/example.pb.gz
//
// It burns CPU in a few named functions, one of them small enough to be
// inlined into its caller, so the example shows inline frames, recursion and
// several packages' colours.
package main

import (
	"crypto/sha256"
	"flag"
	"fmt"
	"log"
	"os"
	"runtime/pprof"
	"sort"
	"strings"
	"time"
)

var sink uint64

// mix is tiny, so the compiler inlines it into checksum.
func mix(h, v uint64) uint64 { return (h ^ v) * 1099511628211 }

func checksum(data []byte) uint64 {
	h := uint64(14695981039346656037)
	for _, b := range data {
		h = mix(h, uint64(b))
	}
	return h
}

func hashRecords(n int) {
	buf := make([]byte, 4096)
	for i := 0; i < n; i++ {
		buf[i%len(buf)] = byte(i)
		sum := sha256.Sum256(buf)
		sink += uint64(sum[0])
	}
}

func sortRecords(n int) {
	keys := make([]string, n)
	for i := range keys {
		keys[i] = fmt.Sprintf("record-%08d", (i*7919)%n)
	}
	sort.Strings(keys)
	sink += uint64(len(strings.Join(keys[:10], ",")))
}

func fib(n int) int {
	if n < 2 {
		return n
	}
	return fib(n-1) + fib(n-2)
}

func handleRequest(i int) {
	data := make([]byte, 64<<10)
	for j := range data {
		data[j] = byte(i + j)
	}
	sink += checksum(data)
	if i%4 == 0 {
		hashRecords(25)
	}
	if i%8 == 0 {
		sortRecords(5000)
	}
	if i%16 == 0 {
		sink += uint64(fib(24))
	}
}

func serve(d time.Duration) {
	deadline := time.Now().Add(d)
	for i := 0; time.Now().Before(deadline); i++ {
		handleRequest(i)
	}
}

func main() {
	out := flag.String("o", "example.pb.gz", "output file")
	dur := flag.Duration("d", 1500*time.Millisecond, "how long to run")
	scenario := flag.String("scenario", "", "write the leak scenario into this directory instead")
	flag.Parse()
	if *scenario != "" {
		if err := writeScenario(*scenario); err != nil {
			log.Fatal(err)
		}
		fmt.Fprintf(os.Stderr, "wrote the scenario into %s\n", *scenario)
		return
	}
	f, err := os.Create(*out)
	if err != nil {
		log.Fatal(err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		log.Fatal(err)
	}
	serve(*dur)
	pprof.StopCPUProfile()
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
	fmt.Fprintf(os.Stderr, "wrote %s (sink %d)\n", *out, sink)
}

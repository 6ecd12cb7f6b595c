// Command leaky-service is a small Go service that serves net/http/pprof on
// loopback, for the tests of `proflens watch` and `proflens open`:
//
//	cd examples/leaky-service && go build -o /tmp/leaky-service . &&
//	    /tmp/leaky-service -addr 127.0.0.1:0 -leak
//
// It prints `listening on http://ADDR` once it serves. Every tick it handles a
// few requests: each allocates and drops a buffer (healthy churn), and with
// -leak it also keeps each request's body in a map nothing evicts
// (main.rememberRequest, the heap leak) and starts a goroutine that waits on a
// context nobody cancels (main.awaitCancel, the goroutine leak).
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	_ "net/http/pprof"
	"os"
	"runtime"
	"sync"
	"time"
)

var (
	mu       sync.Mutex
	bodies   = map[int][]byte{}
	requests int
	sink     []byte
)

// rememberRequest keeps the body forever: the leak the trend must name.
func rememberRequest(id int, size int) {
	b := make([]byte, size)
	b[0] = byte(id)
	mu.Lock()
	bodies[id] = b
	mu.Unlock()
}

// awaitCancel waits for a cancellation that never comes.
func awaitCancel(ctx context.Context) {
	<-ctx.Done()
}

// churn allocates and drops: it must not look like a leak.
func churn(size int) {
	sink = make([]byte, size)
}

func handle(leak bool) {
	requests++
	churn(64 << 10)
	if leak {
		rememberRequest(requests, 256<<10)
		go awaitCancel(context.Background())
	}
}

func main() {
	addr := flag.String("addr", "127.0.0.1:0", "address to serve on (loopback)")
	leak := flag.Bool("leak", false, "keep every request's body and start a goroutine that never ends")
	tick := flag.Duration("tick", 50*time.Millisecond, "time between requests")
	flag.Parse()
	runtime.MemProfileRate = 4096 // sample finely, so a short run shows its sites
	runtime.SetBlockProfileRate(1)
	runtime.SetMutexProfileFraction(1)
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatal(err)
	}
	go func() {
		for i := 1; ; i++ {
			time.Sleep(*tick)
			handle(*leak)
			if i%10 == 0 {
				runtime.GC() // a heap profile shows the heap as of the last collection
			}
		}
	}()
	fmt.Printf("listening on http://%s\n", ln.Addr())
	os.Stdout.Sync()
	log.Fatal(http.Serve(ln, nil))
}

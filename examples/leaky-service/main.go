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
// context nobody cancels (main.awaitCancel, the goroutine leak). With -leak
// two more pathologies run: a pool whose connections are never given back
// (every other request, main.fetchFromPool takes one from main.(*pool).Get
// and keeps it, so the goroutines after it pile up in sync.Cond.Wait), and a coarse mutex
// (main.updateStats holds statsMu while it encodes the stats, and the other
// workers wait in sync.Mutex.Lock). Block and mutex profiling are always on.
package main

import (
	"context"
	"encoding/json"
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

// pool hands out a fixed number of connections; Get waits until one is free.
type pool struct {
	mu   sync.Mutex
	cond *sync.Cond
	free []int
}

func newPool(n int) *pool {
	p := &pool{}
	p.cond = sync.NewCond(&p.mu)
	for i := 0; i < n; i++ {
		p.free = append(p.free, i)
	}
	return p
}

func (p *pool) Get() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	for len(p.free) == 0 {
		p.cond.Wait()
	}
	c := p.free[len(p.free)-1]
	p.free = p.free[:len(p.free)-1]
	return c
}

func (p *pool) Put(c int) {
	p.mu.Lock()
	p.free = append(p.free, c)
	p.mu.Unlock()
	p.cond.Signal()
}

var conns = newPool(4)

// fetchFromPool takes a connection and never gives it back: the starved pool.
func fetchFromPool() {
	c := conns.Get()
	_ = c // the missing conns.Put(c)
}

var (
	statsMu sync.Mutex
	stats   = map[string]int{}
)

// updateStats encodes the stats while it holds statsMu, and sleeps as if it
// wrote them out: the coarse lock every worker waits for.
func updateStats(worker int) {
	statsMu.Lock()
	stats[fmt.Sprint("worker", worker)]++
	for i := 0; i < 250; i++ {
		if _, err := json.Marshal(stats); err != nil {
			log.Fatal(err)
		}
	}
	time.Sleep(2 * time.Millisecond)
	statsMu.Unlock()
}

func statsWorker(worker int) {
	for {
		updateStats(worker)
	}
}

func handle(leak bool) {
	requests++
	churn(64 << 10)
	if leak {
		rememberRequest(requests, 256<<10)
		go awaitCancel(context.Background())
		if requests%2 == 0 {
			go fetchFromPool()
		}
	}
}

func main() {
	addr := flag.String("addr", "127.0.0.1:0", "address to serve on (loopback)")
	leak := flag.Bool("leak", false, "keep every request's body, start a goroutine that never ends, never give a pool's connection back, and hold a coarse lock")
	tick := flag.Duration("tick", 50*time.Millisecond, "time between requests")
	flag.Parse()
	runtime.MemProfileRate = 4096 // sample finely, so a short run shows its sites
	runtime.SetBlockProfileRate(1)
	runtime.SetMutexProfileFraction(1)
	if *leak {
		for w := 0; w < 16; w++ {
			go statsWorker(w)
		}
	}
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

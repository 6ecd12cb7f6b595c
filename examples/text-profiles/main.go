// Command text-profiles writes, at one moment, the heap, allocs, block, mutex and
// threadcreate profiles in both of runtime/pprof's forms: the proto (WriteTo(w, 0),
// NAME.pb.gz) and the legacy text of `?debug=1` (WriteTo(w, 1), NAME.txt). The
// Proflens tests read both and compare them with `go tool pprof` given this
// program's binary:
//
//	cd examples/text-profiles && go build -o /tmp/tp/text-profiles . && /tmp/tp/text-profiles -o /tmp/tp
//
// The work is small and fixed: a leak that keeps what it allocates, garbage that
// is freed, goroutines that wait on channels and fight over one mutex, and
// goroutines locked to their own threads. Heap sampling is set to a rate where
// pprof's unsampling changes the numbers, and the mutex profile samples one event
// in a few, so both scalings are exercised.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"sync"
	"time"
)

// burn holds what init allocates to get past the first sampling point.
var burn []byte

func init() {
	runtime.MemProfileRate = 4096
	// The runtime drew the first sampling point of the main P at the default rate
	// (512 KiB on average) before this line ran. Allocate well past it, so that the
	// work below is sampled at the new rate.
	for i := 0; i < 16<<10; i++ {
		burn = make([]byte, 1024)
	}
}

// mutexFraction is the mutex profile's sampling period: one contention in
// mutexFraction is recorded, and pprof multiplies the recorded ones back.
const mutexFraction = 3

var (
	leaked [][]byte
	cache  = map[int]string{}
	sink   int
)

//go:noinline
func leak(n int) {
	for i := 0; i < n; i++ {
		leaked = append(leaked, make([]byte, 1024+i%7*512))
	}
}

//go:noinline
func fillCache(n int) {
	for i := 0; i < n; i++ {
		cache[i] = fmt.Sprintf("entry-%06d", i)
	}
}

//go:noinline
func garbage(n int) {
	for i := 0; i < n; i++ {
		b := make([]byte, 256+i%5*64)
		sink += len(b)
	}
}

// contend has workers take one mutex in turns, holding it briefly, so
// Unlock finds waiters (the mutex profile) and Lock waits (the block profile).
func contend(workers, rounds int) {
	var mu sync.Mutex
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for r := 0; r < rounds; r++ {
				mu.Lock()
				time.Sleep(20 * time.Microsecond)
				sink++
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
}

// pipeline passes values through an unbuffered channel, so both ends block.
func pipeline(n int) {
	ch := make(chan int)
	done := make(chan struct{})
	go func() {
		for v := range ch {
			time.Sleep(10 * time.Microsecond)
			sink += v
		}
		close(done)
	}()
	for i := 0; i < n; i++ {
		ch <- i
	}
	close(ch)
	<-done
}

// lockedThreads makes goroutines that each hold an OS thread for a while, so
// the runtime creates threads for them (the threadcreate profile).
func lockedThreads(n int) {
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			runtime.LockOSThread()
			time.Sleep(5 * time.Millisecond)
		}()
	}
	wg.Wait()
}

func main() {
	out := flag.String("o", ".", "output directory")
	flag.Parse()
	runtime.SetBlockProfileRate(1)
	runtime.SetMutexProfileFraction(mutexFraction)

	leak(300)
	fillCache(2000)
	garbage(5000)
	contend(8, 200)
	pipeline(300)
	lockedThreads(6)

	// The heap profile is as of the last completed GC. Collect, then stop the
	// collector so that no cycle publishes new records between the writes.
	runtime.GC()
	runtime.GC()
	debug.SetGCPercent(-1)

	// Each profile is written to memory in both forms, back to back, before any
	// file is touched: nothing blocks or contends in between.
	names := []string{"heap", "allocs", "block", "mutex", "threadcreate"}
	bufs := make(map[string]*bytes.Buffer)
	for _, name := range names {
		for _, debugLevel := range []int{0, 1} {
			var b bytes.Buffer
			if err := pprof.Lookup(name).WriteTo(&b, debugLevel); err != nil {
				log.Fatal(err)
			}
			bufs[fileName(name, debugLevel)] = &b
		}
	}
	for file, b := range bufs {
		if err := os.WriteFile(filepath.Join(*out, file), b.Bytes(), 0o644); err != nil {
			log.Fatal(err)
		}
	}
	fmt.Fprintf(os.Stderr, "wrote %d files to %s (sink %d, leaked %d)\n", len(bufs), *out, sink, len(leaked))
}

func fileName(profile string, debugLevel int) string {
	if debugLevel == 0 {
		return profile + ".pb.gz"
	}
	return profile + ".txt"
}

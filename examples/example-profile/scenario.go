package main

// The leak scenario behind "Try an example": a small order service that leaks in
// the two ways Proflens is meant to find. Every order's item is kept in a cache
// that nothing evicts (a heap leak in main.newItem), and every third order starts
// a goroutine that waits for a confirmation nobody sends (a goroutine leak in
// main.awaitConfirmation). Healthy work (receipts, a worker pool, a ticker) runs
// beside them, so the leak has to be told apart from the churn.
//
// It writes what a user would take with curl from /debug/pprof, minutes apart:
//
//	heap_t0.pb.gz, heap_t1.pb.gz, heap_t2.pb.gz   /debug/pprof/heap
//	goroutine_debug2.txt                          /debug/pprof/goroutine?debug=2
//
// The run takes a second, so the snapshots' times are set to five minutes apart
// (from a fixed start, so the files do not change with the clock).

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strings"
	"time"
)

type item struct {
	id      int
	payload []byte
	note    string
}

var (
	cache    = map[int]*item{}
	receipts []string
	jobs     = make(chan int)
	never    = make(chan struct{})
)

// newItem allocates what the cache keeps forever: the leak.
func newItem(id int) *item {
	return &item{id: id, payload: make([]byte, 4096), note: fmt.Sprintf("order-%06d", id)}
}

// formatReceipt allocates garbage that is freed at the next GC: churn, not a leak.
func formatReceipt(id int) string {
	var b strings.Builder
	for i := 0; i < 16; i++ {
		fmt.Fprintf(&b, "line %d of order %d;", i, id)
	}
	return b.String()
}

// awaitConfirmation waits for a message that never comes: the goroutine leak.
func awaitConfirmation(id int, ch chan struct{}) {
	<-ch
	delete(cache, id)
}

func handleOrder(id int) {
	cache[id] = newItem(id)
	r := formatReceipt(id)
	receipts = append(receipts[:0], r) // only the last receipt stays live
	if id%3 == 0 {
		go awaitConfirmation(id, never)
	}
	jobs <- id
}

// worker is the healthy pool: its goroutines wait in select between jobs.
func worker(done <-chan struct{}) {
	for {
		select {
		case id := <-jobs:
			_ = id
		case <-done:
			return
		}
	}
}

func ticker(done <-chan struct{}) {
	t := time.NewTicker(time.Hour)
	defer t.Stop()
	select {
	case <-t.C:
	case <-done:
	}
}

// writeScenario runs the service in three phases, each a bigger burst of orders
// than the last (the leak's growth), and writes a heap snapshot after each.
func writeScenario(dir string) error {
	runtime.MemProfileRate = 1 // every allocation: exact, repeatable numbers
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	done := make(chan struct{})
	for i := 0; i < 4; i++ {
		go worker(done)
	}
	go ticker(done)
	start := time.Date(2026, 1, 12, 9, 0, 0, 0, time.UTC)
	id := 0
	for phase, orders := range []int{150, 450, 900} {
		for n := 0; n < orders; n++ {
			handleOrder(id)
			id++
		}
		at := start.Add(time.Duration(phase) * 5 * time.Minute)
		if err := writeHeap(filepath.Join(dir, fmt.Sprintf("heap_t%d.pb.gz", phase)), at); err != nil {
			return err
		}
	}
	var dump bytes.Buffer
	if err := pprof.Lookup("goroutine").WriteTo(&dump, 2); err != nil {
		return err
	}
	close(done)
	return os.WriteFile(filepath.Join(dir, "goroutine_debug2.txt"), dump.Bytes(), 0o644)
}

// writeHeap writes /debug/pprof/heap's profile as of now, stamped with `at`.
func writeHeap(path string, at time.Time) error {
	runtime.GC() // the heap profile is as of the last completed GC
	runtime.GC()
	var buf bytes.Buffer
	if err := pprof.Lookup("heap").WriteTo(&buf, 0); err != nil {
		return err
	}
	out, err := setTimeNanos(buf.Bytes(), at.UnixNano())
	if err != nil {
		return err
	}
	return os.WriteFile(path, out, 0o644)
}

// setTimeNanos replaces profile.proto's time_nanos (field 9, a varint) in a
// gzip'd profile. It walks only the top-level fields, so it needs no proto library.
func setTimeNanos(gz []byte, nanos int64) ([]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		return nil, err
	}
	raw, err := io.ReadAll(zr)
	if err != nil {
		return nil, err
	}
	var kept []byte
	for i := 0; i < len(raw); {
		start := i
		key, n := uvarint(raw[i:])
		i += n
		switch key & 7 {
		case 0:
			_, n = uvarint(raw[i:])
			i += n
		case 1:
			i += 8
		case 2:
			l, n := uvarint(raw[i:])
			i += n + int(l)
		case 5:
			i += 4
		default:
			return nil, fmt.Errorf("profile.proto: wire type %d at %d", key&7, start)
		}
		if key>>3 != 9 {
			kept = append(kept, raw[start:i]...)
		}
	}
	kept = append(kept, 9<<3)
	kept = appendUvarint(kept, uint64(nanos))
	var out bytes.Buffer
	zw := gzip.NewWriter(&out)
	if _, err := zw.Write(kept); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

func uvarint(b []byte) (uint64, int) {
	var v uint64
	for i, c := range b {
		v |= uint64(c&0x7f) << (7 * i)
		if c < 0x80 {
			return v, i + 1
		}
	}
	return v, len(b)
}

func appendUvarint(b []byte, v uint64) []byte {
	for v >= 0x80 {
		b = append(b, byte(v)|0x80)
		v >>= 7
	}
	return append(b, byte(v))
}

package core

import (
	"runtime"
	"sync"
	"sync/atomic"
	"time"
)

// HeapGrowthDuring runs f and returns how far the heap in use rose above where it
// stood before, sampled every few milliseconds. Exported for core_test's tests too.
func HeapGrowthDuring(f func()) int64 {
	runtime.GC()
	var base runtime.MemStats
	runtime.ReadMemStats(&base)
	var peak atomic.Uint64
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		var m runtime.MemStats
		for {
			runtime.ReadMemStats(&m)
			peak.Store(max(peak.Load(), m.HeapInuse))
			select {
			case <-done:
				return
			case <-time.After(5 * time.Millisecond):
			}
		}
	})
	f()
	close(done)
	wg.Wait()
	return int64(peak.Load()) - int64(base.HeapInuse)
}

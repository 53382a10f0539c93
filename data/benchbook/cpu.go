package benchbook

import (
	"testing"
	"time"
)

// ReportCPU starts counting the process's CPU time (user and system, every thread,
// the garbage collector's included) and returns a function that reports it per
// iteration as "cpu-ns/op". On a busy machine, where wall time also counts waiting
// for a core, this is the steadier figure. Call it just before b.Loop and the
// returned function just after:
//
//	defer benchbook.ReportCPU(b)()
//	for b.Loop() { … }
func ReportCPU(b *testing.B) func() {
	start, ok := cpuTime()
	return func() {
		end, ok2 := cpuTime()
		if ok && ok2 && b.N > 0 {
			b.ReportMetric(float64((end-start)/time.Nanosecond)/float64(b.N), "cpu-ns/op")
		}
	}
}

package lists

import (
	"context"
	"fmt"
	"runtime"
	"runtime/debug"
	"sync"
	"sync/atomic"
	"time"

	"go.uber.org/zap"

	"github.com/rpscreen/rpscreen/match"
)

// BatchOptions tune ScreenBatch.
type BatchOptions struct {
	// Workers is how many names are screened at once; 0 means GOMAXPROCS.
	Workers int
	// Progress, when set, is called after each item with the number done
	// so far and the total. Calls come from the workers one at a time, so
	// it needs no locking of its own; it should return quickly.
	Progress func(done, total int)
}

// BatchResult is the outcome of one item of a batch: a result, or the error
// that item alone met.
type BatchResult struct {
	Result match.Result
	Err    error
	Took   time.Duration // matching time, for the screening-duration metric
}

// ScreenBatch screens every query, a few at a time over a fixed pool of
// workers, and returns one result per query in input order. An item's error
// (an empty name, say) is its own and does not stop the others. Once ctx is
// done, the items not yet started get ctx.Err(). Every item is screened on
// the index serving when the batch began, so a refresh landing meanwhile
// does not leave one batch screened against two versions of a list.
func (r *Registry) ScreenBatch(ctx context.Context, qs []match.Query, opts BatchOptions) []BatchResult {
	out := make([]BatchResult, len(qs))
	sv := r.index.Load()
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = min(workers, len(qs))

	// Workers take the next index from a shared counter: no goroutine and
	// no channel element per item, so memory stays flat for any batch.
	var next atomic.Int64
	var progressMu sync.Mutex
	done := 0
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for {
				i := int(next.Add(1) - 1)
				if i >= len(qs) {
					return
				}
				out[i] = r.screenOne(ctx, sv, qs[i])
				if opts.Progress != nil {
					progressMu.Lock()
					done++
					opts.Progress(done, len(qs))
					progressMu.Unlock()
				}
			}
		})
	}
	wg.Wait()
	return out
}

// screenOne screens one item of a batch. A panic becomes that item's error:
// it runs on a worker goroutine, where the HTTP recovery middleware cannot
// catch it and it would end the process.
func (r *Registry) screenOne(ctx context.Context, sv *servedIndex, q match.Query) (res BatchResult) {
	if err := ctx.Err(); err != nil {
		return BatchResult{Err: err}
	}
	start := time.Now()
	defer func() {
		if v := recover(); v != nil {
			r.log.Error("panic while screening a batch item",
				zap.Any("panic", v), zap.ByteString("stack", debug.Stack()))
			res = BatchResult{Err: fmt.Errorf("screening panicked: %v", v), Took: time.Since(start)}
		}
	}()
	result, err := r.screenOn(ctx, sv, q)
	return BatchResult{Result: result, Err: err, Took: time.Since(start)}
}

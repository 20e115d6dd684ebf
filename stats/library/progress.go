package library

import (
	"context"

	"github.com/foi-explorer/foi-explorer/stats/ingest"
)

// stageStoring follows the stages of reading: the table is being paired,
// stored and summarised. A Cancel is still possible until it starts.
const stageStoring ingest.Stage = "storing"

type progressKey struct{}

// WithProgress gives the reads done under ctx a Progress to report to: an
// import reports each file's reading, then stageStoring, and stops with
// ingest.ErrCancelled when the Progress says to.
func WithProgress(ctx context.Context, p ingest.Progress) context.Context {
	if p == nil {
		return ctx
	}
	return context.WithValue(ctx, progressKey{}, p)
}

// progressOf is the Progress of ctx, or nil.
func progressOf(ctx context.Context) ingest.Progress {
	p, _ := ctx.Value(progressKey{}).(ingest.Progress)
	return p
}

package library

import (
	"context"
	"errors"

	"github.com/foi-explorer/foi-explorer/stats/ingest"
)

// OriginalFile is a file exactly as the user dropped it, kept so that a better
// importer can read it again and the user can always get it back. A Store
// keeps its Name and Bytes only.
type OriginalFile struct {
	Name  string
	Bytes []byte
	// Mapping is the columns chosen by hand, nil when the reader recognised
	// the header itself. It is not stored with the file: a dataset keeps its
	// mappings in Dataset.Mappings.
	Mapping *ingest.Mapping
	// Refused is why the file was not even copied in (it is too large); it
	// is reported like a file that could not be read. Never stored.
	Refused error
}

// StoredDataset is everything kept for one dataset.
type StoredDataset struct {
	Meta      Dataset
	Originals []OriginalFile
	Table     []byte // cube.EncodeTable
}

// ErrNoDataset is the error of a Store asked for a dataset it does not hold.
var ErrNoDataset = errors.New("there is no such dataset: it may have been deleted in another tab; reload the page")

// ErrStorageFull is wrapped by a Store's error when a write was refused for
// lack of space (IndexedDB's QuotaExceededError).
var ErrStorageFull = errors.New("the storage is full")

// Store keeps datasets, settings and page reports. Each method is one unit
// of work, done whole or not at all: in IndexedDB, one transaction.
//
// A Store hands out copies of descriptions (Dataset): changing one changes
// nothing stored. Bytes (tables, original files) may be shared with the
// caller, and must not be changed after a Put or after they are read.
type Store interface {
	// Put stores all of a dataset under Meta.ID, in place of whatever was
	// there, and drops the report stored for it.
	Put(ctx context.Context, d StoredDataset) error
	// List returns the description of every dataset, newest (ImportedAt)
	// first, ties by ID; an empty Store gives an empty, non-nil list.
	List(ctx context.Context) ([]Dataset, error)
	// Meta, Table and Originals return one part of a dataset, or an error
	// wrapping ErrNoDataset.
	Meta(ctx context.Context, id string) (Dataset, error)
	Table(ctx context.Context, id string) ([]byte, error)
	Originals(ctx context.Context, id string) ([]OriginalFile, error)
	// Rename changes a dataset's name and nothing else.
	Rename(ctx context.Context, id, name string) error
	// UpdateMeta replaces the description of a dataset that is there; the
	// table, the original files and the report stay.
	UpdateMeta(ctx context.Context, meta Dataset) error
	// Delete removes every part of a dataset and its report; deleting one
	// that is not there is not an error.
	Delete(ctx context.Context, id string) error
	// DeleteAll removes every dataset and report; the settings stay.
	DeleteAll(ctx context.Context) error
	// Settings returns the stored settings, the zero Settings when none
	// were ever stored.
	Settings(ctx context.Context) (Settings, error)
	PutSettings(ctx context.Context, s Settings) error
	// Report returns the page report last stored for a dataset (JSON text)
	// and the key it was stored under (what it was computed from); both
	// are empty when there is none.
	Report(ctx context.Context, id string) (key, report string, err error)
	// PutReport stores a dataset's report in place of the last one; for a
	// dataset that is not there it stores nothing and returns an error
	// wrapping ErrNoDataset.
	PutReport(ctx context.Context, id, key, report string) error
}

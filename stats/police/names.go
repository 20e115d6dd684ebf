package police

import "github.com/foi-explorer/foi-explorer/stats/internal/recur"

// nameFacts is what the reader needs to know of a force cell: the force it
// matches, a footnote marker set aside, and whether it names a region or a
// total. A large file repeats a few dozen names on every row, so each
// distinct cell is looked up once per table (nameCache).
type nameFacts struct {
	Force    Force
	Matched  bool
	Marker   string
	Region   string
	IsRegion bool
	Total    bool
}

// maxCachedNames bounds the cache: past it, names are looked up each time.
const maxCachedNames = 1 << 12

// NameCache holds what is known of each force cell already read, so that
// each distinct cell is matched once per table.
type NameCache struct {
	// by guesses each name from the one before it (package recur): the
	// rows of a long file name the forces in the same order, period after
	// period, and a name's hash is slow in wasm.
	by recur.Index[string, nameFacts]
}

func (c *NameCache) Facts(name string) nameFacts {
	if f, ok := c.by.Get(name); ok {
		return f
	}
	var f nameFacts
	f.Force, f.Matched, f.Marker = matchForceFootnote(name)
	f.Region, f.IsRegion = RegionOf(name)
	f.Total = !f.Matched && IsTotalName(name)
	if c.by.Len() < maxCachedNames {
		c.by.Put(name, f)
	}
	return f
}

package stats

// nameFacts is what the reader needs to know of a force cell: the force it
// matches, a footnote marker set aside, and whether it names a region or a
// total. A large file repeats a few dozen names on every row, so each
// distinct cell is looked up once per table (nameCache).
type nameFacts struct {
	force    Force
	matched  bool
	marker   string
	region   string
	isRegion bool
	total    bool
}

// maxCachedNames bounds the cache: past it, names are looked up each time.
const maxCachedNames = 1 << 12

type nameCache map[string]nameFacts

func (c *nameCache) facts(name string) nameFacts {
	if f, ok := (*c)[name]; ok {
		return f
	}
	var f nameFacts
	f.force, f.matched, f.marker = matchForceFootnote(name)
	f.region, f.isRegion = regionOf(name)
	f.total = !f.matched && IsTotalName(name)
	if *c == nil {
		*c = nameCache{}
	}
	if len(*c) < maxCachedNames {
		(*c)[name] = f
	}
	return f
}

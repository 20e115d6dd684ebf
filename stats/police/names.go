package police

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

type NameCache map[string]nameFacts

func (c *NameCache) Facts(name string) nameFacts {
	if f, ok := (*c)[name]; ok {
		return f
	}
	var f nameFacts
	f.Force, f.Matched, f.Marker = matchForceFootnote(name)
	f.Region, f.IsRegion = RegionOf(name)
	f.Total = !f.Matched && IsTotalName(name)
	if *c == nil {
		*c = NameCache{}
	}
	if len(*c) < maxCachedNames {
		(*c)[name] = f
	}
	return f
}

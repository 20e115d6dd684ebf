package bundle

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/foi-explorer/foi-explorer/stats"
	"github.com/foi-explorer/foi-explorer/stats/analysis"
	"github.com/foi-explorer/foi-explorer/stats/ingest"
	"github.com/foi-explorer/foi-explorer/stats/ingest/decode"
	"github.com/foi-explorer/foi-explorer/stats/police"
	"github.com/foi-explorer/foi-explorer/stats/report"
)

// A reproducibility bundle is one zip file holding everything a dataset's
// results.csv was made from — the original files exactly as they were added,
// the columns chosen by hand, the names matched to forces by hand, the pairing
// rule, the interval method and the app's version — and that results.csv, so
// that whoever opens it can check that the same numbers come out again.
//
// Layout (BundleFormat 1):
//
//	manifest.json        what the bundle holds (bundleManifest), written first
//	originals/<name>     each original file, byte for byte, in the dataset's order
//	results.csv          the results.csv the dataset produced, for checking
//
// Opening a bundle is reading a file from anyone: ReadBundle treats it as
// hostile (see BundleLimits) and never panics.

// BundleFormat is the version of the bundle layout. Raise it when the layout
// changes in a way an older reader would misread; ReadBundle refuses a newer
// one with a message to update the app.
const BundleFormat = 1

// bundleKind is the manifest's "format" field: it says what the zip is.
const bundleKind = "foi-explorer-bundle"

// Entry names of a bundle.
const (
	bundleManifestName = "manifest.json"
	bundleResultsName  = "results.csv"
	bundleOriginalsDir = "originals/"
)

// Where a bundle's dataset came from, as its manifest spells it (and the
// dataset library, which re-exports these).
const (
	OriginFile             = "file"
	OriginPaste            = "paste"
	OriginRealExample      = "example-real"
	OriginSyntheticExample = "example-synthetic"
)

// Bundle is a dataset as a reproducibility bundle holds it.
type Bundle struct {
	Name    string               // the dataset's name
	Origin  string               // OriginFile, OriginPaste, OriginRealExample or OriginSyntheticExample
	Pairing analysis.PairingRule // how numerators were paired with denominators
	NameMap map[string]string    // forces chosen by hand (their keys), by the name as written
	// MeasureNames are the measures' names chosen in the page, if any.
	MeasureNames [2]string
	Method       stats.Method // the interval method results.csv was computed with
	AppVersion   string       // the app that wrote the bundle; WriteBundle fills in AppVersion() when empty
	CreatedAt    time.Time    // WriteBundle fills in the current time when zero
	Files        []BundleFile // the original files, in the dataset's order
	ResultsCSV   []byte       // the results.csv the dataset produced
}

// BundleFile is one original file of a bundle with its import settings.
type BundleFile struct {
	Name    string          // the file's name as it was added
	Bytes   []byte          // exactly as it was added
	Mapping *ingest.Mapping // the columns chosen by hand; nil when the header was recognised
	Values  string          // "numerator" or "denominator" when chosen by hand for a wide table; else empty
}

// bundleManifest is manifest.json.
type bundleManifest struct {
	Format        string             `json:"format"`        // bundleKind
	FormatVersion int                `json:"formatVersion"` // BundleFormat
	App           string             `json:"app"`
	AppVersion    string             `json:"appVersion"`
	CreatedAt     time.Time          `json:"createdAt"`
	Dataset       manifestDataset    `json:"dataset"`
	Parameters    manifestParameters `json:"parameters"`
	Files         []manifestFile     `json:"files"`
	Results       manifestEntry      `json:"results"`
}

type manifestDataset struct {
	Name         string            `json:"name"`
	Origin       string            `json:"origin"`
	Pairing      string            `json:"pairing"`
	NameMap      map[string]string `json:"nameMap,omitempty"`
	MeasureNames [2]string         `json:"measureNames,omitzero"`
}

type manifestParameters struct {
	Method string `json:"method"`
}

// manifestEntry is a file of the bundle: where it is, its size and its
// SHA-256, which ReadBundle checks.
type manifestEntry struct {
	Path   string `json:"path"`
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
}

type manifestFile struct {
	Name string `json:"name"`
	manifestEntry
	Mapping *ingest.Mapping `json:"mapping,omitempty"`
	Values  string          `json:"values,omitempty"`
}

// BundleLimits bound what ReadBundle takes, so that a hostile bundle cannot
// exhaust memory: the zip itself, the number of entries, each entry and all
// of them uncompressed, and the compression ratio of a large entry.
type BundleLimits struct {
	ZipSize   int64 // the bundle file
	Entries   int   // entries in the zip, folders included
	FileSize  int64 // one entry, uncompressed
	TotalSize int64 // every entry together, uncompressed
	// Ratio is the most an entry larger than RatioFrom, or all of them
	// together, may expand by. Deflate can expand about 1,000 times; CSV
	// text compresses 5 to 20 times, so a ratio far beyond that is a zip
	// bomb, not a table.
	Ratio     int64
	RatioFrom int64
}

// DefaultBundleLimits are the limits of ReadBundle: each file as large as the
// reader takes (MaxFileSize), twice that in all.
var DefaultBundleLimits = BundleLimits{
	ZipSize:   decode.MaxFileSize,
	Entries:   1000,
	FileSize:  decode.MaxFileSize,
	TotalSize: 2 * decode.MaxFileSize,
	Ratio:     200,
	RatioFrom: 1 << 20,
}

// maxManifestSize bounds manifest.json: a few kilobytes in practice.
const maxManifestSize = 1 << 20

// maxBundleName bounds a file name or dataset name in a manifest.
const maxBundleName = 1024

// What can be wrong with a bundle. Each says what to do; BundleError adds
// the bundle's name and the entry.
var (
	ErrBundleNotZip      = errors.New("it is not a zip file, so not a bundle FOI Explorer wrote; choose the .zip the app saved with Download reproducibility bundle")
	ErrBundleTooLarge    = errors.New("it is too large to open safely; a bundle holds at most files the app can read, so this one was not made by FOI Explorer or holds files too large for it")
	ErrBundleEntries     = errors.New("it holds too many entries for a bundle; FOI Explorer writes a manifest, the original files and results.csv only")
	ErrBundleBomb        = errors.New("it expands far more than any table would (a zip bomb); it was not opened — ask whoever sent it for the bundle as the app saved it")
	ErrBundleUnsafePath  = errors.New("its path could write outside a folder if the zip were unpacked (an absolute path, \"..\", a drive letter or a backslash); the bundle was not opened — do not unpack it, and ask whoever sent it for the bundle as the app saved it")
	ErrBundleDuplicate   = errors.New("the name appears twice in the zip; the bundle was not opened, as it is not clear which copy is meant — ask for the bundle as the app saved it")
	ErrBundleNoManifest  = errors.New("it has no manifest.json, so it is not a bundle FOI Explorer wrote; to import CSV files, unzip it and add the files with Add CSV files")
	ErrBundleManifest    = errors.New("its manifest.json cannot be used; the bundle was changed after the app saved it — ask for the bundle as the app saved it")
	ErrBundleVersion     = errors.New("it has a bundle format this version of FOI Explorer does not know; if it was made by a newer version, update the app (reload the page while online) and open it again")
	ErrBundleDamaged     = errors.New("its contents do not match its manifest (a damaged or changed file); download the bundle again, or ask for it as the app saved it")
	ErrBundleUnsupported = errors.New("it uses a zip feature the app does not read (encryption or an unusual compression); save the bundle again with FOI Explorer")
)

// BundleError is a bundle that cannot be opened: which bundle, which entry
// (when one is to blame), what was found, and Err, one of the ErrBundle
// values above, which says what to do.
type BundleError struct {
	Bundle string
	Entry  string
	Detail string
	Err    error
}

func (e *BundleError) Error() string {
	var b strings.Builder
	b.WriteString(e.Bundle)
	b.WriteString(": ")
	if e.Entry != "" {
		fmt.Fprintf(&b, "the entry %q: ", e.Entry)
	}
	if e.Detail != "" {
		b.WriteString(e.Detail)
		b.WriteString("; ")
	}
	b.WriteString(e.Err.Error())
	return b.String()
}

func (e *BundleError) Unwrap() error { return e.Err }

// BundleFileName is the name a bundle of the named dataset is saved under:
// the dataset's name in letters, digits, dots, dashes and underscores, then
// ".bundle.zip".
func BundleFileName(dataset string) string {
	return safeEntryName(dataset, "dataset") + ".bundle.zip"
}

// safeEntryName keeps ASCII letters, digits, '.', '-' and '_' of a name and
// writes '_' for anything else, so that an entry name is portable and can
// never be a path; fallback stands in for a name with nothing left.
func safeEntryName(name, fallback string) string {
	var b strings.Builder
	for _, r := range name {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_', r == '.':
			b.WriteRune(r)
		default:
			b.WriteByte('_')
		}
		if b.Len() >= 100 {
			break
		}
	}
	s := strings.TrimLeft(b.String(), ".")
	if strings.Trim(s, "_") == "" {
		return fallback
	}
	return s
}

// WriteBundle writes b as a zip: manifest.json, the original files and
// results.csv. It fails only when w does, or when b could not be read back
// (no files, a file or dataset without a name, two files of one name).
func WriteBundle(w io.Writer, b Bundle) error {
	if err := checkBundleFiles(b.Files); err != nil {
		return fmt.Errorf("stats: cannot write the bundle: %w", err)
	}
	if strings.TrimSpace(b.Name) == "" || len(b.Name) > maxBundleName || !utf8.ValidString(b.Name) {
		return fmt.Errorf("stats: cannot write the bundle: the dataset's name %q is empty, longer than %d bytes or not text", clip(b.Name), maxBundleName)
	}
	if b.AppVersion == "" {
		b.AppVersion = report.AppVersion()
	}
	if b.CreatedAt.IsZero() {
		b.CreatedAt = time.Now()
	}
	b.CreatedAt = b.CreatedAt.UTC().Truncate(time.Second)
	m := bundleManifest{
		Format: bundleKind, FormatVersion: BundleFormat, App: "FOI Explorer", AppVersion: b.AppVersion, CreatedAt: b.CreatedAt,
		Dataset:    manifestDataset{Name: b.Name, Origin: b.Origin, Pairing: b.Pairing.String(), NameMap: b.NameMap, MeasureNames: b.MeasureNames},
		Parameters: manifestParameters{Method: b.Method.String()},
		Files:      make([]manifestFile, len(b.Files)),
		Results:    entryOf(bundleResultsName, b.ResultsCSV),
	}
	// Entry names differ even ignoring case, as ReadBundle requires.
	used := map[string]bool{}
	for i, f := range b.Files {
		safe := safeEntryName(f.Name, "file.csv")
		p := bundleOriginalsDir + safe
		for n := 2; used[strings.ToLower(p)]; n++ {
			p = fmt.Sprintf("%s%d-%s", bundleOriginalsDir, n, safe)
		}
		used[strings.ToLower(p)] = true
		m.Files[i] = manifestFile{Name: f.Name, manifestEntry: entryOf(p, f.Bytes), Mapping: f.Mapping, Values: f.Values}
	}
	manifest, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	zw := zip.NewWriter(w)
	put := func(name string, data []byte) error {
		fw, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: b.CreatedAt})
		if err != nil {
			return err
		}
		_, err = fw.Write(data)
		return err
	}
	if err := put(bundleManifestName, append(manifest, '\n')); err != nil {
		return err
	}
	for i, f := range b.Files {
		if err := put(m.Files[i].Path, f.Bytes); err != nil {
			return err
		}
	}
	if err := put(bundleResultsName, b.ResultsCSV); err != nil {
		return err
	}
	return zw.Close()
}

func entryOf(p string, data []byte) manifestEntry {
	sum := sha256.Sum256(data)
	return manifestEntry{Path: p, Size: int64(len(data)), SHA256: hex.EncodeToString(sum[:])}
}

// checkBundleFiles says what is wrong with a bundle's list of files.
func checkBundleFiles(files []BundleFile) error {
	if len(files) == 0 {
		return errors.New("it lists no original files")
	}
	seen := map[string]bool{}
	for _, f := range files {
		switch {
		case f.Name == "" || len(f.Name) > maxBundleName || !utf8.ValidString(f.Name) || strings.ContainsRune(f.Name, 0):
			return fmt.Errorf("a file's name %q is empty, longer than %d bytes or not text", clip(f.Name), maxBundleName)
		case seen[f.Name]:
			return fmt.Errorf("the file name %q is listed twice", f.Name)
		}
		seen[f.Name] = true
		if f.Values != "" {
			if _, err := ingest.ParseValuesRole(f.Values); err != nil {
				return fmt.Errorf("file %q: %w", f.Name, err)
			}
		}
	}
	return nil
}

// clip shortens a hostile string for a message.
func clip(s string) string {
	if len(s) <= 80 {
		return s
	}
	cut := 80
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}

// ReadBundle opens a bundle, named name for messages, within
// DefaultBundleLimits. Every error is a *BundleError.
func ReadBundle(name string, data []byte) (*Bundle, error) {
	return DefaultBundleLimits.Read(name, data)
}

// Read opens a bundle within the limits lim. It checks every entry's name
// and size before reading any, reads only the entries the manifest lists,
// each through an io.LimitReader, and checks each against the manifest's
// size and SHA-256. Entries the manifest does not list (a __MACOSX folder
// added by unzipping and zipping again) are checked but not read.
func (lim BundleLimits) Read(name string, data []byte) (*Bundle, error) {
	b, err := lim.read(data)
	if err != nil {
		var be *BundleError
		if !errors.As(err, &be) {
			be = &BundleError{Detail: err.Error(), Err: ErrBundleDamaged}
		}
		be.Bundle, be.Entry = name, clip(be.Entry)
		return nil, be
	}
	return b, nil
}

// bad is a BundleError without the bundle's name, which Read adds.
func bad(entry, detail string, err error) error {
	return &BundleError{Entry: entry, Detail: detail, Err: err}
}

func (lim BundleLimits) read(data []byte) (*Bundle, error) {
	if int64(len(data)) > lim.ZipSize {
		return nil, bad("", fmt.Sprintf("it is %s, more than the %s a bundle may be", sizeText(uint64(len(data))), sizeText(uint64(lim.ZipSize))), ErrBundleTooLarge)
	}
	// archive/zip keeps every directory entry in memory before anything can
	// be checked. Each begins with this signature, so counting them first
	// bounds that memory by lim.Entries.
	if n := bytes.Count(data, []byte("PK\x01\x02")); n > lim.Entries {
		return nil, bad("", fmt.Sprintf("it has about %d entries, more than %d", n, lim.Entries), ErrBundleEntries)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		detail := ""
		if !errors.Is(err, zip.ErrFormat) {
			detail = err.Error()
		}
		return nil, bad("", detail, ErrBundleNotZip)
	}
	entries, err := lim.checkEntries(zr.File, uint64(len(data)))
	if err != nil {
		return nil, err
	}
	mf, ok := entries[bundleManifestName]
	if !ok {
		return nil, bad("", "", ErrBundleNoManifest)
	}
	if mf.UncompressedSize64 > maxManifestSize {
		return nil, bad(bundleManifestName, fmt.Sprintf("it is %d bytes, more than a manifest needs", mf.UncompressedSize64), ErrBundleManifest)
	}
	raw, err := readEntry(mf, maxManifestSize)
	if err != nil {
		return nil, bad(bundleManifestName, err.Error(), entryError(err))
	}
	m, err := parseManifest(raw)
	if err != nil {
		return nil, err
	}
	b := &Bundle{
		Name: m.Dataset.Name, Origin: m.Dataset.Origin, NameMap: m.Dataset.NameMap,
		MeasureNames: m.Dataset.MeasureNames,
		AppVersion:   m.AppVersion, CreatedAt: m.CreatedAt,
	}
	b.Pairing, _ = analysis.ParsePairingRule(m.Dataset.Pairing)
	b.Method, _ = stats.ParseMethod(m.Parameters.Method)
	delete(entries, bundleManifestName)
	for _, f := range m.Files {
		data, err := lim.readListed(entries, f.manifestEntry)
		if err != nil {
			return nil, err
		}
		b.Files = append(b.Files, BundleFile{Name: f.Name, Bytes: data, Mapping: f.Mapping, Values: f.Values})
	}
	if b.ResultsCSV, err = lim.readListed(entries, m.Results); err != nil {
		return nil, err
	}
	return b, nil
}

// checkEntries checks the name and the sizes of every entry of the zip, of
// zipSize bytes, and returns the files (not folders) by name.
func (lim BundleLimits) checkEntries(files []*zip.File, zipSize uint64) (map[string]*zip.File, error) {
	if len(files) > lim.Entries {
		return nil, bad("", fmt.Sprintf("it has %d entries, more than %d", len(files), lim.Entries), ErrBundleEntries)
	}
	entries := map[string]*zip.File{}
	folded := map[string]string{}
	var total uint64
	for _, f := range files {
		if detail := unsafeEntryPath(f.Name); detail != "" {
			return nil, bad(f.Name, detail, ErrBundleUnsafePath)
		}
		key := strings.ToLower(strings.TrimSuffix(f.Name, "/"))
		if prev, ok := folded[key]; ok {
			detail := ""
			if prev != f.Name {
				detail = fmt.Sprintf("it differs from %q only in case, and is the same file on Windows and macOS", clip(prev))
			}
			return nil, bad(f.Name, detail, ErrBundleDuplicate)
		}
		folded[key] = f.Name
		size := f.UncompressedSize64
		if size > uint64(lim.FileSize) {
			return nil, bad(f.Name, fmt.Sprintf("it is %s uncompressed, more than the %s a file may be", sizeText(size), sizeText(uint64(lim.FileSize))), ErrBundleTooLarge)
		}
		total += size
		if total > uint64(lim.TotalSize) {
			return nil, bad(f.Name, fmt.Sprintf("the entries come to more than %s uncompressed", sizeText(uint64(lim.TotalSize))), ErrBundleTooLarge)
		}
		if size > uint64(lim.RatioFrom) && (f.CompressedSize64 == 0 || size/f.CompressedSize64 > uint64(lim.Ratio)) {
			return nil, bad(f.Name, fmt.Sprintf("%d bytes expand to %d", f.CompressedSize64, size), ErrBundleBomb)
		}
		if f.Flags&0x1 != 0 {
			return nil, bad(f.Name, "it is encrypted", ErrBundleUnsupported)
		}
		if !strings.HasSuffix(f.Name, "/") {
			entries[f.Name] = f
		}
	}
	// Many small entries that each expand a lot are a zip bomb too.
	if total > uint64(lim.RatioFrom) && total/max(zipSize, 1) > uint64(lim.Ratio) {
		return nil, bad("", fmt.Sprintf("%d bytes expand to %d", zipSize, total), ErrBundleBomb)
	}
	return entries, nil
}

// readListed reads an entry the manifest lists, which must be in the zip,
// listed only once, and match its size and SHA-256.
func (lim BundleLimits) readListed(entries map[string]*zip.File, e manifestEntry) ([]byte, error) {
	f, ok := entries[e.Path]
	if !ok {
		return nil, bad(e.Path, "the manifest lists it but the zip does not hold it (or the manifest lists it twice)", ErrBundleDamaged)
	}
	delete(entries, e.Path)
	if f.UncompressedSize64 != uint64(e.Size) || e.Size < 0 {
		return nil, bad(e.Path, fmt.Sprintf("it is %d bytes; the manifest says %d", f.UncompressedSize64, e.Size), ErrBundleDamaged)
	}
	data, err := readEntry(f, lim.FileSize)
	if err != nil {
		return nil, bad(e.Path, err.Error(), entryError(err))
	}
	if sum := sha256.Sum256(data); hex.EncodeToString(sum[:]) != strings.ToLower(e.SHA256) {
		return nil, bad(e.Path, "its SHA-256 is not the manifest's", ErrBundleDamaged)
	}
	return data, nil
}

// unsafeEntryPath says why an entry name is not a plain relative path with
// forward slashes, or returns "". The app never unpacks a bundle to disk, but
// a name that would escape a folder there marks a bundle it did not write;
// and a person may unpack it by hand.
func unsafeEntryPath(name string) string {
	trimmed := strings.TrimSuffix(name, "/")
	switch {
	case name == "" || trimmed == "":
		return "it has no name"
	case len(name) > 1024:
		return "its name is longer than 1,024 bytes"
	case !utf8.ValidString(name):
		return "its name is not valid UTF-8"
	case strings.ContainsRune(name, '\\'):
		return "its name holds a backslash"
	case strings.HasPrefix(name, "/"):
		return "it is an absolute path"
	case len(name) >= 2 && name[1] == ':':
		return "it starts with a drive letter"
	}
	for _, r := range name {
		if r < 0x20 || r == 0x7f {
			return "its name holds a control character"
		}
	}
	for _, part := range strings.Split(trimmed, "/") {
		switch part {
		case "..":
			return "it climbs out of the folder with \"..\""
		case ".", "":
			return "its path has an empty or \".\" part"
		}
		if strings.Contains(part, ":") {
			return "its name holds a colon (a drive or an alternate stream on Windows)"
		}
	}
	if path.Clean(trimmed) != trimmed {
		return "its path is not in its simplest form"
	}
	return ""
}

// sizeText is a size for people: bytes below a megabyte, else megabytes.
func sizeText(n uint64) string {
	if n < 1<<20 {
		return fmt.Sprintf("%d bytes", n)
	}
	return fmt.Sprintf("%d MB", n>>20)
}

// readEntry reads an entry through a LimitReader: never more than limit
// bytes, whatever its header says.
func readEntry(f *zip.File, limit int64) ([]byte, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("it is larger than %d bytes", limit)
	}
	return data, nil
}

// entryError is the ErrBundle value for an error reading an entry.
func entryError(err error) error {
	if errors.Is(err, zip.ErrAlgorithm) {
		return ErrBundleUnsupported
	}
	return ErrBundleDamaged
}

// parseManifest reads manifest.json and checks everything in it that the
// app would otherwise trust.
func parseManifest(raw []byte) (bundleManifest, error) {
	var m bundleManifest
	invalid := func(format string, args ...any) (bundleManifest, error) {
		return m, bad(bundleManifestName, fmt.Sprintf(format, args...), ErrBundleManifest)
	}
	// The format and version first: a newer layout may not parse as this one.
	var head struct {
		Format        string `json:"format"`
		FormatVersion int    `json:"formatVersion"`
	}
	if err := json.Unmarshal(raw, &head); err != nil {
		return invalid("it is not valid JSON (%v)", err)
	}
	if head.Format != bundleKind {
		return invalid("its format is %q, not %q", clip(head.Format), bundleKind)
	}
	if head.FormatVersion != BundleFormat {
		return m, bad("", fmt.Sprintf("its format version is %d, and this version of FOI Explorer reads version %d", head.FormatVersion, BundleFormat), ErrBundleVersion)
	}
	if err := json.Unmarshal(raw, &m); err != nil {
		return invalid("it is not valid JSON (%v)", err)
	}
	d := m.Dataset
	switch {
	case strings.TrimSpace(d.Name) == "" || len(d.Name) > maxBundleName || !utf8.ValidString(d.Name):
		return invalid("the dataset's name %q is empty, longer than %d bytes or not text", clip(d.Name), maxBundleName)
	case d.Origin != OriginFile && d.Origin != OriginPaste && d.Origin != OriginRealExample && d.Origin != OriginSyntheticExample:
		return invalid("the dataset's origin %q is not one the app writes", clip(d.Origin))
	}
	if _, err := analysis.ParsePairingRule(d.Pairing); err != nil {
		return invalid("%v", err)
	}
	if y := m.CreatedAt.UTC().Year(); y < 1 || y > 9999 {
		return invalid("its date %v is not one the app writes", m.CreatedAt)
	}
	if len(d.NameMap) == 0 {
		m.Dataset.NameMap = nil // as WriteBundle leaves it out
	}
	if _, err := stats.ParseMethod(m.Parameters.Method); err != nil {
		return invalid("%v", err)
	}
	for written, key := range d.NameMap {
		if _, ok := police.ForceByKey(key); !ok {
			return invalid("the name %q is mapped to %q, which is not the key of a force", clip(written), clip(key))
		}
	}
	files := make([]BundleFile, len(m.Files))
	for i, f := range m.Files {
		files[i] = BundleFile{Name: f.Name, Values: f.Values}
		if f.Path == bundleManifestName || f.Path == m.Results.Path {
			return invalid("file %q is stored as %q, which is not an original file", clip(f.Name), clip(f.Path))
		}
	}
	if err := checkBundleFiles(files); err != nil {
		return invalid("%v", err)
	}
	if m.Results.Path == "" || m.Results.Path == bundleManifestName {
		return invalid("it does not say where results.csv is")
	}
	return m, nil
}

// DescribeResultsDifference compares the results.csv of a bundle with the one
// worked out again from its files: "" when they are the same bytes, else what
// differs, in words: how many rows, and the first differing cell with its
// force, period and column.
func DescribeResultsDifference(bundled, recomputed []byte) string {
	if bytes.Equal(bundled, recomputed) {
		return ""
	}
	b, errB := csv.NewReader(bytes.NewReader(bundled)).ReadAll()
	r, errR := csv.NewReader(bytes.NewReader(recomputed)).ReadAll()
	switch {
	case errB != nil:
		return fmt.Sprintf("the bundled results.csv is not a CSV file the app could have written (%v)", errB)
	case errR != nil:
		return fmt.Sprintf("the recomputed results.csv could not be read back (%v)", errR)
	case len(b) == 0 || len(r) == 0:
		return fmt.Sprintf("the bundled results.csv has %d lines, the recomputed one %d", len(b), len(r))
	}
	if !slices.Equal(b[0], r[0]) {
		return fmt.Sprintf("the columns differ: the bundle has %s; here %s", strings.Join(b[0], ","), strings.Join(r[0], ","))
	}
	header := b[0]
	differing, first := 0, ""
	for i := 1; i < max(len(b), len(r)); i++ {
		if i < len(b) && i < len(r) && slices.Equal(b[i], r[i]) {
			continue
		}
		differing++
		if first != "" {
			continue
		}
		switch {
		case i >= len(b):
			first = fmt.Sprintf("line %d is only here: %s", i+1, strings.Join(r[i], ","))
		case i >= len(r):
			first = fmt.Sprintf("line %d is only in the bundle: %s", i+1, strings.Join(b[i], ","))
		default:
			first = describeRowDifference(i+1, header, b[i], r[i])
		}
	}
	if differing == 0 {
		return "the cells are the same but the bytes are not (line endings or quoting differ)"
	}
	return fmt.Sprintf("%d of %d rows differ (the bundle has %d, here %d); the first: %s",
		differing, max(len(b), len(r))-1, len(b)-1, len(r)-1, first)
}

func describeRowDifference(line int, header, b, r []string) string {
	where := fmt.Sprintf("line %d", line)
	if len(b) > 2 {
		where = fmt.Sprintf("line %d (%s, %s)", line, b[1], b[2])
	}
	for j := range max(len(b), len(r)) {
		var x, y, col string
		if j < len(b) {
			x = b[j]
		}
		if j < len(r) {
			y = r[j]
		}
		if j < len(header) {
			col = header[j]
		}
		if x != y {
			return fmt.Sprintf("%s, column %s: %q in the bundle, %q here", where, col, x, y)
		}
	}
	return where
}

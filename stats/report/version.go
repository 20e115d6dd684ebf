package report

import "runtime/debug"

// Version is the app's version, written into every export that records how
// it was made (results.json). Raise it with each release.
const Version = "0.7.0"

// AppVersion is Version, followed by the commit the program was built from
// when the Go toolchain recorded it (go build in a git checkout does; go test
// does not), and "-dirty" when that checkout had uncommitted changes.
func AppVersion() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return Version
	}
	var revision, modified string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			revision = s.Value
		case "vcs.modified":
			modified = s.Value
		}
	}
	return versionOf(revision, modified == "true")
}

func versionOf(revision string, modified bool) string {
	if revision == "" {
		return Version
	}
	v := Version + "+" + revision[:min(12, len(revision))]
	if modified {
		v += "-dirty"
	}
	return v
}

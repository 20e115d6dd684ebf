module github.com/foi-explorer/foi-explorer

go 1.26

require (
	github.com/gocarina/gocsv v0.0.0-20240520201108-78e41c74b4b1 // indirect
	github.com/hack-pad/go-indexeddb v0.3.2 // indirect
	gonum.org/v1/gonum v0.17.0 // indirect
)

module github.com/foi-explorer/foi-explorer

go 1.26.0

require (
	github.com/chromedp/cdproto v0.0.0-20250724212937-08a3db8b4327
	github.com/chromedp/chromedp v0.14.2
	github.com/gocarina/gocsv v0.0.0-20240520201108-78e41c74b4b1
	github.com/hack-pad/go-indexeddb v0.3.2
	gonum.org/v1/gonum v0.17.0
)

require (
	github.com/chromedp/sysutil v1.1.0 // indirect
	github.com/go-json-experiment/json v0.0.0-20260213210345-44df1a37e875 // indirect
	github.com/gobwas/httphead v0.1.0 // indirect
	github.com/gobwas/pool v0.2.1 // indirect
	github.com/gobwas/ws v1.4.0 // indirect
	github.com/hack-pad/safejs v0.1.0 // indirect
	github.com/thedatashed/xlsxreader v1.2.8 // indirect
	golang.org/x/sys v0.34.0 // indirect
	golang.org/x/text v0.44.0 // indirect
)

package report

// SetSpanRows makes the exports' spans n figures long until the returned
// function puts them back.
func SetSpanRows(n int) func() {
	spanRows = n
	return func() { spanRows = SpanRows }
}

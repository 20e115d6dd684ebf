package main

import (
	"encoding/json"
	"testing"
)

// The view drawn in advance holds the synthetic example's 440 rows and its
// funnels, and is marked as practice data.
func TestFirstView(t *testing.T) {
	b, err := firstView()
	if err != nil {
		t.Fatal(err)
	}
	var v struct {
		Dataset struct{ ID, Mark string }
		Report  struct {
			Rows    []json.RawMessage
			Funnels []json.RawMessage
			Mark    string
		}
	}
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatal(err)
	}
	if v.Dataset.ID != PlaceholderID || v.Report.Mark == "" || len(v.Report.Rows) != 43*10+10 || len(v.Report.Funnels) != 10 {
		t.Errorf("id %q, mark %q, %d rows, %d funnels", v.Dataset.ID, v.Report.Mark, len(v.Report.Rows), len(v.Report.Funnels))
	}
}

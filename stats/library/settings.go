package library

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/foi-explorer/foi-explorer/stats"
)

// Settings are the user's choices that outlive a session.
type Settings struct {
	Method string `json:"method"` // "wilson" or "poisson"
	// ExamplesLoaded is set once the examples have been loaded on the first
	// visit, so that deleting them is not undone on the next one.
	ExamplesLoaded bool `json:"examplesLoaded"`
	// MemoryBudgetMB is the most memory the engine may use, in MB; 0 is
	// DefaultMemoryBudget. A smaller budget suits a device with little
	// memory; the tests set one to see a step refused.
	MemoryBudgetMB int `json:"memoryBudgetMB,omitempty"`
}

// Settings returns the stored settings; the method is Wilson's when none
// was chosen.
func (l *Library) Settings(ctx context.Context) (Settings, error) {
	set, err := l.primary.Settings(ctx)
	if set.Method == "" {
		set.Method = stats.Wilson.String()
	}
	return set, err
}

// PutSettings changes the settings named in raw, a JSON object, and stores
// them; an unknown interval method is refused.
func (l *Library) PutSettings(ctx context.Context, raw string) (Settings, error) {
	set, _ := l.Settings(ctx)
	if err := json.Unmarshal([]byte(raw), &set); err != nil {
		return set, fmt.Errorf("settings must be a JSON object: %w", err)
	}
	m, err := stats.ParseMethod(set.Method)
	if err != nil {
		return set, err
	}
	if set.MemoryBudgetMB < 0 {
		return set, fmt.Errorf("the memory budget must be a number of MB, not %d", set.MemoryBudgetMB)
	}
	set.Method = m.String()
	return set, l.primary.PutSettings(ctx, set)
}

// Method is the interval method chosen in the settings.
func (l *Library) Method(ctx context.Context) stats.Method {
	set, _ := l.Settings(ctx)
	m, _ := stats.ParseMethod(set.Method)
	return m
}

package e2e

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"
)

// firefoxTimeout bounds the whole Firefox run: about 30 s on an idle 2-core
// machine (Firefox's start and the engine's first compile are most of it).
const firefoxTimeout = 3 * time.Minute

// TestFirefoxMainPath runs the main path (first visit, add a file, the view,
// reload, offline, download results.csv) in Debian's firefox-esr, driven
// over WebDriver BiDi by puppeteer-core in e2e/firefox/main-path.mjs, against
// the real server. The script checks the page; this test gives it the server
// to stop for the offline step and checks the results.csv it downloaded
// against stats, as TestUserSession does in Chromium.
func TestFirefoxMainPath(t *testing.T) {
	firefox := os.Getenv("FOI_FIREFOX")
	if firefox == "" {
		firefox = "/usr/bin/firefox-esr"
	}
	if _, err := os.Stat(firefox); err != nil {
		needE2E(t, "Firefox is missing: run `make test`, which installs it (as root), or `sudo apt-get install -y firefox-esr`")
	}
	node, err := exec.LookPath("node")
	if err != nil {
		needE2E(t, "Node.js is missing: the Firefox test runs e2e/firefox/main-path.mjs with it")
	}
	if _, err := os.Stat(filepath.Join("firefox", "node_modules", "puppeteer-core")); err != nil {
		needE2E(t, "puppeteer-core is not installed: run `make test` (or `cd e2e/firefox && npm ci`)")
	}
	srv := newServer(t)
	const fixture = "testdata/forces-2016-2019.csv"
	out, err := filepath.Abs(filepath.Join("out", "firefox"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.RemoveAll(out); err != nil {
		t.Fatal(err)
	}

	ctx, cancel := context.WithTimeout(context.Background(), firefoxTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, node, filepath.Join("firefox", "main-path.mjs"),
		"--url", srv.url(), "--csv", fixture, "--out", out,
		"--server-pid", strconv.Itoa(srv.cmd.Process.Pid), "--firefox", firefox)
	var output bytes.Buffer
	cmd.Stdout, cmd.Stderr = &output, &output
	start := time.Now()
	err = cmd.Run()
	t.Logf("main-path.mjs in %.1f s:\n%s", time.Since(start).Seconds(), output.String())
	if ctx.Err() != nil {
		t.Fatalf("the Firefox run took more than %v", firefoxTimeout)
	}
	if err != nil {
		t.Fatalf("the main path failed in Firefox (%v); the script's output is above", err)
	}

	got, err := os.ReadFile(filepath.Join(out, "downloads", "results.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if diff := compareResultsCSV(got, expectedResultsCSV(t, fixture)); diff != "" {
		t.Errorf("results.csv downloaded in Firefox differs from stats: %s\n%s", diff, got)
	}
	for _, png := range []string{"firefox-view.png", "firefox-offline.png"} {
		if info, err := os.Stat(filepath.Join(out, png)); err != nil || info.Size() == 0 {
			t.Errorf("no screenshot %s: %v", png, fmt.Sprint(err))
		}
	}
}

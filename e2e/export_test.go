package e2e

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/foi-explorer/foi-explorer/stats/report"
)

// exportWords are typed into a chart's export form: HTML and quotes, which
// must come out as text.
type exportWords struct{ Title, Subtitle, Source, Byline string }

func wordsFor(chart string) exportWords {
	return exportWords{
		Title:    `<b>Missing & "found"</b> ` + chart,
		Subtitle: "Rate per 1,000 <i>registered</i>",
		Source:   `Home Office FOI <script>alert("x")</script>`,
		Byline:   "Chart by Jo Bloggs, The Courier",
	}
}

// svgFile is what a test reads from an exported SVG.
type svgFile struct {
	Width, Height float64
	Title, Desc   string
	Role          string
	Text          string          // every piece of character data, joined
	Elements      map[string]bool // the names of the elements used
}

// parseSVG reads an SVG with encoding/xml, as any XML tool would.
func parseSVG(t *testing.T, b []byte) svgFile {
	t.Helper()
	out := svgFile{Elements: map[string]bool{}}
	dec := xml.NewDecoder(bytes.NewReader(b))
	var text strings.Builder
	var stack []string
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("the SVG does not parse: %v\n%s", err, b)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			out.Elements[tok.Name.Local] = true
			if len(stack) == 0 {
				if tok.Name.Local != "svg" || tok.Name.Space != "http://www.w3.org/2000/svg" {
					t.Errorf("the root element is %v, not an SVG element", tok.Name)
				}
				for _, a := range tok.Attr {
					switch a.Name.Local {
					case "width":
						out.Width, _ = strconv.ParseFloat(a.Value, 64)
					case "height":
						out.Height, _ = strconv.ParseFloat(a.Value, 64)
					case "role":
						out.Role = a.Value
					}
				}
			}
			stack = append(stack, tok.Name.Local)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			text.Write(tok)
			text.WriteByte('\n')
			if len(stack) == 2 && stack[1] == "title" {
				out.Title += string(tok)
			}
			if len(stack) == 2 && stack[1] == "desc" {
				out.Desc += string(tok)
			}
		}
	}
	out.Text = text.String()
	return out
}

// checkChartExport types words into a chart's export form, saves its SVG and
// PNG, and checks both: the SVG parses and carries the words as text and the
// alt text as <title> and <desc>; the PNG decodes at twice the size.
func checkChartExport(t *testing.T, s *session, chart, mark string) svgFile {
	t.Helper()
	w := wordsFor(chart)
	s.eval(t, fmt.Sprintf(`document.querySelector("#%s-export details").open = true`, chart), nil)
	// The title the form starts with names the measure, not the dataset.
	var prefilled string
	s.eval(t, fmt.Sprintf(`document.getElementById(%q).value`, chart+"-export-title"), &prefilled)
	if !strings.HasPrefix(prefilled, "Missing per 1,000 registered offenders") {
		t.Errorf("%s chart: the export's title starts as %q, not from the measure", chart, prefilled)
	}
	set := func(field, value string) {
		s.eval(t, fmt.Sprintf(`(e => { e.value = %q; e.dispatchEvent(new Event("input")); return true; })(document.getElementById(%q))`,
			value, chart+"-export-"+field), nil)
	}
	set("title", w.Title)
	set("subtitle", w.Subtitle)
	set("source", w.Source)
	set("byline", w.Byline)
	var page struct {
		Alt, Label, Notes string
		Width             float64
	}
	s.eval(t, fmt.Sprintf(`(() => {
		const root = document.getElementById(%q).firstElementChild;
		const svg = root instanceof SVGSVGElement ? root : root.querySelector(":scope > svg");
		return {alt: document.getElementById(%q).value, label: root.getAttribute("aria-label"),
			notes: document.getElementById(%q).value, width: svg.getBoundingClientRect().width};
	})()`, chart+"-chart", chart+"-export-alt", chart+"-export-notes"), &page)
	if len(page.Alt) < 40 || page.Label != page.Alt {
		t.Errorf("%s chart: alt text %q, the chart's accessible name %q", chart, page.Alt, page.Label)
	}
	if page.Notes == "" {
		t.Errorf("%s chart: the notes are not prefilled from the caption", chart)
	}

	b := s.downloadFile(t, "#"+chart+"-export-svg", chart+"-chart.svg")
	svg := parseSVG(t, b)
	for _, want := range []string{w.Title, w.Subtitle, "Source: " + w.Source, w.Byline} {
		if !strings.Contains(svg.Text, want) {
			t.Errorf("%s.svg lacks the text %q", chart, want)
		}
	}
	// The notes are wrapped onto lines: their words are all there.
	for _, word := range strings.Fields(page.Notes) {
		if !strings.Contains(svg.Text, word) {
			t.Errorf("%s.svg lacks %q of the notes", chart, word)
			break
		}
	}
	if mark != "" && !strings.Contains(svg.Text, strings.ToUpper(mark)) {
		t.Errorf("%s.svg lacks the mark %q", chart, strings.ToUpper(mark))
	}
	if svg.Title != w.Title || svg.Desc != page.Alt || svg.Role != "img" {
		t.Errorf("%s.svg: <title> %q, <desc> %q, role %q; want the title, the alt text and img", chart, svg.Title, svg.Desc, svg.Role)
	}
	for _, tag := range []string{"b", "i", "script"} {
		if svg.Elements[tag] {
			t.Errorf("%s.svg has a <%s> element: text from the page became markup", chart, tag)
		}
	}
	if !svg.Elements["g"] || !svg.Elements["text"] {
		t.Errorf("%s.svg holds no chart", chart)
	}
	if svg.Width != float64(int(page.Width+0.5)) {
		t.Errorf("%s.svg is %v wide, the chart %v", chart, svg.Width, page.Width)
	}
	s.saveFile(t, "export-"+chart+".svg", b)
	checkNoOverlap(t, s, chart, string(b))

	b = s.downloadFile(t, "#"+chart+"-export-png", chart+"-chart.png")
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("%s.png does not decode: %v", chart, err)
	}
	size := img.Bounds().Size()
	if float64(size.X) != 2*svg.Width || float64(size.Y) != 2*svg.Height {
		t.Errorf("%s.png is %v, want twice the SVG's %v × %v", chart, size, svg.Width, svg.Height)
	}
	// The image is not blank: the chart was drawn into it.
	colours := map[uint32]bool{}
	for x := 0; x < size.X; x += 7 {
		for y := 0; y < size.Y; y += 7 {
			r, g, b, _ := img.At(x, y).RGBA()
			colours[r>>8<<16|g>>8<<8|b>>8] = true
		}
	}
	if len(colours) < 3 {
		t.Errorf("%s.png has %d colours: it is blank", chart, len(colours))
	}
	s.saveFile(t, "export-"+chart, b)
	return svg
}

// saveFile keeps a downloaded file in e2e/out for a person to look at (a
// name without an extension is a PNG).
func (s *session) saveFile(t *testing.T, name string, b []byte) {
	t.Helper()
	if filepath.Ext(name) != "" {
		if err := os.MkdirAll("out", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join("out", name), b, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	s.save(t, name, b)
}

// resultsJSON is results.json as a test reads it.
type resultsJSON struct {
	App, Version, Dataset, Method, MethodText, Mark string
	Files, Columns                                  []string
	Rows                                            []map[string]any
}

// checkResultsJSON checks that results.json holds the rows of results.csv:
// the same columns in the same order and the same values, numbers as
// numbers, names as written where the CSV neutralises them.
func checkResultsJSON(t *testing.T, jsonBytes, csvBytes []byte) resultsJSON {
	t.Helper()
	var file resultsJSON
	dec := json.NewDecoder(bytes.NewReader(jsonBytes))
	dec.UseNumber()
	if err := dec.Decode(&file); err != nil {
		t.Fatalf("results.json does not parse: %v", err)
	}
	records, err := csv.NewReader(bytes.NewReader(csvBytes)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if file.App != "FOI Explorer" || !strings.HasPrefix(file.Version, report.Version) || file.MethodText == "" {
		t.Errorf("results.json says app %q, version %q, method %q", file.App, file.Version, file.MethodText)
	}
	if strings.Join(file.Columns, ",") != strings.Join(records[0], ",") {
		t.Errorf("results.json columns %q, results.csv header %q", file.Columns, records[0])
	}
	if len(file.Rows) != len(records)-1 {
		t.Fatalf("results.json has %d rows, results.csv %d", len(file.Rows), len(records)-1)
	}
	for i, rec := range records[1:] {
		for j, col := range records[0] {
			var got string
			switch v := file.Rows[i][col].(type) {
			case nil:
			case json.Number:
				got = v.String()
			case string:
				got = report.SafeCell(v)
			default:
				t.Fatalf("results.json row %d %s is a %T", i+1, col, v)
			}
			if got != rec[j] {
				t.Errorf("row %d %s: results.json %q, results.csv %q", i+1, col, got, rec[j])
			}
		}
	}
	return file
}

// injectionCSV is a file whose force names and file name try to run as
// formulas in a spreadsheet or as HTML in the page and the exports.
const injectionCSV = `Force,Year,Missing,Registered
Kent,2018,10,1000
Kent,2019,12,1010
Essex,2018,8,900
Essex,2019,9,950
Surrey,2018,5,700
Surrey,2019,6,720
"=cmd|' /C calc'!A0",2018,3,300
"=cmd|' /C calc'!A0",2019,4,310
@SUM(A1),2019,7,640
<img src=x onerror=alert(1)>,2019,2,200
`

// numericColumns are the columns of results.csv that hold numbers.
var numericColumns = map[string]bool{"missing": true, "registered": true, "rate_per_1000": true, "ci95_low": true, "ci95_high": true,
	"ci998_low": true, "ci998_high": true, "rank": true, "rank_low": true, "rank_high": true, "trend_p": true}

// checkNeutralised checks that results.csv writes the hostile names with a
// leading apostrophe and leaves every number a plain number.
func checkNeutralised(t *testing.T, b []byte) {
	t.Helper()
	records, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]int{}
	numbers := 0
	for _, rec := range records[1:] {
		names[rec[1]]++
		for j, cell := range rec {
			if strings.ContainsAny(cell[:min(1, len(cell))], "=+-@\t\r") {
				t.Errorf("results.csv cell %s = %q would run as a formula", records[0][j], cell)
			}
			if numericColumns[records[0][j]] && cell != "" {
				if _, err := strconv.ParseFloat(cell, 64); err != nil {
					t.Errorf("results.csv %s = %q is not a plain number", records[0][j], cell)
				}
				numbers++
			}
		}
	}
	for _, want := range []string{`'=cmd|' /C calc'!A0`, "'@SUM(A1)", "<img src=x onerror=alert(1)>"} {
		if names[want] == 0 {
			t.Errorf("results.csv has no row for %q; names: %v", want, names)
		}
	}
	if numbers < 30 {
		t.Errorf("only %d numbers in results.csv", numbers)
	}
}

// checkNoOverlap draws an exported SVG in the page and fails when two of
// its texts overlap (a tick label over an axis label, a note over the
// source line): an image for publishing must be readable as it is.
func checkNoOverlap(t *testing.T, s *session, chart, svg string) {
	t.Helper()
	var overlaps []string
	s.eval(t, `((text) => {
		const box = document.createElement("div");
		box.style.cssText = "position:absolute;left:0;top:0;visibility:hidden";
		box.innerHTML = text;
		document.body.append(box);
		const texts = [...box.querySelectorAll("text")].filter((e) => e.textContent.trim() !== "")
			.map((e) => ({ s: e.textContent.trim(), r: e.getBoundingClientRect() }));
		box.remove();
		const out = [];
		for (let i = 0; i < texts.length; i++) for (let j = i + 1; j < texts.length; j++) {
			const a = texts[i].r, b = texts[j].r;
			const w = Math.min(a.right, b.right) - Math.max(a.left, b.left), h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
			if (w > 2 && h > 2) out.push(texts[i].s.slice(0, 40) + " | " + texts[j].s.slice(0, 40));
		}
		return out;
	})(`+jsonString(svg)+`)`, &overlaps)
	if len(overlaps) > 0 {
		t.Errorf("%s.svg: texts overlap: %q", chart, overlaps)
	}
}

// jsonString is s as a JavaScript string literal (JSON's, which Go writes
// with U+2028 and U+2029 escaped).
func jsonString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

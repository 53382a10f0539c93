package amili

import (
	"encoding/json"
	"testing"

	"paminn/core"
)

// FuzzReportPage holds a report lookup's reading of an answer to failing closed,
// whatever Amili (or something in between) answers: "not there" only from a
// well-formed `_items` list with `_meta` whose every item is of the case, and "found"
// only for an item of the case that is the report.
func FuzzReportPage(f *testing.F) {
	for _, seed := range []string{
		`{"_items": [], "_meta": {"total": 0, "max_results": 100, "page": 1}}`,
		`{"_items": [{"_id": "p1", "case": "C", "creditor_payment_reference": "R"}], "_meta": {"total": 1, "max_results": 100, "page": 1}}`,
		`{"_items": [{"_id": "p1", "case": "D", "creditor_payment_reference": "R"}], "_meta": {"total": 1}}`,
		`{"_items": [], "_meta": {"total": 5, "max_results": 100, "page": 1}}`,
		`{"cases": [], "count": 0}`, `<html>502</html>`, `{"_items": null, "_meta": {}}`,
	} {
		f.Add([]byte(seed), 1)
	}
	r := core.AmiliReport{Kind: core.AmiliReportPayment, CaseRef: "C", Reference: "R"}
	lk := reportLookups[r.Kind]
	f.Fuzz(func(t *testing.T, body []byte, page int) {
		if page < 1 || page > 10000 {
			return
		}
		found, ref, _, err := reportPage(body, r, lk, page)
		if err != nil {
			if found {
				t.Fatal("found and an error")
			}
			return
		}
		// Decoded as encoding/json decodes (field names match without regard to case).
		var list struct {
			Items []struct {
				ID        string `json:"_id"`
				Case      string `json:"case"`
				Reference string `json:"creditor_payment_reference"`
			} `json:"_items"`
			Meta *struct{} `json:"_meta"`
		}
		if json.Unmarshal(body, &list) != nil || list.Items == nil || list.Meta == nil {
			t.Fatalf("%q read as an answer, found %v", body, found)
		}
		for _, it := range list.Items {
			if it.Case != "C" {
				t.Fatalf("%q holds another case's item, read as an answer", body)
			}
		}
		if found {
			hit := false
			for _, it := range list.Items {
				hit = hit || it.ID == ref && it.Reference == "R"
			}
			if !hit {
				t.Fatalf("%q: found %q, which is not the report", body, ref)
			}
		}
	})
}

package demo_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"paminn/core"
	"paminn/data/bankfile"
	"paminn/data/demo"
)

// openDemo opens a fresh demo book in a temporary folder, with its bank files beside it.
func openDemo(t *testing.T) (string, *core.Service) {
	t.Helper()
	dir := t.TempDir()
	d, err := demo.OpenBook(context.Background(), dir, 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(d.Close)
	return dir, core.NewService(d.Store, core.Options{BankFiles: bankfile.Reader{}, LettersDir: d.LettersDir})
}

// TestTheDemoShipsBankFilesThatShowEveryOutcome opens a fresh demo book and previews
// the BGMax and camt.054 files written beside it.
func TestTheDemoShipsBankFilesThatShowEveryOutcome(t *testing.T) {
	dir, svc := openDemo(t)
	want := map[string][]core.PaymentOutcome{
		demo.BGMaxFileName:   {core.OutcomeFull, core.OutcomePartly, core.OutcomeOver, core.OutcomeNoMatch, core.OutcomeAmili, core.OutcomeSuggested, core.OutcomeDeduction},
		demo.Camt054FileName: {core.OutcomeFull, core.OutcomePartly, core.OutcomeOver, core.OutcomeNoMatch, core.OutcomeAmili},
	}
	for name, outcomes := range want {
		content, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		imp, err := svc.PreviewPaymentFile(context.Background(), name, content)
		if err != nil {
			t.Fatal(err)
		}
		for _, o := range outcomes {
			if imp.Total(o).Count == 0 {
				t.Errorf("%s has no payment that %s", name, o)
			}
		}
	}
}

func TestTheDemoBankFilesAreTheSameEveryTime(t *testing.T) {
	spec := demo.DemoSpec(core.MustDate("2026-11-26"))
	a1, b1 := demo.BankFiles(spec, "5050-1055")
	a2, b2 := demo.BankFiles(spec, "5050-1055")
	if len(a1) == 0 || !bytes.Equal(a1, a2) || !bytes.Equal(b1, b2) {
		t.Error("the demo's bank files differ between two runs")
	}
}

// The demo's camt.054 file repeats one payment of its BGMax file, as a bank sending
// both formats does: once the BGMax file is registered, the camt.054 file shows that
// payment as registered from another file, not as money to keep as a credit.
func TestTheDemosPaymentInBothFilesIsRegisteredOnce(t *testing.T) {
	dir, svc := openDemo(t)
	ctx := context.Background()
	preview := func(name string) core.PaymentImport {
		content, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		imp, err := svc.PreviewPaymentFile(ctx, name, content)
		if err != nil {
			t.Fatal(err)
		}
		return imp
	}
	if _, err := svc.RegisterPayments(ctx, preview(demo.BGMaxFileName)); err != nil {
		t.Fatal(err)
	}
	camt := preview(demo.Camt054FileName)
	if n := camt.Total(core.OutcomeElsewhere).Count; n != 1 {
		t.Errorf("%d payments of the camt.054 file recognised from the BGMax file, want 1", n)
	}
	if n := camt.Total(core.OutcomeAlreadyPaid).Count; n != 0 {
		t.Errorf("%d payments of the camt.054 file would become credits", n)
	}
}

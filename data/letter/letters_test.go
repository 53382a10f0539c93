package letter

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"

	"paminn/core"
)

// lettersOf is n sample letters, each of its own invoice, numbered 2025-1000 onward.
func lettersOf(n int) []core.Letter {
	ls := make([]core.Letter, n)
	for i := range ls {
		l := sampleLetter()
		l.Invoice.Number = fmt.Sprintf("2025-%d", 1000+i)
		l.Invoice.ID, l.Reminder.ID = int64(i+1), int64(i+1)
		ls[i] = l
	}
	return ls
}

// Issue 22, "print when wanted": a batch's letters as one PDF, read back with
// pdftotext: one page a letter, each with its own invoice and figures, in order.
func TestTheLettersAsOnePDFHaveEachLetterOnAPageOfItsOwn(t *testing.T) {
	ls := lettersOf(3)
	pdf, err := New().RenderLetters(ls)
	if err != nil {
		t.Fatal(err)
	}
	pages := strings.Split(strings.TrimRight(pdfText(t, pdf), "\f\n"), "\f")
	if len(pages) != 3 {
		t.Fatalf("%d pages, want 3", len(pages))
	}
	for i, p := range pages {
		for _, want := range []string{"Fakturanummer " + ls[i].Invoice.Number, "Betalningspåminnelse 2", "Åsa Öberg AB", "Org.nr 556677-8899"} {
			if !strings.Contains(p, want) {
				t.Errorf("page %d lacks %q:\n%s", i+1, want, p)
			}
		}
		for j := range ls {
			if j != i && strings.Contains(p, ls[j].Invoice.Number) {
				t.Errorf("page %d also names invoice %s", i+1, ls[j].Invoice.Number)
			}
		}
	}
	one, err := New().RenderLetter(ls[1])
	if err != nil {
		t.Fatal(err)
	}
	if alone := strings.TrimRight(pdfText(t, one), "\f\n"); alone != strings.TrimRight(pages[1], "\n") {
		t.Errorf("the second page differs from the letter alone:\n%s\n---\n%s", pages[1], alone)
	}
}

func TestWriteLettersWritesOneFileOnceAndRefusesNoLetters(t *testing.T) {
	dir := t.TempDir()
	w := New()
	path, err := w.WriteLetters(context.Background(), dir, "Paminnelser-2025-03-01-batch7.pdf", lettersOf(2))
	if err != nil {
		t.Fatal(err)
	}
	again, err := w.WriteLetters(context.Background(), dir, "Paminnelser-2025-03-01-batch7.pdf", lettersOf(2))
	if err != nil || again != path {
		t.Errorf("writing the same letters again gave %q (%v), want %q", again, err, path)
	}
	if files, _ := os.ReadDir(dir); len(files) != 1 {
		t.Errorf("%d files in the folder, want 1", len(files))
	}
	if _, err := w.RenderLetters(nil); core.ErrorCodeOf(err) != core.EINVALID {
		t.Errorf("no letters: %v, want EINVALID", err)
	}
}

// BenchmarkRenderLetters200 is a full batch (core.MaxBatch) of letters as one PDF;
// the target is ≤ 2 s (BENCHMARKS.md).
func BenchmarkRenderLetters200(b *testing.B) {
	ls, w := lettersOf(core.MaxBatch), New()
	for b.Loop() {
		if _, err := w.RenderLetters(ls); err != nil {
			b.Fatal(err)
		}
	}
}

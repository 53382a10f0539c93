package core_test

import (
	"context"
	"testing"

	"paminn/data/testbook"
)

func TestNextInvoiceNumberReadsTheBook(t *testing.T) {
	book := testbook.New(t, testbook.Options{Overdue: 12})
	next, err := book.Service.NextInvoiceNumber(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	// 10001–10012, 20001 and 20002.
	if next != "20003" {
		t.Errorf("next = %q, want 20003", next)
	}
}

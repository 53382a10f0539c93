package core_test

import (
	"context"
	"testing"

	"paminn/core"
	"paminn/data/testbook"
)

func TestNextCustomerNumberFollowsTheHighestInTheBook(t *testing.T) {
	book := testbook.New(t, testbook.Options{})
	ctx := context.Background()
	cs, err := book.Service.Customers(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, number := range []string{"K0099", "K0100"} {
		if _, err := book.Service.SaveCustomer(ctx, core.Customer{Number: number, Name: "Bygg " + number, IsCompany: true}); err != nil {
			t.Fatal(err)
		}
	}
	next, err := book.Service.NextCustomerNumber(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if next != "K0101" {
		t.Errorf("next customer number = %q, want K0101 (the book had %d customers before)", next, len(cs))
	}
}

package data

import (
	"testing"

	"paminn/core"
)

func TestCustomersRoundTripEveryField(t *testing.T) {
	s := mustOpen(t)
	want := core.Customer{Number: "K7", Name: "Åsa Öberg", IDNumber: "19800101-1234", IsCompany: false,
		Email: "asa@example.se", FeeAgreed: true,
		Address: core.Address{Line1: "Ängsvägen 3", Line2: "c/o Berg", ZipCode: "752 36", City: "Uppsala", Country: "SE"}}
	created, err := s.CreateCustomer(ctx, want)
	if err != nil {
		t.Fatal(err)
	}
	if created.ID == 0 {
		t.Fatal("CreateCustomer returned no ID")
	}
	want.ID = created.ID
	got, err := s.Customer(ctx, created.ID)
	if err != nil || got != want {
		t.Fatalf("Customer = %+v, %v; want %+v", got, err, want)
	}

	want.Name, want.IsCompany, want.FeeAgreed, want.Address.City = "Åsa Öberg AB", true, false, "Gävle"
	if err := s.UpdateCustomer(ctx, want); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Customer(ctx, want.ID); got != want {
		t.Fatalf("after update = %+v, want %+v", got, want)
	}
}

func TestCustomersAreListedByName(t *testing.T) {
	s := mustOpen(t)
	mustCustomer(t, s, "K2", "Bertil AB")
	mustCustomer(t, s, "K1", "Anna AB")
	mustCustomer(t, s, "K3", "Cecilia HB")
	cs, err := s.Customers(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range cs {
		got = append(got, c.Name)
	}
	if len(got) != 3 || got[0] != "Anna AB" || got[1] != "Bertil AB" || got[2] != "Cecilia HB" {
		t.Fatalf("Customers = %v, want by name", got)
	}
}

func TestCustomerErrors(t *testing.T) {
	s := mustOpen(t)
	anna := mustCustomer(t, s, "K1", "Anna AB")
	bertil := mustCustomer(t, s, "K2", "Bertil AB")
	tests := []struct {
		name string
		do   func() error
		code core.ErrorCode
	}{
		{"a second customer with the same number is a conflict", func() error {
			_, err := s.CreateCustomer(ctx, core.Customer{Number: "K1", Name: "Other"})
			return err
		}, core.ECONFLICT},
		{"renumbering onto another customer's number is a conflict", func() error {
			bertil.Number = anna.Number
			return s.UpdateCustomer(ctx, bertil)
		}, core.ECONFLICT},
		{"updating a customer that does not exist is not found", func() error {
			return s.UpdateCustomer(ctx, core.Customer{ID: 999, Number: "K9", Name: "Nobody"})
		}, core.ENOTFOUND},
		{"reading a customer that does not exist is not found", func() error {
			_, err := s.Customer(ctx, 999)
			return err
		}, core.ENOTFOUND},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { wantCode(t, tt.do(), tt.code) })
	}
	err := func() error { _, err := s.CreateCustomer(ctx, core.Customer{Number: "K1", Name: "Other"}); return err }()
	if text := core.AsError(err).Text(); text != "Customer number K1 already exists" {
		t.Errorf("conflict message = %q", text)
	}
}

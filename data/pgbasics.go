package data

import (
	"context"
	"database/sql"
	"encoding/json"

	"paminn/core"
)

// The operations of core.Store ported to PostgreSQL so far: each is the SQLite
// method's shared function (engine.go) in PGStore's transaction, and each has its
// store test run on both engines (engines_test.go).

// Settings returns the stored settings, as Store.Settings.
func (s *PGStore) Settings(ctx context.Context) (core.Settings, error) {
	doc := toSettingsDoc(core.DefaultSettings())
	err := s.read(ctx, "read settings", func(ctx context.Context, tx *sql.Tx) error { return readSettings(ctx, tx, &doc) })
	if err != nil {
		return core.Settings{}, err
	}
	return doc.settings(), nil
}

// SaveSettings stores the settings, as Store.SaveSettings.
func (s *PGStore) SaveSettings(ctx context.Context, set core.Settings) error {
	text, err := json.Marshal(toSettingsDoc(set))
	if err != nil {
		return storeError(err, "encode settings")
	}
	return s.write(ctx, "save settings", func(ctx context.Context, tx *sql.Tx) error { return saveSettings(ctx, tx, text) })
}

// ReferenceRates returns the reference-rate table, as Store.ReferenceRates.
func (s *PGStore) ReferenceRates(ctx context.Context) ([]core.ReferenceRate, error) {
	var rates []core.ReferenceRate
	err := s.read(ctx, "read reference rates", func(ctx context.Context, tx *sql.Tx) (err error) {
		rates, err = readReferenceRates(ctx, tx)
		return err
	})
	return rates, err
}

// SaveReferenceRates replaces the reference-rate table, as Store.SaveReferenceRates.
func (s *PGStore) SaveReferenceRates(ctx context.Context, rates []core.ReferenceRate) error {
	return s.write(ctx, "save reference rates", func(ctx context.Context, tx *sql.Tx) error {
		return replaceReferenceRates(ctx, tx, rates)
	})
}

// Customers returns all customers ordered by name, as Store.Customers.
func (s *PGStore) Customers(ctx context.Context) ([]core.Customer, error) {
	var cs []core.Customer
	err := s.read(ctx, "list customers", func(ctx context.Context, tx *sql.Tx) (err error) {
		cs, err = listCustomers(ctx, tx)
		return err
	})
	return cs, err
}

// Customer returns one customer, as Store.Customer.
func (s *PGStore) Customer(ctx context.Context, id int64) (core.Customer, error) {
	var c core.Customer
	err := s.read(ctx, "read customer", func(ctx context.Context, tx *sql.Tx) (err error) {
		c, err = findCustomer(ctx, tx, id)
		return err
	})
	return c, err
}

// CreateCustomer inserts a customer, as Store.CreateCustomer.
func (s *PGStore) CreateCustomer(ctx context.Context, c core.Customer) (core.Customer, error) {
	err := s.write(ctx, "create customer", func(ctx context.Context, tx *sql.Tx) (err error) {
		c.ID, err = insertCustomer(ctx, tx, c)
		return err
	})
	if err != nil {
		return core.Customer{}, err
	}
	return c, nil
}

// UpdateCustomer replaces a customer's fields, as Store.UpdateCustomer.
func (s *PGStore) UpdateCustomer(ctx context.Context, c core.Customer) error {
	return s.write(ctx, "update customer", func(ctx context.Context, tx *sql.Tx) error { return updateCustomer(ctx, tx, c) })
}

// Invoice returns one invoice, as Store.Invoice.
func (s *PGStore) Invoice(ctx context.Context, id int64) (core.Invoice, error) {
	var inv core.Invoice
	err := s.read(ctx, "read invoice", func(ctx context.Context, tx *sql.Tx) (err error) {
		inv, err = findInvoice(ctx, tx, id)
		return err
	})
	return inv, err
}

// CreateInvoice inserts an invoice, as Store.CreateInvoice.
func (s *PGStore) CreateInvoice(ctx context.Context, inv core.Invoice) (core.Invoice, error) {
	err := s.write(ctx, "create invoice", func(ctx context.Context, tx *sql.Tx) (err error) {
		inv, err = createInvoice(ctx, tx, inv)
		return err
	})
	if err != nil {
		return core.Invoice{}, err
	}
	return inv, nil
}

// Import inserts customers and then invoices in one transaction, as Store.Import.
func (s *PGStore) Import(ctx context.Context, customers []core.Customer, invoices []core.ImportInvoice) (core.ImportResult, error) {
	var res core.ImportResult
	err := s.write(ctx, "import", func(ctx context.Context, tx *sql.Tx) (err error) {
		res, err = importBook(ctx, tx, customers, invoices)
		return err
	})
	if err != nil {
		return core.ImportResult{}, err
	}
	s.compactSums(ctx, len(invoices))
	return res, nil
}

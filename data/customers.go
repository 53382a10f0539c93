package data

import (
	"context"
	"database/sql"

	"paminn/core"
)

// customerColumns are the customers columns scanCustomer reads, for a table aliased c.
const customerColumns = `c.id, c.number, c.name, c.id_number, c.is_company, c.email,
	c.address_line1, c.address_line2, c.zip_code, c.city, c.country, c.fee_agreed, c.mobile`

// customerDest are the scan destinations for customerColumns.
func customerDest(c *core.Customer) []any {
	return []any{&c.ID, &c.Number, &c.Name, &c.IDNumber, &c.IsCompany, &c.Email,
		&c.Address.Line1, &c.Address.Line2, &c.Address.ZipCode, &c.Address.City, &c.Address.Country,
		&c.FeeAgreed, &c.Mobile}
}

// scanCustomer reads customerColumns.
func scanCustomer(row interface{ Scan(...any) error }, c *core.Customer) error {
	return row.Scan(customerDest(c)...)
}

// customerArgs are c's values in the order of insertCustomerSQL's columns.
func customerArgs(c core.Customer) []any {
	return []any{c.Number, c.Name, c.IDNumber, boolInt(c.IsCompany), c.Email,
		c.Address.Line1, c.Address.Line2, c.Address.ZipCode, c.Address.City, c.Address.Country,
		boolInt(c.FeeAgreed), c.Mobile}
}

const insertCustomerSQL = `INSERT INTO customers (number, name, id_number, is_company, email,
	address_line1, address_line2, zip_code, city, country, fee_agreed, mobile)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`

// Customers returns all customers ordered by name.
func (s *Store) Customers(ctx context.Context) ([]core.Customer, error) {
	var cs []core.Customer
	err := s.read(ctx, "list customers", func(tx *sql.Tx) (err error) {
		cs, err = listCustomers(ctx, tx)
		return err
	})
	return cs, err
}

// listCustomers reads all customers ordered by name.
func listCustomers(ctx context.Context, tx *sql.Tx) ([]core.Customer, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+customerColumns+` FROM customers c ORDER BY c.name, c.id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var cs []core.Customer
	for rows.Next() {
		var c core.Customer
		if err := scanCustomer(rows, &c); err != nil {
			return nil, err
		}
		cs = append(cs, c)
	}
	return cs, rows.Err()
}

// Customer returns one customer (ENOTFOUND if there is none with id).
func (s *Store) Customer(ctx context.Context, id int64) (core.Customer, error) {
	var c core.Customer
	err := s.read(ctx, "read customer", func(tx *sql.Tx) (err error) {
		c, err = findCustomer(ctx, tx, id)
		return err
	})
	return c, err
}

func findCustomer(ctx context.Context, tx *sql.Tx, id int64) (core.Customer, error) {
	var c core.Customer
	err := scanCustomer(tx.QueryRowContext(ctx, `SELECT `+customerColumns+` FROM customers c WHERE c.id = ?`, id), &c)
	if err == sql.ErrNoRows {
		return c, notFound(err, msgNoCustomer, id)
	}
	return c, err
}

// CreateCustomer inserts a customer and returns it with its ID (ECONFLICT on a
// duplicate customer number).
func (s *Store) CreateCustomer(ctx context.Context, c core.Customer) (core.Customer, error) {
	err := s.write(ctx, "create customer", func(tx *sql.Tx) (err error) {
		c.ID, err = insertCustomer(ctx, tx, c)
		return err
	})
	if err != nil {
		return core.Customer{}, err
	}
	return c, nil
}

// insertCustomer inserts c and returns its ID (ECONFLICT on a duplicate number).
func insertCustomer(ctx context.Context, tx *sql.Tx, c core.Customer) (int64, error) {
	var id int64
	err := tx.QueryRowContext(ctx, insertCustomerSQL+` RETURNING id`, customerArgs(c)...).Scan(&id)
	if err != nil {
		return 0, customerConflict(err, c)
	}
	return id, nil
}

// UpdateCustomer replaces a customer's fields (ENOTFOUND if it does not exist,
// ECONFLICT if its new number belongs to another customer).
func (s *Store) UpdateCustomer(ctx context.Context, c core.Customer) error {
	return s.write(ctx, "update customer", func(tx *sql.Tx) error { return updateCustomer(ctx, tx, c) })
}

// updateCustomer replaces c's fields (ENOTFOUND, ECONFLICT as UpdateCustomer).
func updateCustomer(ctx context.Context, tx *sql.Tx, c core.Customer) error {
	res, err := tx.ExecContext(ctx, `UPDATE customers SET number = ?, name = ?, id_number = ?,
		is_company = ?, email = ?, address_line1 = ?, address_line2 = ?, zip_code = ?, city = ?,
		country = ?, fee_agreed = ?, mobile = ? WHERE id = ?`, append(customerArgs(c), c.ID)...)
	if err != nil {
		return customerConflict(err, c)
	}
	return mustAffect(res, msgNoCustomer, c.ID)
}

// customerConflict explains a duplicate customer number.
func customerConflict(err error, c core.Customer) error {
	if isUnique(err) {
		return core.Wrap(err, core.ECONFLICT, msgDupCustomer, map[string]any{"Number": c.Number})
	}
	return err
}

// mustAffect returns ENOTFOUND (about id) when an UPDATE changed no row.
func mustAffect(res sql.Result, message string, id int64) error {
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n == 0 {
		return core.Errorf(core.ENOTFOUND, message, map[string]any{"ID": id})
	}
	return nil
}

package core

import (
	"context"
	"net/mail"
	"strings"
)

// Customers returns every customer, ordered by name.
func (s *Service) Customers(ctx context.Context) ([]Customer, error) { return s.store.Customers(ctx) }

// SaveCustomer validates c and creates it (ID 0) or updates it.
func (s *Service) SaveCustomer(ctx context.Context, c Customer) (Customer, error) {
	if err := prepareCustomer(&c); err != nil {
		return Customer{}, err
	}
	if c.ID == 0 {
		created, err := s.store.CreateCustomer(ctx, c)
		if err != nil {
			return Customer{}, err
		}
		s.changed("customer created")
		return created, nil
	}
	if err := s.store.UpdateCustomer(ctx, c); err != nil {
		return Customer{}, err
	}
	s.changed("customer updated")
	return c, nil
}

// prepareCustomer trims and checks a customer's fields.
func prepareCustomer(c *Customer) error {
	c.Number, c.Name = strings.TrimSpace(c.Number), strings.TrimSpace(c.Name)
	c.Email, c.IDNumber = strings.TrimSpace(c.Email), strings.TrimSpace(c.IDNumber)
	if c.Address.Country == "" {
		c.Address.Country = "SE"
	}
	switch {
	case c.Number == "":
		return Errorf(EINVALID, "The customer needs a customer number", nil)
	case c.Name == "":
		return Errorf(EINVALID, "The customer needs a name", nil)
	}
	if err := CheckEmail(c.Email); err != nil {
		return err
	}
	if c.IDNumber != "" && !ValidIDNumber(c.IDNumber) {
		return Errorf(EINVALID, "{{.Value}} is not a valid organisation or personal number", map[string]any{"Value": c.IDNumber})
	}
	return nil
}

// CheckEmail accepts "" or one plain address such as anna@example.se.
func CheckEmail(addr string) error {
	if addr == "" {
		return nil
	}
	a, err := mail.ParseAddress(addr)
	if err != nil || a.Address != addr || !strings.Contains(addr[strings.LastIndex(addr, "@")+1:], ".") {
		return Errorf(EINVALID, "{{.Value}} is not a valid e-mail address", map[string]any{"Value": addr})
	}
	return nil
}

// IsOrganisationNumber tells whether s is a legal person's organisation number
// rather than a personal number: its third digit (of ten; twelve with the prefix
// 16) is at least 2, where a personal number has its birth month (Skatteverket,
// SKV 709). It does not check the number; ValidIDNumber does.
func IsOrganisationNumber(s string) bool {
	digits := onlyDigits(s)
	if len(digits) == 12 && strings.HasPrefix(digits, "16") {
		digits = digits[2:]
	}
	return len(digits) == 10 && digits[2] >= '2'
}

// ValidIDNumber checks a Swedish organisation or personal number (10 or 12 digits,
// optional hyphen or plus) by its Luhn check digit over the last ten digits.
func ValidIDNumber(s string) bool {
	digits := onlyDigits(s)
	if len(digits) == 12 {
		digits = digits[2:]
	}
	if len(digits) != 10 || strings.Trim(s, "0123456789-+ ") != "" {
		return false
	}
	return ValidOCR(digits)
}

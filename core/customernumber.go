package core

import "context"

// NextCustomerNumber suggests the number of a new customer by the rule of
// NextInvoiceNumber: the one after the highest customer number that ends in digits,
// keeping its prefix and zero padding ("K1057" → "K1058"), or "" when none does.
func (s *Service) NextCustomerNumber(ctx context.Context) (string, error) {
	cs, err := s.store.Customers(ctx)
	if err != nil {
		return "", err
	}
	numbers := make([]string, len(cs))
	for i, c := range cs {
		numbers[i] = c.Number
	}
	return nextInvoiceNumber(numbers), nil
}

package core

import (
	"context"
	"math/big"
	"strings"
)

// NextInvoiceNumber suggests the number of a new invoice: the one after the highest
// number in the book that ends in digits, keeping its prefix and its zero padding
// ("F-0099" → "F-0100", "10099" → "10100"), or "" when no number ends in digits.
func (s *Service) NextInvoiceNumber(ctx context.Context) (string, error) {
	numbers, err := s.store.HighestInvoiceNumbers(ctx)
	if err != nil {
		return "", err
	}
	return nextInvoiceNumber(numbers), nil
}

// nextInvoiceNumber is the number after the highest of numbers that ends in digits:
// highest by the value of those digits, and among equal values the widest (the most
// zero padding). Its prefix is kept, and the digits keep at least their width.
func nextInvoiceNumber(numbers []string) string {
	var best string
	var bestValue *big.Int
	bestWidth := 0
	for _, n := range numbers {
		n = strings.TrimSpace(n)
		digits := trailingDigits(n)
		if digits == "" {
			continue
		}
		v, _ := new(big.Int).SetString(digits, 10)
		if bestValue == nil || v.Cmp(bestValue) > 0 || (v.Cmp(bestValue) == 0 && len(digits) > bestWidth) {
			best, bestValue, bestWidth = n, v, len(digits)
		}
	}
	if bestValue == nil {
		return ""
	}
	next := new(big.Int).Add(bestValue, big.NewInt(1)).String()
	if pad := bestWidth - len(next); pad > 0 {
		next = strings.Repeat("0", pad) + next
	}
	return best[:len(best)-bestWidth] + next
}

// trailingDigits is the run of ASCII digits that n ends in ("" if none).
func trailingDigits(n string) string {
	i := len(n)
	for i > 0 && n[i-1] >= '0' && n[i-1] <= '9' {
		i--
	}
	return n[i:]
}

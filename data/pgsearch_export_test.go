package data

// ForgetSearchPlans forgets which searches match many invoices in a server book, so
// that a benchmark's every search is asked as one newly typed.
func (s *PGStore) ForgetSearchPlans() { s.searches = searchPlans{} }

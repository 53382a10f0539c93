package core

// The first and last dates Påminn accepts. Every date that enters the program (forms,
// CSV files, bank files, payments, credits) is held to them by CheckDateRange before
// it is used; a date outside is a slip of the keyboard or a placeholder ("0026" for
// 2026, "9999-12-31" for "never"), never a real invoice, payment or due date:
//   - Dates are stored and compared as text YYYY-MM-DD, so a year needs four digits;
//     a due date, a reminder's new due date or an interest period reaches past the
//     date entered by years at most, and must still have four.
//   - Late-payment interest runs half-year by half-year from the due date; a year
//     of 0 would make one reminder step through four thousand years of rates.
//   - No business that chases invoices today has papers from before 1900, and 2199
//     leaves any term or plan far more room than it needs.
//
// Dates already in a book are read as they are.
var (
	MinDate = Date{1900, 1, 1}
	MaxDate = Date{2199, 12, 31}
)

// The messages of a date outside MinDate–MaxDate, as it stands and on a bank file's line.
const (
	msgDateRange     = "{{.Value}} is not a date Påminn takes: dates run from {{.Min}} to {{.Max}}"
	msgFileDateRange = "{{.File}}, line {{.Line}}: {{.Value}} is not a date Påminn takes: dates run from {{.Min}} to {{.Max}}"
)

// CheckDateRange returns an EINVALID error for the first of dates that lies outside
// MinDate–MaxDate; the zero Date ("no date") passes, for the caller to require or
// not. The message names the date.
func CheckDateRange(dates ...Date) error {
	for _, d := range dates {
		if !inDateRange(d) {
			return dateRangeError(d.String())
		}
	}
	return nil
}

// inDateRange reports whether d is the zero Date or lies within MinDate–MaxDate.
func inDateRange(d Date) bool { return d.IsZero() || !d.Before(MinDate) && !d.After(MaxDate) }

// dateRangeError says value, a date as written, lies outside MinDate–MaxDate.
func dateRangeError(value string) *Error {
	return Errorf(EINVALID, msgDateRange, dateRangeData(value))
}

func dateRangeData(value string) map[string]any {
	return map[string]any{"Value": Excerpt(value), "Min": MinDate.String(), "Max": MaxDate.String()}
}

// checkPaymentDates holds the date of every payment in a bank file to MinDate–MaxDate,
// naming the line of the first that is not: the file readers check a date's form, and
// this its range, for every format alike.
func checkPaymentDates(f BankFile) error {
	for _, p := range f.Payments {
		if !inDateRange(p.Date) {
			data := dateRangeData(p.Date.String())
			data["File"], data["Line"] = f.Name, p.Line
			return Errorf(EINVALID, msgFileDateRange, data)
		}
	}
	return nil
}

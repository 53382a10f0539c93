package demo

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"sort"
	"strconv"
	"time"

	"github.com/shopspring/decimal"

	"paminn/core"
)

// paymentTerms are the usual terms in days, 30 days the most common.
var paymentTerms = []int{10, 10, 15, 15, 20, 30, 30, 30, 30, 30}

const maxTerm = 30

// book holds the invoices while they are generated, with the figures the later
// passes need kept as plain integers. Days are offsets into the calendar.
type book struct {
	r         *rand.Rand
	spec      Spec
	cal       calendar
	customers []core.Customer
	invs      []core.ImportInvoice
	customer  []int32 // index into customers, per invoice
	totalOre  []int64
	due       []int32 // due date as a day offset
	slowPayer []int64 // relative likelihood of paying late, per customer
}

// generateInvoices makes spec.Invoices invoices numbered 10001 onwards in date order,
// settles their payments so that spec.Overdue of them are overdue on spec.Today, and
// marks some of those reminded or handed to Amili.
func generateInvoices(r *rand.Rand, spec Spec, customers []core.Customer) []core.ImportInvoice {
	n := max(spec.Invoices, 0)
	b := &book{
		r: r, spec: spec, cal: newCalendar(spec.Today, spec.Months), customers: customers,
		invs: make([]core.ImportInvoice, n), customer: make([]int32, n),
		totalOre: make([]int64, n), due: make([]int32, n),
	}
	b.issue()
	overdue := b.chooseOverdue()
	b.settle(overdue)
	b.remind(overdue)
	b.chargeFees()
	b.leaveCosts(overdue)
	return b.invs
}

// issue fills in every invoice's number, customer, dates, amount and OCR reference.
func (b *book) issue() {
	r, cal := b.r, b.cal
	activity := b.customerActivity()
	days := make([]int, len(b.invs))
	for i := range days {
		days[i] = cal.workday(r.IntN(cal.today + 1))
	}
	slices.Sort(days) // invoice numbers follow the invoice dates
	for i := range b.invs {
		pick := r.Int64N(activity[len(activity)-1])
		c := int32(sort.Search(len(activity), func(j int) bool { return activity[j] > pick }))
		number := strconv.Itoa(10001 + i)
		ocr, err := core.MakeOCR(number, true)
		if err != nil {
			panic(err) // a five- or six-digit number always makes an OCR reference
		}
		due := days[i] + paymentTerms[r.IntN(len(paymentTerms))]
		b.customer[i], b.due[i] = c, int32(due)
		b.totalOre[i] = amountOre(r, b.customers[c].IsCompany)
		b.invs[i] = core.ImportInvoice{
			Invoice: core.Invoice{
				Number:      number,
				InvoiceDate: cal.date(days[i]),
				DueDate:     cal.date(due),
				Total:       core.RoundOre(decimal.New(b.totalOre[i], -2)),
				Paid:        decimal.Zero,
				Currency:    core.Currency,
				OCR:         ocr,
			},
			CustomerNumber: b.customers[c].Number,
		}
	}
}

// customerActivity gives each customer a share of the invoices — a few customers buy
// sixteen times as often as the least active — as a running sum for picking by binary
// search, and sets how likely each is to pay late: private persons somewhat more than
// companies, and about one customer in six five times more.
func (b *book) customerActivity() []int64 {
	cum := make([]int64, len(b.customers))
	b.slowPayer = make([]int64, len(b.customers))
	var sum int64
	for i, c := range b.customers {
		sum += 1 << b.r.IntN(5)
		cum[i] = sum
		b.slowPayer[i] = 2
		if !c.IsCompany {
			b.slowPayer[i] = 3
		}
		if b.r.IntN(6) == 0 {
			b.slowPayer[i] *= 5
		}
	}
	return cum
}

// band is a range of invoice totals in kronor and how often totals fall in it.
type band struct{ lo, hi, weight int64 }

var (
	companyBands = []band{
		{500, 1000, 10}, {1000, 2500, 18}, {2500, 5000, 20}, {5000, 10000, 20},
		{10000, 25000, 20}, {25000, 60000, 7}, {60000, 250000, 5},
	}
	privateBands = []band{
		{300, 1000, 20}, {1000, 2500, 25}, {2500, 5000, 25}, {5000, 15000, 25}, {15000, 60000, 5},
	}
)

// amountOre draws an invoice total in öre: mostly 500–25,000 kr for companies and
// 300–15,000 kr for private persons, now and then much more; usually a round sum or
// whole kronor, sometimes with öre where 25% VAT was added to a net price. Integers
// only, so that every platform draws the same book.
func amountOre(r *rand.Rand, company bool) int64 {
	bands := privateBands
	if company {
		bands = companyBands
	}
	p := r.Int64N(100)
	var bd band
	for _, bd = range bands {
		if p < bd.weight {
			break
		}
		p -= bd.weight
	}
	kronor := bd.lo + r.Int64N(bd.hi-bd.lo)
	switch p := r.IntN(100); {
	case p < 60:
		return (kronor + 5) / 10 * 10 * 100
	case p < 88:
		return kronor * 100
	default:
		return kronor * 100 / 125 * 125 // net kronor plus 25% VAT: öre in steps of 25
	}
}

// chooseOverdue picks spec.Overdue of the invoices due before today (or all of them if
// there are fewer) to be left unpaid, favouring recent ones and slow payers, and
// returns their indexes in invoice order.
func (b *book) chooseOverdue() []int {
	type candidate struct {
		key uint64
		i   int
	}
	var cands []candidate
	for i, due := range b.due {
		if int(due) < b.cal.today {
			// A smaller key is likelier the more recent the due date and the slower
			// the payer; the smallest keys are left unpaid.
			age := uint64(b.cal.today - int(due))
			key := b.r.Uint64N(1<<40) / uint64(b.slowPayer[b.customer[i]]) * (45 + age)
			cands = append(cands, candidate{key, i})
		}
	}
	slices.SortFunc(cands, func(x, y candidate) int {
		if c := cmp.Compare(x.key, y.key); c != 0 {
			return c
		}
		return x.i - y.i
	})
	k := min(max(b.spec.Overdue, 0), len(cands))
	overdue := make([]int, 0, k)
	for _, c := range cands[:k] {
		overdue = append(overdue, c.i)
	}
	slices.Sort(overdue)
	return overdue
}

// settle records the payments: invoices due before today are paid in full unless
// chosen overdue, overdue ones are unpaid or (about one in six) partly paid, and of the
// invoices not yet due a few are already paid, wholly or in part.
func (b *book) settle(overdue []int) {
	isOverdue := make([]bool, len(b.invs))
	for _, i := range overdue {
		isOverdue[i] = true
	}
	for i := range b.invs {
		inv := &b.invs[i].Invoice
		switch p := b.r.IntN(100); {
		case isOverdue[i]:
			if p < 17 {
				inv.Paid = b.part(i)
			}
		case int(b.due[i]) < b.cal.today:
			inv.Paid = inv.Total
		case p < 6:
			inv.Paid = inv.Total
		case p < 9:
			inv.Paid = b.part(i)
		}
	}
}

// part returns a payment of 20–80% of invoice i's total in whole kronor, always more
// than nothing and less than the total.
func (b *book) part(i int) decimal.Decimal {
	total := b.totalOre[i]
	paid := total * int64(20+b.r.IntN(61)) / 100 / 100 * 100
	paid = min(max(paid, 100), total-100)
	if paid <= 0 {
		return decimal.Zero
	}
	return decimal.New(paid, -2)
}

// remind marks about a third of the overdue invoices reminded — once, or twice when
// long overdue — and about 3% handed over to Amili, choosing at random among those
// old enough (and, for Amili, whose customer has an organisation or personal number).
func (b *book) remind(overdue []int) {
	amiliLeft := share(len(overdue), 3)
	remindLeft := share(len(overdue), 33) - amiliLeft
	var amili []int
	for _, j := range b.r.Perm(len(overdue)) {
		i := overdue[j]
		age := b.cal.today - int(b.due[i])
		switch {
		case amiliLeft > 0 && age >= 25 && b.customers[b.customer[i]].IDNumber != "":
			b.handToAmili(i)
			amili = append(amili, i)
			amiliLeft--
		case remindLeft > 0 && age >= 6:
			b.remindManually(i)
			remindLeft--
		}
	}
	b.numberAmiliCases(amili)
}

// remindManually sets a reminder count of 1 or 2 and a last-reminded date after the due
// date (the second reminder two weeks after the first) and before today; about one
// in seven within the last week.
func (b *book) remindManually(i int) {
	inv := &b.invs[i].Invoice
	due, today := int(b.due[i]), b.cal.today
	inv.ReminderCount = 1
	if today-due >= 35 && b.r.IntN(100) < 35 {
		inv.ReminderCount = 2
	}
	first := due + 5 + 14*(inv.ReminderCount-1)
	last := first + b.r.IntN(today-first)
	if b.r.IntN(7) == 0 {
		last = today - 1 - b.r.IntN(min(7, today-first))
	}
	inv.LastReminded = b.cal.date(last)
}

// handToAmili records invoice i as handed over to Amili some days ago: registered if
// that was within ten days (and now and then later), otherwise with Amili's own
// reminder sent.
func (b *book) handToAmili(i int) {
	inv := &b.invs[i].Invoice
	due, today := int(b.due[i]), b.cal.today
	handed := due + 15 + b.r.IntN(today-due-15)
	inv.ReminderCount = 1 + b.r.IntN(2)
	inv.LastReminded = b.cal.date(handed)
	inv.AmiliState = core.AmiliReminderSent
	if today-handed < 10 || b.r.IntN(5) == 0 {
		inv.AmiliState = core.AmiliRegistered
	}
}

// numberAmiliCases gives the invoices handed to Amili case references
// "C-2026-000123" that rise with the hand-over date, as Amili numbers its cases.
func (b *book) numberAmiliCases(amili []int) {
	slices.SortFunc(amili, func(x, y int) int {
		if c := b.invs[x].LastReminded.Compare(b.invs[y].LastReminded); c != 0 {
			return c
		}
		return x - y
	})
	seq := 100 + b.r.IntN(900)
	for _, i := range amili {
		seq += 1 + b.r.IntN(30)
		inv := &b.invs[i].Invoice
		inv.AmiliCaseRef = "C-" + strconv.Itoa(inv.LastReminded.Year) + "-" + pad(seq, 6)
	}
}

// calendar turns day offsets from the first possible invoice date into Dates without
// calling package time per invoice.
type calendar struct {
	today   int          // Today as an offset
	weekday time.Weekday // of offset 0
	dates   []core.Date  // offset → date, through the latest possible due date
}

// newCalendar covers the months before today, plus the longest payment term after it.
func newCalendar(today core.Date, months int) calendar {
	start := core.DateOf(today.Time().AddDate(0, -max(months, 1), 0))
	cal := calendar{today: today.DaysSince(start), weekday: start.Time().Weekday()}
	cal.dates = make([]core.Date, cal.today+maxTerm+1)
	t := start.Time()
	for i := range cal.dates {
		cal.dates[i] = core.DateOf(t.AddDate(0, 0, i))
	}
	return cal
}

// date returns the date of a day offset.
func (c calendar) date(day int) core.Date { return c.dates[day] }

// workday moves a Saturday or Sunday to the Friday before, or if that falls before
// the first day, to the Monday after: businesses invoice on weekdays.
func (c calendar) workday(day int) int {
	switch (int(c.weekday) + day) % 7 {
	case int(time.Saturday):
		day--
	case int(time.Sunday):
		day -= 2
	}
	if day < 0 {
		day += 3
	}
	return day
}

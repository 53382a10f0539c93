package data

import (
	"fmt"
	"maps"
	"math/rand/v2"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"paminn/core"
)

// Core defines the statuses, the filters, the status order and rule 1
// (core/invoicefacts.go); the store renders them (invoicefacts.go). These tests check
// that what SQL returns is exactly what core says, on random books, and that the
// migrations' indexes and triggers, which must repeat the rendered expressions,
// repeat them exactly and are used.

// sqlText is SQL with its whitespace collapsed and the invoices' alias i dropped, as
// the migrations write their expressions.
func sqlText(s string) string {
	s = regexp.MustCompile(`\bi\.`).ReplaceAllString(s, "")
	s = strings.Join(strings.Fields(s), " ")
	s = strings.ReplaceAll(s, "( ", "(")
	return strings.ReplaceAll(s, " )", ")")
}

// renderedConds are every term the store renders on an invoices row, as the
// migrations write them, naming the term.
func renderedConds() map[string]core.Term {
	conds := map[string]core.Term{}
	for _, f := range core.Facts {
		for _, holds := range []bool{true, false} {
			t := core.Term{Fact: f, Holds: holds}
			conds[sqlText(render([]core.Term{t}, false).and())] = t
		}
	}
	return conds
}

// factColumns matches the columns core's facts read.
var factColumns = regexp.MustCompile(`\b(total_ore|paid_ore|due_date|reminder_count|amili_state|charges_ore|pause)\b`)

// factWhere is the WHERE clause of an index's SQL (normalised by sqlText) when it
// tests a column core's facts read, else "" (invoices_by_ocr's, say, is no fact).
func factWhere(sql string) string {
	text := sqlText(sql)
	at := strings.LastIndex(text, " WHERE ")
	if at < 0 || !factColumns.MatchString(text[at:]) {
		return ""
	}
	return text[at+len(" WHERE "):]
}

// invoiceIndexes are the indexes on invoices, by name, with their SQL.
func invoiceIndexes(t *testing.T, s *Store) map[string]string {
	t.Helper()
	rows, err := s.db.Query(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'invoices'
		AND sql IS NOT NULL`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var name, sql string
		if err := rows.Scan(&name, &sql); err != nil {
			t.Fatal(err)
		}
		out[name] = sql
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// Every partial index on the invoices that tests their facts holds the rows of a conjunction of core's terms,
// written exactly as the store renders them (else SQLite would not use it for the
// store's queries); the status index holds the rendered status order; and
// invoice_sums' triggers compute its columns with the rendered facts.
func TestTheMigrationsRepeatCoresFactsAsTheStoreRendersThem(t *testing.T) {
	s := mustOpen(t)
	conds := renderedConds()
	partial := 0
	for name, sql := range invoiceIndexes(t, s) {
		if where := factWhere(sql); where != "" {
			partial++
			for _, c := range strings.Split(where, " AND ") {
				if _, ok := conds[c]; !ok {
					t.Errorf("index %s: %q is none of core's terms as the store renders them (%v)", name, c, slices.Sorted(maps.Keys(conds)))
				}
			}
		}
	}
	if partial < 8 {
		t.Errorf("found %d partial indexes on invoices, want at least 8", partial)
	}
	status := sqlText(invoiceIndexes(t, s)["invoices_by_status"])
	if want := "ON invoices (" + sqlText(statusRankExpr) + ", due_date, number, customer_id)"; !strings.HasSuffix(status, want) { // 030
		t.Errorf("invoices_by_status is\n%s\nwant it to end in\n%s", status, want)
	}

	rows, err := s.db.Query(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'invoices'
		AND name LIKE 'invoice_sums_%'`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	triggers := 0
	for rows.Next() {
		var name, sql string
		if err := rows.Scan(&name, &sql); err != nil {
			t.Fatal(err)
		}
		triggers++
		text := sqlText(sql)
		// Each trigger computes open, reminded, amili, charged and paused of NEW or OLD rows.
		for _, f := range []core.Fact{core.FactOpen, core.FactReminded, core.FactWithAmili, core.FactCharges, core.FactPaused} {
			expr := sqlText(fact(f))
			for _, row := range []string{"NEW", "OLD"} {
				rowExpr := regexp.MustCompile(`\b(total_ore|paid_ore|reminder_count|amili_state|charges_ore|pause)\b`).
					ReplaceAllString(expr, row+".$1")
				if (row == "NEW") == (name != "invoice_sums_delete") && !strings.Contains(text, rowExpr) {
					t.Errorf("trigger %s does not compute %s as %s:\n%s", name, expr, rowExpr, text)
				}
			}
		}
		// And no other test of amili_state than the rendered one (the update trigger
		// names the column once more, in UPDATE OF).
		if n, m := strings.Count(text, "amili_state"), strings.Count(text, "amili_state NOT IN "+amiliStatesOff); n != m+int(boolInt(name == "invoice_sums_update")) {
			t.Errorf("trigger %s tests amili_state %d times, %d of them as the store renders it:\n%s", name, n, m, text)
		}
	}
	if triggers != 3 {
		t.Errorf("found %d invoice_sums triggers, want 3", triggers)
	}
}

// indexUse matches a plan step that reads an index.
var indexUse = regexp.MustCompile(`USING (?:COVERING )?INDEX (\w+)`)

// Every partial index on the invoices' facts, and the status order's index, is read by one
// of the store's hot queries: an index whose WHERE clause no longer matches the
// rendered terms would be left unused (or refused by INDEXED BY).
func TestThePartialIndexesAreUsedByTheRenderedQueries(t *testing.T) {
	s := listBook(t)
	used := map[string]bool{}
	for _, q := range hotQueries(t) {
		for _, step := range queryPlan(t, s, q) {
			if m := indexUse.FindStringSubmatch(step); m != nil {
				used[m[1]] = true
			}
		}
	}
	// The search's totals read its matches by their IDs (a search is not a hot query).
	query, args, err := listTotalsQuery(core.InvoiceQuery{Search: "anna"}, matchesFirst, searchCountAll, today)
	if err != nil {
		t.Fatal(err)
	}
	for _, step := range queryPlan(t, s, plannedQuery{"search totals", query, args, true}) {
		if m := indexUse.FindStringSubmatch(step); m != nil {
			used[m[1]] = true
		}
	}
	// Amili's status sync reads the open cases through the Amili index.
	for _, q := range []plannedQuery{
		{"Amili invoices", openCasesSQL + ` ORDER BY i.id`,
			[]any{string(core.AmiliPaid), string(core.AmiliClosed)}, true},
		{"Amili cases", openCasesSQL + ` AND i.amili_env = ? ORDER BY i.id`,
			[]any{string(core.AmiliPaid), string(core.AmiliClosed), "sandbox"}, true},
	} {
		plan := queryPlan(t, s, q)
		for _, step := range plan {
			if tableScan.MatchString(step) {
				t.Errorf("%s reads the whole table:\n%s", q.name, strings.Join(plan, "\n"))
			}
			if m := indexUse.FindStringSubmatch(step); m != nil {
				used[m[1]] = true
			}
		}
	}
	for name, sql := range invoiceIndexes(t, s) {
		if (factWhere(sql) != "" || name == "invoices_by_status") && !used[name] {
			t.Errorf("no query the store renders reads index %s", name)
		}
	}
}

// pauseRandomly pauses about one invoice in six through the store (017_pauses.sql),
// and unpauses a third of them again, so the pause triggers have their say.
func pauseRandomly(t *testing.T, s core.Store, rng *rand.Rand, invs []core.Invoice) {
	t.Helper()
	reasons := core.PauseReasons
	for _, inv := range invs {
		if rng.IntN(6) != 0 {
			continue
		}
		p := core.Pause{InvoiceID: inv.ID, Reason: reasons[rng.IntN(len(reasons))], Note: "x", Started: time.Now()}
		if _, err := s.StartPause(ctx, p); err != nil {
			t.Fatalf("StartPause: %v", err)
		}
		if rng.IntN(3) == 0 {
			if err := s.EndPause(ctx, inv.ID, 0, time.Now()); err != nil {
				t.Fatalf("EndPause: %v", err)
			}
		}
	}
}

// pauseCustomer pauses customer c (and so every invoice of it) after the batches.
func pauseCustomer(t *testing.T, s core.Store, c core.Customer) {
	t.Helper()
	if _, err := s.StartPause(ctx, core.Pause{CustomerID: c.ID, Reason: core.PausePlan, Started: time.Now()}); err != nil {
		t.Fatalf("StartPause customer: %v", err)
	}
}

// amiliStates are the states a random invoice gets, the empty one most often.
var amiliStates = []core.AmiliState{core.AmiliNone, core.AmiliNone, core.AmiliNone, core.AmiliPending,
	core.AmiliRegistered, core.AmiliReminderSent, core.AmiliDebtCollection, core.AmiliPaid, core.AmiliClosed, core.AmiliClosed}

// randomBook fills a new book with random invoices through the store's own API:
// created with random totals, payments, due dates around today, reminders and Amili
// states; then paid, moved between Amili states and reminded in batches, so every
// trigger and write path has its say. It returns the book and its customer Beta.
func randomBook(t *testing.T, seed uint64, n int) (*Store, core.Customer) {
	t.Helper()
	s := mustOpen(t)
	return s, fillRandomBook(t, s, seed, n)
}

// fillRandomBook is randomBook on a new book of either engine; it returns the
// customer Beta.
func fillRandomBook(t *testing.T, s core.Store, seed uint64, n int) core.Customer {
	t.Helper()
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	customers := []core.Customer{mustCustomer(t, s, "K1", "Alfa AB"), mustCustomer(t, s, "K2", "Beta HB"),
		mustCustomer(t, s, "K3", "Gamma AB")}
	var invs []core.Invoice
	numbers := rng.Perm(n) // the number order is not the ID order
	for i := range n {
		total := 1 + rng.Int64N(500000)
		var paid int64
		switch rng.IntN(5) {
		case 0:
			paid = total // paid in full
		case 1:
			paid = rng.Int64N(total) // part paid
		}
		state := amiliStates[rng.IntN(len(amiliStates))]
		ref := ""
		if state != core.AmiliNone && state != core.AmiliPending {
			ref = fmt.Sprintf("case-%d", i)
		}
		reminders := max(0, rng.IntN(6)-2)
		due := today.AddDays(rng.IntN(41) - 20)
		inv := core.Invoice{Number: fmt.Sprintf("F%04d", numbers[i]),
			CustomerID: customers[rng.IntN(len(customers))].ID, InvoiceDate: due.AddDays(-30), DueDate: due,
			Total: core.FromOre(total), Paid: core.FromOre(paid), Currency: core.Currency, OCR: "12345",
			ReminderCount: reminders, AmiliState: state, AmiliCaseRef: ref}
		if reminders > 0 {
			inv.LastReminded = today.AddDays(-rng.IntN(30))
		}
		created, err := s.CreateInvoice(ctx, inv)
		if err != nil {
			t.Fatalf("seed %d: CreateInvoice %+v: %v", seed, inv, err)
		}
		invs = append(invs, created)
	}
	for _, inv := range invs {
		if bal := inv.Balance(); bal.IsPositive() && rng.IntN(4) == 0 {
			amount := core.FromOre(1 + rng.Int64N(bal.Shift(2).IntPart()))
			if _, err := s.RegisterPayment(ctx, onPrincipal(core.Payment{InvoiceID: inv.ID, Date: today, Amount: amount}), time.Now()); err != nil {
				t.Fatalf("seed %d: RegisterPayment: %v", seed, err)
			}
		}
		if rng.IntN(5) == 0 {
			if err := s.SetAmiliState(ctx, inv.ID, amiliStates[rng.IntN(len(amiliStates))]); err != nil {
				t.Fatalf("seed %d: SetAmiliState: %v", seed, err)
			}
		}
	}
	// Batches of eligible invoices, as core would send them: manual and Amili.
	all := readAll(t, s, invs)
	for b, typ := range []core.ReminderType{core.ReminderManual, core.ReminderAmili} {
		var rs []core.Reminder
		for _, inv := range all {
			if inv.Meets(core.EligibleTerms, today) && rng.IntN(4) == 0 && len(rs) < core.MaxBatch &&
				(typ == core.ReminderManual || inv.AmiliCaseRef == "") { // Amili takes no invoice twice
				ch := core.ChannelLetter
				if typ == core.ReminderAmili {
					ch = core.ChannelAmili
				}
				rs = append(rs, plannedReminder(inv, ch))
			}
		}
		if len(rs) == 0 {
			continue
		}
		if _, err := s.CreateBatch(ctx, newBatch(fmt.Sprintf("seed-%d-%d", seed, b), typ), rs); err != nil {
			t.Fatalf("seed %d: CreateBatch %s: %v", seed, typ, err)
		}
		all = readAll(t, s, invs)
	}
	// Some reminded invoices then get their principal paid, leaving their charges
	// (costs remain), and some a part of it.
	for _, inv := range all {
		if bal := inv.Balance(); bal.IsPositive() && inv.Charges.IsPositive() && rng.IntN(2) == 0 {
			if rng.IntN(3) == 0 {
				bal = core.FromOre(1 + rng.Int64N(bal.Shift(2).IntPart()))
			}
			if _, err := s.RegisterPayment(ctx, onPrincipal(core.Payment{InvoiceID: inv.ID, Date: today, Amount: bal}), time.Now()); err != nil {
				t.Fatalf("seed %d: RegisterPayment after a reminder: %v", seed, err)
			}
		}
	}
	// Last, pauses (their own random numbers, so the book above stays as it was), and
	// payments on paused invoices, which move them between invoice_sums' rows.
	prng := rand.New(rand.NewPCG(seed, seed^0x51ed27))
	pauseRandomly(t, s, prng, readAll(t, s, invs))
	pauseCustomer(t, s, customers[2])
	for _, inv := range readAll(t, s, invs) {
		if bal := inv.Balance(); inv.Pause != core.PauseNone && bal.IsPositive() && prng.IntN(4) == 0 {
			amount := core.FromOre(1 + prng.Int64N(bal.Shift(2).IntPart()))
			if _, err := s.RegisterPayment(ctx, onPrincipal(core.Payment{InvoiceID: inv.ID, Date: today, Amount: amount}), time.Now()); err != nil {
				t.Fatalf("seed %d: RegisterPayment on a paused invoice: %v", seed, err)
			}
		}
	}
	return customers[1]
}

// readAll reads each invoice back by its ID, as stored.
func readAll(t *testing.T, s core.Store, invs []core.Invoice) []core.Invoice {
	t.Helper()
	out := make([]core.Invoice, len(invs))
	for i, inv := range invs {
		var err error
		if out[i], err = s.Invoice(ctx, inv.ID); err != nil {
			t.Fatal(err)
		}
	}
	return out
}

// ids are the invoices' IDs in order.
func ids(invs []core.Invoice) []int64 {
	out := make([]int64, len(invs))
	for i, inv := range invs {
		out[i] = inv.ID
	}
	return out
}

// listAll reads every page of q (pages of 17) and returns the invoices in order, and
// the first page's totals.
func listAll(t *testing.T, s *Store, q core.InvoiceQuery, day core.Date) ([]core.Invoice, core.InvoiceTotals) {
	t.Helper()
	var out []core.Invoice
	var totals core.InvoiceTotals
	q.Limit = 17
	for q.Offset = 0; ; q.Offset += q.Limit {
		page, err := s.ListInvoices(ctx, q, day)
		if err != nil {
			t.Fatal(err)
		}
		if q.Offset == 0 {
			totals = page.Totals
		}
		out = append(out, page.Invoices...)
		if len(page.Invoices) < q.Limit {
			return out, totals
		}
		q.SkipTotals = true
	}
}

// On random books, every filter (with and without a search) selects exactly the
// invoices core's definition does, the status sort orders them as core's
// CompareByStatus does in both directions, the totals are core's, and the reminder
// candidates and their count are those rule 1's terms select: on several days.
func TestTheListsSQLIsCoresDefinitionOnRandomBooks(t *testing.T) {
	for _, seed := range []uint64{1, 2, 3, 20261202, 77} {
		s, beta := randomBook(t, seed, 160)
		var invs []core.Invoice
		page, err := s.ListInvoices(ctx, core.InvoiceQuery{Limit: 10000, SkipTotals: true}, today)
		if err != nil {
			t.Fatal(err)
		}
		invs = readAll(t, s, page.Invoices) // each read alone, not through the list
		if len(invs) != 160 {
			t.Fatalf("seed %d: the book lists %d invoices, want 160", seed, len(invs))
		}
		statuses := map[core.Status]int{}
		for _, inv := range invs {
			statuses[inv.Status(today)]++
		}
		if len(statuses) != 7 || statuses[core.StatusAmili] == 0 || statuses[core.StatusCharges] == 0 {
			t.Fatalf("seed %d: a random book with statuses %v tests too little", seed, statuses)
		}
		for _, day := range []core.Date{today.AddDays(-7), today, today.AddDays(9)} {
			for f := range core.FilterTerms {
				for _, search := range []string{"", "beta"} {
					var want []core.Invoice
					for _, inv := range invs {
						if f.Matches(inv, day) && (search == "" || inv.CustomerID == beta.ID) {
							want = append(want, inv)
						}
					}
					wantTotals := totalsOf(want, day)
					slices.SortFunc(want, func(a, b core.Invoice) int { return core.CompareByStatus(a, b, day) })
					name := fmt.Sprintf("seed %d, day %s, filter %q, search %q", seed, day, f, search)
					for _, desc := range []bool{false, true} {
						got, totals := listAll(t, s, core.InvoiceQuery{Filter: f, Search: search, Sort: core.SortStatus, Desc: desc}, day)
						w := slices.Clone(want)
						if desc {
							slices.Reverse(w)
						}
						if !slices.Equal(ids(got), ids(w)) {
							t.Errorf("%s, by status desc=%v:\n got %v\nwant %v", name, desc, describe(got, day), describe(w, day))
						}
						if !sameTotals(totals, wantTotals) {
							t.Errorf("%s: totals %+v, want %+v", name, totals, wantTotals)
						}
					}
					// The default order selects the same invoices.
					got, _ := listAll(t, s, core.InvoiceQuery{Filter: f, Search: search}, day)
					if g, w := slices.Sorted(slices.Values(ids(got))), slices.Sorted(slices.Values(ids(want))); !slices.Equal(g, w) {
						t.Errorf("%s, by due date: got %v, want %v", name, g, w)
					}
				}
			}
			checkCandidates(t, s, invs, day, fmt.Sprintf("seed %d, day %s", seed, day))
		}
	}
}

// checkCandidates compares the reminder candidates, their page and their count with
// the invoices rule 1's terms select.
func checkCandidates(t *testing.T, s *Store, invs []core.Invoice, day core.Date, name string) {
	t.Helper()
	var want []int64
	balance := decimal.Zero
	for _, inv := range invs {
		if inv.Meets(core.EligibleTerms, day) {
			want = append(want, inv.ID)
			balance = balance.Add(inv.Balance())
		}
	}
	slices.Sort(want)
	cs, err := s.EligibleInvoices(ctx, day)
	if err != nil {
		t.Fatal(err)
	}
	var got []int64
	for _, c := range cs {
		got = append(got, c.Invoice.ID)
	}
	if slices.Sort(got); !slices.Equal(got, want) {
		t.Errorf("%s: eligible %v, want %v", name, got, want)
	}
	page, err := s.CandidateIDs(ctx, core.CandidateQuery{Sort: core.CandidatesByDueDate, Limit: 10000}, day)
	if err != nil {
		t.Fatal(err)
	}
	if slices.Sort(page); !slices.Equal(page, want) {
		t.Errorf("%s: the candidates' page %v, want %v", name, page, want)
	}
	// Amili takes the eligible invoices in SEK of customers with a number (all of
	// them here) that never had a case.
	var wantAmili []int64
	for _, inv := range invs {
		if inv.Meets(core.EligibleTerms, day) && inv.AmiliCaseRef == "" {
			wantAmili = append(wantAmili, inv.ID)
		}
	}
	slices.Sort(wantAmili)
	amiliPage, err := s.CandidateIDs(ctx, core.CandidateQuery{Sort: core.CandidatesByDueDate, AmiliOnly: true, Limit: 10000}, day)
	if err != nil {
		t.Fatal(err)
	}
	if slices.Sort(amiliPage); !slices.Equal(amiliPage, wantAmili) {
		t.Errorf("%s: the candidates Amili takes %v, want %v", name, amiliPage, wantAmili)
	}
	refs := map[int64]string{}
	for _, inv := range invs {
		refs[inv.ID] = inv.AmiliCaseRef
	}
	for _, c := range cs { // core's channelProblems reads the earlier case's reference
		if c.Invoice.AmiliCaseRef != refs[c.Invoice.ID] {
			t.Errorf("%s: candidate %s has case reference %q, want %q", name, c.Invoice.Number, c.Invoice.AmiliCaseRef, refs[c.Invoice.ID])
		}
	}
	n, err := s.CountCandidates(ctx, core.CandidateQuery{}, day)
	if err != nil {
		t.Fatal(err)
	}
	if n.Count != len(want) || !n.Balance.Equal(balance) {
		t.Errorf("%s: counted %d candidates, %s; want %d, %s", name, n.Count, n.Balance, len(want), balance)
	}
}

// describe shows invoices with what decides their place, for a failure message.
func describe(invs []core.Invoice, day core.Date) string {
	var b strings.Builder
	for _, inv := range invs {
		fmt.Fprintf(&b, "\n  %d %s %s due %s bal %s rem %d amili %q", inv.ID, inv.Number, inv.Status(day), inv.DueDate,
			inv.Balance(), inv.ReminderCount, inv.AmiliState)
	}
	return b.String()
}

package data

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"paminn/core"
)

// More store tests on both engines (engines_test.go): pauses, Amili's state, the
// invoices a reminder is written for, the highest numbers and an invoice's records.

func TestEnginesPausesStartEndAndReachNewInvoices(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s core.Store) {
		anna, bertil := mustCustomer(t, s, "K1", "Anna AB"), mustCustomer(t, s, "K2", "Bertil AB")
		inv := mustInvoice(t, s, anna, invoiceSpec{number: "1", dueIn: -5, total: "100"})
		other := mustInvoice(t, s, bertil, invoiceSpec{number: "2", dueIn: -5, total: "100"})
		p, err := s.StartPause(ctx, core.Pause{InvoiceID: inv.ID, Reason: core.PauseDispute, Note: "fel belopp",
			Started: at("09:00")})
		if err != nil || p.ID == 0 {
			t.Fatalf("StartPause = %+v, %v", p, err)
		}
		// A second pause ends the first; the customer's pause reaches an invoice made later.
		if _, err := s.StartPause(ctx, core.Pause{InvoiceID: inv.ID, Reason: core.PauseOther, Until: today.AddDays(3),
			Started: at("10:00")}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.StartPause(ctx, core.Pause{CustomerID: bertil.ID, Reason: core.PausePlan, Started: at("10:00")}); err != nil {
			t.Fatal(err)
		}
		later := mustInvoice(t, s, bertil, invoiceSpec{number: "3", dueIn: 10, total: "50"})
		for _, tt := range []struct {
			id   int64
			want core.PauseReason
		}{{inv.ID, core.PauseOther}, {other.ID, core.PausePlan}, {later.ID, core.PausePlan}} {
			if got, err := s.Invoice(ctx, tt.id); err != nil || got.Pause != tt.want {
				t.Errorf("invoice %d paused %q (%v), want %q", tt.id, got.Pause, err, tt.want)
			}
		}
		ps, err := s.Pauses(ctx, inv.ID, 0)
		if err != nil || len(ps) != 2 || ps[0].Reason != core.PauseOther || ps[1].Ended.IsZero() || !ps[0].Ended.IsZero() {
			t.Fatalf("Pauses = %+v (%v), want the current one first and the first one ended", ps, err)
		}
		if n, err := s.EndPausesBefore(ctx, today.AddDays(4), at("11:00")); err != nil || n != 1 {
			t.Fatalf("EndPausesBefore = %d, %v; want the one whose end date passed", n, err)
		}
		if err := s.EndPause(ctx, 0, bertil.ID, at("12:00")); err != nil {
			t.Fatal(err)
		}
		for _, id := range []int64{inv.ID, other.ID, later.ID} {
			if got, _ := s.Invoice(ctx, id); got.Pause != core.PauseNone {
				t.Errorf("invoice %d still paused %q", id, got.Pause)
			}
		}
		wantCode(t, s.EndPause(ctx, inv.ID, 0, at("12:00")), core.ENOTFOUND)
		_, err = s.StartPause(ctx, core.Pause{InvoiceID: 999, Reason: core.PauseOther, Started: at("12:00")})
		wantCode(t, err, core.ENOTFOUND)
	})
}

func TestEnginesAmiliStateAndOpenCases(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s core.Store) {
		c := mustCustomer(t, s, "K1", "Anna AB")
		open := mustInvoice(t, s, c, invoiceSpec{number: "1", dueIn: -50, total: "100", amili: core.AmiliRegistered, caseRef: "a"})
		paid := mustInvoice(t, s, c, invoiceSpec{number: "2", dueIn: -50, total: "100", amili: core.AmiliRegistered, caseRef: "b"})
		mustInvoice(t, s, c, invoiceSpec{number: "3", dueIn: -50, total: "100"})
		if err := s.SetAmiliState(ctx, paid.ID, core.AmiliPaid); err != nil {
			t.Fatal(err)
		}
		invs, err := s.AmiliInvoices(ctx)
		if err != nil || len(invs) != 1 || invs[0].ID != open.ID {
			t.Fatalf("AmiliInvoices = %+v (%v), want only the open case", invs, err)
		}
		wantCode(t, s.SetAmiliState(ctx, 999, core.AmiliPaid), core.ENOTFOUND)
	})
}

func TestEnginesInvoicesForReminderKeepTheOrderAsked(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s core.Store) {
		c := mustCustomer(t, s, "K1", "Anna AB")
		a := mustInvoice(t, s, c, invoiceSpec{number: "1", dueIn: -5, total: "100"})
		b := mustInvoice(t, s, c, invoiceSpec{number: "2", dueIn: -5, total: "100"})
		cs, err := s.InvoicesForReminder(ctx, []int64{b.ID, a.ID})
		if err != nil || len(cs) != 2 || cs[0].Invoice.ID != b.ID || cs[1].Invoice.ID != a.ID || cs[0].Customer.Name != "Anna AB" {
			t.Fatalf("InvoicesForReminder = %+v (%v), want b then a with their customer", cs, err)
		}
		_, err = s.InvoicesForReminder(ctx, []int64{a.ID, 999})
		wantCode(t, err, core.ENOTFOUND)
	})
}

// Of equal length, the higher in byte order comes first: "A-7" above "998".
func TestEnginesHighestInvoiceNumbersAreTheLongestFirst(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s core.Store) {
		c := mustCustomer(t, s, "K1", "Anna AB")
		for _, n := range []string{"99", "100", "A-7", "1000", "998"} {
			mustInvoice(t, s, c, invoiceSpec{number: n, dueIn: 5, total: "1"})
		}
		got, err := s.HighestInvoiceNumbers(ctx)
		if want := []string{"1000", "A-7", "998", "100", "99"}; err != nil || !slices.Equal(got, want) {
			t.Fatalf("HighestInvoiceNumbers = %q (%v), want %q", got, err, want)
		}
	})
}

func TestEnginesAnInvoicesPaymentsChargesAndHistory(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s core.Store) {
		c := mustCustomer(t, s, "K1", "Anna AB")
		inv, err := s.CreateInvoice(ctx, core.Invoice{Number: "1", CustomerID: c.ID, InvoiceDate: today.AddDays(-30),
			DueDate: today, Total: kr("100"), Paid: kr("40"), Charges: kr("60"), ReminderCount: 1,
			LastReminded: today.AddDays(-2)})
		if err != nil {
			t.Fatal(err)
		}
		ps, err := s.InvoicePayments(ctx, inv.ID)
		if err != nil || len(ps) != 1 || !ps[0].Amount.Equal(kr("40")) || !ps[0].Parts.Principal.Equal(kr("40")) ||
			ps[0].Kind != core.PaymentMoney {
			t.Fatalf("InvoicePayments = %+v (%v), want the opening payment of 40 on the principal", ps, err)
		}
		es, err := s.ClaimEntries(ctx, inv.ID)
		if err != nil || len(es) != 1 || es[0].Kind != core.EntryCharge || !es[0].Parts.Fee.Equal(kr("60")) ||
			es[0].Date != today.AddDays(-2) {
			t.Fatalf("ClaimEntries = %+v (%v), want one charge of 60 on the last reminder's day", es, err)
		}
		stamp := time.Date(2025, 3, 15, 9, 30, 0, 0, time.UTC)
		if _, err := dbOf(t, s).Exec(`INSERT INTO invoice_history (invoice_id, at, message) VALUES (?, ?, ?)`,
			inv.ID, instantText(stamp), `{"template":"Invoice {{.Number}} changed","data":{"Number":"1"}}`); err != nil {
			t.Fatal(err)
		}
		hs, err := s.InvoiceHistory(ctx, inv.ID)
		if err != nil || len(hs) != 1 || !hs[0].At.Equal(stamp) || hs[0].InvoiceID != inv.ID {
			t.Fatalf("InvoiceHistory = %+v (%v), want the one line", hs, err)
		}
		if ids, err := s.FailedReminderIDs(ctx); err != nil || len(ids) != 0 {
			t.Fatalf("FailedReminderIDs = %v (%v), want none", ids, err)
		}
	})
}

func TestEnginesPaymentsSettleTheClaimPartByPart(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s core.Store) {
		c := mustCustomer(t, s, "K1", "Anna AB")
		inv, err := s.CreateInvoice(ctx, core.Invoice{Number: "1", CustomerID: c.ID, InvoiceDate: today.AddDays(-40),
			DueDate: today.AddDays(-10), Total: kr("1000"), Charges: kr("60"), ReminderCount: 1,
			LastReminded: today.AddDays(-3)})
		if err != nil {
			t.Fatal(err)
		}
		open, err := s.OpenParts(ctx, []int64{inv.ID, 999})
		if err != nil || len(open) != 1 || !open[inv.ID].Principal.Equal(kr("1000")) || !open[inv.ID].Fee.Equal(kr("60")) {
			t.Fatalf("OpenParts = %+v (%v), want 1000 principal and 60 in fees", open, err)
		}
		pay := core.Payment{InvoiceID: inv.ID, Date: today.AddDays(-2), Amount: kr("260"),
			Parts: core.Parts{Principal: kr("200"), Fee: kr("60")}}
		got, err := s.RegisterPayment(ctx, pay, at("10:00"))
		if err != nil || !got.Paid.Equal(kr("200")) || !got.Charges.IsZero() {
			t.Fatalf("RegisterPayment = paid %s charges %s (%v), want 200 and 0", got.Paid, got.Charges, err)
		}
		after, err := s.PaymentsAfterDue(ctx, []int64{inv.ID})
		if err != nil || len(after[inv.ID]) != 1 || !after[inv.ID][0].Amount.Equal(kr("200")) {
			t.Fatalf("PaymentsAfterDue = %+v (%v), want the principal part of 200", after, err)
		}
		// A second fee payment finds nothing left to settle.
		pay.Parts, pay.Amount = core.Parts{Fee: kr("10")}, kr("10")
		_, err = s.RegisterPayment(ctx, pay, at("10:05"))
		wantCode(t, err, core.ECONFLICT)
	})
}

func TestEnginesWaiversLowerTheOpenCharges(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s core.Store) {
		c := mustCustomer(t, s, "K1", "Anna AB")
		inv, err := s.CreateInvoice(ctx, core.Invoice{Number: "1", CustomerID: c.ID, InvoiceDate: today.AddDays(-40),
			DueDate: today.AddDays(-10), Total: kr("1000"), Charges: kr("60"), ReminderCount: 1,
			LastReminded: today.AddDays(-3)})
		if err != nil {
			t.Fatal(err)
		}
		w := core.ClaimEntry{InvoiceID: inv.ID, Kind: core.EntryWaiver, Date: today, Reason: "goodwill",
			Parts: core.Parts{Fee: kr("-40")}}
		if err := s.WaiveCharges(ctx, []core.ClaimEntry{w}, at("11:00")); err != nil {
			t.Fatal(err)
		}
		if got, _ := s.Invoice(ctx, inv.ID); !got.Charges.Equal(kr("20")) {
			t.Fatalf("charges %s after waiving 40 of 60, want 20", got.Charges)
		}
		w.Parts.Fee = kr("-30")
		wantCode(t, s.WaiveCharges(ctx, []core.ClaimEntry{w}, at("11:05")), core.ECONFLICT)
	})
}

// reminderRows numbers addReminderRow's batches.
var reminderRows atomic.Int64

// addReminderRow writes a reminder of invoice id with the given action, fee, interest
// and förseningsersättning in öre, as a batch would, for the claim's reads.
func addReminderRow(t *testing.T, s core.Store, id int64, action string, fee, interest, late int64) {
	t.Helper()
	db := dbOf(t, s)
	var batch int64
	err := db.QueryRow(`INSERT INTO reminder_batches (idempotency_key, created_at, type, count)
		VALUES (?, '2025-03-10T09:00:00Z', 'manual', 1) RETURNING id`, fmt.Sprintf("k-%d", reminderRows.Add(1))).Scan(&batch)
	if err != nil {
		t.Fatal(err)
	}
	_, err = db.Exec(`INSERT INTO reminders (batch_id, invoice_id, type, date, level, balance_ore, amount_due_ore,
		new_due_date, channel, updated_at, fee_ore, interest_ore, late_compensation_ore, action)
		VALUES (?, ?, 'manual', '2025-03-10', 1, 100000, 100000, '2025-03-20', 'letter', '2025-03-10T09:00:00Z', ?, ?, ?, ?)`,
		batch, id, fee, interest, late, action)
	if err != nil {
		t.Fatal(err)
	}
}

func TestEnginesWhatEarlierRemindersCharged(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s core.Store) {
		c := mustCustomer(t, s, "K1", "Anna AB")
		a := mustInvoice(t, s, c, invoiceSpec{number: "1", dueIn: -30, total: "1000"})
		b := mustInvoice(t, s, c, invoiceSpec{number: "2", dueIn: -30, total: "1000"})
		addReminderRow(t, s, a.ID, "reminder", 6000, 1250, 0)
		addReminderRow(t, s, a.ID, "reminder", 6000, 1800, 45000)
		addReminderRow(t, s, b.ID, "inkasso", 18000, 0, 0)
		ids := []int64{a.ID, b.ID, 999}
		fees, err := s.FeesCharged(ctx, ids)
		if err != nil || len(fees) != 1 || !fees[a.ID].Equal(kr("120")) {
			t.Errorf("FeesCharged = %v (%v), want 120 on the first", fees, err)
		}
		stated, err := s.InterestStated(ctx, ids)
		if err != nil || len(stated) != 1 || !stated[a.ID].Equal(kr("18")) {
			t.Errorf("InterestStated = %v (%v), want the most, 18, on the first", stated, err)
		}
		late, err := s.LateCompensated(ctx, ids)
		if err != nil || len(late) != 1 || !late[a.ID] {
			t.Errorf("LateCompensated = %v (%v), want the first", late, err)
		}
		collection, err := s.CollectionCharged(ctx, ids)
		if err != nil || len(collection) != 1 || !collection[b.ID] {
			t.Errorf("CollectionCharged = %v (%v), want the second", collection, err)
		}
		many := make([]int64, paymentChunk+1) // more than a chunk reads every compensated invoice
		for i := range many {
			many[i] = int64(i + 1)
		}
		if late, err := s.LateCompensated(ctx, many); err != nil || len(late) != 1 || !late[a.ID] {
			t.Errorf("LateCompensated of many = %v (%v), want the first", late, err)
		}
	})
}

func TestEnginesAPaymentOnACaseWithAmiliIsQueuedForAmili(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s core.Store) {
		c := mustCustomer(t, s, "K1", "Anna AB")
		inv := mustInvoice(t, s, c, invoiceSpec{number: "1", dueIn: -60, total: "1000", amili: core.AmiliRegistered, caseRef: "case-1"})
		if _, err := s.RegisterPayment(ctx, onPrincipal(core.Payment{InvoiceID: inv.ID, Date: today, Amount: kr("100")}), at("10:00")); err != nil {
			t.Fatal(err)
		}
		var kind, ref, uid string
		var amount, paymentID int64
		err := dbOf(t, s).QueryRow(`SELECT a.kind, a.reference, a.amount_ore, a.payment_id, (SELECT uid FROM book_identity)
			FROM amili_reports a WHERE a.invoice_id = ?`, inv.ID).Scan(&kind, &ref, &amount, &paymentID, &uid)
		if err != nil || kind != "payment" || amount != 10000 || ref != fmt.Sprintf("paminn-%s-payment-%d", uid, paymentID) {
			t.Fatalf("report %s %q %d (%v), want the payment of 10000 öre named by the book and the payment", kind, ref, amount, err)
		}
	})
}

func TestEnginesImportIsAllOrNothingAndNamesEveryTakenNumber(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s core.Store) {
		c := mustCustomer(t, s, "K1", "Anna AB")
		mustInvoice(t, s, c, invoiceSpec{number: "1", dueIn: -5, total: "100"})
		mustInvoice(t, s, c, invoiceSpec{number: "3", dueIn: -5, total: "100"})
		row := func(number string, line int) core.ImportInvoice {
			return core.ImportInvoice{Invoice: core.Invoice{Number: number, InvoiceDate: today.AddDays(-30),
				DueDate: today.AddDays(-2), Total: kr("50")}, CustomerNumber: "K2", Line: line}
		}
		newCustomer := []core.Customer{{Number: "K2", Name: "Bertil AB"}}
		_, err := s.Import(ctx, newCustomer, []core.ImportInvoice{row("1", 2), row("2", 3), row("3", 4)})
		wantCode(t, err, core.ECONFLICT)
		var ie *core.ImportError
		if !errors.As(err, &ie) || ie.BadRows != 2 || len(ie.Rows) != 2 || ie.Rows[0].Line != 2 || ie.Rows[1].Line != 4 {
			t.Fatalf("Import = %v, want lines 2 and 4 named", err)
		}
		if cs, _ := s.Customers(ctx); len(cs) != 1 {
			t.Fatalf("a refused import left %d customers, want the one before", len(cs))
		}
		res, err := s.Import(ctx, newCustomer, []core.ImportInvoice{row("2", 2), row("4", 3)})
		if err != nil || res.Customers != 1 || res.Invoices != 2 {
			t.Fatalf("Import = %+v, %v", res, err)
		}
		p, err := s.ListInvoices(ctx, core.InvoiceQuery{Sort: core.SortNumber}, today)
		if err != nil || pageText(p) != "1/Anna AB 2/Bertil AB 3/Anna AB 4/Bertil AB | count 4 overdue 4 300.00 charges 0 0.00" {
			t.Fatalf("after the import: %s (%v)", pageText(p), err)
		}
	})
}

// Past customersByID customers, the candidates' customers are read in one pass.
func TestEnginesEligibleInvoicesOfManyCustomers(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s core.Store) {
		var customers []core.Customer
		var invoices []core.ImportInvoice
		for i := range customersByID + 1 {
			n := fmt.Sprintf("K%04d", i)
			customers = append(customers, core.Customer{Number: n, Name: "Kund " + n})
			invoices = append(invoices, core.ImportInvoice{Invoice: core.Invoice{Number: fmt.Sprintf("F%04d", i),
				InvoiceDate: today.AddDays(-40), DueDate: today.AddDays(-10 - i%7), Total: kr("100")}, CustomerNumber: n})
		}
		if _, err := s.Import(ctx, customers, invoices); err != nil {
			t.Fatal(err)
		}
		cs, err := s.EligibleInvoices(ctx, today)
		if err != nil || len(cs) != len(invoices) {
			t.Fatalf("%d eligible (%v), want %d", len(cs), err, len(invoices))
		}
		for _, c := range cs {
			if c.Customer == nil || c.Customer.Name != "Kund K"+c.Invoice.Number[1:] {
				t.Fatalf("invoice %s has customer %+v", c.Invoice.Number, c.Customer)
			}
		}
		if !cs[0].Invoice.DueDate.Before(cs[len(cs)-1].Invoice.DueDate) {
			t.Fatalf("eligible from %s to %s, want by due date", cs[0].Invoice.DueDate, cs[len(cs)-1].Invoice.DueDate)
		}
	})
}

func TestEnginesAgreeOnTheEligibleInvoices(t *testing.T) {
	sqlite, pg := mustOpen(t), mustOpenPG(t)
	fillListBook(t, sqlite)
	fillListBook(t, pg)
	text := func(cs []core.Candidate) string {
		var out []string
		for _, c := range cs {
			out = append(out, fmt.Sprintf("%s %s %s/%s %d %s %s %s", c.Invoice.Number, c.Customer.Name, c.Invoice.Total,
				c.Invoice.Paid, c.Invoice.ReminderCount, c.Invoice.LastReminded, c.Invoice.AmiliCaseRef, c.Invoice.Charges))
		}
		return strings.Join(out, "\n")
	}
	want, err := sqlite.EligibleInvoices(ctx, today)
	if err != nil {
		t.Fatal(err)
	}
	got, err := pg.EligibleInvoices(ctx, today)
	if err != nil || text(got) != text(want) || len(want) == 0 {
		t.Fatalf("EligibleInvoices on PostgreSQL (%v):\n%s\non SQLite:\n%s", err, text(got), text(want))
	}
	ids := []int64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}
	byID := func(s core.Store) string {
		cs, err := s.CandidatesByID(ctx, ids, today)
		if err != nil {
			t.Fatal(err)
		}
		slices.SortFunc(cs, func(a, b core.Candidate) int { return int(a.Invoice.ID - b.Invoice.ID) })
		return text(cs)
	}
	if g, w := byID(pg), byID(sqlite); g != w {
		t.Fatalf("CandidatesByID on PostgreSQL:\n%s\non SQLite:\n%s", g, w)
	}
}

func TestEnginesListTheBatchesAndTheReportsToAmili(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s core.Store) {
		c := mustCustomer(t, s, "K1", "Anna AB")
		inv := mustInvoice(t, s, c, invoiceSpec{number: "1", dueIn: -60, total: "1000", amili: core.AmiliRegistered, caseRef: "case-1"})
		other := mustInvoice(t, s, c, invoiceSpec{number: "2", dueIn: -60, total: "1000"})
		addReminderRow(t, s, other.ID, "reminder", 6000, 0, 0)
		bs, err := s.Batches(ctx)
		if err != nil || len(bs) != 1 || bs[0].Count != 1 || bs[0].Type != core.ReminderManual {
			t.Fatalf("Batches = %+v (%v), want the one", bs, err)
		}
		for i := range 2 {
			p := onPrincipal(core.Payment{InvoiceID: inv.ID, Date: today, Amount: kr("100")})
			if _, err := s.RegisterPayment(ctx, p, at(fmt.Sprintf("10:0%d", i))); err != nil {
				t.Fatal(err)
			}
		}
		all, err := s.AmiliReports(ctx)
		if err != nil || len(all) != 2 || all[0].ID < all[1].ID || all[0].InvoiceNumber != "1" || !all[0].Amount.Equal(kr("100")) {
			t.Fatalf("AmiliReports = %+v (%v), want both payments, newest first", all, err)
		}
		if mine, err := s.InvoiceAmiliReports(ctx, other.ID); err != nil || len(mine) != 0 {
			t.Fatalf("InvoiceAmiliReports of an invoice without a case = %+v (%v)", mine, err)
		}
	})
}

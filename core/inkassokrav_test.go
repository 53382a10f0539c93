package core

import (
	"errors"
	"testing"

	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// overdueReminded is an invoice of 10 000 kr due 2025-01-31, reminded once on
// 2025-02-10, and a demand made on 2025-03-01 with ten days to pay.
func overdueReminded(company bool) CollectionInput {
	return CollectionInput{
		Invoice: Invoice{Number: "2025-0042", InvoiceDate: MustDate("2025-01-01"), DueDate: MustDate("2025-01-31"),
			Total: kr("10000"), ReminderCount: 1, LastReminded: MustDate("2025-02-10")},
		Customer: Customer{Name: "Åsa Öberg AB", IsCompany: company},
		Date:     MustDate("2025-03-01"),
		PayDays:  10,
	}
}

// The collection fee and its interplay with förseningsersättning, each against a
// worked example (lag 1981:739 3 § 1, 4 § second paragraph point 2 and 4 a §, as
// worded by SFS 2013:56; core/RULES.md, "The company's own inkassokrav").
func TestAnInkassokravChargesTheFeeTheLawAllows(t *testing.T) {
	tests := []struct {
		name    string
		edit    func(*CollectionInput)
		fee     string
		late    string
		amount  string
		comment string
	}{
		{"a consumer pays the 180 kr collection fee, no agreement needed",
			func(in *CollectionInput) { in.Customer.IsCompany = false }, "180", "0", "10180",
			"3 § 1: a krav formed as inkassolagen 5 § says; 4 §: at most 180 kr"},
		{"a company not charged förseningsersättning pays the 180 kr fee when it is not asked",
			func(*CollectionInput) {}, "180", "0", "10180", "4 a § applies only where förseningsersättning is got"},
		{"a company charged 60 kr of fees and 390 kr of förseningsersättning pays no collection fee",
			func(in *CollectionInput) {
				in.FeesCharged, in.LateCompensated = kr("60"), kr("390")
				in.Invoice.Charges = kr("450")
			}, "0", "0", "10450", "costs 60 + 180 = 240 ≤ 450: the 450 kr compensates them"},
		{"a company asked förseningsersättning on the demand pays 450 kr less earlier fees and no collection fee",
			func(in *CollectionInput) {
				in.ChargeLateCompensation, in.FeesCharged = true, kr("60")
				in.Invoice.Charges = kr("60")
			}, "0", "390", "10450", "60 + 390 = 450 in all, never 450 + 180"},
		{"a company with 420 kr of fees and 30 kr of förseningsersättning pays only the 150 kr above 450",
			func(in *CollectionInput) {
				in.FeesCharged, in.LateCompensated = kr("420"), kr("30")
				in.Invoice.Charges = kr("450")
			}, "150", "0", "10600", "costs 420 + 180 = 600; 450 + (600 − 450) = 600 in all"},
		{"a consumer is never charged förseningsersättning even when it is asked",
			func(in *CollectionInput) { in.Customer.IsCompany, in.ChargeLateCompensation = false, true },
			"180", "0", "10180", "4 a §: only between näringsidkare"},
		{"a second inkassokrav on the same invoice charges no fee",
			func(in *CollectionInput) {
				in.CollectionCharged = true
				in.Invoice.Charges = kr("180")
			}, "0", "0", "10180", "one krav's cost is the one skäligen påkallad (4 §)"},
		{"the interest stated is charged beyond what earlier reminders stated",
			func(in *CollectionInput) {
				in.Customer.IsCompany = false
				in.Interest = Interest{Amount: kr("82.19"), Rate: kr("10"), Days: 30,
					From: MustDate("2025-02-01"), To: MustDate("2025-03-02")}
				in.InterestBefore = kr("27.40")
			}, "180", "0", "10234.79", "10 000 + 82,19 − 27,40 + 180"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := overdueReminded(true)
			tt.edit(&in)
			d, err := PlanCollectionDemand(in)
			if err != nil {
				t.Fatal(err)
			}
			if !d.Fee.Equal(kr(tt.fee)) || !d.LateCompensation.Equal(kr(tt.late)) || !d.AmountDue.Equal(kr(tt.amount)) {
				t.Errorf("fee %s, förseningsersättning %s, to pay %s; want %s, %s, %s (%s)",
					d.Fee, d.LateCompensation, d.AmountDue, tt.fee, tt.late, tt.amount, tt.comment)
			}
		})
	}
}

// Never before the claim is due and a reminder has gone out, never under Amili, never
// with less than eight days to pay (IMY on god inkassosed).
func TestAnInkassokravIsRefusedWhereTheLawOrThePlanDoesNotAllowIt(t *testing.T) {
	tests := []struct {
		name string
		edit func(*CollectionInput)
		code ErrorCode
	}{
		{"an invoice with Amili", func(in *CollectionInput) { in.Invoice.AmiliState = AmiliRegistered }, ECONFLICT},
		{"an invoice not yet due", func(in *CollectionInput) { in.Invoice.DueDate = in.Date }, ECONFLICT},
		{"an invoice never reminded", func(in *CollectionInput) {
			in.Invoice.ReminderCount, in.Invoice.LastReminded = 0, Date{}
		}, ECONFLICT},
		{"an invoice reminded only today", func(in *CollectionInput) { in.Invoice.LastReminded = in.Date }, ECONFLICT},
		{"an invoice paid", func(in *CollectionInput) { in.Invoice.Paid = in.Invoice.Total }, ECONFLICT},
		{"seven days to pay", func(in *CollectionInput) { in.PayDays = 7 }, EINVALID},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := overdueReminded(true)
			tt.edit(&in)
			_, err := PlanCollectionDemand(in)
			var e *Error
			if !errors.As(err, &e) || e.Code != tt.code {
				t.Fatalf("got %v, want a %s error", err, tt.code)
			}
		})
	}
}

// A closed Amili case is no longer with Amili (rule 1): the company may demand itself.
func TestAnInkassokravGivesEightDaysAndSaysWhatItIsBasedOn(t *testing.T) {
	in := overdueReminded(false)
	in.PayDays = MinCollectionDays
	in.Invoice.AmiliState = AmiliClosed
	d, err := PlanCollectionDemand(in)
	if err != nil {
		t.Fatal(err)
	}
	if d.PayBy != MustDate("2025-03-09") {
		t.Errorf("pay by %s, want 2025-03-09", d.PayBy)
	}
	for name, s := range map[string]string{"basis": d.Basis, "objection": d.Objection, "consequence": d.Consequence} {
		if s == "" {
			t.Errorf("the %s is empty", name)
		}
	}
	if want := "Faktura 2025-0042 daterad 2025-01-01, förfallen till betalning 2025-01-31."; d.Basis != want {
		t.Errorf("basis %q, want %q", d.Basis, want)
	}
}

// Whatever reminders came before, an inkassokrav's collection fee is between zero and
// 180 kr, and the reminder fees, förseningsersättning and collection fee charged on an
// invoice together never pass what lag 1981:739 4 § and 4 a § permit: the fees and
// 180 kr where no förseningsersättning is got, else the larger of 450 kr and them.
func TestAnInkassokravNeverChargesMoreThanTheLawPermits(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		in := overdueReminded(rapid.Bool().Draw(t, "company"))
		fees := decimal.NewFromInt(60 * int64(rapid.IntRange(0, 12).Draw(t, "reminder fees")))
		in.FeesCharged = fees
		if in.Customer.IsCompany && rapid.Bool().Draw(t, "förseningsersättning before") {
			in.LateCompensated = decimal.Max(decimal.Zero, LateCompensationAmount.Sub(fees)) // rule 6
		}
		in.ChargeLateCompensation = rapid.Bool().Draw(t, "förseningsersättning asked")
		d, err := PlanCollectionDemand(in)
		if err != nil {
			t.Fatal(err)
		}
		if d.Fee.IsNegative() || d.Fee.GreaterThan(CollectionFeeAmount) || d.LateCompensation.IsNegative() {
			t.Fatalf("fee %s, förseningsersättning %s", d.Fee, d.LateCompensation)
		}
		late := in.LateCompensated.Add(d.LateCompensation)
		charged := fees.Add(late).Add(d.Fee)
		limit := fees.Add(CollectionFeeAmount)
		if late.IsPositive() {
			limit = decimal.Max(LateCompensationAmount, limit)
		}
		if charged.GreaterThan(limit) {
			t.Fatalf("charged %s in all (fees %s, förseningsersättning %s, fee %s), the law permits %s",
				charged, fees, late, d.Fee, limit)
		}
		if !in.Customer.IsCompany && !d.Fee.Equal(CollectionFeeAmount) {
			t.Fatalf("a consumer's fee is %s, want 180 kr", d.Fee)
		}
	})
}

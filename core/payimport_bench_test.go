package core_test

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"paminn/core"
	"paminn/data/bankfile"
	"paminn/data/benchbook"
)

// BenchmarkPreviewBGMax10000 reads, matches and previews a BGMax file of 10,000
// payments on the 100,000-invoice book (target ≤ 1 s): 7,000 by OCR reference, 1,500
// by the invoice number in the message, 1,000 paying part of an invoice by OCR and
// 500 matching nothing but naming a payer, which makes the preview look for a
// suggestion among that customer's open invoices.
func BenchmarkPreviewBGMax10000(b *testing.B) {
	svc, _ := benchbook.Service(b)
	ctx := context.Background()
	set, err := svc.Settings(ctx)
	if err != nil {
		b.Fatal(err)
	}
	set.Company.Bankgiro = "5050-1055"
	if err := svc.SaveSettings(ctx, set); err != nil {
		b.Fatal(err)
	}
	page, err := svc.ListInvoices(ctx, core.InvoiceQuery{Filter: core.FilterOverdue, Limit: 10000, SkipTotals: true})
	if err != nil || len(page.Invoices) < 10000 {
		b.Fatalf("%d overdue invoices, %v", len(page.Invoices), err)
	}
	pays := make([]core.BankPayment, 10000)
	for i, inv := range page.Invoices[:10000] {
		p := core.BankPayment{Reference: inv.OCR, Amount: inv.Balance(), PayerName: inv.CustomerName}
		switch {
		case i%20 < 3:
			p.Reference, p.Message = "", "Faktura "+inv.Number
		case i%20 == 3:
			p.Amount = core.RoundOre(inv.Balance().Div(decimal.NewFromInt(2)))
		case i%20 == 4 && i%40 < 20:
			p.Reference, p.Amount = "", decimal.NewFromInt(int64(100+i))
		}
		pays[i] = p
	}
	var deposits []bankfile.Deposit
	for d := 0; d < 10; d++ {
		deposits = append(deposits, bankfile.Deposit{Date: benchbook.Today.AddDays(-1 - d), Serial: d + 1, Payments: pays[d*1000 : (d+1)*1000]})
	}
	content := bankfile.WriteBGMax(time.Date(2026, 3, 16, 6, 0, 0, 0, time.UTC), "5050-1055", deposits)
	defer benchbook.ReportCPU(b)()
	for b.Loop() {
		imp, err := svc.PreviewPaymentFile(ctx, "bench-"+strconv.Itoa(len(pays))+".txt", content)
		if err != nil {
			b.Fatal(err)
		}
		if len(imp.Rows) != 10000 {
			b.Fatalf("%d rows", len(imp.Rows))
		}
	}
}

package data

import (
	"context"
	"database/sql"
	"time"

	"github.com/shopspring/decimal"

	"paminn/core"
)

const (
	msgPartsNotAmount = "A payment's parts add up to {{.Parts}}, not its amount {{.Amount}}; nothing was registered"
	msgNotAWaiver     = "A waiver lets go of costs and interest only; nothing was waived"
	msgWaiverTooLarge = "Invoice {{.Number}} no longer owes the costs and interest to waive; nothing was waived"
)

// oreParts is core.Parts in öre, as the payments and claim_entries columns hold them.
type oreParts struct{ principal, fee, compensation, interest int64 }

func orePartsOf(p core.Parts) oreParts {
	return oreParts{core.ToOre(p.Principal), core.ToOre(p.Fee), core.ToOre(p.Compensation), core.ToOre(p.Interest)}
}

func (p oreParts) sum() int64     { return p.principal + p.charges() }
func (p oreParts) charges() int64 { return p.fee + p.compensation + p.interest }

func (p oreParts) parts() core.Parts {
	return core.Parts{Principal: fromOre(p.principal), Fee: fromOre(p.fee),
		Compensation: fromOre(p.compensation), Interest: fromOre(p.interest)}
}

// fromOre is core.FromOre without an allocation for the common zero.
func fromOre(ore int64) decimal.Decimal {
	if ore == 0 {
		return decimal.Zero
	}
	return core.FromOre(ore)
}

// covers reports whether each of p's costs and interest parts is at most q's.
func (p oreParts) chargesWithin(q oreParts) bool {
	return p.fee <= q.fee && p.compensation <= q.compensation && p.interest <= q.interest
}

// chargesUpTo is p's charges, each part at most what q holds of it (never below
// zero); no principal.
func (p oreParts) chargesUpTo(q oreParts) oreParts {
	return oreParts{fee: min(p.fee, max(q.fee, 0)), compensation: min(p.compensation, max(q.compensation, 0)),
		interest: min(p.interest, max(q.interest, 0))}
}

// createdText is when a row was written, "" when unknown (created_at is NOT NULL).
func createdText(now time.Time) any {
	if now.IsZero() {
		return ""
	}
	return instantText(now)
}

// OpenParts returns what is open of each of the given invoices' claims, part by
// part: the unpaid principal (total_ore - paid_ore) and, for an invoice with open
// charges, what claim_entries charged of fees, förseningsersättning and interest
// less what payments and waivers settled of each. An unknown invoice has no entry.
func (s *Store) OpenParts(ctx context.Context, ids []int64) (map[int64]core.Parts, error) {
	var out map[int64]core.Parts
	err := s.read(ctx, "read open claims", func(tx *sql.Tx) (err error) {
		out, err = openParts(ctx, tx, ids)
		return err
	})
	return out, err
}

// openParts reads OpenParts in the caller's transaction: the invoices by their
// primary key, then the entries and payments of the few with open charges by their
// indexes on invoice.
func openParts(ctx context.Context, tx *sql.Tx, ids []int64) (map[int64]core.Parts, error) {
	out := make(map[int64]core.Parts, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	var charged []int64
	err := readRows(ctx, tx, openPrincipalSQL, []any{jsonList(ids)}, func(scan func(...any) error) error {
		var id, principal, charges int64
		if err := scan(&id, &principal, &charges); err != nil {
			return err
		}
		out[id] = oreParts{principal: principal}.parts()
		if charges != 0 {
			charged = append(charged, id)
		}
		return nil
	})
	if err != nil || len(charged) == 0 {
		return out, err
	}
	return out, readRows(ctx, tx, openChargesSQL, []any{jsonList(charged)}, func(scan func(...any) error) error {
		var id int64
		var p oreParts
		if err := scan(&id, &p.fee, &p.compensation, &p.interest); err != nil {
			return err
		}
		p.principal = core.ToOre(out[id].Principal)
		out[id] = p.parts()
		return nil
	})
}

// openPrincipalSQL reads the unpaid principal and the open charges of the invoices
// whose IDs are its one parameter, a JSON array, by their primary key.
const openPrincipalSQL = `SELECT id, total_ore - paid_ore, charges_ore FROM invoices
	WHERE id IN (SELECT value FROM json_each(?))`

// openChargesSQL sums, per invoice whose ID is in its one parameter (a JSON array),
// what the entries charged (waivers negative) less what payments settled of each
// part.
const openChargesSQL = `SELECT invoice_id, sum(fee), sum(compensation), sum(interest) FROM (
		SELECT invoice_id, fee_ore AS fee, compensation_ore AS compensation, interest_ore AS interest
			FROM claim_entries WHERE invoice_id IN (SELECT value FROM json_each(?1))
		UNION ALL
		SELECT invoice_id, -fee_ore, -compensation_ore, -interest_ore
			FROM payments WHERE invoice_id IN (SELECT value FROM json_each(?1))
				AND (fee_ore != 0 OR compensation_ore != 0 OR interest_ore != 0)) AS parts
	GROUP BY invoice_id`

// readRows runs query and hands each row's scan to row.
func readRows(ctx context.Context, tx *sql.Tx, query string, args []any, row func(scan func(...any) error) error) error {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := row(rows.Scan); err != nil {
			return err
		}
	}
	return rows.Err()
}

// settle lowers an invoice's open claim by parts in the caller's transaction: the
// principal part raises paid_ore (never beyond the total), the costs and interest
// parts lower charges_ore, each never below what is open of it. ENOTFOUND for an
// unknown invoice, ECONFLICT with conflict (a template of the invoice's Number)
// when the claim no longer takes the parts: it changed since the Service read it.
func settle(ctx context.Context, tx *sql.Tx, invoiceID int64, parts oreParts, conflict string) error {
	ok := true
	if parts.charges() != 0 {
		open, err := openParts(ctx, tx, []int64{invoiceID})
		if err != nil {
			return err
		}
		o, found := open[invoiceID]
		ok = found && parts.chargesWithin(orePartsOf(o))
	}
	if ok {
		res, err := tx.ExecContext(ctx, `UPDATE invoices SET paid_ore = paid_ore + ?1, charges_ore = charges_ore - ?2
			WHERE id = ?3 AND paid_ore + ?1 <= total_ore AND charges_ore - ?2 >= 0`,
			parts.principal, parts.charges(), invoiceID)
		if err != nil {
			return err
		}
		n, err := res.RowsAffected()
		if err != nil || n == 1 {
			return err
		}
	}
	inv, err := findInvoice(ctx, tx, invoiceID) // ENOTFOUND for an unknown invoice
	if err != nil {
		return err
	}
	return core.Errorf(core.ECONFLICT, conflict, map[string]any{"Number": inv.Number})
}

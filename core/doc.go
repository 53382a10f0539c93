// Package core holds Påminn's domain: its types, the rules, and the Service the GUI
// calls. It imports only the standard library, shopspring/decimal and x/text's
// character encodings, and opens no file: storage lives in package data behind the
// Store interface, and the files the user names are read by the channels (Channels).
//
// The rules, numbered as the code refers to them ("rule 5"); core/RULES.md gives each
// in full with its source in law or in Bankgirot's manuals:
//
//  1. Who may be reminded: a positive balance, overdue, not with Amili; Amili also needs SEK, an ID number and an address.
//  2. At most 200 invoices per batch: more is an error, never a cut.
//  3. Amili needs activation.
//  4. Under Amili, Amili charges: no interest, fee, förseningsersättning or e-mail of ours.
//  5. Late-payment interest: each day's unpaid amount, the half-year's reference rate plus 8, rounded once.
//  6. Reminder fee and förseningsersättning: a fee of at most 60 kr where agreed; 450 kr per invoice from companies, fees before included, then no fee.
//  7. New due date: the reminder date plus the payment term.
//  8. Atomic batches: all or nothing, once per idempotency key.
//  9. Delivery after commit: from the queue, retried, never twice.
//  10. Default type: Amili once activated.
//  11. Recently reminded: flagged within 7 days, not blocked.
//  12. The claim: the unpaid principal plus what committed reminders charged; Betald only when nothing remains.
package core

package gui

import (
	"context"
	"net/url"
	"os"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"paminn/core"
)

// reminderDetailColumns are the columns of an invoice's reminders; v is the invoice's
// details, whose charge entries tell what each reminder added to the claim.
func reminderDetailColumns(v *core.InvoiceDetails) []column[core.Reminder, unsorted] {
	return []column[core.Reminder, unsorted]{
		{title: "Date", width: 95, show: func(r core.Reminder) cellLook { return plain(formatDate(r.Date)) }},
		{title: "Level", width: 45, trailing: true, show: func(r core.Reminder) cellLook { return plain(levelText(r)) }},
		{title: "Channel", width: 70, show: func(r core.Reminder) cellLook { return plain(channelText(r.Channel)) }},
		{title: "Charged", width: 105, trailing: true, show: func(r core.Reminder) cellLook {
			for _, e := range v.Entries {
				if e.Kind == core.EntryCharge && e.ReminderID == r.ID {
					return plain(formatAmount(e.Parts.Charges()))
				}
			}
			return plain("")
		}},
		{title: "Amount due", width: 115, trailing: true, show: func(r core.Reminder) cellLook { return plain(formatAmount(r.AmountDue)) }},
		{title: "Delivery", width: 90, show: func(r core.Reminder) cellLook { return styled(deliveryLook(r.State)) }},
		{title: "Reference", width: 150, show: func(r core.Reminder) cellLook {
			if r.ExternalRef == "" {
				return plain("")
			}
			return plain(externalRefText(r))
		}},
		{title: "Error", width: 200, show: func(r core.Reminder) cellLook {
			return styled(messageText(r.FailureMessage()), widget.DangerImportance)
		}},
	}
}

// reminderDetails is the Reminders part of an invoice's details: each reminder with
// its delivery, why a failed one failed, and its letter and e-mail.
type reminderDetails struct {
	d        *invoiceDetails
	row      int // the selected reminder, -1 for none
	table    *openTable
	why      *widget.Label
	letter   *widget.Button
	email    *widget.Button
	content  fyne.CanvasObject
	lastMail fyne.CanvasObject // what the e-mail last shown shows, for tests
}

func newReminderDetails(d *invoiceDetails) *reminderDetails {
	r := &reminderDetails{d: d, row: -1}
	rows, row := listRows(func() []core.Reminder { return d.d.Reminders })
	r.table = newOpenTable(columnTable[core.Reminder, unsorted]{cols: reminderDetailColumns(&d.d), rows: rows, row: row}, r.onOpen)
	r.table.onEsc = d.close
	r.table.OnSelected = func(id widget.TableCellID) { r.row = id.Row; r.update() }
	r.table.OnUnselected = func(widget.TableCellID) { r.row = -1; r.update() }
	r.why = widget.NewLabel("")
	r.why.Truncation = fyne.TextTruncateEllipsis
	r.why.Importance = widget.DangerImportance
	r.letter = widget.NewButtonWithIcon(lang.L("Open the letter (PDF)"), theme.FileIcon(), r.onLetter)
	r.email = widget.NewButtonWithIcon(lang.L("Show the e-mail"), theme.MailComposeIcon(), r.onEmail)
	r.update()
	r.content = container.NewBorder(nil, container.NewVBox(r.why, container.NewHBox(r.letter, r.email)), nil, nil, r.table)
	return r
}

// show refreshes the list after the details were read again.
func (r *reminderDetails) show() {
	if r.row >= len(r.d.d.Reminders) {
		r.row = -1
	}
	r.table.Refresh()
	r.update()
}

// selected is the selected reminder.
func (r *reminderDetails) selected() (core.Reminder, bool) {
	if r.row < 0 || r.row >= len(r.d.d.Reminders) {
		return core.Reminder{}, false
	}
	return r.d.d.Reminders[r.row], true
}

// update enables what the selected reminder has: a letter unless Amili wrote it, an
// e-mail if it went by e-mail; and says in full why its delivery failed.
func (r *reminderDetails) update() {
	rem, ok := r.selected()
	setEnabled(r.letter, ok && rem.Channel.WritesLetter())
	setEnabled(r.email, ok && rem.Channel.SendsEmail())
	r.why.SetText("")
	if ok && rem.State == core.DeliveryFailed {
		r.why.SetText(lang.L("Could not be delivered: {{.Reason}}", map[string]any{"Reason": messageText(rem.FailureMessage())}))
	}
}

// onOpen opens what the reminder sent: its e-mail, or its letter.
func (r *reminderDetails) onOpen() {
	rem, ok := r.selected()
	switch {
	case !ok:
	case rem.Channel.SendsEmail():
		r.onEmail()
	case rem.Channel.WritesLetter():
		r.onLetter()
	}
}

// onLetter opens the reminder's letter in the PDF viewer: the file written when it
// was sent, or, where there is none (an e-mail's attachment, or a letter not yet
// written), the letter made again from the reminder as stored, in a file of its own.
func (r *reminderDetails) onLetter() {
	rem, ok := r.selected()
	if !ok {
		return
	}
	if rem.Channel.KeepsLetterFile() && rem.ExternalRef != "" {
		if _, err := os.Stat(rem.ExternalRef); err == nil {
			openFile(rem.ExternalRef, r.d.win)
			return
		}
	}
	invoiceID := r.d.id
	background(func(ctx context.Context) (string, error) {
		pdf, err := r.d.svc.ReminderLetterPDF(ctx, invoiceID, rem.ID)
		if err != nil {
			return "", err
		}
		return writeTempPDF(pdf, "paminn-letter-*.pdf")
	}, func(path string, err error) {
		if err != nil {
			showError(err, r.d.win)
			return
		}
		openFile(path, r.d.win)
	})
}

// onEmail shows the reminder's e-mail: recipient, subject and text.
func (r *reminderDetails) onEmail() {
	rem, ok := r.selected()
	if !ok {
		return
	}
	invoiceID := r.d.id
	background(func(ctx context.Context) (core.SentEmail, error) {
		return r.d.svc.ReminderEmail(ctx, invoiceID, rem.ID)
	}, func(e core.SentEmail, err error) {
		if err != nil {
			showError(err, r.d.win)
			return
		}
		r.lastMail = showEmail(e, r.d.win)
	})
}

// showEmail shows an e-mail as Påminn writes it, in a dialog of its own.
func showEmail(e core.SentEmail, win fyne.Window) fyne.CanvasObject {
	form := widget.NewForm(
		widget.NewFormItem(lang.L("To"), widget.NewLabel(e.To)),
		widget.NewFormItem(lang.L("Subject"), widget.NewLabel(e.Subject)),
	)
	if e.MessageID != "" {
		form.Append(lang.L("Message-ID"), widget.NewLabel(e.MessageID))
	}
	body := widget.NewLabel(e.Body)
	body.TextStyle.Monospace = true
	body.Selectable = true
	note := widget.NewLabel(lang.L("Written again from the reminder as it was stored, to the customer's address as it is now; the letter went with it as a PDF."))
	note.Wrapping = fyne.TextWrapWord
	note.Importance = widget.LowImportance
	var dlg *dialog.CustomDialog
	closeBtn := newKeyButton(lang.L("Close"), theme.CancelIcon(), func() { dlg.Hide() }, func() { dlg.Hide() })
	content := borderTopFirst(container.NewVBox(form, note), container.NewBorder(nil, nil, nil, closeBtn),
		container.NewVScroll(body))
	dlg = dialog.NewCustomWithoutButtons(lang.L("The reminder e-mail"), content, win)
	openDialog(win, dlg, fyne.NewSize(760, 620), dlg.Hide)
	win.Canvas().Focus(closeBtn)
	return content
}

// writeTempPDF writes pdf to a new file in the temporary folder, named by pattern.
func writeTempPDF(pdf []byte, pattern string) (string, error) {
	f, err := os.CreateTemp("", pattern)
	if err != nil {
		return "", core.Wrap(err, core.EUNAVAILABLE, "The letter could not be written to a temporary file", nil)
	}
	_, err = f.Write(pdf)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return "", core.Wrap(err, core.EUNAVAILABLE, "The letter could not be written to a temporary file", nil)
	}
	return f.Name(), nil
}

// openFile opens the file at path with the program the desktop opens it with, or,
// where none does, says where it is.
func openFile(path string, win fyne.Window) {
	u, err := url.Parse(storage.NewFileURI(path).String())
	if err == nil {
		err = openURL(u)
	}
	if err != nil {
		fyne.LogError("Opening "+path, err)
		dialog.ShowInformation(lang.L("Open the letter (PDF)"),
			lang.L("No program on this computer opens PDF files. The letter is in this file: {{.Path}}", map[string]any{"Path": path}), win)
	}
}

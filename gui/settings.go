package gui

import (
	"context"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/shopspring/decimal"

	"paminn/core"
)

// smtpSecurity pairs the mail security settings with their names.
var smtpSecurity = []struct {
	value, name string
}{{"starttls", "STARTTLS (port 587)"}, {"tls", "TLS (port 465)"}, {"none", "None (testing only)"}}

// settingsTab is Inställningar: the company, reminder terms, letters, e-mail,
// the reference-rate table and Amili, on one page that scrolls, saved by one Save
// (Amili's card acts at once, on its own buttons).
type settingsTab struct {
	svc *core.Service
	win fyne.Window

	set   core.Settings // as loaded; fields the tab does not show are kept
	saved string        // the fields as last loaded or saved (snapshot)

	name, orgNumber, bankgiro, line1, line2, zip, city, email, phone *widget.Entry
	fee, term, margin, lettersDir                                    *widget.Entry
	interestMin                                                      *widget.Entry // Settings.InterestInvoiceMinimum
	smtpHost, smtpPort, smtpUser, smtpFrom, smtpPassword             *widget.Entry
	smtpSecurity                                                     *widget.Select

	payment *paymentFields
	rates   *rateEditor
	amili   *amiliCard
	plan    *planEditor // the reminder plans (planeditor.go)
	// channelCards hold each delivery channel's settings (settings_channels.go).
	channelCards map[core.Channel]*widget.Card
	mailTest     *mailTest
	saveBtn      *keyButton
	unsaved      *widget.Label // "Unsaved changes" beside Save
	page         *container.Scroll
	left         *fyne.Container      // the page's left column
	leaving      *dialog.CustomDialog // the unsaved-changes question, when asked
	content      fyne.CanvasObject
	watching     bool           // watchFocus looks where the keyboard is (settings_tabview.go)
	lastFocus    fyne.Focusable // where it was at the last look
}

func newSettingsTab(svc *core.Service, win fyne.Window) *settingsTab {
	t := &settingsTab{svc: svc, win: win}
	for _, e := range []**widget.Entry{&t.name, &t.orgNumber, &t.bankgiro, &t.line1, &t.line2, &t.zip, &t.city,
		&t.email, &t.phone, &t.fee, &t.term, &t.margin, &t.lettersDir, &t.smtpHost, &t.smtpPort, &t.smtpUser, &t.smtpFrom,
		&t.interestMin} {
		*e = widget.NewEntry()
	}
	t.lettersDir.SetPlaceHolder(svc.DefaultLettersFolder())
	t.smtpPassword = widget.NewPasswordEntry()
	t.smtpPassword.SetPlaceHolder(lang.L("Kept in the computer's password store, never in the book"))
	names := make([]string, len(smtpSecurity))
	for i, s := range smtpSecurity {
		names[i] = lang.L(s.name)
	}
	t.smtpSecurity = widget.NewSelect(names, nil)
	t.payment = newPaymentFields(t.bankgiro)
	t.rates = newRateEditor(svc, win)
	t.rates.saveBtn.Hide() // the page's Save saves the table too
	t.amili = newAmiliCard(svc, win)
	t.plan = newPlanEditor(win, svc.Today, func() string { return t.name.Text })
	t.mailTest = newMailTest(t)
	t.saveBtn = newPrimaryButton(lang.L("Save settings"), theme.DocumentSaveIcon(), t.onSave)
	t.unsaved = widget.NewLabel("")
	t.unsaved.Importance = widget.WarningImportance
	t.layout()
	t.watchChanges()
	return t
}

func (t *settingsTab) layout() {
	company := widget.NewCard(lang.L("Company"), "", widget.NewForm(append([]*widget.FormItem{
		widget.NewFormItem(lang.L("Name"), t.name), widget.NewFormItem(lang.L("Org. no."), t.orgNumber),
		widget.NewFormItem(lang.L("Bankgiro"), t.bankgiro), widget.NewFormItem(lang.L("Address"), t.line1),
		widget.NewFormItem("", t.line2), widget.NewFormItem(lang.L("Postcode"), t.zip),
		widget.NewFormItem(lang.L("City"), t.city), widget.NewFormItem(lang.L("E-mail"), t.email),
		widget.NewFormItem(lang.L("Phone"), t.phone)}, t.payment.items()...)...))
	t.channelCards = map[core.Channel]*widget.Card{}
	for _, ch := range core.AllChannels() {
		t.channelCards[ch] = t.newChannelCard(ch)
	}
	rates := widget.NewCard(lang.L("Reference rates (Riksbank)"), lang.L("Late-payment interest is the reference rate plus the margin."), t.rates.content)
	left := container.NewVBox(company, t.channelCards[core.ChannelLetter], t.channelCards[core.ChannelEmail])
	t.left = left
	plan := widget.NewCard(lang.L("Reminder plan"), lang.L("The steps an overdue invoice goes through, in order."), t.plan.content)
	right := container.NewVBox(plan, t.channelCards[core.ChannelAmili], rates)
	// One page that scrolls as a whole, wherever the pointer is; Save stays in view
	// below it. It scrolls sideways too, so its width never holds the window wider
	// than a small screen.
	t.page = container.NewScroll(container.New(sharedColumns{}, left, right))
	saveBar := container.NewHBox(t.saveBtn, t.unsaved)
	t.content = container.NewBorder(nil, container.NewVBox(widget.NewSeparator(), saveBar), nil, nil, newWheelPage(t.page))
}

// load fetches the settings and the rate table off the UI thread.
func (t *settingsTab) load() {
	background(func(ctx context.Context) (core.Settings, error) {
		return t.svc.Settings(ctx)
	}, func(set core.Settings, err error) {
		if err != nil {
			showError(err, t.win)
			return
		}
		t.show(set)
	})
	t.rates.load()
	t.amili.load()
}

// show fills the fields from set.
func (t *settingsTab) show(set core.Settings) {
	t.set = set
	c := set.Company
	for e, v := range map[*widget.Entry]string{t.name: c.Name, t.orgNumber: c.OrgNumber, t.bankgiro: c.Bankgiro,
		t.line1: c.Address.Line1, t.line2: c.Address.Line2, t.zip: c.Address.ZipCode, t.city: c.Address.City,
		t.email: c.Email, t.phone: c.Phone, t.fee: amountText(set.ReminderFee), t.term: strconv.Itoa(set.PaymentTermDays),
		t.margin: amountText(set.InterestMargin), t.lettersDir: set.LettersDir, t.smtpHost: set.SMTP.Host,
		t.smtpPort: strconv.Itoa(set.SMTP.Port), t.smtpUser: set.SMTP.User, t.smtpFrom: set.SMTP.From,
		t.interestMin: amountText(set.InterestInvoiceMinimum)} {
		e.SetText(v)
	}
	t.payment.show(set)
	t.plan.show(set.Plan)
	t.smtpSecurity.SetSelectedIndex(0)
	for i, s := range smtpSecurity {
		if s.value == set.SMTP.Security {
			t.smtpSecurity.SetSelectedIndex(i)
		}
	}
	t.saved = t.snapshot()
	t.showUnsaved()
}

// read collects the fields into settings, or says which field is wrong.
func (t *settingsTab) read() (core.Settings, error) {
	set := t.set
	set.Company = core.Company{Name: t.name.Text, OrgNumber: t.orgNumber.Text, Bankgiro: t.bankgiro.Text,
		Email: strings.TrimSpace(t.email.Text), Phone: t.phone.Text,
		Address: core.Address{Line1: t.line1.Text, Line2: t.line2.Text, ZipCode: t.zip.Text, City: t.city.Text, Country: set.Company.Address.Country}}
	if err := t.payment.read(&set); err != nil {
		return set, err
	}
	var err error
	if set.ReminderFee, err = core.ParseAmount(t.fee.Text); err != nil {
		return set, err
	}
	if set.PaymentTermDays, err = parseWhole(t.term.Text, "Payment term (days)"); err != nil {
		return set, err
	}
	if set.InterestMargin, err = parsePercent(t.margin.Text); err != nil {
		return set, err
	}
	set.InterestInvoiceMinimum = decimal.Zero // an empty field offers every amount
	if text := strings.TrimSpace(t.interestMin.Text); text != "" {
		if set.InterestInvoiceMinimum, err = core.ParseAmount(text); err != nil {
			return set, err
		}
	}
	set.LettersDir = strings.TrimSpace(t.lettersDir.Text)
	set.Plan = t.plan.read()
	set.SMTP.Host, set.SMTP.User, set.SMTP.From = strings.TrimSpace(t.smtpHost.Text), t.smtpUser.Text, strings.TrimSpace(t.smtpFrom.Text)
	if set.SMTP.Port, err = parseWhole(t.smtpPort.Text, "Port"); err != nil {
		return set, err
	}
	if i := t.smtpSecurity.SelectedIndex(); i >= 0 {
		set.SMTP.Security = smtpSecurity[i].value
	}
	return set, nil
}

// parseWhole reads a whole number typed into the field named field.
func parseWhole(s, field string) (int, error) {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil {
		return 0, core.Errorf(core.EINVALID, "{{.Field}}: {{.Value}} is not a whole number",
			map[string]any{"Field": lang.L(field), "Value": s})
	}
	return n, nil
}

// parsePercent reads a percentage such as "8" or "2,75" (a "%" sign is allowed).
func parsePercent(s string) (decimal.Decimal, error) {
	return core.ParseAmount(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "%")))
}

func (t *settingsTab) onSave() { t.save(nil) }

// save saves the whole page — the settings, the reference rates when they were
// changed, the e-mail password when one was typed — and then runs then, if set.
// Each goes in its own call, so a refusal names what was wrong; what was saved
// before it stays saved.
func (t *settingsTab) save(then func()) {
	set, err := t.read()
	if err != nil {
		showError(err, t.win)
		return
	}
	rates, err := t.rates.read()
	if err != nil {
		showError(err, t.win)
		return
	}
	ratesChanged, password, snap, ratesSnap := t.rates.changed(), t.smtpPassword.Text, t.snapshot(), t.rates.snapshot()
	t.saveBtn.Disable()
	backgroundErr(func(ctx context.Context) error {
		if err := t.svc.SaveSettings(ctx, set); err != nil {
			return err
		}
		if ratesChanged {
			if err := t.svc.SaveReferenceRates(ctx, rates); err != nil {
				return err
			}
		}
		if password != "" {
			return t.svc.SetSMTPPassword(password)
		}
		return nil
	}, func(err error) {
		t.saveBtn.Enable()
		if err != nil {
			showError(err, t.win)
			return
		}
		t.set, t.saved, t.rates.saved = set, snap, ratesSnap
		if password != "" && t.smtpPassword.Text == password {
			t.smtpPassword.SetText("")
		}
		t.showUnsaved()
		if then != nil {
			then()
			return
		}
		showInfo(lang.L("Settings"), lang.L("The settings are saved."), t.win)
	})
}

func (t *settingsTab) chooseLettersDir() {
	showFolderOpen(func(u fyne.ListableURI, err error) {
		if err != nil {
			showError(err, t.win)
			return
		}
		if u != nil {
			t.lettersDir.SetText(u.Path())
		}
	}, t.win)
}

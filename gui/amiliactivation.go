package gui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"paminn/core"
)

// environmentNames are the Amili environments as the settings name them, in
// core.AmiliEnvironments' order.
var environmentNames = map[core.AmiliEnvironment]string{
	core.AmiliSandbox:    "Sandbox",
	core.AmiliProduction: "Production (address from your agreement)",
}

func environmentName(e core.AmiliEnvironment) string { return lang.L(environmentNames[e]) }

// activationForm asks for Amili's details and activates Amili. Prefilled from the
// status (in the demo the details are complete, so one press of Activate does it).
type activationForm struct {
	*formDialog
	environment               *typeChoice
	production                *escEntry
	creditor, account, apiKey *escEntry
	keyFile                   *escEntry
}

// newActivationForm builds the form; done, if not nil, runs after a successful
// activation (the views reload on the service's OnChange in any case).
func newActivationForm(svc *core.Service, win fyne.Window, status core.AmiliStatus, done func()) *formDialog {
	f := &activationForm{
		production: entryWith(status.ProductionURL, "https://…"),
		creditor:   entryWith(status.CreditorID, ""),
		account:    entryWith(status.AccountID, ""),
		apiKey:     entryWith(status.APICode, lang.L("The API code Amili gave you for your public key")),
		keyFile:    entryWith(status.KeyFile, lang.L("Empty: the key pair generated under Settings")),
	}
	names := make([]string, len(core.AmiliEnvironments))
	for i, e := range core.AmiliEnvironments {
		names[i] = environmentName(e)
	}
	// A choice whose options close the form on Esc, as a RadioGroup's do not.
	f.environment = newTypeChoice(names, func(int) { f.onEnvironment(f.environment.Selected) }, nil)
	f.environment.SetSelected(environmentName(status.Environment))
	browse := widget.NewButton(lang.L("Choose…"), func() {
		showFileOpen(func(r fyne.URIReadCloser, err error) {
			if err != nil || r == nil {
				return
			}
			f.keyFile.SetText(r.URI().Path())
			_ = r.Close() // only the path is wanted
		}, win)
	})
	intro := widget.NewLabel(lang.L("Enter the details from your agreement with Visma Amili. Påminn checks them with Amili before anything is saved."))
	intro.Wrapping = fyne.TextWrapWord
	f.formDialog = newFormDialog(win, lang.L("Activate Amili"), lang.L("Activate"), []*widget.FormItem{
		widget.NewFormItem("", intro),
		widget.NewFormItem(lang.L("Creditor ID"), f.creditor),
		widget.NewFormItem(lang.L("Account ID"), f.account),
		widget.NewFormItem(lang.L("API code"), f.apiKey),
		widget.NewFormItem(lang.L("Environment"), f.environment),
		widget.NewFormItem(lang.L("Production address"), f.production),
		widget.NewFormItem(lang.L("Key file (optional)"), container.NewBorder(nil, nil, nil, browse, f.keyFile)),
	})
	f.prepare = func() (func(context.Context) error, error) {
		a := core.Activation{CreditorID: f.creditor.Text, AccountID: f.account.Text, APICode: f.apiKey.Text,
			Environment: f.chosenEnvironment(), ProductionURL: f.production.Text, KeyFile: f.keyFile.Text,
			BaseURL: status.SandboxURL}
		return func(ctx context.Context) error { return svc.ActivateAmili(ctx, a) }, nil
	}
	f.done = done
	return f.formDialog
}

// chosenEnvironment is the environment ticked.
func (f *activationForm) chosenEnvironment() core.AmiliEnvironment {
	for _, e := range core.AmiliEnvironments {
		if f.environment.Selected == environmentName(e) {
			return e
		}
	}
	return core.AmiliSandbox
}

// onEnvironment enables the production address only for production.
func (f *activationForm) onEnvironment(string) {
	if f.production == nil {
		return
	}
	if f.chosenEnvironment() == core.AmiliProduction {
		f.production.Enable()
	} else {
		f.production.Disable()
	}
}

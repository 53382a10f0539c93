package gui

import (
	"context"
	"errors"
	"io"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"paminn/core"
)

// paymentViews is told of the dialogs importing a bank file puts on screen; the main
// window keeps them, for tests.
type paymentViews interface {
	readingShown(*paymentReading)
	paymentShown(*paymentImport)
}

// maxBankFile bounds what is read of a bank file: a BGMax file of 100,000 payments
// with names and messages is a few tens of MB.
const maxBankFile = 200 << 20

// paymentReading is the progress of reading a bank file: a busy bar and Cancel,
// which stops the reading (the readers take the context down to each line or
// element), so no file can freeze the program.
type paymentReading struct {
	cancel context.CancelFunc
	stop   *widget.Button
	dialog dialog.Dialog
	done   bool
}

func newPaymentReading(name string, win fyne.Window, cancel context.CancelFunc) *paymentReading {
	p := &paymentReading{cancel: cancel}
	p.stop = widget.NewButton(lang.L("Cancel"), p.onCancel)
	bar := widget.NewProgressBarInfinite()
	content := container.NewVBox(widget.NewLabel(lang.L("Reading {{.File}}…", map[string]any{"File": core.Excerpt(name)})),
		bar, container.NewCenter(p.stop))
	p.dialog = dialog.NewCustomWithoutButtons(lang.L("Import payments"), content, win)
	return p
}

// onCancel stops the reading; the dialog closes when the reader has stopped.
func (p *paymentReading) onCancel() {
	p.cancel()
	p.stop.Disable()
}

func (p *paymentReading) close() {
	p.done = true
	p.dialog.Hide()
}

// readPaymentFile reads the file off the UI thread as a stream, previews it and
// shows the preview; while it reads, a progress dialog offers Cancel.
func readPaymentFile(svc *core.Service, win fyne.Window, r fyne.URIReadCloser, views paymentViews) {
	name := r.URI().Name()
	ctx, cancel := context.WithCancel(context.Background())
	reading := newPaymentReading(name, win, cancel)
	reading.dialog.Show()
	escapable(win, reading.onCancel)
	views.readingShown(reading)
	backgroundIn(ctx, func(ctx context.Context) (core.PaymentImport, error) {
		defer r.Close()
		return svc.PreviewPaymentReader(ctx, name, &boundedFile{r: r, left: maxBankFile, name: name})
	}, func(imp core.PaymentImport, err error) {
		stopped := ctx.Err() != nil
		cancel()
		reading.close()
		if stopped && err != nil {
			return // the user cancelled: nothing to say
		}
		if err != nil {
			showError(err, win)
			return
		}
		p := newPaymentImport(svc, win, imp)
		p.show()
		views.paymentShown(p)
	})
}

// boundedFile reads a file up to a size and then fails with a message that says so.
type boundedFile struct {
	r    io.Reader
	left int64
	name string
}

func (b *boundedFile) Read(p []byte) (int, error) {
	if b.left <= 0 {
		var probe [1]byte
		if n, err := b.r.Read(probe[:]); n == 0 && errors.Is(err, io.EOF) {
			return 0, io.EOF
		}
		return 0, core.Errorf(core.EINVALID, "{{.File}} is larger than a bank file can be", map[string]any{"File": b.name})
	}
	if int64(len(p)) > b.left {
		p = p[:b.left]
	}
	n, err := b.r.Read(p)
	b.left -= int64(n)
	return n, err
}

package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// typeChoice is a one-of-several choice drawn like fyne's horizontal RadioGroup,
// with the same Selected and SetSelected, whose options also close the dialog on Esc
// when they have the keyboard: a RadioGroup's own items swallow every key but Space.
// OnChanged gets the index of the option chosen, so the caller maps it to a value
// by position, never by its translated text.
type typeChoice struct {
	widget.BaseWidget
	Selected  string
	OnChanged func(index int)

	options []*choiceOption
	box     *fyne.Container
}

// choiceOption is one option: a flat button with a radio icon, ticked by a tap or Space.
type choiceOption struct {
	widget.Button
	onEsc func()
}

// TypedKey closes the dialog on Esc (onEsc, or the top dialog's Esc) and opens the
// menu on F10.
func (o *choiceOption) TypedKey(e *fyne.KeyEvent) {
	if !escKey(o, e, o.onEsc) {
		o.Button.TypedKey(e)
	}
}

func newTypeChoice(options []string, changed func(index int), onEsc func()) *typeChoice {
	c := &typeChoice{OnChanged: changed, box: container.NewHBox()}
	for _, text := range options {
		o := &choiceOption{onEsc: onEsc}
		o.Text, o.Icon, o.Importance, o.Alignment = text, theme.RadioButtonIcon(), widget.LowImportance, widget.ButtonAlignLeading
		o.OnTapped = func() { c.SetSelected(text) }
		o.ExtendBaseWidget(o)
		c.options = append(c.options, o)
		c.box.Add(o)
	}
	c.ExtendBaseWidget(c)
	return c
}

// SetSelected chooses option text and calls OnChanged if that changes the choice.
func (c *typeChoice) SetSelected(text string) {
	if text == c.Selected {
		return
	}
	c.Selected = text
	chosen := -1
	for i, o := range c.options {
		icon := theme.RadioButtonIcon()
		if o.Text == text {
			icon, chosen = theme.NewPrimaryThemedResource(theme.RadioButtonCheckedIcon()), i
		}
		o.SetIcon(icon)
	}
	if c.OnChanged != nil && chosen >= 0 {
		c.OnChanged(chosen)
	}
}

// SelectedIndex is the index of the option chosen, -1 for none.
func (c *typeChoice) SelectedIndex() int {
	for i, o := range c.options {
		if o.Text == c.Selected {
			return i
		}
	}
	return -1
}

// SetSelectedIndex chooses the option at index i, as SetSelected does.
func (c *typeChoice) SetSelectedIndex(i int) {
	if i >= 0 && i < len(c.options) {
		c.SetSelected(c.options[i].Text)
	}
}

// CreateRenderer draws the options side by side.
func (c *typeChoice) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(c.box)
}

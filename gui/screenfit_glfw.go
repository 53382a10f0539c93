//go:build !wasm && !js && !ios && !android && !mobile && !test_web_driver

package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"github.com/go-gl/glfw/v3.3/glfw"
)

// monitorWorkArea asks GLFW, which Fyne's desktop driver has started by the time a
// window exists, for the primary monitor's work area (the screen less task bars).
// Fyne has no screen size of its own; it must run on the main thread, as the window
// is built. Under another driver (the test driver) it says nothing.
func monitorWorkArea(w fyne.Window) fyne.Size {
	if _, ok := fyne.CurrentApp().Driver().(desktop.Driver); !ok {
		return fyne.Size{}
	}
	mon := glfw.GetPrimaryMonitor()
	if mon == nil {
		return fyne.Size{}
	}
	_, _, width, height := mon.GetWorkarea()
	scale := w.Canvas().Scale()
	if scale <= 0 {
		scale = 1
	}
	return fyne.NewSize(float32(width)/scale, float32(height)/scale)
}

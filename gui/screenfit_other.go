//go:build wasm || js || ios || android || mobile || test_web_driver

package gui

import "fyne.io/fyne/v2"

// monitorWorkArea is not known under this driver: the window keeps its size.
func monitorWorkArea(fyne.Window) fyne.Size { return fyne.Size{} }

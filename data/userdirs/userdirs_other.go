//go:build !windows && !(unix && !darwin && !ios && !android)

package userdirs

// platformDocuments names no folder of its own: macOS keeps ~/Documents under that
// name whatever the language (Finder shows it translated).
func platformDocuments() string { return "" }

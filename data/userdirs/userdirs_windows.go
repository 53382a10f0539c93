//go:build windows

package userdirs

import "golang.org/x/sys/windows"

// platformDocuments asks the shell for the Documents known folder, which follows a
// redirection to OneDrive or another drive.
func platformDocuments() string {
	dir, err := windows.KnownFolderPath(windows.FOLDERID_Documents, windows.KF_FLAG_DEFAULT)
	if err != nil {
		return ""
	}
	return dir
}

package amili

import (
	"context"
	"net/http"
	"os"
	"runtime"
	"sync"
	"testing"
	"time"

	"paminn/core"
)

// testClock is a settable clock shared by a test and a server goroutine.
type testClock struct {
	mu  sync.Mutex
	now time.Time
}

func newTestClock(t time.Time) *testClock { return &testClock{now: t} }

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *testClock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

func TestSandboxStartListensOnLoopbackOnly(t *testing.T) {
	tests := []struct {
		addr string
		ok   bool
	}{
		{"127.0.0.1:0", true},
		{"localhost:0", true},
		{"0.0.0.0:0", false},
		{":0", false},
		{"192.0.2.1:0", false},
		{"not an address", false},
	}
	for _, tt := range tests {
		name := "listening on " + tt.addr + " is refused"
		if tt.ok {
			name = "listening on " + tt.addr + " is allowed"
		}
		t.Run(name, func(t *testing.T) {
			sb := NewSandbox()
			defer sb.Close()
			url, err := sb.Start(tt.addr)
			if !tt.ok {
				wantCode(t, err, core.EINVALID, "loopback only")
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			resp, err := http.Get(url + "/cases")
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != http.StatusUnauthorized {
				t.Errorf("GET /cases without a token = %d, want 401", resp.StatusCode)
			}
		})
	}
}

func TestSandboxStartsOnlyOnce(t *testing.T) {
	sb := NewSandbox()
	defer sb.Close()
	if _, err := sb.Start("127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	_, err := sb.Start("127.0.0.1:0")
	wantCode(t, err, core.ECONFLICT, "already running")
}

// The --demo flow: credentials in the demo folder, a started sandbox, a whole case.
func TestDemoCredentialsWorkAgainstAStartedSandbox(t *testing.T) {
	dir := t.TempDir()
	creditor, account, keyFile, err := DemoCredentials(dir)
	if err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(keyFile)
	if err != nil {
		t.Fatal(err)
	}
	// On Windows access is the folder's ACL and Go reports 0666 for any writable file.
	if perm := info.Mode().Perm(); perm != 0o600 && runtime.GOOS != "windows" {
		t.Errorf("key file mode = %v, want 0600", perm)
	}
	first, _ := os.ReadFile(keyFile)
	_, _, again, err := DemoCredentials(dir)
	if err != nil {
		t.Fatal(err)
	}
	if second, _ := os.ReadFile(again); again != keyFile || string(second) != string(first) {
		t.Errorf("a second call made a new key; it should reuse %s", keyFile)
	}

	sb := NewSandbox()
	defer sb.Close()
	baseURL, err := sb.Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	if err := sb.RegisterDemoCreditor(keyFile); err != nil {
		t.Fatal(err)
	}
	s := core.AmiliSettings{CreditorID: creditor, AccountID: account, APICode: DemoAPICode, BaseURL: baseURL, KeyFile: keyFile}
	client := NewClient()
	if err := client.Verify(context.Background(), s, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := client.RegisterCase(context.Background(), s, testLetter("D-1")); err != nil {
		t.Fatal(err)
	}
}

func TestDemoCredentialsLeaveAFileThatIsNotAKeyAlone(t *testing.T) {
	dir := t.TempDir()
	path := dir + "/" + demoKeyName
	if err := os.WriteFile(path, []byte("my notes"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, _, _, err := DemoCredentials(dir)
	wantCode(t, err, core.EINVALID, "could not be read")
	if got, _ := os.ReadFile(path); string(got) != "my notes" {
		t.Errorf("the file was overwritten: %q", got)
	}
}

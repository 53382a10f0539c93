package mail

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"io"
	"net"
	"net/textproto"
	"strings"
	"syscall"

	gomail "github.com/wneessen/go-mail"

	"paminn/core"
)

// classify turns what go-mail and the network report into a core.Error: EINVALID for
// what the user must fix first, EUNAVAILABLE for what may work when tried again.
func classify(err error, set core.SMTPSettings, recipient string) error {
	data := map[string]any{"Host": set.Host, "Port": set.Port, "User": set.User, "Email": recipient, "From": set.From}
	wrap := func(code core.ErrorCode, msg string) error { return core.Wrap(err, code, msg, data) }

	var sendErr *gomail.SendError
	if errors.As(err, &sendErr) {
		return classifySend(err, sendErr, data)
	}
	var proto *textproto.Error
	switch {
	case isCertificateError(err):
		return wrap(core.EINVALID, "The certificate of the mail server {{.Host}} could not be verified")
	case errors.As(err, new(tls.RecordHeaderError)):
		return wrap(core.EINVALID, "The mail server {{.Host}}:{{.Port}} does not answer with TLS; check the port and the security setting")
	case strings.Contains(err.Error(), "does not support STARTTLS"):
		// go-mail gives this case no error value of its own.
		return wrap(core.EINVALID, "The mail server {{.Host}}:{{.Port}} does not offer STARTTLS; check the port and the security setting")
	case errors.Is(err, gomail.ErrPlainAuthNotSupported), errors.Is(err, gomail.ErrLoginAuthNotSupported),
		errors.Is(err, gomail.ErrNoSupportedAuthDiscovered), strings.Contains(err.Error(), "does not support SMTP AUTH"):
		return wrap(core.EINVALID, "The mail server {{.Host}} offers no sign-in method Påminn can use for {{.User}}")
	case errors.As(err, &proto) && isAuthRejection(proto.Code):
		return wrap(core.EINVALID, "The mail server rejected the login for {{.User}}")
	case errors.As(err, &proto) && proto.Code >= 500:
		return wrap(core.EINVALID, "The mail server {{.Host}} refused the connection")
	case isNetworkError(err):
		return wrap(core.EUNAVAILABLE, "Could not reach the mail server {{.Host}}:{{.Port}}")
	default:
		return wrap(core.EUNAVAILABLE, "Sending the e-mail through {{.Host}}:{{.Port}} failed")
	}
}

// classifySend handles a failure after the connection and login succeeded: the server
// refused the sender, the recipient or the message.
func classifySend(err error, sendErr *gomail.SendError, data map[string]any) error {
	if sendErr.IsTemp() {
		return core.Wrap(err, core.EUNAVAILABLE, "The mail server {{.Host}} cannot take the message right now", data)
	}
	switch sendErr.Reason {
	case gomail.ErrSMTPRcptTo:
		return core.Wrap(err, core.EINVALID, "The mail server refused the recipient {{.Email}}", data)
	case gomail.ErrSMTPMailFrom:
		return core.Wrap(err, core.EINVALID, "The mail server refused the sender address {{.From}}", data)
	case gomail.ErrSMTPData, gomail.ErrSMTPDataClose:
		if sendErr.ErrorCode() >= 500 {
			return core.Wrap(err, core.EINVALID, "The mail server {{.Host}} refused the message", data)
		}
	}
	return core.Wrap(err, core.EUNAVAILABLE, "Sending the e-mail through {{.Host}}:{{.Port}} failed", data)
}

// isAuthRejection reports whether an SMTP reply code means the credentials were refused
// (RFC 4954: 535 invalid, 534 mechanism too weak, 530 encryption or auth required).
func isAuthRejection(code int) bool {
	return code == 535 || code == 534 || code == 530
}

func isCertificateError(err error) bool {
	var verify *tls.CertificateVerificationError
	var unknown x509.UnknownAuthorityError
	var host x509.HostnameError
	var invalid x509.CertificateInvalidError
	return errors.As(err, &verify) || errors.As(err, &unknown) || errors.As(err, &host) || errors.As(err, &invalid)
}

// isNetworkError reports whether err means the server could not be reached or the
// connection broke: refused, DNS, timeout, reset, cancelled.
func isNetworkError(err error) bool {
	var netErr net.Error
	return errors.As(err, &netErr) ||
		errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) ||
		errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) ||
		errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, syscall.ECONNRESET) ||
		errors.Is(err, gomail.ErrNoActiveConnection)
}

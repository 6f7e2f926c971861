package qeetid

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Sentinels for errors.Is: every *Error matches the one of its HTTP status class.
var (
	ErrBadRequest   = errors.New("qeetid: bad request")
	ErrUnauthorized = errors.New("qeetid: unauthorized")
	ErrForbidden    = errors.New("qeetid: forbidden")
	ErrNotFound     = errors.New("qeetid: not found")
	ErrConflict     = errors.New("qeetid: conflict")
	ErrValidation   = errors.New("qeetid: validation failed")
	ErrRateLimited  = errors.New("qeetid: rate limited")
	ErrServer       = errors.New("qeetid: server error")
	ErrConnection   = errors.New("qeetid: no response")
)

// FieldError names one problem with the input of a 422.
type FieldError struct {
	Field   string `json:"field"`
	Code    string `json:"code"`
	Message string `json:"message"`
}

// Error is an answer of the API that is not a success, built from its error envelope
// (`{"error":{"code","message","request_id","fields"}}`). Status is 0 when no answer came.
type Error struct {
	Status    int
	Code      string
	Message   string
	RequestID string
	// RetryAfter is the server's Retry-After in seconds, or nil when it sent none.
	RetryAfter *int
	Fields     []FieldError
	Err        error
}

func (e *Error) Error() string {
	s := fmt.Sprintf("qeetid: %s (HTTP %d): %s", e.Code, e.Status, e.Message)
	if e.RequestID != "" {
		s += " [request " + e.RequestID + "]"
	}
	return s
}

func (e *Error) Unwrap() error { return e.Err }

// Is lets errors.Is(err, qeetid.ErrNotFound) and friends test the status class.
func (e *Error) Is(target error) bool {
	switch e.Status {
	case 0:
		return target == ErrConnection
	case http.StatusBadRequest:
		return target == ErrBadRequest
	case http.StatusUnauthorized:
		return target == ErrUnauthorized
	case http.StatusForbidden:
		return target == ErrForbidden
	case http.StatusNotFound:
		return target == ErrNotFound
	case http.StatusConflict:
		return target == ErrConflict
	case http.StatusUnprocessableEntity:
		return target == ErrValidation
	case http.StatusTooManyRequests:
		return target == ErrRateLimited
	}
	return e.Status >= 500 && target == ErrServer
}

// parseRetryAfter reads delay-seconds or an HTTP-date (RFC 9110 §10.2.3).
func parseRetryAfter(value string, now time.Time) *int {
	value = strings.TrimSpace(value)
	if value == "" {
		return nil
	}
	if n, err := strconv.Atoi(value); err == nil && n >= 0 {
		return &n
	}
	if t, err := http.ParseTime(value); err == nil {
		n := max(0, int(t.Sub(now).Seconds()+0.999))
		return &n
	}
	return nil
}

// ErrorFromResponse turns a non-2xx answer into an *Error, whatever its body.
func ErrorFromResponse(status int, header http.Header, body []byte) *Error {
	var envelope struct {
		Error *struct {
			Code      *string      `json:"code"`
			Message   string       `json:"message"`
			RequestID string       `json:"request_id"`
			Fields    []FieldError `json:"fields"`
		} `json:"error"`
	}
	e := &Error{
		Status:     status,
		Code:       "unexpected_response",
		Message:    fmt.Sprintf("HTTP %d with no error envelope", status),
		RequestID:  header.Get("X-Request-Id"),
		RetryAfter: parseRetryAfter(header.Get("Retry-After"), time.Now()),
	}
	if json.Unmarshal(body, &envelope) == nil && envelope.Error != nil && envelope.Error.Code != nil {
		e.Code = *envelope.Error.Code
		e.Message = envelope.Error.Message
		if envelope.Error.RequestID != "" {
			e.RequestID = envelope.Error.RequestID
		}
		e.Fields = envelope.Error.Fields
	}
	return e
}

// VerifyError says why Sessions.Verify refused a token. It matches ErrUnauthorized.
type VerifyError struct {
	// Code is one of: malformed, unsupported_alg, invalid_type, unknown_kid, invalid_signature,
	// expired, not_yet_valid, invalid_issuer, invalid_audience, invalid_claims,
	// jwks_unavailable, jwks_invalid.
	Code    string
	Message string
	Err     error
}

func (e *VerifyError) Error() string        { return "qeetid: token " + e.Code + ": " + e.Message }
func (e *VerifyError) Unwrap() error        { return e.Err }
func (e *VerifyError) Is(target error) bool { return target == ErrUnauthorized }
func verifyErr(code, format string, args ...any) *VerifyError {
	return &VerifyError{Code: code, Message: fmt.Sprintf(format, args...)}
}

package qeetid

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"time"
)

// RetryPolicy says how failed calls are tried again.
type RetryPolicy struct {
	MaxRetries int           // retries after the first attempt
	BaseDelay  time.Duration // first backoff, doubled each retry, full jitter
	MaxDelay   time.Duration // longest wait, and the largest Retry-After honoured
}

// transport is the generated client's HttpRequestDoer: credentials, a timeout per attempt,
// retries with backoff, and *Error for every non-2xx answer. Bodies are read in full inside the
// attempt, so the caller gets a response that outlives the attempt's deadline.
type transport struct {
	http          *http.Client
	authorization string
	userAgent     string
	timeout       time.Duration
	retry         RetryPolicy
}

// idempotent methods may be repeated without changing the outcome (RFC 9110 §9.2.2).
func idempotent(method string) bool {
	switch method {
	case http.MethodGet, http.MethodHead, http.MethodPut, http.MethodDelete, http.MethodOptions:
		return true
	}
	return false
}

// retryDelay: 429 means the server did not act, so every method retries; a 5xx or a lost
// connection only for idempotent methods.
func (t *transport) retryDelay(attempt int, method string, e *Error) (time.Duration, bool) {
	if attempt >= t.retry.MaxRetries {
		return 0, false
	}
	if !(e.Status == http.StatusTooManyRequests || (idempotent(method) && (e.Status == 0 || e.Status >= 500))) {
		return 0, false
	}
	if e.RetryAfter != nil {
		d := time.Duration(*e.RetryAfter) * time.Second
		return d, d <= t.retry.MaxDelay
	}
	ceiling := min(t.retry.MaxDelay, t.retry.BaseDelay<<attempt)
	return time.Duration(rand.Int64N(int64(ceiling) + 1)), true
}

func (t *transport) Do(req *http.Request) (*http.Response, error) {
	if t.authorization != "" && req.Header.Get("Authorization") == "" {
		req.Header.Set("Authorization", t.authorization)
	}
	req.Header.Set("User-Agent", t.userAgent)
	for attempt := 0; ; attempt++ {
		resp, e := t.attempt(req)
		if e == nil {
			return resp, nil
		}
		delay, again := t.retryDelay(attempt, req.Method, e)
		if !again {
			return nil, e
		}
		select {
		case <-time.After(delay):
		case <-req.Context().Done():
			return nil, &Error{Code: "canceled", Message: req.Context().Err().Error(), Err: req.Context().Err()}
		}
	}
}

func (t *transport) attempt(req *http.Request) (*http.Response, *Error) {
	ctx, cancel := context.WithTimeout(req.Context(), t.timeout)
	defer cancel()
	try := req.Clone(ctx)
	if req.GetBody != nil {
		body, err := req.GetBody()
		if err != nil {
			return nil, &Error{Code: "request_body", Message: err.Error(), Err: err}
		}
		try.Body = body
	}
	resp, err := t.http.Do(try)
	var body []byte
	if err == nil {
		body, err = io.ReadAll(resp.Body)
		resp.Body.Close()
	}
	if err != nil {
		code := "connection_failed"
		if errors.Is(err, context.DeadlineExceeded) {
			code = "timeout"
		}
		return nil, &Error{Code: code, Message: fmt.Sprintf("%s %s: %v", req.Method, req.URL, err), Err: err}
	}
	if resp.StatusCode >= 300 {
		return nil, ErrorFromResponse(resp.StatusCode, resp.Header, body)
	}
	resp.Body = io.NopCloser(bytes.NewReader(body))
	return resp, nil
}

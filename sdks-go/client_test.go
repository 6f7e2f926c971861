package qeetid

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/qeetgroup/qeetid-go/api"
)

func apiServer(t *testing.T, handler func(w http.ResponseWriter, r *http.Request, hit int32)) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { handler(w, r, hits.Add(1)) }))
	t.Cleanup(srv.Close)
	return srv, &hits
}

func writeJSON(w http.ResponseWriter, status int, body any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(body)
}

func envelope(code, message string) map[string]any {
	return map[string]any{"error": map[string]any{"code": code, "message": message, "request_id": "req_1"}}
}

var aUser = map[string]any{"id": "usr_1", "email": "a@b.test", "tenant_id": "ten_1", "created_at": "2026-01-01T00:00:00Z", "updated_at": "2026-01-01T00:00:00Z"}

func TestAPIKeyAndEnvironmentDefaults(t *testing.T) {
	var seen string
	srv, _ := apiServer(t, func(w http.ResponseWriter, r *http.Request, _ int32) {
		seen = r.Header.Get("Authorization")
		writeJSON(w, 200, aUser)
	})
	t.Setenv("QEETID_API_KEY", "qk_env.secret")
	t.Setenv("QEETID_BASE_URL", srv.URL)
	q := New(Options{})
	if q.BaseURL != srv.URL {
		t.Fatal(q.BaseURL)
	}
	u, err := q.Users.Get(context.Background(), "usr_1")
	if err != nil || u.Id != "usr_1" || seen != "ApiKey qk_env.secret" {
		t.Fatalf("%v %v %q", u, err, seen)
	}
	t.Setenv("QEETID_BASE_URL", "")
	if New(Options{}).BaseURL != DefaultBaseURL {
		t.Fatal("default base URL")
	}
}

func TestRetriesIdempotentCallsOn5xx(t *testing.T) {
	srv, hits := apiServer(t, func(w http.ResponseWriter, _ *http.Request, hit int32) {
		if hit < 3 {
			w.WriteHeader(503)
			return
		}
		writeJSON(w, 200, aUser)
	})
	q := New(Options{BaseURL: srv.URL, APIKey: "qk_a.b"})
	if _, err := q.Users.Get(context.Background(), "usr_1"); err != nil || hits.Load() != 3 {
		t.Fatalf("%v after %d", err, hits.Load())
	}
}

func TestNoRetryForPOSTOn5xxAndNonJSONBodyKeepsStatus(t *testing.T) {
	srv, hits := apiServer(t, func(w http.ResponseWriter, _ *http.Request, _ int32) {
		w.WriteHeader(500)
		w.Write([]byte("boom"))
	})
	q := New(Options{BaseURL: srv.URL, APIKey: "qk_a.b"})
	_, err := q.Users.Create(context.Background(), api.UserCreate{Email: "x@y.test"})
	var e *Error
	if !errors.As(err, &e) || e.Status != 500 || e.Code != "unexpected_response" || !errors.Is(err, ErrServer) || hits.Load() != 1 {
		t.Fatalf("%v after %d", err, hits.Load())
	}
}

func TestHonoursRetryAfterOn429(t *testing.T) {
	srv, hits := apiServer(t, func(w http.ResponseWriter, _ *http.Request, hit int32) {
		if hit == 1 {
			w.Header().Set("Retry-After", "1")
			writeJSON(w, 429, envelope("rate_limited", "slow down"))
			return
		}
		writeJSON(w, 201, aUser)
	})
	q := New(Options{BaseURL: srv.URL, APIKey: "qk_a.b"})
	started := time.Now()
	if _, err := q.Users.Create(context.Background(), api.UserCreate{Email: "a@b.test"}); err != nil || hits.Load() != 2 {
		t.Fatal(err)
	}
	if time.Since(started) < 950*time.Millisecond {
		t.Fatal("did not wait for Retry-After")
	}
}

func TestLongRetryAfterSurfaces(t *testing.T) {
	srv, hits := apiServer(t, func(w http.ResponseWriter, _ *http.Request, _ int32) {
		w.Header().Set("Retry-After", "3600")
		writeJSON(w, 429, envelope("rate_limited", "slow down"))
	})
	q := New(Options{BaseURL: srv.URL, APIKey: "qk_a.b"})
	_, err := q.Users.Get(context.Background(), "usr_1")
	var e *Error
	if !errors.As(err, &e) || !errors.Is(err, ErrRateLimited) || e.RetryAfter == nil || *e.RetryAfter != 3600 || e.RequestID != "req_1" || hits.Load() != 1 {
		t.Fatal(err)
	}
}

func TestTimeoutPerAttempt(t *testing.T) {
	block := make(chan struct{})
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { hits.Add(1); <-block }))
	t.Cleanup(func() { close(block); srv.Close() })
	one := 1
	q := New(Options{BaseURL: srv.URL, APIKey: "qk_a.b", Timeout: 100 * time.Millisecond, MaxRetries: &one})
	_, err := q.Users.Get(context.Background(), "usr_1")
	var e *Error
	if !errors.As(err, &e) || e.Code != "timeout" || !errors.Is(err, ErrConnection) || hits.Load() != 2 {
		t.Fatalf("%v after %d", err, hits.Load())
	}
}

func TestListAllFollowsNextCursor(t *testing.T) {
	srv, _ := apiServer(t, func(w http.ResponseWriter, r *http.Request, _ int32) {
		switch r.URL.Query().Get("cursor") {
		case "":
			writeJSON(w, 200, map[string]any{"items": []any{aUser, aUser}, "next_cursor": "c2"})
		case "c2":
			writeJSON(w, 200, map[string]any{"items": []any{aUser}, "next_cursor": nil})
		default:
			writeJSON(w, 400, envelope("bad_request", "bad cursor"))
		}
	})
	q := New(Options{BaseURL: srv.URL, APIKey: "qk_a.b"})
	n := 0
	for _, err := range q.Users.ListAll(context.Background(), ListParams{Limit: 2}) {
		if err != nil {
			t.Fatal(err)
		}
		n++
	}
	if n != 3 {
		t.Fatal(n)
	}
}

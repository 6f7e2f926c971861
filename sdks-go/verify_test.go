package qeetid

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func jwksServer(t *testing.T, handler func(w http.ResponseWriter, hit int32)) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/.well-known/jwks.json" {
			t.Errorf("unexpected path %s", r.URL.Path)
		}
		handler(w, hits.Add(1))
	}))
	t.Cleanup(srv.Close)
	return srv, &hits
}

func serveKeys(keys ...*testKey) func(http.ResponseWriter, int32) {
	return func(w http.ResponseWriter, _ int32) {
		w.Header().Set("Cache-Control", "public, max-age=300")
		w.Write(jwksJSON(keys...))
	}
}

func verifyCode(err error) string {
	var ve *VerifyError
	if errors.As(err, &ve) {
		return ve.Code
	}
	return ""
}

func TestVerifyFetchesTheJWKSOnce(t *testing.T) {
	key := newTestKey(t)
	srv, hits := jwksServer(t, serveKeys(key))
	q := New(Options{BaseURL: srv.URL})
	for range 5 {
		c, err := q.Sessions.Verify(context.Background(), key.sign(t, srv.URL, srv.URL))
		if err != nil || c.UserID != "usr_1" || c.TenantID != "ten_1" || c.SessionID != "ses_1" {
			t.Fatalf("%+v %v", c, err)
		}
	}
	if hits.Load() != 1 {
		t.Fatalf("%d fetches", hits.Load())
	}
}

func TestCacheControl(t *testing.T) {
	if d, ok := CacheMaxAge("public, max-age=600"); !ok || d != 600*time.Second {
		t.Fatal(d)
	}
	if d, ok := CacheMaxAge("no-store"); !ok || d != 0 {
		t.Fatal(d)
	}
	if _, ok := CacheMaxAge(""); ok {
		t.Fatal("no header, no max-age")
	}
	key := newTestKey(t)
	srv, hits := jwksServer(t, func(w http.ResponseWriter, _ int32) {
		w.Header().Set("Cache-Control", "no-store")
		w.Write(jwksJSON(key))
	})
	q := New(Options{BaseURL: srv.URL})
	token := key.sign(t, srv.URL, srv.URL)
	for range 2 {
		if _, err := q.Sessions.Verify(context.Background(), token); err != nil {
			t.Fatal(err)
		}
	}
	if hits.Load() != 2 {
		t.Fatalf("%d fetches", hits.Load())
	}
}

func TestVerifyServesStaleKeysWhileTheEndpointIsDown(t *testing.T) {
	key := newTestKey(t)
	srv, hits := jwksServer(t, func(w http.ResponseWriter, hit int32) {
		if hit > 1 {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		w.Header().Set("Cache-Control", "max-age=0")
		w.Write(jwksJSON(key))
	})
	q := New(Options{BaseURL: srv.URL})
	token := key.sign(t, srv.URL, srv.URL)
	for range 3 {
		if _, err := q.Sessions.Verify(context.Background(), token); err != nil {
			t.Fatal(err)
		}
	}
	// The expired cache did ask the endpoint again and met the outage.
	if hits.Load() < 2 {
		t.Fatalf("JWKS fetched %d times, want the outage to be reached", hits.Load())
	}
}

func TestVerifyWithoutCacheOrAnswerFailsFastAndTyped(t *testing.T) {
	block := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { <-block }))
	t.Cleanup(func() { close(block); srv.Close() })
	q := New(Options{BaseURL: srv.URL, Timeout: 200 * time.Millisecond})
	started := time.Now()
	_, err := q.Sessions.Verify(context.Background(), newTestKey(t).sign(t, srv.URL, srv.URL))
	if verifyCode(err) != "jwks_unavailable" || time.Since(started) > 2*time.Second {
		t.Fatalf("%v after %s", err, time.Since(started))
	}
}

func TestGarbageJWKSIsATypedError(t *testing.T) {
	for _, body := range []string{"<html>oops</html>", `{"nokeys":true}`} {
		srv, _ := jwksServer(t, func(w http.ResponseWriter, _ int32) { w.Write([]byte(body)) })
		q := New(Options{BaseURL: srv.URL})
		if _, err := q.Sessions.Verify(context.Background(), newTestKey(t).sign(t, srv.URL, srv.URL)); verifyCode(err) != "jwks_invalid" {
			t.Fatalf("%q: %v", body, err)
		}
	}
}

func TestUnknownKidFloodRefetchesOnce(t *testing.T) {
	key, stranger := newTestKey(t), newTestKey(t)
	srv, hits := jwksServer(t, serveKeys(key))
	q := New(Options{BaseURL: srv.URL})
	forged := stranger.sign(t, srv.URL, srv.URL)
	for range 50 {
		if _, err := q.Sessions.Verify(context.Background(), forged); verifyCode(err) != "unknown_kid" {
			t.Fatal(err)
		}
	}
	if hits.Load() != 2 {
		t.Fatalf("%d fetches", hits.Load())
	}
}

func TestRotatedKeyIsFoundByOneRefetch(t *testing.T) {
	oldKey, newKey := newTestKey(t), newTestKey(t)
	var rotated atomic.Bool
	srv, hits := jwksServer(t, func(w http.ResponseWriter, _ int32) {
		if rotated.Load() {
			w.Write(jwksJSON(newKey, oldKey))
		} else {
			w.Write(jwksJSON(oldKey))
		}
	})
	q := New(Options{BaseURL: srv.URL})
	if _, err := q.Sessions.Verify(context.Background(), oldKey.sign(t, srv.URL, srv.URL)); err != nil {
		t.Fatal(err)
	}
	rotated.Store(true)
	if _, err := q.Sessions.Verify(context.Background(), newKey.sign(t, srv.URL, srv.URL)); err != nil {
		t.Fatal(err)
	}
	if hits.Load() != 2 {
		t.Fatalf("%d fetches", hits.Load())
	}
}

func TestHugeTokenIsRefusedAtOnce(t *testing.T) {
	q := New(Options{BaseURL: "http://127.0.0.1:9"})
	huge := strings.Repeat("a", 10<<20) + ".b.c"
	started := time.Now()
	if _, err := q.Sessions.Verify(context.Background(), huge); verifyCode(err) != "malformed" || time.Since(started) > 50*time.Millisecond {
		t.Fatal(err)
	}
}

func TestVerifyWithAnotherAudience(t *testing.T) {
	key := newTestKey(t)
	srv, _ := jwksServer(t, serveKeys(key))
	q := New(Options{BaseURL: srv.URL})
	token := key.sign(t, srv.URL, "https://billing.example.test")
	if _, err := q.Sessions.Verify(context.Background(), token); verifyCode(err) != "invalid_audience" {
		t.Fatal(err)
	}
	if _, err := q.Sessions.VerifyWith(context.Background(), token, VerifyOptions{Issuer: srv.URL, Audience: []string{"https://billing.example.test"}}); err != nil {
		t.Fatal(err)
	}
}

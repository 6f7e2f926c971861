package qeetid

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// The vectors every SDK shares (packages/test-vectors/vectors.json).
type vectorFile struct {
	Verify struct {
		Now              int64  `json:"now"`
		Issuer           string `json:"issuer"`
		Audience         string `json:"audience"`
		ClockSkewSeconds int    `json:"clock_skew_seconds"`
	} `json:"verify"`
	JWKS              json.RawMessage `json:"jwks"`
	JWKSAfterRotation json.RawMessage `json:"jwks_after_rotation"`
	Tokens            []struct {
		Name   string `json:"name"`
		Token  string `json:"token"`
		Expect struct {
			Valid  *bool   `json:"valid"`
			Error  *string `json:"error"`
			Claims *struct {
				UserID    string   `json:"user_id"`
				TenantID  string   `json:"tenant_id"`
				SessionID string   `json:"session_id"`
				Scopes    []string `json:"scopes"`
			} `json:"claims"`
		} `json:"expect"`
	} `json:"tokens"`
	Errors []struct {
		Name    string            `json:"name"`
		Status  int               `json:"status"`
		Headers map[string]string `json:"headers"`
		Body    string            `json:"body"`
		Expect  struct {
			Kind       string  `json:"kind"`
			Code       string  `json:"code"`
			Message    *string `json:"message"`
			RequestID  *string `json:"request_id"`
			RetryAfter *int    `json:"retry_after"`
			Fields     *int    `json:"fields"`
		} `json:"expect"`
	} `json:"errors"`
}

// The vector kinds map onto this SDK's sentinels.
var kindSentinel = map[string]error{
	"bad_request":  ErrBadRequest,
	"unauthorized": ErrUnauthorized,
	"forbidden":    ErrForbidden,
	"not_found":    ErrNotFound,
	"conflict":     ErrConflict,
	"validation":   ErrValidation,
	"rate_limited": ErrRateLimited,
	"server":       ErrServer,
	"api":          nil, // no class of its own: matches none of the sentinels
}

func loadVectors(t testing.TB) *vectorFile {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("..", "packages", "test-vectors", "vectors.json"))
	if err != nil {
		t.Fatal(err)
	}
	var v vectorFile
	if err := json.Unmarshal(raw, &v); err != nil {
		t.Fatal(err)
	}
	return &v
}

func vectorVerifier(v *vectorFile) *Verifier {
	fetches := 0
	keys := NewKeySet(func(context.Context) ([]byte, time.Duration, bool, error) {
		fetches++
		if fetches == 1 {
			return v.JWKS, 0, false, nil
		}
		return v.JWKSAfterRotation, 0, false, nil
	}, KeySetOptions{})
	return NewVerifier(keys, VerifyOptions{
		Issuer:    v.Verify.Issuer,
		Audience:  []string{v.Verify.Audience},
		ClockSkew: time.Duration(v.Verify.ClockSkewSeconds) * time.Second,
		Now:       func() time.Time { return time.Unix(v.Verify.Now, 0) },
	})
}

func TestVectors(t *testing.T) {
	v := loadVectors(t)
	var ran []string
	for _, c := range v.Tokens {
		t.Run("tokens/"+c.Name, func(t *testing.T) {
			claims, err := vectorVerifier(v).Verify(context.Background(), c.Token)
			switch {
			case c.Expect.Valid != nil && *c.Expect.Valid:
				if err != nil {
					t.Fatalf("expected valid, got %v", err)
				}
				want := c.Expect.Claims
				if claims.UserID != want.UserID || claims.TenantID != want.TenantID || claims.SessionID != want.SessionID ||
					strings.Join(claims.Scopes, " ") != strings.Join(want.Scopes, " ") {
					t.Fatalf("claims %+v, want %+v", claims, want)
				}
			case c.Expect.Error != nil:
				var ve *VerifyError
				if !errors.As(err, &ve) {
					t.Fatalf("expected %s, got %v", *c.Expect.Error, err)
				}
				if ve.Code != *c.Expect.Error {
					t.Fatalf("code %s (%s), want %s", ve.Code, ve.Message, *c.Expect.Error)
				}
				if !errors.Is(err, ErrUnauthorized) {
					t.Fatal("a verify error must match ErrUnauthorized")
				}
			default:
				t.Fatalf("unknown expectation in vector %s", c.Name)
			}
			ran = append(ran, "tokens/"+c.Name)
		})
	}
	for _, c := range v.Errors {
		t.Run("errors/"+c.Name, func(t *testing.T) {
			header := http.Header{}
			for k, val := range c.Headers {
				header.Set(k, val)
			}
			e := ErrorFromResponse(c.Status, header, []byte(c.Body))
			sentinel, known := kindSentinel[c.Expect.Kind]
			if !known {
				t.Fatalf("unknown kind %s", c.Expect.Kind)
			}
			for _, other := range kindSentinel {
				if other != nil && errors.Is(e, other) != (other == sentinel) {
					t.Fatalf("errors.Is(%v, %v) wrong for kind %s", e, other, c.Expect.Kind)
				}
			}
			wantRequestID := ""
			if c.Expect.RequestID != nil {
				wantRequestID = *c.Expect.RequestID
			}
			if e.Status != c.Status || e.Code != c.Expect.Code || e.RequestID != wantRequestID {
				t.Fatalf("got %+v", e)
			}
			if (e.RetryAfter == nil) != (c.Expect.RetryAfter == nil) || (e.RetryAfter != nil && *e.RetryAfter != *c.Expect.RetryAfter) {
				t.Fatalf("retry after %v, want %v", e.RetryAfter, c.Expect.RetryAfter)
			}
			if c.Expect.Message != nil && e.Message != *c.Expect.Message {
				t.Fatalf("message %q", e.Message)
			}
			if c.Expect.Fields != nil && len(e.Fields) != *c.Expect.Fields {
				t.Fatalf("fields %v", e.Fields)
			}
			ran = append(ran, "errors/"+c.Name)
		})
	}
	if len(ran) != len(v.Tokens)+len(v.Errors) {
		t.Fatalf("ran %d of %d vectors", len(ran), len(v.Tokens)+len(v.Errors))
	}
	if dir := os.Getenv("QEETID_VECTOR_REPORT_DIR"); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		f, err := os.OpenFile(filepath.Join(dir, "go.txt"), os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if _, err := f.WriteString(strings.Join(ran, "\n") + "\n"); err != nil {
			t.Fatal(err)
		}
	}
}

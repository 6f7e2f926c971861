package qeetid

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"math/big"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// MaxTokenBytes is the longest token accepted; larger ones are refused before decoding.
const MaxTokenBytes = 16384

// Claims are what a verified access token says (CONTRACT.md "Tokens").
type Claims struct {
	UserID    string
	TenantID  string
	SessionID string
	Subject   string
	Scopes    []string
	Issuer    string
	Audience  []string
	IssuedAt  time.Time
	ExpiresAt time.Time
	TokenID   string
	// Raw is the decoded JSON payload, for claims this struct does not name.
	Raw json.RawMessage
}

// VerifyOptions are the expectations a token must meet.
type VerifyOptions struct {
	Issuer    string
	Audience  []string
	ClockSkew time.Duration    // tolerance for exp/nbf (default 30s)
	Now       func() time.Time // for tests
}

// JWKSSource fetches the JWKS document and, when the answer says, how long it may be cached.
type JWKSSource func(ctx context.Context) (jwks []byte, maxAge time.Duration, hasMaxAge bool, err error)

// KeySetOptions tune the cache.
type KeySetOptions struct {
	DefaultMaxAge      time.Duration // when the source gives none (default 5 minutes)
	UnknownKidInterval time.Duration // at most one refetch for an unknown kid per this (default 30s)
	Now                func() time.Time
}

type keySnapshot struct {
	keys      map[string]*ecdsa.PublicKey
	expiresAt time.Time
}

// KeySet holds the signing keys, parsed once, until their max-age passes. A stale set is
// refreshed on use, and kept if the refresh fails. An unknown kid causes one refetch (a rotation
// just happened), rate-limited so that forged kids cannot flood the JWKS endpoint.
type KeySet struct {
	source         JWKSSource
	opts           KeySetOptions
	snapshot       atomic.Pointer[keySnapshot]
	mu             sync.Mutex // serialises fetches
	lastKidRefetch time.Time
}

// NewKeySet makes an empty key set that loads from source on first use.
func NewKeySet(source JWKSSource, opts KeySetOptions) *KeySet {
	if opts.DefaultMaxAge == 0 {
		opts.DefaultMaxAge = 5 * time.Minute
	}
	if opts.UnknownKidInterval == 0 {
		opts.UnknownKidInterval = 30 * time.Second
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	return &KeySet{source: source, opts: opts}
}

// Key returns the key for kid; lock-free when the set is fresh and knows it.
func (s *KeySet) Key(ctx context.Context, kid string) (*ecdsa.PublicKey, error) {
	if kid == "" {
		return nil, verifyErr("unknown_kid", "the token header has no kid")
	}
	if snap := s.snapshot.Load(); snap != nil && s.opts.Now().Before(snap.expiresAt) {
		if key, ok := snap.keys[kid]; ok {
			return key, nil
		}
	}
	return s.slowKey(ctx, kid)
}

func (s *KeySet) slowKey(ctx context.Context, kid string) (*ecdsa.PublicKey, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	snap := s.snapshot.Load()
	if snap == nil || !s.opts.Now().Before(snap.expiresAt) {
		if err := s.load(ctx); err != nil {
			if snap == nil {
				return nil, err
			}
			// Serve the stale keys, and give the endpoint a rest before asking again.
			s.snapshot.Store(&keySnapshot{keys: snap.keys, expiresAt: s.opts.Now().Add(s.opts.UnknownKidInterval)})
		}
		snap = s.snapshot.Load()
	}
	if key, ok := snap.keys[kid]; ok {
		return key, nil
	}
	if now := s.opts.Now(); now.Sub(s.lastKidRefetch) >= s.opts.UnknownKidInterval {
		s.lastKidRefetch = now
		if err := s.load(ctx); err == nil {
			if key, ok := s.snapshot.Load().keys[kid]; ok {
				return key, nil
			}
		}
	}
	return nil, verifyErr("unknown_kid", "no published signing key has kid %q", kid)
}

func (s *KeySet) load(ctx context.Context) error {
	body, maxAge, hasMaxAge, err := s.source(ctx)
	if err != nil {
		if ve, ok := err.(*VerifyError); ok {
			return ve
		}
		return &VerifyError{Code: "jwks_unavailable", Message: "could not fetch the JWKS: " + err.Error(), Err: err}
	}
	keys, err := parseJWKS(body)
	if err != nil {
		return err
	}
	if !hasMaxAge {
		maxAge = s.opts.DefaultMaxAge
	}
	s.snapshot.Store(&keySnapshot{keys: keys, expiresAt: s.opts.Now().Add(maxAge)})
	return nil
}

// parseJWKS keeps the P-256 signing keys that carry a kid (RFC 7517 §5, RFC 7518 §6.2.1).
func parseJWKS(body []byte) (map[string]*ecdsa.PublicKey, error) {
	var doc struct {
		Keys []struct {
			Kty, Crv, Kid, Alg, Use, X, Y string
		} `json:"keys"`
	}
	if err := json.Unmarshal(body, &doc); err != nil || doc.Keys == nil {
		return nil, verifyErr("jwks_invalid", "the JWKS is not JSON with a \"keys\" array")
	}
	keys := make(map[string]*ecdsa.PublicKey, len(doc.Keys))
	for _, k := range doc.Keys {
		if k.Kid == "" || k.Kty != "EC" || k.Crv != "P-256" || (k.Alg != "" && k.Alg != "ES256") || (k.Use != "" && k.Use != "sig") {
			continue
		}
		x, errX := base64.RawURLEncoding.DecodeString(k.X)
		y, errY := base64.RawURLEncoding.DecodeString(k.Y)
		if errX != nil || errY != nil || len(x) != 32 || len(y) != 32 {
			return nil, verifyErr("jwks_invalid", "JWKS key %s has bad coordinates", k.Kid)
		}
		// Refuses points that are not on the curve.
		pub, err := ecdsa.ParseUncompressedPublicKey(elliptic.P256(), append(append([]byte{4}, x...), y...))
		if err != nil {
			return nil, verifyErr("jwks_invalid", "JWKS key %s is not a P-256 point", k.Kid)
		}
		keys[k.Kid] = pub
	}
	return keys, nil
}

var maxAgeRe = regexp.MustCompile(`(?i)(?:^|,)\s*max-age\s*=\s*"?(\d+)"?`)
var noCacheRe = regexp.MustCompile(`(?i)(?:^|,)\s*no-(?:store|cache)\b`)

// CacheMaxAge reads max-age from Cache-Control (RFC 9111 §5.2.2.1); no-store/no-cache mean 0.
func CacheMaxAge(header string) (time.Duration, bool) {
	if noCacheRe.MatchString(header) {
		return 0, true
	}
	if m := maxAgeRe.FindStringSubmatch(header); m != nil {
		n, err := strconv.Atoi(m[1])
		if err == nil {
			return time.Duration(n) * time.Second, true
		}
	}
	return 0, false
}

// HTTPJWKSSource fetches url with the given client and timeout.
func HTTPJWKSSource(client *http.Client, url string, timeout time.Duration) JWKSSource {
	return func(ctx context.Context) ([]byte, time.Duration, bool, error) {
		ctx, cancel := context.WithTimeout(ctx, timeout)
		defer cancel()
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		if err != nil {
			return nil, 0, false, err
		}
		req.Header.Set("Accept", "application/json")
		resp, err := client.Do(req)
		if err != nil {
			return nil, 0, false, err
		}
		defer resp.Body.Close()
		body, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
		if err != nil {
			return nil, 0, false, err
		}
		if resp.StatusCode != http.StatusOK {
			return nil, 0, false, fmt.Errorf("GET %s answered %d", url, resp.StatusCode)
		}
		maxAge, ok := CacheMaxAge(resp.Header.Get("Cache-Control"))
		return body, maxAge, ok, nil
	}
}

// Verifier checks access tokens offline against a KeySet.
type Verifier struct {
	keys *KeySet
	opts VerifyOptions
	// Tokens of one deployment share a handful of headers: each is decoded once (at most
	// maxCachedHeaders of them, so forged headers cannot grow the cache).
	headers     sync.Map
	headerCount atomic.Int32
}

const maxCachedHeaders = 64

// NewVerifier binds expectations to a key set.
func NewVerifier(keys *KeySet, opts VerifyOptions) *Verifier {
	if opts.ClockSkew == 0 {
		opts.ClockSkew = 30 * time.Second
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	return &Verifier{keys: keys, opts: opts}
}

type audience []string

func (a *audience) UnmarshalJSON(b []byte) error {
	if len(b) > 0 && b[0] == '[' {
		return json.Unmarshal(b, (*[]string)(a))
	}
	var one string
	if err := json.Unmarshal(b, &one); err != nil {
		return err
	}
	*a = audience{one}
	return nil
}

type header struct {
	Alg string `json:"alg"`
	Typ string `json:"typ"`
	Kid string `json:"kid"`
}

type payload struct {
	Iss       string   `json:"iss"`
	Sub       string   `json:"sub"`
	Aud       audience `json:"aud"`
	Exp       *float64 `json:"exp"`
	Nbf       *float64 `json:"nbf"`
	Iat       *float64 `json:"iat"`
	Jti       string   `json:"jti"`
	UserID    string   `json:"user_id"`
	TenantID  string   `json:"tenant_id"`
	SessionID string   `json:"session_id"`
	Scope     string   `json:"scope"`
}

func unix(f float64) time.Time { return time.Unix(0, int64(f*1e9)) }

// Verify checks an access token: ES256 only, typ at+jwt, signature, exp/nbf with skew, iss, aud.
func (v *Verifier) Verify(ctx context.Context, token string) (*Claims, error) {
	if len(token) > MaxTokenBytes {
		return nil, verifyErr("malformed", "a token is at most %d bytes", MaxTokenBytes)
	}
	if strings.Count(token, ".") != 2 {
		return nil, verifyErr("malformed", "a token has exactly three dot-separated segments")
	}
	dot1 := strings.IndexByte(token, '.')
	dot2 := dot1 + 1 + strings.IndexByte(token[dot1+1:], '.')
	h, err := v.header(token[:dot1])
	if err != nil {
		return nil, err
	}
	// RFC 8725 §3.1: one allowed algorithm, never chosen by the token.
	if h.Alg != "ES256" {
		return nil, verifyErr("unsupported_alg", "alg %q is not ES256", h.Alg)
	}
	key, err := v.keys.Key(ctx, h.Kid)
	if err != nil {
		return nil, err
	}
	sig, err := base64.RawURLEncoding.DecodeString(token[dot2+1:])
	// RFC 7518 §3.4: the signature is R‖S, 32 bytes each; ecdsa.Verify refuses r or s of zero.
	if err != nil || len(sig) != 64 {
		return nil, verifyErr("invalid_signature", "the signature is not 64 bytes of R‖S")
	}
	digest := sha256.Sum256([]byte(token[:dot2]))
	r, s := new(big.Int).SetBytes(sig[:32]), new(big.Int).SetBytes(sig[32:])
	if !ecdsa.Verify(key, digest[:], r, s) {
		return nil, verifyErr("invalid_signature", "the signature does not match")
	}
	// RFC 9068 §2.1 / RFC 8725 §3.11: an access token, not an ID token.
	if typ := strings.ToLower(h.Typ); typ != "at+jwt" && typ != "application/at+jwt" {
		return nil, verifyErr("invalid_type", "typ %q is not at+jwt", h.Typ)
	}
	rawPayload, err := base64.RawURLEncoding.DecodeString(token[dot1+1 : dot2])
	if err != nil {
		return nil, verifyErr("malformed", "the payload is not base64url")
	}
	var p payload
	if err := json.Unmarshal(rawPayload, &p); err != nil {
		return nil, verifyErr("malformed", "the payload is not a JSON object of the expected shape")
	}
	return v.check(&p, rawPayload)
}

func (v *Verifier) header(segment string) (header, error) {
	if cached, ok := v.headers.Load(segment); ok {
		return cached.(header), nil
	}
	raw, err := base64.RawURLEncoding.DecodeString(segment)
	if err != nil {
		return header{}, verifyErr("malformed", "the header is not base64url")
	}
	var h header
	if err := json.Unmarshal(raw, &h); err != nil {
		return header{}, verifyErr("malformed", "the header is not a JSON object")
	}
	// Count only while there is room, so a flood of forged headers cannot wrap the counter.
	if v.headerCount.Load() < maxCachedHeaders && v.headerCount.Add(1) <= maxCachedHeaders {
		v.headers.Store(segment, h)
	}
	return h, nil
}

func (v *Verifier) check(p *payload, raw []byte) (*Claims, error) {
	now := v.opts.Now()
	skew := v.opts.ClockSkew
	if p.Exp == nil {
		return nil, verifyErr("invalid_claims", "the token has no exp")
	}
	exp := unix(*p.Exp)
	// RFC 7519 §4.1.4/§4.1.5, with a small allowance for clock drift.
	if !now.Add(-skew).Before(exp) {
		return nil, verifyErr("expired", "the token expired at %s", exp.UTC().Format(time.RFC3339))
	}
	if p.Nbf != nil && unix(*p.Nbf).After(now.Add(skew)) {
		return nil, verifyErr("not_yet_valid", "the token is not valid before %s", unix(*p.Nbf).UTC().Format(time.RFC3339))
	}
	if p.Iss != v.opts.Issuer {
		return nil, verifyErr("invalid_issuer", "iss %q is not %q", p.Iss, v.opts.Issuer)
	}
	if !intersects(p.Aud, v.opts.Audience) {
		return nil, verifyErr("invalid_audience", "aud %q names none of %q", []string(p.Aud), v.opts.Audience)
	}
	if p.UserID == "" || p.TenantID == "" || p.SessionID == "" {
		return nil, verifyErr("invalid_claims", "the token lacks user_id, tenant_id or session_id")
	}
	c := &Claims{
		UserID: p.UserID, TenantID: p.TenantID, SessionID: p.SessionID, Subject: p.Sub,
		Issuer: p.Iss, Audience: p.Aud, ExpiresAt: exp, TokenID: p.Jti, Raw: raw, Scopes: []string{},
	}
	if p.Scope != "" {
		c.Scopes = strings.Split(p.Scope, " ")
	}
	if p.Iat != nil {
		c.IssuedAt = unix(*p.Iat)
	}
	return c, nil
}

func intersects(have, want []string) bool {
	for _, a := range have {
		for _, b := range want {
			if a == b {
				return true
			}
		}
	}
	return false
}

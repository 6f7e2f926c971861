package qeetid

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"testing"
	"time"
)

// testKey signs tokens the way the server does (ES256, kid = RFC 7638 thumbprint).
type testKey struct {
	priv *ecdsa.PrivateKey
	kid  string
	jwk  map[string]string
}

func newTestKey(t testing.TB) *testKey {
	t.Helper()
	priv, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := priv.PublicKey.Bytes()
	x := base64.RawURLEncoding.EncodeToString(raw[1:33])
	y := base64.RawURLEncoding.EncodeToString(raw[33:])
	thumb := sha256.Sum256([]byte(fmt.Sprintf(`{"crv":"P-256","kty":"EC","x":"%s","y":"%s"}`, x, y)))
	kid := base64.RawURLEncoding.EncodeToString(thumb[:])
	return &testKey{priv: priv, kid: kid, jwk: map[string]string{"kty": "EC", "crv": "P-256", "x": x, "y": y, "kid": kid, "alg": "ES256", "use": "sig"}}
}

func (k *testKey) sign(t testing.TB, issuer, audience string) string {
	t.Helper()
	enc := func(v any) string {
		b, _ := json.Marshal(v)
		return base64.RawURLEncoding.EncodeToString(b)
	}
	now := time.Now().Unix()
	input := enc(map[string]string{"alg": "ES256", "typ": "at+jwt", "kid": k.kid}) + "." + enc(map[string]any{
		"iss": issuer, "aud": audience, "sub": "usr_1", "user_id": "usr_1", "tenant_id": "ten_1", "session_id": "ses_1",
		"iat": now, "nbf": now, "exp": now + 600,
	})
	digest := sha256.Sum256([]byte(input))
	r, s, err := ecdsa.Sign(rand.Reader, k.priv, digest[:])
	if err != nil {
		t.Fatal(err)
	}
	sig := make([]byte, 64)
	r.FillBytes(sig[:32])
	s.FillBytes(sig[32:])
	return input + "." + base64.RawURLEncoding.EncodeToString(sig)
}

func jwksJSON(keys ...*testKey) []byte {
	list := make([]map[string]string, len(keys))
	for i, k := range keys {
		list[i] = k.jwk
	}
	b, _ := json.Marshal(map[string]any{"keys": list})
	return b
}

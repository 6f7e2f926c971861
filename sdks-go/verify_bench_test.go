package qeetid

import (
	"context"
	"crypto/ecdsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"math/big"
	"os"
	"strings"
	"syscall"
	"testing"
	"time"
)

// cpuLoop runs fn b.N times and also reports the process CPU time per call ("cpu-ns/op"): on a
// shared machine that moves much less than wall time.
func cpuLoop(b *testing.B, fn func() bool) {
	var before, after syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &before)
	b.ResetTimer()
	n := 0
	for b.Loop() {
		if !fn() {
			b.Fatal("rejected")
		}
		n++
	}
	b.StopTimer()
	syscall.Getrusage(syscall.RUSAGE_SELF, &after)
	cpu := time.Duration(after.Utime.Nano()+after.Stime.Nano()-before.Utime.Nano()-before.Stime.Nano()) * time.Nanosecond
	b.ReportMetric(float64(cpu.Nanoseconds())/float64(n), "cpu-ns/op")
}

// P2 (shared/PERFORMANCE.md): Verifier.Verify against the raw library it sits on, ecdsa.Verify,
// on the same token. bench/benches/sdk-verify.ts runs these with QEETID_BENCH_INPUT pointing at
// the token and JWKS it also gives the TypeScript and Python SDKs; alone, they sign their own.
type benchInput struct {
	JWKS     json.RawMessage `json:"jwks"`
	Token    string          `json:"token"`
	Issuer   string          `json:"issuer"`
	Audience string          `json:"audience"`
}

func loadBenchInput(b *testing.B) benchInput {
	b.Helper()
	if path := os.Getenv("QEETID_BENCH_INPUT"); path != "" {
		raw, err := os.ReadFile(path)
		if err != nil {
			b.Fatal(err)
		}
		var in benchInput
		if err := json.Unmarshal(raw, &in); err != nil {
			b.Fatal(err)
		}
		return in
	}
	key := newTestKey(b)
	return benchInput{JWKS: jwksJSON(key), Token: key.sign(b, "https://id.example.test", "https://api.example.test"), Issuer: "https://id.example.test", Audience: "https://api.example.test"}
}

func BenchmarkVerifySDK(b *testing.B) {
	in := loadBenchInput(b)
	keys := NewKeySet(func(context.Context) ([]byte, time.Duration, bool, error) { return in.JWKS, 0, false, nil }, KeySetOptions{})
	v := NewVerifier(keys, VerifyOptions{Issuer: in.Issuer, Audience: []string{in.Audience}})
	ctx := context.Background()
	if _, err := v.Verify(ctx, in.Token); err != nil {
		b.Fatal(err)
	}
	cpuLoop(b, func() bool {
		_, err := v.Verify(ctx, in.Token)
		return err == nil
	})
}

func BenchmarkVerifyRawECDSA(b *testing.B) {
	in := loadBenchInput(b)
	parsed, err := parseJWKS(in.JWKS)
	if err != nil {
		b.Fatal(err)
	}
	var pub *ecdsa.PublicKey
	for _, k := range parsed {
		pub = k
	}
	raw := func() bool {
		dot := strings.LastIndexByte(in.Token, '.')
		sig, err := base64.RawURLEncoding.DecodeString(in.Token[dot+1:])
		if err != nil || len(sig) != 64 {
			return false
		}
		digest := sha256.Sum256([]byte(in.Token[:dot]))
		return ecdsa.Verify(pub, digest[:], new(big.Int).SetBytes(sig[:32]), new(big.Int).SetBytes(sig[32:]))
	}
	if !raw() {
		b.Fatal("the raw twin does not accept the token")
	}
	cpuLoop(b, raw)
}

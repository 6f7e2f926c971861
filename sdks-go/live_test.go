package qeetid_test

// The seed Quickstart end to end against a live server (scripts/ci/sdks.sh starts one on
// PGlite and sets QEETID_TEST_BASE_URL and QEETID_TEST_ADMIN_TOKEN), plus pagination and
// typed errors. Written as a user of the module would, through its public API only.

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"runtime"
	"slices"
	"strings"
	"testing"

	qeetidsdk "github.com/qeetgroup/qeetid-go"
	"github.com/qeetgroup/qeetid-go/api"
)

type live struct {
	baseURL, adminToken, run string
	qeetid                   *qeetidsdk.Client
}

func liveServer(t *testing.T) *live {
	t.Helper()
	baseURL, adminToken := os.Getenv("QEETID_TEST_BASE_URL"), os.Getenv("QEETID_TEST_ADMIN_TOKEN")
	if baseURL == "" || adminToken == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("QEETID_TEST_BASE_URL and QEETID_TEST_ADMIN_TOKEN must be set in CI")
		}
		t.Skip("no live server configured")
	}
	suffix := make([]byte, 4)
	rand.Read(suffix)
	l := &live{baseURL: baseURL, adminToken: adminToken, run: "go-" + runtime.Version() + "-" + hex.EncodeToString(suffix)}
	// Step 1 of the Quickstart is a curl with the admin token: the SDK only ever holds an API key.
	body, _ := json.Marshal(map[string]string{"name": "backend " + l.run})
	req, _ := http.NewRequest(http.MethodPost, baseURL+"/v1/api-keys", bytes.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+adminToken)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var created struct{ Key string }
	if resp.StatusCode != http.StatusCreated || json.NewDecoder(resp.Body).Decode(&created) != nil || !strings.HasPrefix(created.Key, "qk_") {
		t.Fatalf("creating the API key: HTTP %d", resp.StatusCode)
	}
	l.logf(t, "created API key %s…", created.Key[:16])
	l.qeetid = qeetidsdk.New(qeetidsdk.Options{APIKey: created.Key, BaseURL: baseURL})
	return l
}

func (l *live) logf(t *testing.T, format string, args ...any) {
	t.Logf("[quickstart %s] %s", l.run, fmt.Sprintf(format, args...))
}

func ptr[T any](v T) *T { return &v }

func TestLiveQuickstart(t *testing.T) {
	l := liveServer(t)
	ctx := context.Background()
	tenant, err := l.qeetid.Tenants.Create(ctx, api.TenantCreate{Name: "Acme " + l.run})
	if err != nil || !strings.HasPrefix(tenant.Id, "ten_") {
		t.Fatal(err)
	}
	if got, err := l.qeetid.Tenants.Get(ctx, tenant.Id); err != nil || got.Name != "Acme "+l.run {
		t.Fatal(err)
	}
	l.logf(t, "created tenant %s", tenant.Id)
	user, err := l.qeetid.Users.Create(ctx, api.UserCreate{Email: "alex-" + l.run + "@acme.test", DisplayName: ptr("Alex Chen")})
	if err != nil || !strings.HasPrefix(user.Id, "usr_") {
		t.Fatal(err)
	}
	updated, err := l.qeetid.Users.Update(ctx, user.Id, api.UserUpdate{DisplayName: ptr("Alex C.")})
	if err != nil || *updated.DisplayName != "Alex C." {
		t.Fatal(err)
	}
	l.logf(t, "created user %s", user.Id)

	// Sign in as that user (what the app's frontend does), then verify the token offline.
	password := "correct horse " + l.run + " battery"
	if err := l.qeetid.Users.SetPassword(ctx, user.Id, api.AdminPasswordSet{Password: password}); err != nil {
		t.Fatal(err)
	}
	session := l.signIn(t, user.Email, password)
	claims, err := l.qeetid.Sessions.Verify(ctx, session.AccessToken)
	if err != nil || claims.UserID != user.Id || claims.TenantID != user.TenantId || claims.SessionID != session.SessionId {
		t.Fatalf("%+v %v", claims, err)
	}
	l.logf(t, "verified access token: UserID=%s TenantID=%s SessionID=%s", claims.UserID, claims.TenantID, claims.SessionID)
	var verr *qeetidsdk.VerifyError
	if _, err := l.qeetid.Sessions.Verify(ctx, session.AccessToken[:len(session.AccessToken)-4]+"AAAA"); !errors.As(err, &verr) {
		t.Fatalf("tampered token: %v", err)
	}

	// Protect a route: Can flips from false to true once a role grants the permission.
	check := qeetidsdk.PermissionCheck{User: claims.UserID, Tenant: claims.TenantID, Permission: "billing:write"}
	if ok, err := l.qeetid.Can(ctx, check); err != nil || ok {
		t.Fatalf("before the role: %v %v", ok, err)
	}
	l.logf(t, "can billing:write before any role: false")
	role, err := l.qeetid.Roles.Create(ctx, claims.TenantID, api.RoleCreate{Name: "billing " + l.run, Permissions: &[]string{"billing:write"}})
	if err != nil {
		t.Fatal(err)
	}
	if err := l.qeetid.Roles.Assign(ctx, qeetidsdk.RoleAssignment{User: claims.UserID, Tenant: claims.TenantID, Role: role.Id}); err != nil {
		t.Fatal(err)
	}
	if ok, err := l.qeetid.Can(ctx, check); err != nil || !ok {
		t.Fatalf("after the role: %v %v", ok, err)
	}
	l.logf(t, "can billing:write after assigning role %s: true", role.Id)
	other := check
	other.Permission = "billing:read"
	if ok, err := l.qeetid.CanAll(ctx, []qeetidsdk.PermissionCheck{check, other}); err != nil || ok {
		t.Fatalf("CanAll with one denied: %v %v", ok, err)
	}
	if ok, err := l.qeetid.CanAll(ctx, []qeetidsdk.PermissionCheck{check, check}); err != nil || !ok {
		t.Fatalf("CanAll all allowed: %v %v", ok, err)
	}

	// Rotate the signing key: tokens of the new key verify after one JWKS refetch, and tokens of
	// the retired key still verify. Rotation has no facade method: the generated client does it.
	resp, err := l.qeetid.API.RotateSigningKey(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var rotated api.SigningKey
	if err := json.NewDecoder(resp.Body).Decode(&rotated); err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	l.logf(t, "rotated signing key, new kid %s", rotated.Kid)
	fresh := l.signIn(t, user.Email, password)
	header, _ := base64.RawURLEncoding.DecodeString(strings.Split(fresh.AccessToken, ".")[0])
	if !strings.Contains(string(header), rotated.Kid) {
		t.Fatalf("new token header %s lacks kid %s", header, rotated.Kid)
	}
	if c, err := l.qeetid.Sessions.Verify(ctx, fresh.AccessToken); err != nil || c.SessionID != fresh.SessionId {
		t.Fatal(err)
	}
	if _, err := l.qeetid.Sessions.Verify(ctx, session.AccessToken); err != nil {
		t.Fatalf("token of the retired key: %v", err)
	}
	l.logf(t, "verified tokens of the new and the retired key")
}

func (l *live) signIn(t *testing.T, email, password string) api.TokenPair {
	t.Helper()
	body, _ := json.Marshal(map[string]string{"email": email, "password": password})
	resp, err := http.Post(l.baseURL+"/v1/auth/login", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var pair api.TokenPair
	if resp.StatusCode != http.StatusOK || json.NewDecoder(resp.Body).Decode(&pair) != nil || pair.AccessToken == "" {
		t.Fatalf("sign-in: HTTP %d", resp.StatusCode)
	}
	return pair
}

func TestLiveGroups(t *testing.T) {
	l := liveServer(t)
	ctx := context.Background()
	user, err := l.qeetid.Users.Create(ctx, api.UserCreate{Email: "grouped-" + l.run + "@acme.test"})
	if err != nil {
		t.Fatal(err)
	}
	check := qeetidsdk.PermissionCheck{User: user.Id, Tenant: user.TenantId, Permission: "reports:read"}
	can := func() bool {
		ok, err := l.qeetid.Can(ctx, check)
		if err != nil {
			t.Fatal(err)
		}
		return ok
	}
	if can() {
		t.Fatal("allowed before any grant")
	}
	role, err := l.qeetid.Roles.Create(ctx, user.TenantId, api.RoleCreate{Name: "reports " + l.run, Permissions: &[]string{"reports:read"}})
	if err != nil {
		t.Fatal(err)
	}
	group, err := l.qeetid.Groups.Create(ctx, api.GroupCreate{Name: "analysts " + l.run})
	if err != nil {
		t.Fatal(err)
	}
	if err := l.qeetid.Groups.AssignRole(ctx, user.TenantId, group.Id, role.Id); err != nil {
		t.Fatal(err)
	}
	if err := l.qeetid.Groups.AddMember(ctx, group.Id, user.Id); err != nil {
		t.Fatal(err)
	}
	if !can() {
		t.Fatal("denied through the group")
	}
	members, err := l.qeetid.Groups.ListMembers(ctx, group.Id, qeetidsdk.ListParams{})
	if err != nil {
		t.Fatal(err)
	}
	member := false
	for _, m := range members.Items {
		member = member || m.UserId == user.Id
	}
	if !member {
		t.Fatal("the user is not listed in the group")
	}
	found := false
	for r, err := range l.qeetid.Roles.ListAll(ctx, user.TenantId, qeetidsdk.ListParams{Limit: 2}) {
		if err != nil {
			t.Fatal(err)
		}
		found = found || r.Id == role.Id
	}
	if !found {
		t.Fatal("Roles.ListAll missed the role")
	}
	if err := l.qeetid.Groups.RemoveMember(ctx, group.Id, user.Id); err != nil {
		t.Fatal(err)
	}
	if can() {
		t.Fatal("still allowed after leaving the group")
	}
}

func TestLivePagination(t *testing.T) {
	l := liveServer(t)
	ctx := context.Background()
	var ids []string
	for i := range 5 {
		u, err := l.qeetid.Users.Create(ctx, api.UserCreate{Email: fmt.Sprintf("page-%d-%s@acme.test", i, l.run)})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, u.Id)
	}
	first, err := l.qeetid.Users.List(ctx, qeetidsdk.ListParams{Limit: 2})
	if err != nil || len(first.Items) != 2 || first.NextCursor == nil {
		t.Fatalf("%v %+v", err, first)
	}
	second, err := l.qeetid.Users.List(ctx, qeetidsdk.ListParams{Limit: 2, Cursor: *first.NextCursor})
	if err != nil || second.Items[0].Id == first.Items[0].Id || second.Items[0].Id == first.Items[1].Id {
		t.Fatalf("pages overlap: %v", err)
	}
	var seen []string
	for u, err := range l.qeetid.Users.ListAll(ctx, qeetidsdk.ListParams{Limit: 2}) {
		if err != nil {
			t.Fatal(err)
		}
		if slices.Contains(seen, u.Id) {
			t.Fatalf("%s twice", u.Id)
		}
		seen = append(seen, u.Id)
	}
	for _, id := range ids {
		if !slices.Contains(seen, id) {
			t.Fatalf("ListAll missed %s", id)
		}
	}
}

func TestLiveTypedErrors(t *testing.T) {
	l := liveServer(t)
	ctx := context.Background()
	var e *qeetidsdk.Error
	_, err := l.qeetid.Users.Get(ctx, "usr_01jd5f8q3ve4r9x2m6k7n8p0zz")
	if !errors.Is(err, qeetidsdk.ErrNotFound) || !errors.As(err, &e) || e.Code != "not_found" || !strings.HasPrefix(e.RequestID, "req_") {
		t.Fatalf("404: %v", err)
	}
	email := "dup-" + l.run + "@acme.test"
	if _, err := l.qeetid.Users.Create(ctx, api.UserCreate{Email: email}); err != nil {
		t.Fatal(err)
	}
	if _, err := l.qeetid.Users.Create(ctx, api.UserCreate{Email: email}); !errors.Is(err, qeetidsdk.ErrConflict) {
		t.Fatalf("409: %v", err)
	}
	_, err = l.qeetid.Users.Create(ctx, api.UserCreate{Email: "not-an-email"})
	if !errors.Is(err, qeetidsdk.ErrValidation) || !errors.As(err, &e) || e.Code != "validation_failed" ||
		!slices.ContainsFunc(e.Fields, func(f qeetidsdk.FieldError) bool { return f.Field == "email" }) {
		t.Fatalf("422: %v", err)
	}
	stranger := qeetidsdk.New(qeetidsdk.Options{APIKey: "qk_000000000000.not-a-real-secret", BaseURL: l.baseURL})
	if _, err := stranger.Users.List(ctx, qeetidsdk.ListParams{}); !errors.Is(err, qeetidsdk.ErrUnauthorized) {
		t.Fatalf("401: %v", err)
	}
}

func TestLiveAPIKeys(t *testing.T) {
	l := liveServer(t)
	ctx := context.Background()
	tenant, err := l.qeetid.Tenants.Create(ctx, api.TenantCreate{Name: "Keys " + l.run})
	if err != nil {
		t.Fatal(err)
	}
	childKey, err := l.qeetid.APIKeys.Create(ctx, api.ApiKeyCreate{Name: "child backend", Scopes: &[]string{"users:read"}}, tenant.Id)
	if err != nil || childKey.TenantId != tenant.Id {
		t.Fatal(err)
	}
	key, err := l.qeetid.APIKeys.Create(ctx, api.ApiKeyCreate{Name: "short-lived " + l.run})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for k, err := range l.qeetid.APIKeys.ListAll(ctx, key.TenantId, qeetidsdk.ListParams{Limit: 1}) {
		if err != nil {
			t.Fatal(err)
		}
		found = found || k.Id == key.Id
	}
	if !found {
		t.Fatal("ListAll missed the new key")
	}
	holder := qeetidsdk.New(qeetidsdk.Options{APIKey: key.Key, BaseURL: l.baseURL})
	if _, err := holder.Users.List(ctx, qeetidsdk.ListParams{Limit: 1}); err != nil {
		t.Fatal(err)
	}
	if err := l.qeetid.APIKeys.Revoke(ctx, key.Id); err != nil {
		t.Fatal(err)
	}
	if _, err := holder.Users.List(ctx, qeetidsdk.ListParams{}); !errors.Is(err, qeetidsdk.ErrUnauthorized) {
		t.Fatalf("revoked key: %v", err)
	}
}

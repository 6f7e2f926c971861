// Package qeetid is the Go server SDK for Qeet ID: users, tenants, API keys, permission checks
// and offline verification of access tokens. The typed HTTP layer in ./api is generated from
// the OpenAPI document; this package is the hand-written facade over it, the same as the
// TypeScript and Python SDKs (CONTRACT.md "SDK surface").
package qeetid

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/qeetgroup/qeetid-go/api"
)

// DefaultBaseURL is used when neither Options.BaseURL nor QEETID_BASE_URL is set.
const DefaultBaseURL = "https://api.qeetid.com"

// Version of this SDK, sent in the User-Agent.
const Version = "0.1.0"

// Options configure a Client. Every field is optional.
type Options struct {
	APIKey     string        // qk_…; defaults to $QEETID_API_KEY
	BaseURL    string        // defaults to $QEETID_BASE_URL, then DefaultBaseURL
	Timeout    time.Duration // per attempt (default 30s)
	MaxRetries *int          // retries after the first attempt (default 2)
	Issuer     string        // expected iss of access tokens (default: the base URL)
	Audience   []string      // expected aud (default: the issuer)
	HTTPClient *http.Client  // default: a client of its own
}

// Client is the entry point. Safe for concurrent use.
type Client struct {
	BaseURL  string
	Users    *Users
	Tenants  *Tenants
	APIKeys  *APIKeys
	Roles    *Roles
	Groups   *Groups
	Sessions *Sessions
	// API is the generated client, configured like the facade, for operations it does not wrap.
	API *api.Client
}

// New builds a client; it does no I/O.
func New(opts Options) *Client {
	baseURL := strings.TrimRight(firstNonEmpty(opts.BaseURL, os.Getenv("QEETID_BASE_URL"), DefaultBaseURL), "/")
	apiKey := firstNonEmpty(opts.APIKey, os.Getenv("QEETID_API_KEY"))
	timeout := opts.Timeout
	if timeout == 0 {
		timeout = 30 * time.Second
	}
	retries := 2
	if opts.MaxRetries != nil {
		retries = *opts.MaxRetries
	}
	httpClient := opts.HTTPClient
	if httpClient == nil {
		httpClient = &http.Client{}
	}
	t := &transport{
		http:      httpClient,
		userAgent: "qeetid-go/" + Version,
		timeout:   timeout,
		retry:     RetryPolicy{MaxRetries: retries, BaseDelay: 250 * time.Millisecond, MaxDelay: 20 * time.Second},
	}
	if apiKey != "" {
		t.authorization = "ApiKey " + apiKey
	}
	gen, err := api.NewClient(baseURL, api.WithHTTPClient(t))
	if err != nil {
		panic(fmt.Sprintf("qeetid: %v", err)) // only for a base URL that cannot be parsed at all
	}
	issuer := firstNonEmpty(opts.Issuer, baseURL)
	audience := opts.Audience
	if len(audience) == 0 {
		audience = []string{issuer}
	}
	keys := NewKeySet(HTTPJWKSSource(httpClient, baseURL+"/.well-known/jwks.json", timeout), KeySetOptions{})
	return &Client{
		BaseURL:  baseURL,
		Users:    &Users{gen},
		Tenants:  &Tenants{gen},
		APIKeys:  &APIKeys{gen},
		Roles:    &Roles{gen},
		Groups:   &Groups{gen},
		Sessions: &Sessions{keys: keys, verifier: NewVerifier(keys, VerifyOptions{Issuer: issuer, Audience: audience})},
		API:      gen,
	}
}

func firstNonEmpty(values ...string) string {
	for _, v := range values {
		if v != "" {
			return v
		}
	}
	return ""
}

// decode reads the JSON body of a successful answer (the transport already turned failures
// into *Error).
func decode[T any](resp *http.Response, err error) (*T, error) {
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var out T
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		return nil, &Error{Status: resp.StatusCode, Code: "unexpected_response", Message: "the answer is not the expected JSON: " + err.Error(), Err: err}
	}
	return &out, nil
}

func discard(resp *http.Response, err error) error {
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// ListParams select a page.
type ListParams struct {
	Limit  int
	Cursor string
}

func (p ListParams) limit() *int {
	if p.Limit == 0 {
		return nil
	}
	return &p.Limit
}

func (p ListParams) cursor() *string {
	if p.Cursor == "" {
		return nil
	}
	return &p.Cursor
}

// listAll follows next_cursor from page to page and yields every item; it stops at the first error.
func listAll[Item any](ctx context.Context, params ListParams, page func(context.Context, ListParams) ([]Item, *string, error)) iter.Seq2[Item, error] {
	return func(yield func(Item, error) bool) {
		for {
			items, next, err := page(ctx, params)
			if err != nil {
				var zero Item
				yield(zero, err)
				return
			}
			for _, item := range items {
				if !yield(item, nil) {
					return
				}
			}
			if next == nil || *next == "" {
				return
			}
			params.Cursor = *next
		}
	}
}

// Sessions verifies access tokens offline.
type Sessions struct {
	keys     *KeySet
	verifier *Verifier
}

// Verify checks an access token against the cached JWKS (ES256 signature, typ, exp/nbf with
// clock skew, iss, aud). Failures are *VerifyError.
func (s *Sessions) Verify(ctx context.Context, token string) (*Claims, error) {
	return s.verifier.Verify(ctx, token)
}

// VerifyWith is Verify with other expectations (say, another audience).
func (s *Sessions) VerifyWith(ctx context.Context, token string, opts VerifyOptions) (*Claims, error) {
	return NewVerifier(s.keys, opts).Verify(ctx, token)
}

// Users manages the users of the API key's tenant.
type Users struct{ api *api.Client }

func (u *Users) Create(ctx context.Context, body api.UserCreate) (*api.User, error) {
	return decode[api.User](u.api.CreateUser(ctx, body))
}
func (u *Users) Get(ctx context.Context, id string) (*api.User, error) {
	return decode[api.User](u.api.GetUser(ctx, id))
}
func (u *Users) Update(ctx context.Context, id string, body api.UserUpdate) (*api.User, error) {
	return decode[api.User](u.api.UpdateUser(ctx, id, body))
}
func (u *Users) Delete(ctx context.Context, id string) error {
	return discard(u.api.DeleteUser(ctx, id))
}

// SetPassword sets or replaces the user's password (the tenant's auth policy applies).
func (u *Users) SetPassword(ctx context.Context, id string, body api.AdminPasswordSet) error {
	return discard(u.api.SetUserPassword(ctx, id, body))
}
func (u *Users) Restore(ctx context.Context, id string) (*api.User, error) {
	return decode[api.User](u.api.RestoreUser(ctx, id))
}
func (u *Users) List(ctx context.Context, params ListParams) (*api.UserList, error) {
	return decode[api.UserList](u.api.ListUsers(ctx, &api.ListUsersParams{Limit: params.limit(), Cursor: params.cursor()}))
}
func (u *Users) ListAll(ctx context.Context, params ListParams) iter.Seq2[api.User, error] {
	return listAll(ctx, params, func(ctx context.Context, p ListParams) ([]api.User, *string, error) {
		page, err := u.List(ctx, p)
		if err != nil {
			return nil, nil, err
		}
		return page.Items, page.NextCursor, nil
	})
}

// Tenants manages tenants (organizations).
type Tenants struct{ api *api.Client }

func (t *Tenants) Create(ctx context.Context, body api.TenantCreate) (*api.Tenant, error) {
	return decode[api.Tenant](t.api.CreateTenant(ctx, body))
}
func (t *Tenants) Get(ctx context.Context, tenantID string) (*api.Tenant, error) {
	return decode[api.Tenant](t.api.GetTenant(ctx, tenantID))
}
func (t *Tenants) Update(ctx context.Context, tenantID string, body api.TenantUpdate) (*api.Tenant, error) {
	return decode[api.Tenant](t.api.UpdateTenant(ctx, tenantID, body))
}
func (t *Tenants) Delete(ctx context.Context, tenantID string) error {
	return discard(t.api.DeleteTenant(ctx, tenantID))
}
func (t *Tenants) List(ctx context.Context, params ListParams) (*api.TenantList, error) {
	return decode[api.TenantList](t.api.ListTenants(ctx, &api.ListTenantsParams{Limit: params.limit(), Cursor: params.cursor()}))
}
func (t *Tenants) ListAll(ctx context.Context, params ListParams) iter.Seq2[api.Tenant, error] {
	return listAll(ctx, params, func(ctx context.Context, p ListParams) ([]api.Tenant, *string, error) {
		page, err := t.List(ctx, p)
		if err != nil {
			return nil, nil, err
		}
		return page.Items, page.NextCursor, nil
	})
}
func (t *Tenants) ListMembers(ctx context.Context, tenantID string, params ListParams) (*api.MemberList, error) {
	return decode[api.MemberList](t.api.ListTenantMembers(ctx, tenantID, &api.ListTenantMembersParams{Limit: params.limit(), Cursor: params.cursor()}))
}

// APIKeys manages tenant-scoped server keys.
type APIKeys struct{ api *api.Client }

// Create makes a key in the caller's tenant, or in tenantID when given (a child tenant the
// caller manages). The secret is in the answer only.
func (k *APIKeys) Create(ctx context.Context, body api.ApiKeyCreate, tenantID ...string) (*api.ApiKeyWithSecret, error) {
	if len(tenantID) > 0 && tenantID[0] != "" {
		return decode[api.ApiKeyWithSecret](k.api.CreateTenantApiKey(ctx, tenantID[0], body))
	}
	return decode[api.ApiKeyWithSecret](k.api.CreateApiKey(ctx, body))
}
func (k *APIKeys) List(ctx context.Context, tenantID string, params ListParams) (*api.ApiKeyList, error) {
	return decode[api.ApiKeyList](k.api.ListApiKeys(ctx, tenantID, &api.ListApiKeysParams{Limit: params.limit(), Cursor: params.cursor()}))
}
func (k *APIKeys) ListAll(ctx context.Context, tenantID string, params ListParams) iter.Seq2[api.ApiKey, error] {
	return listAll(ctx, params, func(ctx context.Context, p ListParams) ([]api.ApiKey, *string, error) {
		page, err := k.List(ctx, tenantID, p)
		if err != nil {
			return nil, nil, err
		}
		return page.Items, page.NextCursor, nil
	})
}
func (k *APIKeys) Revoke(ctx context.Context, id string) error {
	return discard(k.api.RevokeApiKey(ctx, id))
}

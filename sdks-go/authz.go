package qeetid

import (
	"context"
	"iter"

	"github.com/qeetgroup/qeetid-go/api"
)

// PermissionCheck asks whether User may do Permission (`resource:action`) in Tenant.
type PermissionCheck struct {
	User       string
	Tenant     string
	Permission string
}

// RoleAssignment gives a member of a tenant a role.
type RoleAssignment struct {
	User   string
	Tenant string
	Role   string
}

// Can answers one check with one call to GET /v1/check.
func (c *Client) Can(ctx context.Context, check PermissionCheck) (bool, error) {
	result, err := decode[api.CheckResult](c.API.CheckPermission(ctx, &api.CheckPermissionParams{
		UserId: check.User, TenantId: check.Tenant, Permission: check.Permission,
	}))
	if err != nil {
		return false, err
	}
	return result.Allowed, nil
}

// CanAll is true when every check is allowed; one call to POST /v1/check/batch.
func (c *Client) CanAll(ctx context.Context, checks []PermissionCheck) (bool, error) {
	if len(checks) == 0 {
		return true, nil
	}
	body := api.CheckBatch{Checks: make([]api.CheckItem, len(checks))}
	for i, check := range checks {
		body.Checks[i] = api.CheckItem{UserId: check.User, TenantId: check.Tenant, Permission: check.Permission}
	}
	result, err := decode[api.CheckBatchResult](c.API.CheckPermissions(ctx, body))
	if err != nil {
		return false, err
	}
	if len(result.Results) != len(checks) {
		return false, &Error{Status: 200, Code: "unexpected_response", Message: "the batch answered a different number of results"}
	}
	for _, r := range result.Results {
		if !r.Allowed {
			return false, nil
		}
	}
	return true, nil
}

// Roles manages a tenant's roles and who holds them.
type Roles struct{ api *api.Client }

func (r *Roles) List(ctx context.Context, tenantID string, params ListParams) (*api.RoleList, error) {
	return decode[api.RoleList](r.api.ListRoles(ctx, tenantID, &api.ListRolesParams{Limit: params.limit(), Cursor: params.cursor()}))
}
func (r *Roles) ListAll(ctx context.Context, tenantID string, params ListParams) iter.Seq2[api.Role, error] {
	return listAll(ctx, params, func(ctx context.Context, p ListParams) ([]api.Role, *string, error) {
		page, err := r.List(ctx, tenantID, p)
		if err != nil {
			return nil, nil, err
		}
		return page.Items, page.NextCursor, nil
	})
}
func (r *Roles) Create(ctx context.Context, tenantID string, body api.RoleCreate) (*api.Role, error) {
	return decode[api.Role](r.api.CreateRole(ctx, tenantID, body))
}
func (r *Roles) Update(ctx context.Context, tenantID, roleID string, body api.RoleUpdate) (*api.Role, error) {
	return decode[api.Role](r.api.UpdateRole(ctx, tenantID, roleID, body))
}
func (r *Roles) Delete(ctx context.Context, tenantID, roleID string) error {
	return discard(r.api.DeleteRole(ctx, tenantID, roleID))
}

// Assign gives a member the role (a built-in role replaces the member's current one).
func (r *Roles) Assign(ctx context.Context, a RoleAssignment) error {
	return discard(r.api.AssignRole(ctx, a.User, a.Tenant, a.Role))
}
func (r *Roles) Unassign(ctx context.Context, a RoleAssignment) error {
	return discard(r.api.UnassignRole(ctx, a.User, a.Tenant, a.Role))
}

// Groups manages groups, their members and the roles they carry.
type Groups struct{ api *api.Client }

func (g *Groups) List(ctx context.Context, tenantID string, params ListParams) (*api.GroupList, error) {
	return decode[api.GroupList](g.api.ListGroups(ctx, tenantID, &api.ListGroupsParams{Limit: params.limit(), Cursor: params.cursor()}))
}
func (g *Groups) ListAll(ctx context.Context, tenantID string, params ListParams) iter.Seq2[api.Group, error] {
	return listAll(ctx, params, func(ctx context.Context, p ListParams) ([]api.Group, *string, error) {
		page, err := g.List(ctx, tenantID, p)
		if err != nil {
			return nil, nil, err
		}
		return page.Items, page.NextCursor, nil
	})
}

// Create makes a group in the caller's tenant.
func (g *Groups) Create(ctx context.Context, body api.GroupCreate) (*api.Group, error) {
	return decode[api.Group](g.api.CreateGroup(ctx, body))
}
func (g *Groups) Update(ctx context.Context, groupID string, body api.GroupUpdate) (*api.Group, error) {
	return decode[api.Group](g.api.UpdateGroup(ctx, groupID, body))
}
func (g *Groups) Delete(ctx context.Context, groupID string) error {
	return discard(g.api.DeleteGroup(ctx, groupID))
}
func (g *Groups) ListMembers(ctx context.Context, groupID string, params ListParams) (*api.GroupMemberList, error) {
	return decode[api.GroupMemberList](g.api.ListGroupMembers(ctx, groupID, &api.ListGroupMembersParams{Limit: params.limit(), Cursor: params.cursor()}))
}
func (g *Groups) AddMember(ctx context.Context, groupID, userID string) error {
	return discard(g.api.AddGroupMember(ctx, groupID, userID))
}
func (g *Groups) RemoveMember(ctx context.Context, groupID, userID string) error {
	return discard(g.api.RemoveGroupMember(ctx, groupID, userID))
}

// AssignRole: every member of the group holds the role in the tenant while in the group.
func (g *Groups) AssignRole(ctx context.Context, tenantID, groupID, roleID string) error {
	return discard(g.api.AssignGroupRole(ctx, tenantID, groupID, roleID))
}
func (g *Groups) UnassignRole(ctx context.Context, tenantID, groupID, roleID string) error {
	return discard(g.api.UnassignGroupRole(ctx, tenantID, groupID, roleID))
}

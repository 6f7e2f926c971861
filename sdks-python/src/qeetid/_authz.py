"""Roles, groups and permission checks: the authorization part of the facade."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, NamedTuple

from ._generated.api.check import check_permission, check_permissions
from ._generated.api.groups import (
    add_group_member,
    assign_group_role,
    create_group,
    delete_group,
    list_group_members,
    list_groups,
    remove_group_member,
    unassign_group_role,
    update_group,
)
from ._generated.api.roles import assign_role, create_role, delete_role, list_roles, unassign_role, update_role
from ._generated.client import AuthenticatedClient
from ._generated.models import (
    CheckBatch,
    CheckBatchResult,
    CheckItem,
    CheckResult,
    Group,
    GroupCreate,
    GroupList,
    GroupMemberList,
    GroupUpdate,
    Role,
    RoleCreate,
    RoleList,
    RoleUpdate,
)
from ._pages import every_item, expect, opt


class PermissionCheck(NamedTuple):
    """May ``user`` do ``permission`` (``resource:action``) in ``tenant``?"""

    user: str
    tenant: str
    permission: str


def can(client: AuthenticatedClient, *, user: str, tenant: str, permission: str) -> bool:
    response = check_permission.sync_detailed(client=client, user_id=user, tenant_id=tenant, permission=permission)
    return expect(response, CheckResult).allowed


def can_all(client: AuthenticatedClient, checks: Iterable[PermissionCheck | tuple[str, str, str]]) -> bool:
    items = [CheckItem(user_id=c[0], tenant_id=c[1], permission=c[2]) for c in checks]
    if not items:
        return True
    result = expect(check_permissions.sync_detailed(client=client, body=CheckBatch(checks=items)), CheckBatchResult)
    return len(result.results) == len(items) and all(r.allowed for r in result.results)


class Roles:
    def __init__(self, client: AuthenticatedClient) -> None:
        self._client = client

    def list(self, tenant_id: str, *, limit: int | None = None, cursor: str | None = None) -> RoleList:
        response = list_roles.sync_detailed(tenant_id, client=self._client, limit=opt(limit), cursor=opt(cursor))
        return expect(response, RoleList)

    def list_all(self, tenant_id: str, *, limit: int | None = None) -> Iterator[Role]:
        return every_item(lambda cursor: self.list(tenant_id, limit=limit, cursor=cursor))

    def create(self, tenant_id: str, **fields: Any) -> Role:
        """Fields of ``RoleCreate``: ``name``, optionally ``description`` and ``permissions``."""
        response = create_role.sync_detailed(tenant_id, client=self._client, body=RoleCreate.from_dict(fields))
        return expect(response, Role)

    def update(self, tenant_id: str, role_id: str, **fields: Any) -> Role:
        body = RoleUpdate.from_dict(fields)
        return expect(update_role.sync_detailed(tenant_id, role_id, client=self._client, body=body), Role)

    def delete(self, tenant_id: str, role_id: str) -> None:
        delete_role.sync_detailed(tenant_id, role_id, client=self._client)

    def assign(self, *, user: str, tenant: str, role: str) -> None:
        """Gives a member of the tenant the role (a built-in role replaces their current one)."""
        assign_role.sync_detailed(user, tenant, role, client=self._client)

    def unassign(self, *, user: str, tenant: str, role: str) -> None:
        unassign_role.sync_detailed(user, tenant, role, client=self._client)


class Groups:
    def __init__(self, client: AuthenticatedClient) -> None:
        self._client = client

    def list(self, tenant_id: str, *, limit: int | None = None, cursor: str | None = None) -> GroupList:
        response = list_groups.sync_detailed(tenant_id, client=self._client, limit=opt(limit), cursor=opt(cursor))
        return expect(response, GroupList)

    def list_all(self, tenant_id: str, *, limit: int | None = None) -> Iterator[Group]:
        return every_item(lambda cursor: self.list(tenant_id, limit=limit, cursor=cursor))

    def create(self, **fields: Any) -> Group:
        """A group in the caller's tenant. Fields of ``GroupCreate``: ``name``, ``description``."""
        return expect(create_group.sync_detailed(client=self._client, body=GroupCreate.from_dict(fields)), Group)

    def update(self, group_id: str, **fields: Any) -> Group:
        body = GroupUpdate.from_dict(fields)
        return expect(update_group.sync_detailed(group_id, client=self._client, body=body), Group)

    def delete(self, group_id: str) -> None:
        delete_group.sync_detailed(group_id, client=self._client)

    def list_members(self, group_id: str, *, limit: int | None = None, cursor: str | None = None) -> GroupMemberList:
        response = list_group_members.sync_detailed(group_id, client=self._client, limit=opt(limit), cursor=opt(cursor))
        return expect(response, GroupMemberList)

    def add_member(self, group_id: str, user_id: str) -> None:
        add_group_member.sync_detailed(group_id, user_id, client=self._client)

    def remove_member(self, group_id: str, user_id: str) -> None:
        remove_group_member.sync_detailed(group_id, user_id, client=self._client)

    def assign_role(self, tenant_id: str, group_id: str, role_id: str) -> None:
        """Every member of the group holds the role in the tenant while they stay in it."""
        assign_group_role.sync_detailed(tenant_id, group_id, role_id, client=self._client)

    def unassign_role(self, tenant_id: str, group_id: str, role_id: str) -> None:
        unassign_group_role.sync_detailed(tenant_id, group_id, role_id, client=self._client)

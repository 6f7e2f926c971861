from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.auth_policy_update_password_breach_check import (
    AuthPolicyUpdatePasswordBreachCheck,
)
from ..models.login_method import LoginMethod
from ..types import UNSET, Unset

T = TypeVar("T", bound="AuthPolicyUpdate")


@_attrs_define
class AuthPolicyUpdate:
    """A whole policy; fields left out take their defaults (10, offline, all methods, 900, 2592000, 0, 90).

    Attributes:
        password_min_length (int | Unset):
        password_breach_check (AuthPolicyUpdatePasswordBreachCheck | Unset):
        login_methods (list[LoginMethod] | Unset):
        access_token_ttl_seconds (int | Unset):
        session_ttl_seconds (int | Unset):
        refresh_reuse_window_seconds (int | Unset):
        pat_max_ttl_days (int | Unset):
    """

    password_min_length: int | Unset = UNSET
    password_breach_check: AuthPolicyUpdatePasswordBreachCheck | Unset = UNSET
    login_methods: list[LoginMethod] | Unset = UNSET
    access_token_ttl_seconds: int | Unset = UNSET
    session_ttl_seconds: int | Unset = UNSET
    refresh_reuse_window_seconds: int | Unset = UNSET
    pat_max_ttl_days: int | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        password_min_length = self.password_min_length

        password_breach_check: str | Unset = UNSET
        if not isinstance(self.password_breach_check, Unset):
            password_breach_check = self.password_breach_check.value

        login_methods: list[str] | Unset = UNSET
        if not isinstance(self.login_methods, Unset):
            login_methods = []
            for login_methods_item_data in self.login_methods:
                login_methods_item = login_methods_item_data.value
                login_methods.append(login_methods_item)

        access_token_ttl_seconds = self.access_token_ttl_seconds

        session_ttl_seconds = self.session_ttl_seconds

        refresh_reuse_window_seconds = self.refresh_reuse_window_seconds

        pat_max_ttl_days = self.pat_max_ttl_days

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if password_min_length is not UNSET:
            field_dict["password_min_length"] = password_min_length
        if password_breach_check is not UNSET:
            field_dict["password_breach_check"] = password_breach_check
        if login_methods is not UNSET:
            field_dict["login_methods"] = login_methods
        if access_token_ttl_seconds is not UNSET:
            field_dict["access_token_ttl_seconds"] = access_token_ttl_seconds
        if session_ttl_seconds is not UNSET:
            field_dict["session_ttl_seconds"] = session_ttl_seconds
        if refresh_reuse_window_seconds is not UNSET:
            field_dict["refresh_reuse_window_seconds"] = refresh_reuse_window_seconds
        if pat_max_ttl_days is not UNSET:
            field_dict["pat_max_ttl_days"] = pat_max_ttl_days

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        password_min_length = d.pop("password_min_length", UNSET)

        _password_breach_check = d.pop("password_breach_check", UNSET)
        password_breach_check: AuthPolicyUpdatePasswordBreachCheck | Unset
        if isinstance(_password_breach_check, Unset):
            password_breach_check = UNSET
        else:
            password_breach_check = AuthPolicyUpdatePasswordBreachCheck(
                _password_breach_check
            )

        _login_methods = d.pop("login_methods", UNSET)
        login_methods: list[LoginMethod] | Unset = UNSET
        if _login_methods is not UNSET:
            login_methods = []
            for login_methods_item_data in _login_methods:
                login_methods_item = LoginMethod(login_methods_item_data)

                login_methods.append(login_methods_item)

        access_token_ttl_seconds = d.pop("access_token_ttl_seconds", UNSET)

        session_ttl_seconds = d.pop("session_ttl_seconds", UNSET)

        refresh_reuse_window_seconds = d.pop("refresh_reuse_window_seconds", UNSET)

        pat_max_ttl_days = d.pop("pat_max_ttl_days", UNSET)

        auth_policy_update = cls(
            password_min_length=password_min_length,
            password_breach_check=password_breach_check,
            login_methods=login_methods,
            access_token_ttl_seconds=access_token_ttl_seconds,
            session_ttl_seconds=session_ttl_seconds,
            refresh_reuse_window_seconds=refresh_reuse_window_seconds,
            pat_max_ttl_days=pat_max_ttl_days,
        )

        return auth_policy_update

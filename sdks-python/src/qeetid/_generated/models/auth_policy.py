from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.auth_policy_password_breach_check import AuthPolicyPasswordBreachCheck
from ..models.login_method import LoginMethod

T = TypeVar("T", bound="AuthPolicy")


@_attrs_define
class AuthPolicy:
    """
    Attributes:
        password_min_length (int):
        password_breach_check (AuthPolicyPasswordBreachCheck): `offline`: the bundled list of common breached passwords;
            `online`: also the configured k-anonymity range API.
        login_methods (list[LoginMethod]):
        access_token_ttl_seconds (int):
        session_ttl_seconds (int):
        refresh_reuse_window_seconds (int):
        pat_max_ttl_days (int):
    """

    password_min_length: int
    password_breach_check: AuthPolicyPasswordBreachCheck
    login_methods: list[LoginMethod]
    access_token_ttl_seconds: int
    session_ttl_seconds: int
    refresh_reuse_window_seconds: int
    pat_max_ttl_days: int

    def to_dict(self) -> dict[str, Any]:
        password_min_length = self.password_min_length

        password_breach_check = self.password_breach_check.value

        login_methods = []
        for login_methods_item_data in self.login_methods:
            login_methods_item = login_methods_item_data.value
            login_methods.append(login_methods_item)

        access_token_ttl_seconds = self.access_token_ttl_seconds

        session_ttl_seconds = self.session_ttl_seconds

        refresh_reuse_window_seconds = self.refresh_reuse_window_seconds

        pat_max_ttl_days = self.pat_max_ttl_days

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "password_min_length": password_min_length,
                "password_breach_check": password_breach_check,
                "login_methods": login_methods,
                "access_token_ttl_seconds": access_token_ttl_seconds,
                "session_ttl_seconds": session_ttl_seconds,
                "refresh_reuse_window_seconds": refresh_reuse_window_seconds,
                "pat_max_ttl_days": pat_max_ttl_days,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        password_min_length = d.pop("password_min_length")

        password_breach_check = AuthPolicyPasswordBreachCheck(
            d.pop("password_breach_check")
        )

        login_methods = []
        _login_methods = d.pop("login_methods")
        for login_methods_item_data in _login_methods:
            login_methods_item = LoginMethod(login_methods_item_data)

            login_methods.append(login_methods_item)

        access_token_ttl_seconds = d.pop("access_token_ttl_seconds")

        session_ttl_seconds = d.pop("session_ttl_seconds")

        refresh_reuse_window_seconds = d.pop("refresh_reuse_window_seconds")

        pat_max_ttl_days = d.pop("pat_max_ttl_days")

        auth_policy = cls(
            password_min_length=password_min_length,
            password_breach_check=password_breach_check,
            login_methods=login_methods,
            access_token_ttl_seconds=access_token_ttl_seconds,
            session_ttl_seconds=session_ttl_seconds,
            refresh_reuse_window_seconds=refresh_reuse_window_seconds,
            pat_max_ttl_days=pat_max_ttl_days,
        )

        return auth_policy

"""Errors a Chinese user can read: every code raised in services/ or core/ has a translated text.

The static half reads the source: the codes the error classes declare, the code literals at the
raise sites and the parameters those sites give, against ui/errors.py. The other half installs a
tiny translation compiled with pyside6-lrelease and checks that real refusals reach the desk in
it, parameters filled in and worded (order states, actions) in the same language.
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
import re
import shutil
import string
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import QApplication

import agent_desk.core
import agent_desk.services
from agent_desk.core.errors import CodedError, english_templates
from agent_desk.core.orders import IllegalTransition, OrderAction, OrderState
from agent_desk.core.phone import InvalidPhoneNumber, normalize
from agent_desk.services.access.auth import authenticate
from agent_desk.services.orders.checks import problems_of
from agent_desk.services.orders.transitions import act
from agent_desk.services.orders.types import OrderValidationFailed, StaleOrder
from agent_desk.store.models import Order
from agent_desk.ui.context import DeskContext
from agent_desk.ui.errors import ERROR_TEXTS, error_detail, error_text
from agent_desk.ui.messages import bridge
from agent_desk.ui.review import ReviewWorkspace
from tests.services.test_orders_support import cast as users_of
from tests.services.test_orders_support import submitted
from tests.ui.test_customers_workspace import _search_and_open, _workspace

TIMEOUT = 5000
ROOT = Path(agent_desk.__file__).parent
_CODE = re.compile(r"^[a-z][a-z_]*(?:\.[a-z][a-z0-9_]*)+$")
# Parameters an error class adds itself, whatever the raise site passes (see each constructor).
SUPPLIED = {
    "InvalidPhoneNumber": {"number"},
    "LabelFieldError": {"field"},
    "TransitionError": {"state", "action"},
    "OrderValidationFailed": {"field"},
    "StaleOrder": {"by_user", "state"},
}


def _error_classes() -> list[type[CodedError]]:
    """Import every module of core/ and services/, so every error class has declared its codes."""
    for package in (agent_desk.core, agent_desk.services):
        for module in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            importlib.import_module(module.name)
    found, pending = [], [CodedError]
    while pending:
        kind = pending.pop()
        found.append(kind)
        pending += kind.__subclasses__()
    return found


CLASSES = _error_classes()
OWNERS = {code: kind for kind in CLASSES for code in kind.__dict__.get("messages", {})}
# What raises or lists a coded error: a class, its problem(), or a subclass's super().__init__.
MAKERS = {kind.__name__ for kind in CLASSES} | {"problem", "__init__"}
TEMPLATES = dict(english_templates())
PREFIXES = {code.split(".")[0] for code in TEMPLATES}


def _placeholders(text: str) -> set[str]:
    return {re.split(r"[.\[]", name)[0] for _lit, name, _spec, _conv in string.Formatter().parse(text) if name}


def _looks_like_code(value: object) -> bool:
    return isinstance(value, str) and bool(_CODE.match(value)) and value.split(".")[0] in PREFIXES


@dataclass(frozen=True)
class Site:
    where: str
    code: str
    callee: str
    params: frozenset[str] | None  # None: the site passes **params, names not known statically


def _sources() -> Iterator[tuple[str, ast.Module]]:
    for folder in ("core", "services"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            yield str(path.relative_to(ROOT.parent)), ast.parse(path.read_text(encoding="utf-8"))


def _sites() -> list[Site]:
    """Every error made with a code literal among its positional arguments."""
    sites = []
    for name, tree in _sources():
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            callee = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
            code = next((a.value for a in node.args if isinstance(a, ast.Constant) and _looks_like_code(a.value)), None)
            if code is None or callee not in MAKERS:
                continue
            given = None if any(k.arg is None for k in node.keywords) else frozenset(str(k.arg) for k in node.keywords)
            sites.append(Site(f"{name}:{node.lineno}", str(code), callee, given))
    return sites


SITES = _sites()


def _supplied(kind: type[CodedError]) -> set[str]:
    return set().union(*(SUPPLIED.get(k.__name__, set()) for k in kind.__mro__))


def test_the_source_was_read() -> None:
    # Guards the tests below against passing on nothing.
    assert len(TEMPLATES) > 100 and len(SITES) > 100
    assert {"order.stale.already_done", "customer.name_too_long", "phone.too_few_digits"} <= set(TEMPLATES)


def test_every_code_has_a_text_in_the_desk() -> None:
    missing = sorted(set(TEMPLATES) - set(ERROR_TEXTS))
    assert not missing, f"add to agent_desk/ui/errors.py: {missing}"


def test_the_desk_has_no_text_for_a_code_nobody_raises() -> None:
    assert not sorted(set(ERROR_TEXTS) - set(TEMPLATES))


def test_every_code_written_in_the_source_is_declared() -> None:
    """A code mistyped at a raise site (or in a table of codes) would show as the bare code."""
    unknown = [
        f"{name}:{node.lineno}: {node.value}"
        for name, tree in _sources()
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and _looks_like_code(node.value) and node.value not in TEMPLATES
    ]
    assert not unknown


@pytest.mark.parametrize("code", sorted(TEMPLATES))
def test_each_text_uses_the_parameters_of_its_english_sentence(code: str) -> None:
    assert _placeholders(ERROR_TEXTS[code]()) == _placeholders(TEMPLATES[code])


def test_raise_sites_give_every_parameter_their_text_uses() -> None:
    short = []
    for site in SITES:
        if site.params is None:
            continue
        needed = _placeholders(TEMPLATES[site.code]) - SUPPLIED.get(site.callee, set())
        if needed - site.params:
            short.append(f"{site.where}: {site.code} lacks {sorted(needed - site.params)}")
    assert not short


def test_codes_chosen_at_run_time_use_only_what_their_class_supplies() -> None:
    """Codes that no call names literally (picked from a table, re-raised) get no parameters of their own."""
    literal = {site.code for site in SITES}
    extra = {
        code: _placeholders(TEMPLATES[code]) - _supplied(OWNERS[code])
        for code in TEMPLATES
        if code not in literal and code in OWNERS
    }
    assert {code: names for code, names in extra.items() if names} == {}


def test_the_chinese_translation_keeps_each_texts_parameters() -> None:
    """tests/ui/test_translation.py counts {0} and %n; these texts name theirs ({order_no})."""
    from agent_desk.desktop.translation import TRANSLATIONS

    sources = {ERROR_TEXTS[code](): code for code in ERROR_TEXTS}
    wrong = []
    for context in ET.parse(TRANSLATIONS / "agent_desk_zh_CN.ts").getroot().iter("context"):
        if context.findtext("name") != "ServiceError":
            continue
        for message in context.iter("message"):
            source, translation = message.findtext("source", ""), message.findtext("translation") or ""
            if source in sources and translation and _placeholders(translation) != _placeholders(source):
                wrong.append((source, translation))
    assert not wrong


# --- what the desk shows -------------------------------------------------------------------------

_TRANSLATED = {
    ("ServiceError", "Order {order_no} was already {action_done} by {by_user} at {time}; it is now {state}."): (
        "【译】订单{order_no}已于{time}被{by_user}{action_done}，现为{state}。"
    ),
    (
        "ServiceError",
        "“{number}” is not a phone number: it has too few digits.",
    ): "【译】“{number}”不是电话号码：位数太少。",
    ("ServiceError", "This order cannot be submitted yet: {details}"): "【译】订单还不能提交：{details}",
    ("ServiceError", "The recipient's name is missing."): "【译】缺收件人姓名。",
    ("ServiceError", "The address needs: {parts}."): "【译】地址缺：{parts}。",
    ("ServiceError", "street address"): "详细地址",
    (
        "ServiceError",
        "Cannot {action} this order: it is {state}. This is only possible for orders that are {states}.",
    ): ("【译】无法{action}此订单：它{state}。只有{states}的订单可以。"),
    ("ServiceError", "submit", "Cannot … this order"): "提交",
    ("ServiceError", " or ", "between order states"): "或",
    ("ServiceError", "Something went wrong: {0}"): "【译】出错了：{0}",
    ("Labels", "approved"): "审核通过",
    ("Labels", "pending logistics"): "待物流审核",
    ("Labels", "pending review"): "待审核",
    ("Labels", "draft"): "草稿",
    ("Labels", "returned"): "已退回",
}


def _ts(entries: dict[tuple[str, ...], str]) -> str:
    contexts: dict[str, list[str]] = {}
    for key, text in entries.items():
        context, source, *comment = key
        disambiguation = f"<comment>{escape(comment[0])}</comment>" if comment else ""
        contexts.setdefault(context, []).append(
            f"<message><source>{escape(source)}</source>{disambiguation}"
            f"<translation>{escape(text)}</translation></message>"
        )
    body = "".join(f"<context><name>{name}</name>{''.join(messages)}</context>" for name, messages in contexts.items())
    return f'<?xml version="1.0" encoding="utf-8"?><!DOCTYPE TS><TS version="2.1" language="zh_CN">{body}</TS>'


@pytest.fixture
def tiny_zh(qapp: QApplication, tmp_path: Path) -> Iterator[QTranslator]:
    """A handful of texts in marked Chinese ("【译】"): nothing but this translation can produce them."""
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    if not lrelease.exists():
        found = shutil.which("pyside6-lrelease")
        if found is None:
            pytest.skip("pyside6-lrelease is not installed beside this Python")
        lrelease = Path(found)
    source, compiled = tmp_path / "tiny_zh_CN.ts", tmp_path / "tiny_zh_CN.qm"
    source.write_text(_ts(_TRANSLATED), encoding="utf-8")
    subprocess.run([str(lrelease), str(source), "-qm", str(compiled)], check=True, capture_output=True)
    translator = QTranslator()
    assert translator.load(str(compiled))
    QApplication.installTranslator(translator)
    yield translator
    QApplication.removeTranslator(translator)


def test_without_a_translator_the_desk_says_what_the_service_says() -> None:
    stale = StaleOrder("order.stale.already_done", by_user="赵审核", state="pending_logistics",
                       order_no="SO1", action_done="approve", time="09:30")  # fmt: skip
    illegal = IllegalTransition(OrderState.PENDING_REVIEW, OrderAction.SUBMIT)
    for error in (stale, illegal, _phone_error("12")):
        assert error_text(error) == str(error)


def test_a_refusal_reads_in_chinese_with_its_words_translated(tiny_zh: QTranslator) -> None:
    stale = StaleOrder("order.stale.already_done", by_user="赵审核", state="pending_logistics",
                       order_no="SO1", action_done="approve", time="09:30")  # fmt: skip
    assert error_text(stale) == "【译】订单SO1已于09:30被赵审核审核通过，现为待物流审核。"
    illegal = IllegalTransition(OrderState.PENDING_REVIEW, OrderAction.SUBMIT)
    assert error_text(illegal) == "【译】无法提交此订单：它待审核。只有草稿或已退回的订单可以。"


def test_several_problems_read_in_chinese_one_by_one(tiny_zh: QTranslator) -> None:
    order = Order(recipient_name=" ", recipient_phone="13800138000", province="北京", city="北京",
                  address_detail="", postcode="", lines=[])  # fmt: skip
    found = problems_of(order)
    error = OrderValidationFailed("order.incomplete", field="recipient_name", problems=found,
                                  details=[p for _f, p in found])  # fmt: skip
    text = error_text(error)
    assert text.startswith("【译】订单还不能提交：【译】缺收件人姓名。 【译】地址缺：详细地址。 ")
    assert text.endswith("The order has no products yet.")  # not in the tiny translation: English, not nothing


def test_with_the_real_translation_problems_follow_each_other_without_spaces(qapp: QApplication) -> None:
    from PySide6.QtCore import QLocale

    from agent_desk.desktop.translation import install_translation

    previous = QLocale()
    translators = install_translation(qapp, "zh_CN")
    try:
        order = Order(recipient_name=" ", recipient_phone="13800138000", province="北京", city="北京",
                      address_detail="", postcode="", lines=[])  # fmt: skip
        found = problems_of(order)
        error = OrderValidationFailed("order.incomplete", field="recipient_name", problems=found,
                                      details=[p for _f, p in found])  # fmt: skip
        assert error_text(error) == "该订单暂时不能提交：缺少收件人姓名。地址缺少：详细地址。订单尚未添加商品。"
    finally:
        for translator in translators:
            QApplication.removeTranslator(translator)
        QLocale.setDefault(previous)


def test_an_unknown_failure_says_so_in_chinese_and_keeps_its_own_words(tiny_zh: QTranslator) -> None:
    assert error_text(RuntimeError("disk full")) == "【译】出错了：disk full"
    assert error_detail(RuntimeError("disk full")) == "disk full"
    assert error_detail(_phone_error("12")) == "【译】“12”不是电话号码：位数太少。"


def test_a_damaged_translation_falls_back_to_english(qapp: QApplication) -> None:
    class Broken(QTranslator):
        def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str:
            return "{0} 坏了 {" if context == "ServiceError" else ""

    translator = Broken()
    QApplication.installTranslator(translator)
    try:
        error = _phone_error("12")
        assert error_text(error) == str(error)
    finally:
        QApplication.removeTranslator(translator)


def _phone_error(raw: str) -> InvalidPhoneNumber:
    with pytest.raises(InvalidPhoneNumber) as caught:
        normalize(raw)
    return caught.value


# --- real refusals on a desk ---------------------------------------------------------------------


def test_the_customer_editor_refuses_a_bad_number_in_chinese(tiny_zh, desktop, qtbot, cast) -> None:  # type: ignore[no-untyped-def]
    ws = _workspace(desktop, qtbot)
    _search_and_open(ws, qtbot, "13800138000")
    ws.detail.edit_button.click()
    ws.editor.phones.item(0, 0).setText("12")
    ws.editor.save.click()
    qtbot.waitUntil(lambda: ws.editor.error.isVisible(), timeout=TIMEOUT)
    assert "【译】“12”不是电话号码：位数太少。" in ws.editor.error.text()
    assert "is not a phone number" not in ws.editor.error.text()


def test_the_slower_auditor_is_told_in_chinese_who_was_first(tiny_zh, desktop, qtbot, cast) -> None:  # type: ignore[no-untyped-def]
    factory = desktop.database.factory
    users = users_of(factory)
    view = submitted(factory, users, cast["vip"])
    user = authenticate(factory, "auditor2", "auditor2123")
    ctx = DeskContext(user, desktop.database, desktop.runner, desktop.settings, bridge())
    ws = ReviewWorkspace(ctx, watch=False)  # it still shows the order when its auditor clicks
    qtbot.addWidget(ws)
    ws.show()
    qtbot.waitUntil(lambda: view.id in ws.queue.model.ids(), timeout=TIMEOUT)
    with qtbot.waitSignal(ws.detail_shown, timeout=TIMEOUT):
        ws.queue.select_row(ws.queue.model.ids().index(view.id))
    act(factory, users["auditor1"], view.id, "approve", expected_version=view.version)  # another desk, first
    with qtbot.waitSignal(ws.action_failed, timeout=TIMEOUT) as failed:
        ws.approve.click()
    first = users["auditor1"].display_name
    assert re.fullmatch(rf"【译】订单{view.order_no}已于\d\d:\d\d被{first}审核通过，现为待物流审核。", failed.args[0])
    assert ws.banner.text() == failed.args[0]
    ws.shutdown()

"""What the desk says when a service refuses: each error code in the user's language.

Services and core raise errors with a stable ``code`` and ``params`` (agent_desk/core/errors.py);
their ``str()`` is English for the command line and the logs. The desk shows
:func:`error_text` instead, so a zh_CN desk never shows a service's English sentence. Each code
has one literal here (context "ServiceError" in the .ts file) with the same ``{name}``
placeholders as its English template; tests/ui/test_error_texts.py fails when a code raised in
services/ or core/ has no text here, or when a text uses a parameter its raise sites do not give.

Most parameters are data (numbers, names, what the user typed) and are shown as they are. The
few that hold codes of the program (an order state, an action, a role, a form field) are worded
here in the user's language.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from typing import Protocol, TypeGuard

from PySide6.QtCore import QCoreApplication

from agent_desk.ui import labels
from agent_desk.ui.errors_staffing import STAFFING_TEXTS

# As in labels.py: a function per code, so the text is translated when shown and lupdate sees
# every literal in a translate() call.
translate = QCoreApplication.translate


class Coded(Protocol):
    """An error or a problem with a stable ``code`` and its ``params`` (CodedError, Problem)."""

    code: str
    params: dict[str, object]


#: Each code's text; called without a translator it gives the English literal.
_TEXTS: Mapping[str, Callable[[], str]] = {
    # --- orders: entry and checks ---------------------------------------------------------------
    "order.not_found": lambda: translate("ServiceError", "Order {order_id} does not exist."),
    "order.customer_not_found": lambda: translate("ServiceError", "Customer {customer_id} does not exist."),
    "order.taken_by_other": lambda: translate(
        "ServiceError", "Order {order_no} was taken by another agent; you cannot change it."
    ),
    "order.not_editable": lambda: translate("ServiceError", "Order {order_no} is {state} and can no longer be edited."),
    "order.unknown_action": lambda: translate(
        "ServiceError", "Unknown order action '{given}'; known actions: {known}."
    ),
    "order.form_id_invalid": lambda: translate(
        "ServiceError", "The form's id '{value}' is not a UUID; the desk must create one before the first save."
    ),
    "order.field_not_text": lambda: translate("ServiceError", "The {field} must be text."),
    "order.field_not_one_line": lambda: translate("ServiceError", "The {field} must be a single line of text."),
    "order.field_too_long": lambda: translate(
        "ServiceError", "The {field} is {length} characters long; at most {limit} fit."
    ),
    "order.phone_too_long": lambda: translate("ServiceError", "“{text}…” is too long to be a phone number."),
    "order.product_unknown": lambda: translate(
        "ServiceError", "Line {line}: product {product_id} is not in the catalogue."
    ),
    "order.product_discontinued": lambda: translate(
        "ServiceError", "Line {line}: {product} is no longer sold; please choose another product."
    ),
    "order.discount_over_product_limit": lambda: translate(
        "ServiceError",
        "Line {line} ({product}): a {discount}% discount is more than the {limit}% allowed on this product.",
    ),
    "order.payment_unknown": lambda: translate(
        "ServiceError", "Payment must be cash on delivery (cod) or prepaid, not '{method}'."
    ),
    "order.business_line_not_found": lambda: translate(
        "ServiceError", "Business line {business_line_id} does not exist."
    ),
    "order.call_not_found": lambda: translate("ServiceError", "Call {call_id} does not exist."),
    "order.recipient_name_missing": lambda: translate("ServiceError", "The recipient's name is missing."),
    "order.recipient_phone_missing": lambda: translate("ServiceError", "The recipient's phone number is missing."),
    "order.address_incomplete": lambda: translate("ServiceError", "The address needs: {parts}."),
    "order.postcode_invalid": lambda: translate(
        "ServiceError", "The postcode '{postcode}' must be six digits, or left empty."
    ),
    "order.no_lines": lambda: translate("ServiceError", "The order has no products yet."),
    "order.incomplete": lambda: translate("ServiceError", "This order cannot be submitted yet: {details}"),
    # --- orders: someone else was first ---------------------------------------------------------
    "order.stale.gone": lambda: translate("ServiceError", "Order {order_id} no longer exists."),
    "order.stale.changed": lambda: translate(
        "ServiceError",
        "Order {order_no} was changed by {by_user} in the meantime; it is now {state}. Reload it and try again.",
    ),
    "order.stale.already_done": lambda: translate(
        "ServiceError", "Order {order_no} was already {action_done} by {by_user} at {time}; it is now {state}."
    ),
    # --- orders: the rules of the life cycle (core) ---------------------------------------------
    "order.transition.final": lambda: translate(
        "ServiceError", "Cannot {action} this order: it is already {state} and can no longer change."
    ),
    "order.transition.illegal": lambda: translate(
        "ServiceError",
        "Cannot {action} this order: it is {state}. This is only possible for orders that are {states}.",
    ),
    "order.transition.role": lambda: translate(
        "ServiceError", "The {role} role may not {action} orders; this is done by: {roles}."
    ),
    "order.transition.reason_required": lambda: translate(
        "ServiceError", "Please give a reason to {action} this order; the agent and the audit trail need to know why."
    ),
    "order.transition.not_owner": lambda: translate(
        "ServiceError", "You cannot {action} this order: it was taken by another agent."
    ),
    "order.duties.took_it": lambda: translate(
        "ServiceError", "You cannot {action} this order because you took this order; another colleague must do it."
    ),
    "order.duties.did_logistics": lambda: translate(
        "ServiceError",
        "You cannot {action} this order because you handled this order in logistics; another colleague must do it.",
    ),
    "order.duties.reviewed_it": lambda: translate(
        "ServiceError",
        "You cannot {action} this order because you reviewed this order; another colleague must do it.",
    ),
    # --- order lines and amounts (core) ---------------------------------------------------------
    "money.amount_not_text": lambda: translate("ServiceError", "An amount must be text, not {kind}."),
    "money.amount_missing": lambda: translate("ServiceError", "No amount given; write it like 128 or 128.50."),
    "money.amount_invalid": lambda: translate(
        "ServiceError", "“{text}” is not an amount of money; write it like 128 or 128.50 (at most two decimals)."
    ),
    "money.discount_limit_invalid": lambda: translate(
        "ServiceError", "The discount limit must be a whole percentage from 0 to 100, not {given}."
    ),
    "money.quantity_invalid": lambda: translate(
        "ServiceError",
        "Line {line} ({product}): the quantity must be a whole number from {min} to {max}, not {given}.",
    ),
    "money.unit_price_invalid": lambda: translate(
        "ServiceError", "Line {line} ({product}): the unit price must be between 0.00 and {max} yuan, not {given}."
    ),
    "money.discount_invalid": lambda: translate(
        "ServiceError", "Line {line} ({product}): the discount must be a whole percentage of 0 or more, not {given}."
    ),
    "money.discount_over_limit": lambda: translate(
        "ServiceError", "Line {line} ({product}): a {discount}% discount is more than the {limit}% you may give."
    ),
    # --- phone numbers (core) -------------------------------------------------------------------
    "phone.not_text": lambda: translate(
        "ServiceError", "“{number}” is not a phone number: a phone number must be text."
    ),
    "phone.far_too_long": lambda: translate("ServiceError", "“{number}” is not a phone number: it is far too long."),
    "phone.empty": lambda: translate("ServiceError", "“{number}” is not a phone number: it is empty."),
    "phone.bad_characters": lambda: translate(
        "ServiceError",
        "“{number}” is not a phone number: it contains letters or symbols that are not part of a phone number.",
    ),
    "phone.plus_not_first": lambda: translate(
        "ServiceError", "“{number}” is not a phone number: a '+' may only stand at the start."
    ),
    "phone.no_digits": lambda: translate("ServiceError", "“{number}” is not a phone number: it contains no digits."),
    "phone.unknown_prefix_country_code": lambda: translate(
        "ServiceError", "“{number}” is not a phone number: the country code after '+' or '00' is unknown."
    ),
    "phone.too_short_after_prefix": lambda: translate(
        "ServiceError", "“{number}” is not a phone number: too few digits after the international prefix."
    ),
    "phone.not_a_number": lambda: translate(
        "ServiceError", "“{number}” is not a phone number: it does not look like a phone number."
    ),
    "phone.unknown_country_code": lambda: translate(
        "ServiceError", "“{number}” is not a phone number: the country code is unknown."
    ),
    "phone.too_few_digits": lambda: translate(
        "ServiceError", "“{number}” is not a phone number: it has too few digits."
    ),
    "phone.too_many_digits": lambda: translate(
        "ServiceError", "“{number}” is not a phone number: it has too many digits."
    ),
    "phone.service_number": lambda: translate(
        "ServiceError", "“{number}” is not a phone number: it has too few digits for a full phone number."
    ),
    "phone.area_code_missing": lambda: translate(
        "ServiceError",
        "“{number}” is not a phone number: the area code is missing (write landlines like 010-12345678).",
    ),
    "phone.wrong_length": lambda: translate(
        "ServiceError", "“{number}” is not a phone number: it has the wrong number of digits."
    ),
    "phone.no_such_numbers": lambda: translate(
        "ServiceError",
        "“{number}” is not a phone number: no phone numbers of that form exist under country code +{country_code}.",
    ),
    # --- labels and waybills --------------------------------------------------------------------
    "label.not_text": lambda: translate("ServiceError", "{field}: must be text"),
    "label.missing": lambda: translate("ServiceError", "{field}: is missing"),
    "label.control_character": lambda: translate("ServiceError", "{field}: contains a line break or control character"),
    "label.waybill_no_invalid": lambda: translate(
        "ServiceError", "{field}: must be 6 to 24 characters of A-Z, 0-9 and '-' for Code 128"
    ),
    "label.phone_invalid": lambda: translate("ServiceError", "{field}: is not a phone number"),
    "label.postcode_invalid": lambda: translate("ServiceError", "{field}: must be six digits or empty"),
    "label.cod_not_cents": lambda: translate("ServiceError", "{field}: must be a whole number of cents"),
    "label.cod_out_of_range": lambda: translate(
        "ServiceError", "{field}: must be 0 (prepaid) up to {max}, not {given}"
    ),
    "label.date_invalid": lambda: translate("ServiceError", "{field}: must be a date"),
    "waybill.order_not_found": lambda: translate("ServiceError", "No order with id {order_ids}."),
    "waybill.no_number": lambda: translate("ServiceError", "Order {order_no} has no waybill number yet."),
    "waybill.not_printable": lambda: translate(
        "ServiceError",
        "Labels are printed only for orders pending logistics or already labelled: {orders}. Nothing was assigned or printed.",  # noqa: E501
    ),
    "waybill.order_gone": lambda: translate("ServiceError", "order {order_id} does not exist"),
    "waybill.order_in_state": lambda: translate("ServiceError", "order {order_no} (id {order_id}) is {state}"),
    # --- customers ------------------------------------------------------------------------------
    "customer.address_incomplete": lambda: translate("ServiceError", "the address needs: {parts}"),
    "customer.postcode_invalid": lambda: translate("ServiceError", "postcode '{postcode}' must be six digits"),
    "customer.name_missing": lambda: translate("ServiceError", "the customer needs a name"),
    "customer.phone_missing": lambda: translate("ServiceError", "the customer needs at least one phone number"),
    "customer.not_found": lambda: translate("ServiceError", "customer {customer_id} does not exist"),
    "customer.name_too_long": lambda: translate("ServiceError", "the name is longer than {limit} characters"),
    "customer.notes_too_long": lambda: translate("ServiceError", "the notes are longer than {limit} characters"),
    "customer.phone_label_too_long": lambda: translate(
        "ServiceError", "the phone label '{label}'… is longer than {limit} characters"
    ),
    "customer.address_part_too_long": lambda: translate(
        "ServiceError", "the {part} of the address is longer than {limit} characters"
    ),
    "customer.edit_not_allowed": lambda: translate("ServiceError", "the {role} role may not edit customers"),
    # --- calls, follow-ups, accounts ------------------------------------------------------------
    "wrap_up.call_not_recorded": lambda: translate("ServiceError", "no call '{call_id}' was recorded"),
    "wrap_up.disposition_unknown": lambda: translate("ServiceError", "'{disposition}' is not a known disposition code"),
    "wrap_up.notes_too_long": lambda: translate("ServiceError", "the notes are longer than {limit} characters"),
    "pending.not_allowed": lambda: translate("ServiceError", "the {role} role takes no calls"),
    "pending.not_yours": lambda: translate(
        "ServiceError", "only the agent and the floor's supervisors see the calls waiting for an agent"
    ),
    # --- supervision: KPI reports ---------------------------------------------------------------
    "kpi.range_backwards": lambda: translate(
        "ServiceError", "The report's last day {last} is before its first day {first}."
    ),
    "kpi.interval": lambda: translate("ServiceError", "An interval is 15, 30 or 60 minutes, not {minutes}."),
    "kpi.not_allowed": lambda: translate("ServiceError", "The {role} role has no figures to report."),
    "kpi.other_team": lambda: translate(
        "ServiceError", "Only the agents and teams you lead are shown to you, not {key}."
    ),
    # --- supervision: teams ---------------------------------------------------------------------
    "team.name_invalid": lambda: translate(
        "ServiceError", "Team name '{name}': use 1–64 characters, not beginning with '('."
    ),
    "team.exists": lambda: translate("ServiceError", "A team named '{name}' already exists."),
    "team.unknown": lambda: translate("ServiceError", "There is no team named '{name}'."),
    "team.user_unknown": lambda: translate("ServiceError", "There is no user named '{username}'."),
    "team.leader_role": lambda: translate(
        "ServiceError", "{username} has the {role} role: a team is led by a supervisor or an admin."
    ),
    "floor.not_allowed": lambda: translate(
        "ServiceError", "The live floor is for supervisors and administrators, not the {role} role."
    ),
    "followup.satisfaction_invalid": lambda: translate(
        "ServiceError", "Satisfaction must be a whole number from 1 to 5, not {given}."
    ),
    "followup.notes_too_long": lambda: translate(
        "ServiceError", "The notes are {length} characters long; at most {limit} fit."
    ),
    "followup.not_found": lambda: translate("ServiceError", "Follow-up {followup_id} does not exist."),
    "followup.already_closed": lambda: translate(
        "ServiceError", "This follow-up was already {followup_status}; it cannot be recorded again."
    ),
    "followup.assigned_to_other": lambda: translate("ServiceError", "This follow-up is assigned to another agent."),
    "auth.refused": lambda: translate("ServiceError", "unknown user name or wrong password"),
    "user.name_invalid": lambda: translate(
        "ServiceError", "username '{username}': use 2–64 letters, digits, or . _ @ -"
    ),
    "user.role_unknown": lambda: translate("ServiceError", "role '{given}' is not one of {roles}"),
    "user.password_too_short": lambda: translate("ServiceError", "the password must have at least {limit} characters"),
    "user.exists": lambda: translate("ServiceError", "a user named '{username}' already exists"),
    # --- knowledge ------------------------------------------------------------------------------
    "knowledge.title_missing": lambda: translate("ServiceError", "an article needs a title"),
    "knowledge.title_too_long": lambda: translate("ServiceError", "the title is longer than {limit} characters"),
    "knowledge.tag_too_long": lambda: translate("ServiceError", "the tag '{tag}'… is longer than {limit} characters"),
    "knowledge.category_too_long": lambda: translate(
        "ServiceError", "the category '{category}'… is longer than {limit} characters"
    ),
    "knowledge.business_line_unknown": lambda: translate(
        "ServiceError", "unknown business line {unknown}; known: {known}"
    ),
    "knowledge.new_status_invalid": lambda: translate("ServiceError", "a new article cannot be '{status}'"),
    "knowledge.call_not_found": lambda: translate("ServiceError", "call {call_id} does not exist"),
    "knowledge.action_unknown": lambda: translate("ServiceError", "unknown action '{given}'"),
    "knowledge.editors_only": lambda: translate(
        "ServiceError", "only a supervisor or an admin may {kb_action} knowledge articles"
    ),
    "knowledge.edit_not_allowed": lambda: translate(
        "ServiceError", "you may edit only your own drafts and proposals; a supervisor edits published articles"
    ),
    "knowledge.not_published": lambda: translate("ServiceError", "this article is not published"),
    "knowledge.article_not_found": lambda: translate(
        "ServiceError", "knowledge article {article_id} does not exist (deleted at another desk?)"
    ),
    "knowledge.article_changed": lambda: translate(
        "ServiceError", "“{title}” was changed by someone else (now version {version}); reopen it to see their changes"
    ),
    "knowledge.index_unwritable": lambda: translate(
        "ServiceError", "cannot write the knowledge index {path}: {detail}"
    ),
    "knowledge.index_foreign_folder": lambda: translate(
        "ServiceError", "{path} is not empty and holds no knowledge index"
    ),
    "knowledge.index_closed": lambda: translate("ServiceError", "the knowledge index is closed"),
    "knowledge.index_locked": lambda: translate(
        "ServiceError", "the knowledge index {path} is in use by another AgentDesk window"
    ),
    # --- knowledge: a folder of Markdown files --------------------------------------------------
    "knowledge_folder.not_markdown": lambda: translate("ServiceError", "not a Markdown file (.md)"),
    "knowledge_folder.too_large": lambda: translate("ServiceError", "larger than {limit_mb} MB"),
    "knowledge_folder.unreadable": lambda: translate("ServiceError", "cannot be read: {detail}"),
    "knowledge_folder.not_utf8": lambda: translate("ServiceError", "not UTF-8 text (byte {byte}); save it as UTF-8"),
    "knowledge_folder.same_title": lambda: translate("ServiceError", "same title as {other}"),
    "knowledge_folder.business_line_unknown": lambda: translate(
        "ServiceError", "unknown business line {unknown} (known: {known})"
    ),
    "knowledge_folder.pictures_not_copied": lambda: translate(
        "ServiceError", "its pictures cannot be copied: {detail}"
    ),
    "knowledge_folder.picture_missing": lambda: translate(
        "ServiceError", "picture {picture} not found beside the article"
    ),
    "knowledge_folder.picture_not_on_desk": lambda: translate("ServiceError", "picture {picture} is not on this desk"),
    "front_matter.missing": lambda: translate("ServiceError", "no front matter: the file must start with a line '---'"),
    "front_matter.not_closed": lambda: translate("ServiceError", "front matter is not closed: no second line '---'"),
    "front_matter.bad_yaml": lambda: translate("ServiceError", "front matter is not valid YAML: {problem}"),
    "front_matter.bad_yaml_on_line": lambda: translate(
        "ServiceError", "front matter is not valid YAML on line {line}: {problem}"
    ),
    "front_matter.empty": lambda: translate("ServiceError", "front matter is empty: 'title' is required"),
    "front_matter.not_pairs": lambda: translate(
        "ServiceError", "front matter must be 'key: value' pairs, not a {kind}"
    ),
    "front_matter.key_not_text": lambda: translate("ServiceError", "front matter key {key} is not text"),
    "front_matter.title_too_long": lambda: translate("ServiceError", "'title' is longer than {limit} characters"),
    "front_matter.tag_too_long": lambda: translate("ServiceError", "tag {tag}… is longer than {limit} characters"),
    "front_matter.business_line_invalid": lambda: translate(
        "ServiceError",
        "business line {line_code} must be a code such as 'health' (lower-case letters, digits, '-', '_', '.')",
    ),
    "front_matter.key_missing": lambda: translate("ServiceError", "'{key}' is missing from the front matter"),
    "front_matter.key_empty": lambda: translate("ServiceError", "'{key}' is empty"),
    "front_matter.key_not_one_line": lambda: translate("ServiceError", "'{key}' must be a single line"),
    "front_matter.value_needs_quotes": lambda: translate("ServiceError", "'{key}' must be text (put it in quotes)"),
    "front_matter.value_not_text": lambda: translate("ServiceError", "'{key}' must be text, not a {kind}"),
    "front_matter.not_a_list": lambda: translate("ServiceError", "'{key}' must be a list such as [a, b]"),
    "front_matter.item_needs_quotes": lambda: translate(
        "ServiceError", "item {item} of '{key}' must be text (put it in quotes)"
    ),
    "front_matter.item_not_text": lambda: translate(
        "ServiceError", "item {item} of '{key}' must be text, not a {kind}"
    ),
    "front_matter.item_not_one_line": lambda: translate("ServiceError", "item {item} of '{key}' must be a single line"),
}
ERROR_TEXTS: Mapping[str, Callable[[], str]] = {**_TEXTS, **STAFFING_TEXTS}

# An order action inside a sentence ("Cannot … this order"): the core's English verbs.
_ACTIONS_IN_SENTENCE: Mapping[str, Callable[[], str]] = {
    "submit": lambda: translate("ServiceError", "submit", "Cannot … this order"),
    "approve": lambda: translate("ServiceError", "approve", "Cannot … this order"),
    "reject_review": lambda: translate("ServiceError", "return to the agent", "Cannot … this order"),
    "reject_logistics": lambda: translate("ServiceError", "return from logistics", "Cannot … this order"),
    "print_label": lambda: translate("ServiceError", "print the label for", "Cannot … this order"),
    "handover": lambda: translate("ServiceError", "hand over", "Cannot … this order"),
    "deliver": lambda: translate("ServiceError", "mark as delivered", "Cannot … this order"),
    "refuse": lambda: translate("ServiceError", "mark as refused", "Cannot … this order"),
    "cancel": lambda: translate("ServiceError", "cancel", "Cannot … this order"),
}

# Form and label fields: orders (recipient_name…), customers' addresses (detail…), waybills.
_FIELDS: Mapping[str, Callable[[], str]] = {
    "recipient_name": lambda: translate("ServiceError", "recipient name"),
    "recipient_phone": lambda: translate("ServiceError", "recipient phone"),
    "recipient_address": lambda: translate("ServiceError", "recipient address"),
    "province": lambda: translate("ServiceError", "province"),
    "city": lambda: translate("ServiceError", "city"),
    "district": lambda: translate("ServiceError", "district"),
    "address_detail": lambda: translate("ServiceError", "street address"),
    "detail": lambda: translate("ServiceError", "street address"),
    "postcode": lambda: translate("ServiceError", "postcode"),
    "notes": lambda: translate("ServiceError", "notes"),
    "reason": lambda: translate("ServiceError", "reason"),
    "recipient_address.province": lambda: translate("ServiceError", "province"),
    "recipient_address.city": lambda: translate("ServiceError", "city"),
    "recipient_address.district": lambda: translate("ServiceError", "district"),
    "recipient_address.detail": lambda: translate("ServiceError", "street address"),
    "recipient_address.postcode": lambda: translate("ServiceError", "postcode"),
    "waybill_no": lambda: translate("ServiceError", "waybill number"),
    "order_no": lambda: translate("ServiceError", "order number"),
    "cod_amount_cents": lambda: translate("ServiceError", "amount to collect"),
    "item_summary": lambda: translate("ServiceError", "items"),
    "sender_name": lambda: translate("ServiceError", "sender name"),
    "sender_phone": lambda: translate("ServiceError", "sender phone"),
    "sender_address": lambda: translate("ServiceError", "sender address"),
    "created": lambda: translate("ServiceError", "date"),
}

_KB_ACTIONS: Mapping[str, Callable[[], str]] = {
    "publish": lambda: translate("ServiceError", "publish", "only a supervisor may … knowledge articles"),
    "archive": lambda: translate("ServiceError", "archive", "only a supervisor may … knowledge articles"),
    "delete": lambda: translate("ServiceError", "delete", "only a supervisor may … knowledge articles"),
    "import": lambda: translate("ServiceError", "import", "only a supervisor may … knowledge articles"),
}

_FOLLOWUP_STATUSES: Mapping[str, Callable[[], str]] = {
    "open": lambda: translate("ServiceError", "open", "follow-up status"),
    "done": lambda: translate("ServiceError", "done", "follow-up status"),
    "cancelled": lambda: translate("ServiceError", "cancelled", "follow-up status"),
}


def _from(table: Mapping[str, Callable[[], str]]) -> Callable[[str], str]:
    def word(code: str) -> str:
        text = table.get(code)
        return text() if text is not None else code

    return word


# Parameters holding codes of the program, by name; every other parameter is data.
_WORDS: Mapping[str, Callable[[str], str]] = {
    "state": labels.order_state,
    "states": labels.order_state,
    "action": _from(_ACTIONS_IN_SENTENCE),
    "action_done": labels.order_action_done,
    "role": labels.role,
    "roles": labels.role,
    "field": _from(_FIELDS),
    "part": _from(_FIELDS),
    "parts": _from(_FIELDS),
    "kb_action": _from(_KB_ACTIONS),
    "followup_status": _from(_FOLLOWUP_STATUSES),
}


def _separator(name: str) -> str:
    if name == "states":
        return translate("ServiceError", " or ", "between order states")
    if name == "orders":
        return translate("ServiceError", "; ", "between problems")
    return translate("ServiceError", ", ", "between the items of a list")


def _word(name: str, value: object) -> str:
    if _is_coded(value):
        return error_text(value)
    if isinstance(value, Sequence) and not isinstance(value, str):
        words = [_word(name, item) for item in value]
        if name == "details" and words:
            # Sentences in a row: a space in English, nothing after "。" in Chinese. A pattern,
            # since a translation cannot be empty.
            return functools.reduce(translate("ServiceError", "{0} {1}", "two sentences in a row").format, words)
        return _separator(name).join(words)
    word = _WORDS.get(name)
    return word(str(value)) if word is not None else str(value)


def _is_coded(value: object) -> TypeGuard[Coded]:
    return isinstance(getattr(value, "code", None), str) and isinstance(getattr(value, "params", None), dict)


class _KeepMissing(dict[str, str]):
    # A translation naming a parameter the error lacks shows the placeholder, not a crash.
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def error_text(error: BaseException | Coded) -> str:
    """What to show for ``error`` in the desk's language.

    A coded error (or problem) reads as its translated text with its parameters filled in;
    anything else as a generic translated sentence with the error's own (English) text.
    """
    text = ERROR_TEXTS.get(error.code) if _is_coded(error) else None
    if text is None or not _is_coded(error):
        return translate("ServiceError", "Something went wrong: {0}").format(str(error) or type(error).__name__)
    words = _KeepMissing({name: _word(name, value) for name, value in error.params.items()})
    try:
        return text().format_map(words)
    except (ValueError, IndexError):
        # A damaged translation ("{0}", an unclosed brace): English beats nothing.
        return str(error)


def error_detail(error: BaseException | Coded) -> str:
    """:func:`error_text` for a sentence that already says what failed ("Not saved: {0}").

    A coded error reads as its translated text; anything else as its own text, without the
    generic "Something went wrong" around it.
    """
    if _is_coded(error) and error.code in ERROR_TEXTS:
        return error_text(error)
    return str(error)

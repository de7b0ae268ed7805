"""Writing, reviewing and reading knowledge articles; the search index follows every change (both databases)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from agent_desk.services.knowledge.articles import (
    ArticleConflict,
    ArticleInput,
    ArticleNotFound,
    KnowledgeError,
    KnowledgeNotAllowed,
    archive_article,
    create_article,
    delete_article,
    propose_article,
    publish_article,
    update_article,
)
from agent_desk.services.knowledge.reading import category_tree, get_article, list_articles
from agent_desk.services.knowledge.search import KnowledgeSearch
from agent_desk.store.database import Database
from agent_desk.store.db import transaction
from tests.services.knowledge_support import found, user

RETURN = ArticleInput(
    "七天无理由退货",
    "签收后 **7 天内**可申请退货，商品需完好。",
    category="退换货/退货",
    tags=["退货", "售后"],
    business_lines=["health", "kitchen"],
)


@pytest.fixture
def search() -> Iterator[KnowledgeSearch]:
    search = KnowledgeSearch.open(None)
    yield search
    search.close()


def _create(db: Database, data: ArticleInput = RETURN, *, as_: str = "supervisor1", status: str = "published") -> int:
    with transaction(db.factory) as s:
        return create_article(s, user(db.factory, as_), data, status=status)


def test_created_article_is_found_and_edits_replace_old_words(ref_db: Database, search: KnowledgeSearch) -> None:
    article_id = _create(ref_db)
    search.sync(ref_db.factory)
    hits = search.search("退货")
    assert [h.id for h in hits] == [article_id]
    assert "<b>退货</b>" in hits[0].snippet or "<b>退</b>" in hits[0].snippet

    edited = ArticleInput("签收拒收处理", "客户拒收包裹时，记录拒收原因。", "物流", ["拒收"], ["health"])
    with transaction(ref_db.factory) as s:
        assert update_article(s, user(ref_db.factory, "supervisor1"), article_id, edited, expected_version=1) == 2
    search.sync(ref_db.factory)
    assert found(search, "退货") == []
    assert found(search, "拒收") == ["签收拒收处理"]
    assert found(search, "拒收", category="退换货") == []
    assert found(search, "拒收", category="物流") == ["签收拒收处理"]


def test_versions_keep_every_save_with_author_and_time(ref_db: Database) -> None:
    article_id = _create(ref_db, status="draft", as_="agent1")
    agent, boss = user(ref_db.factory, "agent1"), user(ref_db.factory, "supervisor1")
    with transaction(ref_db.factory) as s:
        update_article(s, agent, article_id, ArticleInput("七天无理由退货（修订）", "新正文"))
    with transaction(ref_db.factory) as s:
        update_article(s, boss, article_id, ArticleInput("七天无理由退货（定稿）", "定稿正文", "退换货"))
    with ref_db.factory() as s:
        view = get_article(s, article_id)
    assert view.version == 3
    assert [(v.version, v.title, v.author) for v in view.versions] == [
        (3, "七天无理由退货（定稿）", boss.display_name),
        (2, "七天无理由退货（修订）", agent.display_name),
        (1, "七天无理由退货", agent.display_name),
    ]
    assert view.versions[0].created_at >= view.versions[2].created_at
    assert view.category == "退换货"
    assert view.tags == [] and view.business_lines == []


def test_delete_and_archive_leave_the_index(ref_db: Database, search: KnowledgeSearch) -> None:
    kept = _create(ref_db)
    gone = _create(ref_db, ArticleInput("退货地址", "寄回仓库：上海市青浦区"))
    archived = _create(ref_db, ArticleInput("旧的退货规定", "已经作废的退货规定"))
    search.sync(ref_db.factory)
    assert len(search.search("退货")) == 3
    boss = user(ref_db.factory, "supervisor1")
    with transaction(ref_db.factory) as s:
        delete_article(s, boss, gone)
        archive_article(s, boss, archived)
    report = search.sync(ref_db.factory)
    assert report.deleted == 2
    assert [h.id for h in search.search("退货", include_drafts=True)] == [kept]
    with pytest.raises(ArticleNotFound), ref_db.factory() as s:
        get_article(s, gone)


def test_edit_at_another_desk_reaches_this_desk_after_sync(ref_db: Database, search: KnowledgeSearch) -> None:
    from agent_desk.store.database import session_factory
    from agent_desk.store.db import make_engine

    article_id = _create(ref_db)
    search.sync(ref_db.factory)
    other_engine = make_engine(ref_db.url)  # another desk: its own engine, connections and sessions
    try:
        other = session_factory(other_engine)
        with transaction(other) as s:
            update_article(
                s, user(other, "supervisor1"), article_id, ArticleInput("Refund timeline", "Refunds arrive in 3 days")
            )
        second = _create(ref_db, ArticleInput("Warranty claims", "Bring the invoice"))
    finally:
        other_engine.dispose()
    assert found(search, "refund") == []  # not yet: this desk has not heard of it
    search.sync(ref_db.factory, ids={article_id})  # what a change notification carries
    assert found(search, "refund") == ["Refund timeline"]
    assert found(search, "退货") == []
    assert found(search, "warranty") == []
    search.sync(ref_db.factory)
    assert [h.id for h in search.search("warranty")] == [second]


def test_roles_are_enforced_by_the_service(ref_db: Database) -> None:
    agent, other_agent = user(ref_db.factory, "agent1"), user(ref_db.factory, "agent2")
    auditor = user(ref_db.factory, "auditor1")
    published = _create(ref_db)
    with transaction(ref_db.factory) as s:
        mine = propose_article(s, agent, ArticleInput("赠品缺失怎么办", "先核对订单赠品清单"))
    for action in (publish_article, archive_article, delete_article):
        with pytest.raises(KnowledgeNotAllowed, match="supervisor or an admin"), transaction(ref_db.factory) as s:
            action(s, agent, mine)
    with pytest.raises(KnowledgeNotAllowed), transaction(ref_db.factory) as s:
        update_article(s, agent, published, ArticleInput("改标题", "改正文"))
    with pytest.raises(KnowledgeNotAllowed), transaction(ref_db.factory) as s:
        update_article(s, other_agent, mine, ArticleInput("别人的提案", ""))
    with pytest.raises(KnowledgeNotAllowed), transaction(ref_db.factory) as s:
        create_article(s, auditor, ArticleInput("直接发布", ""), status="published")
    with pytest.raises(KnowledgeNotAllowed), ref_db.factory() as s:
        get_article(s, mine, other_agent)  # someone else's proposal is not for other agents
    with transaction(ref_db.factory) as s:
        update_article(s, agent, mine, ArticleInput("赠品缺失怎么办", "核对赠品清单后补发"))  # own proposal: fine
        publish_article(s, user(ref_db.factory, "admin"), mine)
    with ref_db.factory() as s:
        assert get_article(s, mine, other_agent).status == "published"
        assert get_article(s, mine).author == agent.display_name


def test_agent_proposes_from_a_call_and_supervisor_publishes(ref_db: Database, search: KnowledgeSearch) -> None:
    agent, boss = user(ref_db.factory, "agent1"), user(ref_db.factory, "supervisor1")
    with transaction(ref_db.factory) as s:
        draft = create_article(s, agent, ArticleInput("包裹破损理赔", "拍照后联系快递"))
    with transaction(ref_db.factory) as s:
        propose_article(s, agent, ArticleInput("包裹破损理赔", "拍照后 24 小时内联系快递"), article_id=draft)
    with ref_db.factory() as s:
        assert [a.id for a in list_articles(s, "proposed")] == [draft]
    search.sync(ref_db.factory)
    assert found(search, "破损") == []  # agents do not see proposals
    assert found(search, "破损", include_drafts=True) == ["包裹破损理赔"]
    with transaction(ref_db.factory) as s:
        publish_article(s, boss, draft)
    search.sync(ref_db.factory)
    assert found(search, "破损") == ["包裹破损理赔"]
    with ref_db.factory() as s:
        assert list_articles(s, "proposed") == []


def test_unknown_business_line_and_blank_title_are_refused(ref_db: Database) -> None:
    boss = user(ref_db.factory, "supervisor1")
    with pytest.raises(KnowledgeError, match=r"unknown business line 'toys'.*health"), transaction(ref_db.factory) as s:
        create_article(s, boss, ArticleInput("玩具", "", business_lines=["toys"]))
    with pytest.raises(KnowledgeError, match="needs a title"), transaction(ref_db.factory) as s:
        create_article(s, boss, ArticleInput("  ", "正文"))
    with ref_db.factory() as s:
        assert list_articles(s, "draft") == []


def test_stale_save_is_refused(ref_db: Database) -> None:
    boss, admin = user(ref_db.factory, "supervisor1"), user(ref_db.factory, "admin")
    article_id = _create(ref_db)
    with transaction(ref_db.factory) as s:
        update_article(s, admin, article_id, ArticleInput("七天无理由退货", "管理员的修改"), expected_version=1)
    with pytest.raises(ArticleConflict, match="changed by someone else"), transaction(ref_db.factory) as s:
        update_article(s, boss, article_id, ArticleInput("七天无理由退货", "班组长的修改"), expected_version=1)
    with ref_db.factory() as s:
        assert get_article(s, article_id).body == "管理员的修改"


def test_category_tree_is_built_from_paths(ref_db: Database) -> None:
    _create(ref_db)
    _create(ref_db, ArticleInput("换货流程", "", category="退换货/换货"))
    _create(ref_db, ArticleInput("退款", "", category=" 退换货 / 退款 "))
    with ref_db.factory() as s:
        tree = category_tree(s)
    assert [(n.name, [c.path for c in n.children]) for n in tree] == [
        ("退换货", ["退换货/换货", "退换货/退款", "退换货/退货"])
    ]


def test_business_line_filter(ref_db: Database, search: KnowledgeSearch) -> None:
    _create(ref_db)
    _create(ref_db, ArticleInput("美容仪退货", "美容仪拆封后不退货", business_lines=["beauty"]))
    search.sync(ref_db.factory)
    assert found(search, "退货", business_line="beauty") == ["美容仪退货"]
    assert found(search, "退货", business_line="kitchen") == ["七天无理由退货"]
    assert len(found(search, "退货")) == 2

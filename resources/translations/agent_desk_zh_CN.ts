<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>ArticleEditor</name>
    <message>
        <location filename="../../agent_desk/ui/knowledge/editor.py" line="+46"/>
        <source>e.g. 退换货/退货 (levels separated by /)</source>
        <translation>例如 退换货/退货（各级用 / 分隔）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>comma separated, e.g. 退货, 退款</source>
        <translation>用逗号分隔，例如 退货, 退款</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Markdown: ## heading, **bold**, - list, ![picture](img/file.png)</source>
        <translation>Markdown：## 标题，**粗体**，- 列表，![图片](img/file.png)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&amp;Title</source>
        <translation>标题(&amp;T)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Category</source>
        <translation>分类(&amp;C)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>T&amp;ags</source>
        <translation>标签(&amp;A)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Business lines</source>
        <translation>业务线(&amp;B)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Save draft</source>
        <translation>保存草稿(&amp;S)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Propose</source>
        <translation>提交审阅(&amp;P)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send the article to a supervisor for review</source>
        <translation>将文章提交给班组长审阅</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Save and p&amp;ublish</source>
        <translation>保存并发布(&amp;U)</translation>
    </message>
</context>
<context>
    <name>CustomerDetail</name>
    <message>
        <location filename="../../agent_desk/ui/customers/workspace.py" line="+143"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Edit name, notes, phones and addresses</source>
        <translation>编辑姓名、备注、电话和地址</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>New &amp;order</source>
        <translation>新建订单(&amp;O)</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>VIP</source>
        <translation>VIP</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>⚠ BLACKLISTED: {0}</source>
        <translation>⚠ 黑名单：{0}</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>no reason given</source>
        <translation>未填写原因</translation>
    </message>
</context>
<context>
    <name>CustomerEditor</name>
    <message>
        <location line="+42"/>
        <source>Number</source>
        <translation>号码</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Label</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Province</source>
        <translation>省</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>City</source>
        <translation>市</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>District</source>
        <translation>区/县</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Street address</source>
        <translation>详细地址</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Postcode</source>
        <translation>邮编</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Add phone</source>
        <translation>添加电话</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Remove phone</source>
        <translation>删除电话</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add address</source>
        <translation>添加地址</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Remove address</source>
        <translation>删除地址</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Name:</source>
        <translation>姓名(&amp;N)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>N&amp;otes:</source>
        <translation>备注(&amp;O)：</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&lt;b&gt;Phones&lt;/b&gt; — any spelling; the first is the main number</source>
        <translation>&lt;b&gt;电话&lt;/b&gt; — 任意格式均可；第一个为主号码</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&lt;b&gt;Addresses&lt;/b&gt; — the first is the default for orders</source>
        <translation>&lt;b&gt;地址&lt;/b&gt; — 第一个为下单默认地址</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>&lt;h2&gt;Edit {0}&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;编辑 {0}&lt;/h2&gt;</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&lt;h2&gt;New customer&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;新建客户&lt;/h2&gt;</translation>
    </message>
</context>
<context>
    <name>CustomerTabs</name>
    <message>
        <location filename="../../agent_desk/ui/customer_card.py" line="+44"/>
        <location line="+1"/>
        <location line="+2"/>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+1"/>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <location line="-1"/>
        <location line="+1"/>
        <location line="+1"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Items</source>
        <translation>商品</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Returned because</source>
        <translation>退回原因</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Agent</source>
        <translation>坐席</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+1"/>
        <location line="+72"/>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <location line="-72"/>
        <source>Due</source>
        <translation>到期</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+19"/>
        <source>&amp;Customer</source>
        <translation>客户(&amp;C)</translation>
    </message>
    <message>
        <location line="-18"/>
        <source>&amp;Orders</source>
        <translation>订单(&amp;O)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Returned</source>
        <translation>退回(&amp;R)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>C&amp;alls</source>
        <translation>通话(&amp;A)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Follow-ups</source>
        <translation>回访(&amp;F)</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>&amp;Orders ({0})</source>
        <translation>订单(&amp;O) ({0})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Returned ({0})</source>
        <translation>退回(&amp;R) ({0})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>C&amp;alls ({0})</source>
        <translation>通话(&amp;A) ({0})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Follow-ups ({0})</source>
        <translation>回访(&amp;F) ({0})</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Phones</source>
        <translation>电话</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Addresses</source>
        <translation>地址</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>default</source>
        <translation>默认</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No phones, addresses or notes on file.</source>
        <translation>暂无电话、地址或备注。</translation>
    </message>
</context>
<context>
    <name>CustomersWorkspace</name>
    <message>
        <location filename="../../agent_desk/ui/customers/workspace.py" line="+76"/>
        <source>Name, phone or order number (Ctrl+F)</source>
        <translation>姓名、电话或订单号 (Ctrl+F)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Flags</source>
        <translation>标记</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Phones</source>
        <translation>电话</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;New customer (Ctrl+N)</source>
        <translation>新建客户(&amp;N) (Ctrl+N)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Search for a customer and pick one from the list.</source>
        <translation>请搜索客户，并从列表中选择。</translation>
    </message>
    <message>
        <location line="+77"/>
        <source>★VIP</source>
        <translation>★VIP</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Blacklisted</source>
        <translation>黑名单</translation>
    </message>
    <message numerus="yes">
        <location line="+10"/>
        <source>Customers found: %n</source>
        <translation>
            <numerusform>找到 %n 位客户</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No customer found. Ctrl+N creates one.</source>
        <translation>未找到客户。按 Ctrl+N 新建。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Search failed: {0}</source>
        <translation>搜索失败：{0}</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Could not open the customer: {0}</source>
        <translation>无法打开客户资料：{0}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>This customer no longer exists.</source>
        <translation>该客户已不存在。</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>Not saved: {0}</source>
        <translation>未保存：{0}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not saved, the database reported: {0}</source>
        <translation>未保存，数据库返回：{0}</translation>
    </message>
</context>
<context>
    <name>DeskWorkspace</name>
    <message>
        <location filename="../../agent_desk/ui/desk/workspace.py" line="+43"/>
        <source>Ring me (test call, F9)</source>
        <translation>测试来电 (F9)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ask the call simulator for a call to this desk</source>
        <translation>请呼叫模拟器向本坐席发起一通来电</translation>
    </message>
    <message>
        <location line="+81"/>
        <source>Ringing: {0}</source>
        <translation>振铃中：{0}</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+24"/>
        <source>withheld</source>
        <translation>隐藏号码</translation>
    </message>
    <message>
        <location line="-32"/>
        <source>Answered by a colleague</source>
        <translation>已由其他坐席接听</translation>
    </message>
    <message>
        <location line="-65"/>
        <source>&lt;b&gt;Missed calls and unfinished wrap-ups&lt;/b&gt; (Enter to reopen)</source>
        <translation>&lt;b&gt;未接来电与未完成的话后处理&lt;/b&gt;（按 Enter 重新打开）</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>Wrap-up saved</source>
        <translation>话后处理已保存</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Call ended ({0}): wrap up</source>
        <translation>通话结束（{0}）：请做话后处理</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Talking</source>
        <translation>通话中</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>wrap up: </source>
        <translation>待话后处理：</translation>
    </message>
</context>
<context>
    <name>KnowledgeWorkspace</name>
    <message>
        <location filename="../../agent_desk/ui/knowledge/workspace.py" line="+127"/>
        <source>Search articles (Ctrl+F) — 退货, refund…</source>
        <translation>搜索文章 (Ctrl+F) — 退货、退款…</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+201"/>
        <source>All categories</source>
        <translation>全部分类</translation>
    </message>
    <message>
        <location line="-197"/>
        <source>All business lines</source>
        <translation>全部业务线</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+87"/>
        <source>Type to search the knowledge base.</source>
        <translation>输入关键词搜索知识库。</translation>
    </message>
    <message>
        <location line="-83"/>
        <source>&amp;New article</source>
        <translation>新建文章(&amp;N)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;New proposal</source>
        <translation>新建建议(&amp;N)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Proposed — waiting for review</source>
        <translation>已提交 — 等待审阅</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Earlier versions of this article</source>
        <translation>本文的历史版本</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Pick an article on the left.</source>
        <translation>请在左侧选择一篇文章。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Publish</source>
        <translation>发布(&amp;P)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Archive</source>
        <translation>归档(&amp;A)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Withdraw the article, or turn a proposal down</source>
        <translation>撤下文章，或驳回建议</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>P&amp;ropose</source>
        <translation>提交审阅(&amp;R)</translation>
    </message>
    <message numerus="yes">
        <location line="+75"/>
        <source>%n article(s)</source>
        <translation>
            <numerusform>%n 篇文章</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No articles found for “{0}”.</source>
        <translation>未找到与“{0}”相关的文章。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Search failed: {0}</source>
        <translation>搜索失败：{0}</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>The knowledge index could not be updated: {0}</source>
        <translation>知识库索引无法更新：{0}</translation>
    </message>
    <message numerus="yes">
        <location line="+44"/>
        <source>Proposed — waiting for review (%n)</source>
        <translation>
            <numerusform>已提交 — 等待审阅 (%n)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+20"/>
        <source>draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>proposed</source>
        <translation>待审阅</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>published</source>
        <translation>已发布</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>archived</source>
        <translation>已归档</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>no category</source>
        <translation>未分类</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>all business lines</source>
        <translation>全部业务线</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Version {0} — {1}, {2}</source>
        <translation>第 {0} 版 — {1}，{2}</translation>
    </message>
</context>
<context>
    <name>LabelOutput</name>
    <message>
        <location filename="../../agent_desk/ui/logistics/label_actions.py" line="+107"/>
        <source>Save labels as PDF</source>
        <translation>将面单保存为 PDF</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Export labels as ZPL</source>
        <translation>将面单导出为 ZPL</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>ZPL files (*.zpl)</source>
        <translation>ZPL 文件 (*.zpl)</translation>
    </message>
    <message numerus="yes">
        <location line="+10"/>
        <source>Print %n label(s)</source>
        <translation>
            <numerusform>打印 %n 张面单</numerusform>
        </translation>
    </message>
    <message>
        <location line="+44"/>
        <source>None of these orders can get a label now.</source>
        <translation>这些订单目前都不能打印面单。</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>Making %n label(s)…</source>
        <translation>
            <numerusform>正在生成 %n 张面单…</numerusform>
        </translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Labels</source>
        <translation>面单</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>The labels came out but could not be recorded: {0}</source>
        <translation>面单已打印，但未能记录：{0}</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../../agent_desk/ui/labels.py" line="+26"/>
        <source>draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>pending review</source>
        <translation>待审核</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>returned</source>
        <translation>已退回</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>pending logistics</source>
        <translation>待物流审核</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>label printed</source>
        <translation>已打印面单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>shipped</source>
        <translation>已发货</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>delivered</source>
        <translation>已签收</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>refused</source>
        <translation>已拒收</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>submit</source>
        <translation>提交</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>approve</source>
        <translation>审核通过</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>return to the agent</source>
        <translation>退回坐席</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>return from logistics</source>
        <translation>物流退回</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>print the label</source>
        <translation>打印面单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>hand over</source>
        <translation>交接快递</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>mark as delivered</source>
        <translation>标记为已签收</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>mark as refused</source>
        <translation>标记为拒收</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>submitted</source>
        <translation>提交</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>approved</source>
        <translation>审核通过</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>returned to the agent</source>
        <translation>退回坐席</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>returned from logistics</source>
        <translation>物流退回</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>labelled</source>
        <translation>打印面单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>handed over</source>
        <translation>交接快递</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>marked delivered</source>
        <translation>标记签收</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>marked refused</source>
        <translation>标记拒收</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cancelled</source>
        <comment>action done</comment>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>edited</source>
        <translation>修改</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>cash on delivery</source>
        <translation>货到付款</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>prepaid</source>
        <translation>预付</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>agent</source>
        <translation>坐席</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>auditor</source>
        <translation>审核员</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>logistics</source>
        <translation>物流</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>supervisor</source>
        <translation>班组长</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>admin</source>
        <translation>管理员</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>completed</source>
        <translation>正常结束</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>abandoned</source>
        <translation>客户放弃</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no_answer</source>
        <translation>无人接听</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>busy</source>
        <translation>忙线</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>failed</source>
        <translation>呼叫失败</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>transferred</source>
        <translation>已转接</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>available</source>
        <translation>空闲</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ringing</source>
        <translation>振铃中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>busy</source>
        <comment>agent state</comment>
        <translation>通话中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>paused</source>
        <translation>示忙</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>unknown</source>
        <comment>agent state</comment>
        <translation>未知</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Hub: connected</source>
        <translation>话务平台：已连接</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hub: connecting…</source>
        <translation>话务平台：正在连接…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hub: reconnecting…</source>
        <translation>话务平台：正在重连…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hub: refused</source>
        <translation>话务平台：拒绝连接</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hub: off</source>
        <translation>话务平台：未连接</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>mobile</source>
        <translation>手机</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>home</source>
        <translation>住宅</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>work</source>
        <translation>单位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>family</source>
        <translation>家人</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Hub: {0}</source>
        <translation>话务平台：{0}</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>{0} ({1}) {2}</source>
        <translation>{0}（{1}）{2}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>new</source>
        <comment>order state</comment>
        <translation>新建</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>: {0} → {1}</source>
        <translation>：{0} → {1}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>. Reason: {0}</source>
        <translation>。原因：{0}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>. Changed: {0}</source>
        <translation>。修改：{0}</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../agent_desk/ui/login.py" line="+49"/>
        <source>AgentDesk — log in</source>
        <translation>AgentDesk — 登录</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Remember me on this computer</source>
        <translation>在此电脑上记住我</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No OS keyring on this computer: passwords are never kept in files.</source>
        <translation>此电脑没有系统密钥环：密码绝不会保存在文件中。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;User name:</source>
        <translation>用户名(&amp;U)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Log in</source>
        <translation>登录</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&lt;h2&gt;AgentDesk&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;AgentDesk&lt;/h2&gt;</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Database: {0}</source>
        <translation>数据库：{0}</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Enter your user name and password.</source>
        <translation>请输入用户名和密码。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Unknown user name or wrong password.</source>
        <translation>用户名不存在或密码错误。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cannot log in: {0}</source>
        <translation>无法登录：{0}</translation>
    </message>
</context>
<context>
    <name>LogisticsWorkspace</name>
    <message>
        <location filename="../../agent_desk/ui/logistics/workspace.py" line="+51"/>
        <source>To check</source>
        <translation>待核对</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Label printed</source>
        <translation>已打印面单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shipped</source>
        <translation>已发货</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>No labels made; nothing was recorded.</source>
        <translation>未生成面单，未作任何记录。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>On the order</source>
        <translation>订单上</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Customer record</source>
        <translation>客户档案</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+138"/>
        <source>Accept &amp;&amp; &amp;print label…</source>
        <translation>通过并打印面单(&amp;P)…</translation>
    </message>
    <message>
        <location line="-136"/>
        <location line="+137"/>
        <source>Accept &amp;&amp; label to P&amp;DF…</source>
        <translation>通过并导出面单 PDF(&amp;D)…</translation>
    </message>
    <message>
        <location line="-135"/>
        <source>Re&amp;turn to agent…</source>
        <translation>退回坐席(&amp;T)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Hand over</source>
        <translation>交接快递(&amp;H)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>D&amp;elivered</source>
        <translation>已签收(&amp;E)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Re&amp;fused…</source>
        <translation>拒收(&amp;F)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Print selected…</source>
        <translation>打印所选…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Selected to one PDF…</source>
        <translation>所选合并为一个 PDF…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export ZPL…</source>
        <translation>导出 ZPL…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Labels as ZPL II for 203 dpi thermal printers</source>
        <translation>导出 ZPL II 面单，适用于 203 dpi 热敏打印机</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Hand over selected</source>
        <translation>交接所选</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Selected orders:</source>
        <translation>所选订单：</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Address incomplete or wrong</source>
        <translation>地址不完整或有误</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recipient name or phone wrong</source>
        <translation>收件人姓名或电话有误</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Customer unreachable</source>
        <translation>联系不上客户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Courier does not deliver there</source>
        <translation>快递不到该地区</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+16"/>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>Parcel {0} refused by the customer</source>
        <translation>包裹 {0} 被客户拒收</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mark refused (Ctrl+Enter)</source>
        <translation>标记拒收 (Ctrl+Enter)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Customer no longer wants it</source>
        <translation>客户不想要了</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Parcel damaged</source>
        <translation>包裹破损</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Customer not reachable at delivery</source>
        <translation>派送时联系不上客户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Disputes the price</source>
        <translation>对价格有异议</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>✓ matches</source>
        <translation>✓ 一致</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>✗ differs</source>
        <translation>✗ 不一致</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Re&amp;print label…</source>
        <translation>重打面单(&amp;P)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Label to P&amp;DF…</source>
        <translation>面单导出 PDF(&amp;D)…</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>{0} handed over to the courier.</source>
        <translation>{0} 已交接快递。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0} delivered; a follow-up call is scheduled.</source>
        <translation>{0} 已签收；已安排回访。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0} marked refused.</source>
        <translation>{0} 已标记为拒收。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0} returned to the agent.</source>
        <translation>{0} 已退回坐席。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Nothing was changed: {0}</source>
        <translation>未作任何更改：{0}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Handed over {0} of {1} orders.</source>
        <translation>已交接 {0}/{1} 个订单。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Labels made and recorded for {0} of {1} orders.</source>
        <translation>已为 {0}/{1} 个订单生成并记录面单。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Logistics</source>
        <translation>物流</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../agent_desk/ui/main_window.py" line="+39"/>
        <source>AgentDesk — {0}</source>
        <translation>AgentDesk — {0}</translation>
    </message>
    <message>
        <location line="+31"/>
        <location line="+1"/>
        <source>AgentDesk</source>
        <translation>AgentDesk</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>&amp;Desk</source>
        <translation>坐席台(&amp;D)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>C&amp;ustomers</source>
        <translation>客户(&amp;U)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Review</source>
        <translation>订单审核(&amp;R)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Logistics</source>
        <translation>物流(&amp;L)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Knowledge</source>
        <translation>知识库(&amp;K)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Supervision</source>
        <translation>班组监控(&amp;S)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;About AgentDesk</source>
        <translation>关于 AgentDesk(&amp;A)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>About AgentDesk</source>
        <translation>关于 AgentDesk</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>AgentDesk {0}
Database: {1}</source>
        <translation>AgentDesk {0}
数据库：{1}</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>{0} unreachable</source>
        <translation>{0} 无法连接</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The database cannot be reached; retrying. Your typing is kept.</source>
        <translation>无法连接数据库，正在重试。已输入的内容不会丢失。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Incoming call</source>
        <translation>来电</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>A caller is waiting</source>
        <translation>有客户来电等待接听</translation>
    </message>
</context>
<context>
    <name>NewCustomerForm</name>
    <message>
        <location filename="../../agent_desk/ui/desk/pop_view.py" line="+66"/>
        <source>Create customer</source>
        <translation>创建客户</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&lt;b&gt;New caller&lt;/b&gt; — not in the database yet</source>
        <translation>&lt;b&gt;新来电客户&lt;/b&gt; — 系统中尚无记录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name:</source>
        <translation>姓名：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phone:</source>
        <translation>电话：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Province:</source>
        <translation>省：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>City:</source>
        <translation>市：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>District:</source>
        <translation>区/县：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Street address:</source>
        <translation>详细地址：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Notes:</source>
        <translation>备注：</translation>
    </message>
</context>
<context>
    <name>OrderEntries</name>
    <message>
        <location filename="../../agent_desk/ui/orders/opener.py" line="+100"/>
        <source>Order {0} is {1} and cannot be changed.</source>
        <translation>订单 {0} 状态为“{1}”，不能再修改。</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>The database cannot be reached, so the order form cannot open yet: {0}</source>
        <translation>无法连接数据库，暂时不能打开订单：{0}</translation>
    </message>
</context>
<context>
    <name>OrderEntry</name>
    <message>
        <location filename="../../agent_desk/ui/orders/entry_window.py" line="+91"/>
        <source>⚠ Database unreachable — your order is kept on this computer and will be saved when the link is back. Retrying…</source>
        <translation>⚠ 无法连接数据库 — 订单已保存在本机，连接恢复后会自动保存。正在重试…</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>&amp;Save draft (Ctrl+S)</source>
        <translation>保存草稿(&amp;S) (Ctrl+S)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Su&amp;bmit for review (Ctrl+Enter)</source>
        <translation>提交审核(&amp;B) (Ctrl+Enter)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Close (Esc)</source>
        <translation>关闭 (Esc)</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Submit &amp;anyway</source>
        <translation>仍然提交(&amp;A)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Cancel</source>
        <translation>取消(&amp;C)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Returned to you: {0} — fix the order and submit it again.</source>
        <translation>已退回给您：{0} — 请修改订单后重新提交。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no reason given</source>
        <translation>未填写原因</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Could not keep a copy on this computer: {0}</source>
        <translation>无法在本机保存副本：{0}</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Order {0} was already submitted ({1}); the copy kept on this computer is removed.</source>
        <translation>订单 {0} 已提交（{1}），本机保存的副本已删除。</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Draft {0} saved</source>
        <translation>草稿 {0} 已保存</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Not saved: see the message below the field</source>
        <translation>未保存：请查看字段下方的提示</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>This customer already ordered the same products recently: {0}. Submit anyway?</source>
        <translation>该客户最近已订购过相同商品：{0}。仍然提交吗？</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Not submitted</source>
        <translation>未提交</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Order {0} submitted ({1})</source>
        <translation>订单 {0} 已提交（{1}）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Order {0} for {1} submitted for review: {2}</source>
        <translation>{1} 的订单 {0} 已提交审核：{2}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Order {0} for {1} was already submitted; it is now {3}: {2}</source>
        <translation>{1} 的订单 {0} 此前已提交，当前状态：{3}，金额 {2}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Not submitted: see the messages beside the fields</source>
        <translation>未提交：请查看字段旁的提示</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Order for {0} was not submitted yet: please check it.</source>
        <translation>{0} 的订单尚未提交，请检查。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Submitting…</source>
        <translation>正在提交…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Kept on this computer; retrying…</source>
        <translation>已保存在本机，正在重试…</translation>
    </message>
    <message>
        <location line="-108"/>
        <source>Could not save the order: {0}</source>
        <translation>无法保存订单：{0}</translation>
    </message>
    <message>
        <location line="+145"/>
        <source>Order {0} for {1}</source>
        <translation>{1} 的订单 {0}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>New order for {0}</source>
        <translation>为 {0} 新建订单</translation>
    </message>
</context>
<context>
    <name>OrderForm</name>
    <message>
        <location filename="../../agent_desk/ui/orders/entry_form.py" line="+144"/>
        <source>Product name or SKU — Enter adds it</source>
        <translation>商品名称或 SKU — 回车添加</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Catalogue (Ctrl+F)</source>
        <translation>商品目录 (Ctrl+F)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Unit price</source>
        <translation>单价</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Discount</source>
        <translation>折扣</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Order lines (Delete removes the selected line)</source>
        <translation>订单明细（按 Delete 删除所选行）</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>6 digits, optional</source>
        <translation>6 位数字，可不填</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. 138 0013 8000</source>
        <translation>例如 138 0013 8000</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recipient (defaults to the customer)</source>
        <translation>收件人（默认为客户本人）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Name:</source>
        <translation>姓名(&amp;N)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Phone:</source>
        <translation>电话(&amp;P)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pro&amp;vince:</source>
        <translation>省(&amp;V)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>C&amp;ity:</source>
        <translation>市(&amp;I)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dis&amp;trict:</source>
        <translation>区/县(&amp;T)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Street &amp;address:</source>
        <translation>详细地址(&amp;A)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Postcode:</source>
        <translation>邮编：</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Cash on &amp;delivery</source>
        <translation>货到付款(&amp;D)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Pr&amp;epaid</source>
        <translation>预付(&amp;E)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Delivery time, gift wrapping, what the customer asked…</source>
        <translation>送货时间、礼品包装、客户的其他要求…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Payment and notes</source>
        <translation>付款与备注</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Notes:</source>
        <translation>备注(&amp;N)：</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Only {0}</source>
        <translation>仅限{0}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Only the caller&apos;s business line</source>
        <translation>仅限来电所属业务线</translation>
    </message>
    <message>
        <location line="+99"/>
        <source>No product matches “{0}”.</source>
        <translation>没有与“{0}”匹配的商品。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The catalogue cannot be searched while the database is unreachable.</source>
        <translation>数据库无法连接，暂时不能搜索商品目录。</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>At most {0}% on this product</source>
        <translation>此商品最多优惠 {0}%</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Remove this line</source>
        <translation>删除此行</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Line {0}: the discount was lowered to the {1}% allowed.</source>
        <translation>第 {0} 行：折扣已降至允许的 {1}%。</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Subtotal {0}</source>
        <translation>小计 {0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Discount −{0}</source>
        <translation>优惠 −{0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Total {0}</source>
        <translation>合计 {0}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Collect on delivery: {0}</source>
        <translation>货到代收：{0}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Prepaid — nothing to collect</source>
        <translation>已预付 — 无需代收</translation>
    </message>
</context>
<context>
    <name>OrderText</name>
    <message>
        <location filename="../../agent_desk/ui/review/order_text.py" line="+43"/>
        <source>taken by {0}</source>
        <translation>受理坐席 {0}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>submitted {0}</source>
        <translation>提交于 {0}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Item</source>
        <translation>商品</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Price</source>
        <translation>单价</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Qty</source>
        <translation>数量</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Discount</source>
        <translation>折扣</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Line total</source>
        <translation>小计</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Subtotal {0} · discount {1} · &lt;b&gt;total {2}&lt;/b&gt;</source>
        <translation>小计 {0} · 优惠 {1} · &lt;b&gt;合计 {2}&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Payment: {0}</source>
        <translation>付款方式：{0}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&lt;b&gt;collect {0}&lt;/b&gt; on delivery</source>
        <translation>&lt;b&gt;代收 {0}&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Ship to</source>
        <translation>收件信息</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Waybill: {0}</source>
        <translation>运单号：{0}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Last reason: {0}</source>
        <translation>最近原因：{0}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>History</source>
        <translation>操作记录</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The customer record no longer exists.</source>
        <translation>该客户档案已不存在。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>BLACKLISTED</source>
        <translation>黑名单</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Recent orders</source>
        <translation>最近订单</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Returned orders</source>
        <translation>退回订单</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Recent calls</source>
        <translation>最近通话</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>none</source>
        <translation>无</translation>
    </message>
</context>
<context>
    <name>OrderWorkspace</name>
    <message>
        <location filename="../../agent_desk/ui/review/order_workspace.py" line="+67"/>
        <source>Choose an order in the queue (J/K or ↓/↑ to move).</source>
        <translation>请在队列中选择订单（J/K 或 ↓/↑ 切换）。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location line="+120"/>
        <source>Return {0} to {1}</source>
        <translation>将 {0} 退回给 {1}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Return to agent (Ctrl+Enter)</source>
        <translation>退回坐席 (Ctrl+Enter)</translation>
    </message>
</context>
<context>
    <name>PopController</name>
    <message>
        <location filename="../../agent_desk/ui/desk/pop_controller.py" line="+135"/>
        <source>Could not record the call: {0}</source>
        <translation>无法记录本次通话：{0}</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>Could not save the customer: {0}</source>
        <translation>无法保存客户：{0}</translation>
    </message>
</context>
<context>
    <name>PopView</name>
    <message>
        <location filename="../../agent_desk/ui/desk/pop_view.py" line="+42"/>
        <source>Waiting for a call…</source>
        <translation>等待来电…</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>&amp;Script</source>
        <translation>话术(&amp;S)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Knowledge</source>
        <translation>知识库(&amp;K)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Several customers use this number. Who is calling? (Enter to choose)</source>
        <translation>多位客户使用此号码。来电的是哪一位？（回车选择）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>New order (Ctrl+N)</source>
        <translation>新建订单 (Ctrl+N)</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>&lt;h2&gt;Incoming call {0}…&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;来电 {0}…&lt;/h2&gt;</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&lt;h2&gt;Incoming call {0}&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;来电 {0}&lt;/h2&gt;</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Withheld number</source>
        <translation>隐藏号码</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Unrecognised number {0}</source>
        <translation>无法识别的号码 {0}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&lt;h2&gt;New caller {0}&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;新来电 {0}&lt;/h2&gt;</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Dialled {0}: no business line</source>
        <translation>被叫号码 {0}：无对应业务线</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>☎ {0} — {1} (dialled {2})</source>
        <translation>☎ {0} — {1}（被叫 {2}）</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>⚠ BLACKLISTED: {0}</source>
        <translation>⚠ 黑名单：{0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no reason given</source>
        <translation>未填写原因</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The customer&apos;s history cannot be read right now ({0}); retrying…</source>
        <translation>暂时无法读取客户历史（{0}），正在重试…</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>&lt;h2&gt;{0} customers on {1}&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;号码 {1} 对应 {0} 位客户&lt;/h2&gt;</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <location filename="../../agent_desk/ui/messages.py" line="+65"/>
        <source>AgentDesk: unexpected error</source>
        <translation>AgentDesk：意外错误</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Something went wrong that AgentDesk did not expect. Your work is kept; please send the log file to support:
{0}</source>
        <translation>AgentDesk 遇到了意外错误。您的工作内容不会丢失；请将日志文件发送给技术支持：
{0}</translation>
    </message>
</context>
<context>
    <name>QueuePane</name>
    <message>
        <location filename="../../agent_desk/ui/review/queue_pane.py" line="+44"/>
        <source>{0} s</source>
        <translation>{0} 秒</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{0} min</source>
        <translation>{0} 分钟</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{0} h {1}</source>
        <translation>{0} 小时 {1} 分</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{0} d {1} h</source>
        <translation>{0} 天 {1} 小时</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>All business lines</source>
        <translation>全部业务线</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Order no., waybill, phone or name…</source>
        <translation>订单号、运单号、电话或姓名…</translation>
    </message>
    <message>
        <location line="+28"/>
        <location line="+1"/>
        <source>Cannot load: {0}</source>
        <translation>无法加载：{0}</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Waiting</source>
        <translation>等待时长</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recipient</source>
        <translation>收件人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>COD</source>
        <translation>代收款</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Business line</source>
        <translation>业务线</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Agent</source>
        <translation>坐席</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Waybill</source>
        <translation>运单号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last reason</source>
        <translation>最近原因</translation>
    </message>
    <message numerus="yes">
        <location line="+109"/>
        <source>%n order(s)</source>
        <translation>
            <numerusform>%n 个订单</numerusform>
        </translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Live</source>
        <translation>实时</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The queue updates by itself when orders change.</source>
        <translation>订单变化时队列会自动刷新。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not live</source>
        <translation>未实时</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Waiting for the database&apos;s change notifications.</source>
        <translation>正在等待数据库的变更通知。</translation>
    </message>
</context>
<context>
    <name>ReasonPanel</name>
    <message>
        <location filename="../../agent_desk/ui/review/reason_panel.py" line="+49"/>
        <source>What should be fixed? The agent reads this.</source>
        <translation>需要修改什么？坐席会看到这段说明。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Cancel (Esc)</source>
        <translation>取消 (Esc)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Reason:</source>
        <translation>原因：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Details:</source>
        <translation>说明：</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Choose a reason…</source>
        <translation>请选择原因…</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Please choose a reason: the agent and the audit trail need to know why.</source>
        <translation>请选择原因：坐席和审核记录都需要知道原因。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Please describe the reason in a few words.</source>
        <translation>请简要说明原因。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The reason is too long: at most {0} characters.</source>
        <translation>原因过长：最多 {0} 个字。</translation>
    </message>
</context>
<context>
    <name>RestoreOffer</name>
    <message>
        <location filename="../../agent_desk/ui/orders/restore.py" line="+42"/>
        <source>Unfinished orders</source>
        <translation>未完成的订单</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{0}{1} — {2} — kept {3}</source>
        <translation>{0}{1} — {2} — 保存于 {3}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no products yet</source>
        <translation>尚未添加商品</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Restore</source>
        <translation>恢复(&amp;R)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Discard</source>
        <translation>丢弃(&amp;D)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Start a &amp;new order</source>
        <translation>新建订单(&amp;N)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Later</source>
        <translation>稍后(&amp;L)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>These orders were not finished; they are kept on this computer. Restore one?</source>
        <translation>以下订单尚未完成，已保存在本机。要恢复其中一个吗？</translation>
    </message>
</context>
<context>
    <name>ReturnedOrders</name>
    <message>
        <location filename="../../agent_desk/ui/orders/returned.py" line="+171"/>
        <location line="+22"/>
        <source>Returned to me</source>
        <translation>退回给我的订单</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>{0} ({1})</source>
        <translation>{0}（{1}）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Returned to me ({0})</source>
        <translation>退回给我的订单（{0}）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Orders returned to you: {0}. Fix and resubmit them.</source>
        <translation>有 {0} 个订单被退回给你：请修改后重新提交。</translation>
    </message>
</context>
<context>
    <name>ReturnedOrdersPanel</name>
    <message>
        <location line="-136"/>
        <source>Nothing returned to you. 👍</source>
        <translation>没有退回给您的订单。👍</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Double-click or Enter opens the order to fix and resubmit it.</source>
        <translation>双击或回车打开订单，修改后重新提交。</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>no reason given</source>
        <translation>未填写原因</translation>
    </message>
</context>
<context>
    <name>ReviewWorkspace</name>
    <message>
        <location filename="../../agent_desk/ui/review/workspace.py" line="+33"/>
        <source>Pending review</source>
        <translation>待审核</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Approve  (Ctrl+Enter)</source>
        <translation>审核通过(&amp;A)  (Ctrl+Enter)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Approve and send on to logistics (Ctrl+Enter or A)</source>
        <translation>审核通过并转物流 (Ctrl+Enter 或 A)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Return…  (R)</source>
        <translation>退回(&amp;R)…  (R)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Previous (K)</source>
        <translation>上一个 (K)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Next (J)</source>
        <translation>下一个 (J)</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>Address incomplete</source>
        <translation>地址不完整</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Price or discount</source>
        <translation>价格或折扣有误</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Customer unreachable</source>
        <translation>联系不上客户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Duplicate order</source>
        <translation>重复订单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>This order is {0} now.</source>
        <translation>该订单当前状态：{0}。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cannot load the order: {0}</source>
        <translation>无法加载订单：{0}</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>{0} approved: on to logistics.</source>
        <translation>{0} 审核通过，已转物流。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0} returned to the agent.</source>
        <translation>{0} 已退回坐席。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The order could not be saved: {0}. Nothing was changed; please try again.</source>
        <translation>订单未能保存：{0}。未作任何更改，请重试。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Approved {0} of {1} selected orders.</source>
        <translation>所选 {1} 个订单中已审核通过 {0} 个。</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n could not be approved.</source>
        <translation>
            <numerusform>%n 个未能通过。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n not loaded yet were skipped.</source>
        <translation>
            <numerusform>%n 个尚未加载，已跳过。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Bulk approve</source>
        <translation>批量审核通过</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Bulk approve failed: {0}</source>
        <translation>批量审核失败：{0}</translation>
    </message>
    <message numerus="yes">
        <location line="+9"/>
        <source>Approve selected (%n)</source>
        <translation>
            <numerusform>通过所选 (%n)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WrapUpPanel</name>
    <message>
        <location filename="../../agent_desk/ui/desk/wrap_up.py" line="+23"/>
        <source>No call</source>
        <translation>无通话</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>What did the caller want? What was agreed?</source>
        <translation>客户来电诉求是什么？达成了什么结果？</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save wrap-up (Ctrl+Enter)</source>
        <translation>保存小结 (Ctrl+Enter)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Disposition:</source>
        <translation>通话小结(&amp;D)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Notes:</source>
        <translation>备注(&amp;N)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Propose as knowledge article…</source>
        <translation>建议收录到知识库…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Solved something others will be asked too? Turn your notes into an article.</source>
        <translation>解决的问题别人也会遇到？把备注整理成知识库文章。</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Wrap-up saved</source>
        <translation>话后处理已保存</translation>
    </message>
</context>
</TS>

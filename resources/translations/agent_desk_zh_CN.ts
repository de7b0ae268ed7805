<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>ArticleEditor</name>
    <message>
        <location filename="../../agent_desk/ui/knowledge/editor.py" line="+48"/>
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
    <name>CallsDialog</name>
    <message>
        <location filename="../../agent_desk/ui/supervision/drilldown_dialog.py" line="+71"/>
        <source>Calls behind the figure</source>
        <translation>指标对应的通话</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Pick a call to see its record, recording and orders.</source>
        <translation>请选择一通通话，查看其记录、录音和订单。</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Queue</source>
        <translation>队列</translation>
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
        <source>Caller</source>
        <translation>来电号码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wait</source>
        <translation>等待</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Talk</source>
        <translation>通话</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Disposition</source>
        <translation>通话小结</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+82"/>
        <source>Orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <location line="-71"/>
        <source>another team</source>
        <translation>其他班组</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>withheld</source>
        <translation>隐藏号码</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The first {0} of {1} calls (narrow the range to see the others).</source>
        <translation>仅显示 {1} 通通话中的前 {0} 通（缩小范围可查看其余通话）。</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%n call(s)</source>
        <translation>
            <numerusform>%n 通通话</numerusform>
        </translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Call {0} at {1}: {2}</source>
        <translation>通话 {0}（{1}）：{2}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Recording:</source>
        <translation>录音：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No recording for this call.</source>
        <translation>此通话没有录音。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Notes:</source>
        <translation>备注：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Record</source>
        <translation>通话记录</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The record has no events for this call.</source>
        <translation>记录中没有此通话的事件。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>No orders were taken on this call.</source>
        <translation>此通话未产生订单。</translation>
    </message>
</context>
<context>
    <name>ChartsPane</name>
    <message>
        <location filename="../../agent_desk/ui/supervision/charts.py" line="+66"/>
        <source>Half hours of</source>
        <translation>半小时分布，日期：</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>Calls and service level per half hour</source>
        <translation>每半小时的通话量与服务水平</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Offered</source>
        <translation>呼入量</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Answered</source>
        <translation>接通量</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Abandoned</source>
        <translation>放弃量</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Service level %</source>
        <translation>服务水平 %</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Calls</source>
        <translation>通话量</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Handle time per call: talk, hold, after-call work (seconds)</source>
        <translation>每通通话的处理时长：通话、保持、话后处理（秒）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Talk</source>
        <translation>通话</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hold</source>
        <translation>保持</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ACW</source>
        <translation>话后处理</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Not ready by reason (minutes)</source>
        <translation>按原因统计的示忙时长（分钟）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not ready</source>
        <translation>示忙</translation>
    </message>
</context>
<context>
    <name>CustomerDetail</name>
    <message>
        <location filename="../../agent_desk/ui/customers/detail.py" line="+51"/>
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
        <location filename="../../agent_desk/ui/customers/editor.py" line="+65"/>
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
        <location line="+36"/>
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
        <location filename="../../agent_desk/ui/customers/workspace.py" line="+70"/>
        <source>Name, phone, last 4 digits or order number (Ctrl+F)</source>
        <translation>姓名、电话、尾号后 4 位或订单号 (Ctrl+F)</translation>
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
        <location line="+72"/>
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
        <location line="+26"/>
        <source>Could not open the customer: {0}</source>
        <translation>无法打开客户资料：{0}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>This customer no longer exists.</source>
        <translation>该客户已不存在。</translation>
    </message>
    <message>
        <location line="+58"/>
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
        <location filename="../../agent_desk/ui/desk/workspace.py" line="+46"/>
        <source>Ring me (test call, F9)</source>
        <translation>测试来电 (F9)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ask the call simulator for a call to this desk</source>
        <translation>请呼叫模拟器向本坐席发起一通来电</translation>
    </message>
    <message>
        <location line="+121"/>
        <source>Ringing: {0}</source>
        <translation>振铃中：{0}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>withheld</source>
        <translation>隐藏号码</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>Answered by a colleague</source>
        <translation>已由其他坐席接听</translation>
    </message>
    <message>
        <location line="-97"/>
        <source>&lt;b&gt;Missed calls and unfinished wrap-ups&lt;/b&gt; (Enter to reopen)</source>
        <translation>&lt;b&gt;未接来电与未完成的话后处理&lt;/b&gt;（按 Enter 重新打开）</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Enter: reopen. Delete: dismiss a missed call.</source>
        <translation>Enter：重新打开。Delete：移除未接来电。</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Another call is ringing: it waits in the list beside the wrap-up.</source>
        <translation>另有来电振铃：已放在通话小结旁的列表中等待。</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Wrap-up saved</source>
        <translation>话后处理已保存</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Rang unanswered: back in the queue</source>
        <translation>振铃未接：已回到队列</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Call ended ({0}): wrap up</source>
        <translation>通话结束（{0}）：请做话后处理</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Talking</source>
        <translation>通话中</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>ringing: </source>
        <translation>振铃中：</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>wrap up: </source>
        <translation>待话后处理：</translation>
    </message>
    <message>
        <location line="+68"/>
        <source>No test call: this desk is set up without a hub (hub_url is empty). Set hub_url in the configuration or start AgentDesk with --hub ws://HOST:PORT; “agent-desk demo” starts a hub with simulated calls.</source>
        <translation>无法测试来电：本坐席未配置话务平台（hub_url 为空）。请在配置中设置 hub_url，或用 --hub ws://HOST:PORT 启动 AgentDesk；“agent-desk demo”会启动一个带模拟来电的话务平台。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No test call: your user has no telephony id (e.g. SIP/8001), so the hub cannot ring you. Ask an administrator to set one, or set agent_id in the configuration.</source>
        <translation>无法测试来电：您的用户没有话务工号（如 SIP/8001），话务平台无法呼叫您。请联系管理员设置，或在配置中设置 agent_id。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No test call: the hub at {0} refused this desk (its reason is on the hub link in the status bar). Ask an administrator to check the hub&apos;s tokens and version.</source>
        <translation>无法测试来电：{0} 上的话务平台拒绝了本坐席（原因见状态栏中的话务平台连接状态）。请联系管理员检查话务平台的令牌和版本。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No test call: the hub at {0} is not connected. Check that it is running (“agent-desk demo” starts one with simulated calls); the desk reconnects by itself, then press Ring me again.</source>
        <translation>无法测试来电：{0} 上的话务平台未连接。请检查它是否在运行（“agent-desk demo”会启动一个带模拟来电的话务平台）；坐席台会自动重连，之后请再按“测试来电”。</translation>
    </message>
</context>
<context>
    <name>Floor</name>
    <message>
        <location filename="../../agent_desk/ui/supervision/floor_models.py" line="+45"/>
        <source>Ready</source>
        <translation>示闲</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not ready</source>
        <translation>示忙</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ringing</source>
        <translation>振铃</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Talking</source>
        <translation>通话中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>After-call work</source>
        <translation>话后处理</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Logged out</source>
        <translation>已签出</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not heard from</source>
        <translation>状态未知</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>ACW past its limit</source>
        <translation>话后处理超时</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not ready past its limit</source>
        <translation>示忙超时</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Logged in too long</source>
        <translation>在线时长超限</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Agent</source>
        <translation>坐席</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Time in state</source>
        <translation>当前状态时长</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Line</source>
        <translation>业务线</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Calls today</source>
        <translation>今日接听</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Logged in</source>
        <translation>在线时长</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Flags</source>
        <translation>提醒</translation>
    </message>
    <message>
        <location line="+127"/>
        <source>Business line</source>
        <translation>业务线</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Queue</source>
        <translation>队列</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Waiting</source>
        <translation>排队数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Longest wait</source>
        <translation>最长等待</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Service level</source>
        <translation>服务水平</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Answer rate</source>
        <translation>接通率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Offered</source>
        <translation>呼入量</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Answered</source>
        <translation>接听量</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Abandoned</source>
        <translation>放弃量</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Short abandons</source>
        <translation>短时放弃</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>(no line)</source>
        <translation>（无业务线）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>(no queue)</source>
        <translation>（无队列）</translation>
    </message>
</context>
<context>
    <name>FloorPane</name>
    <message>
        <location filename="../../agent_desk/ui/supervision/floor_pane.py" line="+112"/>
        <location line="+131"/>
        <source>Waiting for the hub…</source>
        <translation>正在等待中心服务（hub）…</translation>
    </message>
    <message>
        <location line="-127"/>
        <source>By queue</source>
        <translation>按队列</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>By business line</source>
        <translation>按业务线</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Flagged only (Ctrl+Shift+F)</source>
        <translation>只看提醒 (Ctrl+Shift+F)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Big screen (F11)</source>
        <translation>大屏 (F11)</translation>
    </message>
    <message>
        <location line="+113"/>
        <source>Live: every change on the floor is shown as the hub reports it.</source>
        <translation>实时：现场的每个变化都按中心服务的推送显示。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Not live since {time}: the hub is not reachable ({detail}); the board shows what it knew.</source>
        <translation>自 {time} 起不再实时：无法连接中心服务（{detail}）；看板显示的是断开前的状态。</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>Logged in {in} · Ready {ready} · Talking {talk} · Ringing {ring} · ACW {acw} · Not ready {nr} · Waiting {wait} · Flagged {flag}</source>
        <translation>在线 {in} · 示闲 {ready} · 通话 {talk} · 振铃 {ring} · 话后 {acw} · 示忙 {nr} · 排队 {wait} · 提醒 {flag}</translation>
    </message>
</context>
<context>
    <name>HubBridge</name>
    <message>
        <location filename="../../agent_desk/ui/hub_bridge.py" line="+75"/>
        <source>not connected to the hub</source>
        <translation>未连接话务平台</translation>
    </message>
</context>
<context>
    <name>KnowledgeWorkspace</name>
    <message>
        <location filename="../../agent_desk/ui/knowledge/workspace.py" line="+129"/>
        <source>Search articles (Ctrl+F) — 退货, refund…</source>
        <translation>搜索文章 (Ctrl+F) — 退货、退款…</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+190"/>
        <source>All categories</source>
        <translation>全部分类</translation>
    </message>
    <message>
        <location line="-186"/>
        <source>All business lines</source>
        <translation>全部业务线</translation>
    </message>
    <message>
        <location line="+5"/>
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
        <location line="+67"/>
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
        <location line="+52"/>
        <source>The knowledge index could not be updated: {0}</source>
        <translation>知识库索引无法更新：{0}</translation>
    </message>
    <message numerus="yes">
        <location line="+36"/>
        <source>Proposed — waiting for review (%n)</source>
        <translation>
            <numerusform>已提交 — 等待审阅 (%n)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+15"/>
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
        <source>imported</source>
        <translation>导入</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Version {0} — {1}, {2}</source>
        <translation>第 {0} 版 — {1}，{2}</translation>
    </message>
</context>
<context>
    <name>LabelOutput</name>
    <message>
        <location filename="../../agent_desk/ui/logistics/label_actions.py" line="+118"/>
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
    <message>
        <location line="+5"/>
        <source>Save the courier&apos;s file</source>
        <translation>保存快递数据文件</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message numerus="yes">
        <location line="+11"/>
        <source>Print %n label(s)</source>
        <translation>
            <numerusform>打印 %n 张面单</numerusform>
        </translation>
    </message>
    <message>
        <location line="+46"/>
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
        <location line="+55"/>
        <source>The labels came out but could not be recorded: {0}</source>
        <translation>面单已打印，但未能记录：{0}</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../../agent_desk/ui/labels.py" line="+29"/>
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
    <name>LeaguePane</name>
    <message>
        <location filename="../../agent_desk/ui/supervision/league_pane.py" line="+61"/>
        <source>First-contact resolution (higher is better)</source>
        <translation>首次解决率（越高越好）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Average handle time (lower is better)</source>
        <translation>平均处理时长（越低越好）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Service level (higher is better)</source>
        <translation>服务水平（越高越好）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Conversion (higher is better)</source>
        <translation>转化率（越高越好）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Satisfaction, CSAT (higher is better)</source>
        <translation>满意度 CSAT（越高越好）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Rank the agents of one team, or of all you see</source>
        <translation>对一个班组或你可见的全部坐席排名</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+96"/>
        <source>Team</source>
        <translation>班组</translation>
    </message>
    <message>
        <location line="-90"/>
        <source>Green: top 20 %. Red: bottom 10 %. Agents without the figure are listed last, unranked.</source>
        <translation>绿色：前 20 %。红色：后 10 %。没有该指标的坐席列在最后，不参与排名。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Rank on</source>
        <translation>排名依据：</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Whole floor</source>
        <translation>全部坐席</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>All my teams</source>
        <translation>我的全部班组</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The whole floor&apos;s agents.</source>
        <translation>全部坐席。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>You lead no team: there is nobody to rank.</source>
        <translation>你没有带领任何班组：没有可排名的坐席。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Agents of {0}.</source>
        <translation>{0} 的坐席。</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+33"/>
        <source>FCR</source>
        <translation>首次解决率</translation>
    </message>
    <message>
        <location line="-32"/>
        <location line="+31"/>
        <source>AHT</source>
        <translation>平均处理时长</translation>
    </message>
    <message>
        <location line="-30"/>
        <source>Service level</source>
        <translation>服务水平</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Conversion</source>
        <translation>转化率</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+30"/>
        <source>CSAT</source>
        <translation>满意度</translation>
    </message>
    <message>
        <location line="-25"/>
        <source>Top 20 %</source>
        <translation>前 20%</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bottom 10 %</source>
        <translation>后 10%</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>not ranked</source>
        <translation>未排名</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Rank</source>
        <translation>名次</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Agent</source>
        <translation>坐席</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Band</source>
        <translation>档位</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Answered</source>
        <translation>接通量</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Return rate</source>
        <translation>拒收率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Orders taken in the period and refused at the door ÷ those delivered or refused</source>
        <translation>期内受理的订单中被拒收的数量 ÷ 已签收或已拒收的数量</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../agent_desk/ui/login.py" line="+50"/>
        <source>AgentDesk — log in</source>
        <translation>AgentDesk — 登录</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Remember me on this computer</source>
        <translation>在此电脑上记住我</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>&amp;User name:</source>
        <translation>用户名(&amp;U)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <location line="+4"/>
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
        <location line="+13"/>
        <source>To get one, install and start a Secret Service such as GNOME Keyring (gnome-keyring) or KWallet, then open AgentDesk again.</source>
        <translation>如需使用，请安装并启动 GNOME Keyring（gnome-keyring）或 KWallet 等 Secret Service 服务，然后重新打开 AgentDesk。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Windows and macOS have one built in (Credential Manager, Keychain): ask your administrator why it cannot be reached.</source>
        <translation>Windows 和 macOS 自带密钥环（凭据管理器、钥匙串）：请询问管理员为何无法访问。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>AgentDesk cannot remember your password: this computer has no keyring, and passwords are never kept in files. {0}</source>
        <translation>AgentDesk 无法记住您的密码：此电脑没有系统密钥环，而密码绝不会保存在文件中。{0}</translation>
    </message>
    <message>
        <location line="+13"/>
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
        <location line="+139"/>
        <source>Accept &amp;&amp; &amp;print label…</source>
        <translation>通过并打印面单(&amp;P)…</translation>
    </message>
    <message>
        <location line="-137"/>
        <location line="+138"/>
        <source>Accept &amp;&amp; label to P&amp;DF…</source>
        <translation>通过并导出面单 PDF(&amp;D)…</translation>
    </message>
    <message>
        <location line="-136"/>
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
        <source>Courier file…</source>
        <translation>快递数据文件…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The selected orders&apos; waybills for the courier&apos;s system, full phone numbers included (CSV)</source>
        <translation>所选订单的运单数据，供导入快递公司系统，含完整电话号码（CSV）</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>Courier file written for %n order(s).</source>
        <translation>
            <numerusform>已为 %n 个订单生成快递数据文件。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Hand over selected</source>
        <translation>交接所选</translation>
    </message>
    <message>
        <location line="+17"/>
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
        <location line="+24"/>
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
        <location line="+12"/>
        <source>Logistics</source>
        <translation>物流</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../agent_desk/ui/main_window.py" line="+69"/>
        <source>AgentDesk — {0}</source>
        <translation>AgentDesk — {0}</translation>
    </message>
    <message>
        <location line="+40"/>
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
        <location line="+1"/>
        <source>S&amp;taffing</source>
        <translation>排班(&amp;T)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Log &amp;out</source>
        <translation>注销(&amp;O)</translation>
    </message>
    <message>
        <location line="+3"/>
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
        <location line="+19"/>
        <source>{0} unreachable</source>
        <translation>{0} 无法连接</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The database cannot be reached; retrying. Your typing is kept.</source>
        <translation>无法连接数据库，正在重试。已输入的内容不会丢失。</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>☎ Call from {0} — {1}</source>
        <translation>☎ {0} 来电 — {1}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Incoming call</source>
        <translation>来电</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>{0} is calling</source>
        <translation>{0} 来电</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Unsaved wrap-ups</source>
        <translation>未保存的通话小结</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n call(s) still wait for their wrap-up. {0} anyway?</source>
        <translation>
            <numerusform>还有 %n 个通话未保存通话小结。仍要{0}吗？</numerusform>
        </translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Finish the call first: you cannot log out while on a call.</source>
        <translation>请先结束通话：通话中不能注销。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Log out</source>
        <translation>注销</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+6"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
</context>
<context>
    <name>MyDayPanel</name>
    <message>
        <location filename="../../agent_desk/ui/desk/my_day.py" line="+55"/>
        <source>Answered</source>
        <translation>接通量</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>AHT</source>
        <translation>平均处理时长</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not ready</source>
        <translation>示忙</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>FCR</source>
        <translation>首次解决率</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&lt;b&gt;My day&lt;/b&gt;</source>
        <translation>&lt;b&gt;我的今天&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+35"/>
        <source>Your own figures since midnight; refreshed after each wrap-up</source>
        <translation>您本人今天零点以来的指标；每次保存小结后刷新</translation>
    </message>
</context>
<context>
    <name>MyShiftsPane</name>
    <message>
        <location filename="../../agent_desk/ui/staffing/my_shifts.py" line="+50"/>
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Starts</source>
        <translation>开始</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Ends</source>
        <translation>结束</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Shift</source>
        <translation>班次</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Breaks</source>
        <translation>小休</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>Your published shifts for the next %n day(s).</source>
        <translation>
            <numerusform>您在未来 %n 天内已发布的班次。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>No published shift for you in the next %n day(s).</source>
        <translation>
            <numerusform>未来 %n 天内没有您的已发布班次。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>NeedsPane</name>
    <message>
        <location filename="../../agent_desk/ui/staffing/needs_pane.py" line="+41"/>
        <source>Forecast (F5)</source>
        <translation>预测 (F5)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Backtest the last complete week</source>
        <translation>回测最近一个完整周</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Forecasting… (the first time loads the statistics library)</source>
        <translation>正在预测…（首次运行需加载统计库）</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>{calls} calls forecast ({method}, learnt from {days} days); at the peak {peak} positions.</source>
        <translation>预测呼入量 {calls} 通（{method}，基于 {days} 天的历史数据）；高峰时需 {peak} 个排班席位。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Calls forecast and positions needed per interval</source>
        <translation>各时段的预测呼入量与所需排班席位</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+16"/>
        <source>Calls</source>
        <translation>呼入量</translation>
    </message>
    <message>
        <location line="-15"/>
        <location line="+15"/>
        <source>Agents</source>
        <translation>坐席</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>Positions (with shrinkage)</source>
        <translation>排班席位（含缺勤率）</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Interval</source>
        <translation>时段</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>AHT (s)</source>
        <translation>平均处理时长（秒）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Positions</source>
        <translation>排班席位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Service level</source>
        <translation>服务水平</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>ASA (s)</source>
        <translation>平均应答速度（秒）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Occupancy</source>
        <translation>占用率</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Abandoned</source>
        <translation>放弃率</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Backtesting the last complete week…</source>
        <translation>正在回测最近一个完整周…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Backtest {first} – {last}: WAPE {forecast} for this forecast, {naive} for the same interval a week earlier ({calls} calls). Lower is better.</source>
        <translation>回测 {first} – {last}：本预测的 WAPE 为 {forecast}，按上周同一时段预测的 WAPE 为 {naive}（共 {calls} 通来电）。数值越低越好。</translation>
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
        <location filename="../../agent_desk/ui/orders/opener.py" line="+119"/>
        <source>Order {0} is {1} and cannot be changed.</source>
        <translation>订单 {0} 状态为“{1}”，不能再修改。</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>The database cannot be reached, so the order form cannot open yet: {0}</source>
        <translation>无法连接数据库，暂时不能打开订单：{0}</translation>
    </message>
</context>
<context>
    <name>OrderEntry</name>
    <message>
        <location filename="../../agent_desk/ui/orders/entry_window.py" line="+95"/>
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
        <location line="+26"/>
        <source>Could not keep a copy on this computer: {0}</source>
        <translation>无法在本机保存副本：{0}</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Order {0} was already submitted ({1}); the copy kept on this computer is removed.</source>
        <translation>订单 {0} 已提交（{1}），本机保存的副本已删除。</translation>
    </message>
    <message>
        <location line="+24"/>
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
        <location line="+16"/>
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
        <location line="+13"/>
        <source>Not submitted: see the messages beside the fields</source>
        <translation>未提交：请查看字段旁的提示</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Order for {0} was not submitted yet: please check it.</source>
        <translation>{0} 的订单尚未提交，请检查。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Submitting…</source>
        <translation>正在提交…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Kept on this computer; retrying…</source>
        <translation>已保存在本机，正在重试…</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>New order — {0}</source>
        <translation>新建订单 — {0}</translation>
    </message>
    <message>
        <location line="-150"/>
        <source>Could not save the order: {0}</source>
        <translation>无法保存订单：{0}</translation>
    </message>
    <message>
        <location line="+146"/>
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
        <location filename="../../agent_desk/ui/orders/catalogue_picker.py" line="+53"/>
        <source>Product name or SKU — Enter adds it</source>
        <translation>商品名称或 SKU — 回车添加</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>Catalogue (Ctrl+F)</source>
        <translation>商品目录 (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../agent_desk/ui/orders/entry_form.py" line="+130"/>
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
        <location line="+2"/>
        <source>Printed on the courier label: call first, a time window, where to leave it.</source>
        <translation>打印在快递面单上：如先电话联系、送货时段、放置位置。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>As the business line decides</source>
        <translation>按业务线设置</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Masked (privacy waybill, 138****8000)</source>
        <translation>隐藏（隐私面单，138****8000）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>In full</source>
        <translation>完整显示</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>P&amp;hone on the label:</source>
        <translation>面单电话(&amp;H)：</translation>
    </message>
    <message>
        <location filename="../../agent_desk/ui/orders/catalogue_picker.py" line="+15"/>
        <source>Only {0}</source>
        <translation>仅限{0}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Only the caller&apos;s business line</source>
        <translation>仅限来电所属业务线</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>No product matches “{0}”.</source>
        <translation>没有与“{0}”匹配的商品。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The catalogue cannot be searched while the database is unreachable.</source>
        <translation>数据库无法连接，暂时不能搜索商品目录。</translation>
    </message>
    <message>
        <location filename="../../agent_desk/ui/orders/entry_form.py" line="+115"/>
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
        <location filename="../../agent_desk/ui/order_panes/order_text.py" line="+44"/>
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
        <source>Privacy waybill: the label prints the phone as {0}; the courier&apos;s data keeps it whole.</source>
        <translation>隐私面单：面单上的电话打印为 {0}；快递数据中保留完整号码。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Waybill: {0}</source>
        <translation>运单号：{0}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Notes (printed on the label)</source>
        <translation>备注（打印在面单上）</translation>
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
        <location filename="../../agent_desk/ui/order_panes/order_workspace.py" line="+73"/>
        <source>Choose an order in the queue (J/K or ↓/↑ to move).</source>
        <translation>请在队列中选择订单（J/K 或 ↓/↑ 切换）。</translation>
    </message>
    <message>
        <location line="+17"/>
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
    <name>PlanPane</name>
    <message>
        <location filename="../../agent_desk/ui/staffing/plan_pane.py" line="+49"/>
        <source>Build plan from the forecast (Ctrl+B)</source>
        <translation>按预测生成排班计划 (Ctrl+B)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Publish (Ctrl+Shift+P)</source>
        <translation>发布 (Ctrl+Shift+P)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Plan</source>
        <translation>排班计划</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>#{id} {first} – {last} ({status})</source>
        <translation>#{id} {first} – {last}（{status}）</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+87"/>
        <source>published</source>
        <translation>已发布</translation>
    </message>
    <message>
        <location line="-87"/>
        <location line="+87"/>
        <source>draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <location line="-75"/>
        <source>No plan yet: forecast (F5), then build one (Ctrl+B).</source>
        <translation>尚无排班计划：请先预测 (F5)，再生成排班计划 (Ctrl+B)。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Forecast first (F5): the plan covers the positions the forecast needs.</source>
        <translation>请先预测 (F5)：排班计划要覆盖预测所需的排班席位。</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>Solving the plan (up to %n s)…</source>
        <translation>
            <numerusform>正在求解排班计划（最多 %n 秒）…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>Draft plan #%n built.</source>
        <translation>
            <numerusform>已生成排班计划草稿 #%n。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+15"/>
        <source>Plan #%n published: its agents see their shifts.</source>
        <translation>
            <numerusform>排班计划 #%n 已发布：相关坐席现在可以看到自己的班次。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Agent</source>
        <translation>坐席</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Hours in plan</source>
        <translation>计划工时</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{status}; solver {solver} in {seconds} s; short {under} agent-hours, over {over} agent-hours.</source>
        <translation>{status}；求解器结果 {solver}，用时 {seconds} 秒；缺口 {under} 坐席小时，富余 {over} 坐席小时。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Day off</source>
        <translation>休息日</translation>
    </message>
</context>
<context>
    <name>PopController</name>
    <message>
        <location filename="../../agent_desk/ui/desk/pop_controller.py" line="+220"/>
        <source>The wrap-up was not saved: the database could not be reached. What you typed stays here; save again in a moment.</source>
        <translation>通话小结未保存：无法连接数据库。您输入的内容仍保留在这里，请稍后再保存。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The wrap-up was not saved: {0}</source>
        <translation>通话小结未保存：{0}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>the database could not be reached</source>
        <translation>无法连接数据库</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the database refused it (the details are in the log)</source>
        <translation>数据库拒绝了此操作（详情见日志）</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Could not record the call: {0}</source>
        <translation>无法记录本次通话：{0}</translation>
    </message>
    <message>
        <location line="-85"/>
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
        <location line="+25"/>
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
        <location filename="../../agent_desk/ui/messages.py" line="+66"/>
        <source>AgentDesk: unexpected error</source>
        <translation>AgentDesk：意外错误</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Something went wrong that AgentDesk did not expect. Your work is kept; please send the log file to support:
{0}</source>
        <translation>AgentDesk 遇到了意外错误。您的工作内容不会丢失；请将日志文件发送给技术支持：
{0}</translation>
    </message>
</context>
<context>
    <name>QueuePane</name>
    <message>
        <location filename="../../agent_desk/ui/order_panes/queue_pane.py" line="+51"/>
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
        <location line="+37"/>
        <location line="+175"/>
        <source>Cannot load: {0}</source>
        <translation>无法加载：{0}</translation>
    </message>
    <message>
        <location line="-153"/>
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
    <message numerus="yes">
        <location line="+128"/>
        <source>%n order(s)</source>
        <translation>
            <numerusform>%n 个订单</numerusform>
        </translation>
    </message>
    <message>
        <location line="+33"/>
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
        <location filename="../../agent_desk/ui/order_panes/reason_panel.py" line="+49"/>
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
    <name>ReportControls</name>
    <message>
        <location filename="../../agent_desk/ui/supervision/controls.py" line="+40"/>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Yesterday</source>
        <translation>昨天</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This week</source>
        <translation>本周</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last week</source>
        <translation>上周</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This month</source>
        <translation>本月</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Custom range</source>
        <translation>自定义范围</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Team: the team each agent is in today. Weeks run Monday to Sunday (ISO); the first and last week or month are cut to the dates chosen.</source>
        <translation>班组：每位坐席当前所在的班组。一周为周一至周日（ISO）；首尾的周或月按所选日期截取。</translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>%n min</source>
        <translation>
            <numerusform>%n 分钟</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Service level threshold T: answered within this many seconds</source>
        <translation>服务水平阈值 T：在此秒数内接通</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Callers who hang up sooner are short abandons, reported apart</source>
        <translation>早于此时间挂机的来电计为短时放弃，单独统计</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Which service level to show: pick the one your previous system used to compare figures</source>
        <translation>显示哪种服务水平口径：选择与原系统相同的口径，以便对比数据</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>By</source>
        <translation>分组：</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>SL within</source>
        <translation>服务水平阈值</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>short abandon under</source>
        <translation>短时放弃阈值</translation>
    </message>
    <message>
        <location line="+21"/>
        <source> s</source>
        <translation> 秒</translation>
    </message>
</context>
<context>
    <name>RestoreOffer</name>
    <message>
        <location filename="../../agent_desk/ui/orders/restore.py" line="+44"/>
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
        <location filename="../../agent_desk/ui/orders/returned.py" line="+172"/>
        <location line="+24"/>
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
        <location line="-138"/>
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
        <location filename="../../agent_desk/ui/review/workspace.py" line="+34"/>
        <source>Pending review</source>
        <translation>待审核</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Approve  (Ctrl+Enter)</source>
        <translation>审核通过(&amp;A)  (Ctrl+Enter)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Approve and send on to logistics (Ctrl+Enter or A)</source>
        <translation>审核通过并转物流 (Ctrl+Enter 或 A)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Return…  (R)</source>
        <translation>退回(&amp;R)…  (R)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Previous (K)</source>
        <translation>上一个 (K)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Next (J)</source>
        <translation>下一个 (J)</translation>
    </message>
    <message>
        <location line="+53"/>
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
        <location line="+5"/>
        <source>Cannot load the order: {0}</source>
        <translation>无法加载订单：{0}</translation>
    </message>
    <message>
        <location line="+14"/>
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
        <location line="+1"/>
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
    <name>ServiceError</name>
    <message>
        <location filename="../../agent_desk/ui/errors.py" line="+41"/>
        <source>Order {order_id} does not exist.</source>
        <extracomment>Each code&apos;s text; called without a translator it gives the English literal.</extracomment>
        <translation>订单 {order_id} 不存在。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Customer {customer_id} does not exist.</source>
        <translation>客户 {customer_id} 不存在。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Order {order_no} was taken by another agent; you cannot change it.</source>
        <translation>订单 {order_no} 由其他坐席受理，您不能修改。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Order {order_no} is {state} and can no longer be edited.</source>
        <translation>订单 {order_no} 状态为“{state}”，不能再修改。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unknown order action &apos;{given}&apos;; known actions: {known}.</source>
        <translation>未知的订单操作“{given}”；可用的操作：{known}。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The form&apos;s id &apos;{value}&apos; is not a UUID; the desk must create one before the first save.</source>
        <translation>表单 ID“{value}”不是有效的 UUID；程序必须在首次保存前生成 ID。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The {field} must be text.</source>
        <translation>{field}必须是文本。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The {field} must be a single line of text.</source>
        <translation>{field}只能填写一行文字。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The {field} is {length} characters long; at most {limit} fit.</source>
        <translation>{field}共 {length} 个字，最多只能填写 {limit} 个字。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>“{text}…” is too long to be a phone number.</source>
        <translation>“{text}…”太长，不是有效的电话号码。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Line {line}: product {product_id} is not in the catalogue.</source>
        <translation>第 {line} 行：商品 {product_id} 不在商品目录中。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Line {line}: {product} is no longer sold; please choose another product.</source>
        <translation>第 {line} 行：{product} 已停售，请选择其他商品。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Line {line} ({product}): a {discount}% discount is more than the {limit}% allowed on this product.</source>
        <translation>第 {line} 行（{product}）：折扣 {discount}% 超过了此商品允许的 {limit}%。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Payment must be cash on delivery (cod) or prepaid, not &apos;{method}&apos;.</source>
        <translation>付款方式必须是货到付款（cod）或预付，不能是“{method}”。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Business line {business_line_id} does not exist.</source>
        <translation>业务线 {business_line_id} 不存在。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Call {call_id} does not exist.</source>
        <translation>通话 {call_id} 不存在。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The recipient&apos;s name is missing.</source>
        <translation>缺少收件人姓名。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The recipient&apos;s phone number is missing.</source>
        <translation>缺少收件人电话。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The address needs: {parts}.</source>
        <translation>地址缺少：{parts}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The postcode &apos;{postcode}&apos; must be six digits, or left empty.</source>
        <translation>邮编“{postcode}”必须是 6 位数字，或留空。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The order has no products yet.</source>
        <translation>订单尚未添加商品。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This order cannot be submitted yet: {details}</source>
        <translation>该订单暂时不能提交：{details}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Order {order_id} no longer exists.</source>
        <translation>订单 {order_id} 已不存在。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Order {order_no} was changed by {by_user} in the meantime; it is now {state}. Reload it and try again.</source>
        <translation>订单 {order_no} 在此期间已被 {by_user} 修改，当前状态为“{state}”。请重新加载后再试。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Order {order_no} was already {action_done} by {by_user} at {time}; it is now {state}.</source>
        <translation>订单 {order_no} 已由 {by_user} 于 {time} {action_done}，当前状态为“{state}”。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cannot {action} this order: it is already {state} and can no longer change.</source>
        <translation>无法对此订单执行“{action}”：订单已是“{state}”，状态不能再变更。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cannot {action} this order: it is {state}. This is only possible for orders that are {states}.</source>
        <translation>无法对此订单执行“{action}”：订单当前状态为“{state}”。只有处于{states}状态的订单才能执行此操作。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The {role} role may not {action} orders; this is done by: {roles}.</source>
        <translation>“{role}”角色无权对订单执行“{action}”；可执行此操作的角色：{roles}。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Please give a reason to {action} this order; the agent and the audit trail need to know why.</source>
        <translation>请填写对此订单执行“{action}”的原因：坐席和审核记录都需要知道原因。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>You cannot {action} this order: it was taken by another agent.</source>
        <translation>您不能对此订单执行“{action}”：该订单由其他坐席受理。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>You cannot {action} this order because you took this order; another colleague must do it.</source>
        <translation>您不能对此订单执行“{action}”，因为此订单是您受理的；须由其他同事操作。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>You cannot {action} this order because you handled this order in logistics; another colleague must do it.</source>
        <translation>您不能对此订单执行“{action}”，因为您在物流环节处理过此订单；须由其他同事操作。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>You cannot {action} this order because you reviewed this order; another colleague must do it.</source>
        <translation>您不能对此订单执行“{action}”，因为此订单是您审核的；须由其他同事操作。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>An amount must be text, not {kind}.</source>
        <translation>金额必须是文本，不能是 {kind}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No amount given; write it like 128 or 128.50.</source>
        <translation>未填写金额；请按 128 或 128.50 的格式填写。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>“{text}” is not an amount of money; write it like 128 or 128.50 (at most two decimals).</source>
        <translation>“{text}”不是有效的金额；请按 128 或 128.50 的格式填写（最多两位小数）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The discount limit must be a whole percentage from 0 to 100, not {given}.</source>
        <translation>折扣上限必须是 0 到 100 之间的整数百分比，不能是 {given}。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Line {line} ({product}): the quantity must be a whole number from {min} to {max}, not {given}.</source>
        <translation>第 {line} 行（{product}）：数量必须是 {min} 到 {max} 之间的整数，不能是 {given}。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Line {line} ({product}): the unit price must be between 0.00 and {max} yuan, not {given}.</source>
        <translation>第 {line} 行（{product}）：单价必须在 0.00 到 {max} 元之间，不能是 {given}。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Line {line} ({product}): the discount must be a whole percentage of 0 or more, not {given}.</source>
        <translation>第 {line} 行（{product}）：折扣必须是不小于 0 的整数百分比，不能是 {given}。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Line {line} ({product}): a {discount}% discount is more than the {limit}% you may give.</source>
        <translation>第 {line} 行（{product}）：折扣 {discount}% 超过了您可给予的上限 {limit}%。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>“{number}” is not a phone number: a phone number must be text.</source>
        <translation>“{number}”不是有效的电话号码：电话号码必须是文本。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>“{number}” is not a phone number: it is far too long.</source>
        <translation>“{number}”不是有效的电话号码：号码过长。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>“{number}” is not a phone number: it is empty.</source>
        <translation>“{number}”不是有效的电话号码：号码为空。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>“{number}” is not a phone number: it contains letters or symbols that are not part of a phone number.</source>
        <translation>“{number}”不是有效的电话号码：含有电话号码中不应出现的字母或符号。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>“{number}” is not a phone number: a &apos;+&apos; may only stand at the start.</source>
        <translation>“{number}”不是有效的电话号码：“+”只能出现在开头。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>“{number}” is not a phone number: it contains no digits.</source>
        <translation>“{number}”不是有效的电话号码：不含任何数字。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>“{number}” is not a phone number: the country code after &apos;+&apos; or &apos;00&apos; is unknown.</source>
        <translation>“{number}”不是有效的电话号码：“+”或“00”后面的国家代码无法识别。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>“{number}” is not a phone number: too few digits after the international prefix.</source>
        <translation>“{number}”不是有效的电话号码：国际前缀后面的位数太少。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>“{number}” is not a phone number: it does not look like a phone number.</source>
        <translation>“{number}”不是有效的电话号码：格式不像电话号码。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>“{number}” is not a phone number: the country code is unknown.</source>
        <translation>“{number}”不是有效的电话号码：国家代码无法识别。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>“{number}” is not a phone number: it has too few digits.</source>
        <translation>“{number}”不是有效的电话号码：位数太少。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>“{number}” is not a phone number: it has too many digits.</source>
        <translation>“{number}”不是有效的电话号码：位数太多。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>“{number}” is not a phone number: it has too few digits for a full phone number.</source>
        <translation>“{number}”不是有效的电话号码：位数不足，不是完整的电话号码。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>“{number}” is not a phone number: the area code is missing (write landlines like 010-12345678).</source>
        <translation>“{number}”不是有效的电话号码：缺少区号（固定电话请写成 010-12345678 的格式）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>“{number}” is not a phone number: it has the wrong number of digits.</source>
        <translation>“{number}”不是有效的电话号码：位数不正确。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>“{number}” is not a phone number: no phone numbers of that form exist under country code +{country_code}.</source>
        <translation>“{number}”不是有效的电话号码：国家代码 +{country_code} 下没有这种格式的电话号码。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{field}: must be text</source>
        <translation>{field}：必须是文本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{field}: is missing</source>
        <translation>{field}：未填写</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{field}: contains a line break or control character</source>
        <translation>{field}：含有换行符或控制字符</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{field}: must be 6 to 24 characters of A-Z, 0-9 and &apos;-&apos; for Code 128</source>
        <translation>{field}：Code 128 条码要求 6 到 24 个字符，且只能包含 A-Z、0-9 和“-”</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{field}: is not a phone number</source>
        <translation>{field}：不是有效的电话号码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{field}: must be six digits or empty</source>
        <translation>{field}：必须是 6 位数字或留空</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{field}: must be a whole number of cents</source>
        <translation>{field}：必须是整数（以分为单位）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{field}: must be 0 (prepaid) up to {max}, not {given}</source>
        <translation>{field}：必须在 0（预付）到 {max} 之间，不能是 {given}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{field}: must be a date</source>
        <translation>{field}：必须是日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No order with id {order_ids}.</source>
        <translation>不存在 ID 为 {order_ids} 的订单。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Order {order_no} has no waybill number yet.</source>
        <translation>订单 {order_no} 还没有运单号。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Labels are printed only for orders pending logistics or already labelled: {orders}. Nothing was assigned or printed.</source>
        <translation>只有待物流审核或已打印面单的订单才能打印面单：{orders}。未分配运单号，也未打印任何面单。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>order {order_id} does not exist</source>
        <translation>订单 {order_id} 不存在</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>order {order_no} (id {order_id}) is {state}</source>
        <translation>订单 {order_no}（ID {order_id}）当前状态为“{state}”</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the address needs: {parts}</source>
        <translation>地址缺少：{parts}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>postcode &apos;{postcode}&apos; must be six digits</source>
        <translation>邮编“{postcode}”必须是 6 位数字</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the customer needs a name</source>
        <translation>客户姓名不能为空</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the customer needs at least one phone number</source>
        <translation>客户至少需要一个电话号码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>customer {customer_id} does not exist</source>
        <translation>客户 {customer_id} 不存在</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the name is longer than {limit} characters</source>
        <translation>姓名超过 {limit} 个字</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+11"/>
        <source>the notes are longer than {limit} characters</source>
        <translation>备注超过 {limit} 个字</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>the phone label &apos;{label}&apos;… is longer than {limit} characters</source>
        <translation>电话类型“{label}…”超过 {limit} 个字</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the {part} of the address is longer than {limit} characters</source>
        <translation>地址中的{part}超过 {limit} 个字</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the {role} role may not edit customers</source>
        <translation>“{role}”角色无权编辑客户资料</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>no call &apos;{call_id}&apos; was recorded</source>
        <translation>没有通话“{call_id}”的记录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&apos;{disposition}&apos; is not a known disposition code</source>
        <translation>“{disposition}”不是已知的通话小结代码</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the {role} role takes no calls</source>
        <translation>“{role}”角色不接听电话</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>only the agent and the floor&apos;s supervisors see the calls waiting for an agent</source>
        <translation>只有坐席本人和现场班组长才能查看坐席待处理的通话</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The report&apos;s last day {last} is before its first day {first}.</source>
        <translation>报表的结束日期 {last} 早于开始日期 {first}。</translation>
    </message>
    <message>
        <location line="+3"/>
        <location filename="../../agent_desk/ui/errors_staffing.py" line="+17"/>
        <location line="+183"/>
        <source>An interval is 15, 30 or 60 minutes, not {minutes}.</source>
        <translation>时段只能是 15、30 或 60 分钟，不能是 {minutes}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The {role} role has no figures to report.</source>
        <translation>“{role}”角色没有可统计的指标。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only the agents and teams you lead are shown to you, not {key}.</source>
        <translation>你只能查看自己带领的坐席和班组，不能查看 {key}。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Team name &apos;{name}&apos;: use 1–64 characters, not beginning with &apos;(&apos;.</source>
        <translation>班组名称“{name}”：请使用 1–64 个字符，且不能以“(”开头。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A team named &apos;{name}&apos; already exists.</source>
        <translation>名为“{name}”的班组已存在。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>There is no team named &apos;{name}&apos;.</source>
        <translation>没有名为“{name}”的班组。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>There is no user named &apos;{username}&apos;.</source>
        <translation>没有名为“{username}”的用户。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{username} has the {role} role: a team is led by a supervisor or an admin.</source>
        <translation>{username} 的角色是 {role}：班组须由班组长或管理员带领。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The live floor is for supervisors and administrators, not the {role} role.</source>
        <translation>实时现场看板仅供班组长和管理员使用，{role} 角色不可查看。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Satisfaction must be a whole number from 1 to 5, not {given}.</source>
        <translation>满意度必须是 1 到 5 之间的整数，不能是 {given}。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The notes are {length} characters long; at most {limit} fit.</source>
        <translation>备注共 {length} 个字，最多只能填写 {limit} 个字。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Follow-up {followup_id} does not exist.</source>
        <translation>回访 {followup_id} 不存在。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This follow-up was already {followup_status}; it cannot be recorded again.</source>
        <translation>该回访已是“{followup_status}”状态，不能再次记录。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This follow-up is assigned to another agent.</source>
        <translation>该回访已分配给其他坐席。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>unknown user name or wrong password</source>
        <translation>用户名不存在或密码错误</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>username &apos;{username}&apos;: use 2–64 letters, digits, or . _ @ -</source>
        <translation>用户名“{username}”无效：请使用 2–64 个字母、数字或 . _ @ -</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>role &apos;{given}&apos; is not one of {roles}</source>
        <translation>角色“{given}”无效，应为以下之一：{roles}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the password must have at least {limit} characters</source>
        <translation>密码至少需要 {limit} 个字符</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a user named &apos;{username}&apos; already exists</source>
        <translation>用户名“{username}”已存在</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>an article needs a title</source>
        <translation>文章必须有标题</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the title is longer than {limit} characters</source>
        <translation>标题超过 {limit} 个字</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the tag &apos;{tag}&apos;… is longer than {limit} characters</source>
        <translation>标签“{tag}…”超过 {limit} 个字</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the category &apos;{category}&apos;… is longer than {limit} characters</source>
        <translation>分类“{category}…”超过 {limit} 个字</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>unknown business line {unknown}; known: {known}</source>
        <translation>未知的业务线 {unknown}；现有业务线：{known}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>a new article cannot be &apos;{status}&apos;</source>
        <translation>新文章的状态不能是“{status}”</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>call {call_id} does not exist</source>
        <translation>通话 {call_id} 不存在</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>unknown action &apos;{given}&apos;</source>
        <translation>未知的操作“{given}”</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>only a supervisor or an admin may {kb_action} knowledge articles</source>
        <translation>只有班组长或管理员才能{kb_action}知识库文章</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>you may edit only your own drafts and proposals; a supervisor edits published articles</source>
        <translation>您只能编辑自己的草稿和建议；已发布的文章由班组长编辑</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>this article is not published</source>
        <translation>该文章尚未发布</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>knowledge article {article_id} does not exist (deleted at another desk?)</source>
        <translation>知识库文章 {article_id} 不存在（可能已在其他电脑上被删除）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>“{title}” was changed by someone else (now version {version}); reopen it to see their changes</source>
        <translation>“{title}”已被他人修改（当前为第 {version} 版）；请重新打开以查看对方的修改</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>cannot write the knowledge index {path}: {detail}</source>
        <translation>无法写入知识库索引 {path}：{detail}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{path} is not empty and holds no knowledge index</source>
        <translation>{path} 不是空文件夹，其中也没有知识库索引</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the knowledge index is closed</source>
        <translation>知识库索引已关闭</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the knowledge index {path} is in use by another AgentDesk window</source>
        <translation>知识库索引 {path} 正被另一个 AgentDesk 窗口使用</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>not a Markdown file (.md)</source>
        <translation>不是 Markdown 文件（.md）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>larger than {limit_mb} MB</source>
        <translation>超过 {limit_mb} MB</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cannot be read: {detail}</source>
        <translation>无法读取：{detail}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not UTF-8 text (byte {byte}); save it as UTF-8</source>
        <translation>不是 UTF-8 文本（字节位置 {byte}）；请另存为 UTF-8</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>same title as {other}</source>
        <translation>与 {other} 标题相同</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>unknown business line {unknown} (known: {known})</source>
        <translation>未知的业务线 {unknown}（现有：{known}）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>its pictures cannot be copied: {detail}</source>
        <translation>无法复制文中的图片：{detail}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>picture {picture} not found beside the article</source>
        <translation>在文章所在文件夹中找不到图片 {picture}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>picture {picture} is not on this desk</source>
        <translation>本机上没有图片 {picture}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no front matter: the file must start with a line &apos;---&apos;</source>
        <translation>没有文件头（front matter）：文件必须以一行“---”开头</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>front matter is not closed: no second line &apos;---&apos;</source>
        <translation>文件头没有结束：缺少第二行“---”</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>front matter is not valid YAML: {problem}</source>
        <translation>文件头不是有效的 YAML：{problem}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>front matter is not valid YAML on line {line}: {problem}</source>
        <translation>文件头第 {line} 行不是有效的 YAML：{problem}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>front matter is empty: &apos;title&apos; is required</source>
        <translation>文件头为空：必须填写“title”</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>front matter must be &apos;key: value&apos; pairs, not a {kind}</source>
        <translation>文件头必须是“key: value”形式的键值对，不能是 {kind}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>front matter key {key} is not text</source>
        <translation>文件头中的键 {key} 不是文本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&apos;title&apos; is longer than {limit} characters</source>
        <translation>“title”超过 {limit} 个字</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>tag {tag}… is longer than {limit} characters</source>
        <translation>标签 {tag}… 超过 {limit} 个字</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>business line {line_code} must be a code such as &apos;health&apos; (lower-case letters, digits, &apos;-&apos;, &apos;_&apos;, &apos;.&apos;)</source>
        <translation>业务线 {line_code} 必须是“health”这样的代码（仅限小写字母、数字和“-”、“_”、“.”）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&apos;{key}&apos; is missing from the front matter</source>
        <translation>文件头中缺少“{key}”</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&apos;{key}&apos; is empty</source>
        <translation>“{key}”为空</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&apos;{key}&apos; must be a single line</source>
        <translation>“{key}”只能是一行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&apos;{key}&apos; must be text (put it in quotes)</source>
        <translation>“{key}”必须是文本（请加上引号）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&apos;{key}&apos; must be text, not a {kind}</source>
        <translation>“{key}”必须是文本，不能是 {kind}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&apos;{key}&apos; must be a list such as [a, b]</source>
        <translation>“{key}”必须是列表，例如 [a, b]</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>item {item} of &apos;{key}&apos; must be text (put it in quotes)</source>
        <translation>“{key}”的第 {item} 项必须是文本（请加上引号）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>item {item} of &apos;{key}&apos; must be text, not a {kind}</source>
        <translation>“{key}”的第 {item} 项必须是文本，不能是 {kind}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>item {item} of &apos;{key}&apos; must be a single line</source>
        <translation>“{key}”的第 {item} 项只能是一行</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>submit</source>
        <comment>Cannot … this order</comment>
        <translation>提交</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>approve</source>
        <comment>Cannot … this order</comment>
        <translation>审核通过</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>return to the agent</source>
        <comment>Cannot … this order</comment>
        <translation>退回坐席</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>return from logistics</source>
        <comment>Cannot … this order</comment>
        <translation>物流退回</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>print the label for</source>
        <comment>Cannot … this order</comment>
        <translation>打印面单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>hand over</source>
        <comment>Cannot … this order</comment>
        <translation>交接快递</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>mark as delivered</source>
        <comment>Cannot … this order</comment>
        <translation>标记为已签收</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>mark as refused</source>
        <comment>Cannot … this order</comment>
        <translation>标记为拒收</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cancel</source>
        <comment>Cannot … this order</comment>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>recipient name</source>
        <translation>收件人姓名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>recipient phone</source>
        <translation>收件人电话</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>recipient address</source>
        <translation>收件人地址</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+8"/>
        <source>province</source>
        <translation>省</translation>
    </message>
    <message>
        <location line="-7"/>
        <location line="+8"/>
        <source>city</source>
        <translation>市</translation>
    </message>
    <message>
        <location line="-7"/>
        <location line="+8"/>
        <source>district</source>
        <translation>区/县</translation>
    </message>
    <message>
        <location line="-7"/>
        <location line="+1"/>
        <location line="+7"/>
        <source>street address</source>
        <translation>详细地址</translation>
    </message>
    <message>
        <location line="-6"/>
        <location line="+7"/>
        <source>postcode</source>
        <translation>邮编</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>waybill number</source>
        <translation>运单号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>order number</source>
        <translation>订单号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>amount to collect</source>
        <translation>代收款</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>items</source>
        <translation>商品</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>sender name</source>
        <translation>寄件人姓名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>sender phone</source>
        <translation>寄件人电话</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>sender address</source>
        <translation>寄件人地址</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>publish</source>
        <comment>only a supervisor may … knowledge articles</comment>
        <translation>发布</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>archive</source>
        <comment>only a supervisor may … knowledge articles</comment>
        <translation>归档</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>delete</source>
        <comment>only a supervisor may … knowledge articles</comment>
        <translation>删除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>import</source>
        <comment>only a supervisor may … knowledge articles</comment>
        <translation>导入</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>open</source>
        <comment>follow-up status</comment>
        <translation>待处理</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>done</source>
        <comment>follow-up status</comment>
        <translation>已完成</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cancelled</source>
        <comment>follow-up status</comment>
        <translation>已取消</translation>
    </message>
    <message>
        <location line="+30"/>
        <source> or </source>
        <comment>between order states</comment>
        <translation>或</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>; </source>
        <comment>between problems</comment>
        <translation>；</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>, </source>
        <comment>between the items of a list</comment>
        <translation>、</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>{0} {1}</source>
        <comment>two sentences in a row</comment>
        <translation>{0}{1}</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Something went wrong: {0}</source>
        <translation>出错了：{0}</translation>
    </message>
    <message>
        <location filename="../../agent_desk/ui/errors_staffing.py" line="-180"/>
        <source>A forecast covers 1 to {limit} days, not {days}.</source>
        <translation>预测范围为 1 到 {limit} 天，不能是 {days} 天。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A forecast starts at most {limit} days after today, not on {day}.</source>
        <translation>预测最晚只能从今天起 {limit} 天后开始，不能从 {day} 开始。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No business line has the code &apos;{line}&apos;.</source>
        <translation>没有代码为“{line}”的业务线。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No calls were offered in the {weeks} weeks before {day}: there is nothing to forecast from.</source>
        <translation>{day} 之前的 {weeks} 周内没有呼入来电：没有可用于预测的数据。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The forecast is for supervisors and administrators, not the {role} role.</source>
        <translation>预测仅供班组长和管理员使用，{role} 角色不可使用。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The backtest of the week from {first} needs the record to start by {needed} (a week before it, for the naive baseline); its first call is on {start}.</source>
        <translation>回测从 {first} 起的一周，需要记录最晚从 {needed} 开始（即提前一周，用作朴素基线）；而记录中的第一通来电在 {start}。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No calls were offered in the week from {first} to {last}: there is nothing to score the forecast on.</source>
        <translation>{first} 至 {last} 这一周没有呼入来电：无法据此评估预测。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Special days are marked by supervisors and administrators, not the {role} role.</source>
        <translation>特殊日期由班组长和管理员标记，{role} 角色不可标记。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A special day is a holiday or a campaign, not &apos;{kind}&apos;.</source>
        <translation>特殊日期只能是节假日或广告投放日，不能是“{kind}”。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{day} is already marked so; remove that mark first to change it.</source>
        <translation>{day} 已有此标记；如需更改，请先移除该标记。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{day} has no such mark to remove.</source>
        <translation>{day} 没有可移除的此类标记。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The note is {length} characters long; at most {limit} fit.</source>
        <translation>备注共 {length} 个字，最多只能填写 {limit} 个字。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Only {days} days of history (fewer than 14): each day is forecast as the mean of the past days of its weekday (of all past days where its weekday was not seen), without trend.</source>
        <translation>历史数据只有 {days} 天（少于 14 天）：每天按以往同一星期几的平均值预测（历史中没有该星期几时，按以往所有天的平均值），不考虑趋势。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The Holt-Winters fit failed on this history: each day is forecast as the mean of the past days of its weekday, without trend.</source>
        <translation>Holt-Winters 模型无法拟合这段历史数据：每天按以往同一星期几的平均值预测，不考虑趋势。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{count} marked days in the history were left out of the ordinary pattern.</source>
        <translation>历史中有 {count} 个已标记的特殊日期未计入常规规律。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{day} is a holiday: forecast at {factor} × an ordinary day, the mean of {examples} past holidays.</source>
        <translation>{day} 是节假日：按普通日的 {factor} 倍预测，即以往 {examples} 个节假日的平均值。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{day} is a holiday and the history has none to learn from: forecast at the default {factor} × an ordinary day.</source>
        <translation>{day} 是节假日，但历史中没有节假日可供参考：按默认的普通日 {factor} 倍预测。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{day} is a campaign day: forecast at {factor} × an ordinary day, the mean of {examples} past campaign days.</source>
        <translation>{day} 是广告投放日：按普通日的 {factor} 倍预测，即以往 {examples} 个广告投放日的平均值。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{day} is a campaign day and the history has none to learn from: forecast at the default {factor} × an ordinary day.</source>
        <translation>{day} 是广告投放日，但历史中没有广告投放日可供参考：按默认的普通日 {factor} 倍预测。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No call in the history was answered: the handling time is unknown and given as 0 s.</source>
        <translation>历史中没有已接通的来电：处理时长未知，按 0 秒计。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The calls offered must be a number above 0; given {calls}.</source>
        <translation>呼入量必须是大于 0 的数；当前为 {calls}。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The interval must be longer than 0 seconds; given {interval_s}.</source>
        <translation>时段必须长于 0 秒；当前为 {interval_s}。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The average handling time must be above 0 seconds; given {aht_s}.</source>
        <translation>平均处理时长必须大于 0 秒；当前为 {aht_s}。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Give one target: a service level (a share of calls answered within some seconds) or an average speed of answer, not both and not neither.</source>
        <translation>请只设定一个目标：服务水平（在若干秒内接通的来电占比）或平均应答速度，不能两个都设，也不能都不设。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The service level must be above 0 and below 1 (0.8 for 80 %); given {sl}.</source>
        <translation>服务水平必须大于 0 且小于 1（80 % 写作 0.8）；当前为 {sl}。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The service level&apos;s answer time must be 0 seconds or more; given {seconds}.</source>
        <translation>服务水平的应答时限必须不少于 0 秒；当前为 {seconds}。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The average speed of answer must be 0 seconds or more; given {asa_s}.</source>
        <translation>平均应答速度必须不少于 0 秒；当前为 {asa_s}。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>An average speed of answer of 0 s means no caller ever waits, which no number of agents can promise; give a target above 0 s.</source>
        <translation>平均应答速度为 0 秒意味着没有任何来电需要等待，多少坐席都无法保证；请设定大于 0 秒的目标。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The callers&apos; average patience must be above 0 seconds; given {patience_s}.</source>
        <translation>来电客户的平均耐心时长必须大于 0 秒；当前为 {patience_s}。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The occupancy cap must be above 0 and at most 1 (0.85 for 85 %); given {cap}.</source>
        <translation>占用率上限必须大于 0 且不超过 1（85 % 写作 0.85）；当前为 {cap}。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The shrinkage must be 0 or more and below 1 (0.3 for 30 %); given {shrinkage}.</source>
        <translation>缺勤率必须不小于 0 且小于 1（30 % 写作 0.3）；当前为 {shrinkage}。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{erlangs} Erlangs of traffic is more than this calculation handles (at most {limit}).</source>
        <translation>{erlangs} Erlang 的话务量超出了本计算的处理范围（最多 {limit}）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A patience of {patience_s} s is too long beside the handling time to model abandons; leave the patience out (Erlang C).</source>
        <translation>耐心时长 {patience_s} 秒相对于处理时长过长，无法模拟放弃；请不填耐心时长（使用 Erlang C）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Even {agents} agents do not meet this target for {erlangs} Erlangs; ease the target.</source>
        <translation>即使有 {agents} 名坐席，在 {erlangs} Erlang 的话务量下也达不到此目标；请放宽目标。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A shift starts between 00:00 and 23:59 (minute 0 to 1439), not at minute {minute}.</source>
        <translation>班次开始时间须在 00:00 到 23:59 之间（第 0 到 1439 分钟），不能是第 {minute} 分钟。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A shift lasts 1 to 960 minutes (16 hours), not {minutes} minutes.</source>
        <translation>班次时长须为 1 到 960 分钟（16 小时），不能是 {minutes} 分钟。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Break {number} (+{offset} min for {minutes} min) must last at least a minute and lie inside the shift, which starts at +0 and ends at +{length} min.</source>
        <translation>第 {number} 次小休（从 +{offset} 分钟起，共 {minutes} 分钟）须至少持续 1 分钟，且位于班次之内；班次从 +0 开始，到 +{length} 分钟结束。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Breaks {first} and {second} overlap; put them one after the other.</source>
        <translation>第 {first} 次和第 {second} 次小休时间重叠；请前后错开安排。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{agent}&apos;s shifts starting {first} and {second} would overlap.</source>
        <translation>{agent} 在 {first} 和 {second} 开始的班次会重叠。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{agent} would rest only {hours} h between the shift ending {ended} and the one starting {starts}; the rule is at least {minimum} h.</source>
        <translation>{agent} 在 {ended} 结束的班次与 {starts} 开始的班次之间只能休息 {hours} 小时；规定至少 {minimum} 小时。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{agent} would work {hours} h in the week of {week}; the limit is {limit} h.</source>
        <translation>{agent} 在 {week} 这一周将工作 {hours} 小时；上限为 {limit} 小时。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The requirement gives {given} intervals; the plan&apos;s days have {expected}.</source>
        <translation>需求中有 {given} 个时段；而排班计划的日期共有 {expected} 个时段。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Interval {number} requires {positions} positions; it must be a whole number, 0 or more.</source>
        <translation>时段 {number} 需求 {positions} 个排班席位；席位数必须是不小于 0 的整数。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Interval {number} does not start after the one before it.</source>
        <translation>时段 {number} 的开始时间不晚于前一个时段。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The time limit is {seconds} s; give more than 0 and at most 3600 seconds.</source>
        <translation>时间限制为 {seconds} 秒；请设为大于 0 且不超过 3600 秒。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The solver found no plan within {seconds} s ({solver_status}); allow it more time.</source>
        <translation>求解器在 {seconds} 秒内未找到排班计划（{solver_status}）；请给它更多时间。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The {role} role does not plan shifts; supervisors and administrators do.</source>
        <translation>{role} 角色不能排班；排班由班组长和管理员负责。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A shift template&apos;s name is 1 to 60 characters, not &apos;{name}&apos;.</source>
        <translation>班次模板名称须为 1 到 60 个字符，不能是“{name}”。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A shift template named &apos;{name}&apos; already exists.</source>
        <translation>名为“{name}”的班次模板已存在。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>There is no shift template {template}.</source>
        <translation>没有班次模板 {template}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The shift template &apos;{name}&apos; is retired; plan with an active one.</source>
        <translation>班次模板“{name}”已停用；请使用启用中的班次模板排班。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>There is no agent {agent} to plan (an active user with the agent role).</source>
        <translation>没有可排班的坐席 {agent}（须为具有坐席角色的启用用户）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>An agent works 1 to 168 hours a week and rests 0 to 24 hours between shifts; given {hours} h and {rest} h.</source>
        <translation>坐席每周工作 1 到 168 小时，班次之间休息 0 到 24 小时；当前为 {hours} 小时和 {rest} 小时。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{agent} is marked unavailable; mark them available before giving them a shift.</source>
        <translation>{agent} 已标记为不可排班；请先将其标记为可排班，再安排班次。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The plan&apos;s last day {last} is before its first day {first}.</source>
        <translation>排班计划的结束日期 {last} 早于开始日期 {first}。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A plan covers at most {limit} days, not {days}.</source>
        <translation>排班计划最多覆盖 {limit} 天，不能是 {days} 天。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>There is no active shift template to plan with; add one first.</source>
        <translation>没有可用于排班的启用班次模板；请先添加一个。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>There is no available agent to plan.</source>
        <translation>没有可排班的坐席。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>There is no shift plan {plan_id}.</source>
        <translation>没有排班计划 {plan_id}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Plan {plan_id} was published on {published}; it cannot be published again (edit its shifts instead).</source>
        <translation>排班计划 {plan_id} 已于 {published} 发布，不能再次发布（请直接修改其中的班次）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Plan {other} is already published for {first} to {last}, which overlaps these days.</source>
        <translation>排班计划 {other} 已发布，覆盖 {first} 至 {last}，与这些日期重叠。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{day} is not a day of plan {plan_id} ({first} to {last}).</source>
        <translation>{day} 不在排班计划 {plan_id} 的日期范围内（{first} 至 {last}）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No published shift plan covers {day}.</source>
        <translation>没有覆盖 {day} 的已发布排班计划。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The requirement gives {given} intervals; {day} has {expected}.</source>
        <translation>需求中有 {given} 个时段；而 {day} 有 {expected} 个时段。</translation>
    </message>
</context>
<context>
    <name>SetupPane</name>
    <message>
        <location filename="../../agent_desk/ui/staffing/setup_pane.py" line="+65"/>
        <source>Name, e.g. Early</source>
        <translation>名称，例如 早班</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Breaks as minutes after the start : minutes long, e.g. 180:15, 270:45</source>
        <translation>小休写作“开始后的分钟数:时长（分钟）”，例如 180:15, 270:45</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add template</source>
        <translation>添加班次模板</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+25"/>
        <source>Remove selected</source>
        <translation>删除所选</translation>
    </message>
    <message>
        <location line="-18"/>
        <source>Shift templates</source>
        <translation>班次模板</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+35"/>
        <source>Holiday</source>
        <translation>节假日</translation>
    </message>
    <message>
        <location line="-34"/>
        <location line="+34"/>
        <source>Campaign day</source>
        <translation>广告投放日</translation>
    </message>
    <message>
        <location line="-32"/>
        <source>Business line code (empty: every line)</source>
        <translation>业务线代码（留空：所有业务线）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Note, e.g. 双十一 advert on CCTV</source>
        <translation>备注，例如 双十一 央视广告</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mark the day</source>
        <translation>标记该日</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Holidays and campaign days</source>
        <translation>节假日与广告投放日</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Template</source>
        <translation>班次模板</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Starts</source>
        <translation>开始</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Hours</source>
        <translation>小时数</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Breaks (after the start : minutes)</source>
        <translation>小休（开始后的分钟数 : 时长分钟数）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Line</source>
        <translation>业务线</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>every line</source>
        <translation>所有业务线</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>A break is written minutes:minutes, e.g. 180:15; not &apos;{0}&apos;.</source>
        <translation>小休须写作“分钟数:分钟数”，例如 180:15；不能是“{0}”。</translation>
    </message>
</context>
<context>
    <name>StaffingControls</name>
    <message numerus="yes">
        <location filename="../../agent_desk/ui/staffing/workspace.py" line="+69"/>
        <source>%n min</source>
        <translation>
            <numerusform>%n 分钟</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Service level</source>
        <translation>服务水平</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Average speed of answer</source>
        <translation>平均应答速度</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>no abandons (Erlang C)</source>
        <translation>不计放弃（Erlang C）</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>for</source>
        <translation>起，共</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>days, by</source>
        <translation>天，每时段</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>within</source>
        <translation>应答时限</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Caller patience</source>
        <translation>客户耐心时长</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Shrinkage</source>
        <translation>缺勤率</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Occupancy at most</source>
        <translation>占用率上限</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Period</source>
        <translation>时间范围</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Target</source>
        <translation>目标</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Limits</source>
        <translation>限制条件</translation>
    </message>
</context>
<context>
    <name>StaffingWorkspace</name>
    <message>
        <location line="+61"/>
        <source>Forecast and &amp;needs</source>
        <translation>预测与需求(&amp;N)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shift &amp;plan</source>
        <translation>排班计划(&amp;P)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>T&amp;oday</source>
        <translation>今日(&amp;O)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Templates and marked d&amp;ays</source>
        <translation>班次模板与特殊日期(&amp;A)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;My shifts</source>
        <translation>我的班次(&amp;M)</translation>
    </message>
</context>
<context>
    <name>StateControl</name>
    <message>
        <location filename="../../agent_desk/ui/desk/state_control.py" line="+53"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Ready</source>
        <translation>示闲(&amp;R)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Not ready</source>
        <translation>示忙(&amp;N)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Ready: {0} (ends after-call work now). Not ready: {1}</source>
        <translation>示闲：{0}（立即结束话后处理）。示忙：{1}</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>(loading reasons…)</source>
        <translation>（正在加载原因…）</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Not possible now: you are {0}.</source>
        <translation>现在不能这样做：您当前为“{0}”。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>just logged in</source>
        <translation>刚登录</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Ready</source>
        <translation>示闲</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not ready: {0}</source>
        <translation>示忙：{0}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ringing</source>
        <translation>振铃中</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Talking</source>
        <translation>通话中</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>On hold</source>
        <translation>保持中</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>After-call work</source>
        <translation>话后处理</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Logged out</source>
        <translation>已注销</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>until the wrap-up is saved</source>
        <translation>直到保存通话小结</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ready in {0} s</source>
        <translation>{0} 秒后示闲</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>then not ready: {0}</source>
        <translation>之后示忙：{0}</translation>
    </message>
</context>
<context>
    <name>Supervision</name>
    <message>
        <location filename="../../agent_desk/ui/supervision/columns.py" line="+45"/>
        <source>Offered</source>
        <translation>呼入量</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Answered</source>
        <translation>接通量</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Abandoned</source>
        <translation>放弃量</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Callers who hung up in the queue, short abandons not included</source>
        <translation>在队列中挂机的来电，不含短时放弃</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Short abandons</source>
        <translation>短时放弃</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Timed out</source>
        <translation>排队超时</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No outcome yet</source>
        <translation>暂无结果</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Calls still queued or talking, or whose end the record lacks</source>
        <translation>仍在排队或通话中的来电，以及记录中缺少结束事件的来电</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Answer rate</source>
        <translation>接通率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Answered ÷ (offered − short abandons)</source>
        <translation>接通量 ÷（呼入量 − 短时放弃）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Service level</source>
        <translation>服务水平</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>ASA</source>
        <translation>平均应答速度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Average speed of answer: the mean wait of answered calls</source>
        <translation>平均应答速度：已接通来电的平均等待时长</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Longest wait</source>
        <translation>最长等待</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Talk</source>
        <translation>通话</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hold</source>
        <translation>保持</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ACW</source>
        <translation>话后处理</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>AHT</source>
        <translation>平均处理时长</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Average handle time: talk + hold + after-call work</source>
        <translation>平均处理时长：通话 + 保持 + 话后处理</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Transfers</source>
        <translation>转接率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rang unanswered</source>
        <translation>振铃未接</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>FCR</source>
        <translation>首次解决率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>First-contact resolution: resolved, and no call from the same number within the days set</source>
        <translation>首次解决率：已解决，且在设定天数内同一号码未再来电</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Orders</source>
        <translation>订单数</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Conversion</source>
        <translation>转化率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Orders per answered call</source>
        <translation>每通接通来电的订单数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Revenue</source>
        <translation>销售额</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>CSAT</source>
        <translation>满意度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Follow-up surveys scored 4 or 5 ÷ answered surveys</source>
        <translation>回访评分为 4 或 5 的调查数 ÷ 已作答的调查数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>CSAT mean</source>
        <translation>满意度均分</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Logged in</source>
        <translation>登录时长</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not ready</source>
        <translation>示忙</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Time not ready, all reasons (after-call work not included)</source>
        <translation>各原因示忙时长合计（不含话后处理）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Occupancy</source>
        <translation>占用率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Handle time ÷ (handle time + ready and idle)</source>
        <translation>处理时长 ÷（处理时长 + 示闲空闲时长）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Utilisation</source>
        <translation>利用率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Handle time ÷ time logged in</source>
        <translation>处理时长 ÷ 登录时长</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Queue</source>
        <translation>队列</translation>
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
        <source>Team</source>
        <translation>班组</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Week</source>
        <translation>周</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Month</source>
        <translation>月</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Interval</source>
        <translation>时段</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>answered within {0} s ÷ (offered − short abandons)</source>
        <translation>{0} 秒内接通 ÷（呼入量 − 短时放弃）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>answered within {0} s ÷ answered (as Asterisk, Wazo, Asternic)</source>
        <translation>{0} 秒内接通 ÷ 接通量（同 Asterisk、Wazo、Asternic）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>left the queue within {0} s ÷ offered (as Amazon Connect)</source>
        <translation>{0} 秒内离开队列 ÷ 呼入量（同 Amazon Connect）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>over offered (default)</source>
        <translation>以呼入量为分母（默认）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>over answered (Asterisk)</source>
        <translation>以接通量为分母（Asterisk）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>over queued (Amazon Connect)</source>
        <translation>以入队量为分母（Amazon Connect）</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+14"/>
        <source>answered</source>
        <translation>已接通</translation>
    </message>
    <message>
        <location line="-13"/>
        <location line="+14"/>
        <source>transferred</source>
        <translation>已转接</translation>
    </message>
    <message>
        <location line="-13"/>
        <location line="+14"/>
        <source>abandoned</source>
        <translation>客户放弃</translation>
    </message>
    <message>
        <location line="-13"/>
        <location line="+14"/>
        <source>timed out</source>
        <translation>排队超时</translation>
    </message>
    <message>
        <location line="-13"/>
        <location line="+14"/>
        <source>left: no agents</source>
        <translation>离开：无坐席</translation>
    </message>
    <message>
        <location line="-13"/>
        <location line="+14"/>
        <source>left by a key</source>
        <translation>按键离开</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>no outcome yet</source>
        <translation>暂无结果</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>entered the queue</source>
        <translation>进入队列</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>dialled number</source>
        <translation>被叫号码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>rang, not answered</source>
        <translation>振铃未接</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ring cancelled</source>
        <translation>振铃取消</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>ended</source>
        <translation>结束</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>after-call work started</source>
        <translation>话后处理开始</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>after-call work ended</source>
        <translation>话后处理结束</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Service level: {0}.</source>
        <extracomment>The columns of a report, in this order; those a grouping has no figure for are left out.</extracomment>
        <translation>服务水平：{0}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Abandons under {0} s are short abandons, reported apart.</source>
        <translation>{0} 秒内的放弃计为短时放弃，单独统计。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>FCR: no repeat call within {0} days.</source>
        <translation>首次解决率：{0} 天内无重复来电。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Times in {0}.</source>
        <translation>时间以 {0} 时区为准。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>SL {0} s</source>
        <translation>服务水平 {0} 秒</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(no team)</source>
        <translation>（无班组）</translation>
    </message>
    <message>
        <location filename="../../agent_desk/ui/supervision/export.py" line="+99"/>
        <source>Report</source>
        <translation>报表</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Definitions</source>
        <translation>指标说明</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>{0} ({1})</source>
        <translation>{0}（{1}）</translation>
    </message>
</context>
<context>
    <name>SupervisionWorkspace</name>
    <message>
        <location filename="../../agent_desk/ui/supervision/workspace.py" line="+133"/>
        <source>Refresh (F5)</source>
        <translation>刷新 (F5)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export (Ctrl+E)</source>
        <translation>导出 (Ctrl+E)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>CSV…</source>
        <translation>CSV…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Excel (XLSX)…</source>
        <translation>Excel (XLSX)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Printable PDF…</source>
        <translation>可打印的 PDF…</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Double-click a figure (or press Enter) for the calls behind it</source>
        <translation>双击某个指标（或按 Enter）查看其对应的通话</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Re&amp;ports</source>
        <translation>报表(&amp;P)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Charts</source>
        <translation>图表(&amp;C)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lea&amp;gue</source>
        <translation>排行榜(&amp;G)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>L&amp;ive floor</source>
        <translation>实时现场(&amp;I)</translation>
    </message>
    <message>
        <location line="+76"/>
        <location line="+1"/>
        <source>Reading the record…</source>
        <translation>正在读取记录…</translation>
    </message>
    <message numerus="yes">
        <location line="+17"/>
        <source>%n row(s)</source>
        <translation>
            <numerusform>%n 行</numerusform>
        </translation>
    </message>
    <message>
        <location line="+68"/>
        <source>all calls</source>
        <translation>全部通话</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0} {1} — {2}, {3} to {4}</source>
        <translation>{0} {1} — {2}，{3} 至 {4}</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>{0} to {1}</source>
        <translation>{0} 至 {1}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Agent league, {0}</source>
        <translation>坐席排行榜，{0}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>KPI report by {0}, {1}</source>
        <translation>按{0}统计的 KPI 报表，{1}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Export the report</source>
        <translation>导出报表</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Writing {0}…</source>
        <translation>正在写入 {0}…</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+1"/>
        <source>Saved {0}</source>
        <translation>已保存 {0}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The report was not saved: {0}</source>
        <translation>报表未保存：{0}</translation>
    </message>
</context>
<context>
    <name>TodayPane</name>
    <message>
        <location filename="../../agent_desk/ui/staffing/today_pane.py" line="+32"/>
        <source>Reload</source>
        <translation>重新加载</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Interval</source>
        <translation>时段</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+18"/>
        <source>Required</source>
        <translation>需求</translation>
    </message>
    <message>
        <location line="-18"/>
        <location line="+19"/>
        <source>Scheduled</source>
        <translation>已排班</translation>
    </message>
    <message>
        <location line="-19"/>
        <location line="+20"/>
        <source>Working</source>
        <translation>在岗</translation>
    </message>
    <message>
        <location line="-20"/>
        <source>Gap</source>
        <translation>缺口</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Agent</source>
        <translation>坐席</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Scheduled (h)</source>
        <translation>已排班（小时）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Working (h)</source>
        <translation>在岗（小时）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Adherence</source>
        <translation>遵从率</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Required, scheduled and working agents</source>
        <translation>需求、已排班与在岗坐席数</translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>Plan #%n.</source>
        <translation>
            <numerusform>排班计划 #%n。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n interval(s) short of agents so far.</source>
        <translation>
            <numerusform>截至目前有 %n 个时段坐席不足。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Wallboard</name>
    <message>
        <location filename="../../agent_desk/ui/supervision/wallboard.py" line="+72"/>
        <source>AgentDesk — live floor</source>
        <translation>AgentDesk — 实时现场</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Needs a look</source>
        <translation>需要关注</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Nobody: every state is within its limit.</source>
        <translation>无：所有状态都在时限内。</translation>
    </message>
</context>
<context>
    <name>WrapUpPanel</name>
    <message>
        <location filename="../../agent_desk/ui/desk/wrap_up.py" line="+25"/>
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
        <location line="+12"/>
        <source>&amp;Disposition:</source>
        <translation>通话小结(&amp;D)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Notes:</source>
        <translation>备注(&amp;N)：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Propose as knowledge article…</source>
        <translation>建议收录到知识库…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Solved something others will be asked too? Turn your notes into an article.</source>
        <translation>解决的问题别人也会遇到？把备注整理成知识库文章。</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Wrap-up saved</source>
        <translation>话后处理已保存</translation>
    </message>
</context>
<context>
    <name>_Tile</name>
    <message>
        <location filename="../../agent_desk/ui/supervision/wallboard.py" line="-80"/>
        <source>waiting</source>
        <translation>排队中</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Longest {wait} · SL {sl}</source>
        <translation>最长等待 {wait} · 服务水平 {sl}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Answered {answered} · Abandoned {abandoned}</source>
        <translation>接听 {answered} · 放弃 {abandoned}</translation>
    </message>
</context>
</TS>

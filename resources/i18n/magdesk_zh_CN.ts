<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>AcceptWarnings</name>
    <message>
        <location filename="../../magdesk/gui/form.py" line="410" />
        <source>Accept warnings</source>
        <translation>接受警告</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/form.py" line="411" />
        <source>{0}

Reason for accepting:</source>
        <translation>{0}

接受的理由:</translation>
    </message>
</context>
<context>
    <name>CompanyDialog</name>
    <message>
        <location filename="../../magdesk/gui/dialogs.py" line="90" />
        <source>Welcome to magdesk — your company</source>
        <translation>欢迎使用 magdesk — 本企业信息</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/dialogs.py" line="99" />
        <source>Company name</source>
        <translation>企业名称</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/dialogs.py" line="100" />
        <source>Unified social credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/dialogs.py" line="102" />
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/dialogs.py" line="103" />
        <source>Database file</source>
        <translation>数据库文件</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/dialogs.py" line="105" />
        <source>magdesk keeps your records in one file on this computer. Enter your company first.</source>
        <translation>magdesk 把全部记录保存在本机的一个文件中。请先填写本企业信息。</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/dialogs.py" line="121" />
        <source>18 characters, from your business licence</source>
        <translation>18 位,见营业执照</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/dialogs.py" line="122" />
        <source>Not a credit code: 18 characters, digits and capitals without I, O, S, V, Z</source>
        <translation>不是有效的信用代码:应为 18 位数字或大写字母,不含 I、O、S、V、Z</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/dialogs.py" line="124" />
        <source>The check character should be {0}; please check the code</source>
        <translation>校验位应为 {0},请核对代码</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/dialogs.py" line="127" />
        <source>Valid credit code</source>
        <translation>信用代码有效</translation>
    </message>
</context>
<context>
    <name>Dashboard</name>
    <message>
        <location filename="../../magdesk/gui/dashboard.py" line="91" />
        <source>Months</source>
        <translation>各月申报</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/dashboard.py" line="96" />
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/dashboard.py" line="96" />
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/dashboard.py" line="96" />
        <source>Deadline</source>
        <translation>截止日期</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/dashboard.py" line="96" />
        <source>Days left</source>
        <translation>剩余天数</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/dashboard.py" line="97" />
        <source>Errors</source>
        <translation>错误</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/dashboard.py" line="97" />
        <source>Warnings</source>
        <translation>警告</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/dashboard.py" line="105" />
        <source>Check all records now</source>
        <translation>立即校验全部记录</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/dashboard.py" line="108" />
        <source>Monthly inbound and outbound mass by category</source>
        <translation>各月按类别的入库与出库重量</translation>
    </message>
</context>
<context>
    <name>FilingPage</name>
    <message>
        <location filename="../../magdesk/gui/pages.py" line="97" />
        <source>Export filing workbook…</source>
        <translation>导出申报表…</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/pages.py" line="98" />
        <source>Mark as filed…</source>
        <translation>标记为已申报…</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/pages.py" line="99" />
        <source>Start an amendment</source>
        <translation>发起更正</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/pages.py" line="106" />
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/pages.py" line="106" />
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/pages.py" line="106" />
        <source>Revision</source>
        <translation>更正序号</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/pages.py" line="106" />
        <source>Deadline</source>
        <translation>截止日期</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/pages.py" line="107" />
        <source>Receipt no.</source>
        <translation>回执编号</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/pages.py" line="107" />
        <source>Last file</source>
        <translation>最近导出文件</translation>
    </message>
</context>
<context>
    <name>FlowChart</name>
    <message>
        <location filename="../../magdesk/gui/dashboard.py" line="45" />
        <source>No data yet</source>
        <translation>暂无数据</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/dashboard.py" line="74" />
        <source>left: in · right: out</source>
        <translation>左:入库 · 右:出库</translation>
    </message>
</context>
<context>
    <name>History</name>
    <message>
        <location filename="../../magdesk/gui/safety.py" line="73" />
        <source>History</source>
        <translation>修改记录</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/safety.py" line="78" />
        <source>another program</source>
        <translation>其他程序</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/safety.py" line="86" />
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/safety.py" line="86" />
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/safety.py" line="86" />
        <source>What</source>
        <translation>操作</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/safety.py" line="86" />
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/safety.py" line="87" />
        <source>Old</source>
        <translation>原值</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/safety.py" line="87" />
        <source>New</source>
        <translation>新值</translation>
    </message>
</context>
<context>
    <name>InputLines</name>
    <message>
        <location filename="../../magdesk/gui/inputs.py" line="34" />
        <source>Input lot no.</source>
        <translation>投料批号</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/inputs.py" line="34" />
        <source>Input (kg)</source>
        <translation>投料重量(kg)</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/inputs.py" line="40" />
        <source>Add a line</source>
        <translation>增加一行</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/inputs.py" line="41" />
        <source>Remove the line</source>
        <translation>删除此行</translation>
    </message>
</context>
<context>
    <name>InventoryPage</name>
    <message>
        <location filename="../../magdesk/gui/pages.py" line="38" />
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/pages.py" line="48" />
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/pages.py" line="48" />
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/pages.py" line="48" />
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/pages.py" line="48" />
        <source>Opening (kg)</source>
        <translation>期初库存(kg)</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/pages.py" line="49" />
        <source>Purchased (kg)</source>
        <translation>采购入库(kg)</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/pages.py" line="49" />
        <source>Produced (kg)</source>
        <translation>生产入库(kg)</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/pages.py" line="49" />
        <source>Sold (kg)</source>
        <translation>销售出库(kg)</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/pages.py" line="50" />
        <source>Consumed (kg)</source>
        <translation>生产领用(kg)</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/pages.py" line="50" />
        <source>Lost (kg)</source>
        <translation>损耗(kg)</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/pages.py" line="50" />
        <source>Closing (kg)</source>
        <translation>期末库存(kg)</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../magdesk/gui/main_window.py" line="79" />
        <source>(no company profile)</source>
        <translation>(未填写本企业信息)</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/main_window.py" line="81" />
        <source>Credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/main_window.py" line="85" />
        <location filename="../../magdesk/gui/main_window.py" line="208" />
        <source>Read-only: {0}</source>
        <translation>只读:{0}</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/main_window.py" line="103" />
        <source>Dashboard</source>
        <translation>工作台</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/main_window.py" line="104" />
        <location filename="../../magdesk/gui/main_window.py" line="364" />
        <source>Counterparties</source>
        <translation>交易对象</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/main_window.py" line="104" />
        <location filename="../../magdesk/gui/main_window.py" line="364" />
        <source>Products</source>
        <translation>产品</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/main_window.py" line="104" />
        <location filename="../../magdesk/gui/main_window.py" line="364" />
        <source>Purchases</source>
        <translation>采购入库</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/main_window.py" line="105" />
        <location filename="../../magdesk/gui/main_window.py" line="365" />
        <source>Production batches</source>
        <translation>生产批次</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/main_window.py" line="105" />
        <location filename="../../magdesk/gui/main_window.py" line="365" />
        <source>Sales</source>
        <translation>销售出库</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/main_window.py" line="109" />
        <location filename="../../magdesk/gui/main_window.py" line="365" />
        <source>Export lines</source>
        <translation>出口明细</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/main_window.py" line="110" />
        <location filename="../../magdesk/gui/main_window.py" line="366" />
        <source>Licences</source>
        <translation>出口许可证</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/main_window.py" line="111" />
        <source>Exports and licences</source>
        <translation>出口与许可证</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/main_window.py" line="113" />
        <source>Monthly inventory</source>
        <translation>月度库存</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/main_window.py" line="118" />
        <source>Filing</source>
        <translation>申报</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/main_window.py" line="144" />
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/main_window.py" line="145" />
        <source>&amp;Open database…</source>
        <translation>打开数据库(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/main_window.py" line="147" />
        <source>Recent files</source>
        <translation>最近打开</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/main_window.py" line="150" />
        <source>&amp;Import a spreadsheet…</source>
        <translation>导入电子表格(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/main_window.py" line="151" />
        <source>&amp;Export filing workbook…</source>
        <translation>导出申报表(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/main_window.py" line="154" />
        <source>&amp;Print summary…</source>
        <translation>打印汇总表(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/main_window.py" line="156" />
        <source>&amp;Restore points…</source>
        <translation>还原点(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/main_window.py" line="158" />
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/main_window.py" line="159" />
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/main_window.py" line="160" />
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/main_window.py" line="161" />
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/main_window.py" line="163" />
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/main_window.py" line="168" />
        <source>&amp;New record</source>
        <translation>新建记录(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/main_window.py" line="169" />
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/main_window.py" line="170" />
        <source>&amp;About magdesk</source>
        <translation>关于 magdesk(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/main_window.py" line="214" />
        <source>{0} is filed and locked; start an amendment on the Filing page to change it.</source>
        <translation>{0}已申报并锁定;如需修改,请在“申报”页发起更正。</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/main_window.py" line="228" />
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/main_window.py" line="229" />
        <source>{0}?</source>
        <translation>确定{0}?</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/main_window.py" line="234" />
        <source>Not deleted</source>
        <translation>未删除</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/main_window.py" line="287" />
        <source>Checking every record…</source>
        <translation>正在校验全部记录…</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/main_window.py" line="287" />
        <source>Summing the months…</source>
        <translation>正在汇总各月数据…</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/main_window.py" line="309" />
        <source>Folder for the filing workbook</source>
        <translation>选择申报表保存文件夹</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/main_window.py" line="321" />
        <source>Writing the filing workbook…</source>
        <translation>正在生成申报表…</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/main_window.py" line="328" />
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/main_window.py" line="331" />
        <source>Not exported</source>
        <translation>未导出</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/main_window.py" line="332" />
        <source>{0} has {1} errors; correct them first:

{2}</source>
        <translation>{0}有 {1} 个错误,请先改正:

{2}</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/main_window.py" line="335" />
        <source>Exported {0}</source>
        <translation>已导出 {0}</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/main_window.py" line="340" />
        <source>Mark as filed</source>
        <translation>标记为已申报</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/main_window.py" line="341" />
        <source>Receipt number from the tracking system for {0}:</source>
        <translation>{0}在追溯系统中的回执编号:</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/main_window.py" line="347" />
        <source>Not filed</source>
        <translation>未能标记为已申报</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/main_window.py" line="354" />
        <source>No amendment</source>
        <translation>无法发起更正</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/main_window.py" line="367" />
        <location filename="../../magdesk/gui/main_window.py" line="406" />
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/main_window.py" line="367" />
        <source>What does the file hold?</source>
        <translation>文件中是哪类记录?</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/main_window.py" line="372" />
        <source>Spreadsheet to import</source>
        <translation>选择要导入的电子表格</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/main_window.py" line="373" />
        <source>Spreadsheets (*.xlsx *.xls *.csv)</source>
        <translation>电子表格 (*.xlsx *.xls *.csv)</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/main_window.py" line="387" />
        <source>Reading {0}…</source>
        <translation>正在读取 {0}…</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/main_window.py" line="394" />
        <location filename="../../magdesk/gui/main_window.py" line="402" />
        <source>Not imported</source>
        <translation>未导入</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/main_window.py" line="399" />
        <source>{0}: {1} rows, {2} errors, {3} warnings.</source>
        <translation>{0}:{1} 行,{2} 个错误,{3} 个警告。</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/main_window.py" line="408" />
        <source>Import these rows now?</source>
        <translation>现在导入这些行吗?</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/main_window.py" line="412" />
        <source>Imported {0} rows from {1}</source>
        <translation>已从 {1} 导入 {0} 行</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/main_window.py" line="422" />
        <source>Monthly flow summary</source>
        <translation>月度产品流向汇总</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/main_window.py" line="422" />
        <source>Inventory reconciliation</source>
        <translation>库存核对表</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/main_window.py" line="423" />
        <source>Licence usage</source>
        <translation>许可证使用情况</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/main_window.py" line="424" />
        <location filename="../../magdesk/gui/main_window.py" line="433" />
        <source>Print</source>
        <translation>打印</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/main_window.py" line="424" />
        <source>Which summary?</source>
        <translation>打印哪一份汇总表?</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/main_window.py" line="440" />
        <source>Open a magdesk database</source>
        <translation>打开 magdesk 数据库</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/main_window.py" line="442" />
        <source>magdesk database (*.sqlite)</source>
        <translation>magdesk 数据库 (*.sqlite)</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/main_window.py" line="460" />
        <source>Not restored</source>
        <translation>未还原</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/main_window.py" line="462" />
        <source>Restored the state of {0}</source>
        <translation>已还原到 {0} 的状态</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/main_window.py" line="475" />
        <source>About magdesk</source>
        <translation>关于 magdesk</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/main_window.py" line="476" />
        <source>&lt;b&gt;magdesk {0}&lt;/b&gt;&lt;br&gt;Records and the monthly product-flow filing for rare-earth magnet producers.&lt;br&gt;Licence: MIT&lt;br&gt;Data folder: {1}&lt;br&gt;Settings: {2}</source>
        <translation>&lt;b&gt;magdesk {0}&lt;/b&gt;&lt;br&gt;稀土永磁生产企业的台账与月度产品流向申报。&lt;br&gt;许可协议:MIT&lt;br&gt;数据文件夹:{1}&lt;br&gt;设置文件夹:{2}</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/main_window.py" line="481" />
        <source>read-only</source>
        <translation>只读</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/main_window.py" line="481" />
        <source>saved</source>
        <translation>已保存</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/main_window.py" line="483" />
        <source>Current month {0} · {1}</source>
        <translation>当前月份 {0} · {1}</translation>
    </message>
</context>
<context>
    <name>RecordForm</name>
    <message>
        <location filename="../../magdesk/gui/form.py" line="121" />
        <source>Edit</source>
        <translation>修改</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/form.py" line="121" />
        <source>New</source>
        <translation>新值</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/form.py" line="154" />
        <source>Inputs</source>
        <translation>投料明细</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/form.py" line="163" />
        <source>History…</source>
        <translation>修改记录…</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/form.py" line="378" />
        <source>Correct the fields marked red first.</source>
        <translation>请先改正标红的字段。</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/form.py" line="395" />
        <source>Saved {0}</source>
        <translation>已保存 {0}</translation>
    </message>
</context>
<context>
    <name>RecordSection</name>
    <message>
        <location filename="../../magdesk/gui/sections.py" line="36" />
        <source>New</source>
        <translation>新值</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/sections.py" line="37" />
        <source>Edit</source>
        <translation>修改</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/sections.py" line="38" />
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/sections.py" line="40" />
        <source>Filter: number, name, code…</source>
        <translation>筛选:单号、名称、编码…</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/sections.py" line="45" />
        <source>All months</source>
        <translation>全部月份</translation>
    </message>
</context>
<context>
    <name>RestorePoints</name>
    <message>
        <location filename="../../magdesk/gui/safety.py" line="39" />
        <source>Restore points</source>
        <translation>还原点</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/safety.py" line="43" />
        <source>Taken</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/safety.py" line="43" />
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/safety.py" line="43" />
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/safety.py" line="44" />
        <source>Filed months inside</source>
        <translation>其中已申报的月份</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/safety.py" line="46" />
        <source>Restoring first keeps the present state as a restore point of its own, then puts the chosen one back.</source>
        <translation>还原前会先把当前状态另存为一个还原点,再恢复所选的还原点。</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/safety.py" line="50" />
        <source>Restore</source>
        <translation>还原</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../magdesk/gui/dialogs.py" line="29" />
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/dialogs.py" line="34" />
        <source>From the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/dialogs.py" line="42" />
        <source>Any measured Dy or Tb is controlled</source>
        <translation>检出镝或铽即属管制物项</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/dialogs.py" line="43" />
        <source>Dy+Tb ≤ 0.1 % with a test report ships free</source>
        <translation>镝铽合计≤0.1%且有检测报告的不属管制</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/dialogs.py" line="49" />
        <source>t</source>
        <translation>吨</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/dialogs.py" line="51" />
        <source>Language</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/dialogs.py" line="52" />
        <source>Clerk name</source>
        <translation>制表人</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/dialogs.py" line="53" />
        <source>Filing deadline (day of next month)</source>
        <translation>申报截止日(次月几日)</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/dialogs.py" line="54" />
        <source>Dy/Tb control rule</source>
        <translation>镝铽管制判定规则</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/dialogs.py" line="55" />
        <source>Dy/Tb threshold (%)</source>
        <translation>镝铽含量阈值(%)</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/dialogs.py" line="56" />
        <source>Backup folder</source>
        <translation>备份文件夹</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/dialogs.py" line="57" />
        <source>Default mass unit</source>
        <translation>默认重量单位</translation>
    </message>
</context>
<context>
    <name>Task</name>
    <message>
        <location filename="../../magdesk/gui/tasks.py" line="52" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
</TS>
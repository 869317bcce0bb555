<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>AcceptWarnings</name>
    <message>
        <location filename="../../magdesk/gui/form_parts.py" line="237" />
        <location filename="../../magdesk/gui/form_parts.py" line="244" />
        <source>Accept warnings</source>
        <translation>接受警告</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/form_parts.py" line="238" />
        <source>{0}

Reason for accepting:</source>
        <translation>{0}

接受的理由：</translation>
    </message>
</context>
<context>
    <name>AttachmentList</name>
    <message>
        <location filename="../../magdesk/gui/attachments.py" line="75" />
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/attachments.py" line="75" />
        <source>Kind of document</source>
        <translation>文件类别</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/attachments.py" line="75" />
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/attachments.py" line="76" />
        <source>Added</source>
        <translation>添加于</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/attachments.py" line="81" />
        <source>Enter or double-click opens the file; Delete removes it (Ctrl+Z undoes). Drop files here to attach them.</source>
        <translation>回车或双击打开文件；Delete 键删除（Ctrl+Z 可撤销）。把文件拖到这里即可附加。</translation>
    </message>
</context>
<context>
    <name>AttachmentsPanel</name>
    <message>
        <location filename="../../magdesk/gui/attachments.py" line="129" />
        <source>&amp;Attach…</source>
        <translation>添加附件(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/attachments.py" line="130" />
        <source>Attach a file (PDF, JPG, PNG, OFD or any other) to this record</source>
        <translation>为本记录附加文件（PDF、JPG、PNG、OFD 或其他）</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/attachments.py" line="132" />
        <source>&amp;Open</source>
        <translation>打开(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/attachments.py" line="133" />
        <source>Open the file in its viewer (Enter)</source>
        <translation>用查看程序打开文件（回车）</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/attachments.py" line="135" />
        <source>Save a&amp;s…</source>
        <translation>另存为(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/attachments.py" line="136" />
        <source>Save a copy of the file elsewhere</source>
        <translation>把文件另存一份到别处</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/attachments.py" line="138" />
        <source>&amp;Remove</source>
        <translation>删除(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/attachments.py" line="139" />
        <source>Remove the file from this record (Delete); Ctrl+Z brings it back</source>
        <translation>从本记录删除该文件（Delete 键）；Ctrl+Z 可恢复</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/attachments.py" line="190" />
        <source>Attachments: save first to attach files</source>
        <translation>附件：请先保存本记录，再附加文件</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/attachments.py" line="193" />
        <source>Attach&amp;ments ({0})</source>
        <translation>附件（{0}）(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/attachments.py" line="195" />
        <source>Show or hide this record's attached files (Alt+M)</source>
        <translation>显示或隐藏本记录的附件（Alt+M）</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/attachments.py" line="223" />
        <source>The file is missing from the attachments folder beside the data file ({0}); put it back from a backup.</source>
        <translation>文件不在数据文件旁的附件文件夹（{0}）中；请从备份中恢复。</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/attachments.py" line="228" />
        <source>{0} — file missing</source>
        <translation>{0}——文件缺失</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/attachments.py" line="277" />
        <source>Attach files</source>
        <translation>附加文件</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/attachments.py" line="278" />
        <source>Documents and pictures (*.pdf *.jpg *.jpeg *.png *.ofd)</source>
        <translation>文档和图片 (*.pdf *.jpg *.jpeg *.png *.ofd)</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/attachments.py" line="279" />
        <source>PDF (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/attachments.py" line="279" />
        <source>Pictures (*.jpg *.jpeg *.png)</source>
        <translation>图片 (*.jpg *.jpeg *.png)</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/attachments.py" line="280" />
        <source>OFD (*.ofd)</source>
        <translation>OFD 文件 (*.ofd)</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/attachments.py" line="280" />
        <location filename="../../magdesk/gui/attachments.py" line="372" />
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/attachments.py" line="307" />
        <source>Attaching {0}…</source>
        <translation>正在附加 {0}…</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/attachments.py" line="338" />
        <source>Not attached</source>
        <translation>未附加</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/attachments.py" line="340" />
        <source>Attached: {0}</source>
        <translation>已附加：{0}</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/attachments.py" line="349" />
        <location filename="../../magdesk/gui/attachments.py" line="356" />
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/attachments.py" line="350" />
        <source>{0} cannot be opened: the file is missing from the attachments folder.</source>
        <translation>无法打开 {0}：附件文件夹中没有该文件。</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/attachments.py" line="360" />
        <source>Opened {0}</source>
        <translation>已打开 {0}</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/attachments.py" line="371" />
        <source>Save {0} as</source>
        <translation>将 {0} 另存为</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/attachments.py" line="379" />
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/attachments.py" line="382" />
        <source>Saved a copy: {0}</source>
        <translation>已另存一份：{0}</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/attachments.py" line="398" />
        <source>Removed {0} (Ctrl+Z brings it back)</source>
        <translation>已删除 {0}（Ctrl+Z 可恢复）</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/attachments.py" line="394" />
        <source>Not removed</source>
        <translation>未删除</translation>
    </message>
</context>
<context>
    <name>BackUp</name>
    <message>
        <location filename="../../magdesk/gui/flows.py" line="188" />
        <source>Back up to</source>
        <translation>备份到</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/flows.py" line="190" />
        <source>magdesk database (*.sqlite)</source>
        <translation>magdesk 数据库 (*.sqlite)</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/flows.py" line="206" />
        <source>Not backed up</source>
        <translation>未能备份</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/flows.py" line="212" />
        <source>Backed up to {0} ({1} attachments, {2})</source>
        <translation>已备份到 {0}（附件 {1} 个，共 {2}）</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/flows.py" line="216" />
        <source>Backing up…</source>
        <translation>正在备份…</translation>
    </message>
</context>
<context>
    <name>ChoosePage</name>
    <message>
        <location filename="../../magdesk/gui/import_wizard.py" line="141" />
        <source>What to import</source>
        <translation>导入什么</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/import_wizard.py" line="142" />
        <source>Choose what the spreadsheet holds and the file (xlsx, xls or csv). Nothing is written before the last step.</source>
        <translation>选择表格的内容类型和文件（xlsx、xls 或 csv）。最后一步之前不会写入任何数据。</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/import_wizard.py" line="146" />
        <source>Counterparties</source>
        <translation>交易对象</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/import_wizard.py" line="146" />
        <source>Products</source>
        <translation>产品</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/import_wizard.py" line="146" />
        <source>Purchases</source>
        <translation>采购入库</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/import_wizard.py" line="147" />
        <source>Production batches</source>
        <translation>生产批次</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/import_wizard.py" line="147" />
        <source>Sales</source>
        <translation>销售出库</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/import_wizard.py" line="148" />
        <source>Export lines</source>
        <translation>出口明细</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/import_wizard.py" line="148" />
        <source>Licences</source>
        <translation>出口许可证</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/import_wizard.py" line="149" />
        <source>The file holds</source>
        <translation>文件内容</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/import_wizard.py" line="153" />
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/import_wizard.py" line="157" />
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/import_wizard.py" line="159" />
        <source>Sheet</source>
        <translation>工作表</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/import_wizard.py" line="161" />
        <source>Refuse the file (report them)</source>
        <translation>整个文件不导入（列为错误）</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/import_wizard.py" line="162" />
        <source>Skip them</source>
        <translation>跳过</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/import_wizard.py" line="163" />
        <source>Update them from the file</source>
        <translation>用文件中的数据更新</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/import_wizard.py" line="165" />
        <source>Rows already in the database</source>
        <translation>数据库中已有的记录</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/import_wizard.py" line="171" />
        <source>Import it anyway, with replacement characters for the bad bytes (each cell holding one is listed as a warning)</source>
        <translation>仍然导入：无效字节替换为替换字符（每个含有替换字符的单元格都列为警告）</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/import_wizard.py" line="186" />
        <source>Spreadsheet to import</source>
        <translation>选择要导入的电子表格</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/import_wizard.py" line="188" />
        <source>Spreadsheets (*.xlsx *.xls *.csv)</source>
        <translation>电子表格 (*.xlsx *.xls *.csv)</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/import_wizard.py" line="196" />
        <source>(the one that fits)</source>
        <translation>（自动选择合适的工作表）</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/import_wizard.py" line="230" />
        <location filename="../../magdesk/gui/import_wizard.py" line="231" />
        <source>Reading {0}…</source>
        <translation>正在读取 {0}…</translation>
    </message>
</context>
<context>
    <name>CodesDialog</name>
    <message>
        <location filename="../../magdesk/gui/template_learn.py" line="566" />
        <source>Codes of column {0}</source>
        <translation>第 {0} 列的代码</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/template_learn.py" line="568" />
        <source>Column {0} “{1}”: the sample's code for each value</source>
        <translation>第 {0} 列“{1}”：每个取值在样表中的代码</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/template_learn.py" line="577" />
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/template_learn.py" line="591" />
        <source>OK</source>
        <translation>确定</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/template_learn.py" line="592" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>CompanyForm</name>
    <message>
        <location filename="../../magdesk/gui/company.py" line="65" />
        <source>Keep this code: it is exactly as on the business licence (an early pilot code)</source>
        <translation>保留此代码：与营业执照完全一致（早期试点代码）</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/company.py" line="71" />
        <source>18 characters, from your business licence</source>
        <translation>18 位，见营业执照</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/company.py" line="202" />
        <source>Correct the fields marked red first.</source>
        <translation>请先改正标红的字段。</translation>
    </message>
</context>
<context>
    <name>CompanyProfileDialog</name>
    <message>
        <location filename="../../magdesk/gui/company.py" line="307" />
        <source>Company profile</source>
        <translation>本企业信息</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/company.py" line="308" />
        <source>The company every filing and printout is headed with.</source>
        <translation>每份申报表和打印件都以本企业信息为抬头。</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/company.py" line="313" />
        <source>Not saved.</source>
        <translation>未保存。</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/company.py" line="336" />
        <source>Credit code changed</source>
        <translation>统一社会信用代码已更改</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/company.py" line="337" />
        <source>{0} month(s) ({1}) are filed already. The next exports and amendments will carry the credit code {2}. Change the code?</source>
        <translation>已有 {0} 个月份（{1}）已申报。更改后，今后的导出和更正将使用统一社会信用代码 {2}。确定更改吗？</translation>
    </message>
</context>
<context>
    <name>ConnectDialog</name>
    <message>
        <location filename="../../magdesk/gui/servers.py" line="75" />
        <source>Connect to server</source>
        <translation>连接服务器</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/servers.py" line="89" />
        <source>Remember password (in this computer's keyring)</source>
        <translation>记住密码（保存在本机的密钥环中）</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/servers.py" line="96" />
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/servers.py" line="97" />
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/servers.py" line="98" />
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/servers.py" line="99" />
        <source>User</source>
        <translation>用户名</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/servers.py" line="100" />
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/servers.py" line="102" />
        <source>The company's records are kept by the server; several clerks can enter at once.</source>
        <translation>本企业的数据保存在服务器上，可以多名录入员同时录入。</translation>
    </message>
</context>
<context>
    <name>ConsigneeList</name>
    <message>
        <location filename="../../magdesk/gui/inputs.py" line="243" />
        <source>Foreign counterparty name</source>
        <translation>境外交易对象名称</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/inputs.py" line="254" />
        <source>Add consignee</source>
        <translation>添加收货人</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/inputs.py" line="255" />
        <source>Remove consignee</source>
        <translation>移除收货人</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/inputs.py" line="309" />
        <source>No counterparty named {0}</source>
        <translation>没有名为“{0}”的交易对象</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/inputs.py" line="312" />
        <source>{0} is already listed</source>
        <translation>“{0}”已在列表中</translation>
    </message>
</context>
<context>
    <name>CrashNotice</name>
    <message>
        <location filename="../../magdesk/gui/crash.py" line="47" />
        <source>Something went wrong that magdesk did not foresee:
{0}

Your saved records are kept. The details were written to:
{1}
Please send that file to support.</source>
        <translation>magdesk 遇到了未预料到的问题：
{0}

已保存的记录都还在。详细信息已写入：
{1}
请把该文件发给技术支持。</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/crash.py" line="52" />
        <source>Something went wrong that magdesk did not foresee:
{0}

Your saved records are kept. The details could not be written to a log file.</source>
        <translation>magdesk 遇到了未预料到的问题：
{0}

已保存的记录都还在。详细信息也无法写入日志文件。</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/crash.py" line="58" />
        <source>magdesk: unexpected error</source>
        <translation>magdesk：意外错误</translation>
    </message>
</context>
<context>
    <name>Dashboard</name>
    <message>
        <location filename="../../magdesk/gui/dashboard.py" line="194" />
        <source>Months</source>
        <translation>各月申报</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/dashboard.py" line="198" />
        <source>No records yet. Enter your customers, suppliers and products under Counterparties and Products, then purchases, production batches and sales, or bring in your ledgers with File ▸ Import a spreadsheet. Each month with records then shows here with its filing deadline.</source>
        <translation>还没有任何记录。请先在“交易对象”和“产品”中录入客户、供应商和产品，再录入采购、生产批次和销售；也可以通过“文件 ▸ 导入电子表格”导入现有台账。有记录的月份会连同申报截止日期显示在这里。</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/dashboard.py" line="210" />
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/dashboard.py" line="210" />
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/dashboard.py" line="210" />
        <source>Deadline</source>
        <translation>截止日期</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/dashboard.py" line="210" />
        <source>Days left</source>
        <translation>剩余天数</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/dashboard.py" line="211" />
        <source>Errors</source>
        <translation>错误</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/dashboard.py" line="211" />
        <source>Warnings</source>
        <translation>警告</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/dashboard.py" line="218" />
        <source>Check all records now</source>
        <translation>立即校验全部记录</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/dashboard.py" line="224" />
        <source>Monthly inbound and outbound mass by category</source>
        <translation>各月按类别的入库与出库重量</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/dashboard.py" line="260" />
        <source>{0} days overdue</source>
        <translation>逾期 {0} 天</translation>
    </message>
</context>
<context>
    <name>DeclarationButton</name>
    <message>
        <location filename="../../magdesk/gui/declarations.py" line="99" />
        <source>Declaration elements…</source>
        <translation>申报要素…</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/declarations.py" line="101" />
        <source>The specification text and the remarks of the selected export line's declaration, as a workbook</source>
        <translation>所选出口明细所属报关单的规格型号（申报要素）和备注，导出为工作簿</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/declarations.py" line="121" />
        <source>Select an export line first.</source>
        <translation>请先选择一条出口明细。</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/declarations.py" line="125" />
        <source>Declaration elements of {0}</source>
        <translation>报关单 {0} 的申报要素</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/declarations.py" line="126" />
        <source>Workbook (*.xlsx)</source>
        <translation>工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/declarations.py" line="141" />
        <source>Declaration {0}: {1} line(s) written to {2}</source>
        <translation>报关单 {0}：{1} 项已写入 {2}</translation>
    </message>
</context>
<context>
    <name>DeclarationSettings</name>
    <message>
        <location filename="../../magdesk/gui/declarations.py" line="152" />
        <source>Declaration settings</source>
        <translation>报关申报设置</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/declarations.py" line="156" />
        <source>Brand type</source>
        <translation>品牌类型</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/declarations.py" line="157" />
        <source>Export preference</source>
        <translation>出口享惠情况</translation>
    </message>
</context>
<context>
    <name>DeclarationSettingsButton</name>
    <message>
        <location filename="../../magdesk/gui/declarations.py" line="193" />
        <source>Declaration settings…</source>
        <translation>申报设置…</translation>
    </message>
</context>
<context>
    <name>DeclarationTexts</name>
    <message>
        <location filename="../../magdesk/gui/declarations.py" line="33" />
        <source>Declaration texts</source>
        <translation>报关申报文本</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/declarations.py" line="39" />
        <source>Specification (declaration elements)</source>
        <translation>规格型号（申报要素）</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/declarations.py" line="42" />
        <source>Remarks</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/declarations.py" line="57" />
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/declarations.py" line="67" />
        <source>Copied: {0}</source>
        <translation>已复制：{0}</translation>
    </message>
</context>
<context>
    <name>DemoFlow</name>
    <message>
        <location filename="../../magdesk/gui/flows.py" line="251" />
        <location filename="../../magdesk/gui/flows.py" line="257" />
        <location filename="../../magdesk/gui/flows.py" line="261" />
        <location filename="../../magdesk/gui/flows.py" line="281" />
        <source>New demo database</source>
        <translation>新建演示数据库</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/flows.py" line="252" />
        <source>magdesk database (*.sqlite)</source>
        <translation>magdesk 数据库 (*.sqlite)</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/flows.py" line="258" />
        <source>{0} is the file open now; choose another.</source>
        <translation>{0} 是当前打开的文件，请选择其他文件。</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/flows.py" line="261" />
        <source>How many sales?</source>
        <translation>销售出库记录数：</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/flows.py" line="270" />
        <source>Making a demo database of {0} sales…</source>
        <translation>正在生成含 {0} 条销售出库的演示数据库…</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/flows.py" line="278" />
        <source>Demo database not made (cancelled)</source>
        <translation>已取消，未生成演示数据库</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/flows.py" line="287" />
        <source>Demo database made: {0}</source>
        <translation>演示数据库已生成：{0}</translation>
    </message>
</context>
<context>
    <name>DossierButton</name>
    <message>
        <location filename="../../magdesk/gui/dossier.py" line="56" />
        <source>&amp;Dossier…</source>
        <translation>报关资料包(&amp;D)…</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/dossier.py" line="58" />
        <source>The dossier of the selected line's declaration for the customs officer: a PDF, a workbook and a zip with the attachments, with the statement of performance and use</source>
        <translation>所选明细所属报关单的资料包，供海关查验：PDF、工作簿和含附件的压缩包，附性能和用途说明</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/dossier.py" line="66" />
        <source>Dossier</source>
        <translation>报关资料包</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/dossier.py" line="67" />
        <source>Select an export line first.</source>
        <translation>请先选择一条出口明细。</translation>
    </message>
</context>
<context>
    <name>DossierDialog</name>
    <message>
        <location filename="../../magdesk/gui/dossier.py" line="92" />
        <source>Dossier of declaration {0}</source>
        <translation>报关单 {0} 的资料包</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/dossier.py" line="98" />
        <source>Declaration number:</source>
        <translation>报关单号：</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/dossier.py" line="103" />
        <source>Drafted from the product data; correct it as needed. It goes into the PDF and the zip.</source>
        <translation>根据产品资料起草，请按需修改。它将写入 PDF 和压缩包。</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/dossier.py" line="106" />
        <source>&amp;Statement of performance and use:</source>
        <translation>性能和用途说明(&amp;S)：</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/dossier.py" line="110" />
        <source>Draft &amp;again</source>
        <translation>重新起草(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/dossier.py" line="112" />
        <source>Replace the text with a fresh draft from the product data</source>
        <translation>用根据产品资料重新起草的文字替换当前内容</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/dossier.py" line="121" />
        <source>The dossier's files are written into this folder</source>
        <translation>资料包的文件写入此文件夹</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/dossier.py" line="122" />
        <source>&amp;Choose…</source>
        <translation>选择(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/dossier.py" line="128" />
        <source>&amp;Folder:</source>
        <translation>文件夹(&amp;F)：</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/dossier.py" line="139" />
        <source>&amp;Make</source>
        <translation>生成(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/dossier.py" line="143" />
        <source>Open &amp;PDF</source>
        <translation>打开 PDF(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/dossier.py" line="145" />
        <source>Open f&amp;older</source>
        <translation>打开文件夹(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/dossier.py" line="182" />
        <source>Folder for the dossier</source>
        <translation>资料包的文件夹</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/dossier.py" line="195" />
        <source>{0} is not a folder; choose one.</source>
        <translation>{0} 不是文件夹，请选择一个文件夹。</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/dossier.py" line="201" />
        <location filename="../../magdesk/gui/dossier.py" line="211" />
        <source>Making the dossier…</source>
        <translation>正在生成资料包…</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/dossier.py" line="217" />
        <source>Not made: {0}</source>
        <translation>未生成：{0}</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/dossier.py" line="221" />
        <source>PDF: {0}</source>
        <translation>PDF：{0}</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/dossier.py" line="221" />
        <source>Zip: {0}</source>
        <translation>压缩包：{0}</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/dossier.py" line="224" />
        <source>Missing pieces ({0}), also listed on the cover page:</source>
        <translation>缺少的材料（{0} 项），封面上也已列出：</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/dossier.py" line="228" />
        <source>… and {0} more</source>
        <translation>……还有 {0} 项</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/dossier.py" line="230" />
        <source>Nothing is missing.</source>
        <translation>材料齐全。</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/dossier.py" line="236" />
        <source>Dossier of {0} written to {1}</source>
        <translation>报关单 {0} 的资料包已写入 {1}</translation>
    </message>
</context>
<context>
    <name>DryRunPage</name>
    <message>
        <location filename="../../magdesk/gui/import_pages.py" line="161" />
        <source>Check the whole file</source>
        <translation>检查整个文件</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/import_pages.py" line="162" />
        <source>Every row is checked with the same rules as entry; nothing is written yet. A file with errors is not imported at all.</source>
        <translation>按与录入相同的规则检查每一行，此时尚未写入。文件中只要有错误，整个文件都不会导入。</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/import_pages.py" line="171" />
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/import_pages.py" line="171" />
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/import_pages.py" line="171" />
        <source>Severity</source>
        <translation>级别</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/import_pages.py" line="172" />
        <source>Message</source>
        <translation>说明</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/import_pages.py" line="176" />
        <source>Check again</source>
        <translation>重新检查</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/import_pages.py" line="178" />
        <source>Save the error report…</source>
        <translation>保存错误报告…</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/import_pages.py" line="197" />
        <location filename="../../magdesk/gui/import_pages.py" line="200" />
        <source>Checking {0}…</source>
        <translation>正在检查 {0}…</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/import_pages.py" line="212" />
        <source>Cancelled; press Check again to check the file.</source>
        <translation>已取消；点击“重新检查”可再次检查文件。</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/import_pages.py" line="225" />
        <source>{0} rows read; {1} errors, {2} warnings.</source>
        <translation>读取 {0} 行：错误 {1} 个，警告 {2} 个。</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/import_pages.py" line="228" />
        <source>{0} rows read: {1} to add, {2} to update, {3} skipped; {4} warnings.</source>
        <translation>读取 {0} 行：将新增 {1} 条，更新 {2} 条，跳过 {3} 条；警告 {4} 个。</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/import_pages.py" line="233" />
        <source>Press Import to write them.</source>
        <translation>点击“导入”写入数据库。</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/import_pages.py" line="235" />
        <source>Correct the errors in the file (the error report marks them), then check again.</source>
        <translation>请在文件中改正错误（错误报告中已标出），然后重新检查。</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/import_pages.py" line="238" />
        <source>Nothing to import.</source>
        <translation>没有需要导入的记录。</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/import_pages.py" line="243" />
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/import_pages.py" line="243" />
        <source>Warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/import_pages.py" line="262" />
        <source>Save the error report</source>
        <translation>保存错误报告</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/import_pages.py" line="263" />
        <source>Workbook (*.xlsx)</source>
        <translation>工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/import_pages.py" line="267" />
        <source>Writing the error report…</source>
        <translation>正在写入错误报告…</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/import_pages.py" line="278" />
        <source>Error report saved: {0}</source>
        <translation>错误报告已保存：{0}</translation>
    </message>
</context>
<context>
    <name>FilingFlow</name>
    <message>
        <location filename="../../magdesk/gui/flows.py" line="33" />
        <source>Folder for the filing workbook of {0}</source>
        <translation>{0} 申报表的保存文件夹</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/flows.py" line="59" />
        <source>Writing the filing workbook…</source>
        <translation>正在生成申报表…</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/flows.py" line="41" />
        <location filename="../../magdesk/gui/flows.py" line="65" />
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/flows.py" line="45" />
        <source>Export filing workbook</source>
        <translation>导出申报表</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/flows.py" line="46" />
        <source>{0} is in that folder already. Replace it?</source>
        <translation>{0} 已在该文件夹中。替换它吗？</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/flows.py" line="68" />
        <source>Not exported</source>
        <translation>未导出</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/flows.py" line="69" />
        <source>{0} has {1} errors; correct them first:

{2}</source>
        <translation>{0}有 {1} 个错误，请先改正：

{2}</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/flows.py" line="72" />
        <source>Exported {0}</source>
        <translation>已导出 {0}</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/flows.py" line="78" />
        <source>Mark as filed</source>
        <translation>标记为已申报</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/flows.py" line="79" />
        <source>Receipt number from the tracking system for {0}:</source>
        <translation>{0}在追溯系统中的回执编号：</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/flows.py" line="85" />
        <source>Not filed</source>
        <translation>未能标记为已申报</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/flows.py" line="97" />
        <source>the workbook filed</source>
        <translation>已申报的工作簿</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/flows.py" line="99" />
        <source>Start an amendment</source>
        <translation>发起更正</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/flows.py" line="100" />
        <source>Start an amendment of {0}?

The month reopens as revision {1}: its records can be corrected, and its workbook is exported again as revision {1}. The earlier workbook ({2}) and what was filed stay as they are.</source>
        <translation>要对 {0} 发起更正吗？

该月份将重新打开为更正序号 {1}：其记录可以再次修改，申报表将按更正序号 {1} 重新导出。之前的工作簿（{2}）和已申报的内容保持不变。</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/flows.py" line="111" />
        <source>No amendment</source>
        <translation>无法发起更正</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/flows.py" line="114" />
        <source>{0} reopened as revision {1}; the earlier workbook stays as it was</source>
        <translation>{0} 已重新打开为更正序号 {1}；之前的工作簿保持不变</translation>
    </message>
</context>
<context>
    <name>FilingPage</name>
    <message>
        <location filename="../../magdesk/gui/pages.py" line="118" />
        <source>Export filing workbook…</source>
        <translation>导出申报表…</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/pages.py" line="119" />
        <source>Mark as filed…</source>
        <translation>标记为已申报…</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/pages.py" line="120" />
        <source>Start an amendment</source>
        <translation>发起更正</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/pages.py" line="132" />
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/pages.py" line="132" />
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/pages.py" line="132" />
        <source>Revision</source>
        <translation>更正序号</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/pages.py" line="132" />
        <source>Deadline</source>
        <translation>截止日期</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/pages.py" line="133" />
        <source>Receipt no.</source>
        <translation>回执编号</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/pages.py" line="133" />
        <source>Last file</source>
        <translation>最近导出文件</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/pages.py" line="155" />
        <source>Filing template: {0}</source>
        <translation>申报模板：{0}</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/pages.py" line="157" />
        <source>Chosen on the Filing templates page; a month filed or being amended is exported again with the template it was filed with</source>
        <translation>在“申报模板”页选择；已申报或更正中的月份按其申报时的模板重新导出</translation>
    </message>
</context>
<context>
    <name>FindingsDialog</name>
    <message>
        <location filename="../../magdesk/gui/findings.py" line="78" />
        <source>undated</source>
        <translation>无日期</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/findings.py" line="79" />
        <source>Findings of {0}</source>
        <translation>{0} 的检查结果</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/findings.py" line="85" />
        <source>Errors and warnings</source>
        <translation>错误和警告</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/findings.py" line="86" />
        <source>Errors</source>
        <translation>错误</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/findings.py" line="87" />
        <source>Warnings</source>
        <translation>警告</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/findings.py" line="101" />
        <source>Double-click a finding (or press Enter) to open its record.</source>
        <translation>双击某条结果（或按回车键）即可打开对应记录。</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/findings.py" line="105" />
        <source>Open record</source>
        <translation>打开记录</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/findings.py" line="108" />
        <source>Accept warning…</source>
        <translation>接受警告…</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/findings.py" line="111" />
        <source>Accept the selected warning with a reason: it is no longer counted</source>
        <translation>注明原因后接受所选警告：此后不再计入</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/findings.py" line="135" />
        <source>Errors: {0}, warnings: {1}</source>
        <translation>错误 {0} 个，警告 {1} 个</translation>
    </message>
</context>
<context>
    <name>FindingsFlow</name>
    <message>
        <location filename="../../magdesk/gui/findings.py" line="206" />
        <source>Click to list them</source>
        <translation>点击查看明细</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/findings.py" line="238" />
        <source>The records of a file this large are checked on request: press “Check all records now” first.</source>
        <translation>文件较大，记录只在需要时校验：请先点击“立即校验全部记录”。</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/findings.py" line="241" />
        <source>Still checking the records…</source>
        <translation>仍在检查记录…</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/findings.py" line="263" />
        <location filename="../../magdesk/gui/findings.py" line="266" />
        <source>Not accepted</source>
        <translation>未能接受</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/findings.py" line="270" />
        <source>Warning accepted ({0}): {1}</source>
        <translation>已接受警告（{0}）：{1}</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/findings.py" line="279" />
        <source>Findings</source>
        <translation>检查结果</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/findings.py" line="280" />
        <source>This finding is not about one record that can be opened: {0}</source>
        <translation>此结果不针对某一条可打开的记录：{0}</translation>
    </message>
</context>
<context>
    <name>FindingsModel</name>
    <message>
        <location filename="../../magdesk/gui/findings.py" line="36" />
        <source>Severity</source>
        <translation>级别</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/findings.py" line="36" />
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/findings.py" line="36" />
        <source>Record type</source>
        <translation>记录类型</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/findings.py" line="37" />
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/findings.py" line="37" />
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/findings.py" line="37" />
        <source>Message</source>
        <translation>说明</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/findings.py" line="52" />
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/findings.py" line="52" />
        <source>Warning</source>
        <translation>警告</translation>
    </message>
</context>
<context>
    <name>FirstStartDialog</name>
    <message>
        <location filename="../../magdesk/gui/company.py" line="223" />
        <source>Welcome to magdesk — your company</source>
        <translation>欢迎使用 magdesk — 本企业信息</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/company.py" line="224" />
        <source>magdesk keeps your records in one file on this computer. Enter your company first.</source>
        <translation>magdesk 把全部记录保存在本机的一个文件中。请先填写本企业信息。</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/company.py" line="231" />
        <location filename="../../magdesk/gui/company.py" line="245" />
        <source>Choose where to keep the file…</source>
        <translation>选择文件的保存位置…</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/company.py" line="234" />
        <source>Database file</source>
        <translation>数据库文件</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/company.py" line="246" />
        <source>magdesk database (*.sqlite)</source>
        <translation>magdesk 数据库 (*.sqlite)</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/company.py" line="258" />
        <source>Choose where to keep the file</source>
        <translation>请选择数据库文件的位置</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/company.py" line="260" />
        <source>A file of that name exists already; choose another name</source>
        <translation>已有同名文件，请换一个文件名</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/company.py" line="270" />
        <source>The file could not be created.</source>
        <translation>无法创建数据库文件。</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/company.py" line="279" />
        <source>New database</source>
        <translation>新建数据库</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/company.py" line="280" />
        <source>A new file for another company: its profile, then where to keep the file.</source>
        <translation>为另一家企业新建数据文件：先填写企业信息，再选择文件的保存位置。</translation>
    </message>
</context>
<context>
    <name>FlowChart</name>
    <message>
        <location filename="../../magdesk/gui/dashboard.py" line="90" />
        <source>No data yet</source>
        <translation>暂无数据</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/dashboard.py" line="112" />
        <location filename="../../magdesk/gui/dashboard.py" line="170" />
        <source>left: in · right: out</source>
        <translation>左：入库 · 右：出库</translation>
    </message>
</context>
<context>
    <name>GuardedUndo</name>
    <message>
        <location filename="../../magdesk/gui/undo.py" line="66" />
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/undo.py" line="73" />
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/undo.py" line="111" />
        <source>Undone: {0}</source>
        <translation>已撤销：{0}</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/undo.py" line="111" />
        <source>Redone: {0}</source>
        <translation>已重做：{0}</translation>
    </message>
</context>
<context>
    <name>GuideDialog</name>
    <message>
        <location filename="../../magdesk/gui/guide.py" line="21" />
        <source>User guide</source>
        <translation>使用说明</translation>
    </message>
</context>
<context>
    <name>History</name>
    <message>
        <location filename="../../magdesk/gui/safety.py" line="100" />
        <source>History</source>
        <translation>修改记录</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/safety.py" line="106" />
        <source>another program</source>
        <translation>其他程序</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/safety.py" line="109" />
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/safety.py" line="109" />
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/safety.py" line="109" />
        <source>What</source>
        <translation>操作</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/safety.py" line="109" />
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/safety.py" line="110" />
        <source>Old value</source>
        <translation>原值</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/safety.py" line="110" />
        <source>New value</source>
        <translation>新值</translation>
    </message>
</context>
<context>
    <name>ImportFlow</name>
    <message>
        <location filename="../../magdesk/gui/flows.py" line="316" />
        <source>Imported {0} rows from {1}</source>
        <translation>已从 {1} 导入 {0} 行</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <location filename="../../magdesk/gui/import_wizard.py" line="56" />
        <source>Import a spreadsheet</source>
        <translation>导入表格</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/import_wizard.py" line="59" />
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/import_wizard.py" line="110" />
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/import_wizard.py" line="111" />
        <source>Importing {0}…</source>
        <translation>正在导入 {0}…</translation>
    </message>
</context>
<context>
    <name>InputLines</name>
    <message>
        <location filename="../../magdesk/gui/inputs.py" line="63" />
        <source>{0}  {1} kg left</source>
        <translation>{0}  剩余 {1} kg</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/inputs.py" line="125" />
        <source>Input lot no.</source>
        <translation>投料批号</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/inputs.py" line="125" />
        <source>Input (kg)</source>
        <translation>投料重量(kg)</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/inputs.py" line="132" />
        <source>Add a line</source>
        <translation>增加一行</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/inputs.py" line="133" />
        <source>Remove the line</source>
        <translation>删除此行</translation>
    </message>
</context>
<context>
    <name>InventoryPage</name>
    <message>
        <location filename="../../magdesk/gui/pages.py" line="36" />
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/pages.py" line="46" />
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/pages.py" line="46" />
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/pages.py" line="46" />
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/pages.py" line="46" />
        <source>Opening (kg)</source>
        <translation>期初库存(kg)</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/pages.py" line="47" />
        <source>Purchased (kg)</source>
        <translation>采购入库(kg)</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/pages.py" line="47" />
        <source>Produced (kg)</source>
        <translation>生产入库(kg)</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/pages.py" line="47" />
        <source>Sold (kg)</source>
        <translation>销售出库(kg)</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/pages.py" line="48" />
        <source>Consumed (kg)</source>
        <translation>生产领用(kg)</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/pages.py" line="48" />
        <source>Lost (kg)</source>
        <translation>损耗(kg)</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/pages.py" line="48" />
        <source>Closing (kg)</source>
        <translation>期末库存(kg)</translation>
    </message>
</context>
<context>
    <name>KindChooser</name>
    <message>
        <location filename="../../magdesk/gui/attachment_kinds.py" line="34" />
        <source>What is it?</source>
        <translation>这是什么文件？</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/attachment_kinds.py" line="37" />
        <source>What kind of document is this?</source>
        <translation>这是哪一类文件？</translation>
    </message>
</context>
<context>
    <name>LearnDialog</name>
    <message>
        <location filename="../../magdesk/gui/template_learn.py" line="133" />
        <source>Learn a filing template from “{0}”</source>
        <translation>从“{0}”学习申报模板</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/template_learn.py" line="139" />
        <source>Sample workbook:</source>
        <translation>样表：</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/template_learn.py" line="144" />
        <source>Other sheets (kept as they are):</source>
        <translation>其他工作表（原样保留）：</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/template_learn.py" line="147" />
        <source>Template &amp;name:</source>
        <translation>模板名称(&amp;N)：</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/template_learn.py" line="149" />
        <source>Make it the company's &amp;default</source>
        <translation>设为本企业的默认模板(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/template_learn.py" line="151" />
        <source>&amp;Keep magdesk's sheets (申报信息/校验/更正说明)</source>
        <translation>保留 magdesk 的工作表（申报信息/校验/更正说明）(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/template_learn.py" line="161" />
        <source>Preview &amp;month:</source>
        <translation>预览月份(&amp;M)：</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/template_learn.py" line="189" />
        <source>&amp;Save template</source>
        <translation>保存模板(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/template_learn.py" line="192" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/template_learn.py" line="214" />
        <source>Sales</source>
        <translation>销售出库</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/template_learn.py" line="214" />
        <source>Purchases</source>
        <translation>采购入库</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/template_learn.py" line="215" />
        <source>Production batches</source>
        <translation>生产批次</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/template_learn.py" line="215" />
        <source>Export lines</source>
        <translation>出口明细</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/template_learn.py" line="216" />
        <source>Monthly inventory</source>
        <translation>月度库存</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/template_learn.py" line="217" />
        <source>Counterparties</source>
        <translation>交易对象</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/template_learn.py" line="224" />
        <source>&amp;Data of this sheet:</source>
        <translation>本表数据(&amp;D)：</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/template_learn.py" line="226" />
        <source>(not exported)</source>
        <translation>（不导出）</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/template_learn.py" line="234" />
        <source>Header in row {0}; data from row {1}</source>
        <translation>表头在第 {0} 行，数据从第 {1} 行起</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/template_learn.py" line="236" />
        <source>“{0}”</source>
        <translation>“{0}”</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/template_learn.py" line="263" />
        <source>(leave empty)</source>
        <translation>（不填）</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/template_learn.py" line="263" />
        <source>Row number</source>
        <translation>序号</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/template_learn.py" line="264" />
        <source>Period (2026-06)</source>
        <translation>所属期（2026-06）</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/template_learn.py" line="265" />
        <source>Period in Chinese (2026年6月)</source>
        <translation>所属期（中文，2026年6月）</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/template_learn.py" line="266" />
        <source>Our company's name</source>
        <translation>本企业名称</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/template_learn.py" line="267" />
        <source>Our company's credit code</source>
        <translation>本企业统一社会信用代码</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/template_learn.py" line="268" />
        <source>Fixed text…</source>
        <translation>固定文字…</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/template_learn.py" line="272" />
        <source>Fixed text: {0}</source>
        <translation>固定文字：{0}</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/template_learn.py" line="283" />
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/template_learn.py" line="283" />
        <source>Header in the sample</source>
        <translation>样表表头</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/template_learn.py" line="283" />
        <source>Unit in the sample</source>
        <translation>样表单位</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/template_learn.py" line="284" />
        <source>Drop-down list</source>
        <translation>下拉列表</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/template_learn.py" line="284" />
        <source>Takes</source>
        <translation>对应</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/template_learn.py" line="284" />
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/template_learn.py" line="284" />
        <source>Codes</source>
        <translation>代码</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/template_learn.py" line="359" />
        <source>Codes {0}/{1}…</source>
        <translation>代码 {0}/{1}…</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/template_learn.py" line="367" />
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/template_learn.py" line="367" />
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/template_learn.py" line="384" />
        <source>Fixed text</source>
        <translation>固定文字</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/template_learn.py" line="385" />
        <source>The text every row of column {0} takes:</source>
        <translation>第 {0} 列每一行填写的文字：</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/template_learn.py" line="444" />
        <source>The sample marks this column required</source>
        <translation>样表标明此列必填</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/template_learn.py" line="466" />
        <source>Give the template a name</source>
        <translation>请填写模板名称</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/template_learn.py" line="468" />
        <source>No sheet is exported: choose the data of at least one sheet</source>
        <translation>没有要导出的工作表：请至少为一张工作表选择数据</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/template_learn.py" line="472" />
        <source>&amp;Problems: none, every column is settled</source>
        <translation>待处理问题(&amp;P)：无，每一列都已对应</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/template_learn.py" line="475" />
        <source>&amp;Problems: {0} to settle before saving, {1} to look at</source>
        <translation>待处理问题(&amp;P)：{0} 个须在保存前解决，{1} 个请核对</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/template_learn.py" line="524" />
        <source>Not exported</source>
        <translation>未导出</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/template_learn.py" line="525" />
        <source>No month to preview</source>
        <translation>没有可预览的月份</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/template_learn.py" line="541" />
        <source>Preview of {0}: the first {1} of {2} rows, as they would be written</source>
        <translation>{0} 的预览：共 {2} 行中的前 {1} 行，与导出时写入的一致</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/template_learn.py" line="554" />
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
</context>
<context>
    <name>LicenceSheetButton</name>
    <message>
        <location filename="../../magdesk/gui/dossier.py" line="254" />
        <source>Licence a&amp;pplication…</source>
        <translation>许可证申请表(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/dossier.py" line="256" />
        <source>The data a dual-use export licence application asks, for the selected sale or its contract, with the attachments it needs ticked when present</source>
        <translation>所选销售或其合同的两用物项出口许可证申请数据；所需附件已有的打勾</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/dossier.py" line="265" />
        <location filename="../../magdesk/gui/dossier.py" line="287" />
        <location filename="../../magdesk/gui/dossier.py" line="303" />
        <location filename="../../magdesk/gui/dossier.py" line="310" />
        <source>Licence application</source>
        <translation>许可证申请表</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/dossier.py" line="266" />
        <source>Sale {0} belongs to contract {1}. Make the application sheet for this sale alone or for the whole contract?</source>
        <translation>销售 {0} 属于合同 {1}。为这一笔销售还是整个合同生成申请表？</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/dossier.py" line="270" />
        <source>This &amp;sale</source>
        <translation>这一笔销售(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/dossier.py" line="271" />
        <source>The whole &amp;contract</source>
        <translation>整个合同(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/dossier.py" line="288" />
        <source>Select a sale first.</source>
        <translation>请先选择一条销售记录。</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/dossier.py" line="294" />
        <source>Folder for the licence application sheet</source>
        <translation>许可证申请表的文件夹</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/dossier.py" line="311" />
        <source>The application sheet is written:
{0}
{1}</source>
        <translation>申请表已生成：
{0}
{1}</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/dossier.py" line="313" />
        <source>Open &amp;PDF</source>
        <translation>打开 PDF(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/dossier.py" line="314" />
        <source>Open f&amp;older</source>
        <translation>打开文件夹(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/dossier.py" line="321" />
        <source>Licence application sheet written to {0}</source>
        <translation>许可证申请表已写入 {0}</translation>
    </message>
</context>
<context>
    <name>LicenceTile</name>
    <message>
        <location filename="../../magdesk/gui/licences.py" line="178" />
        <source>Licences at a glance</source>
        <translation>许可证</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/licences.py" line="188" />
        <source>Open the licences</source>
        <translation>打开许可证页</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/licences.py" line="200" />
        <source>{0} in use of {1}; {2} near their limit or expiry</source>
        <translation>有效{0}个（共{1}个）；{2}个将用完或将到期</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/licences.py" line="204" />
        <source>{0}: {1} — {2} used, {3} left, {4}</source>
        <translation>{0}：{1} — 已用{2}，剩余{3}，{4}</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/licences.py" line="208" />
        <source>and {0} more</source>
        <translation>另有{0}个</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/licences.py" line="279" />
        <source>ended {0} days ago</source>
        <translation>已到期{0}天</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/licences.py" line="280" />
        <source>{0} days left</source>
        <translation>剩余{0}天</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../magdesk/gui/main_window.py" line="128" />
        <source>(no company profile)</source>
        <translation>（未填写本企业信息）</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/main_window.py" line="129" />
        <source>Credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/main_window.py" line="152" />
        <location filename="../../magdesk/gui/main_window.py" line="419" />
        <source>Read-only: {0}</source>
        <translation>只读：{0}</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/main_window.py" line="187" />
        <source>Dashboard</source>
        <translation>工作台</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/main_window.py" line="188" />
        <source>Counterparties</source>
        <translation>交易对象</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/main_window.py" line="188" />
        <source>Products</source>
        <translation>产品</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/main_window.py" line="188" />
        <source>Purchases</source>
        <translation>采购入库</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/main_window.py" line="189" />
        <source>Production batches</source>
        <translation>生产批次</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/main_window.py" line="189" />
        <source>Sales</source>
        <translation>销售出库</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/main_window.py" line="193" />
        <source>Export lines</source>
        <translation>出口明细</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/main_window.py" line="198" />
        <source>Licences</source>
        <translation>出口许可证</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/main_window.py" line="207" />
        <source>Exports and licences</source>
        <translation>出口与许可证</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/main_window.py" line="209" />
        <source>Monthly inventory</source>
        <translation>月度库存</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/main_window.py" line="215" />
        <source>Filing</source>
        <translation>申报</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/main_window.py" line="219" />
        <source>Filing templates</source>
        <translation>申报模板</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/main_window.py" line="289" />
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/main_window.py" line="290" />
        <source>&amp;New database…</source>
        <translation>新建数据库(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/main_window.py" line="291" />
        <source>&amp;Open database…</source>
        <translation>打开数据库(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/main_window.py" line="293" />
        <source>Connect to ser&amp;ver…</source>
        <translation>连接服务器(&amp;V)…</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/main_window.py" line="294" />
        <source>Recent files</source>
        <translation>最近打开</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/main_window.py" line="296" />
        <source>New &amp;demo database…</source>
        <translation>新建演示数据库(&amp;D)…</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/main_window.py" line="298" />
        <source>&amp;Import a spreadsheet…</source>
        <translation>导入电子表格(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/main_window.py" line="301" />
        <source>&amp;Export filing workbook…</source>
        <translation>导出申报表(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/main_window.py" line="305" />
        <source>&amp;Print summary…</source>
        <translation>打印汇总表(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/main_window.py" line="307" />
        <source>&amp;Back up to…</source>
        <translation>备份到(&amp;B)…</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/main_window.py" line="309" />
        <source>&amp;Restore points…</source>
        <translation>还原点(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/main_window.py" line="313" />
        <source>The company is on a server: its backups are the server administrator's</source>
        <translation>本企业的数据在服务器上：备份由服务器管理员负责</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/main_window.py" line="321" />
        <source>&amp;Company profile…</source>
        <translation>本企业信息(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/main_window.py" line="324" />
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/main_window.py" line="325" />
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/main_window.py" line="326" />
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/main_window.py" line="332" />
        <source>&amp;New record</source>
        <translation>新建记录(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/main_window.py" line="333" />
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/main_window.py" line="334" />
        <source>&amp;User guide</source>
        <translation>使用说明(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/main_window.py" line="336" />
        <source>&amp;About magdesk</source>
        <translation>关于 magdesk(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/main_window.py" line="425" />
        <source>{0} is filed and locked; start an amendment on the Filing page to change it.</source>
        <translation>{0}已申报并锁定；如需修改，请在“申报”页发起更正。</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/main_window.py" line="563" />
        <source>&lt;b&gt;magdesk {0}&lt;/b&gt;&lt;br&gt;{3}&lt;br&gt;Records and the monthly product-flow filing for rare-earth magnet producers.&lt;br&gt;Licence: MIT&lt;br&gt;Data folder: {1}&lt;br&gt;Settings: {2}</source>
        <translation>&lt;b&gt;magdesk {0}&lt;/b&gt;&lt;br&gt;{3}&lt;br&gt;稀土永磁生产企业的台账与月度产品流向申报。&lt;br&gt;许可协议：MIT&lt;br&gt;数据文件夹：{1}&lt;br&gt;设置文件夹：{2}</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/changes.py" line="61" />
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/changes.py" line="60" />
        <source>{0}?</source>
        <translation>确定{0}?</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/changes.py" line="56" />
        <location filename="../../magdesk/gui/changes.py" line="69" />
        <source>Not deleted</source>
        <translation>未删除</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/changes.py" line="89" />
        <source>Not undone</source>
        <translation>未能撤销</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/main_window.py" line="465" />
        <source>Open a magdesk database</source>
        <translation>打开 magdesk 数据库</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/main_window.py" line="467" />
        <source>magdesk database (*.sqlite)</source>
        <translation>magdesk 数据库 (*.sqlite)</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/main_window.py" line="514" />
        <source>Entries not saved</source>
        <translation>录入尚未保存</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/main_window.py" line="515" />
        <source>What was typed in these forms is not saved:
{0}

Discard it?</source>
        <translation>以下表单中的录入尚未保存：
{0}

丢弃这些录入吗？</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/main_window.py" line="539" />
        <source>Settings saved; they take effect at the next start</source>
        <translation>设置已保存，下次启动时生效</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/main_window.py" line="559" />
        <source>Built {0} on {1} (Python {2}, Qt {3})</source>
        <translation>构建于 {0}，{1}（Python {2}，Qt {3}）</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/main_window.py" line="561" />
        <source>Run from source</source>
        <translation>从源代码运行</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/main_window.py" line="562" />
        <source>About magdesk</source>
        <translation>关于 magdesk</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/main_window.py" line="568" />
        <source>read-only</source>
        <translation>只读</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/main_window.py" line="568" />
        <source>saved</source>
        <translation>已保存</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/main_window.py" line="570" />
        <source>Current month {0} · {1}</source>
        <translation>当前月份 {0} · {1}</translation>
    </message>
</context>
<context>
    <name>MappingPage</name>
    <message>
        <location filename="../../magdesk/gui/import_wizard.py" line="254" />
        <source>Columns</source>
        <translation>列对应</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/import_wizard.py" line="255" />
        <source>Check what each column of the file is imported as. Your choice is remembered for files laid out the same way.</source>
        <translation>请核对文件中每一列对应的字段。您的选择会被记住，用于相同格式的文件。</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/import_wizard.py" line="261" />
        <source>Header row</source>
        <translation>表头行</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/import_wizard.py" line="270" />
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/import_wizard.py" line="270" />
        <source>Header in the file</source>
        <translation>文件中的表头</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/import_wizard.py" line="271" />
        <source>First value</source>
        <translation>第一个值</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/import_wizard.py" line="271" />
        <source>Imported as</source>
        <translation>导入为</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/import_wizard.py" line="306" />
        <source>remembered from an earlier import</source>
        <translation>沿用以前导入时的设置</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/import_wizard.py" line="307" />
        <source>recognised</source>
        <translation>已自动识别</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/import_wizard.py" line="307" />
        <source>not recognised</source>
        <translation>未能识别</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/import_wizard.py" line="308" />
        <source>Sheet “{0}”, header in row {1} ({2})</source>
        <translation>工作表“{0}”，表头在第 {1} 行（{2}）</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/import_wizard.py" line="322" />
        <source>— not imported —</source>
        <translation>— 不导入 —</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/import_wizard.py" line="349" />
        <source>Required and not mapped: {0}</source>
        <translation>必需但尚未对应的列：{0}</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/import_wizard.py" line="352" />
        <source>Read past (same meaning as another column): {0}</source>
        <translation>已忽略（与其他列含义相同）：{0}</translation>
    </message>
</context>
<context>
    <name>MonthCounts</name>
    <message>
        <location filename="../../magdesk/gui/months.py" line="69" />
        <location filename="../../magdesk/gui/months.py" line="96" />
        <source>Summing the months…</source>
        <translation>正在汇总各月数据…</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/months.py" line="96" />
        <source>Checking every record…</source>
        <translation>正在校验全部记录…</translation>
    </message>
</context>
<context>
    <name>PreviewPage</name>
    <message>
        <location filename="../../magdesk/gui/import_pages.py" line="64" />
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/import_pages.py" line="65" />
        <source>The first rows as they will be read. Cells with a problem are marked (red: error, yellow: warning).</source>
        <translation>以下是按当前设置读取的前几行。有问题的单元格已标出（红色：错误，黄色：警告）。</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/import_pages.py" line="75" />
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/import_pages.py" line="75" />
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/import_pages.py" line="75" />
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/import_pages.py" line="76" />
        <source>Message</source>
        <translation>说明</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/import_pages.py" line="93" />
        <location filename="../../magdesk/gui/import_pages.py" line="105" />
        <source>Reading the first rows…</source>
        <translation>正在读取前几行…</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/import_pages.py" line="142" />
        <source>{0} rows shown: {1} errors, {2} warnings</source>
        <translation>显示 {0} 行：错误 {1} 个，警告 {2} 个</translation>
    </message>
</context>
<context>
    <name>RecordForm</name>
    <message>
        <location filename="../../magdesk/gui/form.py" line="105" />
        <source>Edit</source>
        <translation>修改</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/form.py" line="105" />
        <source>New</source>
        <translation>新增</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/form.py" line="144" />
        <source>Inputs</source>
        <translation>投料明细</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/form.py" line="152" />
        <source>Consignees</source>
        <translation>境外收货人</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/form.py" line="165" />
        <source>Permitted end uses (none ticked: any)</source>
        <translation>许可最终用途（不勾选：不限）</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/form.py" line="178" />
        <source>History…</source>
        <translation>修改记录…</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/form.py" line="200" />
        <source>Composition (share by mass, %)</source>
        <translation>成分（质量分数，%）</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/form.py" line="201" />
        <source>Composition test report</source>
        <translation>成分检测报告</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/form.py" line="202" />
        <source>Export control</source>
        <translation>出口管制</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/form.py" line="220" />
        <source>Control decision: {0}</source>
        <translation>管制判定：{0}</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/form.py" line="413" />
        <source>Discard what you entered?</source>
        <translation>放弃已输入的内容吗？</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/form.py" line="637" />
        <source>Fill in the yellow fields and correct the red ones first.</source>
        <translation>请先填写黄色字段并更正红色字段。</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/form.py" line="642" />
        <source>Correct the fields marked red first.</source>
        <translation>请先改正标红的字段。</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/form.py" line="670" />
        <source>Saved {0}</source>
        <translation>已保存 {0}</translation>
    </message>
</context>
<context>
    <name>RecordSection</name>
    <message>
        <location filename="../../magdesk/gui/sections.py" line="64" />
        <source>New</source>
        <translation>新增</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/sections.py" line="65" />
        <source>Edit</source>
        <translation>修改</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/sections.py" line="66" />
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/sections.py" line="70" />
        <source>Filter: number, name, code…</source>
        <translation>筛选：单号、名称、编码…</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/sections.py" line="75" />
        <location filename="../../magdesk/gui/sections.py" line="313" />
        <source>All months</source>
        <translation>全部月份</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/sections.py" line="297" />
        <source>No matching records</source>
        <translation>没有符合条件的记录</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/sections.py" line="298" />
        <source>1 row</source>
        <translation>共 1 条</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/sections.py" line="299" />
        <source>{0} rows</source>
        <translation>共 {0} 条</translation>
    </message>
</context>
<context>
    <name>Repair</name>
    <message>
        <location filename="../../magdesk/gui/repair.py" line="21" />
        <source>Repair…</source>
        <translation>修复…</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/repair.py" line="30" />
        <source>Repair the file</source>
        <translation>修复文件</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/repair.py" line="43" />
        <location filename="../../magdesk/gui/repair.py" line="55" />
        <source>Not repaired</source>
        <translation>未修复</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/repair.py" line="46" />
        <source>Repair {0}?

First a restore point of the file as it is now is taken; then, in one step recorded in the audit trail:
{1}

No record is changed.</source>
        <translation>修复 {0}？

先为文件的当前状态保存一个还原点，然后一步完成以下操作并记入审计记录：
{1}

任何记录都不会被改动。</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/repair.py" line="58" />
        <source>Repaired {0}; the file as it was is kept as restore point {1}</source>
        <translation>已修复 {0}；修复前的文件已存为还原点 {1}</translation>
    </message>
</context>
<context>
    <name>ReportPreview</name>
    <message>
        <location filename="../../magdesk/gui/printing.py" line="123" />
        <source>Print preview — {0} {1}</source>
        <translation>打印预览 — {0} {1}</translation>
    </message>
</context>
<context>
    <name>RestorePoints</name>
    <message>
        <location filename="../../magdesk/gui/safety.py" line="44" />
        <source>Restore points</source>
        <translation>还原点</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/safety.py" line="52" />
        <source>Taken</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/safety.py" line="52" />
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/safety.py" line="52" />
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/safety.py" line="53" />
        <source>Filed months inside</source>
        <translation>其中已申报的月份</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/safety.py" line="55" />
        <source>Restoring first keeps the present state as a restore point of its own, then puts the chosen one back.</source>
        <translation>还原前会先把当前状态另存为一个还原点，再恢复所选的还原点。</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/safety.py" line="59" />
        <source>Restore</source>
        <translation>还原</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/safety.py" line="61" />
        <source>From a file…</source>
        <translation>从文件还原…</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/safety.py" line="73" />
        <source>Restore from a backup file</source>
        <translation>从备份文件还原</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/safety.py" line="74" />
        <source>magdesk database (*.sqlite)</source>
        <translation>magdesk 数据库 (*.sqlite)</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/flows.py" line="169" />
        <source>Not restored</source>
        <translation>未还原</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/flows.py" line="172" />
        <source>Restored the state of {0}</source>
        <translation>已还原到 {0} 的状态</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/flows.py" line="229" />
        <source>Another company's file</source>
        <translation>另一家公司的文件</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/flows.py" line="230" />
        <source>Put it in place of this file all the same?</source>
        <translation>仍要用它替换当前文件吗？</translation>
    </message>
</context>
<context>
    <name>ScreeningBar</name>
    <message>
        <location filename="../../magdesk/gui/screening.py" line="22" />
        <source>Import a restricted-party list…</source>
        <translation>导入限制名单…</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/screening.py" line="32" />
        <source>{0}: {1} entry, newest listed {2}, imported {3}</source>
        <translation>{0}：{1} 条，最近列入 {2}，导入于 {3}</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/screening.py" line="33" />
        <source>{0}: {1} entries, newest listed {2}, imported {3}</source>
        <translation>{0}：{1} 条，最近列入 {2}，导入于 {3}</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/screening.py" line="36" />
        <source>Restricted-party lists — </source>
        <translation>限制名单——</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/screening.py" line="38" />
        <source>No restricted-party list imported yet: names are screened by the end-use rules only.</source>
        <translation>尚未导入限制名单：目前仅按最终用途规则筛查。</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/screening.py" line="42" />
        <source>A list in xlsx, xls or csv: name, other names, country, list, date listed, source. It replaces the list of the same name.</source>
        <translation>xlsx、xls 或 csv 格式的名单：名称、别名、国家（地区）、名单、列入日期、来源；导入后替换同名名单。</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/screening.py" line="51" />
        <source>Restricted-party list to import</source>
        <translation>要导入的限制名单</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/screening.py" line="52" />
        <source>Lists (*.xlsx *.xls *.csv)</source>
        <translation>名单 (*.xlsx *.xls *.csv)</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/screening.py" line="58" />
        <source>List not imported</source>
        <translation>名单未导入</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/screening.py" line="61" />
        <source>Restricted-party list imported: {0}</source>
        <translation>限制名单已导入：{0}</translation>
    </message>
</context>
<context>
    <name>ServerWatch</name>
    <message>
        <location filename="../../magdesk/gui/servers.py" line="192" />
        <source>Another clerk's changes are shown</source>
        <translation>已显示其他录入员的更改</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../magdesk/gui/dialogs.py" line="32" />
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/dialogs.py" line="37" />
        <source>From the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/dialogs.py" line="45" />
        <source>Any measured Dy or Tb is controlled</source>
        <translation>检出镝或铽即属管制物项</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/dialogs.py" line="46" />
        <source>Dy+Tb ≤ 0.1 % with a test report ships free</source>
        <translation>镝铽合计≤0.1%且有检测报告的不属管制</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/dialogs.py" line="54" />
        <source>t</source>
        <translation>吨</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/dialogs.py" line="56" />
        <source>Language</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/dialogs.py" line="57" />
        <source>Clerk name</source>
        <translation>制表人</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/dialogs.py" line="58" />
        <source>Filing deadline (day of next month)</source>
        <translation>申报截止日（次月几日）</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/dialogs.py" line="59" />
        <source>Dy/Tb control rule</source>
        <translation>镝铽管制判定规则</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/dialogs.py" line="60" />
        <source>Dy/Tb threshold (%)</source>
        <translation>镝铽含量阈值(%)</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/dialogs.py" line="63" />
        <source>Backup folder</source>
        <translation>备份文件夹</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/dialogs.py" line="64" />
        <source>Default mass unit</source>
        <translation>默认重量单位</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/dialogs.py" line="84" />
        <source>Apply {0}: {1} ({2})</source>
        <translation>启用{0}：{1}（{2}）</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/dialogs.py" line="108" />
        <source>The Dy/Tb threshold must be a percentage from 0 to 100.</source>
        <translation>镝/铽门槛须为0至100之间的百分数。</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/dialogs.py" line="123" />
        <source>The new control settings change the decision of {0} export line(s) in the months not yet filed. Keep them?</source>
        <translation>新的管制设置会改变未申报月份中 {0} 行出口明细的管制判定。确定保存吗？</translation>
    </message>
</context>
<context>
    <name>SummaryChooser</name>
    <message>
        <location filename="../../magdesk/gui/flows.py" line="137" />
        <location filename="../../magdesk/gui/print_chooser.py" line="20" />
        <source>Print</source>
        <translation>打印</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/print_chooser.py" line="23" />
        <source>Monthly flow summary</source>
        <translation>月度产品流向汇总</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/print_chooser.py" line="23" />
        <source>Inventory reconciliation</source>
        <translation>库存核对表</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/print_chooser.py" line="24" />
        <source>Licence usage</source>
        <translation>许可证使用情况</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/print_chooser.py" line="34" />
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/print_chooser.py" line="35" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/print_chooser.py" line="39" />
        <source>Summary</source>
        <translation>汇总表</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/print_chooser.py" line="40" />
        <source>Month</source>
        <translation>月份</translation>
    </message>
</context>
<context>
    <name>Switch</name>
    <message>
        <location filename="../../magdesk/gui/opening.py" line="86" />
        <location filename="../../magdesk/gui/opening.py" line="118" />
        <source>Opening {0}: checking the file…</source>
        <translation>正在打开 {0}：检查文件…</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/opening.py" line="117" />
        <source>Connecting to {0}…</source>
        <translation>正在连接 {0}…</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/opening.py" line="154" />
        <source>{0} not opened (cancelled)</source>
        <translation>未打开 {0}（已取消）</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/opening.py" line="158" />
        <source>Not opened</source>
        <translation>未打开</translation>
    </message>
</context>
<context>
    <name>Task</name>
    <message>
        <location filename="../../magdesk/gui/opening.py" line="87" />
        <location filename="../../magdesk/gui/tasks.py" line="74" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>TemplatesPage</name>
    <message>
        <location filename="../../magdesk/gui/templates.py" line="40" />
        <source>Learn from a sample…</source>
        <translation>从样表学习…</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/templates.py" line="41" />
        <source>Make default</source>
        <translation>设为默认</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/templates.py" line="42" />
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/templates.py" line="43" />
        <source>Show</source>
        <translation>查看</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/templates.py" line="53" />
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/templates.py" line="53" />
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/templates.py" line="53" />
        <source>Kept</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/templates.py" line="53" />
        <source>Default</source>
        <translation>默认</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/templates.py" line="54" />
        <source>Sample file</source>
        <translation>样表文件</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/templates.py" line="54" />
        <source>Saved at</source>
        <translation>保存时间</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/templates.py" line="64" />
        <source>An export writes through the default template. Learn the authority's own template from a sample workbook: each of its columns is mapped to magdesk's data, and the template is kept in this file.</source>
        <translation>导出按默认模板写出。可从主管部门的样表学习其模板：样表的每一列对应到 magdesk 的数据，模板保存在本文件中。</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/templates.py" line="80" />
        <source>Read-only: {0}</source>
        <translation>只读：{0}</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/templates.py" line="112" />
        <source>Built in</source>
        <translation>内置</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/templates.py" line="112" />
        <source>In this file</source>
        <translation>本文件</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/templates.py" line="122" />
        <source>The company's default: an export writes through it</source>
        <translation>本企业的默认模板：导出按它写出</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/templates.py" line="150" />
        <source>It is the default already</source>
        <translation>已是默认模板</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/templates.py" line="151" />
        <source>A built-in template cannot be deleted</source>
        <translation>内置模板不能删除</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/templates.py" line="160" />
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/templates.py" line="171" />
        <source>“{0}” is now the company's default filing template</source>
        <translation>“{0}”已设为本企业的默认申报模板</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/templates.py" line="183" />
        <source>Delete the filing template “{0}” (all its {1} versions)?</source>
        <translation>删除申报模板“{0}”（共 {1} 个版本）？</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/templates.py" line="185" />
        <source>It is the default: exports go back to the built-in template.</source>
        <translation>它是默认模板：删除后导出改用内置模板。</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/templates.py" line="188" />
        <source>Delete template</source>
        <translation>删除模板</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/templates.py" line="194" />
        <source>Filing template “{0}” deleted</source>
        <translation>申报模板“{0}”已删除</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/templates.py" line="211" />
        <source>Template</source>
        <translation>模板</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/templates.py" line="215" />
        <source>Filing template “{0}”, version {1}</source>
        <translation>申报模板“{0}”第{1}版</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/templates.py" line="245" />
        <source>The authority's sample workbook</source>
        <translation>主管部门的样表</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/templates.py" line="247" />
        <source>Excel workbook (*.xlsx *.xlsm)</source>
        <translation>Excel 工作簿 (*.xlsx *.xlsm)</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/templates.py" line="254" />
        <source>Not learned</source>
        <translation>无法学习</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/templates.py" line="269" />
        <source>Filing template “{0}” version {1} saved</source>
        <translation>申报模板“{0}”第{1}版已保存</translation>
    </message>
</context>
<context>
    <name>UsagePanel</name>
    <message>
        <location filename="../../magdesk/gui/licences.py" line="63" />
        <location filename="../../magdesk/gui/licences.py" line="91" />
        <source>Select a licence to see its usage.</source>
        <translation>选择一个许可证以查看其使用情况。</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/licences.py" line="72" />
        <source>Declaration no./line</source>
        <translation>报关单号/项号</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/licences.py" line="72" />
        <source>Declaration date</source>
        <translation>申报日期</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/licences.py" line="73" />
        <source>Weight (kg)</source>
        <translation>重量（kg）</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/licences.py" line="73" />
        <source>Consignee</source>
        <translation>境外收货人</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/licences.py" line="99" />
        <source>{0} ({1}): licensed {2}, drawn {3} kg, left {4}, {5} used, {6} — {7}</source>
        <translation>{0}（{1}）：许可数量{2}，已用{3} kg，剩余{4}，已用比例{5}，{6} — {7}</translation>
    </message>
</context>
<context>
    <name>_Report</name>
    <message>
        <location filename="../../magdesk/gui/opening.py" line="204" />
        <source>Keeping a restore point of {0}…</source>
        <translation>正在为 {0} 保存还原点…</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/opening.py" line="209" />
        <source>No restore point</source>
        <translation>未能保存还原点</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/opening.py" line="212" />
        <source>Restore point of {0} kept</source>
        <translation>已为 {0} 保存还原点</translation>
    </message>
</context>
<context>
    <name>_SheetTab</name>
    <message>
        <location filename="../../magdesk/gui/template_learn.py" line="86" />
        <source>A totals row (合计) under the data</source>
        <translation>数据下方写合计行</translation>
    </message>
    <message>
        <location filename="../../magdesk/gui/template_learn.py" line="89" />
        <source>The sums of the quantities and amounts, written after the last row, as the sample's own totals row</source>
        <translation>在最后一行之后写出数量和金额的合计，如样表自带的合计行</translation>
    </message>
</context>
</TS>
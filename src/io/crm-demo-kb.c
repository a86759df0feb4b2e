/* crm-demo-kb-text.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The sample knowledge base: the help-centre articles of the demo business
 * (software plans with integrations and an app, and an online shop of office
 * and consumer goods), in English and in Chinese, on the same topics as the
 * sample tickets.  Sample content, not user interface text: not translated.
 */

#include "config.h"

#include "crm-demo-kb.h"

static const DemoKbText kb_en[] = {
  { "How to reset your password", "account,login,password",
    "If you have forgotten your password, open the sign-in page and choose \"Forgot password\". "
    "Enter the email address you use for your account and we will send you a reset link. The "
    "link stays valid for one hour and can be used once.\n\n"
    "Choose a new password of at least 10 characters. You cannot reuse any of your last three "
    "passwords. After the change, every other device where you were signed in is signed out.\n\n"
    "No email after ten minutes? Check your spam or junk folder, and make sure you typed the "
    "address of your account. If your company signs in with single sign-on, reset your password "
    "with your company's IT team instead: we never see it." },
  { "Setting up two-step verification", "account,security,login",
    "Two-step verification asks for a six-digit code from your phone each time you sign in on a "
    "new device, so a stolen password alone is not enough to get into your account.\n\n"
    "1. Go to Account → Security and choose \"Turn on two-step verification\".\n"
    "2. Scan the QR code with an authenticator app (any app that supports TOTP works).\n"
    "3. Type the code the app shows, then save your ten recovery codes somewhere safe.\n\n"
    "Lost your phone? Sign in with one of the recovery codes, then turn two-step verification "
    "off and on again to link your new phone. Administrators of Professional and Enterprise "
    "plans can require two-step verification for everyone in the company." },
  { "Adding and removing users on your plan", "account,seats,billing",
    "Account owners and administrators manage users under Settings → Users. Choose \"Invite "
    "user\", enter their email address and pick a role: Member, Manager or Administrator. The "
    "invitation stays open for seven days.\n\n"
    "Each active user takes one seat. When you add a user beyond the seats you have paid for, "
    "we add a seat and charge the prorated amount on your next invoice. Removing a user frees "
    "the seat at once, but the price only goes down at the next renewal.\n\n"
    "Removed users can no longer sign in. Everything they created stays in your account and can "
    "be handed to another user from the same page." },
  { "Tracking your order", "orders,delivery",
    "As soon as your order leaves our warehouse we send a confirmation email with a tracking "
    "link. You can also find the link under Account → Orders, next to each order.\n\n"
    "Tracking can lag up to 24 hours behind the parcel, especially over weekends and public "
    "holidays. A status of \"Label created\" means the carrier has not scanned the parcel yet; "
    "it usually changes within one business day.\n\n"
    "If the tracking has not changed for five business days, or it says delivered but you "
    "cannot find the parcel, contact us with your order number and we will open an "
    "investigation with the carrier." },
  { "Delivery times and shipping costs", "orders,delivery,shipping",
    "Orders placed before 2 pm on a business day leave our warehouse the same day. Standard "
    "delivery takes 2–5 business days; express delivery arrives the next business day in most "
    "cities.\n\n"
    "Standard shipping is free for orders over 50. Below that it costs a flat 4.90. Express "
    "shipping costs 12.90 whatever the order value. Furniture such as the standing desk and the "
    "ergonomic chair ships by freight, free of charge, in 5–8 business days.\n\n"
    "We ship to most countries in Europe and Asia. International orders may be charged import "
    "duties and taxes by your country's customs, which are not included in our prices." },
  { "Returns and refunds", "orders,returns,refund",
    "You can return any item within 30 days of delivery, as long as it is complete and in its "
    "original packaging. Opened headphones and earbuds can be returned if they are unused and "
    "the hygiene seal is intact.\n\n"
    "To start a return, go to Account → Orders, choose the order and then \"Return items\". "
    "Print the prepaid label and drop the parcel at any post office. You do not need to call "
    "us first.\n\n"
    "Refunds go back to the original payment method within 3–5 business days after we receive "
    "the item. Gift cards and shipping costs are refunded as store credit. Subscriptions follow "
    "their own cancellation rules and are not returned this way." },
  { "What to do if an item arrives damaged", "orders,damage,returns",
    "We are sorry your item arrived damaged. Please keep the box and the packaging: the carrier "
    "may ask to see them.\n\n"
    "Within 7 days of delivery, send us a message with your order number and two or three "
    "photos: one of the outside of the box and one of the damage itself. You do not have to "
    "return the item before we send a replacement.\n\n"
    "We ship the replacement within one business day of your message, or refund you in full "
    "if the item is out of stock. For furniture delivered by freight, note any visible damage "
    "on the delivery slip before you sign it." },
  { "What the warranty covers", "warranty,hardware",
    "Every hardware product comes with a standard warranty of 12 months from the delivery date. "
    "It covers manufacturing defects: parts that stop working, buttons that fail, batteries that "
    "no longer charge under normal use.\n\n"
    "The extended warranty adds 24 months and also covers accidental damage, such as a dropped "
    "headset or liquid spilt on a speaker, up to two claims per product.\n\n"
    "Neither warranty covers normal wear (scratches, worn ear cushions), damage from opening or "
    "repairing the product yourself, or lost and stolen items." },
  { "Making a warranty claim", "warranty,hardware,claim",
    "Before you make a claim, try a reset: most headsets, speakers and trackers have a reset "
    "button or a key combination described in their quick-start guide.\n\n"
    "If the problem stays, open a claim under Account → Orders → \"Warranty claim\". Describe "
    "what happens and add a photo or a short video if you can. We answer within two business "
    "days.\n\n"
    "Approved claims are repaired or replaced free of charge, including shipping both ways. A "
    "replaced product keeps the remaining warranty of the original, or 90 days, whichever is "
    "longer." },
  { "Reading and downloading your invoices", "billing,invoice",
    "All invoices are under Account → Billing → Invoices, newest first. Choose an invoice to see "
    "its lines, or \"Download PDF\" to keep a copy. Administrators can also have every invoice "
    "sent to a separate accounting address.\n\n"
    "An invoice lists each plan, the number of seats and any prorated charges for users added "
    "during the period. If the number of seats looks wrong, check Settings → Users for invited "
    "users who have not accepted yet: open invitations do not count, but accepted ones do.\n\n"
    "Need a correction, a purchase order number or a different company name on an invoice? "
    "Contact us within 30 days of the invoice date and we will issue a corrected one." },
  { "Updating billing details and address", "billing,invoice,account",
    "The billing address, the company name and the VAT or tax number are under Account → "
    "Billing → Details. Changes apply to the next invoice; past invoices keep the details they "
    "were issued with.\n\n"
    "To change the card or bank account we charge, choose \"Payment method\" on the same page. "
    "The new method is checked with a small temporary charge that disappears within a few "
    "days.\n\n"
    "Only account owners and billing administrators can see and change these details. If you "
    "moved offices, remember to update the delivery address of your orders as well: it is kept "
    "separately under Account → Addresses." },
  { "Payment methods we accept", "billing,payment",
    "We accept Visa, Mastercard and American Express, PayPal, Alipay and WeChat Pay. Business "
    "customers on annual plans can also pay by bank transfer against an invoice.\n\n"
    "Bank transfers must arrive within 30 days of the invoice date. Please put the invoice "
    "number in the transfer reference, otherwise the payment can take several days to match.\n\n"
    "Payments are processed in the currency of your account. Your bank may charge a fee for "
    "payments in another currency; we do not add any fees of our own." },
  { "Managing, pausing or cancelling your subscription", "subscription,billing",
    "You can upgrade, downgrade or cancel your subscription at any time under Account → "
    "Subscription. An upgrade takes effect at once and you pay the difference for the rest of "
    "the period.\n\n"
    "A downgrade or a cancellation takes effect at the end of the current billing period, so you "
    "keep everything you paid for until then. We do not refund partial periods.\n\n"
    "After a cancellation your data stays available for 90 days. Reactivate within that time "
    "and everything is where you left it; after that it is deleted for good. Export your data "
    "first if you want to keep a copy." },
  { "Upgrading from Starter to Professional", "subscription,plans",
    "The Professional plan adds unlimited pipelines, custom fields, the accounting integrations "
    "and priority support by phone. Everything you already have in Starter stays as it is.\n\n"
    "To upgrade, go to Account → Subscription and choose \"Change plan\". You only pay the "
    "difference for the remaining months of your current year, and the new features are "
    "available as soon as the payment goes through.\n\n"
    "Teams of 25 users or more, or companies that need single sign-on and a dedicated account "
    "manager, should look at the Enterprise plan: ask us for a quote." },
  { "Exporting contacts to a spreadsheet", "data,export",
    "Go to Contacts, select the records you want (or none, for all of them) and choose Export → "
    "CSV. The file opens in Excel, LibreOffice, Numbers or any other spreadsheet program.\n\n"
    "The export contains every standard field and your custom fields, one column each. Phone "
    "numbers are written in international format so that they survive the spreadsheet.\n\n"
    "Large exports of more than 100,000 records are prepared in the background; we send you an "
    "email with a download link when the file is ready. The link works for seven days." },
  { "Importing data from another system", "data,import",
    "You can import contacts and companies from a CSV file or from vCard files under Settings → "
    "Import. The importer recognises the exports of the most common address books and CRMs and "
    "matches their columns to our fields for you.\n\n"
    "Before anything is saved, the importer shows how many records are new, how many match "
    "existing ones by email or phone, and which rows it cannot read. You decide whether to "
    "update the existing records or skip them.\n\n"
    "Every import can be undone for 30 days from Settings → Import → History, which removes "
    "exactly the records that import created or changed." },
  { "Fixing sync problems with accounting integrations", "integration,sync",
    "When invoices or payments stop appearing in your accounting system, open Settings → "
    "Integrations and look at the status of the connection. Most sync failures come from an "
    "expired access token.\n\n"
    "Choose \"Reconnect\" and sign in to your accounting system again. Everything that was "
    "waiting is sent within a few minutes; nothing is lost while the connection is down.\n\n"
    "If the status shows an error about a missing account or tax code, a record in your "
    "accounting system was renamed or deleted. Choose the new one in the integration's mapping "
    "and the waiting records are sent again." },
  { "Creating and rotating API keys", "integration,api,security",
    "API keys let your own scripts and other tools reach your account. Administrators create "
    "them under Settings → Integrations → API keys. Give each key a name that says what uses "
    "it, and only the permissions it needs.\n\n"
    "A key is shown once, when it is created: copy it into your tool's settings straight away. "
    "If a key is lost or may have leaked, delete it and create a new one.\n\n"
    "We recommend rotating keys every six months: create the new key, switch your tool to it, "
    "check that it works, then delete the old key. Requests with a deleted key fail at once." },
  { "Signing in with single sign-on (SSO)", "account,security,sso",
    "On the Enterprise plan your team can sign in with your company's identity provider, such "
    "as Microsoft Entra ID, Google Workspace or Okta, using SAML 2.0 or OpenID Connect.\n\n"
    "An administrator sets it up under Settings → Security → Single sign-on: enter the details "
    "from your identity provider, test the connection with your own account, then turn on \"Require "
    "single sign-on\" for everyone.\n\n"
    "With single sign-on, passwords and two-step verification are managed by your company. "
    "Users who are removed from your identity provider can no longer sign in here either." },
  { "The mobile app crashes on start", "app,mobile,troubleshooting",
    "If the app closes right after the splash screen, first make sure you have the latest "
    "version from the App Store or Google Play: most crashes are fixed in an update.\n\n"
    "Still crashing? Sign out of the app if you can, then delete it and install it again. Your "
    "data is kept in your account, not on the phone, so nothing is lost.\n\n"
    "The app needs iOS 16 or Android 10 or later. If it still crashes on a supported phone, "
    "tell us the phone model and the system version so that our developers can reproduce it." },
  { "Pairing your wireless headset", "hardware,bluetooth,headset",
    "Turn the headset off, then press and hold the power button for five seconds until the "
    "light flashes blue and red. The headset is now ready to pair.\n\n"
    "On your phone or computer, open the Bluetooth settings and choose the headset from the "
    "list. It remembers up to eight devices and connects to the last two it was used with "
    "automatically.\n\n"
    "If the headset does not appear, remove it from the list of known devices, turn Bluetooth "
    "off and on, and try again. Holding both volume buttons for ten seconds resets the headset "
    "to factory settings." },
  { "Syncing the fitness tracker with your phone", "hardware,fitness-tracker,bluetooth",
    "The fitness tracker syncs through the companion app whenever the app is open and "
    "Bluetooth is on. Open the app once a day to keep your steps and sleep data up to date; the "
    "tracker stores up to seven days of data.\n\n"
    "If syncing stops, check that the app may use Bluetooth and run in the background in your "
    "phone's settings. Battery savers often stop the app from syncing.\n\n"
    "Still no luck? Restart the tracker by holding its button for 15 seconds, then pull down "
    "on the app's home screen to sync. Your data is not lost when the tracker restarts." },
  { "Assembling the standing desk", "hardware,assembly,furniture",
    "The standing desk arrives in two boxes: the frame and the desktop. Assembly takes about 40 "
    "minutes with two people. Everything you need, including the hex key, is in the bag marked "
    "A.\n\n"
    "1. Attach the feet to the legs, then fix the cross bar between the legs.\n"
    "2. Lay the desktop upside down on a soft surface and screw the frame onto it.\n"
    "3. Fit the control panel and connect its cable to the motor box before you turn the desk "
    "over.\n\n"
    "Before first use, press the down button for 10 seconds until the desk beeps: this sets its "
    "lowest position. The desk carries up to 80 kg." },
  { "Pausing or changing your coffee subscription", "subscription,coffee,delivery",
    "Your coffee subscription can be changed until two days before each delivery, under "
    "Account → Subscriptions. You can choose another roast, switch between beans and ground "
    "coffee, or change how often it comes.\n\n"
    "Going away? Choose \"Pause\" and pick how many deliveries to skip, up to three months. The "
    "subscription starts again by itself; we send a reminder a week before.\n\n"
    "You can cancel at any time without a fee. Deliveries that have already been packed are "
    "still sent and charged." },
};

static const DemoKbText kb_zh[] = {
  { "如何重置密码", "账户,登录,密码",
    "如果忘记了密码，请打开登录页面，点击“忘记密码”，输入账户绑定的邮箱地址，我们会向您发送重置链接。"
    "链接有效期为一小时，且只能使用一次。\n\n"
    "新密码至少需要 10 个字符，并且不能与最近三次使用的密码相同。修改成功后，其他已登录的设备会自动退出。\n\n"
    "十分钟后仍未收到邮件？请检查垃圾邮件文件夹，并确认输入的是账户绑定的邮箱。"
    "如果贵公司使用单点登录，请联系公司 IT 部门重置密码，我们无法查看您的密码。" },
  { "开启两步验证", "账户,安全,登录",
    "开启两步验证后，在新设备上登录时，除了密码还需要输入手机上的六位验证码。即使密码泄露，他人也无法登录您的账户。\n\n"
    "1. 进入“账户 → 安全”，点击“开启两步验证”。\n"
    "2. 用身份验证器应用（支持 TOTP 的应用均可）扫描二维码。\n"
    "3. 输入应用显示的验证码，并把十个恢复码保存在安全的地方。\n\n"
    "手机丢了怎么办？先用恢复码登录，再关闭并重新开启两步验证，绑定新手机即可。"
    "专业版和企业版的管理员可以要求公司所有成员必须开启两步验证。" },
  { "添加和移除账号成员", "账户,席位,账单",
    "账户所有者和管理员可以在“设置 → 用户”中管理成员。点击“邀请用户”，输入对方邮箱并选择角色："
    "成员、经理或管理员。邀请在七天内有效。\n\n"
    "每个启用的用户占用一个席位。超出已购席位数添加用户时，系统会自动增加席位，并在下一张发票中按剩余天数收费。"
    "移除用户后席位立即释放，但费用在下一次续费时才会降低。\n\n"
    "被移除的用户将无法再登录，其创建的所有数据仍保留在账户中，可以在同一页面转交给其他用户。" },
  { "查询订单物流", "订单,物流",
    "订单从仓库发出后，我们会发送一封包含物流查询链接的确认邮件。您也可以在“账户 → 我的订单”中找到每个订单的物流链接。\n\n"
    "物流信息可能比包裹晚 24 小时更新，周末和节假日尤其如此。状态显示“已揽件”之前，通常在一个工作日内会有更新。\n\n"
    "如果物流信息连续五个工作日没有变化，或显示已签收但您没有收到包裹，请提供订单号联系我们，我们会向快递公司发起调查。" },
  { "配送时效与运费", "订单,物流,配送",
    "工作日下午 2 点前下单，当天从仓库发出。普通快递 2–5 个工作日送达；加急快递在大部分城市次日送达。\n\n"
    "订单满 99 元免运费，不满 99 元收取 8 元运费。加急快递统一收费 20 元。"
    "升降办公桌、人体工学椅等大件家具走物流配送，免运费，5–8 个工作日送达。\n\n"
    "港澳台及海外订单可能需要缴纳当地进口关税，该费用不包含在商品价格中。" },
  { "退货与退款", "订单,退货,退款",
    "所有商品自签收之日起 30 天内支持退货，商品需配件齐全、包装完好。"
    "已拆封的耳机类商品，在未使用且卫生封条完好的情况下也可以退货。\n\n"
    "申请退货：进入“账户 → 我的订单”，选择订单后点击“申请退货”，打印预付面单，把包裹交给任意快递网点即可，无需提前致电。\n\n"
    "我们收到商品后，退款将在 3–5 个工作日内原路退回。礼品卡和运费以账户余额形式退还。订阅服务按各自的取消规则处理，不适用此流程。" },
  { "商品到货损坏怎么办", "订单,破损,退货",
    "很抱歉商品在运输中受损。请保留外包装和填充物，快递公司可能需要查验。\n\n"
    "请在签收后 7 天内联系我们，提供订单号和两三张照片：一张外箱照片，一张损坏部位的照片。我们寄出补发商品前，您无需先退回原商品。\n\n"
    "我们会在收到消息后一个工作日内补发；如果商品缺货，则全额退款。大件家具由物流配送时，如有明显破损，请在签收单上注明后再签字。" },
  { "保修范围说明", "保修,硬件",
    "所有硬件商品自签收之日起享受 12 个月标准保修，涵盖制造缺陷，例如零件失灵、按键损坏、正常使用下电池无法充电等。\n\n"
    "延长保修在此基础上再增加 24 个月，并涵盖意外损坏，例如耳机跌落、音箱进水等，每件商品最多可申请两次。\n\n"
    "以下情况不在保修范围内：正常磨损（划痕、耳垫老化）、自行拆修造成的损坏，以及商品遗失或被盗。" },
  { "如何申请保修", "保修,硬件,售后",
    "申请保修前，请先尝试重置设备：大多数耳机、音箱和手环都有重置按钮或组合键，具体方法见快速入门指南。\n\n"
    "如果问题依旧，请在“账户 → 我的订单 → 申请保修”中提交申请，描述故障现象，最好附上照片或短视频。我们会在两个工作日内答复。\n\n"
    "审核通过后，我们将免费维修或更换，往返运费由我们承担。更换后的商品继承原商品剩余的保修期，如不足 90 天则按 90 天计算。" },
  { "查看和下载发票", "账单,发票",
    "所有发票都在“账户 → 账单 → 发票”中，按时间倒序排列。点击发票可查看明细，点击“下载 PDF”可保存副本。"
    "管理员还可以设置把每张发票同时发送到财务邮箱。\n\n"
    "发票会列出每个套餐、席位数量以及本期新增用户的按天计费。如果席位数看起来不对，请在“设置 → 用户”中检查："
    "尚未接受的邀请不计费，已接受的邀请会计费。\n\n"
    "如需更正发票、填写采购单号或更改抬头，请在开票日起 30 天内联系我们，我们会重新开具。" },
  { "更新账单信息和地址", "账单,发票,账户",
    "账单地址、公司名称和税号可在“账户 → 账单 → 账单信息”中修改。修改将在下一张发票生效，已开具的发票保持不变。\n\n"
    "如需更换扣款的银行卡或账户，请在同一页面点击“支付方式”。我们会发起一笔小额临时扣款进行验证，几天内会自动退回。\n\n"
    "只有账户所有者和账单管理员可以查看和修改这些信息。如果公司搬迁，别忘了在“账户 → 收货地址”中同时更新收货地址。" },
  { "支持的支付方式", "账单,支付",
    "我们支持支付宝、微信支付、银联卡以及 Visa、Mastercard 等国际信用卡。年付的企业客户还可以凭发票对公转账。\n\n"
    "对公转账请在开票日起 30 天内完成，并在转账备注中填写发票号，否则到账核对可能需要几天时间。\n\n"
    "所有款项按账户币种结算。使用其他币种支付时，银行可能收取手续费，我们不额外收取任何费用。" },
  { "管理、暂停或取消订阅", "订阅,账单",
    "您可以随时在“账户 → 订阅”中升级、降级或取消订阅。升级立即生效，本期剩余时间按差价补缴。\n\n"
    "降级或取消在当前计费周期结束时生效，在此之前您仍可使用已付费的全部功能。未使用的部分周期不予退款。\n\n"
    "取消后数据保留 90 天，期间重新开通即可恢复原样；超过 90 天数据将被永久删除。如需保留，请提前导出数据。" },
  { "从入门版升级到专业版", "订阅,套餐",
    "专业版增加了不限数量的销售管道、自定义字段、财务系统集成以及电话优先支持。入门版中的现有数据全部保留。\n\n"
    "升级方法：进入“账户 → 订阅”，点击“更换套餐”。只需补缴本年度剩余月份的差价，付款成功后新功能立即可用。\n\n"
    "25 人以上的团队，或需要单点登录和专属客户经理的公司，建议选择企业版，欢迎联系我们获取报价。" },
  { "将联系人导出为表格", "数据,导出",
    "进入“联系人”，勾选需要的记录（不勾选则导出全部），点击“导出 → CSV”。文件可以用 Excel、WPS 或其他表格软件打开。\n\n"
    "导出文件包含所有标准字段和自定义字段，每个字段一列。电话号码采用国际格式，避免在表格中被截断。\n\n"
    "超过 10 万条记录的大批量导出会在后台生成，完成后我们会发送带下载链接的邮件，链接七天内有效。" },
  { "从其他系统导入数据", "数据,导入",
    "您可以在“设置 → 导入”中从 CSV 文件或 vCard 文件导入联系人和公司。导入工具能识别常见通讯录和 CRM 的导出格式，自动匹配字段。\n\n"
    "保存之前，导入工具会显示新增多少条、有多少条按邮箱或电话与现有记录重复，以及哪些行无法读取。您可以选择更新已有记录或跳过。\n\n"
    "每次导入在 30 天内都可以在“设置 → 导入 → 历史记录”中撤销，撤销只会删除或还原该次导入新增或修改的记录。" },
  { "解决财务系统集成的同步问题", "集成,同步",
    "如果发票或收款不再出现在财务系统中，请打开“设置 → 集成”查看连接状态。大多数同步失败是由于访问令牌过期。\n\n"
    "点击“重新连接”并再次登录财务系统，等待中的数据会在几分钟内全部同步，连接中断期间不会丢失任何数据。\n\n"
    "如果状态显示科目或税码不存在，说明财务系统中的相应项目被重命名或删除了。在集成的映射设置中选择新的项目后，等待中的记录会重新发送。" },
  { "创建和轮换 API 密钥", "集成,API,安全",
    "API 密钥用于让您自己的脚本或其他工具访问账户。管理员可以在“设置 → 集成 → API 密钥”中创建，"
    "请为每个密钥起一个说明用途的名称，并只授予必要的权限。\n\n"
    "密钥只在创建时显示一次，请立即复制到工具的设置中。如果密钥丢失或可能泄露，请删除后重新创建。\n\n"
    "建议每六个月轮换一次密钥：先创建新密钥，把工具切换到新密钥并确认可用，再删除旧密钥。使用已删除密钥的请求会立即失败。" },
  { "使用单点登录（SSO）", "账户,安全,单点登录",
    "企业版支持团队使用公司的身份提供商登录，例如企业微信、钉钉、Microsoft Entra ID 或 Okta，协议支持 SAML 2.0 和 OpenID Connect。\n\n"
    "管理员在“设置 → 安全 → 单点登录”中配置：填写身份提供商提供的信息，先用自己的账号测试连接，再开启“要求所有人使用单点登录”。\n\n"
    "启用单点登录后，密码和两步验证由贵公司统一管理。在身份提供商中被移除的用户，也将无法登录本系统。" },
  { "手机应用启动时闪退", "应用,手机,故障排除",
    "如果应用在启动画面后立即关闭，请先确认已从应用商店更新到最新版本，大部分闪退问题都已在更新中修复。\n\n"
    "仍然闪退？如果可以，请先退出登录，然后卸载并重新安装应用。数据保存在您的账户中而不是手机上，不会丢失。\n\n"
    "应用需要 iOS 16 或 Android 10 及以上版本。如果在支持的手机上仍然闪退，请告诉我们手机型号和系统版本，方便开发人员复现问题。" },
  { "无线耳机如何配对", "硬件,蓝牙,耳机",
    "先关闭耳机，然后长按电源键五秒，直到指示灯红蓝交替闪烁，此时耳机进入配对模式。\n\n"
    "在手机或电脑上打开蓝牙设置，从列表中选择耳机即可。耳机最多可记住八台设备，并会自动连接最近使用的两台。\n\n"
    "如果搜索不到耳机，请在已配对设备中删除耳机，关闭再打开蓝牙后重试。同时按住两个音量键十秒可恢复出厂设置。" },
  { "运动手环与手机同步", "硬件,手环,蓝牙",
    "运动手环通过配套应用同步数据，只要应用打开且蓝牙开启就会自动同步。建议每天打开一次应用，手环最多可保存七天的数据。\n\n"
    "如果同步停止，请在手机设置中确认应用拥有蓝牙权限并允许后台运行。省电模式经常会阻止应用同步。\n\n"
    "仍然无法同步？长按手环按键 15 秒重启手环，然后在应用首页下拉刷新。重启不会丢失数据。" },
  { "升降办公桌安装指南", "硬件,安装,家具",
    "升降办公桌分两箱发货：桌架和桌板。两人安装约需 40 分钟，所需工具（包括内六角扳手）都在标有 A 的配件袋中。\n\n"
    "1. 将桌脚安装到立柱上，再把横梁固定在两根立柱之间。\n"
    "2. 把桌板反面朝上放在柔软的表面上，用螺丝将桌架固定在桌板上。\n"
    "3. 安装控制面板，并在翻转桌子之前把面板线缆接到电机控制盒上。\n\n"
    "首次使用前，请长按下降键 10 秒直到听到提示音，以校准最低高度。桌面最大承重 80 公斤。" },
  { "暂停或修改咖啡订阅", "订阅,咖啡,配送",
    "每次发货前两天之前，您都可以在“账户 → 我的订阅”中修改咖啡订阅：更换烘焙程度、在咖啡豆和咖啡粉之间切换，或调整配送频率。\n\n"
    "要出远门？点击“暂停”，选择跳过的次数，最长三个月。到期后订阅会自动恢复，我们会提前一周提醒您。\n\n"
    "订阅可以随时免费取消。已经打包的订单仍会照常发货并收费。" },
};

G_STATIC_ASSERT (G_N_ELEMENTS (kb_en) == G_N_ELEMENTS (kb_zh));

const DemoKbText *
demo_kb_texts (gboolean  zh,
               guint    *n)
{
  *n = zh ? G_N_ELEMENTS (kb_zh) : G_N_ELEMENTS (kb_en);
  return zh ? kb_zh : kb_en;
}

gboolean
demo_make_kb_articles (DemoGen  *gen,
                       gint64    since,
                       GError  **error)
{
  guint n_en, n_zh;
  const DemoKbText *en = demo_kb_texts (FALSE, &n_en);
  const DemoKbText *zh = demo_kb_texts (TRUE, &n_zh);

  gen->n_kb_articles = n_en + n_zh;
  gen->kb_articles = g_new0 (gint64, gen->n_kb_articles);
  for (guint i = 0; i < gen->n_kb_articles; i++)
    {
      gboolean is_zh = i >= n_en;
      guint rank = is_zh ? i - n_en : i;
      const DemoKbText *kb = is_zh ? &zh[rank] : &en[rank];
      /* The first articles (passwords, orders, returns) are read most; a
       * business reads its own language's far more. */
      gint64 popular = (gint64) (2000 * gen->scale) / (rank + 2);
      gint64 views = popular * (is_zh == gen->zh ? 4 : 1) / 4 +
                     (gint64) demo_rand_below (&gen->rand, 60 * gen->scale);
      gint64 written = since + (gint64) demo_rand_below (&gen->rand, 700) * DEMO_DAY;
      gint64 edited = written + (gint64) demo_rand_below (&gen->rand, 120) * DEMO_DAY;

      gen->kb_articles[i] = demo_next_id (gen);
      if (!demo_insert_sql (gen,
                            "INSERT INTO kb_article (id, created, updated, title, body, tags, "
                            "language, published, views) VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?)",
                            error, "iiissssi", gen->kb_articles[i], written,
                            MIN (edited, gen->reference - DEMO_DAY), kb->title, kb->body, kb->tags,
                            is_zh ? "zh-CN" : "en", views))
        return FALSE;
    }
  return TRUE;
}

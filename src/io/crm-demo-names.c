/* crm-demo-names.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Names, companies, places and texts of the sample data.  They are user data
 * in the chosen locale, not interface strings, so they are not translated.
 */

#define G_LOG_DOMAIN "CrmDemo"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "crm-demo-private.h"
#include "crm-search-fold.h"

typedef struct
{
  const char *en;
  const char *zh;
} DemoText;

#define TEXT(gen, t) ((gen)->zh ? (t).zh : (t).en)

/* --- English people --- */

static const DemoName en_given[] = {
  { "James", "james", 2 }, { "Mary", "mary", 1 }, { "John", "john", 2 },
  { "Patricia", "patricia", 1 }, { "Robert", "robert", 2 }, { "Jennifer", "jennifer", 1 },
  { "Michael", "michael", 2 }, { "Linda", "linda", 1 }, { "William", "william", 2 },
  { "Elizabeth", "elizabeth", 1 }, { "David", "david", 2 }, { "Barbara", "barbara", 1 },
  { "Richard", "richard", 2 }, { "Susan", "susan", 1 }, { "Joseph", "joseph", 2 },
  { "Jessica", "jessica", 1 }, { "Thomas", "thomas", 2 }, { "Sarah", "sarah", 1 },
  { "Charles", "charles", 2 }, { "Karen", "karen", 1 }, { "Daniel", "daniel", 2 },
  { "Nancy", "nancy", 1 }, { "Matthew", "matthew", 2 }, { "Lisa", "lisa", 1 },
  { "Anthony", "anthony", 2 }, { "Emily", "emily", 1 }, { "Mark", "mark", 2 },
  { "Olivia", "olivia", 1 }, { "Steven", "steven", 2 }, { "Emma", "emma", 1 },
  { "Andrew", "andrew", 2 }, { "Sophie", "sophie", 1 }, { "Joshua", "joshua", 2 },
  { "Hannah", "hannah", 1 }, { "Kevin", "kevin", 2 }, { "Grace", "grace", 1 },
  { "Brian", "brian", 2 }, { "Amelia", "amelia", 1 }, { "George", "george", 2 },
  { "Charlotte", "charlotte", 1 }, { "Oliver", "oliver", 2 }, { "Isla", "isla", 1 },
  { "Harry", "harry", 2 }, { "Priya", "priya", 1 }, { "Samuel", "samuel", 2 },
  { "Aisha", "aisha", 1 }, { "Ethan", "ethan", 2 }, { "Mia", "mia", 1 },
  { "Lucas", "lucas", 2 }, { "Ava", "ava", 1 }, { "Noah", "noah", 2 },
  { "Chloe", "chloe", 1 }, { "Liam", "liam", 2 }, { "Megan", "megan", 1 },
  { "Raj", "raj", 2 }, { "Fatima", "fatima", 1 }, { "Diego", "diego", 2 },
  { "Lucía", "lucia", 1 }, { "José", "jose", 2 }, { "Zoë", "zoe", 1 },
  { "Renée", "renee", 1 }, { "Chloé", "chloe", 1 }, { "François", "francois", 2 },
  { "Björn", "bjorn", 2 }, { "Noël", "noel", 2 }, { "Siobhán", "siobhan", 1 },
  { "Søren", "soren", 2 }, { "Ana", "ana", 1 }, { "Mateo", "mateo", 2 },
  { "Niamh", "niamh", 1 }, { "Connor", "connor", 2 }, { "Hiroshi", "hiroshi", 2 },
  { "Yuki", "yuki", 1 }, { "Kwame", "kwame", 2 }, { "Amara", "amara", 1 },
  { "Alex", "alex", 0 }, { "Jordan", "jordan", 0 }, { "Taylor", "taylor", 0 },
  { "Sam", "sam", 0 }, { "Robin", "robin", 0 },
};

static const DemoName en_family[] = {
  { "Smith", "smith" }, { "Johnson", "johnson" }, { "Williams", "williams" },
  { "Brown", "brown" }, { "Jones", "jones" }, { "Miller", "miller" },
  { "Davis", "davis" }, { "Wilson", "wilson" }, { "Anderson", "anderson" },
  { "Taylor", "taylor" }, { "Thomas", "thomas" }, { "Moore", "moore" },
  { "Jackson", "jackson" }, { "Martin", "martin" }, { "Lee", "lee" },
  { "Thompson", "thompson" }, { "White", "white" }, { "Harris", "harris" },
  { "Clark", "clark" }, { "Lewis", "lewis" }, { "Robinson", "robinson" },
  { "Walker", "walker" }, { "Young", "young" }, { "Allen", "allen" },
  { "King", "king" }, { "Wright", "wright" }, { "Scott", "scott" },
  { "Hill", "hill" }, { "Green", "green" }, { "Adams", "adams" },
  { "Baker", "baker" }, { "Nelson", "nelson" }, { "Carter", "carter" },
  { "Mitchell", "mitchell" }, { "Roberts", "roberts" }, { "Turner", "turner" },
  { "Phillips", "phillips" }, { "Campbell", "campbell" }, { "Parker", "parker" },
  { "Evans", "evans" }, { "Edwards", "edwards" }, { "Collins", "collins" },
  { "Stewart", "stewart" }, { "Morris", "morris" }, { "Murphy", "murphy" },
  { "Cook", "cook" }, { "Rogers", "rogers" }, { "Morgan", "morgan" },
  { "Cooper", "cooper" }, { "Peterson", "peterson" }, { "Reed", "reed" },
  { "Bailey", "bailey" }, { "Kelly", "kelly" }, { "Howard", "howard" },
  { "Ward", "ward" }, { "Hughes", "hughes" }, { "Patel", "patel" },
  { "Khan", "khan" }, { "Singh", "singh" }, { "Nguyen", "nguyen" },
  { "Kim", "kim" }, { "Chen", "chen" }, { "Tanaka", "tanaka" },
  { "O'Brien", "obrien" }, { "O'Connor", "oconnor" }, { "McDonald", "mcdonald" },
  { "García", "garcia" }, { "Martínez", "martinez" }, { "Rodríguez", "rodriguez" },
  { "Hernández", "hernandez" }, { "López", "lopez" }, { "González", "gonzalez" },
  { "Núñez", "nunez" }, { "Müller", "muller" }, { "Schäfer", "schafer" },
  { "Dubois", "dubois" }, { "Lefèvre", "lefevre" }, { "Johansson", "johansson" },
  { "Nowak", "nowak" }, { "Kowalski", "kowalski" }, { "Rossi", "rossi" },
  { "Okafor", "okafor" }, { "Mensah", "mensah" }, { "Fitzgerald", "fitzgerald" },
  { "Hartley", "hartley" }, { "Kessler", "kessler" }, { "Whitaker", "whitaker" },
  { "Langley", "langley" }, { "Sinclair", "sinclair" }, { "Ashworth", "ashworth" },
};

/* --- Chinese people --- */

static const DemoName zh_family[] = {
  { "王", "wang" }, { "李", "li" }, { "张", "zhang" }, { "刘", "liu" }, { "陈", "chen" },
  { "杨", "yang" }, { "黄", "huang" }, { "赵", "zhao" }, { "吴", "wu" }, { "周", "zhou" },
  { "徐", "xu" }, { "孙", "sun" }, { "马", "ma" }, { "朱", "zhu" }, { "胡", "hu" },
  { "郭", "guo" }, { "何", "he" }, { "高", "gao" }, { "林", "lin" }, { "罗", "luo" },
  { "郑", "zheng" }, { "梁", "liang" }, { "谢", "xie" }, { "宋", "song" }, { "唐", "tang" },
  { "许", "xu" }, { "韩", "han" }, { "冯", "feng" }, { "邓", "deng" }, { "曹", "cao" },
  { "彭", "peng" }, { "曾", "zeng" }, { "肖", "xiao" }, { "田", "tian" }, { "董", "dong" },
  { "袁", "yuan" }, { "潘", "pan" }, { "于", "yu" }, { "蒋", "jiang" }, { "蔡", "cai" },
  { "余", "yu" }, { "杜", "du" }, { "叶", "ye" }, { "程", "cheng" }, { "苏", "su" },
  { "魏", "wei" }, { "吕", "lv" }, { "丁", "ding" }, { "任", "ren" }, { "沈", "shen" },
  { "姚", "yao" }, { "卢", "lu" }, { "姜", "jiang" }, { "崔", "cui" }, { "钟", "zhong" },
  { "谭", "tan" }, { "陆", "lu" }, { "汪", "wang" }, { "范", "fan" }, { "金", "jin" },
  { "石", "shi" }, { "廖", "liao" }, { "贾", "jia" }, { "夏", "xia" }, { "韦", "wei" },
  { "付", "fu" }, { "方", "fang" }, { "白", "bai" }, { "邹", "zou" }, { "孟", "meng" },
  { "熊", "xiong" }, { "秦", "qin" }, { "邱", "qiu" }, { "江", "jiang" }, { "尹", "yin" },
  { "薛", "xue" }, { "闫", "yan" }, { "段", "duan" }, { "雷", "lei" }, { "侯", "hou" },
  { "龙", "long" }, { "史", "shi" }, { "陶", "tao" }, { "黎", "li" }, { "贺", "he" },
  { "顾", "gu" }, { "毛", "mao" }, { "郝", "hao" }, { "龚", "gong" }, { "邵", "shao" },
  { "万", "wan" }, { "钱", "qian" }, { "严", "yan" }, { "欧阳", "ouyang" }, { "司马", "sima" },
  { "上官", "shangguan" },
};

static const DemoName zh_given[] = {
  { "芳", "fang", 1 }, { "娜", "na", 1 }, { "敏", "min", 1 }, { "静", "jing", 1 },
  { "丽", "li", 1 }, { "艳", "yan", 1 }, { "娟", "juan", 1 }, { "霞", "xia", 1 },
  { "婷", "ting", 1 }, { "雪", "xue", 1 }, { "慧", "hui", 1 }, { "琳", "lin", 1 },
  { "欣", "xin", 1 }, { "怡", "yi", 1 }, { "佳", "jia", 1 }, { "颖", "ying", 1 },
  { "玲", "ling", 1 }, { "燕", "yan", 1 }, { "萍", "ping", 1 }, { "红", "hong", 1 },
  { "梅", "mei", 1 }, { "晶", "jing", 1 }, { "倩", "qian", 1 }, { "璐", "lu", 1 },
  { "瑶", "yao", 1 }, { "雨", "yu", 1 }, { "梦", "meng", 1 }, { "诗", "shi", 1 },
  { "涵", "han", 1 }, { "彤", "tong", 1 }, { "秀", "xiu", 1 }, { "兰", "lan", 1 },
  { "伟", "wei", 2 }, { "强", "qiang", 2 }, { "磊", "lei", 2 }, { "军", "jun", 2 },
  { "洋", "yang", 2 }, { "勇", "yong", 2 }, { "杰", "jie", 2 }, { "涛", "tao", 2 },
  { "明", "ming", 2 }, { "超", "chao", 2 }, { "刚", "gang", 2 }, { "辉", "hui", 2 },
  { "鹏", "peng", 2 }, { "飞", "fei", 2 }, { "鑫", "xin", 2 }, { "波", "bo", 2 },
  { "斌", "bin", 2 }, { "浩", "hao", 2 }, { "凯", "kai", 2 }, { "健", "jian", 2 },
  { "俊", "jun", 2 }, { "帆", "fan", 2 }, { "旭", "xu", 2 }, { "龙", "long", 2 },
  { "博", "bo", 2 }, { "峰", "feng", 2 }, { "建", "jian", 2 }, { "国", "guo", 2 },
  { "志", "zhi", 2 }, { "轩", "xuan", 2 }, { "睿", "rui", 2 }, { "泽", "ze", 2 },
  { "华", "hua", 0 }, { "平", "ping", 0 }, { "宇", "yu", 0 }, { "晓", "xiao", 0 },
  { "晨", "chen", 0 }, { "嘉", "jia", 0 }, { "思", "si", 0 }, { "文", "wen", 0 },
  { "子", "zi", 0 }, { "宁", "ning", 0 }, { "欢", "huan", 0 }, { "海", "hai", 0 },
};

/* --- Places --- */

static const DemoCity en_cities[] = {
  { "New York", "New York", "US", "+1212", "" },
  { "San Francisco", "California", "US", "+1415", "" },
  { "Los Angeles", "California", "US", "+1213", "" },
  { "San Diego", "California", "US", "+1619", "" },
  { "Seattle", "Washington", "US", "+1206", "" },
  { "Portland", "Oregon", "US", "+1503", "" },
  { "Chicago", "Illinois", "US", "+1312", "" },
  { "Austin", "Texas", "US", "+1512", "" },
  { "Houston", "Texas", "US", "+1713", "" },
  { "Denver", "Colorado", "US", "+1303", "" },
  { "Boston", "Massachusetts", "US", "+1617", "" },
  { "Atlanta", "Georgia", "US", "+1404", "" },
  { "Miami", "Florida", "US", "+1305", "" },
  { "Minneapolis", "Minnesota", "US", "+1612", "" },
  { "Phoenix", "Arizona", "US", "+1602", "" },
  { "Philadelphia", "Pennsylvania", "US", "+1215", "" },
  { "Raleigh", "North Carolina", "US", "+1919", "" },
  { "Nashville", "Tennessee", "US", "+1615", "" },
  { "London", "England", "GB", "+4420", "" },
  { "Manchester", "England", "GB", "+44161", "" },
  { "Birmingham", "England", "GB", "+44121", "" },
  { "Leeds", "England", "GB", "+44113", "" },
  { "Bristol", "England", "GB", "+44117", "" },
  { "Edinburgh", "Scotland", "GB", "+44131", "" },
  { "Glasgow", "Scotland", "GB", "+44141", "" },
  { "Cardiff", "Wales", "GB", "+4429", "" },
  { "Belfast", "Northern Ireland", "GB", "+4428", "" },
};

static const DemoCity zh_cities[] = {
  { "上海", "上海市", "CN", "+8621", "shanghai" },
  { "北京", "北京市", "CN", "+8610", "beijing" },
  { "广州", "广东省", "CN", "+8620", "guangzhou" },
  { "深圳", "广东省", "CN", "+86755", "shenzhen" },
  { "杭州", "浙江省", "CN", "+86571", "hangzhou" },
  { "宁波", "浙江省", "CN", "+86574", "ningbo" },
  { "南京", "江苏省", "CN", "+8625", "nanjing" },
  { "苏州", "江苏省", "CN", "+86512", "suzhou" },
  { "成都", "四川省", "CN", "+8628", "chengdu" },
  { "武汉", "湖北省", "CN", "+8627", "wuhan" },
  { "西安", "陕西省", "CN", "+8629", "xian" },
  { "重庆", "重庆市", "CN", "+8623", "chongqing" },
  { "天津", "天津市", "CN", "+8622", "tianjin" },
  { "长沙", "湖南省", "CN", "+86731", "changsha" },
  { "青岛", "山东省", "CN", "+86532", "qingdao" },
  { "厦门", "福建省", "CN", "+86592", "xiamen" },
  { "郑州", "河南省", "CN", "+86371", "zhengzhou" },
  { "合肥", "安徽省", "CN", "+86551", "hefei" },
  { "大连", "辽宁省", "CN", "+86411", "dalian" },
  { "昆明", "云南省", "CN", "+86871", "kunming" },
};

static const char *en_streets[] = {
  "Maple Street", "Oak Avenue", "Main Street", "Cedar Lane", "Park Road", "High Street",
  "Church Lane", "Station Road", "Elm Street", "Washington Avenue", "Lake Drive",
  "Victoria Road", "Mill Lane", "Broadway", "Sunset Boulevard", "King Street",
  "Queen's Road", "Harbour View", "Market Street", "River Road",
};

static const char *zh_streets[] = {
  "人民路", "中山路", "解放路", "南京路", "建国路", "长江路", "和平路", "科技园路",
  "光明路", "新华路", "东风路", "文化路", "滨江大道", "世纪大道", "高新大道", "学院路",
};

/* --- Companies --- */

static const char *en_brand1[] = {
  "Blue", "North", "Summit", "Cedar", "Iron", "Bright", "Silver", "Harbor", "Pioneer",
  "Evergreen", "Granite", "Maple", "Redwood", "Atlas", "Beacon", "Cobalt", "Crescent",
  "Falcon", "Golden", "Highland", "Horizon", "Keystone", "Liberty", "Meridian", "Oak",
  "Pinnacle", "Quantum", "River", "Sterling", "Willow", "Copper", "Eagle", "Lake",
  "Stone", "Sun", "Apex", "Clear", "True", "Bay", "Fox",
};

static const char *en_brand2[] = {
  "water", "field", "stone", "bridge", "gate", "point", "line", "wood", "crest", "view",
  "ridge", "peak", "path", "light", "brook", "haven", "works", "side", "mark", "way",
};

typedef struct
{
  const char *key;
  const char *en[4];
  const char *zh[3];
} DemoIndustry;

static const DemoIndustry industries[] = {
  { "software", { "Software", "Systems", "Digital", "Technologies" }, { "科技", "软件", "信息技术" } },
  { "manufacturing", { "Manufacturing", "Industries", "Fabrication", "Tooling" }, { "机械", "制造", "精密" } },
  { "retail", { "Retail", "Outfitters", "Goods", "Market" }, { "商贸", "百货", "零售" } },
  { "healthcare", { "Health", "Medical", "Clinics", "Biotech" }, { "医疗", "生物", "健康" } },
  { "finance", { "Capital", "Financial", "Advisors", "Credit" }, { "金融", "投资", "资产管理" } },
  { "education", { "Learning", "Academy", "Education", "Training" }, { "教育", "文化", "培训" } },
  { "logistics", { "Logistics", "Freight", "Shipping", "Supply" }, { "物流", "供应链", "运输" } },
  { "construction", { "Construction", "Builders", "Contracting", "Building" }, { "建设", "建筑工程", "装饰" } },
  { "hospitality", { "Hospitality", "Hotels", "Catering", "Resorts" }, { "酒店管理", "餐饮", "旅游" } },
  { "energy", { "Energy", "Power", "Solar", "Utilities" }, { "能源", "新能源", "电力" } },
  { "media", { "Media", "Studios", "Publishing", "Creative" }, { "传媒", "文化传播", "广告" } },
  { "agriculture", { "Farms", "Agriculture", "Growers", "Foods" }, { "农业", "生态农业", "食品" } },
  { "professional-services", { "Consulting", "Partners", "Group", "Advisory" }, { "咨询", "管理咨询", "企业服务" } },
};

static const char *zh_brand1[][2] = {
  { "华", "hua" }, { "中", "zhong" }, { "博", "bo" }, { "恒", "heng" }, { "鼎", "ding" },
  { "天", "tian" }, { "瑞", "rui" }, { "金", "jin" }, { "宏", "hong" }, { "新", "xin" },
  { "创", "chuang" }, { "东", "dong" }, { "汇", "hui" }, { "安", "an" }, { "远", "yuan" },
  { "星", "xing" }, { "明", "ming" }, { "嘉", "jia" }, { "盛", "sheng" }, { "万", "wan" },
  { "锦", "jin" }, { "凯", "kai" }, { "润", "run" }, { "隆", "long" }, { "同", "tong" },
  { "长", "chang" }, { "海", "hai" }, { "正", "zheng" }, { "蓝", "lan" }, { "云", "yun" },
  { "永", "yong" }, { "信", "xin" }, { "宇", "yu" }, { "泰", "tai" }, { "德", "de" },
  { "益", "yi" }, { "联", "lian" }, { "方", "fang" }, { "晨", "chen" }, { "光", "guang" },
};

static const char *zh_brand2[][2] = {
  { "信", "xin" }, { "科", "ke" }, { "远", "yuan" }, { "通", "tong" }, { "盛", "sheng" },
  { "成", "cheng" }, { "丰", "feng" }, { "桥", "qiao" }, { "达", "da" }, { "元", "yuan" },
  { "联", "lian" }, { "智", "zhi" }, { "泰", "tai" }, { "航", "hang" }, { "辰", "chen" },
  { "德", "de" }, { "和", "he" }, { "世", "shi" }, { "象", "xiang" }, { "程", "cheng" },
  { "泽", "ze" }, { "基", "ji" }, { "城", "cheng" }, { "纳", "na" }, { "帆", "fan" },
  { "源", "yuan" }, { "鑫", "xin" }, { "华", "hua" }, { "康", "kang" }, { "捷", "jie" },
  { "拓", "tuo" }, { "峰", "feng" }, { "创", "chuang" }, { "恒", "heng" }, { "安", "an" },
};

/* --- Work --- */

static const DemoText job_titles[3][6] = {
  { { "Chief Executive Officer", "总经理" }, { "Chief Financial Officer", "财务总监" },
    { "Chief Technology Officer", "技术总监" }, { "Chief Operating Officer", "运营总监" },
    { "Managing Director", "董事总经理" }, { "Vice President of Sales", "销售副总裁" } },
  { { "Head of Procurement", "采购经理" }, { "IT Manager", "IT经理" },
    { "Operations Manager", "运营经理" }, { "Marketing Director", "市场总监" },
    { "Finance Manager", "财务经理" }, { "Sales Director", "销售总监" } },
  { { "Procurement Specialist", "采购专员" }, { "Systems Engineer", "系统工程师" },
    { "Operations Analyst", "运营分析师" }, { "Marketing Coordinator", "市场专员" },
    { "Accountant", "会计" }, { "Account Executive", "客户经理" } },
};

static const DemoText departments[3][6] = {
  { { "Executive", "总经办" }, { "Finance", "财务部" }, { "IT", "信息技术部" },
    { "Operations", "运营部" }, { "Executive", "总经办" }, { "Sales", "销售部" } },
  { { "Procurement", "采购部" }, { "IT", "信息技术部" }, { "Operations", "运营部" },
    { "Marketing", "市场部" }, { "Finance", "财务部" }, { "Sales", "销售部" } },
  { { "Procurement", "采购部" }, { "IT", "信息技术部" }, { "Operations", "运营部" },
    { "Marketing", "市场部" }, { "Finance", "财务部" }, { "Sales", "销售部" } },
};

static const DemoText deal_topics[] = {
  { "CRM rollout", "客户管理系统实施" }, { "Annual licence renewal", "年度许可续约" },
  { "Fleet upgrade", "设备更新" }, { "Office expansion", "办公扩建" },
  { "Support contract", "维保合同" }, { "Pilot project", "试点项目" },
  { "Hardware refresh", "硬件升级" }, { "Training programme", "员工培训项目" },
  { "Cloud migration", "云迁移" }, { "Framework agreement", "框架协议" },
  { "Annual purchase", "年度采购" }, { "Strategic partnership", "战略合作" },
};

typedef struct
{
  const char *en;
  const char *zh;
  gint64      usd;   /* minor units */
  gint64      cny;
} DemoProduct;

static const DemoProduct products[] = {
  { "Starter plan (annual)", "入门版（年付）", 29900, 199900 },
  { "Professional plan (annual)", "专业版（年付）", 99900, 699900 },
  { "Enterprise plan (annual)", "企业版（年付）", 499900, 3499900 },
  { "Onboarding package", "实施服务包", 150000, 1000000 },
  { "Premium support", "高级支持服务", 240000, 1600000 },
  { "Training day", "培训服务（天）", 120000, 800000 },
  { "Wireless headset", "无线耳机", 8999, 59900 },
  { "Desk lamp", "台灯", 3999, 25900 },
  { "Ergonomic chair", "人体工学椅", 34900, 229900 },
  { "Standing desk", "升降办公桌", 59900, 399900 },
  { "Coffee subscription", "咖啡订阅", 2499, 16900 },
  { "Gift card", "礼品卡", 5000, 30000 },
  { "Laptop sleeve", "笔记本电脑包", 2999, 19900 },
  { "Noise-cancelling headphones", "降噪耳机", 24900, 169900 },
  { "Smart speaker", "智能音箱", 9999, 69900 },
  { "Insulated bottle", "保温杯", 1999, 12900 },
  { "Backpack", "双肩包", 7999, 49900 },
  { "Fitness tracker", "运动手环", 12999, 89900 },
  { "Phone case", "手机壳", 1999, 9900 },
  { "Extended warranty", "延长保修", 4999, 29900 },
};

/* --- Service --- */

typedef struct
{
  DemoText subject;
  DemoText message;
} DemoTicketText;

static const DemoTicketText ticket_texts[] = {
  { { "Cannot log in to my account", "无法登录账户" },
    { "Since this morning I can't log in. It says my password is wrong, but I reset it twice.",
      "从今天早上开始我就无法登录，提示密码错误，但我已经重置了两次。" } },
  { { "Order has not arrived", "订单还没有收到" },
    { "My order was supposed to arrive last week and the tracking hasn't changed since.",
      "我的订单本应上周送达，但物流信息一直没有更新。" } },
  { { "Refund request", "申请退款" },
    { "I'd like to return the item I bought and get a refund, it doesn't fit my needs.",
      "我想退回购买的商品并申请退款，它不符合我的需求。" } },
  { { "Invoice shows the wrong amount", "发票金额有误" },
    { "Our latest invoice charges us for 12 seats, but we only have 10.",
      "最新的发票按 12 个账号收费，但我们只有 10 个。" } },
  { { "How do I export my data?", "如何导出数据？" },
    { "Is there a way to export all our contacts to a spreadsheet?",
      "有没有办法把我们所有的联系人导出到表格？" } },
  { { "Product arrived damaged", "商品到货损坏" },
    { "The box was crushed and the device has a cracked screen. Photos attached.",
      "包装被压坏了，设备屏幕有裂痕，照片已附上。" } },
  { { "Question about the warranty", "关于保修的问题" },
    { "Does the extended warranty cover accidental damage?",
      "延长保修是否包括意外损坏？" } },
  { { "Change of billing address", "变更账单地址" },
    { "We moved offices; please update our billing address.",
      "我们搬了办公室，请更新账单地址。" } },
  { { "Integration stopped syncing", "集成停止同步" },
    { "The integration with our accounting system stopped syncing yesterday.",
      "与我们财务系统的集成从昨天开始停止同步了。" } },
  { { "Request for a quote", "询价" },
    { "Could you send us a quote for 50 additional licences?",
      "能否给我们报一下再增加 50 个许可的价格？" } },
  { { "App crashes on start", "应用启动时崩溃" },
    { "The app closes right after the splash screen on my phone.",
      "应用在我的手机上显示启动画面后就闪退了。" } },
  { { "Cancel my subscription", "取消订阅" },
    { "Please cancel my subscription at the end of this billing period.",
      "请在本计费周期结束时取消我的订阅。" } },
};

static const DemoText replies[] = {
  { "Thanks for reaching out! I'm looking into this now and will get back to you shortly.",
    "感谢您的联系！我正在处理，稍后会回复您。" },
  { "Sorry for the trouble. Could you send us your order number so we can check?",
    "给您带来不便，非常抱歉。请提供订单号，方便我们查询。" },
  { "I've passed this to our technical team; we'll update you within one business day.",
    "我已将问题转给技术团队，我们会在一个工作日内给您答复。" },
  { "Good news: this has been fixed on our side. Could you try again and let us know?",
    "好消息：问题已在我们这边修复，请您再试一次并告诉我们结果。" },
  { "I've issued the refund; it should appear on your statement in 3–5 business days.",
    "退款已办理，预计 3–5 个工作日内到账。" },
};

static const DemoText followups[] = {
  { "Thanks, here is the order number you asked for.", "好的，这是您要的订单号。" },
  { "I tried again and it still doesn't work.", "我又试了一次，还是不行。" },
  { "That worked, thank you!", "可以了，谢谢！" },
  { "Any update on this?", "请问有进展吗？" },
};

static const DemoText notes[] = {
  { "Checked the logs: this looks like the known sync issue.", "查了日志，像是已知的同步问题。" },
  { "Customer is a long-time client; handle with care.", "老客户，请优先处理。" },
  { "Waiting for the warehouse to confirm the shipment.", "等待仓库确认发货。" },
  { "Refund approved by the team lead.", "退款已经组长批准。" },
};

static const DemoText summaries_call[] = {
  { "Discovery call", "需求沟通电话" }, { "Follow-up call", "跟进电话" },
  { "Check-in call", "例行回访电话" }, { "Pricing discussion", "价格沟通" },
};
static const DemoText summaries_meeting[] = {
  { "On-site demo", "上门演示" }, { "Quarterly business review", "季度业务回顾" },
  { "Kick-off meeting", "项目启动会" }, { "Contract review", "合同评审会" },
};
static const DemoText summaries_email[] = {
  { "Sent proposal", "发送方案" }, { "Sent product brochure", "发送产品资料" },
  { "Replied to pricing question", "回复报价问题" }, { "Sent meeting notes", "发送会议纪要" },
};
static const DemoText summaries_note[] = {
  { "Prefers to be contacted in the morning", "希望上午联系" },
  { "Budget approved for next quarter", "下季度预算已批准" },
  { "Evaluating two competitors", "正在评估两家竞争对手" },
  { "Decision expected after the board meeting", "董事会后做决定" },
};
static const DemoText summaries_task[] = {
  { "Send updated quote", "发送更新后的报价" }, { "Schedule a demo", "安排产品演示" },
  { "Prepare contract draft", "准备合同草稿" }, { "Follow up on invoice", "跟进发票" },
  { "Call back about renewal", "回电沟通续约" },
};

static const DemoText csat_good[] = {
  { "Fast and friendly, thank you!", "回复很快，态度很好，谢谢！" },
  { "Great support.", "服务很棒。" },
};
static const DemoText csat_mid[] = {
  { "Solved, but it took a while.", "问题解决了，但花了不少时间。" },
  { "OK.", "还行。" },
};
static const DemoText csat_bad[] = {
  { "I had to explain my problem three times.", "同一个问题我解释了三遍。" },
  { "Still not really fixed.", "问题其实还没解决。" },
};

/* --- Functions --- */

/* Skews towards the front of a list: common names are common. */
static guint
skewed_index (DemoRand *r,
              guint     n)
{
  guint i = demo_rand_below (r, n);

  if (demo_rand_chance (r, 50))
    i = demo_rand_below (r, i + 1);
  return i;
}

static const DemoName *
pick_given (DemoGen          *gen,
            const DemoName   *names,
            guint             n,
            guint8            gender)
{
  for (;;)
    {
      const DemoName *name = &names[skewed_index (&gen->rand, n)];

      if (name->gender == 0 || name->gender == gender)
        return name;
    }
}

/* g_utf8_casefold() with a fast path for ASCII text, which is most rows. */
static void
casefold_into (const char *text,
               char       *out,
               gsize       size)
{
  g_autofree char *folded = NULL;
  gsize i;

  for (i = 0; text[i] != '\0' && i + 1 < size; i++)
    {
      if ((guchar) text[i] >= 0x80)
        break;
      out[i] = g_ascii_tolower (text[i]);
    }
  if (text[i] == '\0' || i + 1 >= size)
    {
      out[i] = '\0';
      return;
    }

  folded = g_utf8_casefold (text, -1);
  g_strlcpy (out, folded, size);
}

/* The store's sort key of a Han name (see _crm_search_sort_key). */
static void
sort_han_name (const char *name,
               char       *sort_key)
{
  g_autofree char *key = _crm_search_sort_key (name);
  const char *end = key + strlen (key);

  /* Cut at a character boundary to fit. */
  if (end - key > 127)
    end = g_utf8_find_prev_char (key, key + 128);
  memcpy (sort_key, key, end - key);
  sort_key[end - key] = '\0';
}

void
demo_person_name (DemoGen     *gen,
                  char        *given,
                  char        *family,
                  char        *display,
                  char        *sort_key,
                  char        *email_local,
                  const char **gender)
{
  guint8 g = demo_rand_chance (&gen->rand, 50) ? 1 : 2;

  *gender = demo_rand_chance (&gen->rand, 2) ? "" : (g == 1 ? "female" : "male");

  /* English-speaking businesses have Chinese customers too (about 6%): the
   * search and sorting paths for Han names are then exercised on every
   * database, not only on Chinese ones. */
  if (gen->zh || demo_rand_chance (&gen->rand, 6))
    {
      const DemoName *fam = &zh_family[skewed_index (&gen->rand, G_N_ELEMENTS (zh_family))];
      const DemoName *a = pick_given (gen, zh_given, G_N_ELEMENTS (zh_given), g);

      /* About 35% of given names are one character, so both 2- and
       * 3-character full names are common (张伟, 王晓明). */
      if (demo_rand_chance (&gen->rand, 35))
        {
          g_strlcpy (given, a->text, 64);
          g_snprintf (email_local, 64, "%s.%s", a->ascii, fam->ascii);
        }
      else
        {
          const DemoName *b = pick_given (gen, zh_given, G_N_ELEMENTS (zh_given), g);

          g_snprintf (given, 64, "%s%s", a->text, b->text);
          g_snprintf (email_local, 64, "%s%s.%s", a->ascii, b->ascii, fam->ascii);
        }
      g_strlcpy (family, fam->text, 64);
      g_snprintf (display, 128, "%s%s", family, given);
      /* Chinese names sort by pinyin among the Latin ones. */
      sort_han_name (display, sort_key);
    }
  else
    {
      const DemoName *fam = &en_family[skewed_index (&gen->rand, G_N_ELEMENTS (en_family))];
      const DemoName *giv = pick_given (gen, en_given, G_N_ELEMENTS (en_given), g);

      g_strlcpy (given, giv->text, 64);
      g_strlcpy (family, fam->text, 64);
      g_snprintf (display, 128, "%s %s", given, family);
      casefold_into (display, sort_key, 128);
      g_snprintf (email_local, 64, "%s.%s", giv->ascii, fam->ascii);
    }
}

void
demo_org_name (DemoGen        *gen,
               const DemoCity *city,
               const char     *industry,
               char           *name,
               char           *sort_key,
               char           *domain)
{
  const DemoIndustry *ind = &industries[0];

  for (guint i = 0; i < G_N_ELEMENTS (industries); i++)
    if (g_str_equal (industries[i].key, industry))
      ind = &industries[i];

  if (gen->zh)
    {
      guint a = demo_rand_below (&gen->rand, G_N_ELEMENTS (zh_brand1));
      guint b = demo_rand_below (&gen->rand, G_N_ELEMENTS (zh_brand2));
      const char *word = ind->zh[demo_rand_below (&gen->rand, 3)];
      guint s = demo_rand_below (&gen->rand, 10);
      const char *suffix = s < 7 ? "有限公司" : s < 9 ? "股份有限公司" : "集团有限公司";
      gboolean with_city = demo_rand_chance (&gen->rand, 70);

      g_snprintf (name, 128, "%s%s%s%s%s", with_city ? city->city : "",
                  zh_brand1[a][0], zh_brand2[b][0], word, suffix);
      sort_han_name (name, sort_key);
      g_snprintf (domain, 64, "%s%s.com.cn", zh_brand1[a][1], zh_brand2[b][1]);
    }
  else
    {
      const char *b1 = DEMO_PICK (&gen->rand, en_brand1);
      const char *word = ind->en[demo_rand_below (&gen->rand, 4)];
      gboolean uk = g_str_equal (city->country, "GB");
      guint s = demo_rand_below (&gen->rand, 10);
      const char *suffix = uk ? (s < 7 ? " Ltd" : s < 9 ? " plc" : "")
                              : (s < 5 ? " Inc." : s < 8 ? " LLC" : s < 9 ? " Co." : "");
      char brand[64];

      if (demo_rand_chance (&gen->rand, 20))
        {
          const DemoName *fam = &en_family[demo_rand_below (&gen->rand, G_N_ELEMENTS (en_family))];
          const DemoName *fam2 = &en_family[demo_rand_below (&gen->rand, G_N_ELEMENTS (en_family))];

          gboolean pair = fam != fam2 && demo_rand_chance (&gen->rand, 50);

          if (pair)
            g_snprintf (brand, sizeof brand, "%s & %s", fam->text, fam2->text);
          else
            g_strlcpy (brand, fam->text, sizeof brand);
          g_snprintf (domain, 64, "%s%s.%s", fam->ascii, pair ? fam2->ascii : "",
                      uk ? "co.uk" : "com");
        }
      else
        {
          const char *b2 = DEMO_PICK (&gen->rand, en_brand2);
          g_autofree char *lower = NULL;

          g_snprintf (brand, sizeof brand, "%s%s", b1, b2);
          lower = g_ascii_strdown (brand, -1);
          g_snprintf (domain, 64, "%s.%s", lower, uk ? "co.uk" : "com");
        }
      g_snprintf (name, 128, "%s %s%s", brand, word, suffix);
      casefold_into (name, sort_key, 128);
    }
}

const DemoCity *
demo_city (DemoGen *gen)
{
  if (gen->zh)
    return &zh_cities[skewed_index (&gen->rand, G_N_ELEMENTS (zh_cities))];
  return &en_cities[skewed_index (&gen->rand, G_N_ELEMENTS (en_cities))];
}

void
demo_street_address (DemoGen *gen,
                     char    *out)
{
  if (gen->zh)
    {
      const char *street = DEMO_PICK (&gen->rand, zh_streets);

      if (demo_rand_chance (&gen->rand, 40))
        g_snprintf (out, 128, "%s%u号%u栋%u室", street, 1 + demo_rand_below (&gen->rand, 999),
                    1 + demo_rand_below (&gen->rand, 20), 101 + demo_rand_below (&gen->rand, 2400));
      else
        g_snprintf (out, 128, "%s%u号", street, 1 + demo_rand_below (&gen->rand, 999));
    }
  else
    g_snprintf (out, 128, "%u %s", 1 + demo_rand_below (&gen->rand, 2999),
                DEMO_PICK (&gen->rand, en_streets));
}

void
demo_phone (DemoGen        *gen,
            const DemoCity *city,
            gboolean        mobile,
            char           *out)
{
  if (g_str_equal (city->country, "CN"))
    {
      if (mobile)
        g_snprintf (out, 32, "+861%u%09u", 3 + demo_rand_below (&gen->rand, 7),
                    demo_rand_below (&gen->rand, 1000000000));
      else
        g_snprintf (out, 32, "%s%08u", city->phone_prefix,
                    20000000 + demo_rand_below (&gen->rand, 70000000));
    }
  else if (g_str_equal (city->country, "GB"))
    {
      if (mobile)
        g_snprintf (out, 32, "+447%09u", demo_rand_below (&gen->rand, 1000000000));
      else
        g_snprintf (out, 32, "%s%07u", city->phone_prefix,
                    2000000 + demo_rand_below (&gen->rand, 7000000));
    }
  else
    g_snprintf (out, 32, "%s%07u", city->phone_prefix,
                2000000 + demo_rand_below (&gen->rand, 7000000));
}

void
demo_job (DemoGen     *gen,
          guint        level,
          const char **title,
          const char **department)
{
  guint i = demo_rand_below (&gen->rand, 6);

  level = MIN (level, 2);
  *title = TEXT (gen, job_titles[level][i]);
  *department = TEXT (gen, departments[level][i]);
}

/* Departments in the order of departments[1] and [2]. */
static const DemoText big_departments[6] = {
  { "Procurement", "采购部" }, { "IT", "信息技术部" }, { "Operations", "运营部" },
  { "Marketing", "市场部" }, { "Finance", "财务部" }, { "Sales", "销售部" },
};

static const DemoText big_titles[6][4] = {
  { { "Vice President of Procurement", "采购副总裁" }, { "Procurement Director", "采购总监" },
    { "Procurement Manager", "采购经理" }, { "Procurement Specialist", "采购专员" } },
  { { "Chief Technology Officer", "首席技术官" }, { "IT Director", "IT总监" },
    { "Engineering Manager", "研发经理" }, { "Systems Engineer", "系统工程师" } },
  { { "Chief Operating Officer", "首席运营官" }, { "Operations Director", "运营总监" },
    { "Operations Manager", "运营经理" }, { "Operations Analyst", "运营分析师" } },
  { { "Chief Marketing Officer", "首席营销官" }, { "Marketing Director", "市场总监" },
    { "Marketing Manager", "市场经理" }, { "Marketing Coordinator", "市场专员" } },
  { { "Chief Financial Officer", "首席财务官" }, { "Finance Director", "财务总监" },
    { "Finance Manager", "财务经理" }, { "Accountant", "会计" } },
  { { "Vice President of Sales", "销售副总裁" }, { "Sales Director", "销售总监" },
    { "Sales Manager", "销售经理" }, { "Account Executive", "客户经理" } },
};

static const DemoText big_chief = { "Chief Executive Officer", "总裁" };
static const DemoText big_office = { "Executive Office", "总裁办" };

void
demo_dept_job (DemoGen     *gen,
               guint        dept,
               guint        level,
               const char **title,
               const char **department)
{
  dept = MIN (dept, 5);
  if (level == 0)
    {
      *title = TEXT (gen, big_chief);
      *department = TEXT (gen, big_office);
      return;
    }
  *title = TEXT (gen, big_titles[dept][MIN (level, 4) - 1]);
  *department = TEXT (gen, big_departments[dept]);
}

void
demo_big_org_name (DemoGen *gen,
                   char    *name,
                   char    *sort_key,
                   char    *domain)
{
  if (gen->zh)
    {
      g_strlcpy (name, "北辰控股集团有限公司", 128);
      sort_han_name (name, sort_key);
      g_strlcpy (domain, "beichen-holdings.com.cn", 64);
    }
  else
    {
      g_strlcpy (name, "Northwind Holdings", 128);
      g_strlcpy (sort_key, "northwind holdings", 128);
      g_strlcpy (domain, "northwind-holdings.com", 64);
    }
}

const char *
demo_deal_topic (DemoGen *gen)
{
  return TEXT (gen, DEMO_PICK (&gen->rand, deal_topics));
}

guint
demo_n_products (void)
{
  return G_N_ELEMENTS (products);
}

const char *
demo_product_name (DemoGen *gen,
                   guint    index,
                   gint64  *price)
{
  *price = gen->zh ? products[index].cny : products[index].usd;
  return gen->zh ? products[index].zh : products[index].en;
}

const char *
demo_ticket_subject (DemoGen     *gen,
                     const char **first_message)
{
  const DemoTicketText *t = &DEMO_PICK (&gen->rand, ticket_texts);

  *first_message = TEXT (gen, t->message);
  return TEXT (gen, t->subject);
}

const char *
demo_reply_text (DemoGen *gen)
{
  return TEXT (gen, DEMO_PICK (&gen->rand, replies));
}

const char *
demo_note_text (DemoGen *gen)
{
  return TEXT (gen, DEMO_PICK (&gen->rand, notes));
}

const char *
demo_followup_text (DemoGen *gen)
{
  return TEXT (gen, DEMO_PICK (&gen->rand, followups));
}

const char *
demo_activity_summary (DemoGen    *gen,
                       const char *kind)
{
  switch (kind[0])
    {
    case 'c':
      return TEXT (gen, DEMO_PICK (&gen->rand, summaries_call));
    case 'm':
      return TEXT (gen, DEMO_PICK (&gen->rand, summaries_meeting));
    case 'e':
      return TEXT (gen, DEMO_PICK (&gen->rand, summaries_email));
    case 't':
      return TEXT (gen, DEMO_PICK (&gen->rand, summaries_task));
    default:
      return TEXT (gen, DEMO_PICK (&gen->rand, summaries_note));
    }
}

const char *
demo_csat_comment (DemoGen *gen,
                   int      score)
{
  if (score >= 4)
    return TEXT (gen, DEMO_PICK (&gen->rand, csat_good));
  if (score == 3)
    return TEXT (gen, DEMO_PICK (&gen->rand, csat_mid));
  return TEXT (gen, DEMO_PICK (&gen->rand, csat_bad));
}

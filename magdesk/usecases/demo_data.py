"""Reference data for the demo producer: names, places and the product range."""

from __future__ import annotations

# (division code of GB/T 2260, city prefix) of real rare-earth and magnet towns
SUPPLIER_TOWNS = [
    ("360702", "赣州市"), ("360703", "赣州市"), ("150207", "包头市"), ("150204", "包头市"),
    ("511102", "乐山市"), ("350402", "三明市"), ("430105", "长沙市"), ("321183", "句容市"),
    ("360721", "赣县"), ("341802", "宣城市"),
]
CUSTOMER_TOWNS = [
    ("330206", "宁波市"), ("330211", "宁波市"), ("310115", "上海市"), ("320506", "苏州市"),
    ("440305", "深圳市"), ("440604", "佛山市"), ("330782", "义乌市"), ("370214", "青岛市"),
    ("420111", "武汉市"), ("510107", "成都市"), ("120116", "天津市"), ("330110", "杭州市"),
]
TRADE_NAMES = [
    "华鑫", "金瑞", "恒盛", "宏达", "正磁", "瑞丰", "天和", "东升", "英科", "科宁", "永盛",
    "鼎泰", "中磁", "华隆", "嘉诚", "盛源", "汇能", "博创", "新锐", "远航", "联合", "晶鑫",
    "宝丰", "浩然", "立信", "广源", "明德", "长青", "安捷", "同创", "精工", "星辰", "海宁",
    "弘毅", "泰和", "恒通", "德润", "凯达", "振华", "众成",
]
SUPPLIER_TRADES = ["稀土新材料", "稀土金属", "稀土冶炼", "有色金属", "稀土功能材料", "合金材料"]
CUSTOMER_TRADES = ["电机", "汽车电子", "电声器材", "自动化设备", "电器", "风电设备",
                   "伺服科技", "精密机械", "传感技术", "磁电科技"]

# (country, English name, Chinese name, end use)
FOREIGN_CUSTOMERS = [
    ("DE", "Bavaria Antriebstechnik GmbH", "巴伐利亚驱动技术有限公司", "INDUSTRIAL_MOTOR"),
    ("DE", "Nordwind Generatoren AG", "北风发电机股份公司", "WIND"),
    ("JP", "Kanto Motor Co., Ltd.", "关东电机株式会社", "EV_MOTOR"),
    ("JP", "Osaka Acoustic Devices Co., Ltd.", "大阪声学器件株式会社", "CONSUMER_ELECTRONICS"),
    ("KR", "Hanbit Electronics Co., Ltd.", "韩光电子株式会社", "CONSUMER_ELECTRONICS"),
    ("KR", "Daejin Mobility Corp.", "大进移动出行公司", "EV_MOTOR"),
    ("US", "Lakeshore Motion Inc.", "湖岸运动控制公司", "ROBOTICS"),
    ("US", "Pioneer Medical Imaging LLC", "先锋医疗影像有限责任公司", "MEDICAL"),
    ("VN", "Saigon Precision Motor Co., Ltd.", "西贡精密电机有限公司", "APPLIANCES"),
    ("IT", "Torino Servo S.r.l.", "都灵伺服有限公司", "INDUSTRIAL_MOTOR"),
    ("FR", "Rhone Magnetique SAS", "罗讷磁性材料公司", "SENSORS_AUTOMOTIVE"),
    ("MX", "Monterrey Motores S.A. de C.V.", "蒙特雷电机公司", "APPLIANCES"),
    ("TH", "Siam Compressor Parts Co., Ltd.", "暹罗压缩机配件有限公司", "APPLIANCES"),
    ("IN", "Pune Drives Pvt. Ltd.", "浦那驱动私人有限公司", "INDUSTRIAL_MOTOR"),
    ("HK", "Victoria Harbour Trading Ltd.", "维港贸易有限公司", "CONSUMER_ELECTRONICS"),
]
FOREIGN_SUPPLIERS = [
    ("LA", "Lao Rare Earth Resources Co., Ltd.", "老挝稀土资源有限公司"),
    ("MY", "Kuantan Advanced Materials Sdn. Bhd.", "关丹先进材料有限公司"),
]

PCT = 10_000  # composition unit: 0.0001 %

# Raw materials: code, name, category, hs, TRE%, Dy%, Tb%, Sm%, lot size range (kg),
# price (CNY/kg).  Percentages in hundredths.
RAW = [
    ("RM-PRND", "镨钕金属", "RE_METAL", "2805302900", 9950, 0, 0, 0, (1000, 3000), 560),
    ("RM-ND", "金属钕", "RE_METAL", "2805301100", 9950, 0, 0, 0, (500, 1500), 600),
    ("RM-DYFE", "镝铁合金", "RE_ALLOY", "7202999900", 8000, 8000, 0, 0, (100, 500), 1650),
    ("RM-TB", "金属铽", "RE_METAL", "2805301300", 9990, 0, 9990, 0, (20, 100), 7200),
    ("RM-DY", "金属镝", "RE_METAL", "2805301200", 9990, 9990, 0, 0, (20, 100), 2100),
    ("RM-PRNDO", "氧化镨钕", "RE_OXIDE", "2846901999", 9900, 0, 0, 0, (1000, 5000), 450),
    ("RM-DYO", "氧化镝", "RE_OXIDE", "2846901500", 9950, 0, 0, 0, (50, 200), 1700),
    ("RM-FLK", "钕铁硼速凝片", "NDFEB_ALLOY", "2805309000", 3100, 0, 0, 0, (5000, 20000), 230),
    ("RM-FLKH", "钕铁硼速凝片(含镝)", "NDFEB_ALLOY", "2805309000", 3150, 150, 0, 0,
     (3000, 10000), 280),
    ("RM-MQP", "粘结钕铁硼磁粉", "MAGNET_POWDER", "2805309000", 2700, 0, 0, 0, (2000, 5000), 420),
    ("RM-SM", "金属钐", "RE_METAL", "2805301910", 9990, 0, 0, 9990, (100, 300), 280),
    ("RM-SMC17", "钐钴合金锭(2:17)", "RE_ALLOY", "2805309000", 2600, 0, 0, 2550, (500, 2000), 520),
    ("RM-SMC15", "钐钴合金锭(1:5)", "RE_ALLOY", "2805309000", 3600, 0, 0, 3550, (300, 1000), 560),
    ("RM-SCRAP", "钕铁硼边角料", "SCRAP", "2805309000", 3000, 0, 0, 0, (500, 3000), 150),
]

# Magnets: grade, category, spec, piece mass (g), TRE%, Dy%, Tb%, Sm%, process,
# price (CNY/kg).  Percentages in hundredths.
MAGNETS = [
    ("N35", "SINTERED_NDFEB", "D10x5", 3, 3050, 0, 0, 0, "SINTERED", 170),
    ("N38", "SINTERED_NDFEB", "L20xW10xH5", 7, 3080, 0, 0, 0, "SINTERED", 180),
    ("N42", "SINTERED_NDFEB", "D20x10", 24, 3100, 0, 0, 0, "SINTERED", 200),
    ("N45", "SINTERED_NDFEB", "L40xW20xH10", 60, 3110, 0, 0, 0, "SINTERED", 215),
    ("N48", "SINTERED_NDFEB", "D8x3", 1, 3120, 0, 0, 0, "SINTERED", 230),
    ("N52", "SINTERED_NDFEB", "L10xW5xH2", 1, 3150, 0, 0, 0, "SINTERED", 260),
    ("N35H", "SINTERED_NDFEB", "R30xr25x20 瓦形", 18, 3100, 36, 0, 0, "SINTERED", 220),
    ("N38H", "SINTERED_NDFEB", "L50xW25xH10", 94, 3120, 100, 0, 0, "SINTERED", 230),
    ("N40SH", "SINTERED_NDFEB", "L30xW15xH5", 17, 3150, 200, 0, 0, "SINTERED", 290),
    ("N42SH", "SINTERED_NDFEB", "D12x6", 5, 3170, 0, 60, 0, "GBD", 320),
    ("N45SH", "SINTERED_NDFEB", "L25xW12xH4", 9, 3180, 0, 70, 0, "GBD", 340),
    ("N38UH", "SINTERED_NDFEB", "R40xr34x30 瓦形", 32, 3200, 400, 0, 0, "SINTERED", 380),
    ("N35EH", "SINTERED_NDFEB", "L40xW20xH6", 36, 3250, 500, 80, 0, "SINTERED", 450),
    ("N33AH", "SINTERED_NDFEB", "D30x15", 80, 3300, 600, 100, 0, "SINTERED", 520),
    ("N48SH", "SINTERED_NDFEB", "L60xW20xH5", 45, 3160, 150, 50, 0, "GBD", 360),
    ("BNP-8", "BONDED_NDFEB", "D15xd10x5 环形", 3, 2650, 0, 0, 0, "BONDED", 390),
    ("BNP-10", "BONDED_NDFEB", "D20xd16x8 环形", 5, 2650, 0, 0, 0, "BONDED", 410),
    ("BNP-12L", "BONDED_NDFEB", "D25xd20x10 环形", 9, 2680, 0, 0, 0, "BONDED", 430),
    ("BNI-6", "BONDED_NDFEB", "注塑转子 D18x12", 6, 2600, 0, 0, 0, "BONDED", 450),
    ("YX20", "SMCO", "D6x3", 1, 3500, 0, 0, 3450, "SINTERED", 620),
    ("YXG28H", "SMCO", "D10x4", 3, 2550, 0, 0, 2500, "SINTERED", 680),
    ("XGS30H", "SMCO", "L20xW10xH5", 8, 2560, 0, 0, 2520, "SINTERED", 720),
    ("YXG32", "SMCO", "D15x5", 7, 2580, 0, 0, 2530, "SINTERED", 750),
    ("N40M", "SINTERED_NDFEB", "D5x2", 1, 3090, 5, 0, 0, "SINTERED", 200),
    ("N50M", "SINTERED_NDFEB", "L15xW8xH3", 3, 3130, 18, 0, 0, "SINTERED", 250),
    ("N30AH", "SINTERED_NDFEB", "R50xr44x40 瓦形", 60, 3300, 550, 120, 0, "SINTERED", 540),
]

# Laboratories that test the magnets' composition (ICP-MS), in turn.
LABS = ["国家稀土永磁材料质量检验检测中心", "SGS通标标准技术服务有限公司宁波分公司",
        "中国科学院宁波材料技术与工程研究所测试中心"]
ROTOR_REASON = "注塑成型转子组件：磁体嵌入塑料转子，随转子整体出口，不单独作为磁体销售"

CUSTOMS_OFFICES = ["3104", "3101", "2201", "2248", "5316", "4218"]

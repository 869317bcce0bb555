"""Enumerations of the domain, with their Chinese and English labels.

The stored value is the English code (stable, ASCII); the Chinese label is what
the filing workbook and the Chinese UI show.
"""

from __future__ import annotations

from enum import StrEnum


class LabelledEnum(StrEnum):
    """A StrEnum whose members carry a (zh, en) label pair."""

    @classmethod
    def labels(cls) -> dict[str, tuple[str, str]]:
        return _LABELS[cls.__name__]

    def label(self, lang: str = "zh") -> str:
        zh, en = _LABELS[type(self).__name__][self.value]
        return zh if lang == "zh" else en

    @classmethod
    def from_label(cls, text: str) -> LabelledEnum | None:
        """Accept a code, a Chinese label or an English label (case-insensitive)."""
        key = text.strip()
        for code, (zh, en) in _LABELS[cls.__name__].items():
            if key.upper() == code or key == zh or key.lower() == en.lower():
                return cls(code)
        return None


class CpType(LabelledEnum):
    DOMESTIC_ENTERPRISE = "DOMESTIC_ENTERPRISE"
    INDIVIDUAL_BUSINESS = "INDIVIDUAL_BUSINESS"
    FOREIGN = "FOREIGN"
    OTHER_ORG = "OTHER_ORG"


class Role(LabelledEnum):
    CUSTOMER = "CUSTOMER"
    SUPPLIER = "SUPPLIER"
    BOTH = "BOTH"


class Category(LabelledEnum):
    RE_OXIDE = "RE_OXIDE"
    RE_METAL = "RE_METAL"
    RE_ALLOY = "RE_ALLOY"
    NDFEB_ALLOY = "NDFEB_ALLOY"
    SINTERED_NDFEB = "SINTERED_NDFEB"
    BONDED_NDFEB = "BONDED_NDFEB"
    SMCO = "SMCO"
    MAGNET_POWDER = "MAGNET_POWDER"
    SCRAP = "SCRAP"
    OTHER = "OTHER"


MAGNET_CATEGORIES = frozenset({Category.SINTERED_NDFEB, Category.BONDED_NDFEB, Category.SMCO})
RAW_CATEGORIES = frozenset(
    {
        Category.RE_OXIDE,
        Category.RE_METAL,
        Category.RE_ALLOY,
        Category.NDFEB_ALLOY,
        Category.SCRAP,
        Category.MAGNET_POWDER,
    }
)
# Categories whose composition (Dy/Tb/...) must be declared.
COMPOSITION_CATEGORIES = MAGNET_CATEGORIES | {Category.RE_ALLOY, Category.NDFEB_ALLOY}


class Unit(LabelledEnum):
    KG = "KG"
    T = "T"
    PCS = "PCS"


class Origin(LabelledEnum):
    DOMESTIC = "DOMESTIC"
    IMPORT = "IMPORT"


class Process(LabelledEnum):
    SINTERED = "SINTERED"
    BONDED = "BONDED"
    HOT_PRESSED = "HOT_PRESSED"
    GBD = "GBD"
    MACHINING_ONLY = "MACHINING_ONLY"


class EndUse(LabelledEnum):
    EV_MOTOR = "EV_MOTOR"
    INDUSTRIAL_MOTOR = "INDUSTRIAL_MOTOR"
    WIND = "WIND"
    CONSUMER_ELECTRONICS = "CONSUMER_ELECTRONICS"
    APPLIANCES = "APPLIANCES"
    MEDICAL = "MEDICAL"
    SENSORS_AUTOMOTIVE = "SENSORS_AUTOMOTIVE"
    ROBOTICS = "ROBOTICS"
    AEROSPACE = "AEROSPACE"
    RESEARCH = "RESEARCH"
    MILITARY = "MILITARY"
    OTHER = "OTHER"


class LicenceType(LabelledEnum):
    INDIVIDUAL = "INDIVIDUAL"
    GENERAL = "GENERAL"
    NONE = "NONE"


class ExemptKind(LabelledEnum):
    """Why a product holding listed magnets is not a controlled item itself
    (MOFCOM FAQ No. 5, DOMAIN.md §2.6): it is processed further."""

    ROTOR_ASSEMBLY = "ROTOR_ASSEMBLY"
    STATOR_ASSEMBLY = "STATOR_ASSEMBLY"
    MOULDED_SENSOR = "MOULDED_SENSOR"
    CONSUMER_GOODS = "CONSUMER_GOODS"


class AdjustmentKind(LabelledEnum):
    OPENING = "OPENING"
    RETURN = "RETURN"
    LOSS = "LOSS"


class PeriodState(LabelledEnum):
    OPEN = "OPEN"
    EXPORTED = "EXPORTED"
    FILED = "FILED"
    AMENDED = "AMENDED"


class EnterpriseType(LabelledEnum):
    SINTERED_MAKER = "SINTERED_MAKER"
    BONDED_MAKER = "BONDED_MAKER"
    SMCO_MAKER = "SMCO_MAKER"
    TRADER = "TRADER"


_LABELS: dict[str, dict[str, tuple[str, str]]] = {
    "CpType": {
        "DOMESTIC_ENTERPRISE": ("境内企业", "Domestic enterprise"),
        "INDIVIDUAL_BUSINESS": ("个体工商户", "Individual business"),
        "FOREIGN": ("境外企业", "Foreign enterprise"),
        "OTHER_ORG": ("其他组织", "Other organisation"),
    },
    "Role": {
        "CUSTOMER": ("客户", "Customer"),
        "SUPPLIER": ("供应商", "Supplier"),
        "BOTH": ("客户及供应商", "Customer and supplier"),
    },
    "Category": {
        "RE_OXIDE": ("稀土氧化物", "Rare-earth oxide"),
        "RE_METAL": ("稀土金属", "Rare-earth metal"),
        "RE_ALLOY": ("稀土合金", "Rare-earth alloy"),
        "NDFEB_ALLOY": ("钕铁硼合金(速凝片)", "NdFeB alloy (strip-cast flakes)"),
        "SINTERED_NDFEB": ("烧结钕铁硼", "Sintered NdFeB"),
        "BONDED_NDFEB": ("粘结钕铁硼", "Bonded NdFeB"),
        "SMCO": ("钐钴", "SmCo"),
        "MAGNET_POWDER": ("磁粉", "Magnet powder"),
        "SCRAP": ("废料", "Scrap"),
        "OTHER": ("其他", "Other"),
    },
    "Unit": {"KG": ("千克", "kg"), "T": ("吨", "t"), "PCS": ("件", "pcs")},
    "Origin": {"DOMESTIC": ("国内采购", "Domestic"), "IMPORT": ("进口", "Import")},
    "Process": {
        "SINTERED": ("烧结", "Sintered"),
        "BONDED": ("粘结", "Bonded"),
        "HOT_PRESSED": ("热压", "Hot-pressed"),
        "GBD": ("晶界扩散", "Grain-boundary diffusion"),
        "MACHINING_ONLY": ("机加工", "Machining only"),
    },
    "EndUse": {
        "EV_MOTOR": ("新能源汽车驱动电机", "EV/HEV traction motor"),
        "INDUSTRIAL_MOTOR": ("工业电机/伺服", "Industrial motor/servo"),
        "WIND": ("风力发电", "Wind turbine"),
        "CONSUMER_ELECTRONICS": ("消费电子/声学", "Consumer electronics/acoustics"),
        "APPLIANCES": ("家电(压缩机)", "Appliances (compressors)"),
        "MEDICAL": ("医疗(核磁共振)", "Medical (MRI)"),
        "SENSORS_AUTOMOTIVE": ("传感器/汽车零部件", "Sensors/automotive"),
        "ROBOTICS": ("机器人", "Robotics"),
        "AEROSPACE": ("航空航天", "Aerospace"),
        "RESEARCH": ("科研", "Research"),
        "MILITARY": ("军事用途", "Military"),
        "OTHER": ("其他", "Other"),
    },
    "LicenceType": {
        "INDIVIDUAL": ("单项", "Individual"),
        "GENERAL": ("通用", "General"),
        "NONE": ("无", "None"),
    },
    "ExemptKind": {
        "ROTOR_ASSEMBLY": ("深加工：转子组件", "Deep-processed: rotor assembly"),
        "STATOR_ASSEMBLY": ("深加工：定子组件", "Deep-processed: stator assembly"),
        "MOULDED_SENSOR": ("深加工：注塑传感器", "Deep-processed: moulded sensor"),
        "CONSUMER_GOODS": ("磁性消费品", "Magnetic consumer goods"),
    },
    "AdjustmentKind": {
        "OPENING": ("期初库存", "Opening stock"),
        "RETURN": ("退货入库", "Customer return"),
        "LOSS": ("损耗", "Loss"),
    },
    "PeriodState": {
        "OPEN": ("未申报", "Open"),
        "EXPORTED": ("已导出", "Exported"),
        "FILED": ("已申报", "Filed"),
        "AMENDED": ("更正中", "Amended"),
    },
    "EnterpriseType": {
        "SINTERED_MAKER": ("烧结钕铁硼生产企业", "Sintered NdFeB maker"),
        "BONDED_MAKER": ("粘结钕铁硼生产企业", "Bonded NdFeB maker"),
        "SMCO_MAKER": ("钐钴生产企业", "SmCo maker"),
        "TRADER": ("贸易商", "Trader"),
    },
}


def yes_no(value: bool, lang: str = "zh") -> str:
    """是/否 (Yes/No): the yes-or-no kind's display."""
    from .kinds import boolean

    return boolean.display(bool(value), lang)

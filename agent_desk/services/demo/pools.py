"""What demo data is made of: life cycles, reasons, notes, number prefixes, real places, name pools."""

from __future__ import annotations

import random
from functools import cache

from faker import Faker

from agent_desk.core.orders import TRANSITIONS, OrderAction, OrderState, Stage, stage_of

# (final state, the actions that lead there): every state of the life cycle appears.
LIFECYCLES: list[tuple[float, str, list[str]]] = [
    (0.04, "draft", []),
    (0.08, "pending_review", ["submit"]),
    (0.04, "returned", ["submit", "reject_review"]),
    (0.06, "pending_logistics", ["submit", "approve"]),
    (0.04, "label_printed", ["submit", "approve", "print_label"]),
    (0.14, "shipped", ["submit", "approve", "print_label", "handover"]),
    (0.50, "delivered", ["submit", "approve", "print_label", "handover", "deliver"]),
    (0.06, "refused", ["submit", "approve", "print_label", "handover", "refuse"]),
    (0.04, "cancelled", ["submit", "cancel"]),
]
# Minutes each action comes after the step before it (a submit: after the draft was opened, on the call).
ACTION_MINUTES: dict[str, tuple[int, int]] = {
    "submit": (2, 20),
    "reject_review": (5, 120),
    "approve": (5, 120),
    "cancel": (10, 240),
    "print_label": (15, 240),
    "handover": (60, 480),
    "deliver": (1_440, 5_760),
    "refuse": (1_440, 5_760),
}
HISTORY_MINUTES = 350 * 1_440  # finished orders go back this far: inside the record's year (floor.DAYS)
# Minutes since an order reached its final state. The queues people work are hours deep (no audit or
# logistics queue keeps an order for months); parcels are days on the road; finished orders are history.
STATE_AGE_MINUTES: dict[str, tuple[int, int]] = {
    "draft": (5, 240),
    "pending_review": (0, 240),
    "returned": (10, 480),
    "pending_logistics": (0, 240),
    "label_printed": (0, 240),
    "shipped": (60, 4 * 1_440),
    "delivered": (60, HISTORY_MINUTES),
    "refused": (60, HISTORY_MINUTES),
    "cancelled": (60, HISTORY_MINUTES),
}
ACTION_SECONDS = {action: (low * 60, high * 60) for action, (low, high) in ACTION_MINUTES.items()}
STATE_AGE_SECONDS = {state: (low * 60, high * 60) for state, (low, high) in STATE_AGE_MINUTES.items()}
# Who acts at each stage of the one transition table (core.orders); stage-less actions are the agent's.
STAGE_ROLE = {Stage.REVIEW: "auditor", Stage.LOGISTICS: "logistics", None: "agent"}


@cache
def step(state: str, action: str) -> tuple[str, str, str]:
    target = TRANSITIONS[(OrderState(state), OrderAction(action))]
    return state, target.value, STAGE_ROLE[stage_of(OrderAction(action))]


REASONS = {
    "reject_review": [
        "地址缺少门牌号，请与客户确认",
        "客户要求改为预付款",
        "折扣超出权限，请重新核价",
    ],
    "cancel": ["客户来电取消", "重复下单", "客户不接电话，无法确认"],
    "refuse": ["客户拒收：不想要了", "客户拒收：包装破损"],
}
# How a call was wrapped up: (share of answered calls, notes an agent writes for that disposition).
# The disposition is drawn first and its notes after, so the two always tell one story; an empty
# note is an agent who wrote nothing, which the simple calls often get.
WRAP_UPS: dict[str, tuple[float, tuple[str, ...]]] = {
    "sale": (
        0.30,
        (
            "下单两盒，货到付款",
            "老客户复购，下单三件套，预付款",
            "下单一台，客户要求周末送货",
            "看了广告来电，下单体验装",
            "Ordered two boxes of fish oil, cash on delivery",
        ),
    ),
    "enquiry": (
        0.24,
        (
            "咨询鱼油用法，已解答",
            "咨询产品成分和保质期，已说明",
            "询问有没有优惠活动，已介绍本周套餐",
            "Asked about warranty on the vacuum; explained two years on the motor",
            "",
        ),
    ),
    "order_status": (
        0.18,
        (
            "询问物流进度，已告知单号",
            "快递三天未到，已查询，明天派送",
            "问什么时候发货，已告知今天出库",
            "Asked where the parcel is; gave the tracking number",
        ),
    ),
    "return": (
        0.07,
        (
            "要求退货，已登记",
            "尺寸不合适，申请换货，已登记",
            "收到商品有破损，申请退款，已登记",
        ),
    ),
    "complaint": (
        0.05,
        (
            "投诉快递员态度，已记录并安抚",
            "对送货速度不满，已道歉并登记投诉",
            "Complained the product did not match the advert; logged for the supervisor",
        ),
    ),
    "callback": (
        0.11,
        (
            "客户想比价，稍后回电",
            "客户在开车，约晚上回电",
            "要和家人商量，明天回拨",
        ),
    ),
    "wrong_number": (
        0.05,
        (
            "打错电话",
            "无声电话，已挂断",
            "推销电话，已挂断",
            "Wrong number: wanted a bank",
            "",
        ),
    ),
}
MOBILE_PREFIXES = [
    "130",
    "131",
    "132",
    "135",
    "136",
    "137",
    "138",
    "139",
    "150",
    "151",
    "152",
    "155",
    "156",
    "157",
    "158",
    "159",
    "166",
    "176",
    "177",
    "180",
    "181",
    "182",
    "183",
    "185",
    "186",
    "187",
    "188",
    "189",
    "198",
    "199",
]


class Pools:
    """Faker is ~50 µs a call; a few thousand real values recombined keep 1M rows fast and realistic."""

    def __init__(self, rng: random.Random, size: int = 4_000) -> None:
        fake = Faker("zh_CN")
        fake.seed_instance(rng.randrange(1 << 30))
        self.names = [fake.name() for _ in range(size)]
        self.genders = ["M" if fake.boolean() else "F" for _ in range(size)]
        self.addresses: list[tuple[str, str, str, str, str]] = []
        for _ in range(size):
            province, city, districts, postcode = rng.choice(PLACES)
            self.addresses.append(
                (
                    province,
                    city,
                    rng.choice(districts),
                    f"{fake.street_name()}{rng.randint(1, 999)}号"
                    f"{rng.randint(1, 30)}栋{rng.randint(1, 30)}0{rng.randint(1, 4)}室",
                    postcode,
                )
            )


# Real province / city / district combinations (Faker draws each on its own, giving 新疆…哈尔滨).
PLACES: list[tuple[str, str, list[str], str]] = [
    ("北京市", "北京市", ["海淀区", "朝阳区", "东城区", "西城区", "丰台区"], "100000"),
    ("上海市", "上海市", ["浦东新区", "徐汇区", "静安区", "黄浦区", "闵行区"], "200000"),
    ("天津市", "天津市", ["和平区", "南开区", "河西区"], "300000"),
    ("重庆市", "重庆市", ["渝中区", "江北区", "沙坪坝区"], "400000"),
    ("广东省", "广州市", ["天河区", "越秀区", "海珠区", "白云区"], "510000"),
    ("广东省", "深圳市", ["南山区", "福田区", "宝安区", "龙岗区"], "518000"),
    ("广东省", "东莞市", [""], "523000"),
    ("浙江省", "杭州市", ["西湖区", "上城区", "拱墅区", "滨江区"], "310000"),
    ("浙江省", "宁波市", ["海曙区", "鄞州区"], "315000"),
    ("江苏省", "南京市", ["鼓楼区", "玄武区", "秦淮区"], "210000"),
    ("江苏省", "苏州市", ["姑苏区", "吴中区", "工业园区"], "215000"),
    ("四川省", "成都市", ["武侯区", "锦江区", "青羊区", "成华区"], "610000"),
    ("湖北省", "武汉市", ["武昌区", "江汉区", "洪山区"], "430000"),
    ("湖南省", "长沙市", ["岳麓区", "芙蓉区", "天心区"], "410000"),
    ("山东省", "济南市", ["历下区", "市中区", "槐荫区"], "250000"),
    ("山东省", "青岛市", ["市南区", "市北区", "崂山区"], "266000"),
    ("河南省", "郑州市", ["金水区", "中原区", "二七区"], "450000"),
    ("陕西省", "西安市", ["雁塔区", "碑林区", "未央区"], "710000"),
    ("辽宁省", "沈阳市", ["和平区", "沈河区", "皇姑区"], "110000"),
    ("黑龙江省", "哈尔滨市", ["南岗区", "道里区", "香坊区"], "150000"),
    ("福建省", "厦门市", ["思明区", "湖里区"], "361000"),
    ("云南省", "昆明市", ["五华区", "盘龙区"], "650000"),
]

import type { Insertable } from "kysely";
import type { PromoCodeTable, TaxCategory, TaxRateCategory, WeeklyHours } from "./schema.ts";

// The demo chain's catalogue. Names are [en, de, ja]; prices are a US base in cents that the
// seed converts per region (see regionPrice in seed.ts).

export const regions = [
  {
    code: "us",
    name: "New York",
    currency: "USD",
    currency_digits: 2,
    locale: "en-US",
    timezone: "America/New_York",
    tax_mode: "exclusive" as const,
    tax_rate_ppm: 88_750, // NYC sales tax 8.875 %, added on top
    delivery_fee: 399,
    min_delivery_subtotal: 1000,
    driver_speed_kmh: 18,
  },
  {
    code: "de",
    name: "Berlin",
    currency: "EUR",
    currency_digits: 2,
    locale: "de-DE",
    timezone: "Europe/Berlin",
    tax_mode: "inclusive" as const,
    tax_rate_ppm: 70_000, // reduced VAT on delivered food, contained in the price
    delivery_fee: 249,
    min_delivery_subtotal: 1200,
    driver_speed_kmh: 20,
  },
  {
    code: "jp",
    name: "Tokyo",
    currency: "JPY",
    currency_digits: 0,
    locale: "ja-JP",
    timezone: "Asia/Tokyo",
    tax_mode: "inclusive" as const,
    tax_rate_ppm: 80_000, // consumption tax on take-out food, prices shown tax-inclusive
    delivery_fee: 300,
    min_delivery_subtotal: 1500,
    driver_speed_kmh: 16,
  },
];

/**
 * A region's tax rate per category where it differs from the region's `tax_rate_ppm` (migration 0013).
 * Germany: food delivered or taken away 7 %, every drink but milk 19 %, the delivery fee follows the items
 * (null: split over their rates, docs/decisions.md). Japan: take-out food 8 %, alcohol and the delivery
 * fee (a service, not food) 10 %. New York: 8.875 % on everything taxable, so no rows.
 */
export const taxRates: { region_code: string; category: TaxRateCategory; rate_ppm: number | null }[] = [
  { region_code: "de", category: "soft_drink", rate_ppm: 190_000 },
  { region_code: "de", category: "alcohol", rate_ppm: 190_000 },
  { region_code: "de", category: "delivery_fee", rate_ppm: null },
  { region_code: "jp", category: "alcohol", rate_ppm: 100_000 },
  { region_code: "jp", category: "delivery_fee", rate_ppm: 100_000 },
];

const late: [string, string][] = [["11:00", "23:00"]];
const weekend: [string, string][] = [["11:00", "02:00"]];
export const standardHours: WeeklyHours = {
  mon: late,
  tue: late,
  wed: late,
  thu: late,
  fri: weekend,
  sat: weekend,
  sun: [["12:00", "22:00"]],
};
// The demo should be orderable whenever someone tries it, so one store per region never closes.
export const allDayHours: WeeklyHours = {
  mon: [["00:00", "24:00"]],
  tue: [["00:00", "24:00"]],
  wed: [["00:00", "24:00"]],
  thu: [["00:00", "24:00"]],
  fri: [["00:00", "24:00"]],
  sat: [["00:00", "24:00"]],
  sun: [["00:00", "24:00"]],
};

/**
 * What a store pays its driver per delivery (minor units of the region's currency; `stores.driver_fee_per_delivery`,
 * migration 0029): $5.00, €4.00, ¥500. Tips come on top and go to the driver whole.
 */
export const driverFeePerDelivery: Record<string, number> = { us: 500, de: 400, jp: 500 };

export const stores = [
  {
    slug: "nyc-midtown",
    region: "us",
    name: "Midtown Manhattan",
    address: "250 W 43rd St, New York, NY 10036",
    phone: "+12125550143",
    lat: 40.757,
    lng: -73.9877,
    tz: "America/New_York",
    hours: allDayHours,
  },
  {
    slug: "nyc-williamsburg",
    region: "us",
    name: "Williamsburg",
    address: "150 Bedford Ave, Brooklyn, NY 11211",
    phone: "+17185550150",
    lat: 40.7184,
    lng: -73.9574,
    tz: "America/New_York",
    hours: standardHours,
  },
  {
    slug: "ber-mitte",
    region: "de",
    name: "Berlin Mitte",
    address: "Rosenthaler Str. 40, 10178 Berlin",
    phone: "+493055501040",
    lat: 52.5267,
    lng: 13.4017,
    tz: "Europe/Berlin",
    hours: allDayHours,
  },
  {
    slug: "ber-kreuzberg",
    region: "de",
    name: "Berlin Kreuzberg",
    address: "Oranienstr. 190, 10999 Berlin",
    phone: "+493055501190",
    lat: 52.5003,
    lng: 13.4189,
    tz: "Europe/Berlin",
    hours: standardHours,
  },
  {
    slug: "tyo-shibuya",
    region: "jp",
    name: "渋谷店 Shibuya",
    address: "東京都渋谷区道玄坂2-1",
    phone: "+81355501021",
    lat: 35.6591,
    lng: 139.6982,
    tz: "Asia/Tokyo",
    hours: allDayHours,
  },
  {
    slug: "tyo-shinjuku",
    region: "jp",
    name: "新宿店 Shinjuku",
    address: "東京都新宿区新宿3-38",
    phone: "+81355501338",
    lat: 35.6905,
    lng: 139.7005,
    tz: "Asia/Tokyo",
    hours: standardHours,
  },
];

type Names = [en: string, de: string, ja: string];

export const categories: { id: string; names: Names }[] = [
  { id: "pizzas", names: ["Pizzas", "Pizzen", "ピザ"] },
  { id: "sides", names: ["Sides", "Beilagen", "サイド"] },
  { id: "desserts", names: ["Desserts", "Desserts", "デザート"] },
  { id: "drinks", names: ["Drinks", "Getränke", "ドリンク"] },
];

export const sizes: { id: string; diameter: number; maxToppings: number; names: Names }[] = [
  { id: "small", diameter: 25, maxToppings: 6, names: ['Small 10"', "Klein 25 cm", "S 25cm"] },
  { id: "medium", diameter: 30, maxToppings: 8, names: ['Medium 12"', "Mittel 30 cm", "M 30cm"] },
  { id: "large", diameter: 35, maxToppings: 10, names: ['Large 14"', "Groß 35 cm", "L 35cm"] },
  { id: "xl", diameter: 40, maxToppings: 10, names: ['Extra Large 16"', "XL 40 cm", "XL 40cm"] },
];

/** Crusts and the sizes they come in; price is a surcharge per size in US cents. */
export const crusts: { id: string; sizes: Record<string, number>; names: Names }[] = [
  {
    id: "hand_tossed",
    sizes: { small: 0, medium: 0, large: 0, xl: 0 },
    names: ["Hand Tossed", "Klassisch", "ハンドトス"],
  },
  {
    id: "thin",
    sizes: { medium: 0, large: 0, xl: 0 },
    names: ["Crunchy Thin", "Dünn & knusprig", "クリスピー"],
  },
  { id: "pan", sizes: { small: 100, medium: 150, large: 200 }, names: ["Deep Pan", "Pfanne", "パン"] },
  {
    id: "stuffed",
    sizes: { large: 300, xl: 350 },
    names: ["Cheese Stuffed", "Käsefüllung", "チーズンロール"],
  },
  {
    id: "gluten_free",
    sizes: { small: 200, medium: 250 },
    names: ["Gluten Free", "Glutenfrei", "グルテンフリー"],
  },
];

export const sauces: { id: string; names: Names }[] = [
  { id: "tomato", names: ["Tomato", "Tomate", "トマト"] },
  { id: "bbq", names: ["Smoky BBQ", "Rauchige BBQ", "BBQ"] },
  { id: "garlic_white", names: ["Garlic White", "Weiße Knoblauch", "ガーリックホワイト"] },
  { id: "pesto", names: ["Basil Pesto", "Basilikum-Pesto", "バジルペースト"] },
  { id: "no_sauce", names: ["No sauce", "Ohne Soße", "ソースなし"] },
];

export const cheeseLevels: { id: string; prices: Record<string, number>; names: Names }[] = [
  { id: "none", prices: {}, names: ["No cheese", "Ohne Käse", "チーズなし"] },
  { id: "light", prices: {}, names: ["Light cheese", "Wenig Käse", "チーズ少なめ"] },
  { id: "normal", prices: {}, names: ["Normal cheese", "Normal Käse", "チーズ普通"] },
  {
    id: "extra",
    prices: { small: 100, medium: 150, large: 200, xl: 250 },
    names: ["Extra cheese", "Extra Käse", "チーズ増量"],
  },
];

export const toppingPrices: Record<string, number> = { small: 150, medium: 200, large: 250, xl: 300 };
export const premiumSurcharge = 50;

export const toppings: { id: string; kind: "meat" | "veggie" | "cheese"; premium?: boolean; names: Names }[] =
  [
    { id: "pepperoni", kind: "meat", names: ["Pepperoni", "Peperoni-Salami", "ペパロニ"] },
    {
      id: "italian_sausage",
      kind: "meat",
      names: ["Italian Sausage", "Italienische Wurst", "イタリアンソーセージ"],
    },
    { id: "ham", kind: "meat", names: ["Ham", "Schinken", "ハム"] },
    { id: "bacon", kind: "meat", names: ["Bacon", "Speck", "ベーコン"] },
    { id: "chicken", kind: "meat", names: ["Grilled Chicken", "Hähnchen", "グリルチキン"] },
    { id: "beef", kind: "meat", names: ["Ground Beef", "Rinderhack", "ビーフ"] },
    { id: "anchovies", kind: "meat", premium: true, names: ["Anchovies", "Sardellen", "アンチョビ"] },
    { id: "mushrooms", kind: "veggie", names: ["Mushrooms", "Champignons", "マッシュルーム"] },
    { id: "onions", kind: "veggie", names: ["Onions", "Zwiebeln", "オニオン"] },
    { id: "green_peppers", kind: "veggie", names: ["Green Peppers", "Grüne Paprika", "ピーマン"] },
    { id: "black_olives", kind: "veggie", names: ["Black Olives", "Schwarze Oliven", "ブラックオリーブ"] },
    { id: "jalapenos", kind: "veggie", names: ["Jalapeños", "Jalapeños", "ハラペーニョ"] },
    { id: "pineapple", kind: "veggie", names: ["Pineapple", "Ananas", "パイナップル"] },
    { id: "tomatoes", kind: "veggie", names: ["Fresh Tomatoes", "Frische Tomaten", "トマト"] },
    { id: "spinach", kind: "veggie", names: ["Baby Spinach", "Babyspinat", "ほうれん草"] },
    { id: "red_onion", kind: "veggie", names: ["Red Onion", "Rote Zwiebeln", "赤玉ねぎ"] },
    { id: "garlic", kind: "veggie", names: ["Roasted Garlic", "Gerösteter Knoblauch", "ローストガーリック"] },
    { id: "arugula", kind: "veggie", premium: true, names: ["Arugula", "Rucola", "ルッコラ"] },
    { id: "feta", kind: "cheese", names: ["Feta", "Feta", "フェタチーズ"] },
    { id: "parmesan", kind: "cheese", names: ["Parmesan", "Parmesan", "パルメザン"] },
    {
      id: "goat_cheese",
      kind: "cheese",
      premium: true,
      names: ["Goat Cheese", "Ziegenkäse", "ゴートチーズ"],
    },
  ];

interface ItemSeed {
  id: string;
  category: string;
  kind: "pizza" | "side" | "dessert" | "drink";
  /** Defaults to soft_drink for drinks and food for the rest. */
  taxCategory?: TaxCategory;
  /** Handed over only against the customer's handover code (migration 0028). */
  ageRestricted?: boolean;
  names: Names;
  descriptions?: Names;
  sauce?: string;
  cheese?: string;
  toppings?: string[];
  tags?: string[];
  /** variant → US price in cents; '' when the item has no variants. */
  prices: Record<string, number>;
  variantNames?: Record<string, Names>;
  optionGroups?: {
    id: string;
    min: number;
    max: number;
    names: Names;
    options: { id: string; price?: number; names: Names }[];
  }[];
}

const pizzaPrices = (small: number) => ({ small, medium: small + 300, large: small + 600, xl: small + 900 });

export const items: ItemSeed[] = [
  {
    id: "margherita",
    category: "pizzas",
    kind: "pizza",
    sauce: "tomato",
    cheese: "normal",
    toppings: ["tomatoes"],
    tags: ["vegetarian"],
    names: ["Margherita", "Margherita", "マルゲリータ"],
    descriptions: [
      "Tomato sauce, mozzarella, fresh tomatoes and basil.",
      "Tomatensoße, Mozzarella, frische Tomaten und Basilikum.",
      "トマトソース、モッツァレラ、フレッシュトマト、バジル。",
    ],
    prices: pizzaPrices(999),
  },
  {
    id: "pepperoni",
    category: "pizzas",
    kind: "pizza",
    sauce: "tomato",
    cheese: "normal",
    toppings: ["pepperoni"],
    names: ["Pepperoni", "Peperoni", "ペパロニ"],
    descriptions: [
      "A classic loaded with crispy pepperoni.",
      "Der Klassiker mit knuspriger Peperoni-Salami.",
      "カリカリのペパロニをたっぷりと。",
    ],
    prices: pizzaPrices(1199),
  },
  {
    id: "hawaiian",
    category: "pizzas",
    kind: "pizza",
    sauce: "tomato",
    cheese: "normal",
    toppings: ["ham", "pineapple"],
    names: ["Hawaiian", "Hawaii", "ハワイアン"],
    descriptions: [
      "Ham and pineapple. Yes, really.",
      "Schinken und Ananas. Ja, wirklich.",
      "ハムとパイナップル。",
    ],
    prices: pizzaPrices(1199),
  },
  {
    id: "veggie_supreme",
    category: "pizzas",
    kind: "pizza",
    sauce: "tomato",
    cheese: "normal",
    tags: ["vegetarian"],
    toppings: ["mushrooms", "onions", "green_peppers", "black_olives", "tomatoes"],
    names: ["Veggie Supreme", "Gemüse Supreme", "ベジタブルスプリーム"],
    descriptions: [
      "Mushrooms, onions, peppers, olives and tomatoes.",
      "Champignons, Zwiebeln, Paprika, Oliven und Tomaten.",
      "マッシュルーム、オニオン、ピーマン、オリーブ、トマト。",
    ],
    prices: pizzaPrices(1299),
  },
  {
    id: "meat_lovers",
    category: "pizzas",
    kind: "pizza",
    sauce: "tomato",
    cheese: "normal",
    toppings: ["pepperoni", "italian_sausage", "ham", "bacon", "beef"],
    names: ["Meat Lovers", "Fleischliebhaber", "ミートラバーズ"],
    descriptions: [
      "Pepperoni, sausage, ham, bacon and beef.",
      "Peperoni, Wurst, Schinken, Speck und Rind.",
      "ペパロニ、ソーセージ、ハム、ベーコン、ビーフ。",
    ],
    prices: pizzaPrices(1399),
  },
  {
    id: "bbq_chicken",
    category: "pizzas",
    kind: "pizza",
    sauce: "bbq",
    cheese: "normal",
    toppings: ["chicken", "red_onion", "bacon"],
    names: ["BBQ Chicken", "BBQ Hähnchen", "BBQチキン"],
    descriptions: [
      "Smoky BBQ sauce, grilled chicken, red onion and bacon.",
      "Rauchige BBQ-Soße, Hähnchen, rote Zwiebeln und Speck.",
      "スモーキーBBQソース、グリルチキン、赤玉ねぎ、ベーコン。",
    ],
    prices: pizzaPrices(1399),
  },
  {
    id: "quattro_formaggi",
    category: "pizzas",
    kind: "pizza",
    sauce: "garlic_white",
    cheese: "extra",
    toppings: ["feta", "parmesan", "goat_cheese"],
    tags: ["vegetarian"],
    names: ["Four Cheese", "Quattro Formaggi", "クアトロフォルマッジ"],
    descriptions: [
      "Garlic white sauce with mozzarella, feta, parmesan and goat cheese.",
      "Weiße Knoblauchsoße mit Mozzarella, Feta, Parmesan und Ziegenkäse.",
      "ガーリックホワイトソースに4種のチーズ。",
    ],
    prices: pizzaPrices(1349),
  },
  {
    id: "pesto_garden",
    category: "pizzas",
    kind: "pizza",
    sauce: "pesto",
    cheese: "light",
    toppings: ["spinach", "tomatoes", "arugula", "garlic"],
    tags: ["vegetarian"],
    names: ["Pesto Garden", "Pesto Garten", "ペストガーデン"],
    descriptions: [
      "Basil pesto, spinach, tomatoes, arugula and roasted garlic.",
      "Basilikum-Pesto, Spinat, Tomaten, Rucola und Knoblauch.",
      "バジルペースト、ほうれん草、トマト、ルッコラ。",
    ],
    prices: pizzaPrices(1299),
  },
  {
    id: "build_your_own",
    category: "pizzas",
    kind: "pizza",
    sauce: "tomato",
    cheese: "normal",
    toppings: [],
    names: ["Build Your Own", "Selbst gestalten", "自分で作る"],
    descriptions: [
      "Start with cheese and tomato; add what you love.",
      "Käse und Tomate als Basis, der Rest ist Ihre Wahl.",
      "チーズとトマトから、お好みで。",
    ],
    prices: pizzaPrices(899),
  },
  {
    id: "garlic_bread",
    category: "sides",
    kind: "side",
    tags: ["vegetarian"],
    names: ["Garlic Bread", "Knoblauchbrot", "ガーリックブレッド"],
    descriptions: [
      "Oven-baked with garlic butter.",
      "Im Ofen gebacken mit Knoblauchbutter.",
      "ガーリックバターで焼き上げ。",
    ],
    prices: { "4pc": 499, "8pc": 799 },
    variantNames: { "4pc": ["4 pieces", "4 Stück", "4個"], "8pc": ["8 pieces", "8 Stück", "8個"] },
  },
  {
    id: "chicken_wings",
    category: "sides",
    kind: "side",
    names: ["Chicken Wings", "Chicken Wings", "チキンウィング"],
    descriptions: [
      "Crispy wings tossed in your choice of sauce.",
      "Knusprige Flügel in der Soße Ihrer Wahl.",
      "お好みのソースで。",
    ],
    prices: { "6pc": 799, "12pc": 1399 },
    variantNames: { "6pc": ["6 pieces", "6 Stück", "6本"], "12pc": ["12 pieces", "12 Stück", "12本"] },
    optionGroups: [
      {
        id: "wing_sauce",
        min: 1,
        max: 1,
        names: ["Sauce", "Soße", "ソース"],
        options: [
          { id: "buffalo", names: ["Buffalo", "Buffalo", "バッファロー"] },
          { id: "bbq", names: ["BBQ", "BBQ", "BBQ"] },
          { id: "honey_garlic", names: ["Honey Garlic", "Honig-Knoblauch", "ハニーガーリック"] },
        ],
      },
      {
        id: "wing_dip",
        min: 0,
        max: 2,
        names: ["Dips", "Dips", "ディップ"],
        options: [
          { id: "ranch", price: 75, names: ["Ranch", "Ranch", "ランチ"] },
          { id: "blue_cheese", price: 75, names: ["Blue Cheese", "Blauschimmelkäse", "ブルーチーズ"] },
        ],
      },
    ],
  },
  {
    id: "mozzarella_sticks",
    category: "sides",
    kind: "side",
    tags: ["vegetarian"],
    names: ["Mozzarella Sticks", "Mozzarella-Sticks", "モッツァレラスティック"],
    prices: { "": 699 },
  },
  {
    id: "caesar_salad",
    category: "sides",
    kind: "side",
    names: ["Caesar Salad", "Caesar Salat", "シーザーサラダ"],
    prices: { "": 749 },
    optionGroups: [
      {
        id: "salad_extra",
        min: 0,
        max: 1,
        names: ["Add", "Dazu", "追加"],
        options: [
          {
            id: "add_chicken",
            price: 200,
            names: ["Grilled chicken", "Gegrilltes Hähnchen", "グリルチキン"],
          },
        ],
      },
    ],
  },
  {
    id: "lava_cake",
    category: "desserts",
    kind: "dessert",
    tags: ["vegetarian"],
    names: ["Chocolate Lava Cake", "Schoko-Lava-Kuchen", "フォンダンショコラ"],
    prices: { "": 599 },
  },
  {
    id: "cinnamon_sticks",
    category: "desserts",
    kind: "dessert",
    tags: ["vegetarian"],
    names: ["Cinnamon Sticks", "Zimtstangen", "シナモンスティック"],
    prices: { "": 549 },
  },
  {
    id: "tiramisu",
    category: "desserts",
    kind: "dessert",
    tags: ["vegetarian"],
    names: ["Tiramisu", "Tiramisu", "ティラミス"],
    prices: { "": 649 },
  },
  {
    id: "cola",
    category: "drinks",
    kind: "drink",
    names: ["Cola", "Cola", "コーラ"],
    prices: { "500ml": 249, "1500ml": 399 },
    variantNames: { "500ml": ["0.5 L", "0,5 l", "500ml"], "1500ml": ["1.5 L", "1,5 l", "1.5L"] },
  },
  {
    id: "diet_cola",
    category: "drinks",
    kind: "drink",
    names: ["Diet Cola", "Cola Zero", "ダイエットコーラ"],
    prices: { "500ml": 249, "1500ml": 399 },
    variantNames: { "500ml": ["0.5 L", "0,5 l", "500ml"], "1500ml": ["1.5 L", "1,5 l", "1.5L"] },
  },
  {
    id: "lemon_soda",
    category: "drinks",
    kind: "drink",
    names: ["Lemon Soda", "Zitronenlimonade", "レモンソーダ"],
    prices: { "500ml": 249 },
    variantNames: { "500ml": ["0.5 L", "0,5 l", "500ml"] },
  },
  {
    id: "iced_tea",
    category: "drinks",
    kind: "drink",
    names: ["Iced Tea", "Eistee", "アイスティー"],
    prices: { "500ml": 279 },
    variantNames: { "500ml": ["0.5 L", "0,5 l", "500ml"] },
  },
  {
    id: "water",
    category: "drinks",
    kind: "drink",
    names: ["Still Water", "Stilles Wasser", "ミネラルウォーター"],
    prices: { "500ml": 179 },
    variantNames: { "500ml": ["0.5 L", "0,5 l", "500ml"] },
  },
  {
    id: "beer",
    category: "drinks",
    kind: "drink",
    // Alcohol: 10 % in Japan, 19 % in Germany, the one sales-tax rate in New York (tax-lines.ts).
    taxCategory: "alcohol",
    ageRestricted: true,
    names: ["Lager Beer", "Lagerbier", "生ビール"],
    prices: { "350ml": 449 },
    variantNames: { "350ml": ["350 ml can", "350-ml-Dose", "350ml缶"] },
  },
];

/**
 * The demo promo codes; `store` is a store slug (the seed turns it into the store's id). A percent
 * code's description states its cap only when it has one (checked by promo creation and a test):
 * WELCOME10's cap of 1000 minor units is $10, €10 or ¥1,000 depending on the order's currency.
 */
export const demoPromos: (Omit<Insertable<PromoCodeTable>, "store_id"> & { store?: string })[] = [
  {
    code: "WELCOME10",
    description: "10% off your first order (up to $10, €10 or ¥1,000)",
    kind: "percent",
    percent: 10,
    max_discount: 1000,
    first_order_only: true,
    per_customer_limit: 1,
  },
  {
    code: "FREEDELIVERY",
    description: "Free delivery on orders over the minimum",
    kind: "free_delivery",
    min_subtotal: 1500,
  },
  {
    code: "NYC5",
    description: "$5 off orders of $25 or more in New York",
    kind: "fixed",
    amount: 500,
    currency: "USD",
    region_code: "us",
    min_subtotal: 2500,
  },
  {
    code: "TWOMEDIUMS",
    description: "Any two medium pizzas for one price",
    kind: "bundle",
    bundle: JSON.stringify({
      kind: "pizza",
      variant: "medium",
      quantity: 2,
      price: { us: 1999, de: 1899, jp: 2900 },
    }),
  },
  {
    code: "FREECOLA",
    description: "A free 0.5 L cola with any order",
    kind: "free_item",
    free_item_id: "cola",
    min_subtotal: 1000,
  },
  {
    code: "MIDTOWN20",
    description: "20% off at Midtown, first 100 orders (up to $10)",
    kind: "percent",
    percent: 20,
    max_discount: 1000,
    store: "nyc-midtown",
    usage_limit: 100,
  },
];

export const DEMO_PASSWORD = "PizzaDemo-2026";

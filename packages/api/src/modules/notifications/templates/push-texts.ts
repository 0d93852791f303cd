// What a push says, in en, de and ja: the driver's offer (with its Accept/Decline buttons), an order ready
// to pick up, the shift reminder, and the customer's order stages. Short: a phone shows two lines.
import type { MessageLocale } from "./i18n.ts";

export interface PushWords {
  offerTitle: string;
  offerBody(store: string, km: string, minutes: number): string;
  accept: string;
  decline: string;
  readyTitle(n: number): string;
  readyBody(store: string): string;
  shiftTitle: string;
  shiftBody(store: string): string;
  /** A customer's order stage: title and body (n is the order number). */
  stages: Record<OrderStage, { title: string; body(n: number): string }>;
}

export type OrderStage = "preparing" | "out_for_delivery" | "ready" | "delivered";

export const PUSH_TEXTS: Record<MessageLocale, PushWords> = {
  en: {
    offerTitle: "New delivery offer",
    offerBody: (store, km, min) =>
      `Pick up at ${store} · ${km} km away, about ${min} min. Answer before it expires.`,
    accept: "Accept",
    decline: "Decline",
    readyTitle: (n) => `Order #${n} is ready`,
    readyBody: (store) => `It is waiting for you at ${store}.`,
    shiftTitle: "Orders are waiting for a driver",
    shiftBody: (store) => `${store} has deliveries and no driver free. Start your shift if you can.`,
    stages: {
      preparing: {
        title: "The store is making your order",
        body: (n) => `Your order #${n} is being prepared.`,
      },
      out_for_delivery: { title: "Your order is on its way", body: (n) => `Order #${n} has left the store.` },
      ready: { title: "Your order is ready", body: (n) => `Order #${n} is ready to collect at the counter.` },
      delivered: { title: "Delivered — enjoy!", body: (n) => `Order #${n} has been delivered.` },
    },
  },
  de: {
    offerTitle: "Neues Lieferangebot",
    offerBody: (store, km, min) =>
      `Abholung bei ${store} · ${km} km entfernt, etwa ${min} Min. Antworte, bevor es abläuft.`,
    accept: "Annehmen",
    decline: "Ablehnen",
    readyTitle: (n) => `Bestellung Nr. ${n} ist fertig`,
    readyBody: (store) => `Sie wartet bei ${store} auf dich.`,
    shiftTitle: "Bestellungen warten auf einen Fahrer",
    shiftBody: (store) =>
      `${store} hat Lieferungen und keinen freien Fahrer. Beginne deine Schicht, wenn du kannst.`,
    stages: {
      preparing: {
        title: "Ihre Bestellung wird zubereitet",
        body: (n) => `Ihre Bestellung Nr. ${n} wird gerade zubereitet.`,
      },
      out_for_delivery: {
        title: "Ihre Bestellung ist unterwegs",
        body: (n) => `Bestellung Nr. ${n} hat die Filiale verlassen.`,
      },
      ready: {
        title: "Ihre Bestellung ist fertig",
        body: (n) => `Bestellung Nr. ${n} liegt zur Abholung bereit.`,
      },
      delivered: { title: "Geliefert – guten Appetit!", body: (n) => `Bestellung Nr. ${n} wurde geliefert.` },
    },
  },
  ja: {
    offerTitle: "新しい配達の依頼",
    offerBody: (store, km, min) => `${store}で受け取り・${km} km、約${min}分。期限までに応答してください。`,
    accept: "受ける",
    decline: "断る",
    readyTitle: (n) => `注文 #${n} の準備ができました`,
    readyBody: (store) => `${store}でお待ちしています。`,
    shiftTitle: "配達員を待っている注文があります",
    shiftBody: (store) =>
      `${store}に配達待ちの注文があり、空いている配達員がいません。可能ならシフトを開始してください。`,
    stages: {
      preparing: { title: "ご注文を調理中です", body: (n) => `ご注文 #${n} を調理しています。` },
      out_for_delivery: { title: "ご注文をお届け中です", body: (n) => `ご注文 #${n} が店舗を出発しました。` },
      ready: {
        title: "ご注文の準備ができました",
        body: (n) => `ご注文 #${n} をカウンターでお受け取りください。`,
      },
      delivered: { title: "お届けしました", body: (n) => `ご注文 #${n} をお届けしました。` },
    },
  },
};

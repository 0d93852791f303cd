import { type DBSchema, type IDBPDatabase, openDB } from "idb";

/**
 * The driver's outbox: delivery status changes (picked up, delivered) are written here first and sent
 * from here, in order, whenever there is a connection. IndexedDB survives a reload, a crash and a phone
 * that kills the tab. Each action carries a `clientActionId` made on the device, so a replay of an
 * action the server already applied (the answer was lost on the way back) changes nothing.
 */
export type ActionKind = "picked_up" | "delivered";

export type AwayCode = "met_elsewhere" | "address_wrong" | "other";
export interface AwayReason {
  code: AwayCode;
  note?: string;
}
export interface PhotoRef {
  key: string;
  contentType: "image/jpeg" | "image/png" | "image/webp";
  size: number;
}

export interface SignatureRef {
  key: string;
  contentType: "image/png";
  size: number;
}
export type BagCheck = "order" | "items" | "drinks";

export interface QueuedAction {
  seq?: number;
  clientActionId: string;
  kind: ActionKind;
  deliveryId: string;
  orderNumber: number;
  cashCollected?: number;
  /** Delivered away from the address: why (the server refuses "Delivered" beyond ~300 m without it). */
  awayReason?: AwayReason;
  /** The drop-off photo, kept here (IndexedDB stores Blobs) until it is uploaded… */
  photo?: Blob;
  /** …and then the uploaded photo, so a retry does not upload it again. */
  photoRef?: PhotoRef;
  /** The customer's signature (a PNG drawn on the phone), uploaded like the photo… */
  signature?: Blob;
  signatureRef?: SignatureRef;
  /** The customer's 4-digit handover code, when the order needs one. */
  handoverCode?: string;
  /** Picked up: the bag checks ticked (the server refuses "Picked up" without every one). */
  checks?: BagCheck[];
  createdAt: number;
  attempts: number;
  lastError?: string;
}

interface OutboxDb extends DBSchema {
  actions: { key: number; value: QueuedAction };
}

const DB_NAME = "pizza-driver-outbox";
let dbPromise: Promise<IDBPDatabase<OutboxDb>> | null = null;

function db(): Promise<IDBPDatabase<OutboxDb>> {
  dbPromise ??= openDB<OutboxDb>(DB_NAME, 1, {
    upgrade(d) {
      d.createObjectStore("actions", { keyPath: "seq", autoIncrement: true });
    },
  });
  return dbPromise;
}

/** A stable id for one action, made on the device (UUID when the browser has it). */
export function newClientActionId(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `a-${Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("")}`;
}

export async function enqueue(action: Omit<QueuedAction, "seq" | "attempts" | "createdAt">): Promise<void> {
  await (await db()).add("actions", { ...action, createdAt: Date.now(), attempts: 0 });
}

/** Oldest first: the order the driver did things in. */
export async function listQueued(): Promise<QueuedAction[]> {
  return (await db()).getAll("actions");
}

export async function removeQueued(seq: number): Promise<void> {
  await (await db()).delete("actions", seq);
}

export async function updateQueued(action: QueuedAction): Promise<void> {
  await (await db()).put("actions", action);
}

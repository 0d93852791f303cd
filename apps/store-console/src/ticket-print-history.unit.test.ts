import { describe, expect, it } from "vitest";
import { timeFmt } from "./kitchen-model.ts";
import { printHistoryText, type TicketPrint } from "./ticket-print-history.tsx";
import { qrPath } from "./ticket-qr.tsx";

const at = (iso: string) => timeFmt.format(new Date(iso));
const print = (p: Partial<TicketPrint>): TicketPrint => ({
  orderId: "o",
  kind: "kitchen",
  version: 1,
  reprint: false,
  printedAt: "2026-12-07T19:02:00Z",
  printedBy: "Ana",
  ...p,
});

describe("a ticket's print history in words", () => {
  it("says who printed and reprinted it, and when", () => {
    const text = printHistoryText([
      print({}),
      print({ kind: "delivery", printedBy: "Dan" }),
      print({ reprint: true, printedAt: "2026-12-07T19:10:00Z", printedBy: "Ben" }),
    ]);
    expect(text).toBe(
      `printed ${at("2026-12-07T19:02:00Z")} by Ana, reprinted ${at("2026-12-07T19:10:00Z")} by Ben`,
    );
  });
  it("calls an explicit first print a print by hand, and nothing printed an empty text", () => {
    expect(printHistoryText([print({ reprint: true })])).toBe(
      `printed ${at("2026-12-07T19:02:00Z")} by Ana (by hand)`,
    );
    expect(printHistoryText([])).toBe("");
  });
  it("tells the delivery ticket's prints apart from the kitchen's", () => {
    const prints = [
      print({}),
      print({ kind: "delivery", printedBy: "Dan" }),
      print({ kind: "delivery", reprint: true }),
    ];
    expect(printHistoryText(prints, "delivery")).toBe(
      `printed ${at("2026-12-07T19:02:00Z")} by Dan, reprinted ${at("2026-12-07T19:02:00Z")} by Ana`,
    );
  });
});

describe("the order number's QR code", () => {
  it("is a version-1 code (21 modules) with a 4-module quiet zone, drawn as squares", () => {
    const { size, d } = qrPath("1042");
    expect(size).toBe(21 + 8);
    expect(d.startsWith("M4 4h1v1h-1z")).toBe(true); // the finder pattern's top-left corner is dark
  });
});

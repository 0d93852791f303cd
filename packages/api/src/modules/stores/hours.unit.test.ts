import { describe, expect, it } from "vitest";
import { isOpenAt, nextOpening, type WeeklyHours } from "./hours.ts";

const late: [string, string][] = [["11:00", "23:00"]];
const hours: WeeklyHours = {
  mon: late,
  tue: late,
  wed: late,
  thu: late,
  fri: [["11:00", "02:00"]],
  sat: [["11:00", "02:00"]],
  sun: [["12:00", "22:00"]],
};

describe("store hours in the store's time zone", () => {
  it("is open at noon local time and closed at 10:00, whatever the server's zone", () => {
    // Wednesday 2026-01-14 12:00 in New York = 17:00 UTC.
    expect(isOpenAt(hours, "America/New_York", new Date("2026-01-14T17:00:00Z"))).toBe(true);
    expect(isOpenAt(hours, "America/New_York", new Date("2026-01-14T15:00:00Z"))).toBe(false);
    // The same instant is 02:00 Thursday in Tokyo: closed there.
    expect(isOpenAt(hours, "Asia/Tokyo", new Date("2026-01-14T17:00:00Z"))).toBe(false);
  });

  it("keeps a Friday span running past midnight into Saturday", () => {
    // Saturday 01:30 in Berlin (winter, UTC+1) = Saturday 00:30 UTC.
    expect(isOpenAt(hours, "Europe/Berlin", new Date("2026-01-17T00:30:00Z"))).toBe(true);
    // Thursday night 23:30 is after Thursday's 23:00 closing.
    expect(isOpenAt(hours, "Europe/Berlin", new Date("2026-01-15T22:30:00Z"))).toBe(false);
  });

  it("honours a day's override (closed for a holiday)", () => {
    const at = new Date("2026-01-14T17:00:00Z");
    expect(
      isOpenAt(hours, "America/New_York", at, [
        { day: "2026-01-14", opens: null, closes: null, closed: true },
      ]),
    ).toBe(false);
  });

  it("finds the next opening on the 15-minute grid", () => {
    const at = new Date("2026-01-14T14:07:00Z"); // 09:07 in New York
    expect(nextOpening(hours, "America/New_York", at)?.toISOString()).toBe("2026-01-14T16:00:00.000Z");
  });
});

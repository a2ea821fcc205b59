import { describe, expect, it } from "vitest";
import { formatLimit, formatMoney, yearlySavingPercent } from "@/app/pricing/format";

describe("pricing", () => {
  it("shows whole amounts without cents and others with them", () => {
    expect(formatMoney(1200, "USD")).toBe("$12");
    expect(formatMoney(1250, "USD")).toBe("$12.50");
    expect(formatMoney(0, "USD")).toBe("$0");
    expect(formatMoney(4900, "EUR")).toBe("€49");
  });

  it("states what a year saves against twelve months", () => {
    expect(yearlySavingPercent({ currency: "USD", monthlyCents: 1200, yearlyCents: 12000 })).toBe(17);
    expect(yearlySavingPercent({ currency: "USD", monthlyCents: 1000, yearlyCents: 12000 })).toBe(0);
    expect(yearlySavingPercent({ currency: "USD", monthlyCents: 0, yearlyCents: 0 })).toBe(0);
    expect(yearlySavingPercent({ currency: "USD", monthlyCents: null, yearlyCents: null })).toBe(0);
  });

  it("writes limits with separators, and none as a word", () => {
    expect(formatLimit(2000000)).toBe("2,000,000");
    expect(formatLimit(0)).toBe("None");
    expect(formatLimit(null)).toBe("Custom");
  });
});

import { clock, remainingNow } from "./time";

describe("the desk's clock", () => {
  it("writes minutes and seconds whatever the sign", () => {
    expect(clock(0)).toBe("0:00");
    expect(clock(45 * 60)).toBe("45:00");
    expect(clock(61)).toBe("1:01");
    expect(clock(-75)).toBe("1:15");
  });

  it("counts down only while the timer runs", () => {
    expect(remainingNow(600, true, 30.7)).toBe(570);
    expect(remainingNow(600, false, 30)).toBe(600);
    expect(remainingNow(10, true, 20)).toBe(-10);
  });
});

import { describe, expect, it } from 'vitest';
import { dueAtOffset, dueSlot, nextSlotAt, slotLimits, slotOffsets } from '../../src/jobs/slots';

const M = 1_800_000_000_000 - (1_800_000_000_000 % 60_000);

describe('slots inside a minute', () => {
  it('are the multiples of each sub-minute interval, once each, in order', () => {
    expect(slotOffsets([10_000])).toEqual([10_000, 20_000, 30_000, 40_000, 50_000]);
    expect(slotOffsets([15_000, 20_000])).toEqual([15_000, 20_000, 30_000, 40_000, 45_000]);
    expect(slotOffsets([30_000, 30_000, 60_000, 300_000])).toEqual([30_000]);
    expect(slotOffsets([60_000])).toEqual([]);
  });

  it('hold the monitors whose interval divides the offset', () => {
    expect(dueAtOffset(10_000, 30_000)).toBe(true);
    expect(dueAtOffset(20_000, 30_000)).toBe(false);
    expect(dueAtOffset(15_000, 45_000)).toBe(true);
    expect(dueAtOffset(60_000, 30_000)).toBe(false);
  });

  it('give probers half the interval and leave a second to write', () => {
    expect(slotLimits(10_000)).toEqual({ budgetMs: 9_000, graceMs: 4_000 });
    expect(slotLimits(30_000)).toEqual({ budgetMs: 29_000, graceMs: 14_000 });
  });

  it('run the latest slot begun, once, and skip one whose time is over', () => {
    const plan = { minute: M, offsets: [10_000, 20_000, 30_000, 40_000, 50_000] };
    expect(dueSlot(M + 5_000, plan, null)).toBeNull();
    expect(dueSlot(M + 10_000, plan, null)).toBe(M + 10_000);
    expect(dueSlot(M + 12_500, plan, null)).toBe(M + 10_000);
    expect(dueSlot(M + 12_500, plan, M + 10_000)).toBeNull();
    // Woken late: the slot at 20 s is skipped for the one at 30 s.
    expect(dueSlot(M + 31_000, plan, M + 10_000)).toBe(M + 30_000);
    // The last slot ends with the minute; the next minute's tick plans its own.
    expect(dueSlot(M + 59_999, plan, null)).toBe(M + 50_000);
    expect(dueSlot(M + 60_000, plan, null)).toBeNull();
    expect(dueSlot(M + 30_000, null, null)).toBeNull();
  });

  it('name the next slot to wake for', () => {
    const plan = { minute: M, offsets: [30_000] };
    expect(nextSlotAt(M + 1_000, plan)).toBe(M + 30_000);
    expect(nextSlotAt(M + 30_000, plan)).toBeNull();
    expect(nextSlotAt(M, null)).toBeNull();
  });
});

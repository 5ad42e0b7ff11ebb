import { describe, expect, it } from 'vitest';
import { isFixedLineKey } from '../../src/resolve/fixed-line.js';

describe('isFixedLineKey', () => {
  it.each(['phone:+554133422174', 'phone:+555128742786', 'phone:+34937346532', 'phone:+34915599360', 'phone:+351253545889'])('%s is a fixed line', (key) => {
    expect(isFixedLineKey(key)).toBe(true);
  });

  it.each(['phone:+5541988887777', 'phone:+554188887777', 'phone:+34606465007', 'phone:+351912081791', 'phone:+13054979384', 'phone:+525572292609', 'email:casa@x.com'])(
    '%s is not known to be one',
    (key) => {
      expect(isFixedLineKey(key)).toBe(false);
    },
  );
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isNino, maskNino, parseNino } from '../../domain/nino.ts';

describe('NINO parsing', () => {
  describe('accepts and normalises valid NINOs', () => {
    it.each([
      ['AB123456C', 'AB123456C'],
      ['ab123456c', 'AB123456C'],
      ['AB 12 34 56 C', 'AB123456C'],
      ['  ab 123456   d ', 'AB123456D'],
      ['AB\t12\u00a034 56A', 'AB123456A'],
      ['JG103759A', 'JG103759A'],
      ['ZX000000B', 'ZX000000B'],
      ['AZ999999D', 'AZ999999D'],
    ])('accepts %j as %s', (input, expected) => {
      // Act
      const result = parseNino(input);
      // Assess
      expect(result).toEqual({ ok: true, nino: expected });
    });
  });

  describe('rejects by HMRC format rules', () => {
    it.each([
      ['', /empty/],
      ['   ', /empty/],
      ['AB12345C', /two letters, six digits/],
      ['AB1234567C', /two letters, six digits/],
      ['A1123456C', /two letters, six digits/],
      ['AB123456E', /two letters, six digits/],
      ['AB123456', /no suffix/],
      ['AB-12-34-56-C', /two letters, six digits/],
      ['DA123456A', /cannot start with D/],
      ['FA123456A', /cannot start with F/],
      ['IA123456A', /cannot start with I/],
      ['QA123456A', /cannot start with Q/],
      ['UA123456A', /cannot start with U/],
      ['VA123456A', /cannot start with V/],
      ['AD123456A', /D as its second letter/],
      ['AF123456A', /F as its second letter/],
      ['AI123456A', /I as its second letter/],
      ['AO123456A', /O as its second letter/],
      ['AQ123456A', /Q as its second letter/],
      ['AU123456A', /U as its second letter/],
      ['AV123456A', /V as its second letter/],
      ['BG123456A', /BG is not allocated/],
      ['GB123456A', /GB is not allocated/],
      ['KN123456A', /KN is not allocated/],
      ['NK123456A', /NK is not allocated/],
      ['NT123456A', /NT is not allocated/],
      ['TN123456A', /TN is not allocated.*temporary/],
      ['ZZ123456A', /ZZ is not allocated/],
    ])('rejects %j', (input, reason) => {
      // Act
      const result = parseNino(input);
      // Assess
      expect(result.ok).toBe(false);
      expect(result.ok ? '' : result.reason).toMatch(reason);
    });
  });

  describe('rejects temporary and administrative references with a reason that says so', () => {
    it.each([
      ['TN 01 01 70 M', /temporary reference number \(TN \+ date of birth/],
      ['tn120362f', /temporary reference number \(TN \+ date of birth/],
      ['TN311299F', /temporary reference number/],
      ['12 A1 23 45', /HMRC Temporary Reference Number/],
      ['99z99999', /HMRC Temporary Reference Number/],
      ['NC 01 02 80 M', /temporary reference number \(date of birth/],
      ['OO123456A', /administrative reference with prefix OO .*tax credits/],
      ['CR123456A', /administrative reference with prefix CR/],
      ['FY123456A', /administrative reference with prefix FY/],
      ['MW123456A', /administrative reference with prefix MW/],
      ['NC123456A', /administrative reference with prefix NC/],
      ['PP999999A', /administrative reference with prefix PP/],
      ['PY123456A', /administrative reference with prefix PY/],
      ['PZ123456A', /administrative reference with prefix PZ/],
    ])('rejects %j', (input, reason) => {
      // Act
      const result = parseNino(input);
      // Assess
      expect(result.ok).toBe(false);
      expect(result.ok ? '' : result.reason).toMatch(reason);
    });
  });

  it('never throws and never accepts anything outside the format, whatever a sender writes', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (input) => {
        const result = parseNino(input);
        if (result.ok) {
          expect(result.nino).toMatch(/^[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]\d{6}[A-D]$/);
        } else {
          expect(result.reason.length).toBeGreaterThan(0);
        }
      }),
    );
  });

  it('accepts every NINO built from allowed letters, in any spacing and case', () => {
    const first = fc.constantFrom(...'ABCEGHJKLMNOPRSTWXYZ');
    const second = fc.constantFrom(...'ABCEGHJKLMNPRSTWXYZ');
    fc.assert(
      fc.property(first, second, fc.integer({ min: 0, max: 999_999 }), fc.constantFrom(...'ABCD'), (a, b, n, s) => {
        const prefix = `${a}${b}`;
        const canonical = `${prefix}${String(n).padStart(6, '0')}${s}`;
        const excluded = ['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ', 'OO', 'CR', 'FY', 'MW', 'NC', 'PP', 'PY', 'PZ'];
        const spaced = ` ${canonical.slice(0, 2).toLowerCase()} ${canonical.slice(2, 4)} ${canonical.slice(4)} `;
        expect(parseNino(spaced).ok).toBe(!excluded.includes(prefix));
      }),
    );
  });
});

describe('isNino', () => {
  it('is true only for a normalised valid NINO', () => {
    expect(isNino('AB123456C')).toBe(true);
    expect(isNino('ab123456c')).toBe(false);
    expect(isNino('AB 12 34 56 C')).toBe(false);
    expect(isNino('TN010170M')).toBe(false);
  });
});

describe('maskNino', () => {
  it.each([
    ['AB123456C', 'AB****56C'],
    ['ab 12 34 56 c', 'AB****56C'],
    ['TN 01 01 70 M', 'TN****70M'],
    ['AB1', '***'],
    ['', ''],
  ])('masks %j as %j', (input, expected) => {
    expect(maskNino(input)).toBe(expected);
  });

  it('never reveals the six digits of a NINO', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999_999 }), (n) => {
        const digits = String(n).padStart(6, '0');
        expect(maskNino(`AB${digits}C`)).not.toContain(digits.slice(0, 4));
      }),
    );
  });
});

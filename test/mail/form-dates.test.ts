import { describe, expect, it } from 'vitest';
import { normaliseFormDate } from '../../domain/mail/form-dates.ts';

describe('form dates', () => {
  describe('reads the ways a date is written on a form, UK day-first', () => {
    it.each([
      ['03/06/2024', '2024-06-03'],
      ['3/6/2024', '2024-06-03'],
      ['3/6/24', '2024-06-03'],
      ['03.06.2024', '2024-06-03'],
      ['03-06-2024', '2024-06-03'],
      ['2024-06-03', '2024-06-03'],
      ['2024-06-03T00:00:00.000Z', '2024-06-03'],
      ['3 June 2024', '2024-06-03'],
      ['3rd June 2024', '2024-06-03'],
      ['Monday 3 June 2024', '2024-06-03'],
      ['Mon, 3 Jun 2024', '2024-06-03'],
      ['03-Jun-2024', '2024-06-03'],
      ['3-Jun-24', '2024-06-03'],
      ['3 Sept 2024', '2024-09-03'],
      ['June 3, 2024', '2024-06-03'],
      ['  3\u00a0June\u00a02024 ', '2024-06-03'],
      ['29/02/2024', '2024-02-29'],
      ['45446', '2024-06-03'],
    ])('%j → %s', (input, expected) => {
      // Act
      const result = normaliseFormDate(input);
      // Assess
      expect(result).toBe(expected);
    });

    it('reads an Excel date cell (a Date at UTC midnight)', () => {
      expect(normaliseFormDate(new Date(Date.UTC(2025, 2, 10)))).toBe('2025-03-10');
    });

    it('reads an Excel serial number', () => {
      expect(normaliseFormDate(45726)).toBe('2025-03-10');
    });
  });

  describe('refuses what is not a real date', () => {
    it.each([
      '',
      '   ',
      '31/02/2024',
      '29/02/2023',
      '13/13/2024',
      '00/06/2024',
      '3 Junk 2024',
      'tomorrow',
      '=TODAY()',
      '123',
      '2024/06',
      'June 2024',
    ])('%j', (input) => {
      expect(normaliseFormDate(input)).toBeNull();
    });

    it('refuses an invalid Date and empty values', () => {
      expect(normaliseFormDate(new Date(Number.NaN))).toBeNull();
      expect(normaliseFormDate(null)).toBeNull();
      expect(normaliseFormDate(undefined)).toBeNull();
      expect(normaliseFormDate(1.5)).toBeNull();
    });
  });
});

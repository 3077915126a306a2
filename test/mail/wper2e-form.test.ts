import { describe, expect, it } from 'vitest';
import { csvToGrid } from '../../adapters/mail-reading/csv-grid.ts';
import { htmlToGrid } from '../../adapters/mail-reading/html-grid.ts';
import { splitTextLine, textToGrid } from '../../domain/mail/sources/text-grid.ts';
import { type FormReadContext, readForms } from '../../domain/mail/wper2e-form.ts';

const context: FormReadContext = { source: 'text', maxRecords: 40, sentAt: '2024-06-03T08:15:00Z', where: 'the body' };

function fromText(text: string, overrides: Partial<FormReadContext> = {}) {
  return readForms(textToGrid(text, 1000).grid, { ...context, ...overrides });
}

const HEADER = [
  'Provider Name:\tAvanta\tDistrict/Jobcentre:\tWest Yorkshire',
  'Request Date:\t03/06/2024\tReport Return Deadline:\t14/06/2024',
  'Return email address:\tdistrict-spoc.north@jcp.example',
];

describe('WPER2E form reading', () => {
  describe('splitting a pasted text line into cells', () => {
    it.each([
      ['a\tb\t\tc', ['a', 'b', '', 'c']],
      ['| a | b | c |', [' a ', ' b ', ' c ']],
      ['a   b  c', ['a', 'b', 'c']],
      ['Provider Name: Avanta', ['Provider Name: Avanta']],
      ['3 June 2024', ['3 June 2024']],
    ])('%j', (line, cells) => {
      expect(splitTextLine(line)).toEqual(cells);
    });
  });

  describe('header fields', () => {
    it('reads "Label:<tab>value" cells', () => {
      // Act
      const [read] = fromText(
        [...HEADER, '', '\tNiNo\tBenefit Type\tEnd Date\tJobcentre', '1\tJT123456A\tJSA\t17/06/2024\tLeeds'].join('\n'),
      );
      // Assess
      expect(read?.form).toMatchObject({
        providerName: 'Avanta',
        district: 'West Yorkshire',
        requestDate: '2024-06-03',
        returnDeadline: '2024-06-14',
        returnEmail: 'district-spoc.north@jcp.example',
      });
      expect(read?.findings).toEqual([]);
    });

    it('reads several "Label: value" pairs in one cell, with tolerant labels', () => {
      const [read] = fromText(
        [
          'Provider name: Avanta Ltd District / Jobcentre: Leeds City',
          'Date of request: 3rd June 2024 Return deadline: 14 June 2024',
          'Return e-mail address: <District-SPoC.North@JCP.example>',
          'NINO | Benefit type | End date | Jobcentre',
          'JT123456A | JSA | 17/06/2024 | Leeds',
        ].join('\n'),
      );
      expect(read?.form).toMatchObject({
        providerName: 'Avanta Ltd',
        district: 'Leeds City',
        requestDate: '2024-06-03',
        returnDeadline: '2024-06-14',
        returnEmail: 'district-spoc.north@jcp.example',
      });
    });

    it('falls back to the email date for a missing request date, and flags it', () => {
      const [read] = fromText(['Provider Name: Avanta', 'NiNo\tBenefit Type', 'JT123456A\tJSA'].join('\n'));
      expect(read?.form.requestDate).toBe('2024-06-03');
      expect(read?.findings.map((f) => [f.code, f.severity])).toContainEqual(['request-date-from-email', 'flag']);
    });

    it('rejects a form with no request date when the email has no date either', () => {
      const [read] = fromText(['NiNo\tBenefit Type', 'JT123456A\tJSA'].join('\n'), { sentAt: null });
      expect(read?.form.requestDate).toBe('');
      expect(read?.findings.map((f) => [f.code, f.severity])).toContainEqual(['missing-request-date', 'reject']);
    });

    it('flags a deadline it cannot read and a missing return address', () => {
      const [read] = fromText(
        ['Request Date: 03/06/2024', 'Report Return Deadline: ASAP', 'NiNo\tBenefit Type', 'JT123456A\tJSA'].join('\n'),
      );
      expect(read?.form.returnDeadline).toBeNull();
      const codes = read?.findings.map((f) => f.code);
      expect(codes).toContain('invalid-date');
      expect(codes).toContain('missing-field');
    });
  });

  describe('participant table', () => {
    it.each([['NiNo'], ['NINO'], ['NI No.'], ['NI Number'], ['National Insurance Number']])(
      'finds the NINO column headed %j',
      (heading) => {
        const [read] = fromText(
          [...HEADER, `${heading}\tBenefit Type\tEnd Date\tJobcentre`, 'KP654321B\tESA\t17/06/2024\tLeeds'].join('\n'),
        );
        expect(read?.form.rows.map((row) => row.nino)).toEqual(['KP654321B']);
      },
    );

    it("skips the template's numbered blank rows, keeps printed row numbers, and stops at prose", () => {
      const [read] = fromText(
        [
          ...HEADER,
          '\tNiNo\tBenefit Type\tEnd Date\tJobcentre',
          '1\tJT123456A\tJSA\t17/06/2024\tLeeds',
          '2\t\t\t\t',
          '3\tKP654321B\tESA\t3 Jun 2024\tBradford',
          '4\t\t\t\t',
          '',
          'Kind regards',
          'District SPoC',
        ].join('\n'),
      );
      expect(read?.form.rows).toEqual([
        {
          rowNumber: 1,
          rawNino: 'JT123456A',
          nino: 'JT123456A',
          benefitType: 'JSA',
          endDate: '2024-06-17',
          jobcentre: 'Leeds',
        },
        {
          rowNumber: 3,
          rawNino: 'KP654321B',
          nino: 'KP654321B',
          benefitType: 'ESA',
          endDate: '2024-06-03',
          jobcentre: 'Bradford',
        },
      ]);
      expect(read?.form.invalidRows).toEqual([]);
    });

    it('continues a table whose header is repeated on the next page', () => {
      const reads = fromText(
        [...HEADER, 'NiNo\tBenefit Type', 'JT123456A\tJSA', 'NiNo\tBenefit Type', 'KP654321B\tESA'].join('\n'),
      );
      expect(reads).toHaveLength(1);
      expect(reads[0]?.form.rows).toHaveLength(2);
    });

    it('leaves out invalid and repeated NINOs with a reason, and flags them without the full NINO', () => {
      const [read] = fromText(
        [
          ...HEADER,
          'NiNo\tBenefit Type\tEnd Date',
          'QQ123456C\tJSA\t',
          'JT123456A\tJSA\t',
          'jt 12 34 56 a\tJSA\tsoon',
        ].join('\n'),
      );
      expect(read?.form.rows.map((row) => row.rowNumber)).toEqual([2]);
      expect(read?.form.invalidRows).toEqual([
        { rowNumber: 1, rawNino: 'QQ123456C', reason: 'NINO prefix cannot start with Q' },
        { rowNumber: 3, rawNino: 'jt 12 34 56 a', reason: 'the same NINO as row 2' },
      ]);
      const messages = read?.findings.map((f) => f.message).join('\n') ?? '';
      expect(messages).toMatch(/Row 1: .*Jobcentre Plus/);
      expect(messages).not.toMatch(/123456/);
    });

    it('flags more than 40 records and still reads them all', () => {
      const lines = Array.from({ length: 41 }, (_, i) => `JT${String(100000 + i)}A\tJSA`);
      const [read] = fromText([...HEADER, 'NiNo\tBenefit Type', ...lines].join('\n'));
      expect(read?.form.rows).toHaveLength(41);
      expect(read?.findings.map((f) => [f.code, f.severity])).toContainEqual(['more-than-40-records', 'flag']);
    });

    it('reads a single participant written as "NINO:" lines (an ad hoc request)', () => {
      const [read] = fromText(
        ['Request Date: 15/09/2025', 'NINO: EB 45 67 89 D', 'Benefit: UC', 'Jobcentre: Doncaster'].join('\n'),
      );
      expect(read?.form.rows).toEqual([
        {
          rowNumber: 1,
          rawNino: 'EB 45 67 89 D',
          nino: 'EB456789D',
          benefitType: 'UC',
          endDate: null,
          jobcentre: 'Doncaster',
        },
      ]);
    });

    it('is not a form without a participant table or NINO line', () => {
      expect(fromText('Provider Name: Avanta\nRequest Date: 03/06/2024\nThanks')).toEqual([]);
    });
  });

  describe('form boundaries', () => {
    it('finds two forms when a second form starts after the first table', () => {
      const form = [...HEADER, 'NiNo\tBenefit Type', 'JT123456A\tJSA'];
      const reads = fromText([...form, '', ...form.map((line) => line.replace('JT123456A', 'KP654321B'))].join('\n'));
      expect(reads).toHaveLength(2);
    });

    it('keeps the title lines, which tell a WPER3E reminder apart', () => {
      const [read] = fromText(
        [
          'Work Programme Provider Exit Report Request - Electronic WPER3E - REMINDER',
          ...HEADER,
          'NiNo\tBenefit Type',
          'JT123456A\tJSA',
        ].join('\n'),
      );
      expect(read?.titles.join(' ')).toMatch(/WPER3E/);
    });
  });

  describe('HTML tables', () => {
    it('reads an Outlook-style table with nested layout tables, &nbsp; and <br>', () => {
      const html = `<html><head><style>p{margin:0}</style></head><body><table><tr><td>
        <table border=1><tr><td><p class=MsoNormal>Provider&nbsp;Name:<o:p></o:p></p></td><td><p>Avanta</p></td>
        <td><p>District/<br>Jobcentre:</p></td><td>West&nbsp;Yorkshire</td></tr>
        <tr><td>Request Date:</td><td><span>03/06/2024</span></td><td>Report Return Deadline:</td><td>14/06/2024</td></tr>
        <tr><td>Return email address:</td><td colspan=3><a href="mailto:district-spoc.north@jcp.example">district-spoc.north@jcp.example</a></td></tr></table>
        <table border=1><tr><td>&nbsp;</td><td><b>NiNo</b></td><td><b>Benefit<br>Type</b></td><td><b>End Date</b></td><td><b>Jobcentre</b></td></tr>
        <tr><td>1</td><td>JT&nbsp;12&nbsp;34&nbsp;56&nbsp;A</td><td>JSA</td><td>17/06/2024</td><td>Leeds</td></tr></table>
        </td></tr></table><p>Kind regards</p></body></html>`;
      // Act
      const { grid, activeContent } = htmlToGrid(html, 1000);
      const [read] = readForms(grid, { ...context, source: 'html' });
      // Assess
      expect(activeContent).toBe(0);
      expect(read?.form).toMatchObject({
        providerName: 'Avanta',
        district: 'West Yorkshire',
        requestDate: '2024-06-03',
        returnDeadline: '2024-06-14',
        returnEmail: 'district-spoc.north@jcp.example',
        rows: [{ rowNumber: 1, nino: 'JT123456A', benefitType: 'JSA', endDate: '2024-06-17', jobcentre: 'Leeds' }],
      });
    });

    it('drops scripts and counts them, never running them', () => {
      const { grid, activeContent } = htmlToGrid(
        '<p onclick="x()">Hi</p><script>alert("NiNo\\tBenefit Type")</script><img src=x onerror="y()"><a href="javascript:z()">z</a>',
        1000,
      );
      expect(activeContent).toBe(3 + 1);
      expect(grid.flat().map((cell) => cell.text)).not.toContain('alert("NiNo');
    });
  });

  describe('CSV', () => {
    it('marks formula cells, reads them as text, and flags them', () => {
      const csv = Buffer.from(
        'Request Date:,03/06/2024\r\nNiNo,Benefit Type,End Date,Jobcentre\r\nJT123456A,"=HYPERLINK(""http://x.example"",""JSA"")",-,@SUM(A1)\r\n',
      );
      const [read] = readForms(csvToGrid(csv, 1000).grid, { ...context, source: 'csv' });
      expect(read?.form.rows[0]).toMatchObject({
        benefitType: '=HYPERLINK("http://x.example","JSA")',
        endDate: null,
        jobcentre: '@SUM(A1)',
      });
      const formula = read?.findings.find((f) => f.code === 'formula-in-cell');
      expect(formula?.message).toMatch(/row 1 Benefit Type; row 1 Jobcentre/);
    });

    it('reads Windows-1252 and semicolon-separated files', () => {
      const csv = Buffer.from('Provider Name:;Avanta Caf\xe9\r\nNiNo;Benefit Type\r\nJT123456A;JSA\r\n', 'latin1');
      const [read] = readForms(csvToGrid(csv, 1000).grid, { ...context, source: 'csv' });
      expect(read?.form.providerName).toBe('Avanta Café');
      expect(read?.form.rows).toHaveLength(1);
    });
  });
});

describe('the CSV delimiter', () => {
  const fields = (csv: string) => csvToGrid(Buffer.from(csv), 100).grid.map((row) => row.map((cell) => cell.text));

  it('is the one that splits the lines alike, not the one that occurs most (a cell of semicolons in a comma file)', () => {
    // Found by the fuzz test: counting every occurrence chose ';' here and lost the formula cells.
    const csv = 'Request Date:,03/06/2024\r\nNiNo,Benefit Type,Jobcentre\r\nJT000000A,=;;;;:,=;;a\r\n';
    expect(fields(csv)[2]).toEqual(['JT000000A', '=;;;;:', '=;;a']);
  });

  it('is a semicolon or a tab where a locale writes them, and quoted text is not counted', () => {
    expect(fields('NiNo;Benefit Type;Jobcentre\r\nJT000000A;"JSA, 18-24";Leeds\r\n')[1]).toEqual([
      'JT000000A',
      'JSA, 18-24',
      'Leeds',
    ]);
    expect(fields('NiNo\tBenefit Type\tJobcentre\nJT000000A\tESA\tLeeds\n')[1]).toEqual(['JT000000A', 'ESA', 'Leeds']);
  });
});

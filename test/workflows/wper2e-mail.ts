/**
 * A WPER2E as a District SPoC emails it (the Annex A form as a tab-separated table in the body, as pasted from
 * Word), for tests that need a request with their own dates: invented people, `.example` addresses.
 */
export function wper2eMail(o: {
  messageId: string;
  /** The Date header (RFC 5322). */
  date: string;
  /** As printed on the form, dd/mm/yyyy. */
  requestDate: string;
  ninos?: string[];
  from?: string;
  subject?: string;
  /** A line of the District SPoC's own before the form. */
  note?: string;
}): Buffer {
  const rows = (o.ninos ?? ['JT123456A', 'KP654321B']).map((nino, i) => `${i + 1}\t${nino}\tJSA\t\tLeeds City`);
  return Buffer.from(
    [
      `From: ${o.from ?? 'district-spoc.north@jcp.example'}`,
      'To: exit-reports@provider.example',
      `Subject: ${o.subject ?? 'Work Programme Exit Report Request'}`,
      `Message-ID: <${o.messageId}>`,
      `Date: ${o.date}`,
      'Disposition-Notification-To: district-spoc.north@jcp.example',
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Dear Provider SPoC,',
      '',
      ...(o.note ? [o.note, ''] : []),
      'Work Programme Provider Exit Report Request - Electronic WPER2E',
      '',
      'Provider Name:\tAvanta\tDistrict/Jobcentre:\tWest Yorkshire',
      `Request Date:\t${o.requestDate}`,
      'Return email address:\tdistrict-spoc.north@jcp.example',
      '',
      '\tNiNo\tBenefit Type\tEnd Date\tJobcentre',
      ...rows,
      '',
      'Kind regards',
      'District SPoC (North)',
      '',
    ].join('\r\n'),
  );
}

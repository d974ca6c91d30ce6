import { describe, expect, it } from 'vitest';
import { translator } from '../../src/i18n';
import { CAUSES } from '../../src/probes/taxonomy';
import { noticeEmail, noticePayload } from '../../src/subscribers/messages';
import { alertEvent, incident } from '../fixtures/alert-events';

/** Subscriber mail tells what happened in the subscriber's language; webhooks stay the English API. */
const ctx = {
  from: 'status@example.test',
  to: 'reader@example.test',
  pageTitle: 'Acme status',
  pageUrl: 'https://status.example.test',
  unsubscribeUrl: 'https://status.example.test/unsubscribe?token=t',
};

describe('the cause in subscriber mail', () => {
  it('explains an opened incident in German, in the text and the HTML, and names no hint', () => {
    const de = translator('de');
    const mail = noticeEmail(alertEvent('incident.opened'), de, ctx);
    const explanation = de.explanation('http.upstream') as string;
    expect(mail.text).toContain(`\n${explanation}\n`);
    expect(mail.html).toContain(`<p style="margin:0 0 8px">${explanation}</p>`);
    expect(mail.text).not.toContain(CAUSES['http.upstream'].explanation);
    // Mail carries public words only: the hint is for the team.
    expect(mail.text).not.toContain(de.hint('http.upstream'));
  });

  it('explains the new cause of an update in Japanese', () => {
    const ja = translator('ja');
    const mail = noticeEmail(alertEvent('incident.updated'), ja, ctx);
    expect(mail.text).toContain(ja.explanation('net.timeout'));
    expect(mail.text).not.toContain(CAUSES['net.timeout'].explanation);
  });

  it('keeps the stored words of a cause this version does not know', () => {
    const event = alertEvent('incident.opened', {
      incident: incident({ cause: 'http.future', explanation: 'Something new went wrong.' }),
    });
    expect(noticeEmail(event, translator('fr'), ctx).text).toContain('\nSomething new went wrong.\n');
  });

  it('sends webhook subscribers the taxonomy’s English, whatever languages the pages speak', () => {
    const payload = noticePayload(alertEvent('incident.opened'), ctx.unsubscribeUrl);
    expect(payload.data.details).toContain(CAUSES['http.upstream'].explanation);
  });
});
